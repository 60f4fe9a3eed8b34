/**
 * @fileoverview The hand-solved tiny workbook (shared/examples/tiny): every model's comparison and
 * the campaign metrics its README derives with a pencil.
 */
import { describe, expect, it } from 'vitest';
import { analysed, tinyExpected, tinyWorkbook } from '../helpers/workbooks';
import { runFormula } from '../../src/engine/formulas/formulas';
import { liveData } from '../../src/engine/formulas/live-data';
import { metricValue } from '../../src/engine/metrics/campaign-metrics';
import { allData } from '../../src/engine/time/range';

describe('tiny example', () => {
  const a = analysed(tinyWorkbook());

  it('reads every row without findings', () => {
    expect(a.model.workbook.check.findings).toEqual([]);
    expect(a.model.interactions.map((i) => i.id)).toEqual(['I1', 'I2', 'I3', 'I4', 'I5', 'I6', 'I7']);
  });

  for (const [type, file] of [
    ['contact create', 'model-comparison-contact-create.csv'],
    ['deal create', 'model-comparison-deal-create.csv'],
    ['revenue', 'model-comparison-revenue.csv'],
  ] as const) {
    it(`MODEL_COMPARISON("${type}") matches the hand-solved table`, () => {
      const expected = tinyExpected(file);
      const actual = runFormula(liveData(a), 'MODEL_COMPARISON', [type]) as (string | number)[][];
      expect(actual[0]).toEqual(expected[0]);
      expect(actual.map((r) => r[0])).toEqual(expected.map((r) => r[0]));
      for (let r = 1; r < expected.length; r++) {
        for (let c = 1; c < expected[r].length; c++) {
          expect(actual[r][c], `${expected[r][0]} / ${expected[0][c]}`).toBeCloseTo(Number(expected[r][c]), 5);
        }
      }
    });
  }

  it('Spring launch metrics over all data', () => {
    const range = allData(a.zone, a.now);
    const spring = 0;
    expect(metricValue(a, spring, 'sessions', range)).toBe(1);
    expect(metricValue(a, spring, 'views', range)).toBe(1);
    expect(metricValue(a, spring, 'new contacts', range, 'first touch')).toBe(1);
    expect(metricValue(a, spring, 'new contacts', range, 'last touch')).toBe(2);
    expect(metricValue(a, spring, 'influenced contacts', range)).toBe(2);
    expect(metricValue(a, 1, 'influenced contacts', range)).toBe(2);
    expect(metricValue(a, spring, 'revenue', range)).toBeCloseTo(5000, 6);
    expect(metricValue(a, spring, 'deals with revenue', range)).toBe(1);
    expect(metricValue(a, spring, 'contacts with revenue', range)).toBe(2);
  });

  it('answers a column of campaigns in one call, shaped as the range', () => {
    const out = runFormula(liveData(a), 'CAMPAIGN_METRIC', [[['C1'], ['Webinar'], [''], ['Nope']], 'influenced contacts']) as unknown[][];
    expect(out.slice(0, 3)).toEqual([[2], [2], ['']]);
    expect(out[3][0]).toMatch(/^Unknown campaign "Nope"/);
    expect(runFormula(liveData(a), 'CAMPAIGN_ATTRIBUTION', [[['C1', 'C2']], 'revenue', 'Linear', '2026-01-01', '2026-12-31'])).toEqual([[expect.closeTo(5000, 6), expect.closeTo(1666.666667, 5)]]);
    expect(runFormula(null, 'TRAFFIC_SOURCE', [[['https://x.com/?utm_medium=email'], ['https://x.com/?gclid=1']]])).toEqual([['Email marketing'], ['Paid search']]);
    // Table formulas take one value per argument.
    expect(() => runFormula(liveData(a), 'MODEL_COMPARISON', [[['revenue'], ['deal create']]])).toThrowError(/takes one value, not a range/);
  });

  it('takes a range in any argument of a one-value formula, each row its own values', () => {
    expect(runFormula(null, 'TRAFFIC_SOURCE', [[['https://x.com/'], ['https://x.com/'], ['https://x.com/?utm_medium=email']], [['https://www.google.com/'], ['https://www.linkedin.com/feed'], ['']]]))
      .toEqual([['Organic search'], ['Organic social'], ['Email marketing']]);
    // Per-row dates: D1 closed on 1 April, Spring launch's linear share 5,000 (README); none in March.
    expect(runFormula(liveData(a), 'CAMPAIGN_METRIC', ['C1', 'revenue', [['2026-04-01'], ['2026-03-01']], [['2026-04-30'], ['2026-03-31']]]))
      .toEqual([[expect.closeTo(5000, 6)], [0]]);
    expect(() => runFormula(liveData(a), 'CAMPAIGN_METRIC', [[['C1'], ['C2']], [['views'], ['views'], ['views']]]))
      .toThrowError(/ranges must have the same shape; campaign is 2 x 1 cells, metric is 3 x 1/);
    // The optional version argument (a cell each refresh rewrites) does not change the answer.
    expect(runFormula(liveData(a), 'CAMPAIGN_METRIC', ['C1', 'influenced contacts', '', '', '', 17])).toBe(2);
  });

  it('CAMPAIGN_METRIC accepts a name or an ID and loose spelling', () => {
    expect(runFormula(liveData(a), 'CAMPAIGN_METRIC', ['Spring launch', 'New Contacts', '', '', 'last_touch'])).toBe(2);
    expect(runFormula(liveData(a), 'CAMPAIGN_METRIC', ['C1', 'influenced-contacts'])).toBe(2);
  });
});

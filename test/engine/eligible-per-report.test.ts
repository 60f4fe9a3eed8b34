/**
 * @fileoverview Interaction types per report type (HubSpot sets them per attribution report): deal
 * create and revenue each their own set, contact create and new contacts the document-wide one.
 *
 * By hand on the tiny example (test/fixtures/tiny/README.md): with revenue = {meeting}, D1's revenue
 * path is I7 alone (no campaign): Spring 0, (no campaign) 10,000. With deal create = {form
 * submission, email click}, D1's deal-create path (to 15 March) is I3, I4, I6: linear 1/3 each, so
 * Spring (I3, I6) 2/3 and Webinar (I4) 1/3. Contact create keeps the default set.
 */
import { describe, expect, it } from 'vitest';
import { analysed, NOW, tinyExpected, tinyWorkbook } from '../helpers/workbooks';
import { runFormula } from '../../src/engine/formulas/formulas';
import { liveData } from '../../src/engine/formulas/live-data';
import { buildFormulaStore } from '../../src/engine/formula-store/store';
import { storeData } from '../../src/engine/formula-store/store-data';
import { metricValue } from '../../src/engine/metrics/campaign-metrics';
import { allData } from '../../src/engine/time/range';
import { memoryContext } from '../helpers/memory-context';
import { defaultQuery, getSidebarState, refreshReports, saveSettings } from '../../src/server/app';
import { resolveSettings } from '../../src/engine/settings';

const own = { dealCreateEligibleTypes: ['form submission', 'email click'], revenueEligibleTypes: ['meeting'] } as const;

describe('eligible interaction types per report type', () => {
  const a = analysed(tinyWorkbook(), { dealCreateEligibleTypes: [...own.dealCreateEligibleTypes], revenueEligibleTypes: [...own.revenueEligibleTypes] });
  const data = liveData(a);

  it('revenue and deal create use their own sets', () => {
    expect(runFormula(data, 'CAMPAIGN_ATTRIBUTION', ['C1', 'revenue', 'Linear'])).toBe(0);
    const revenue = runFormula(data, 'ATTRIBUTION_TABLE', ['revenue', 'Linear']) as unknown[][];
    expect(revenue.find((r) => r[0] === '(no campaign)')![1]).toBe(10000);
    expect(runFormula(data, 'CAMPAIGN_ATTRIBUTION', ['C1', 'deal create', 'Linear'])).toBeCloseTo(2 / 3, 10);
    expect(runFormula(data, 'CAMPAIGN_ATTRIBUTION', ['C2', 'deal create', 'Linear'])).toBeCloseTo(1 / 3, 10);
  });

  it('contact create and new contacts keep the document-wide set', () => {
    const expected = tinyExpected('model-comparison-contact-create.csv');
    const actual = runFormula(data, 'MODEL_COMPARISON', ['contact create']) as unknown[][];
    for (let r = 1; r < expected.length; r++) for (let c = 1; c < expected[r].length; c++) expect(actual[r][c] as number).toBeCloseTo(Number(expected[r][c]), 6);
    expect(metricValue(a, 0, 'new contacts', allData(a.zone, a.now), 'first touch')).toBe(1);
  });

  it('a stored refresh answers the same', () => {
    const store = buildFormulaStore(a);
    const stored = storeData(store.meta, (ix) => ix.map((i) => store.series[i]));
    expect(runFormula(stored, 'CAMPAIGN_ATTRIBUTION', ['C1', 'deal create', 'Linear'])).toBeCloseTo(2 / 3, 10);
    expect(runFormula(stored, 'CAMPAIGN_ATTRIBUTION', ['C1', 'revenue', 'Linear'])).toBe(0);
    expect(store.meta.settingsKey).not.toBe(buildFormulaStore(analysed(tinyWorkbook())).meta.settingsKey);
  });

  it('an own set equal to the document-wide one shares its index; unknown types say what is accepted', () => {
    expect(() => resolveSettings({ revenueEligibleTypes: ['page view', 'carrier pigeon'] as never })).toThrowError(/Unknown interaction type "carrier pigeon" among revenue eligible types: use page view, form submission/);
    expect(() => resolveSettings({ dealCreateEligibleTypes: [] })).toThrowError(/at least one interaction type among deal create eligible types/);
  });

  it('the sidebar settings keep the sets and the refresh uses them', () => {
    const m = memoryContext(tinyWorkbook(), NOW);
    const state = getSidebarState(m.ctx);
    expect(state.settings.revenueEligibleTypes).toBeNull();
    const saved = saveSettings(m.ctx, { ...state.settings, ...own, dealCreateEligibleTypes: [...own.dealCreateEligibleTypes], revenueEligibleTypes: [...own.revenueEligibleTypes] });
    expect(saved.settings.revenueEligibleTypes).toEqual(['meeting']);
    const r = refreshReports(m.ctx, { scope: 'campaign', query: { ...defaultQuery(), campaign: 'C1', reportType: 'deal create' } });
    expect(r.summary).toContainEqual(['Linear credit (deal create)', '0.67']);
    expect(() => saveSettings(m.ctx, { ...state.settings, revenueEligibleTypes: [] })).toThrowError(/at least one interaction type among revenue/);
  });
});

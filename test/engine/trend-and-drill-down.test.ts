/**
 * @fileoverview CAMPAIGN_TREND on the hand-solved tiny example (test/fixtures/tiny/README.md), and
 * the drill-down tables' 5,000-row cap on a workbook with 6,000 credited interactions.
 */
import { describe, expect, it } from 'vitest';
import { analysed, tinyWorkbook, workbook } from '../helpers/workbooks';
import { runFormula } from '../../src/engine/formulas/formulas';
import { liveData } from '../../src/engine/formulas/live-data';
import { buildReports } from '../../src/engine/reports/all-reports';
import { resolveQuery } from '../../src/engine/reports/query';
import { DRILL_DOWN_LIMIT } from '../../src/engine/reports/revenue';

describe('CAMPAIGN_TREND', () => {
  const data = liveData(analysed(tinyWorkbook()));

  it('monthly over all data runs from the first data (25 Feb) to today (1 Nov): P1 and P2 first meet Spring launch in March', () => {
    expect(runFormula(data, 'CAMPAIGN_TREND', ['Spring launch', 'influenced contacts', 'monthly'])).toEqual([
      ['Month', 'Influenced contacts'], ['2026-02', 0], ['2026-03', 2], ['2026-04', 0], ['2026-05', 0], ['2026-06', 0],
      ['2026-07', 0], ['2026-08', 0], ['2026-09', 0], ['2026-10', 0], ['2026-11', 0],
    ]);
  });

  it('daily over a range: I2 opens Spring launch\'s only session on 2 March', () => {
    expect(runFormula(data, 'CAMPAIGN_TREND', ['C1', 'sessions', 'daily', '2026-03-01', '2026-03-05'])).toEqual([
      ['Date', 'Sessions'], ['2026-03-01', 0], ['2026-03-02', 1], ['2026-03-03', 0], ['2026-03-04', 0], ['2026-03-05', 0],
    ]);
  });

  it('revenue defaults to the last 365 days: 13 calendar months to 1 November 2026, 5,000 in April (D1 closed 1 April)', () => {
    const out = runFormula(data, 'CAMPAIGN_TREND', ['C1', 'revenue', 'monthly']) as [string, number][];
    expect(out[0]).toEqual(['Month', 'Revenue']);
    expect(out.slice(1).map((r) => r[0])).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(out.find((r) => r[0] === '2026-04')![1]).toBeCloseTo(5000, 6);
    expect(out.slice(1).reduce((s, r) => s + r[1], 0)).toBeCloseTo(5000, 6);
  });

  it('refuses an unknown frequency with the accepted ones', () => {
    expect(() => runFormula(data, 'CAMPAIGN_TREND', ['C1', 'sessions', 'weekly'])).toThrowError('Unknown frequency "weekly": use daily or monthly.');
  });
});

describe('drill-down cap', () => {
  it('lists 5,000 of 6,000 credited interactions, newest conversions first, and says so', () => {
    // One contact with 6,000 tagged page views a minute apart, then one closed-won deal: under
    // Linear every view earns 1/6000 of it, so 6,000 interactions are credited to the campaign.
    const start = Date.UTC(2026, 0, 1);
    const views = Array.from({ length: 6000 }, (_, i) => ({
      'Interaction ID': `I${i}`, Timestamp: new Date(start + i * 60_000).toISOString(), 'Contact ID': 'P1', Type: 'page view',
      URL: 'https://example.com/?utm_campaign=big', 'UTM campaign': 'big',
    }));
    const a = analysed(workbook({
      Campaigns: [{ 'Campaign ID': 'C1', Name: 'Big', 'UTM campaign': 'big' }],
      Contacts: [{ 'Contact ID': 'P1', 'Created at': '2026-01-01T00:00:00Z' }],
      Deals: [{ 'Deal ID': 'D1', 'Contact IDs': 'P1', 'Created at': '2026-01-10T00:00:00Z', Stage: 'closed won', 'Closed at': '2026-01-10T00:00:00Z', Amount: 6000 }],
      Interactions: views,
    }), {}, Date.UTC(2026, 1, 1));
    const [tab] = buildReports(a, resolveQuery(a, { preset: 'all' }), ['revenue-attribution']);
    const drill = tab.blocks.find((b) => b.id === 'drill-down')!;
    expect(DRILL_DOWN_LIMIT).toBe(5000);
    expect(drill.rows).toHaveLength(5000);
    expect(drill.note).toBe('Showing 5,000 of 6,000 credited interactions, newest deals first.');
    // Each row is one view's 1/6000 of 6,000: 1.
    expect(drill.rows.every((r) => Math.abs((r[r.length - 1] as number) - 1) < 1e-9)).toBe(true);
  });
});

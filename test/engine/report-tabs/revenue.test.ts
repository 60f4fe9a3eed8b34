/**
 * @fileoverview The CS Revenue tab, whole: summary, revenue by month of close, the linear
 * drill-down and the chart, on the hand-solved tiny example (test/fixtures/tiny/README.md, "CS
 * Revenue") and on an inline workbook with several deals (derived in the comments beside it).
 * The 365-day clipping itself is tested in ../revenue-rule.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { analysed, tinyWorkbook, workbook } from '../../helpers/workbooks';
import { UTC_AS_OF, blockOf, money, reportTab } from '../../helpers/report-tabs';

/** The 13 calendar months the last 365 days (2025-11-02 to 2026-11-01) touch. */
const LAST_365_MONTHS = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];

/** The by-month rows: every month zero except the given ones. */
const months = (filled: Record<string, [number, number]>) =>
  LAST_365_MONTHS.map((m) => (filled[m] ? [m, money(filled[m][0]), filled[m][1]] : [m, 0, 0]));

const DRILL_HEADER = ['Deal', 'Deal name', 'Closed at', 'Amount', 'Contact', 'Interaction', 'Time', 'Type', 'Asset', 'Source', 'Credit share', 'Credited revenue'];

describe('CS Revenue on the tiny example', () => {
  const a = analysed(tinyWorkbook());
  const d1 = ['D1', 'Acme annual plan', '2026-04-01 00:00', 10000];
  const sixth = [expect.closeTo(1 / 6, 12), money(10000 / 6)];

  it('Spring launch over all data (the last 365 days): summary, months, credited interactions, chart', () => {
    const tab = reportTab(a, 'revenue', { campaign: 'C1' });
    expect(tab.name).toBe('CS Revenue');
    expect(tab.key).toBe('revenue');
    expect(tab.title).toBe('Revenue: Spring launch');
    expect(tab.parameters).toEqual([['Campaign', 'Spring launch'], ['Date range', 'Last 365 days'], ...UTC_AS_OF]);
    expect(tab.blocks.map((b) => b.id)).toEqual(['summary', 'by-month', 'drill-down']);

    const summary = blockOf(tab, 'summary');
    expect(summary.title).toBe('Revenue (linear attribution)');
    expect(summary.note).toMatch(/^Closed-won deals closed in the last 365 days /);
    expect(summary.header).toEqual(['Revenue', 'Deals with revenue', 'Contacts with revenue']);
    expect(summary.formats).toEqual(['currency', 'integer', 'integer']);
    expect(summary.rows).toEqual([[money(5000), 1, 2]]);

    const byMonth = blockOf(tab, 'by-month');
    expect(byMonth.title).toBe('Revenue by month of close');
    expect(byMonth.header).toEqual(['Month', 'Revenue', 'Deals with revenue']);
    expect(byMonth.formats).toEqual(['month', 'currency', 'integer']);
    expect(byMonth.rows).toEqual(months({ '2026-04': [5000, 1] }));

    const drill = blockOf(tab, 'drill-down');
    expect(drill.title).toBe('Credited interactions (linear)');
    expect(drill.note).toBe('Each closed-won deal\'s interactions with the campaign, with the share of the deal\'s amount each earned.');
    expect(drill.header).toEqual(DRILL_HEADER);
    expect(drill.formats).toEqual(['text', 'text', 'datetime', 'currency', 'text', 'text', 'datetime', 'text', 'text', 'text', 'percent', 'currency']);
    expect(drill.rows).toEqual([
      [...d1, 'P1', 'I2', '2026-03-02 09:00', 'page view', 'Spring landing page', 'Organic social', ...sixth],
      [...d1, 'P1', 'I3', '2026-03-05 10:00', 'form submission', 'Spring signup form', 'Offline sources', ...sixth],
      [...d1, 'P2', 'I6', '2026-03-10 09:00', 'form submission', 'Spring signup form', 'Offline sources', ...sixth],
    ]);

    expect(tab.charts).toEqual([{
      id: 'revenue-by-month', title: 'Revenue by month: Spring launch', type: 'column', blockId: 'by-month',
      domainColumn: 0, seriesColumns: [1], xTitle: 'Month', yTitle: 'Revenue',
    }]);
  });

  it('Webinar: I4\'s sixth of D1, one contact', () => {
    const tab = reportTab(a, 'revenue', { campaign: 'Webinar' });
    expect(blockOf(tab, 'summary').rows).toEqual([[money(10000 / 6), 1, 1]]);
    expect(blockOf(tab, 'by-month').rows).toEqual(months({ '2026-04': [10000 / 6, 1] }));
    expect(blockOf(tab, 'drill-down').rows).toEqual([[...d1, 'P1', 'I4', '2026-03-08 12:00', 'email click', 'Webinar invitation', 'Offline sources', ...sixth]]);
  });

  it('March: D1 closed in April, so nothing; April: all of it', () => {
    const march = reportTab(a, 'revenue', { campaign: 'C1', from: '2026-03-01', to: '2026-03-31' });
    expect(march.parameters).toContainEqual(['Date range', '2026-03-01 to 2026-03-31']);
    expect(blockOf(march, 'summary').note).toMatch(/^Closed-won deals closed in 2026-03-01 to 2026-03-31 /);
    expect(blockOf(march, 'summary').rows).toEqual([[0, 0, 0]]);
    expect(blockOf(march, 'by-month').rows).toEqual([['2026-03', 0, 0]]);
    expect(blockOf(march, 'drill-down').rows).toEqual([]);

    const april = reportTab(a, 'revenue', { campaign: 'C1', preset: 'custom', from: '2026-04-01', to: '2026-04-30' });
    expect(blockOf(april, 'summary').rows).toEqual([[money(5000), 1, 2]]);
    expect(blockOf(april, 'by-month').rows).toEqual([['2026-04', money(5000), 1]]);
    expect(blockOf(april, 'drill-down').rows.map((r) => r[5])).toEqual(['I2', 'I3', 'I6']);
  });
});

/*
 * Fall (utm `fall`) and Other (utm `other`); P1, P2, P3 created 1 August. By hand:
 * - Sources: R1 opens P1's session with only utm_campaign: Other campaigns. R3 likewise for P2.
 *   R4 carries utm_medium=email: Email marketing. R2 (a meeting a day after R1) is outside every
 *   session: Offline sources. No assets, so the Asset column is blank.
 * - DA (P1 and P2, closed 15 Sep 12:00, 6,000): path R1 (Fall), R2 (none), R3 (Other): linear
 *   gives each 1/3 = 2,000. DB (P3, closed 1 Oct, 900): path R4 (Fall) alone (R5 is an open, not
 *   eligible): 900. DC (P2, closed 20 Sep, 5,000): path R3 (Other) alone. DD is lost and DE open:
 *   no revenue.
 * - Fall: 2,000 + 900 = 2,900 from 2 deals; contacts with revenue P1 (R1 on DA) and P3 (R4 on
 *   DB); P2 is on DA but without a Fall interaction. September 2,000 (1 deal), October 900 (1).
 *   Drill-down newest deal first: DB, then DA.
 * - Other: 2,000 + 5,000 = 7,000 from 2 deals, both in September; 1 contact (P2, counted once).
 */
const fall = workbook({
  Campaigns: [{ 'Campaign ID': 'C1', Name: 'Fall', 'UTM campaign': 'fall' }, { 'Campaign ID': 'C2', Name: 'Other', 'UTM campaign': 'other' }],
  Contacts: ['P1', 'P2', 'P3'].map((id) => ({ 'Contact ID': id, 'Created at': '2026-08-01' })),
  Deals: [
    { 'Deal ID': 'DA', Name: 'Alpha', 'Contact IDs': 'P1;P2', 'Created at': '2026-08-10', Stage: 'closed won', 'Closed at': '2026-09-15T12:00:00Z', Amount: 6000 },
    { 'Deal ID': 'DB', Name: 'Beta', 'Contact IDs': 'P3', 'Created at': '2026-08-10', Stage: 'closed won', 'Closed at': '2026-10-01', Amount: 900 },
    { 'Deal ID': 'DC', Name: 'Gamma', 'Contact IDs': 'P2', 'Created at': '2026-08-10', Stage: 'closed won', 'Closed at': '2026-09-20', Amount: 5000 },
    { 'Deal ID': 'DD', Name: 'Delta', 'Contact IDs': 'P1', 'Created at': '2026-08-10', Stage: 'closed lost', 'Closed at': '2026-09-01' },
    { 'Deal ID': 'DE', Name: 'Epsilon', 'Contact IDs': 'P1', 'Created at': '2026-08-10', Stage: 'proposal' },
  ],
  Interactions: [
    { 'Interaction ID': 'R1', Timestamp: '2026-08-02T10:00:00Z', 'Contact ID': 'P1', Type: 'page view', URL: 'https://ex.com/?utm_campaign=fall' },
    { 'Interaction ID': 'R2', Timestamp: '2026-08-03T10:00:00Z', 'Contact ID': 'P1', Type: 'meeting' },
    { 'Interaction ID': 'R3', Timestamp: '2026-08-04T10:00:00Z', 'Contact ID': 'P2', Type: 'page view', URL: 'https://ex.com/?utm_campaign=other' },
    { 'Interaction ID': 'R4', Timestamp: '2026-08-05T10:00:00Z', 'Contact ID': 'P3', Type: 'page view', URL: 'https://ex.com/?utm_campaign=fall&utm_medium=email' },
    { 'Interaction ID': 'R5', Timestamp: '2026-08-05T11:00:00Z', 'Contact ID': 'P3', Type: 'email open' },
  ],
});

describe('CS Revenue with several deals', () => {
  const a = analysed(fall);
  const alpha = ['DA', 'Alpha', '2026-09-15 12:00', 6000];
  const third = [expect.closeTo(1 / 3, 12), money(2000)];

  it('Fall over all data: two deals in two months, newest deal first in the drill-down', () => {
    const tab = reportTab(a, 'revenue', { campaign: 'Fall' });
    expect(tab.title).toBe('Revenue: Fall');
    expect(blockOf(tab, 'summary').rows).toEqual([[money(2900), 2, 2]]);
    expect(blockOf(tab, 'by-month').rows).toEqual(months({ '2026-09': [2000, 1], '2026-10': [900, 1] }));
    expect(blockOf(tab, 'drill-down').rows).toEqual([
      ['DB', 'Beta', '2026-10-01 00:00', 900, 'P3', 'R4', '2026-08-05 10:00', 'page view', '', 'Email marketing', 1, 900],
      [...alpha, 'P1', 'R1', '2026-08-02 10:00', 'page view', '', 'Other campaigns', ...third],
    ]);
    expect(tab.charts.map((c) => [c.id, c.blockId, c.seriesColumns])).toEqual([['revenue-by-month', 'by-month', [1]]]);
  });

  it('Fall in September: DA alone', () => {
    const tab = reportTab(a, 'revenue', { campaign: 'C1', from: '2026-09-01', to: '2026-09-30' });
    expect(blockOf(tab, 'summary').rows).toEqual([[money(2000), 1, 1]]);
    expect(blockOf(tab, 'by-month').rows).toEqual([['2026-09', money(2000), 1]]);
    expect(blockOf(tab, 'drill-down').rows).toEqual([[...alpha, 'P1', 'R1', '2026-08-02 10:00', 'page view', '', 'Other campaigns', ...third]]);
  });

  it('Other: two deals in September through one contact, counted once', () => {
    const tab = reportTab(a, 'revenue', { campaign: 'C2' });
    expect(blockOf(tab, 'summary').rows).toEqual([[money(7000), 2, 1]]);
    expect(blockOf(tab, 'by-month').rows).toEqual(months({ '2026-09': [7000, 2] }));
    expect(blockOf(tab, 'drill-down').rows).toEqual([
      ['DC', 'Gamma', '2026-09-20 00:00', 5000, 'P2', 'R3', '2026-08-04 10:00', 'page view', '', 'Other campaigns', 1, 5000],
      [...alpha, 'P2', 'R3', '2026-08-04 10:00', 'page view', '', 'Other campaigns', ...third],
    ]);
  });
});

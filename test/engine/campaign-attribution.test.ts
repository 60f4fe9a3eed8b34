/**
 * @fileoverview The campaign's Attribution tab, the Revenue drill-down and the Revenue attribution
 * chart on the tiny example, solved by hand (test/fixtures/tiny/README.md has the paths).
 *
 * U-shaped (first 40%, contact creation 40%, the rest share 20%):
 * - contact create: P1's path I1 I2 I3 gives I1 40%, I3 40%, I2 20%; P2's path is I6 alone (100%).
 *   Spring: I2 0.2 (landing page A1) + I3 0.4 + I6 1 (form A3) = 1.6 contacts.
 * - deal create (D1 created 15 March): I1 I2 I3 I4 I6; I1 and I3 40%, I2 I4 I6 6.67% each.
 *   Spring: I2 0.0667 + I3 0.4 + I6 0.0667 = 0.5333 deals. Webinar: I4 0.0667.
 * - revenue (D1, 10,000): I1 I2 I3 I4 I6 I7; I1 and I3 40%, the four others 5% each.
 *   Spring: I2 500 + I3 4,000 + I6 500 = 5,000. Webinar: I4 500.
 */
import { describe, expect, it } from 'vitest';
import { analysed, tinyWorkbook } from '../helpers/workbooks';
import { buildReports } from '../../src/engine/reports/all-reports';
import { resolveQuery } from '../../src/engine/reports/query';

describe('the campaign Attribution tab', () => {
  const a = analysed(tinyWorkbook());
  const tab = (campaign: string, model: string, reportType = 'revenue') => buildReports(a, resolveQuery(a, { campaign, model, reportType }), ['attribution'])[0];
  const block = (t: ReturnType<typeof tab>, id: string) => t.blocks.find((b) => b.id === id)!;
  const close = (rows: unknown[][]) => rows.map((r) => r.map((c) => (typeof c === 'number' ? Math.round(c * 1e4) / 1e4 : c)));

  it('is about the chosen campaign: its contacts, deals and revenue under the model', () => {
    const t = tab('Spring launch', 'U-shaped');
    expect(t.title).toBe('Attribution: Spring launch, U-shaped');
    expect(close(block(t, 'campaign-credit').rows)).toEqual([[1.6, 0.5333, 5000, 1, 10000]]);
    expect(close(block(tab('Webinar', 'U-shaped'), 'campaign-credit').rows)).toEqual([[0, 0.0667, 500, 1, 10000]]);
  });

  it('totals the credit per asset and per asset type', () => {
    const t = tab('Spring launch', 'U-shaped');
    expect(close(block(t, 'by-asset').rows)).toEqual([
      ['landing page', 'Spring landing page', 'A1', 0.2, 0.0667, 500],
      ['form', 'Spring signup form', 'A3', 1.4, 0.4667, 4500],
    ]);
    expect(close(block(t, 'by-asset-type').rows)).toEqual([
      ['landing page', 1, 0.2, 0.0667, 500],
      ['form', 1, 1.4, 0.4667, 4500],
    ]);
    expect(t.charts.map((c) => [c.blockId, c.seriesColumns])).toEqual([['by-asset-type', [4]]]);
  });

  it('leaves the report types a model does not serve blank, and says why', () => {
    const t = tab('Spring launch', 'Full path');
    // Full path on revenue: I1 I3 I6 I7 22.5% each, I2 I4 5%: Spring I2 500 + I3 2,250 + I6 2,250.
    expect(close(block(t, 'campaign-credit').rows)).toEqual([[null, null, 5000, 1, 10000]]);
    expect(block(t, 'campaign-credit').note).toMatch(/does not serve contact create or deal create reports/);
    expect(() => tab('Spring launch', 'Full path', 'contact create')).toThrowError(/does not serve contact create/);
  });

  it('says the data-driven models split an interaction between its campaigns', () => {
    expect(block(tab('Spring launch', 'Markov'), 'campaign-credit').note).toMatch(/split between them/);
    expect(block(tab('Spring launch', 'Linear'), 'campaign-credit').note).toMatch(/counts in full for each/);
  });

  it('drills down into the chosen report type, with deal name, close and amount for revenue', () => {
    const drill = block(tab('Webinar', 'U-shaped'), 'drill-down');
    expect(drill.header).toEqual(['Deal', 'Deal name', 'Closed at', 'Amount', 'Contact', 'Interaction', 'Time', 'Type', 'Asset', 'Source', 'Credit share', 'Credit']);
    expect(close(drill.rows)).toEqual([['D1', 'Acme annual plan', '2026-04-01 00:00', 10000, 'P1', 'I4', '2026-03-08 12:00', 'email click', 'Webinar invitation', 'Offline sources', 0.05, 500]]);
    const contacts = block(tab('Webinar', 'Linear', 'contact create'), 'drill-down');
    expect(contacts.header[0]).toBe('Contact created');
    expect(contacts.rows).toEqual([]);
  });
});

describe('the Revenue tab drill-down and the Revenue attribution chart', () => {
  const a = analysed(tinyWorkbook());

  it('lists each credited interaction of the linear split with the deal\'s name, close and amount', () => {
    const [revenue] = buildReports(a, resolveQuery(a, { campaign: 'C1' }), ['revenue']);
    const drill = revenue.blocks.find((b) => b.id === 'drill-down')!;
    // Linear: 1/6 of 10,000 to each of Spring's I2, I3 and I6.
    const sixth = 10000 / 6;
    const round = (rows: unknown[][]) => rows.map((r) => r.map((c) => (typeof c === 'number' ? Math.round(c * 1e6) / 1e6 : c)));
    expect(round(drill.rows)).toEqual(round([
      ['D1', 'Acme annual plan', '2026-04-01 00:00', 10000, 'P1', 'I2', '2026-03-02 09:00', 'page view', 'Spring landing page', 'Organic social', 1 / 6, sixth],
      ['D1', 'Acme annual plan', '2026-04-01 00:00', 10000, 'P1', 'I3', '2026-03-05 10:00', 'form submission', 'Spring signup form', 'Offline sources', 1 / 6, sixth],
      ['D1', 'Acme annual plan', '2026-04-01 00:00', 10000, 'P2', 'I6', '2026-03-10 09:00', 'form submission', 'Spring signup form', 'Offline sources', 1 / 6, sixth],
    ]));
    expect(drill.formats.slice(0, 4)).toEqual(['text', 'text', 'datetime', 'currency']);
  });

  it('charts the deal contribution by month of close', () => {
    const [ra] = buildReports(a, resolveQuery(a, { campaign: 'C1', model: 'U-shaped' }), ['revenue-attribution']);
    const byMonth = ra.blocks.find((b) => b.id === 'by-month')!;
    // Months from the first data (25 February) to today (All data ends now, 1 November): all in April.
    const rows = byMonth.rows.map((r) => r.map((c) => (typeof c === 'number' ? Math.round(c) : c)));
    expect(rows.map((r) => r[0])).toEqual(['2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(rows.filter((r) => r[1] !== 0)).toEqual([['2026-04', 5000, 10000]]);
    expect(ra.charts).toEqual([expect.objectContaining({ blockId: 'by-month', type: 'column', seriesColumns: [1, 2] })]);
  });
});

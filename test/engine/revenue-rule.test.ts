/**
 * @fileoverview The 365-day revenue rule (attribution-semantics §5): revenue figures cover the
 * chosen range within the last 365 days, and the Overview, the Revenue tab, CAMPAIGN_METRIC, the
 * sidebar's summary and the CLI's summary give the same figures, each labelled with its range.
 *
 * By hand: P1's one interaction (a page view tagged `one`) is the whole path of both deals, so
 * campaign One earns each deal's full amount under Linear. D-old closed 500 days before now
 * (4,000), D-new 10 days before now (1,000). Any range reaching both sees only D-new: 1,000.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { analysed, workbook } from '../helpers/workbooks';
import { memoryContext } from '../helpers/memory-context';
import { buildReports } from '../../src/engine/reports/all-reports';
import { resolveQuery } from '../../src/engine/reports/query';
import { campaignSummary } from '../../src/engine/reports/summary';
import { runFormula } from '../../src/engine/formulas/formulas';
import { liveData } from '../../src/engine/formulas/live-data';
import { refreshReports, defaultQuery } from '../../src/server/app';
import { dayText } from '../../src/engine/time/zone';
import { formatCell } from '../../src/engine/report-tab/display-format';
import type { RawWorkbook } from '../../src/engine/workbook/raw';

const DAY = 86_400_000;

function deals(now: number): RawWorkbook {
  const day = (ago: number) => dayText(Math.floor((now - ago * DAY) / DAY));
  return workbook({
    Campaigns: [{ 'Campaign ID': 'C1', Name: 'One', 'UTM campaign': 'one', Spend: 250 }],
    Contacts: [{ 'Contact ID': 'P1', 'Created at': day(700) }],
    Deals: [
      { 'Deal ID': 'D-old', Name: 'Old', 'Contact IDs': 'P1', 'Created at': day(600), Stage: 'closed won', 'Closed at': day(500), Amount: 4000 },
      { 'Deal ID': 'D-new', Name: 'New', 'Contact IDs': 'P1', 'Created at': day(20), Stage: 'closed won', 'Closed at': day(10), Amount: 1000 },
    ],
    Interactions: [{ 'Interaction ID': 'I1', Timestamp: day(690), 'Contact ID': 'P1', Type: 'page view', URL: 'https://example.com/?utm_campaign=one' }],
  });
}

const NOW = Date.UTC(2026, 10, 1);

describe('the 365-day revenue rule', () => {
  const raw = deals(NOW);
  const a = analysed(raw, {}, NOW);
  const cell = (rows: unknown[][], label: RegExp) => rows.find((r) => label.test(String(r[0])));

  it('the Overview, the Revenue tab and CAMPAIGN_METRIC give 1,000 under All data, labelled last 365 days', () => {
    const [overview, revenue] = buildReports(a, resolveQuery(a, { campaign: 'C1' }), ['overview', 'revenue']);
    const money = overview.blocks.find((b) => b.id === 'money')!;
    expect(cell(money.rows, /^Revenue/)).toEqual(['Revenue (last 365 days)', 1000, null, null]);
    const metrics = overview.blocks.find((b) => b.id === 'metrics')!;
    expect(cell(metrics.rows, /^Deals with revenue/)).toEqual(['Deals with revenue (last 365 days)', 1, null, null]);
    expect(revenue.blocks[0].rows[0]).toEqual([1000, 1, 1]);
    expect(revenue.parameters).toContainEqual(['Date range', 'Last 365 days']);
    expect(runFormula(liveData(a), 'CAMPAIGN_METRIC', ['C1', 'revenue'])).toBe(1000);
    expect(runFormula(liveData(a), 'CAMPAIGN_METRIC', ['C1', 'deals with revenue'])).toBe(1);
  });

  it('shows return on spend as a ratio of the same revenue: 1,000 / 250 = 4.0×', () => {
    const [overview] = buildReports(a, resolveQuery(a, { campaign: 'C1' }), ['overview']);
    const ros = overview.blocks.find((b) => b.id === 'return')!;
    expect(ros.formats).toEqual(['text', 'ratio']);
    expect(ros.rows).toEqual([['Return on spend (revenue / spend)', 4]]);
    expect(formatCell(ros.rows[0][1], ros.formats[1])).toBe('4.0×');
  });

  it('clips a wider range to the last 365 days, and says so', () => {
    const q = resolveQuery(a, { campaign: 'C1', from: '2024-01-01', to: '2026-11-01' });
    const [overview, revenue] = buildReports(a, q, ['overview', 'revenue']);
    expect(cell(overview.blocks.find((b) => b.id === 'money')!.rows, /^Revenue/)).toEqual(['Revenue (last 365 days)', 1000, null, null]);
    expect(revenue.blocks[0].rows[0]).toEqual([1000, 1, 1]);
    expect(runFormula(liveData(a), 'CAMPAIGN_METRIC', ['C1', 'revenue', '2024-01-01', '2026-11-01'])).toBe(1000);
    // 2025-01-01..2025-12-31 keeps 2025-11-02..2025-12-31 (the last 365 days start 2025-11-02): no deal closed then.
    const q2025 = resolveQuery(a, { campaign: 'C1', from: '2025-01-01', to: '2025-12-31' });
    const [ov2025] = buildReports(a, q2025, ['overview']);
    expect(cell(ov2025.blocks.find((b) => b.id === 'money')!.rows, /^Revenue/)).toEqual(['Revenue (2025-11-02 to 2025-12-31)', 0, null, null]);
    expect(runFormula(liveData(a), 'CAMPAIGN_METRIC', ['C1', 'revenue', '2025-01-01', '2025-12-31'])).toBe(0);
    // A range wholly before the last 365 days covers none of them.
    expect(campaignSummary(a, resolveQuery(a, { campaign: 'C1', from: '2025-06-01', to: '2025-06-30' }))
      .find((f) => f.label.startsWith('Revenue'))).toEqual({ label: 'Revenue (linear, 2025-06-01 to 2025-06-30: none of it in the last 365 days)', value: 0, format: 'currency' });
  });

  it('revenue attribution keeps the range unclipped: all data holds both deals', () => {
    const [ra] = buildReports(a, resolveQuery(a, { campaign: 'C1' }), ['revenue-attribution']);
    expect(ra.blocks[0].rows[0]).toEqual([5000, 2, 5000, 1]);
  });

  it('the sidebar summary gives the same figures', () => {
    const m = memoryContext(raw, NOW);
    const result = refreshReports(m.ctx, { scope: 'campaign', query: { ...defaultQuery(), campaign: 'C1' } });
    expect(result.summary).toContainEqual(['Revenue (linear, last 365 days)', '$1,000.00']);
    expect(result.summary).toContainEqual(['Contacts with revenue (last 365 days)', '1']);
  });

  it('the CLI summary gives the same figures', async () => {
    const now = Date.now();
    const dir = await mkdtemp(join(tmpdir(), 'cs-revenue-'));
    for (const [tab, rows] of Object.entries(deals(now))) await writeFile(join(dir, `${tab}.csv`), stringify(rows as string[][]));
    const out = await mkdtemp(join(tmpdir(), 'cs-revenue-out-'));
    const bin = join(__dirname, '..', '..', 'bin', 'campaign-sheets.mjs');
    const r = await promisify(execFile)(process.execPath, [bin, 'report', '--workbook', dir, '--out', out, '--quiet'], { encoding: 'utf8' });
    const lines = r.stdout.split('\n');
    const header = lines[lines.findIndex((l) => l.startsWith('Campaigns ('))! + 1];
    expect(header).toContain('Revenue (linear, last 365 days)');
    expect(lines.find((l) => l.startsWith('One'))).toMatch(/\$1,000\.00/);
    expect(r.stdout).not.toContain('$5,000.00');
  }, 60_000);
});

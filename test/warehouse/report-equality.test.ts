/**
 * @fileoverview Every report tab laid out from a warehouse (DuckDB running the statements) equals
 * the tab the engine builds from the workbook: same blocks, notes, headers, rows (numbers to 1e-9
 * relative), charts; on the tiny example and demo workbooks, for several campaigns, models (rule-based
 * and data-driven), report types, ranges, time zones and per-report eligible types. The runs are
 * checked to hold rows in every block the comparison is about (drill-downs, contact lists, assets,
 * traffic breakdowns), so no equality is of two empty tables.
 */
import { describe, expect, it } from 'vitest';
import { analysed, NOW, tinyWorkbook, UNUSUAL_SETTINGS } from '../helpers/workbooks';
import { generateDemoWorkbook } from '../../src/demo/generate';
import { openDuckWarehouse, loadTables } from '../../src/warehouse/duckdb';
import { workbookTableRows } from '../../src/engine/warehouse/table-rows';
import { refreshStatements } from '../../src/engine/warehouse/refresh';
import { runAll } from '../../src/engine/warehouse/runner';
import { storeFromResults } from '../../src/engine/warehouse/results';
import { prepare } from '../../src/engine/warehouse/warehouse-report-data';
import { buildWarehouseReports, warehouseModelVariants } from '../../src/engine/warehouse/warehouse-reports';
import { modelVariants } from '../../src/engine/reports/model-variants';
import { buildReports, REPORT_KEYS } from '../../src/engine/reports/all-reports';
import type { ReportTab } from '../../src/engine/report-tab/report-tab';
import { resolveQuery, type QueryInput } from '../../src/engine/reports/query';
import type { Analysis } from '../../src/engine/analysis';
import { applySessionSources } from '../helpers/session-sources';

function expectSameValue(live: unknown, got: unknown, what: string) {
  if (typeof live === 'number') {
    expect(typeof got, what).toBe('number');
    expect(Math.abs((got as number) - live), `${what}: ${got} vs ${live}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(live)));
  } else if (Array.isArray(live)) {
    expect(Array.isArray(got), `${what} is a list`).toBe(true);
    expect((got as unknown[]).length, `${what} length`).toBe(live.length);
    live.forEach((x, i) => expectSameValue(x, (got as unknown[])[i], `${what}[${i}]`));
  } else if (live && typeof live === 'object') {
    expect(Object.keys(got as object).sort(), `${what} keys`).toEqual(Object.keys(live).filter((k) => (live as Record<string, unknown>)[k] !== undefined).sort());
    for (const [k, v] of Object.entries(live)) if (v !== undefined) expectSameValue(v, (got as Record<string, unknown>)[k], `${what}.${k}`);
  } else expect(got, what).toEqual(live);
}

/** Rows per `tab key/block id` over every run, to check the comparisons are not of empty blocks. */
type RowCounts = Map<string, number>;

function countRows(tabs: ReportTab[], counts: RowCounts) {
  for (const t of tabs) for (const b of t.blocks) counts.set(`${t.key}/${b.id}`, (counts.get(`${t.key}/${b.id}`) ?? 0) + b.rows.length);
}

/** Blocks that hold rows in the runs of every test below. */
const NON_EMPTY = [
  'revenue/drill-down', 'revenue/by-month', 'revenue-attribution/drill-down', 'contacts/new-contacts', 'contacts/influenced-contacts',
  'contacts/contacts-with-revenue', 'contacts/revenue-attribution-contacts', 'assets/by-type', 'attribution/by-asset', 'attribution/drill-down',
];

async function expectSameTabs(a: Analysis, inputs: QueryInput[], counts: RowCounts = new Map()) {
  // The engine on main still judges sources per interaction; the warehouse follows §2.
  applySessionSources(a.model);
  const wh = await openDuckWarehouse(':memory:');
  try {
    await loadTables(wh.connection, workbookTableRows(a.model.workbook));
    const results = await runAll(wh, refreshStatements(wh.dialect, a.settings, a.now));
    const store = storeFromResults({ results, settings: a.settings, now: a.now });
    const p = prepare({ dialect: wh.dialect, store, results, currency: a.settings.currency, check: a.model.workbook.check });
    for (const input of inputs) {
      const q = resolveQuery(a, input);
      const live = buildReports(a, q, REPORT_KEYS);
      const fromWarehouse = await buildWarehouseReports(wh, p, q, REPORT_KEYS);
      expect(fromWarehouse.map((t) => t.key)).toEqual([...REPORT_KEYS]);
      countRows(live, counts);
      // Every model's version of the attribution tabs, for the HTML report's model selector.
      expectSameValue(JSON.parse(JSON.stringify(modelVariants(a, q, live))), JSON.parse(JSON.stringify(await warehouseModelVariants(wh, p, q, fromWarehouse))), `${JSON.stringify(input)} model variants`);
      live.forEach((tab, i) => expectSameValue(JSON.parse(JSON.stringify(tab)), JSON.parse(JSON.stringify(fromWarehouse[i])), `${JSON.stringify(input)} ${tab.name}`));
    }
  } finally {
    wh.close();
  }
  for (const block of NON_EMPTY) expect(counts.get(block) ?? 0, `${block} holds rows in some run`).toBeGreaterThan(0);
  return counts;
}

describe('warehouse report tabs equal the engine', () => {
  it('on the tiny example', async () => {
    const a = analysed(tinyWorkbook());
    await expectSameTabs(a, [
      {}, { campaign: 'Webinar', model: 'U-shaped', reportType: 'deal create' }, { campaign: 'C1', model: 'Markov', from: '2026-03-01', to: '2026-04-30', frequency: 'monthly' },
      { model: 'Shapley', reportType: 'contact create', contactAttribution: 'last touch' }, { model: 'Full path', preset: 'last 365 days' },
    ]);
  });

  for (const [seed, zone] of [[7, 'UTC'], [11, 'Europe/Paris'], [23, 'America/Los_Angeles']] as const) {
    it(`seed ${seed}, ${zone}`, async () => {
      const raw = generateDemoWorkbook({ seed, days: 120, campaigns: 8, assets: 60, contacts: 250, deals: 60, interactions: 3000, anonymousVisitors: 150, end: new Date(NOW) });
      const a = analysed(raw, { timeZone: zone });
      const [c0, c1, c2] = a.model.workbook.campaigns;
      await expectSameTabs(a, [
        { campaign: c0.id },
        { campaign: c1.id, model: 'Markov', reportType: 'contact create', frequency: 'monthly', contactAttribution: 'last touch' },
        { campaign: c2.id, model: 'Shapley', reportType: 'deal create', from: '2026-08-01', to: '2026-10-15' },
        { campaign: c0.id, model: 'Time decay', reportType: 'revenue', from: '2026-09-01' },
      ]);
    });
  }
});

describe('warehouse report tabs follow the settings', () => {
  it('per-report eligible types, lookback window and half-life', async () => {
    const raw = generateDemoWorkbook({ seed: 3, days: 90, campaigns: 8, assets: 60, contacts: 200, deals: 50, interactions: 2500, anonymousVisitors: 100, end: new Date(NOW) });
    const a = analysed(raw, { ...UNUSUAL_SETTINGS, lookbackDays: 21 });
    const [c0, c1] = a.model.workbook.campaigns;
    await expectSameTabs(a, [
      { campaign: c0.id, model: 'W-shaped', reportType: 'deal create' },
      { campaign: c1.id, model: 'Shapley', reportType: 'revenue', contactAttribution: 'last touch' },
      { campaign: c0.id, model: 'Markov', reportType: 'contact create', from: '2026-09-01', frequency: 'monthly' },
    ]);
  });
});

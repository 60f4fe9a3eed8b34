/**
 * @fileoverview Every report tab laid out from a warehouse (DuckDB running the statements) equals
 * the tab the engine builds from the workbook: same blocks, notes, headers, rows (numbers to 1e-9
 * relative), charts; on the tiny example and demo workbooks, for several campaigns, models, report
 * types and ranges.
 */
import { describe, expect, it } from 'vitest';
import { analysed, NOW, tinyWorkbook } from '../helpers/workbooks';
import { generateDemoWorkbook } from '../../src/demo/generate';
import { openDuckWarehouse, loadTables } from '../../src/warehouse/duckdb';
import { workbookTableRows } from '../../src/engine/warehouse/table-rows';
import { refreshStatements } from '../../src/engine/warehouse/refresh';
import { runAll } from '../../src/engine/warehouse/runner';
import { storeFromResults } from '../../src/engine/warehouse/results';
import { prepare } from '../../src/engine/warehouse/warehouse-report-data';
import { buildWarehouseReports } from '../../src/engine/warehouse/warehouse-reports';
import { buildReports, DATA_REPORT_KEYS } from '../../src/engine/reports/all-reports';
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

async function expectSameTabs(a: Analysis, inputs: QueryInput[]) {
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
      const live = buildReports(a, q, DATA_REPORT_KEYS);
      const fromWarehouse = await buildWarehouseReports(wh, p, q, DATA_REPORT_KEYS);
      expect(fromWarehouse.map((t) => t.key)).toEqual([...DATA_REPORT_KEYS]);
      live.forEach((tab, i) => expectSameValue(JSON.parse(JSON.stringify(tab)), JSON.parse(JSON.stringify(fromWarehouse[i])), `${JSON.stringify(input)} ${tab.name}`));
    }
  } finally {
    wh.close();
  }
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

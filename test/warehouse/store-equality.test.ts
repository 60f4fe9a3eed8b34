/**
 * @fileoverview The warehouse path equals the in-memory engine: the DuckDB text of the statements,
 * run on a workbook loaded through the engine's reader, gives a formula store whose answers equal
 * the live formulas for every formula, on the tiny example and on demo workbooks.
 */
import { describe, expect, it } from 'vitest';
import { analysed, NOW, tinyWorkbook } from '../helpers/workbooks';
import { generateDemoWorkbook } from '../../src/demo/generate';
import { openDuckWarehouse, loadTables } from '../../src/warehouse/duckdb';
import { workbookTableRows } from '../../src/engine/warehouse/table-rows';
import { refreshStatements } from '../../src/engine/warehouse/refresh';
import { runAll } from '../../src/engine/warehouse/runner';
import { storeFromResults } from '../../src/engine/warehouse/results';
import { answerFromWarehouse } from '../../src/engine/warehouse/warehouse-data';
import { contactsWithRevenueQuery } from '../../src/warehouse/local-warehouse';
import { runFormula, type FormulaResult } from '../../src/engine/formulas/formulas';
import { liveData } from '../../src/engine/formulas/live-data';
import type { FormulaArg } from '../../src/engine/formulas/arguments';
import type { Analysis } from '../../src/engine/analysis';

/** Answers formulas from a DuckDB warehouse loaded with the analysis's workbook. */
async function warehouseAnswers(a: Analysis): Promise<{ answer(name: string, args: FormulaArg[]): Promise<FormulaResult>; close(): void }> {
  const wh = await openDuckWarehouse(':memory:');
  await loadTables(wh.connection, workbookTableRows(a.model.workbook));
  const results = await runAll(wh, refreshStatements(wh.dialect, a.settings, a.now));
  const store = storeFromResults({ results, settings: a.settings, now: a.now });
  const query = contactsWithRevenueQuery(wh, store.meta.campaigns.length);
  return { answer: (name, args) => answerFromWarehouse(store, name, args, query), close: () => wh.close() };
}

function expectClose(live: unknown, got: unknown, what: string) {
  if (typeof live === 'number') {
    expect(typeof got, what).toBe('number');
    const tol = 1e-9 * Math.max(1, Math.abs(live));
    expect(Math.abs((got as number) - live), `${what}: ${got} vs ${live}`).toBeLessThanOrEqual(tol);
  } else if (Array.isArray(live)) {
    expect(Array.isArray(got), what).toBe(true);
    expect((got as unknown[]).length, what).toBe(live.length);
    live.forEach((x, i) => expectClose(x, (got as unknown[])[i], `${what}[${i}]`));
  } else expect(got, what).toEqual(live);
}

function formulaCalls(campaigns: string[], ranges: [string, string][]): [string, FormulaArg[]][] {
  const calls: [string, FormulaArg[]][] = [];
  for (const [from, to] of ranges) {
    for (const c of campaigns) {
      for (const m of ['sessions', 'new contacts', 'influenced contacts', 'revenue', 'deals with revenue', 'views', 'new visitor sessions']) {
        calls.push(['CAMPAIGN_METRIC', [c, m, from, to]], ['CAMPAIGN_TREND', [c, m, 'monthly', from, to]]);
      }
      calls.push(['CAMPAIGN_METRIC', [c, 'new contacts', from, to, 'last touch']]);
      for (const t of ['contact create', 'deal create', 'revenue']) calls.push(['CAMPAIGN_ATTRIBUTION', [c, t, 'Shapley', from, to]], ['CAMPAIGN_ATTRIBUTION', [c, t, 'Markov', from, to]]);
    }
    for (const t of ['contact create', 'deal create', 'revenue']) {
      calls.push(['MODEL_COMPARISON', [t, from, to]], ['ATTRIBUTION_TABLE', [t, 'Time decay', from, to]], ['ATTRIBUTION_TABLE', [t, 'Linear', from, to]], ['ATTRIBUTION_TABLE', [t, 'U-shaped', from, to]], ['REMOVAL_EFFECTS', [t, from, to]]);
    }
  }
  for (const c of campaigns) {
    calls.push(['CAMPAIGN_METRIC', [c, 'contacts with revenue']], ['CAMPAIGN_TREND', [c, 'sessions', 'daily']]);
    for (const [from, to] of ranges) calls.push(['CAMPAIGN_METRIC', [c, 'contacts with revenue', from, to]]);
  }
  calls.push(['CAMPAIGN_METRIC', [[campaigns], 'views']], ['CAMPAIGN_METRIC', ['nope', 'views']], ['CAMPAIGN_ATTRIBUTION', [campaigns[0], 'contact create', 'Full path']]);
  return calls;
}

async function expectSameFormulas(a: Analysis, calls: [string, FormulaArg[]][]) {
  const wh = await warehouseAnswers(a);
  try {
    for (const [name, args] of calls) {
      const what = `${name}(${args.map((x) => JSON.stringify(x)).join(', ')})`;
      let live: unknown;
      try {
        live = runFormula(liveData(a), name, args);
      } catch (e) {
        await expect(wh.answer(name, args), what).rejects.toThrowError((e as Error).message);
        continue;
      }
      expectClose(live, await wh.answer(name, args), what);
    }
  } finally {
    wh.close();
  }
}

describe('warehouse formula answers equal the engine', () => {
  it('on the tiny example', async () => {
    const a = analysed(tinyWorkbook());
    await expectSameFormulas(a, formulaCalls(['C1', 'Webinar'], [['', ''], ['2026-03-01', '2026-03-31'], ['2026-03-05', '2026-03-05'], ['2026-04-01', '']]));
  });
});

describe('warehouse formula answers equal the engine on demo workbooks', () => {
  for (const [seed, zone] of [[7, 'UTC'], [11, 'Europe/Paris'], [23, 'America/Los_Angeles'], [5, 'Asia/Kolkata']] as const) {
    it(`seed ${seed}, ${zone}`, async () => {
      const raw = generateDemoWorkbook({ seed, days: 120, campaigns: 8, assets: 60, contacts: 250, deals: 60, interactions: 3000, anonymousVisitors: 150, end: new Date(NOW) });
      const a = analysed(raw, { timeZone: zone });
      const names = a.model.workbook.campaigns.slice(0, 3).map((c) => c.name);
      await expectSameFormulas(a, formulaCalls(names, [['', ''], ['2026-08-01', '2026-09-15'], ['2026-10-01', '2026-10-01']]));
    });
  }
});

describe('warehouse formula answers follow the settings', () => {
  it('lookback window, half-life and eligible types', async () => {
    const raw = generateDemoWorkbook({ seed: 3, days: 90, campaigns: 8, assets: 60, contacts: 200, deals: 50, interactions: 2500, anonymousVisitors: 100, end: new Date(NOW) });
    const a = analysed(raw, { timeZone: 'Europe/Berlin', lookbackDays: 14, halfLifeDays: 2.5, eligibleTypes: ['page view', 'form submission', 'email open', 'meeting'] });
    const names = a.model.workbook.campaigns.slice(0, 2).map((c) => c.name);
    await expectSameFormulas(a, formulaCalls(names, [['', ''], ['2026-09-01', '2026-10-15']]));
  });
});

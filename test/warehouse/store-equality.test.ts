/**
 * @fileoverview The warehouse path equals the in-memory engine: the DuckDB text of the statements,
 * run on a workbook loaded through the engine's reader, answers every formula as the live formulas
 * do (CAMPAIGN_CONTACTS and contacts with revenue over any range through their queries), on the
 * tiny example and on demo workbooks; the formula store made from its results alone (what the
 * add-on writes) answers every formula but CAMPAIGN_CONTACTS the same.
 */
import { describe, expect, it } from 'vitest';
import { analysed, NOW, tinyWorkbook, UNUSUAL_SETTINGS } from '../helpers/workbooks';
import { generateDemoWorkbook } from '../../src/demo/generate';
import { openDuckWarehouse, loadTables } from '../../src/warehouse/duckdb';
import { workbookTableRows } from '../../src/engine/warehouse/table-rows';
import { refreshStatements } from '../../src/engine/warehouse/refresh';
import { runAll } from '../../src/engine/warehouse/runner';
import { storeFromResults } from '../../src/engine/warehouse/results';
import { answerFromWarehouse } from '../../src/engine/warehouse/warehouse-data';
import { prepare } from '../../src/engine/warehouse/warehouse-report-data';
import { answerFormulaFromWarehouse } from '../../src/engine/warehouse/warehouse-reports';
import { CONTACT_LISTS } from '../../src/engine/metrics/contact-lists';
import { contactsWithRevenueQuery } from '../../src/warehouse/local-warehouse';
import { runFormula, type FormulaResult } from '../../src/engine/formulas/formulas';
import { liveData } from '../../src/engine/formulas/live-data';
import type { FormulaArg } from '../../src/engine/formulas/arguments';
import type { Analysis } from '../../src/engine/analysis';

type Answer = (name: string, args: FormulaArg[]) => Promise<FormulaResult>;

/** Answers formulas from a DuckDB warehouse loaded with the analysis's workbook: from its results and queries, and from the store alone. */
async function warehouseAnswers(a: Analysis): Promise<{ answer: Answer; fromStore: Answer; close(): void }> {
  const wh = await openDuckWarehouse(':memory:');
  await loadTables(wh.connection, workbookTableRows(a.model.workbook));
  const results = await runAll(wh, refreshStatements(wh.dialect, a.settings, a.now));
  const store = storeFromResults({ results, settings: a.settings, now: a.now });
  const p = prepare({ dialect: wh.dialect, store, results, currency: a.settings.currency, check: a.model.workbook.check });
  const query = contactsWithRevenueQuery(wh, store.meta.campaigns.length);
  return {
    answer: (name, args) => answerFormulaFromWarehouse(wh, p, name, args),
    fromStore: (name, args) => answerFromWarehouse(store, name, args, query),
    close: () => wh.close(),
  };
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
    for (const [from, to] of ranges) {
      calls.push(['CAMPAIGN_METRIC', [c, 'contacts with revenue', from, to]]);
      // Every contact list, with each qualifier it takes.
      for (const list of CONTACT_LISTS) calls.push(['CAMPAIGN_CONTACTS', [c, list, from, to]]);
      calls.push(['CAMPAIGN_CONTACTS', [c, 'new contacts', from, to, 'last touch']]);
      for (const m of ['W-shaped', 'Time decay', 'Markov', 'Shapley', 'Full path']) calls.push(['CAMPAIGN_CONTACTS', [c, 'revenue attribution contacts', from, to, m]]);
    }
  }
  calls.push(['CAMPAIGN_CONTACTS', [campaigns[0], 'influenced contacts', '', '', 'last touch']], ['CAMPAIGN_CONTACTS', [campaigns[0], 'nope']]);
  calls.push(['CAMPAIGN_METRIC', [[campaigns], 'views']], ['CAMPAIGN_METRIC', ['nope', 'views']], ['CAMPAIGN_ATTRIBUTION', [campaigns[0], 'contact create', 'Full path']]);
  return calls;
}

async function expectSameFormulas(a: Analysis, calls: [string, FormulaArg[]][]) {
  const wh = await warehouseAnswers(a);
  // Rows of each contact list over the calls, so no list is compared only empty.
  const listRows = new Map<string, number>();
  try {
    for (const [name, args] of calls) {
      const what = `${name}(${args.map((x) => JSON.stringify(x)).join(', ')})`;
      const answers = name === 'CAMPAIGN_CONTACTS' ? [wh.answer] : [wh.answer, wh.fromStore];
      let live: unknown;
      try {
        live = runFormula(liveData(a), name, args);
      } catch (e) {
        for (const answer of answers) await expect(answer(name, args), what).rejects.toThrowError((e as Error).message);
        continue;
      }
      if (name === 'CAMPAIGN_CONTACTS') listRows.set(String(args[1]), (listRows.get(String(args[1])) ?? 0) + (live as unknown[]).length - 1);
      for (const answer of answers) expectClose(live, await answer(name, args), what);
    }
  } finally {
    wh.close();
  }
  for (const list of CONTACT_LISTS) expect(listRows.get(list) ?? 0, `${list} lists contacts in some call`).toBeGreaterThan(0);
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
  it('lookback window, half-life and eligible types per report type', async () => {
    const raw = generateDemoWorkbook({ seed: 3, days: 90, campaigns: 8, assets: 60, contacts: 200, deals: 50, interactions: 2500, anonymousVisitors: 100, end: new Date(NOW) });
    const a = analysed(raw, { ...UNUSUAL_SETTINGS, lookbackDays: 14 });
    const names = a.model.workbook.campaigns.slice(0, 2).map((c) => c.name);
    await expectSameFormulas(a, formulaCalls(names, [['', ''], ['2026-09-01', '2026-10-15']]));
  });
});

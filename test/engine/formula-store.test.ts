/**
 * @fileoverview Each formula is defined once (formulas.ts over FormulaData): answered from a stored
 * refresh it equals the live answer, on several workbooks and time zones; the stored cells never
 * exceed Sheets' 50,000 characters, at 1,000 campaigns and 10 years of daily data too; and a formula
 * reads the store with one call whatever the size of its range arguments.
 */
import { describe, expect, it } from 'vitest';
import { analysed, tinyWorkbook } from '../helpers/workbooks';
import { buildFormulaStore, type FormulaStore } from '../../src/engine/formula-store/store';
import { decodeSeries, encodeSeries, MAX_CELL_CHARS, parseStoreMeta, storeCells, type StoredCells } from '../../src/engine/formula-store/store-cells';
import { answerFromStore } from '../../src/engine/formula-store/store-data';
import { storeLayout } from '../../src/engine/formula-store/store-layout';
import { runFormula } from '../../src/engine/formulas/formulas';
import { liveData } from '../../src/engine/formulas/live-data';
import type { FormulaArg } from '../../src/engine/formulas/arguments';
import type { Analysis } from '../../src/engine/analysis';
import { generateDemoWorkbook } from '../../src/demo/generate';
import { Rng } from '../../src/demo/random';
import { modelsFor, REPORT_TYPES, type AttributionModel, type ReportType } from '../../src/engine/attribution/catalog';

/** The store as the Sheets adapter sees it: written to cells, read back by row, reads counted. */
function written(store: FormulaStore): StoredCells & { calls: number; rowsRead: number; longest: number; metaRows: number } {
  const cells = storeCells(store);
  const rows = cells.rows;
  const meta = parseStoreMeta(rows.slice(0, cells.metaRows).map((r) => r[1]));
  if (!meta) throw new Error('unreadable meta');
  const r = {
    meta,
    metaRows: cells.metaRows,
    calls: 0,
    rowsRead: 0,
    longest: rows.reduce((m, row) => row.reduce((n, c) => Math.max(n, c.length), m), 0),
    readSeries(first: number, count: number) {
      r.calls++;
      r.rowsRead += count;
      return rows.slice(cells.metaRows + first, cells.metaRows + first + count).map((row) => row.slice(1));
    },
  };
  return r;
}

function expectSame(live: unknown, stored: unknown, what: string) {
  if (Array.isArray(live)) {
    expect(Array.isArray(stored), what).toBe(true);
    const s = stored as unknown[][];
    expect(s.length, what).toBe(live.length);
    live.forEach((row: unknown[], i) => row.forEach((cell, j) => {
      if (typeof cell === 'number') expect(s[i][j] as number, `${what} [${i}][${j}]`).toBeCloseTo(cell, 6);
      else expect(s[i][j], `${what} [${i}][${j}]`).toEqual(cell);
    }));
  } else if (typeof live === 'number') expect(stored as number, what).toBeCloseTo(live, 6);
  else expect(stored, what).toEqual(live);
}

/** Every call answered live and from the written store; each stored answer reads at most once. */
function checkStoreAgainstLive(a: Analysis, calls: [string, FormulaArg[]][]) {
  const store = written(buildFormulaStore(a));
  const live = liveData(a);
  for (const [name, args] of calls) {
    const what = `${name}(${args.map((x) => JSON.stringify(x)).join(', ')})`;
    const before = store.calls;
    let expected: unknown;
    try {
      expected = runFormula(live, name, args);
    } catch (e) {
      expect(() => answerFromStore(store, name, args), what).toThrowError((e as Error).message);
      continue;
    }
    expectSame(expected, answerFromStore(store, name, args), what);
    expect(store.calls - before, `${what}: reads of the store`).toBeLessThanOrEqual(1);
  }
  return store;
}

/** Formula calls over every formula, several ranges and range arguments. */
function formulaCalls(campaigns: string[], ranges: [string, string][]): [string, FormulaArg[]][] {
  const calls: [string, FormulaArg[]][] = [];
  for (const [from, to] of ranges) {
    for (const c of campaigns) {
      for (const m of ['sessions', 'new contacts', 'influenced contacts', 'revenue', 'deals with revenue', 'views', 'new visitor sessions']) {
        calls.push(['CAMPAIGN_METRIC', [c, m, from, to]], ['CAMPAIGN_TREND', [c, m, 'monthly', from, to]], ['CAMPAIGN_TREND', [c, m, 'daily', from, to]]);
      }
      calls.push(['CAMPAIGN_METRIC', [c, 'new contacts', from, to, 'last touch']]);
      for (const t of REPORT_TYPES) {
        for (const m of ['Shapley', 'Markov', 'U-shaped', 'Time decay', 'Full path']) calls.push(['CAMPAIGN_ATTRIBUTION', [c, t, m, from, to]]);
      }
    }
    for (const t of REPORT_TYPES) {
      calls.push(['MODEL_COMPARISON', [t, from, to]], ['ATTRIBUTION_TABLE', [t, 'Time decay', from, to]], ['ATTRIBUTION_TABLE', [t, 'Markov', from, to]], ['REMOVAL_EFFECTS', [t, from, to]]);
    }
  }
  const column = campaigns.map((c) => [c]);
  calls.push(
    ['CAMPAIGN_METRIC', [[...column, ['Nope']], 'views']],
    ['CAMPAIGN_ATTRIBUTION', [[campaigns], 'deal create', 'Markov']],
    ['CAMPAIGN_METRIC', [campaigns[0], 'contacts with revenue']],
    ['CAMPAIGN_ATTRIBUTION', [campaigns[0], 'contact create', 'Full path']],
    ['CAMPAIGN_METRIC', ['Nope', 'sessions']],
    // Every argument a range: per-row metrics and dates.
    ['CAMPAIGN_METRIC', [column, column.map((_, i) => [i % 2 ? 'views' : 'revenue']), column.map(() => [ranges[1][0]]), column.map(() => [ranges[1][1]])]],
  );
  return calls;
}

describe('formula store', () => {
  it('round-trips day series through chunked text', () => {
    const v = Float64Array.from([0, 1.5, 0, 1 / 3, 0, 1e-7, 12345.678, 0, 0, 0, 2]);
    const chunks = encodeSeries(v, 24);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.length <= 24)).toBe(true);
    expect(Array.from(decodeSeries(chunks, v.length))).toEqual(Array.from(v).map((x) => +x.toPrecision(15)));
    expect(encodeSeries(new Float64Array(5))).toEqual([]);
    expect(encodeSeries(Float64Array.from([1, 2, 0, 4]))).toEqual(['1,2,2:4']);
  });

  it('answers every formula as the live engine does on the tiny example', () => {
    const a = analysed(tinyWorkbook());
    const store = checkStoreAgainstLive(a, formulaCalls(['C1', 'Webinar'], [['', ''], ['2026-03-01', '2026-03-31'], ['2026-03-05', '2026-03-05'], ['2026-02-01', '2026-04-15'], ['2026-04-01', '']]));
    expect(store.calls).toBeGreaterThan(0);
  });

  for (const [seed, zone] of [[7, 'America/New_York'], [11, 'Asia/Tokyo'], [3, 'Europe/Paris']] as const) {
    it(`answers as the live engine does on a demo workbook (seed ${seed}, ${zone})`, () => {
      const end = new Date(Date.UTC(2026, 9, 1));
      const raw = generateDemoWorkbook({ seed, end, days: 200, campaigns: 8, contacts: 300, deals: 60, interactions: 4000 });
      const a = analysed(raw, { timeZone: zone }, end.getTime());
      const names = a.model.workbook.campaigns.map((c) => c.name);
      checkStoreAgainstLive(a, formulaCalls([names[0], names[3], a.model.workbook.campaigns[5].id], [['', ''], ['2026-05-01', '2026-06-30'], ['2026-07-04', '2026-07-04'], ['2026-08-15', '']]));
    });
  }

  it('says so instead of guessing for contacts with revenue over a custom range', () => {
    const a = analysed(tinyWorkbook());
    const store = written(buildFormulaStore(a));
    expect(() => answerFromStore(store, 'CAMPAIGN_METRIC', ['C1', 'contacts with revenue', '2026-03-01', '2026-04-30'])).toThrowError(/needs the source tabs/);
    expect(() => answerFromStore(store, 'CAMPAIGN_TREND', ['C1', 'contacts with revenue'])).toThrowError(/needs the source tabs/);
  });

  it('keeps every cell under 50,000 characters and reads once per formula at 1,000 campaigns over 10 years', () => {
    const k = 1000;
    const days = 3653;
    const models = Object.fromEntries(REPORT_TYPES.map((t) => [t, modelsFor(t)])) as Record<ReportType, AttributionModel[]>;
    const layout = storeLayout(k, models);
    const series: (Float64Array | null)[] = new Array(layout.count).fill(null);
    const rng = new Rng(5);
    const random = () => rng.next();
    // Some campaigns' revenue credit under Linear on every day of ten years (the densest a series
    // can be, 15 significant digits each), every campaign's sessions once a week, the rest empty.
    for (let p = 0; p < k + 2; p += 50) series[layout.credit('revenue', models.revenue.indexOf('Linear'), p)] = Float64Array.from({ length: days }, () => random() * 1e6 / 3);
    for (let c = 0; c < k; c++) series[layout.metric(0, c)] = Float64Array.from({ length: days }, (_, d) => (d % 7 ? 0 : 1 + Math.floor(random() * 50)));
    const campaigns = Array.from({ length: k }, (_, i) => ({ id: `CAMPAIGN-${i}`, name: `A campaign with a long and descriptive name, number ${i}, for the ${2016 + (i % 10)} season` }));
    const firstDay = Math.floor(Date.UTC(2016, 0, 1) / 86_400_000);
    const store: FormulaStore = {
      meta: {
        version: 2, timeZone: 'UTC', now: (firstDay + days - 1) * 86_400_000 + 3_600_000, firstDay, days, dataDays: [firstDay, firstDay + days - 1],
        settingsKey: '', campaigns, models, contactsWithRevenue: { all: campaigns.map(() => 1), last365: campaigns.map(() => 0) },
        removalEffects: Object.fromEntries(REPORT_TYPES.map((t) => [t, campaigns.map(() => 0.01)])) as Record<ReportType, number[]>,
      },
      layout,
      series,
    };
    const cells = written(store);
    expect(cells.longest).toBeLessThanOrEqual(MAX_CELL_CHARS - 1);
    // The metadata alone (1,000 long names) needs more than one cell.
    expect(cells.metaRows).toBeGreaterThan(1);

    const column = campaigns.map((c) => [c.id]);
    for (const [name, args] of [
      ['CAMPAIGN_METRIC', [column, 'sessions', '2020-01-01', '2020-12-31']],
      ['CAMPAIGN_ATTRIBUTION', [column, 'revenue', 'Linear', '2024-01-01', '']],
      ['MODEL_COMPARISON', ['revenue']],
      ['ATTRIBUTION_TABLE', ['revenue', 'Linear']],
    ] as [string, FormulaArg[]][]) {
      const before = cells.calls;
      const out = answerFromStore(cells, name, args) as unknown[][];
      expect(cells.calls - before, name).toBe(1);
      expect(out.length).toBeGreaterThanOrEqual(k);
    }
    // Decoded answers equal sums of the original series.
    const linear = models.revenue.indexOf('Linear');
    const expected = series[layout.credit('revenue', linear, 50)]!.reduce((s, v) => s + v, 0);
    expect(answerFromStore(cells, 'CAMPAIGN_ATTRIBUTION', ['CAMPAIGN-50', 'revenue', 'Linear'])).toBeCloseTo(expected, 4);
  });
});

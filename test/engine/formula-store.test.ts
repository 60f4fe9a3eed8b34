/**
 * @fileoverview Formulas answered from a stored refresh equal the live formulas, for every formula
 * and many ranges; the store survives its text encoding.
 */
import { describe, expect, it } from 'vitest';
import { analysed, tinyWorkbook } from '../helpers/workbooks';
import { buildFormulaStore, decodeSeries, encodeSeries, type FormulaStore } from '../../src/engine/formula-store/store';
import { answerFromStore, type StoreReader } from '../../src/engine/formula-store/answer';
import { runFormula } from '../../src/engine/formulas/formulas';
import type { FormulaArg } from '../../src/engine/formulas/arguments';
import type { Analysis } from '../../src/engine/analysis';

/** A reader over the encoded text, as the Sheets adapter reads it back. */
function reader(store: FormulaStore): StoreReader & { keysRead: number } {
  const text = new Map([...store.series].map(([k, v]) => [k, encodeSeries(v)]));
  const r = {
    meta: JSON.parse(JSON.stringify(store.meta)),
    keysRead: 0,
    series(keys: string[]) {
      r.keysRead += keys.length;
      return keys.map((k) => decodeSeries(text.get(k) ?? '', store.meta.days));
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

export function checkStoreAgainstLive(a: Analysis, calls: [string, FormulaArg[]][]) {
  const store = reader(buildFormulaStore(a));
  for (const [name, args] of calls) {
    const what = `${name}(${args.map((x) => JSON.stringify(x)).join(', ')})`;
    let live: unknown;
    try {
      live = runFormula(a, name, args);
    } catch (e) {
      expect(() => answerFromStore(store, name, args), what).toThrowError((e as Error).message);
      continue;
    }
    expectSame(live, answerFromStore(store, name, args), what);
  }
  return store;
}

describe('formula store', () => {
  it('round-trips day series through text', () => {
    const v = Float64Array.from([0, 1.5, 0, 1 / 3, 0, 1e-7, 12345.678]);
    expect(Array.from(decodeSeries(encodeSeries(v), v.length))).toEqual(Array.from(v).map((x) => +x.toPrecision(15)));
  });

  it('answers every formula as the live engine does on the tiny example', () => {
    const a = analysed(tinyWorkbook());
    const ranges: [string, string][] = [['', ''], ['2026-03-01', '2026-03-31'], ['2026-03-05', '2026-03-05'], ['2026-02-01', '2026-04-15'], ['2026-04-01', '']];
    const calls: [string, FormulaArg[]][] = [];
    for (const [from, to] of ranges) {
      for (const c of ['C1', 'Webinar']) {
        for (const m of ['sessions', 'new contacts', 'influenced contacts', 'revenue', 'deals with revenue', 'views', 'new visitor sessions']) {
          calls.push(['CAMPAIGN_METRIC', [c, m, from, to]], ['CAMPAIGN_TREND', [c, m, 'monthly', from, to]]);
        }
        calls.push(['CAMPAIGN_METRIC', [c, 'new contacts', from, to, 'last touch']]);
        for (const t of ['contact create', 'deal create', 'revenue']) calls.push(['CAMPAIGN_ATTRIBUTION', [c, t, 'Shapley', from, to]], ['CAMPAIGN_ATTRIBUTION', [c, t, 'U-shaped', from, to]]);
      }
      for (const t of ['contact create', 'deal create', 'revenue']) {
        calls.push(['MODEL_COMPARISON', [t, from, to]], ['ATTRIBUTION_TABLE', [t, 'Time decay', from, to]], ['REMOVAL_EFFECTS', [t, from, to]]);
      }
    }
    calls.push(['CAMPAIGN_METRIC', [[['C1'], ['Webinar'], ['Nope']], 'views']], ['CAMPAIGN_ATTRIBUTION', [[['C1', 'C2']], 'deal create', 'Markov']]);
    calls.push(['CAMPAIGN_METRIC', ['C1', 'contacts with revenue']], ['CAMPAIGN_ATTRIBUTION', ['C1', 'contact create', 'Full path']], ['CAMPAIGN_METRIC', ['Nope', 'sessions']]);
    const store = checkStoreAgainstLive(a, calls);
    expect(store.keysRead).toBeGreaterThan(0);
  });

  it('says so instead of guessing for contacts with revenue over a custom range', () => {
    const a = analysed(tinyWorkbook());
    const store = reader(buildFormulaStore(a));
    expect(() => answerFromStore(store, 'CAMPAIGN_METRIC', ['C1', 'contacts with revenue', '2026-03-01', '2026-04-30'])).toThrowError(/needs the source tabs/);
  });
});

/**
 * @fileoverview The formulas' data (formulas/formula-data.ts) from a warehouse: the formula store
 * made from its results, plus contacts with revenue over any range, which is no sum of days and so
 * is asked of the warehouse per range. A formula is answered in two passes, as from the store: a
 * dry run finds the ranges it needs, one query counts them, then the formula runs.
 */
import type { FormulaArg } from '../formulas/arguments';
import type { FormulaData } from '../formulas/formula-data';
import { formulaByName, runFormula, type FormulaResult } from '../formulas/formulas';
import { storeData } from '../formula-store/store-data';
import type { FormulaStore } from '../formula-store/store';
import type { DateRange } from '../time/range';

/** Contacts with revenue per campaign for each range asked, in the order asked. */
export type ContactsWithRevenueQuery = (ranges: DateRange[]) => Promise<number[][]>;

const rangeKey = (r: DateRange) => `${r.from}:${r.to}`;

/** FormulaData over the store; contacts with revenue from `known`, recording ranges it lacks. */
export function warehouseData(store: FormulaStore, known: Map<string, number[]>, missing?: Map<string, DateRange>): FormulaData {
  const base = storeData(store.meta, (indexes) => indexes.map((i) => store.series[i] ?? null));
  return {
    ...base,
    metric(campaign, metric, range, touch) {
      if (metric !== 'contacts with revenue') return base.metric(campaign, metric, range, touch);
      const values = known.get(rangeKey(range));
      if (values) return values[campaign] ?? 0;
      missing?.set(rangeKey(range), range);
      return 0;
    },
  };
}

export async function answerFromWarehouse(store: FormulaStore, name: string, args: FormulaArg[], query: ContactsWithRevenueQuery): Promise<FormulaResult> {
  if (!formulaByName(name).needsWorkbook) return runFormula(null, name, args);
  const known = new Map<string, number[]>();
  const missing = new Map<string, DateRange>();
  try {
    runFormula(warehouseData(store, known, missing), name, args);
  } catch {
    // The same error comes back from the real run below.
  }
  if (missing.size) {
    const ranges = [...missing.values()];
    const counts = await query(ranges);
    ranges.forEach((r, i) => known.set(rangeKey(r), counts[i]));
  }
  return runFormula(warehouseData(store, known), name, args);
}

/**
 * @fileoverview A formula's result as `eval` prints it: CSV, numbers to six decimals (what a
 * spreadsheet shows and what hand-solved examples are checked to). Workbook and warehouse alike.
 */
import { stringify } from 'csv-stringify/sync';
import type { FormulaResult } from '../engine/formulas/formulas';

const roundForCsv = (v: number) => String(Math.round(v * 1e6) / 1e6);

export function formulaCsv(result: FormulaResult): string {
  const table = Array.isArray(result) ? result : [[result]];
  return stringify(table.map((row) => row.map((c) => (typeof c === 'number' ? roundForCsv(c) : c ?? ''))));
}

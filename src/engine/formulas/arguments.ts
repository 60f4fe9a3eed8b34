/**
 * @fileoverview Formula arguments as Sheets passes them: a single cell arrives as a scalar, a range
 * as a 2-D array, blanks as ''. A one-cell range reads as its cell.
 */
import type { DateInput } from '../time/range';

export type FormulaArg = string | number | boolean | Date | null | undefined | FormulaArg[][];

/** The scalar of an argument: a 1x1 range is its cell; a larger range is refused. */
export function scalar(arg: FormulaArg, name: string): string | number | boolean | Date | null | undefined {
  if (!Array.isArray(arg)) return arg;
  const cells = arg.flat();
  if (cells.length === 1 && !Array.isArray(cells[0])) return cells[0] as string | number | boolean | Date | null;
  if (cells.length === 0) return '';
  throw new Error(`${name} takes one value, not a range of ${arg.length} x ${arg[0]?.length ?? 0} cells.`);
}

export const text = (arg: FormulaArg, name: string): string => {
  const v = scalar(arg, name);
  return v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v).trim();
};

export const dateArg = (arg: FormulaArg, name: string): DateInput => scalar(arg, name);

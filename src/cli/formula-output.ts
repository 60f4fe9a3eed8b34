/**
 * @fileoverview A formula's result as `eval` prints it, from a workbook or a warehouse alike: CSV
 * through the project's one neutralising writer (numbers at full precision, text that could run as
 * a formula made literal). The caller escapes it for the terminal.
 */
import { csvText } from '../files/csv-text';
import type { FormulaResult } from '../engine/formulas/formulas';

export function formulaCsv(result: FormulaResult): string {
  return csvText(Array.isArray(result) ? result : [[result]]);
}

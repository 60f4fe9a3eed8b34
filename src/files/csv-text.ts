/**
 * @fileoverview The one CSV writer of the project: every CSV it writes or prints (report tables,
 * `eval`, source tabs for the bench and tests) goes through `csvText`, which follows OWASP's
 * CSV-injection guidance so that no text from data runs as a formula when the file is opened.
 */

/** A value as it goes into a CSV cell. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * Characters that make a spreadsheet read a cell as a formula (`= + - @`), and the tab and CR that
 * some strip before looking. A cell is split where a spreadsheet splits it: at the start of the
 * field, and after `;` or tab (a spreadsheet told to split on those makes a new cell there), and
 * after a line break (one that ignores quotes makes a new row there).
 */
const FORMULA_AFTER_SPLIT = /([;\t\r\n])(?=[=+\-@\t\r])/g;
const FORMULA_AT_START = /^(?=[=+\-@\t\r])/;

/**
 * Text with every place a spreadsheet could start a formula prefixed by `'`, which spreadsheets
 * show as text: `=1+1` -> `'=1+1`, `x;=1+1` -> `x;'=1+1`.
 */
export function neutralise(text: string): string {
  return text.replace(FORMULA_AFTER_SPLIT, "$1'").replace(FORMULA_AT_START, "'");
}

/** One CSV field: numbers plain at full precision, every text quoted and neutralised. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') return plainNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return '"' + neutralise(value).replace(/"/g, '""') + '"';
}

/** Rows as CSV text, one line per row ending in `\n`; a field's own line breaks stay quoted. */
export function csvText(rows: readonly (readonly CsvValue[])[]): string {
  let out = '';
  for (const row of rows) out += row.map(csvField).join(',') + '\n';
  return out;
}

/**
 * A number at full precision (the shortest text that reads back as the same double), without an
 * exponent so every spreadsheet reads it as a number; not finite: blank.
 */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Object.is(n, -0)) return '0';
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  // Expand d.ddde±x to plain digits.
  const sign = s[0] === '-' ? '-' : '';
  const mantissa = s.slice(sign.length, e).replace('.', '');
  const pointAt = s.slice(sign.length, e).indexOf('.');
  const exponent = Number(s.slice(e + 1)) + (pointAt < 0 ? s.slice(sign.length, e).length : pointAt);
  if (exponent <= 0) return `${sign}0.${'0'.repeat(-exponent)}${mantissa}`;
  return sign + mantissa + '0'.repeat(Math.max(0, exponent - mantissa.length));
}

/**
 * @fileoverview Shows a report cell the way the workbook shows it (`1,234`, `1,234.57`, `12.3%`,
 * `$1,234.50`), with `Intl.NumberFormat` only, so the HTML report, the sidebar and Apps Script
 * (V8 has `Intl`) print the same text for the same cell.
 */
import type { CellFormat, ReportCell } from './report-tab';
import { currencyOf, decimalsOf, isNumericFormat } from './number-formats';

export interface DisplayOptions {
  /** BCP 47 locale of separators and symbols; `en-US` when absent. */
  locale?: string;
  /** ISO 4217 code of `currency` cells; `USD` when absent. */
  currency?: string;
}

export const DEFAULT_LOCALE = 'en-US';
export const DEFAULT_CURRENCY = 'USD';

export { isNumericFormat };

// Building an Intl.NumberFormat costs far more than formatting with one, and a report formats
// thousands of cells with a handful of distinct formats.
const formatterCache = new Map<string, Intl.NumberFormat>();

/**
 * The formatter of a numeric format's digits (grouping and decimal mark from the locale, decimals
 * from the shared table); currency symbols and the ratio's × are added by formatCell, as the
 * spreadsheet patterns do. Throws a readable error for an unknown locale or a malformed currency.
 */
export function numberFormatter(
  format: 'integer' | 'decimal' | 'percent' | 'currency' | 'ratio',
  options: DisplayOptions = {},
): Intl.NumberFormat {
  const locale = options.locale || DEFAULT_LOCALE;
  const currency = (options.currency || DEFAULT_CURRENCY).toUpperCase();
  const key = `${format}|${locale}|${format === 'currency' ? currency : ''}`;
  let nf = formatterCache.get(key);
  if (nf) return nf;
  try {
    if (format === 'currency' && !/^[A-Z]{3}$/.test(currency)) throw new RangeError(`Invalid currency code : ${currency}`);
    const digits = decimalsOf(format, currency);
    nf = new Intl.NumberFormat(locale, { style: format === 'percent' ? 'percent' : 'decimal', minimumFractionDigits: format === 'integer' ? 0 : digits, maximumFractionDigits: digits });
  } catch (e) {
    throw new Error(
      `Cannot format numbers for locale "${locale}"${format === 'currency' ? ` and currency "${currency}"` : ''}: ` +
        `use a locale such as en-US or fr-FR and a 3-letter currency code such as USD, EUR or JPY (${(e as Error).message}).`,
      { cause: e },
    );
  }
  formatterCache.set(key, nf);
  return nf;
}

/**
 * Whether a value prints as zero, so it is shown as `0` rather than `-0` (signDisplay 'negative'
 * would do this, but it is newer than some of the runtimes this module targets).
 */
function roundsToZero(value: number, nf: Intl.NumberFormat, format: CellFormat): boolean {
  if (value > 0) return false;
  // resolvedOptions() builds a new object on each call: read once per formatter (most cells are 0).
  let digits = fractionDigits.get(nf);
  if (digits === undefined) fractionDigits.set(nf, (digits = nf.resolvedOptions().maximumFractionDigits ?? 0));
  return -value < 0.5 * 10 ** -(digits + (format === 'percent' ? 2 : 0));
}

const fractionDigits = new WeakMap<Intl.NumberFormat, number>();

/**
 * The text of a cell in a column of `format`. Null is empty; text (including the date, month and
 * datetime texts the engine already wrote in the workbook's zone) is shown as given.
 */
export function formatCell(value: ReportCell | undefined, format: CellFormat | null | undefined, options: DisplayOptions = {}): string {
  return typeof value === 'number' ? cellFormatter(format, options)(value) : plainCell(value);
}

/**
 * formatCell for every cell of one column: the column's formatter is looked up once, not once a
 * cell (a page formats hundreds of thousands of cells).
 */
export function cellFormatter(format: CellFormat | null | undefined, options: DisplayOptions = {}): (value: ReportCell | undefined) => string {
  switch (format) {
    case 'integer':
    case 'decimal':
    case 'percent':
    case 'currency':
    case 'ratio': {
      // Made at the first number: a column of text formats nothing, so a bad locale is no error there.
      let nf: Intl.NumberFormat | undefined;
      let symbol = '';
      let zero = '';
      return (value) => {
        if (typeof value !== 'number') return plainCell(value);
        if (Number.isNaN(value)) return '';
        if (!nf) {
          nf = numberFormatter(format, options);
          symbol = format === 'currency' ? currencyOf(options.currency || DEFAULT_CURRENCY).symbol : '';
          zero = nf.format(0);
        }
        const v = roundsToZero(value, nf, format) ? 0 : value;
        if (format === 'ratio') return `${nf.format(v)}×`;
        if (format !== 'currency') return nf.format(v);
        // The symbol before the amount and the sign before both, as the sheet's [$sym] pattern shows it.
        const text = nf.format(Math.abs(v));
        return `${v < 0 && text !== zero ? '-' : ''}${symbol}${text}`;
      };
    }
    default:
      // A number in a text or date column: plain, without grouping, as a sheet cell shows it.
      return (value) => (typeof value !== 'number' ? plainCell(value) : Number.isNaN(value) ? '' : String(value));
  }
}

function plainCell(value: Exclude<ReportCell, number> | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value;
}

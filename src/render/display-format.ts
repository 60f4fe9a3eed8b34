/**
 * @fileoverview Shows a report cell the way the workbook shows it (`1,234`, `1,234.57`, `12.3%`,
 * `$1,234.50`), with `Intl.NumberFormat` only, so the HTML report, the sidebar and Apps Script
 * (V8 has `Intl`) print the same text for the same cell.
 */
import type { CellFormat, ReportCell } from '../engine/report-tab/report-tab';

export interface DisplayOptions {
  /** BCP 47 locale of separators and symbols; `en-US` when absent. */
  locale?: string;
  /** ISO 4217 code of `currency` cells; `USD` when absent. */
  currency?: string;
}

export const DEFAULT_LOCALE = 'en-US';
export const DEFAULT_CURRENCY = 'USD';

/** Formats whose cells are numbers, right-aligned in every table. */
const NUMERIC_FORMATS: ReadonlySet<CellFormat> = new Set<CellFormat>(['integer', 'decimal', 'percent', 'currency']);

export function isNumericFormat(format: CellFormat | null | undefined): boolean {
  return format != null && NUMERIC_FORMATS.has(format);
}

// Building an Intl.NumberFormat costs far more than formatting with one, and a report formats
// thousands of cells with a handful of distinct formats.
const formatterCache = new Map<string, Intl.NumberFormat>();

/** The number formatter of a format; throws a readable error for an unknown locale or currency. */
export function numberFormatter(
  format: 'integer' | 'decimal' | 'percent' | 'currency',
  options: DisplayOptions = {},
): Intl.NumberFormat {
  const locale = options.locale || DEFAULT_LOCALE;
  const currency = (options.currency || DEFAULT_CURRENCY).toUpperCase();
  const key = `${format}|${locale}|${format === 'currency' ? currency : ''}`;
  let nf = formatterCache.get(key);
  if (nf) return nf;
  const base: Intl.NumberFormatOptions = {};
  let opts: Intl.NumberFormatOptions;
  switch (format) {
    case 'integer':
      opts = { ...base, maximumFractionDigits: 0 };
      break;
    case 'decimal':
      opts = { ...base, minimumFractionDigits: 2, maximumFractionDigits: 2 };
      break;
    case 'percent':
      opts = { ...base, style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 };
      break;
    case 'currency':
      // The currency's own minor unit (2 for USD/EUR/GBP, 0 for JPY), as Sheets' currency formats do.
      opts = { ...base, style: 'currency', currency, currencyDisplay: 'symbol' };
      break;
  }
  try {
    nf = new Intl.NumberFormat(locale, opts);
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
  const digits = (nf.resolvedOptions().maximumFractionDigits ?? 0) + (format === 'percent' ? 2 : 0);
  return -value < 0.5 * 10 ** -digits;
}

/**
 * The text of a cell in a column of `format`. Null is empty; text (including the date, month and
 * datetime texts the engine already wrote in the workbook's zone) is shown as given.
 */
export function formatCell(value: ReportCell | undefined, format: CellFormat | null | undefined, options: DisplayOptions = {}): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (Number.isNaN(value)) return '';
  switch (format) {
    case 'integer':
    case 'decimal':
    case 'percent':
    case 'currency': {
      const nf = numberFormatter(format, options);
      return nf.format(roundsToZero(value, nf, format) ? 0 : value);
    }
    default:
      // A number in a text or date column: plain, without grouping, as a sheet cell shows it.
      return String(value);
  }
}

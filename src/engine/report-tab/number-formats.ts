/**
 * @fileoverview The one table of how report cells look: each cell format's number pattern (the
 * same pattern language serves Google Sheets' `setNumberFormats` and Excel's `numFmt`) and each
 * currency's symbol and minor unit. Sheets, the .xlsx and the HTML report all read it, so a cell
 * shows the same text everywhere.
 */
import type { CellFormat } from './report-tab';

export interface Currency {
  /** What precedes the amount (`$`, `€`, `kr`); an unknown code shows itself. */
  symbol: string;
  /** Digits after the decimal mark: the currency's minor unit (0 for yen and won). */
  decimals: number;
}

const CURRENCIES: Record<string, Currency> = {
  USD: { symbol: '$', decimals: 2 }, EUR: { symbol: '€', decimals: 2 }, GBP: { symbol: '£', decimals: 2 },
  JPY: { symbol: '¥', decimals: 0 }, CNY: { symbol: 'CN¥', decimals: 2 }, INR: { symbol: '₹', decimals: 2 },
  KRW: { symbol: '₩', decimals: 0 }, BRL: { symbol: 'R$', decimals: 2 }, CHF: { symbol: 'CHF ', decimals: 2 },
  CAD: { symbol: 'CA$', decimals: 2 }, AUD: { symbol: 'A$', decimals: 2 }, NZD: { symbol: 'NZ$', decimals: 2 },
  MXN: { symbol: 'MX$', decimals: 2 }, SEK: { symbol: 'kr ', decimals: 2 }, NOK: { symbol: 'kr ', decimals: 2 },
  DKK: { symbol: 'kr. ', decimals: 2 }, PLN: { symbol: 'zł ', decimals: 2 }, RUB: { symbol: '₽', decimals: 2 },
  TRY: { symbol: '₺', decimals: 2 }, ZAR: { symbol: 'R ', decimals: 2 },
};

/** The currency of an ISO 4217 code; an unknown code is shown as the code and two decimals. */
export function currencyOf(code: string): Currency {
  const c = code.trim().toUpperCase() || 'USD';
  return CURRENCIES[c] ?? { symbol: `${c} `, decimals: 2 };
}

/** Every currency the table knows, for the settings and tests. */
export const KNOWN_CURRENCIES = Object.keys(CURRENCIES);

/** The currency a spreadsheet locale implies (Sheets exposes the locale, not the currency). */
export function currencyOfLocale(locale: string): string {
  const region = (locale.split(/[_-]/)[1] ?? '').toUpperCase();
  const euro = ['DE', 'FR', 'ES', 'IT', 'NL', 'BE', 'AT', 'IE', 'PT', 'FI', 'GR', 'LU', 'SK', 'SI', 'EE', 'LV', 'LT', 'MT', 'CY', 'HR'];
  if (euro.includes(region)) return 'EUR';
  const byRegion: Record<string, string> = {
    US: 'USD', GB: 'GBP', JP: 'JPY', CN: 'CNY', IN: 'INR', KR: 'KRW', BR: 'BRL', CH: 'CHF', CA: 'CAD', AU: 'AUD', SE: 'SEK',
    NO: 'NOK', DK: 'DKK', PL: 'PLN', MX: 'MXN', RU: 'RUB', TR: 'TRY', ZA: 'ZAR', NZ: 'NZD',
  };
  return byRegion[region] ?? 'USD';
}

/** Digits after the decimal mark per numeric format (currency: its minor unit). */
export function decimalsOf(format: 'integer' | 'decimal' | 'percent' | 'currency' | 'ratio', currency = 'USD'): number {
  switch (format) {
    case 'integer': return 0;
    case 'decimal': return 2;
    case 'percent': return 1;
    case 'ratio': return 1;
    case 'currency': return currencyOf(currency).decimals;
  }
}

/**
 * A cell format as a spreadsheet number pattern. `[$sym]` is the literal-currency form both Sheets
 * and Excel read; text and unformatted cells get Sheets' default pattern, which shows text as typed
 * (the apostrophe that keeps formula-like text literal stays hidden, where `@` would show it).
 */
export function numberPattern(format: CellFormat | null, currency = 'USD'): string {
  switch (format) {
    case 'integer': return '#,##0';
    case 'decimal': return '#,##0.00';
    case 'percent': return '0.0%';
    case 'ratio': return '0.0"×"';
    case 'currency': {
      const c = currencyOf(currency);
      return `[$${c.symbol.replace(/["\]]/g, '')}]#,##0${c.decimals ? '.' + '0'.repeat(c.decimals) : ''}`;
    }
    case 'date': return 'yyyy-mm-dd';
    case 'month': return 'yyyy-mm';
    case 'datetime': return 'yyyy-mm-dd hh:mm';
    default: return DEFAULT_PATTERN;
  }
}

/** What getNumberFormat() returns for an untouched Sheets cell. */
export const DEFAULT_PATTERN = '0.###############';

/** Formats whose cells are numbers (right-aligned, summable). */
export const NUMERIC_FORMATS: ReadonlySet<CellFormat> = new Set<CellFormat>(['integer', 'decimal', 'percent', 'currency', 'ratio']);

export const isNumericFormat = (format: CellFormat | null | undefined): format is 'integer' | 'decimal' | 'percent' | 'currency' | 'ratio' =>
  format != null && NUMERIC_FORMATS.has(format);

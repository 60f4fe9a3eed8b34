/**
 * @fileoverview A report tab's layout turned into what `setValues`, `setNumberFormats` and
 * `setFontWeights` take: dates as real dates in the spreadsheet's zone, formula-like text kept as
 * text, and number formats in Sheets' pattern language.
 */
import type { CellFormat, TabLayout } from '../engine/report-tab/report-tab';
import type { TimeZone } from '../engine/time/zone';

/**
 * setValues parses text as if typed: `=x` becomes a formula, `00123` the number 123, `2026-03` a
 * date. A leading apostrophe keeps any text as it is, and Sheets does not show it.
 */
export const asLiteralText = (s: string) => (s === '' ? s : `'${s}`);

const CURRENCY_SYMBOLS: Record<string, string> = {
  USD: '$', EUR: '€', GBP: '£', JPY: '¥', CNY: '¥', INR: '₹', KRW: '₩', BRL: 'R$', CHF: 'CHF', CAD: 'CA$', AUD: 'A$',
  SEK: 'kr', NOK: 'kr', DKK: 'kr', PLN: 'zł', MXN: 'MX$', RUB: '₽', TRY: '₺', ZAR: 'R', NZD: 'NZ$',
};

const NO_DECIMALS = new Set(['JPY', 'KRW']);

export const DEFAULT_FORMAT = '0.###############';

export function sheetsNumberFormat(format: CellFormat | null, currency: string): string {
  switch (format) {
    case 'integer': return '#,##0';
    case 'decimal': return '#,##0.00';
    case 'percent': return '0.0%';
    case 'currency': return `[$${CURRENCY_SYMBOLS[currency] ?? currency}]#,##0${NO_DECIMALS.has(currency) ? '' : '.00'}`;
    case 'date': return 'yyyy-mm-dd';
    case 'month': return 'yyyy-mm';
    case 'datetime': return 'yyyy-mm-dd hh:mm';
    // What getNumberFormat() returns for an untouched cell: text shows as typed, and the
    // apostrophe that keeps formula-like text literal is hidden (plain-text '@' would show it).
    default: return DEFAULT_FORMAT;
  }
}

/** The currency a spreadsheet locale implies (Sheets exposes the locale, not the currency). */
export function currencyOfLocale(locale: string): string {
  const region = (locale.split(/[_-]/)[1] ?? '').toUpperCase();
  const euro = ['DE', 'FR', 'ES', 'IT', 'NL', 'BE', 'AT', 'IE', 'PT', 'FI', 'GR', 'LU', 'SK', 'SI', 'EE', 'LV', 'LT', 'MT', 'CY', 'HR'];
  if (euro.includes(region)) return 'EUR';
  const byRegion: Record<string, string> = {
    US: 'USD', GB: 'GBP', JP: 'JPY', CN: 'CNY', IN: 'INR', KR: 'KRW', BR: 'BRL', CH: 'CHF', CA: 'CAD', AU: 'AUD', SE: 'SEK',
    NO: 'NOK', DK: 'DKK', PL: 'PLN', MX: 'MXN', TR: 'TRY', ZA: 'ZAR', NZ: 'NZD',
  };
  return byRegion[region] ?? 'USD';
}

const WALL = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?: (\d{2}):(\d{2}))?$/;

export interface SheetBlock {
  values: (string | number | boolean | Date)[][];
  numberFormats: string[][];
  fontWeights: ('bold' | 'normal')[][];
}

export function sheetBlock(layout: TabLayout, zone: TimeZone, currency: string): SheetBlock {
  const bold = new Set(layout.boldRows);
  const values = layout.grid.map((row, r) => row.map((cell, c) => {
    if (cell === null) return '';
    if (typeof cell !== 'string') return cell;
    const f = layout.formats[r][c];
    if (f === 'date' || f === 'month' || f === 'datetime') {
      const m = WALL.exec(cell);
      if (m) {
        return new Date(zone.instantOf({ year: +m[1], month: +m[2], day: m[3] ? +m[3] : 1, hour: m[4] ? +m[4] : 0, minute: m[5] ? +m[5] : 0, second: 0, ms: 0 }));
      }
    }
    return asLiteralText(cell);
  }));
  return {
    values,
    numberFormats: layout.formats.map((row) => row.map((f) => sheetsNumberFormat(f, currency))),
    fontWeights: layout.grid.map((row, r) => row.map(() => (bold.has(r) ? 'bold' : 'normal'))),
  };
}

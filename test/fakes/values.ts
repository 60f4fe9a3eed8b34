/**
 * @fileoverview Cell values the way Sheets stores them: A1 notation, how a written JavaScript value
 * becomes a cell (formulas, the `'` text prefix, numbers and booleans parsed from text), how a cell
 * is displayed under a number format, and date patterns for both Sheets formats and
 * `Utilities.formatDate`. Anything the fake cannot reproduce faithfully throws instead of guessing.
 */
import { exception, notModelled } from './core';

export type CellValue = string | number | boolean | Date;

/** One cell. Absent fields are the defaults of a fresh cell. */
export interface Cell {
  value: CellValue;
  formula?: string;
  numberFormat?: string;
  fontWeight?: 'bold';
  background?: string;
  /** A custom function's last result here, and the formula text it was computed for. */
  computed?: { formula: string; value: CellValue };
}

/** Sheets' limit on one cell's content, text and formulas alike. */
export const CELL_MAX_CHARS = 50_000;
export const CELL_TOO_LONG_MESSAGE = `Your input contains more than the maximum of ${CELL_MAX_CHARS} characters in a single cell.`;

/** What `getNumberFormat()` returns for a cell whose format was never set ("Automatic"). */
export const DEFAULT_NUMBER_FORMAT = '0.###############';
export const DEFAULT_BACKGROUND = '#ffffff';
export const TEXT_FORMAT = '@';

// ---------------------------------------------------------------------------------------------
// A1 notation

export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface GridRect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export function a1Notation(rect: GridRect): string {
  const start = `${columnLetters(rect.column)}${rect.row}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return start;
  return `${start}:${columnLetters(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
}

/**
 * Parses `A1`, `A1:C10`, `A:C`, `2:5` and `A2:C` (open-ended rows); `$` is allowed. Whole
 * columns and rows run to the sheet's current size. Anything else is the real "Range not found".
 */
export function parseA1(text: string, maxRows: number, maxColumns: number): GridRect {
  const t = text.trim().replace(/\$/g, '');
  let m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(t);
  if (m) {
    const [r1, c1] = [Number(m[2]), columnNumber(m[1])];
    const [r2, c2] = m[3] ? [Number(m[4]), columnNumber(m[3])] : [r1, c1];
    return rect(Math.min(r1, r2), Math.min(c1, c2), Math.max(r1, r2), Math.max(c1, c2));
  }
  m = /^([A-Z]+):([A-Z]+)$/i.exec(t);
  if (m) {
    const [c1, c2] = [columnNumber(m[1]), columnNumber(m[2])];
    return rect(1, Math.min(c1, c2), maxRows, Math.max(c1, c2));
  }
  m = /^(\d+):(\d+)$/.exec(t);
  if (m) {
    const [r1, r2] = [Number(m[1]), Number(m[2])];
    return rect(Math.min(r1, r2), 1, Math.max(r1, r2), maxColumns);
  }
  m = /^([A-Z]+)(\d+):([A-Z]+)$/i.exec(t);
  if (m) {
    const [c1, c2] = [columnNumber(m[1]), columnNumber(m[3])];
    return rect(Number(m[2]), Math.min(c1, c2), maxRows, Math.max(c1, c2));
  }
  throw exception('Range not found');
}

const rect = (r1: number, c1: number, r2: number, c2: number): GridRect => {
  if (r1 < 1 || c1 < 1) throw exception('Range not found');
  return { row: r1, column: c1, numRows: r2 - r1 + 1, numColumns: c2 - c1 + 1 };
};

/** Splits `'My tab'!A1:B2` / `Tab!A1` into sheet name and A1 part. */
export function splitSheetA1(text: string): { sheetName?: string; a1: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^!'][^!]*))!(.+)$/.exec(text.trim());
  if (!m) return { a1: text };
  return { sheetName: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], a1: m[3] };
}

// ---------------------------------------------------------------------------------------------
// Writing: how a JavaScript value becomes a cell

/** Text Sheets would turn into a date, time, percentage or currency: locale-dependent, refused. */
const PARSED_AS_NON_TEXT = [
  /^\d{4}[-/.]\d{1,2}([-/.]\d{1,2})?([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?$/, // 2024-01-05, 2024-01
  /^\d{1,2}[-/.]\d{1,2}([-/.]\d{2,4})?( \d{1,2}:\d{2}(:\d{2})?)?$/, // 1/5/2024, 3/4
  /^\d{1,2}:\d{2}(:\d{2})?(\s?[ap]m)?$/i, // 10:30
  /^(\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,4}(,?\s*\d{4})?$/i, // Jan 2024
  /^[-+]?(\d+(\.\d*)?|\.\d+)\s?%$/, // 12%
  /^[-+]?[$€£¥]\s?\d[\d,]*(\.\d+)?$/, // $1,200
  /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/, // 1,200
];
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * The cell a value written by `setValue(s)` becomes. Like typing into Sheets: `=…` is a formula,
 * `'…` is literal text (the quote is not part of the value), number-like text becomes a number
 * (`'00123'` → 123) and `TRUE`/`FALSE` become booleans, unless the cell's format is plain text `@`.
 */
export function cellFromInput(input: unknown, numberFormat: string | undefined, where: string): Pick<Cell, 'value' | 'formula'> {
  if (input === null || input === undefined || input === '') return { value: '' };
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw notModelled(`writing the number ${input} (${where})`);
    return { value: input };
  }
  if (typeof input === 'boolean') return { value: input };
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw notModelled(`writing an invalid Date (${where})`);
    return { value: new Date(input.getTime()) };
  }
  if (typeof input !== 'string') {
    throw notModelled(`writing a ${Array.isArray(input) ? 'array' : typeof input} into a cell (${where}); write a string, number, boolean or Date`);
  }
  // Counted on what the cell would hold: a text prefix "'" is not part of it.
  if ((input.startsWith("'") ? input.length - 1 : input.length) > CELL_MAX_CHARS) throw exception(CELL_TOO_LONG_MESSAGE);
  if (numberFormat === TEXT_FORMAT) return { value: input.startsWith("'") ? input.slice(1) : input };
  if (input.startsWith("'")) return { value: input.slice(1) };
  if (input.startsWith('=') && input.length > 1) return { value: '', formula: input };
  if (PLAIN_NUMBER.test(input)) return { value: Number(input) };
  if (/^(true|false)$/i.test(input)) return { value: input.toLowerCase() === 'true' };
  if (PARSED_AS_NON_TEXT.some((re) => re.test(input.trim()))) {
    throw notModelled(
      `Sheets would parse the text ${JSON.stringify(input)} as a date, time, percentage or number (${where}); ` +
        `write a Date or number, prefix the text with "'", or set the number format "@" first`,
    );
  }
  return { value: input };
}

/** Seeded cells are stored values, as `getValues()` would return them: no parsing at all. */
export function cellFromSeed(input: unknown, where: string): Cell | undefined {
  if (input === null || input === undefined || input === '') return undefined;
  if (typeof input === 'string' || typeof input === 'boolean') return { value: input };
  if (typeof input === 'number' && Number.isFinite(input)) return { value: input };
  if (input instanceof Date && !Number.isNaN(input.getTime())) return { value: new Date(input.getTime()) };
  throw new Error(`fake seed ${where}: a cell must be a string, finite number, boolean, Date, null or ''`);
}

export const copyValue = (v: CellValue): CellValue => (v instanceof Date ? new Date(v.getTime()) : v);

// ---------------------------------------------------------------------------------------------
// Display: `getDisplayValues()`

interface DisplayContext {
  timeZone: string;
  locale: string;
}

export function displayText(value: CellValue, numberFormat: string | undefined, ctx: DisplayContext): string {
  const format = numberFormat ?? DEFAULT_NUMBER_FORMAT;
  if (value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (value instanceof Date) {
    if (format === DEFAULT_NUMBER_FORMAT || format === TEXT_FORMAT || !isDateFormat(format)) {
      throw notModelled(`displaying a Date under the number format ${JSON.stringify(format)}; set a date format such as "yyyy-mm-dd" first`);
    }
    return formatSheetsDate(value, format, ctx.timeZone);
  }
  return formatNumber(value, format, ctx.locale);
}

function formatNumber(n: number, format: string, locale: string): string {
  if (format === DEFAULT_NUMBER_FORMAT || format === 'General' || format === TEXT_FORMAT) {
    // Automatic shows up to 15 significant digits (0.1 + 0.2 shows 0.3).
    if (n !== 0 && (Math.abs(n) >= 1e15 || Math.abs(n) < 1e-9)) throw notModelled(`displaying ${n} in scientific notation`);
    const text = String(Number(n.toPrecision(15)));
    return usesDotDecimal(locale) || Number.isInteger(n) ? text : notEnglish(locale, format);
  }
  const m = /^(#,##)?0(?:\.(0*)(#*))?(%)?$/.exec(format);
  if (!m) throw notModelled(`displaying a number under the number format ${JSON.stringify(format)}`);
  const [, grouping, zeros = '', hashes = '', percent] = m;
  if (!usesDotDecimal(locale) && (grouping || zeros || hashes)) return notEnglish(locale, format);
  const scaled = percent ? n * 100 : n;
  let text = Math.abs(scaled).toFixed(zeros.length + hashes.length);
  if (hashes) text = text.replace(new RegExp(`0{1,${hashes.length}}$`), '').replace(/\.$/, '');
  if (grouping) {
    const [int, frac] = text.split('.');
    text = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  const negative = scaled < 0 && /[1-9]/.test(text);
  return `${negative ? '-' : ''}${text}${percent ? '%' : ''}`;
}

const usesDotDecimal = (locale: string) => /^en(_|$)/.test(locale);
const notEnglish = (locale: string, format: string): never => {
  throw notModelled(`number display in locale ${locale} (format ${JSON.stringify(format)}); only en_* separators are modelled`);
};

function isDateFormat(format: string): boolean {
  return /[ydhs]/i.test(format.replace(/"[^"]*"/g, ''));
}

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
}

/** The wall-clock fields of an instant in an IANA time zone, via `Intl`. */
export function zonedParts(date: Date, timeZone: string): ZonedParts {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    }).formatToParts(date);
  } catch {
    throw notModelled(`the time zone ${JSON.stringify(timeZone)}; use an IANA name such as "Europe/Paris"`);
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
    millisecond: date.getUTCMilliseconds(),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday')),
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Sheets date formats: `yyyy-mm-dd hh:mm:ss`, where `mm` after `h` or before `s` is minutes. */
function formatSheetsDate(date: Date, format: string, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  const tokens = format.match(/"[^"]*"|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am\/pm|[^a-z"]+|[a-z]+/gi) ?? [];
  const isMinute = (i: number) => {
    const before = tokens.slice(0, i).reverse().find((t) => /^[a-z]/i.test(t));
    const after = tokens.slice(i + 1).find((t) => /^[a-z]/i.test(t));
    return (before !== undefined && /^h/i.test(before)) || (after !== undefined && /^s/i.test(after));
  };
  const twelve = tokens.some((t) => /^am\/pm$/i.test(t));
  return tokens
    .map((t, i) => {
      const lower = t.toLowerCase();
      if (t.startsWith('"')) return t.slice(1, -1);
      switch (lower) {
        case 'yyyy': return String(p.year);
        case 'yy': return pad(p.year % 100);
        case 'mmmm': return MONTHS[p.month - 1];
        case 'mmm': return MONTHS[p.month - 1].slice(0, 3);
        case 'mm': return pad(isMinute(i) ? p.minute : p.month);
        case 'm': return String(isMinute(i) ? p.minute : p.month);
        case 'dddd': return DAYS[p.weekday];
        case 'ddd': return DAYS[p.weekday].slice(0, 3);
        case 'dd': return pad(p.day);
        case 'd': return String(p.day);
        case 'hh': return pad(twelve ? ((p.hour + 11) % 12) + 1 : p.hour);
        case 'h': return String(twelve ? ((p.hour + 11) % 12) + 1 : p.hour);
        case 'ss': return pad(p.second);
        case 's': return String(p.second);
        case 'am/pm': return p.hour < 12 ? 'AM' : 'PM';
        default:
          if (/^[a-z]/i.test(t)) throw notModelled(`the date format token ${JSON.stringify(t)} in ${JSON.stringify(format)}`);
          return t;
      }
    })
    .join('');
}

/**
 * `Utilities.formatDate` patterns (Java SimpleDateFormat): y, M, d, H, h, m, s, S, a, E and
 * quoted literals. Other letters (z, Z, X, w, …) throw rather than print something wrong.
 */
export function formatJavaDate(date: Date, timeZone: string, pattern: string): string {
  const p = zonedParts(date, timeZone);
  const tokens = pattern.match(/'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+/g) ?? [];
  return tokens
    .map((t) => {
      if (t.startsWith("'")) return t === "''" ? "'" : t.slice(1, -1).replace(/''/g, "'");
      if (!/^[A-Za-z]/.test(t)) return t;
      const n = t.length;
      switch (t[0]) {
        case 'y': return n === 2 ? pad(p.year % 100) : pad(p.year, n);
        case 'M': return n >= 4 ? MONTHS[p.month - 1] : n === 3 ? MONTHS[p.month - 1].slice(0, 3) : pad(p.month, n);
        case 'd': return pad(p.day, n);
        case 'H': return pad(p.hour, n);
        case 'h': return pad(((p.hour + 11) % 12) + 1, n);
        case 'm': return pad(p.minute, n);
        case 's': return pad(p.second, n);
        case 'S': return pad(p.millisecond, 3).slice(0, Math.max(n, 3));
        case 'a': return p.hour < 12 ? 'AM' : 'PM';
        case 'E': return n >= 4 ? DAYS[p.weekday] : DAYS[p.weekday].slice(0, 3);
        default:
          throw notModelled(`the formatDate pattern letter "${t[0]}" in ${JSON.stringify(pattern)}`);
      }
    })
    .join('');
}

/** The function a formula calls when the whole formula is one call (`=NAME(...)`), upper case. */
export function calledFunction(formula: string): string | null {
  const m = /^=\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\(/.exec(formula);
  return m && formula.trimEnd().endsWith(')') ? m[1].toUpperCase() : null;
}

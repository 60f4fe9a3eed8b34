/**
 * @fileoverview Reading single cells by the data contract's rules: dates, numbers, IDs, lists and
 * names. Each reader returns a value or a `CellProblem` saying what was expected; it never guesses.
 */
import { UnreadableCell, type RawCell } from './raw';
import { wallClockOfLocal, type TimeZone } from '../time/zone';

/** What a cell should have held, for the data check. */
export interface CellProblem {
  problem: string;
}

export const isProblem = (v: unknown): v is CellProblem =>
  typeof v === 'object' && v !== null && 'problem' in v && !(v instanceof Date);

/** Tab and header names compare without case, spaces, `_`, `-` and `.`. */
export function normalizeName(name: unknown): string {
  return String(name ?? '').toLowerCase().replace(/[\s_.-]+/g, '');
}

const SHEETS_ERRORS = /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|ERROR!|SPILL!|CALC!|GETTING_DATA)$/i;

/** True for `''`, null and whitespace-only text. */
export function isBlank(cell: RawCell | undefined): boolean {
  return cell === '' || cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** The cell as the user would read it, for messages. */
export function cellText(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return isNaN(cell.getTime()) ? 'Invalid Date' : cell.toISOString();
  if (cell instanceof UnreadableCell) return cell.text || cell.what;
  return String(cell);
}

/** A spreadsheet error value, or a cell the file could not give a value for. */
function sheetsError(cell: RawCell): CellProblem | null {
  if (cell instanceof UnreadableCell) return { problem: `a value, not ${cell.what}` };
  return typeof cell === 'string' && cell.length > 0 && (cell[0] === '#' || cell[0] === ' ') && SHEETS_ERRORS.test(cell.trim())
    ? { problem: `a value, not the spreadsheet error ${cell.trim()}` }
    : null;
}

/** IDs are text: `00123` stays `00123`; the number 123 is `123`. */
export function readId(cell: RawCell): string | CellProblem {
  const err = sheetsError(cell);
  if (err) return err;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : { problem: 'an ID' };
  if (cell instanceof Date) return { problem: 'an ID (text or number), not a date' };
  return String(cell).trim();
}

/** Plain text (names, URLs, UTM values). */
export function readText(cell: RawCell): string | CellProblem {
  const err = sheetsError(cell);
  if (err) return err;
  if (cell instanceof Date) return cell.toISOString();
  return String(cell ?? '').trim();
}

const NUMBER_TEXT = /^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/;
const CURRENCY = /[$€£¥₹₩₽₺₪₫฿]|\b(USD|EUR|GBP|JPY|CHF|CAD|AUD|INR|CNY|SEK|NOK|DKK|BRL|MXN)\b/gi;

/** Number cells, or text such as `1,234.50`, `$1,234.50`, `1234.5 EUR`. */
export function readNumber(cell: RawCell): number | CellProblem {
  const err = sheetsError(cell);
  if (err) return err;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : { problem: 'a finite number' };
  if (typeof cell !== 'string') return { problem: 'a number such as 1234.50' };
  let text = cell.replace(CURRENCY, '').replace(/\s+/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (text === '' || text === '.' || !NUMBER_TEXT.test(text) || !/\d/.test(text)) {
    return { problem: 'a number such as 1,234.50 (comma thousands, dot decimals)' };
  }
  const n = Number(text.replace(/,/g, ''));
  // 309 nines read as Infinity: no amount is that large, and ∞ would spread through every total.
  if (!Number.isFinite(n)) return { problem: 'a number a spreadsheet can hold (at most about 1.8e308)' };
  return negative ? -n : n;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** The earliest year read as a date: `0026-03-05` is a typo, not Roman history. */
const MIN_YEAR = 1000;
/** UTC offsets span -12:00 to +14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

/** Spreadsheet serial day 0 (1899-12-30) as a UTC-epoch day offset. */
const SERIAL_EPOCH_DAYS = 25569;
const DAY_MS = 86_400_000;

/**
 * A date: a real date cell (an instant), an ISO 8601 text, or a spreadsheet serial number. Text and
 * serials without an offset are wall-clock time in the workbook's zone.
 */
export function readDate(cell: RawCell, zone: TimeZone): number | CellProblem {
  const expected = 'a date: a date cell, ISO 8601 text such as 2026-03-01 or 2026-03-01T09:30:00Z, or a serial number';
  const err = sheetsError(cell);
  if (err) return err;
  if (cell instanceof Date) {
    const t = cell.getTime();
    if (isNaN(t)) return { problem: expected };
    return cell.getUTCFullYear() < MIN_YEAR ? { problem: `${expected} (a year from ${MIN_YEAR} on)` } : t;
  }
  if (typeof cell === 'number') {
    // Serials before 1900 or after 9999 are surely not dates (likely an ID in the wrong column).
    if (!Number.isFinite(cell) || cell < 1 || cell > 2958465) return { problem: expected };
    return zone.instantOf(wallClockOfLocal(Math.round((cell - SERIAL_EPOCH_DAYS) * DAY_MS)));
  }
  if (typeof cell !== 'string') return { problem: expected };
  const m = ISO.exec(cell.trim());
  if (!m) return { problem: expected };
  const [, y, mo, d, h, mi, s, frac, off] = m;
  const year = +y, month = +mo, day = +d;
  // Date.UTC reads years 0-99 as 1900-1999; no data of ours is from before the year 1000.
  if (year < MIN_YEAR) return { problem: `${expected} (a year from ${MIN_YEAR} on)` };
  const hour = h ? +h : 0, minute = mi ? +mi : 0, second = s ? +s : 0;
  const ms = frac ? Math.round(Number('0.' + frac) * 1000) : 0;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCDate() !== day || probe.getUTCMonth() !== month - 1 || hour > 23 || minute > 59 || second > 59) {
    return { problem: `${expected} (this date does not exist)` };
  }
  if (off) {
    const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    if (off.toUpperCase() === 'Z') return local;
    const sign = off[0] === '-' ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    const offHours = Number(digits.slice(0, 2));
    const offMinutes = Number(digits.slice(2, 4) || '0');
    const offMin = offHours * 60 + offMinutes;
    // Real offsets run from -12:00 to +14:00; `+25:00` or `+99` is a typo, not a time zone.
    if (offMinutes > 59 || offMin > MAX_OFFSET_MINUTES) return { problem: `${expected} (an offset from -14:00 to +14:00)` };
    return local - sign * offMin * 60_000;
  }
  return zone.instantOf({ year, month, day, hour, minute, second, ms });
}

/** `a; b, c` -> [`a`, `b`, `c`]; IDs keep their text. */
export function readList(cell: RawCell): string[] | CellProblem {
  const err = sheetsError(cell);
  if (err) return err;
  if (typeof cell === 'number') return [String(cell)];
  if (cell instanceof Date) return { problem: 'a list of IDs separated by ; or ,' };
  return String(cell ?? '')
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Enumeration cells repeat a handful of spellings: remember each spelling's reading. */
const spellingMemo = new WeakMap<ReadonlyMap<string, string>, Map<string, string | null>>();

/** An enumeration value, by its normalized name or an alias. */
export function readEnum<T extends string>(
  cell: RawCell,
  aliases: ReadonlyMap<string, T>,
  expected: string,
): T | CellProblem {
  if (typeof cell === 'string') {
    let memo = spellingMemo.get(aliases);
    if (!memo) spellingMemo.set(aliases, (memo = new Map()));
    let v = memo.get(cell);
    if (v === undefined) {
      v = sheetsError(cell) ? null : aliases.get(normalizeName(cell)) ?? null;
      if (memo.size < 10_000) memo.set(cell, v);
    }
    return (v as T | null) ?? sheetsError(cell) ?? { problem: expected };
  }
  const err = sheetsError(cell);
  if (err) return err;
  const v = aliases.get(normalizeName(cell));
  return v ?? { problem: expected };
}

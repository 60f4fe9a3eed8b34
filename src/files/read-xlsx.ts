/**
 * @fileoverview Reads an .xlsx workbook's sheets as `getValues()`-shaped tables, streaming each
 * sheet's XML through a scanner made for SpreadsheetML's few cell shapes. Only cells that hold
 * something cost memory (a lone cell at XFD1048576 is one cell, whatever the sheet's stated
 * dimension); dates come from the cell's number format in the 1900 or 1904 date system; a formula
 * saved without its result and the hidden part of a merged range are `UnreadableCell`s.
 *
 * exceljs's streaming reader took 5 µs a cell here (60 s for the bench's 10 M cells), ignores
 * merges, and keeps only the last run of rich inline text, hence this reader (see the README).
 */
import { StringDecoder } from 'node:string_decoder';
import { UnreadableCell, type RawCell, type RawTable, type RawWorkbook } from '../engine/workbook/raw';
import { WorkbookError } from '../engine/workbook/data-check';
import { openZip, type ZipFile } from './zip-entries';
import { SERIAL_EPOCH_MS } from './excel-serial';
import { DAY_MS } from '../engine/time/zone';

/** Day 0 of 1900-system serials (1899-12-30, as Sheets counts); 1904-system serials count from 1904-01-01. */
const EPOCH_1900 = SERIAL_EPOCH_MS;
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** Days from the 1900 system's day 0 to the 1904 system's. */
export const DAYS_1904 = 1462;

export interface XlsxWorkbook {
  tabs: RawWorkbook;
  /** The workbook counts serials from 1904-01-01 (old Mac Excel). */
  date1904: boolean;
}

/** `onDate` turns a date cell (a Date whose UTC fields are the wall-clock time) into a RawCell. */
export async function readXlsx(path: string, onDate: (d: Date) => RawCell): Promise<XlsxWorkbook> {
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch (err) {
    throw new WorkbookError(`Cannot read ${path} as an .xlsx workbook: ${(err as Error).message}`);
  }
  try {
    const part = (name: string) => zip.entries.get(name);
    const workbookEntry = part('xl/workbook.xml');
    if (!workbookEntry) throw new WorkbookError(`Cannot read ${path} as an .xlsx workbook: it has no xl/workbook.xml (is it an .xls or another format renamed?)`);
    const workbookXml = await zip.text(workbookEntry);
    const relsEntry = part('xl/_rels/workbook.xml.rels');
    const rels = relsEntry ? relationships(await zip.text(relsEntry)) : new Map<string, string>();
    const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbookXml);
    const sst = part('xl/sharedStrings.xml') ? sharedStrings(await zip.text(part('xl/sharedStrings.xml')!)) : [];
    const dateStyles = part('xl/styles.xml') ? dateStyleFlags(await zip.text(part('xl/styles.xml')!)) : [];
    const context: SheetContext = { sst, dateStyles, epoch: date1904 ? EPOCH_1904 : EPOCH_1900, onDate };
    const tabs: RawWorkbook = {};
    for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
      const name = decodeXml(attr(m[1], 'name') ?? '');
      const target = rels.get(attr(m[1], 'r:id') ?? attr(m[1], 'id') ?? '');
      const entry = target ? part(target) : undefined;
      // Chart sheets and dialog sheets have no cells.
      if (!entry || !/worksheets\//.test(target!)) continue;
      tabs[name] = await readSheet(zip, entry, context);
    }
    return { tabs, date1904 };
  } finally {
    await zip.close();
  }
}

function attr(attrs: string, name: string): string | undefined {
  const i = attrs.indexOf(` ${name}="`);
  if (i < 0) return undefined;
  const start = i + name.length + 3;
  return attrs.slice(start, attrs.indexOf('"', start));
}

/** Relationship targets by ID, as paths inside the zip. */
function relationships(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1], 'Id');
    const target = attr(m[1], 'Target');
    if (!id || !target) continue;
    out.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  return out;
}

/** The text of each shared string: its `<t>` runs, leaving out phonetic guides (`<rPh>`). */
function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\/>/g)) out.push(m[1] === undefined ? '' : runsText(m[1]));
  return out;
}

function runsText(inner: string): string {
  const body = inner.includes('rPh') ? inner.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '') : inner;
  let text = '';
  for (const t of body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) text += t[1];
  return decodeXml(text);
}

/**
 * The text of an inline string between `from` and `to`: `<is><t>…</t></is>` (as writers make
 * them, our own included) is sliced where it stands; rich runs and phonetic guides go through
 * runsText.
 */
function inlineText(xml: string, from: number, to: number, p: string): string {
  const start = `<${p}is><${p}t`;
  if (xml.startsWith(start, from)) {
    const after = xml.charCodeAt(from + start.length);
    const end = `</${p}t></${p}is>`;
    if ((after === 62 || after === 32) && xml.startsWith(end, to - end.length)) {
      const open = xml.indexOf('>', from + start.length) + 1;
      const text = xml.slice(open, to - end.length);
      return text.includes('&') || text.includes('_x') ? decodeXml(text) : text;
    }
  }
  return runsText(xml.slice(from, to));
}

/** Built-in number formats that show dates or times. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** For each cell style (`s` index), whether its number format shows a date or time. */
function dateStyleFlags(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1], 'numFmtId'));
    custom.set(id, decodeXml(attr(m[1], 'formatCode') ?? ''));
  }
  const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  const flags: boolean[] = [];
  for (const m of cellXfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1], 'numFmtId') ?? 0);
    flags.push(custom.has(id) ? isDateFormatCode(custom.get(id)!) : BUILTIN_DATE_FORMATS.has(id));
  }
  return flags;
}

/** A format code shows a date when, outside quotes, escapes and brackets, it has d, m, y, h or s. */
export function isDateFormatCode(code: string): boolean {
  const bare = code.split(';')[0].replace(/"[^"]*"|\\.|_.|\*./g, '').replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  return /[dmyhs]/i.test(bare) && !/^General$/i.test(bare.trim());
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML entities and SpreadsheetML's `_xHHHH_` escapes of control characters. */
export function decodeXml(s: string): string {
  if (s.includes('&')) {
    s = s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e.toLowerCase()]);
  }
  if (s.includes('_x')) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

interface SheetContext {
  sst: string[];
  dateStyles: boolean[];
  epoch: number;
  onDate: (d: Date) => RawCell;
}

/** Column index (0-based) of a cell reference such as `AB12`; -1 when there is none. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return i === 0 ? -1 : col - 1;
}

async function readSheet(zip: ZipFile, entry: NonNullable<ReturnType<ZipFile['entries']['get']>>, ctx: SheetContext): Promise<RawTable> {
  const rows: RawCell[][] = [];
  const merges: string[] = [];
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  let prefix: string | null = null;
  const state = { rows, nextRow: 0 };
  for await (const chunk of await zip.stream(entry)) {
    buffer += decoder.write(chunk as Buffer);
    if (prefix === null) {
      const m = /<(\w+:)?worksheet\b/.exec(buffer);
      if (!m) continue;
      prefix = m[1] ?? '';
    }
    const rowEnd = `</${prefix}row>`;
    const last = buffer.lastIndexOf(rowEnd);
    if (last < 0) continue;
    const upTo = last + rowEnd.length;
    scanRows(buffer.slice(0, upTo), prefix, ctx, state);
    buffer = buffer.slice(upTo);
  }
  buffer += decoder.end();
  prefix ??= '';
  scanRows(buffer, prefix, ctx, state);
  for (const m of buffer.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+\d+:[A-Z]+\d+)"/g)) merges.push(m[1]);
  markMerges(rows, merges);
  return trimSparse(rows);
}

/** Scans complete `<row>` elements (and self-closed ones) in `xml`, storing their cells. */
function scanRows(xml: string, p: string, ctx: SheetContext, state: { rows: RawCell[][]; nextRow: number }): void {
  const rowOpen = `<${p}row`;
  const rowClose = `</${p}row>`;
  let i = xml.indexOf(rowOpen);
  while (i >= 0) {
    const tagEnd = xml.indexOf('>', i);
    if (tagEnd < 0) return;
    const attrs = xml.slice(i + rowOpen.length, tagEnd);
    // `<rowBreaks>` and the like are not rows.
    if (attrs.length && attrs[0] !== ' ' && attrs[0] !== '/') {
      i = xml.indexOf(rowOpen, tagEnd);
      continue;
    }
    const r = attr(attrs, 'r');
    const rowIndex = r ? Number(r) - 1 : state.nextRow;
    state.nextRow = rowIndex + 1;
    if (xml[tagEnd - 1] === '/') {
      i = xml.indexOf(rowOpen, tagEnd);
      continue;
    }
    const end = xml.indexOf(rowClose, tagEnd);
    if (end < 0) return;
    const cells = scanCells(xml, tagEnd + 1, end, p, ctx);
    if (cells) state.rows[rowIndex] = cells;
    i = xml.indexOf(rowOpen, end);
  }
}

/** Position of ` name="` inside `[from, to)`, the value's first character; -1 when absent. */
function attrAt(xml: string, name: string, from: number, to: number): number {
  const i = xml.indexOf(name, from);
  return i < 0 || i >= to ? -1 : i + name.length;
}

/** The integer written at `at` (digits up to the closing quote). */
function intAt(xml: string, at: number): number {
  let n = 0;
  for (let c = xml.charCodeAt(at); c >= 48 && c <= 57; c = xml.charCodeAt(++at)) n = n * 10 + (c - 48);
  return n;
}

/** Column index (0-based) of the reference written at `at` (`AB12"`). */
function columnAt(xml: string, at: number): number {
  let col = 0;
  for (let c = xml.charCodeAt(at); c >= 65 && c <= 90; c = xml.charCodeAt(++at)) col = col * 26 + (c - 64);
  return col - 1;
}

/**
 * The cells of one row's XML between `from` and `to`; null when none holds anything. Written with
 * index arithmetic rather than substrings: at ten million cells, every allocation shows.
 */
function scanCells(xml: string, from: number, to: number, p: string, ctx: SheetContext): RawCell[] | null {
  const cOpen = `<${p}c`;
  const cClose = `</${p}c>`;
  const vOpen = `<${p}v>`;
  const vClose = `</${p}v>`;
  const fOpen = `<${p}f`;
  let cells: RawCell[] | null = null;
  let col = -1;
  let i = xml.indexOf(cOpen, from);
  while (i >= 0 && i < to) {
    const after = xml.charCodeAt(i + cOpen.length);
    const tagEnd = xml.indexOf('>', i);
    // Only `<c ` / `<c>` / `<c/>` open a cell.
    if (after !== 32 && after !== 62 && after !== 47) {
      i = xml.indexOf(cOpen, tagEnd);
      continue;
    }
    const r = attrAt(xml, ' r="', i, tagEnd);
    col = r >= 0 ? columnAt(xml, r) : col + 1;
    if (xml.charCodeAt(tagEnd - 1) === 47) {
      // `<c r="B2" s="3"/>`: a formatted blank.
      i = xml.indexOf(cOpen, tagEnd);
      continue;
    }
    const end = xml.indexOf(cClose, tagEnd);
    const tAt = attrAt(xml, ' t="', i, tagEnd);
    // s, str, inlineStr, b, e, d, n (the default).
    const t0 = tAt >= 0 ? xml.charCodeAt(tAt) : 110;
    const t1 = tAt >= 0 ? xml.charCodeAt(tAt + 1) : 34;
    // An inline string has no `<v>`: looking for one would scan on to the next cell that has.
    const v0 = t0 === 105 ? -1 : xml.indexOf(vOpen, tagEnd);
    const hasV = v0 >= 0 && v0 < end;
    const v = hasV ? xml.slice(v0 + vOpen.length, xml.indexOf(vClose, v0)) : null;
    let value: RawCell = '';
    if (t0 === 105) {
      value = inlineText(xml, tagEnd + 1, end, p); // inlineStr
    } else if (v === null) {
      const f0 = xml.indexOf(fOpen, tagEnd);
      if (f0 >= 0 && f0 < end) {
        const f = /<(?:\w+:)?f\b[^>]*>([\s\S]*?)<\/(?:\w+:)?f>/.exec(xml.slice(f0, end))?.[1];
        value = new UnreadableCell(
          'a formula saved without its result (open the file in Excel and save it, or paste the values)',
          f ? '=' + decodeXml(f) : '',
        );
      }
    } else if (t0 === 115 && t1 === 34) {
      value = ctx.sst[Number(v)] ?? ''; // s
    } else if (t0 === 115) {
      value = v.includes('&') || v.includes('_x') ? decodeXml(v) : v; // str
    } else if (t0 === 98) {
      value = v.trim() === '1' || v.trim() === 'true'; // b
    } else if (t0 === 101) {
      value = decodeXml(v); // e
    } else if (t0 === 100) {
      const text = v.trim(); // d: ISO 8601 text
      const d = new Date(/Z$|[+-]\d\d:\d\d$/.test(text) ? text : text + 'Z');
      value = isNaN(d.getTime()) ? decodeXml(v) : ctx.onDate(d);
    } else {
      const n = Number(v);
      const sAt = attrAt(xml, ' s="', i, tagEnd);
      if (sAt >= 0 && ctx.dateStyles[intAt(xml, sAt)] && Number.isFinite(n)) {
        value = ctx.onDate(new Date(Math.round(ctx.epoch + n * DAY_MS)));
      } else {
        value = Number.isFinite(n) ? n : decodeXml(v);
      }
    }
    if (value !== '' && col >= 0) (cells ??= [])[col] = value;
    i = xml.indexOf(cOpen, end);
  }
  return cells;
}

/**
 * A merged range shows its value in its top-left cell only; the others read blank in Sheets. Those
 * of a range whose top-left holds a value become `UnreadableCell`s in the rows that hold data, so a
 * required cell inside a merge is reported as merged rather than blank.
 */
function markMerges(rows: RawCell[][], merges: string[]): void {
  for (const ref of merges) {
    const [a, b] = ref.split(':');
    const r0 = Number(a.replace(/^[A-Z]+/, '')) - 1;
    const r1 = Number(b.replace(/^[A-Z]+/, '')) - 1;
    const c0 = columnOf(a);
    const c1 = columnOf(b);
    const top = rows[r0]?.[c0];
    if (top === undefined || top === '' || top === null) continue;
    const cell = new UnreadableCell(`a merged cell (part of ${ref}, whose value is in ${a} only)`);
    for (let r = r0; r <= r1 && r < rows.length; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = c0; c <= c1; c++) {
        if (r === r0 && c === c0) continue;
        if (row[c] === undefined || row[c] === '') row[c] = cell;
      }
    }
  }
}

/** Rows without cells share one empty row; trailing empty rows are dropped. Rows stay ragged. */
const EMPTY_ROW: RawCell[] = Object.freeze([]) as unknown as RawCell[];

function trimSparse(rows: RawCell[][]): RawTable {
  let height = rows.length;
  while (height > 0 && !rows[height - 1]) height--;
  const table: RawTable = new Array(height);
  for (let r = 0; r < height; r++) table[r] = rows[r] ?? EMPTY_ROW;
  return table;
}

/** Serial of a 1904-system workbook as a 1900-system one, as Sheets and the engine count. */
export const serial1904To1900 = (serial: number) => serial + DAYS_1904;

/**
 * @fileoverview The output .xlsx, written with exceljs's streaming writer (rows go to disk as they
 * are made; Node's zlib compresses): the source tabs (when copied) with a bold, frozen, filtered
 * header row, then the report tabs laid out as in Sheets, each table's numbers in the shared number
 * formats, the main table's header frozen and filtered. Styles are a handful of shared objects, so
 * exceljs registers each once instead of once per cell.
 */
import ExcelJS from 'exceljs';
import { UnreadableCell, type RawCell, type RawWorkbook } from '../engine/workbook/raw';
import type { CellFormat, ReportCell, TabLayout } from '../engine/report-tab/report-tab';
import { columnLetter, mainTable } from '../engine/report-tab/layout';
import { currencyOf, numberPattern } from '../engine/report-tab/number-formats';
import { plainNumber } from './csv-text';

/** Excel refuses to open (or "repairs") a file with a longer cell. */
const MAX_CELL_CHARS = 32_767;
const MIN_WIDTH = 8;
const MAX_WIDTH = 50;
/** Rows of a source tab looked at to size its columns. */
const WIDTH_SAMPLE_ROWS = 1_000;

export interface XlsxContent {
  /** Source tabs to copy first; null: report tabs only. */
  source: RawWorkbook | null;
  reports: { name: string; layout: TabLayout }[];
  /** IANA zone of the workbook: source `Date` cells are shown as wall-clock time there. */
  timeZone: string;
  currency: string;
}

type Style = Partial<ExcelJS.Style>;

/** One style object per look, so exceljs's style registry hits its cache for every cell. */
class Styles {
  readonly plain: Style = {};
  readonly bold: Style = { font: { bold: true } };
  private readonly byFormat = new Map<string, Style>();

  numFmt(pattern: string): Style {
    let s = this.byFormat.get(pattern);
    if (!s) this.byFormat.set(pattern, (s = { numFmt: pattern }));
    return s;
  }
}

export async function writeXlsx(file: string, content: XlsxContent): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file, useStyles: true, useSharedStrings: false,
    // Passed to archiver, which compresses with Node's zlib; level 4 is twice as fast as 9 for a few % more bytes.
    zip: { zlib: { level: 4 } },
  } as ExcelJS.stream.xlsx.WorkbookStreamWriterOptions);
  workbook.creator = 'Campaign Sheets';
  const styles = new Styles();
  const used = new Set<string>();
  for (const [name, table] of Object.entries(content.source ?? {})) {
    await writeSourceSheet(workbook, uniqueSheetName(name, used), table, content.timeZone, styles);
  }
  for (const { name, layout } of content.reports) {
    await writeReportSheet(workbook, uniqueSheetName(name, used), layout, content.currency, styles);
  }
  await workbook.commit();
}

// ---------------------------------------------------------------------------------------------
// Source tabs

async function writeSourceSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, table: RawCell[][], timeZone: string, styles: Styles) {
  const headerIndex = table.findIndex((row) => row.some((c) => !isBlankCell(c)));
  const width = table.reduce((w, row) => Math.max(w, row.length), 0);
  const sheet = wb.addWorksheet(name, {
    views: headerIndex >= 0 ? [{ state: 'frozen', xSplit: 0, ySplit: headerIndex + 1 }] : [],
  });
  const lengths = new Array<number>(width).fill(0);
  for (let r = 0; r < Math.min(table.length, WIDTH_SAMPLE_ROWS); r++) {
    table[r].forEach((v, c) => (lengths[c] = Math.max(lengths[c], v instanceof Date ? 16 : isBlankCell(v) ? 0 : String(v).length)));
  }
  sheet.columns = lengths.map((len) => ({ width: columnWidth(len) }));
  const wallClock = wallClockFormatter(timeZone);
  for (let r = 0; r < table.length; r++) {
    const src = table[r];
    const row = sheet.getRow(r + 1);
    const header = r === headerIndex;
    for (let c = 0; c < src.length; c++) {
      const value = src[c];
      if (isBlankCell(value)) continue;
      const cell = row.getCell(c + 1);
      if (value instanceof Date) {
        const local = wallClock(value);
        cell.value = local;
        cell.style = styles.numFmt(numberPattern(local.getTime() % 86_400_000 === 0 ? 'date' : 'datetime'));
        continue;
      }
      if (typeof value === 'number') cell.value = Number.isFinite(value) ? value : null;
      else if (value instanceof UnreadableCell) cell.value = clip(value.text);
      else cell.value = typeof value === 'string' ? clip(value) : value;
      cell.style = header ? styles.bold : styles.plain;
    }
    row.commit();
  }
  if (headerIndex >= 0 && width > 0) sheet.autoFilter = `A${headerIndex + 1}:${columnLetter(width - 1)}${Math.max(table.length, headerIndex + 1)}`;
  sheet.commit();
}

const isBlankCell = (c: RawCell | undefined) => c === '' || c === null || c === undefined;

/**
 * A source `Date` is an instant (as Sheets' `getValues()` returns it); Excel has no zones, so it
 * gets the wall-clock time of the workbook's zone, encoded in UTC fields as exceljs expects.
 */
function wallClockFormatter(timeZone: string): (instant: Date) => Date {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  return (instant) => {
    const parts = format.formatToParts(instant);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const ms = ((instant.getTime() % 1000) + 1000) % 1000;
    return new Date(Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'), ms));
  };
}

// ---------------------------------------------------------------------------------------------
// Report tabs

async function writeReportSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, layout: TabLayout, currency: string, styles: Styles) {
  const main = mainTable(layout);
  const frozen = main ? main.headerRow + 1 : layout.frozenRows;
  const sheet = wb.addWorksheet(name, { views: frozen > 0 ? [{ state: 'frozen', xSplit: 0, ySplit: frozen }] : [] });
  sheet.columns = reportWidths(layout, currency).map((len) => ({ width: columnWidth(len) }));
  const bold = new Set(layout.boldRows);
  // Row 3 holds the parameters' values: typed like any cell (numbers as numbers, dates as dates).
  const parameterRow = 2;
  layout.grid.forEach((cells, r) => {
    const row = sheet.getRow(r + 1);
    cells.forEach((value, c) => {
      if (value === null) return;
      let format = layout.formats[r]?.[c] ?? null;
      let v: ReportCell = value;
      if (r === parameterRow && typeof value === "string") [v, format] = typedParameter(value);
      const cell = row.getCell(c + 1);
      cell.value = reportXlsxValue(v, format);
      const numeric = format !== null && format !== 'text' && typeof v !== 'boolean' && (typeof cell.value === 'number' || cell.value instanceof Date);
      cell.style = numeric ? styles.numFmt(numberPattern(format, currency)) : bold.has(r) ? styles.bold : styles.plain;
    });
    row.commit();
  });
  const filtered = main ?? [...layout.placements].sort((a, b) => b.rowCount - a.rowCount)[0];
  if (filtered && filtered.rowCount >= 1) {
    sheet.autoFilter = `A${filtered.headerRow + 1}:${columnLetter(filtered.columnCount - 1)}${filtered.firstDataRow + filtered.rowCount}`;
  }
  sheet.commit();
}

/** A parameter's text as the number or date it is (`2`, `2026-03-01 09:30`), else as text. */
function typedParameter(text: string): [ReportCell, CellFormat | null] {
  if (/^-?\d+(\.\d+)?$/.test(text)) return [Number(text), Number.isInteger(Number(text)) ? 'integer' : 'decimal'];
  const date = wallClockTextToDate(text);
  if (date) return [text, text.length > 10 ? 'datetime' : text.length === 7 ? 'month' : 'date'];
  return [text, null];
}

/** Date-formatted report cells hold wall-clock text; anything unparseable stays as it is. */
function reportXlsxValue(value: ReportCell, format: CellFormat | null): ExcelJS.CellValue {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    if (format === 'date' || format === 'month' || format === 'datetime') return wallClockTextToDate(value) ?? value;
    return clip(value);
  }
  return value;
}

/**
 * `2026-03-01`, `2026-03`, `2026-03-01 09:30[:ss]` (or with `T`) as a Date whose UTC fields are
 * that wall-clock time: exceljs stores UTC fields as the serial, so Excel shows exactly the text.
 */
function wallClockTextToDate(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?)?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d = 1, h = 0, mi = 0, s = 0] = m.slice(1).map((p) => (p === undefined ? undefined : Number(p)));
  const date = new Date(Date.UTC(y!, mo! - 1, d, h, mi, s));
  // Date.UTC rolls 2026-02-30 over to March; such text is not a date.
  if (date.getUTCMonth() !== mo! - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return date;
}

function clip(text: string): string {
  return text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS) : text;
}

/** Characters each column shows; titles and notes spill over empty neighbours, so they do not count. */
function reportWidths(layout: TabLayout, currency: string): number[] {
  const spillRows = new Set<number>([0]);
  for (const p of layout.placements) {
    spillRows.add(p.titleRow);
    if (p.noteRow !== null) spillRows.add(p.noteRow);
  }
  const lengths = new Array<number>(layout.width).fill(0);
  layout.grid.forEach((row, r) => {
    if (spillRows.has(r)) return;
    row.forEach((value, c) => (lengths[c] = Math.max(lengths[c], displayLength(value, layout.formats[r]?.[c] ?? null, currency))));
  });
  return lengths;
}

/** Roughly how many characters Excel shows for a cell, to size its column. */
function displayLength(value: ReportCell, format: CellFormat | null, currency: string): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'string') return Math.max(...value.split(/\r?\n/).map((l) => l.length));
  if (!Number.isFinite(value)) return 0;
  switch (format) {
    case 'integer': return groupedLength(value, 0);
    case 'decimal': return groupedLength(value, 2);
    case 'percent': return groupedLength(value * 100, 1) + 1;
    case 'currency': return groupedLength(value, currencyOf(currency).decimals) + currencyOf(currency).symbol.length;
    case 'ratio': return groupedLength(value, 1) + 1;
    case 'date': return 10;
    case 'month': return 7;
    case 'datetime': return 16;
    default: return plainNumber(value).length;
  }
}

/**
 * The length of `n` as en-US shows it with thousands separators and `decimals` places, counted
 * without formatting it: toLocaleString per cell took most of the xlsx's time on the demo.
 */
export function groupedLength(n: number, decimals: number): number {
  const fixed = Math.abs(n).toFixed(decimals);
  // toFixed gives an exponent from 1e21: count those digits plainly.
  const intDigits = fixed.includes('e') ? Math.floor(Math.log10(Math.abs(n))) + 1 : decimals ? fixed.indexOf('.') : fixed.length;
  return (n < 0 ? 1 : 0) + intDigits + Math.floor((intDigits - 1) / 3) + (decimals ? decimals + 1 : 0);
}

const columnWidth = (len: number) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, len + 2));

/**
 * Excel sheet names: at most 31 characters, none of `[]:*?/\`, no leading/trailing `'`, unique
 * ignoring case, and never `History` (reserved by Excel).
 */
export function uniqueSheetName(name: string, used: Set<string>): string {
  let base = name.replace(/[[\]:*?/\\]/g, '-').replace(/^'+|'+$/g, '').trim().slice(0, 31).trim();
  if (!base) base = 'Sheet';
  let candidate = base;
  for (let n = 2; used.has(candidate.toLowerCase()) || candidate.toLowerCase() === 'history'; n++) {
    const suffix = ` (${n})`;
    candidate = base.slice(0, 31 - suffix.length).trimEnd() + suffix;
  }
  used.add(candidate.toLowerCase());
  return candidate;
}

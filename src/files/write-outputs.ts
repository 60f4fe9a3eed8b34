/**
 * @fileoverview Writes a run's results for the command line: one CSV per report tab and one
 * .xlsx holding the source tabs followed by the rendered report tabs. Both render from
 * `layoutTab`, so a cell sits at the same address as in the Sheets add-on.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { RawCell, RawWorkbook } from '../engine/workbook/raw';
import type { CellFormat, ReportCell, ReportTab, TabLayout } from '../engine/report-tab/report-tab';
import { layoutTab } from '../engine/report-tab/layout';
import { currencyOf, numberPattern } from '../engine/report-tab/number-formats';

export interface WriteOptions {
  /** IANA zone of the workbook: source `Date` cells are shown as wall-clock time there. */
  timeZone: string;
  /** ISO 4217 code of the workbook's money (default USD). */
  currency?: string;
  /** File name of the .xlsx inside outDir (default `campaign-sheets.xlsx`). */
  xlsxName?: string;
  /** Names of the tabs whose CSV file to write (default: every tab's); the xlsx always holds all. */
  csvFor?: ReadonlySet<string>;
}

export interface WrittenOutputs {
  csvFiles: string[];
  xlsxFile: string;
}

const DEFAULT_XLSX_NAME = 'campaign-sheets.xlsx';
/** Excel refuses to open (or "repairs") a file with a longer cell. */
const MAX_CELL_CHARS = 32_767;
const MIN_WIDTH = 8;
const MAX_WIDTH = 50;

export async function writeReportOutputs(
  outDir: string,
  source: RawWorkbook,
  tabs: ReportTab[],
  options: WriteOptions,
): Promise<WrittenOutputs> {
  await mkdir(outDir, { recursive: true });
  const layouts = tabs.map((tab) => ({ tab, layout: layoutTab(tab) }));

  const csvFiles: string[] = [];
  for (const { tab, layout } of layouts) {
    if (options.csvFor && !options.csvFor.has(tab.name)) continue;
    const file = join(outDir, `${safeFileName(tab.key)}.csv`);
    await writeFile(file, reportCsv(layout), 'utf8');
    csvFiles.push(file);
  }

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Campaign Sheets';
  const usedNames = new Set<string>();
  for (const [name, table] of Object.entries(source)) {
    addSourceSheet(workbook.addWorksheet(uniqueSheetName(name, usedNames)), table, options.timeZone);
  }
  const currency = options.currency ?? 'USD';
  for (const { tab, layout } of layouts) {
    addReportSheet(workbook.addWorksheet(uniqueSheetName(tab.name, usedNames)), layout, currency);
  }
  let xlsxName = options.xlsxName || DEFAULT_XLSX_NAME;
  if (extname(xlsxName).toLowerCase() !== '.xlsx') xlsxName += '.xlsx';
  const xlsxFile = join(outDir, xlsxName);
  await workbook.xlsx.writeFile(xlsxFile);
  return { csvFiles, xlsxFile };
}

// ---------------------------------------------------------------------------------------------
// CSV

/** The CSV text of a laid-out report tab. */
export function reportCsv(layout: TabLayout): string {
  const rows = layout.grid.map((row) => row.map(csvCell));
  return stringify(rows);
}

function csvCell(cell: ReportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return plainNumber(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return neutralizeFormula(cell);
}

/**
 * Spreadsheet apps run a CSV cell starting with `= + - @` (or a tab/CR that they strip first) as
 * a formula, which lets a campaign or page name from an export execute on open; the leading `'`
 * makes them show it as text.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A number without exponent or float noise (`0.1 + 0.2` -> `0.3`), at most 10 decimals. */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  const rounded = Number(Number(n.toPrecision(15)).toFixed(10));
  if (rounded === 0) return '0';
  const s = String(rounded);
  if (!s.includes('e')) return s;
  // Only tiny (>= 1e-10) or huge (>= 1e21) values reach here.
  if (Math.abs(rounded) < 1) return rounded.toFixed(10).replace(/0+$/, '');
  return BigInt(Math.round(rounded)).toString();
}

function safeFileName(key: string): string {
  return key.replace(/[^\w.-]+/g, '-') || 'report';
}

// ---------------------------------------------------------------------------------------------
// xlsx

/** Excel number format of a report cell; text keeps Excel's General. */
function numberFormat(format: CellFormat | null, currency: string): string | undefined {
  return format === null || format === 'text' ? undefined : numberPattern(format, currency);
}

function addReportSheet(sheet: ExcelJS.Worksheet, layout: TabLayout, currency: string): void {
  const bold = new Set(layout.boldRows);
  layout.grid.forEach((row, r) => {
    const xlRow = sheet.getRow(r + 1);
    row.forEach((value, c) => {
      const format = layout.formats[r]?.[c] ?? null;
      const cell = xlRow.getCell(c + 1);
      cell.value = reportXlsxValue(value, format);
      const numFmt = numberFormat(format, currency);
      if (numFmt && value !== null && typeof value !== 'boolean') cell.numFmt = numFmt;
      if (bold.has(r)) cell.font = { bold: true };
    });
  });
  if (layout.frozenRows > 0) {
    sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: layout.frozenRows }];
  }
  // Titles and notes spill over empty neighbours; sizing column A to them would make it huge.
  const spillRows = new Set<number>([0]);
  for (const p of layout.placements) {
    spillRows.add(p.titleRow);
    if (p.noteRow !== null) spillRows.add(p.noteRow);
  }
  const lengths = new Array<number>(layout.width).fill(0);
  layout.grid.forEach((row, r) => {
    if (spillRows.has(r)) return;
    row.forEach((value, c) => {
      lengths[c] = Math.max(lengths[c], displayLength(value, layout.formats[r]?.[c] ?? null, currency));
    });
  });
  setWidths(sheet, lengths);
}

/** Date-formatted report cells hold wall-clock text; anything unparseable stays as it is. */
function reportXlsxValue(value: ReportCell, format: CellFormat | null): ExcelJS.CellValue {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    if (format === 'date' || format === 'month' || format === 'datetime') {
      return wallClockTextToDate(value) ?? value;
    }
    return clip(value);
  }
  return value;
}

/**
 * `2026-03-01`, `2026-03`, `2026-03-01 09:30[:ss]` (or with `T`) as a Date whose UTC fields are
 * that wall-clock time: exceljs stores UTC fields as the serial, so Excel shows exactly the text.
 */
export function wallClockTextToDate(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?)?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d = 1, h = 0, mi = 0, s = 0] = m.slice(1).map((p) => (p === undefined ? undefined : Number(p)));
  const date = new Date(Date.UTC(y!, mo! - 1, d, h, mi, s));
  // Date.UTC rolls 2026-02-30 over to March; such text is not a date.
  if (date.getUTCMonth() !== mo! - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return date;
}

function addSourceSheet(sheet: ExcelJS.Worksheet, table: RawCell[][], timeZone: string): void {
  const lengths: number[] = [];
  table.forEach((row, r) => {
    const xlRow = sheet.getRow(r + 1);
    row.forEach((value, c) => {
      if (value === null || value === '' || value === undefined) return;
      const cell = xlRow.getCell(c + 1);
      if (value instanceof Date) {
        const local = instantToWallClock(value, timeZone);
        cell.value = local;
        cell.numFmt = numberPattern(local.getTime() % 86_400_000 === 0 ? 'date' : 'datetime');
      } else if (typeof value === 'number') {
        cell.value = Number.isFinite(value) ? value : null;
      } else {
        cell.value = typeof value === 'string' ? clip(value) : value;
      }
      lengths[c] = Math.max(lengths[c] ?? 0, value instanceof Date ? 16 : String(value).length);
    });
  });
  setWidths(sheet, Array.from(lengths, (n) => n ?? 0));
}

/**
 * A source `Date` is an instant (as Sheets' `getValues()` returns it); Excel has no zones, so it
 * gets the wall-clock time of the workbook's zone, encoded in UTC fields as exceljs expects.
 */
export function instantToWallClock(instant: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const ms = ((instant.getTime() % 1000) + 1000) % 1000;
  return new Date(Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'), ms));
}

function clip(text: string): string {
  return text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS) : text;
}

/** Roughly how many characters Excel shows for a cell, to size its column. */
function displayLength(value: ReportCell, format: CellFormat | null, currency: string): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'string') return Math.max(...value.split(/\r?\n/).map((l) => l.length));
  if (!Number.isFinite(value)) return 0;
  const grouped = (n: number, decimals: number) =>
    n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).length;
  switch (format) {
    case 'integer':
      return grouped(value, 0);
    case 'decimal':
      return grouped(value, 2);
    case 'percent':
      return grouped(value * 100, 1) + 1;
    case 'currency':
      return grouped(value, currencyOf(currency).decimals) + currencyOf(currency).symbol.length;
    case 'ratio':
      return grouped(value, 1) + 1;
    case 'date':
      return 10;
    case 'month':
      return 7;
    case 'datetime':
      return 16;
    default:
      return plainNumber(value).length;
  }
}

function setWidths(sheet: ExcelJS.Worksheet, lengths: number[]): void {
  lengths.forEach((len, i) => {
    sheet.getColumn(i + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, len + 2));
  });
}

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

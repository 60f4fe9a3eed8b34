/**
 * @fileoverview Reads a workbook for the command line, from an `.xlsx` file or a folder of CSV
 * files (one per tab), into the same `getValues()`-shaped tables the Sheets adapter produces, so
 * the engine sees one workbook whatever its origin.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { RawCell, RawTable, RawWorkbook } from '../engine/workbook/raw';
import { timeZone, wallClockOfLocal } from '../engine/time/zone';

const MS_PER_DAY = 86_400_000;
/** Day 0 of Sheets/Excel serials (1899-12-30), so serials past Feb 1900 agree with both. */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

export interface ReadPathOptions {
  /**
   * The workbook's time zone. Given, xlsx date cells become real instants (as `getValues()` returns
   * them in Sheets), so they survive a round trip as dates; without it they become serial numbers.
   */
  timeZone?: string;
}

/** Reads PATH: an `.xlsx` file or a folder holding one `<Tab>.csv` per tab. */
export async function readWorkbookPath(path: string, options: ReadPathOptions = {}): Promise<RawWorkbook> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new Error(`Workbook not found: ${path}`);
  if (info.isDirectory()) return readCsvFolder(path);
  if (info.isFile() && extname(path).toLowerCase() === '.xlsx') return readXlsxFile(path, options.timeZone ? wallClockToInstant(options.timeZone) : dateToSerial);
  throw new Error(
    `Cannot read ${path}: expected an .xlsx file or a folder of CSV files (Campaigns.csv, Assets.csv, ...)`,
  );
}

/** exceljs dates carry wall-clock time in their UTC fields; this reads them in `zone`. */
function wallClockToInstant(zoneName: string): (d: Date) => RawCell {
  const zone = timeZone(zoneName);
  return (d) => new Date(zone.instantOf(wallClockOfLocal(d.getTime())));
}

/** Days since 1899-12-30 of a Date whose UTC fields are the wall-clock time (exceljs's convention). */
export function dateToSerial(date: Date): number {
  return (date.getTime() - SERIAL_EPOCH_MS) / MS_PER_DAY;
}

/** Pads rows to one width and drops trailing blank rows and columns, as `getDataRange()` would. */
export function toRectangle(rows: RawCell[][]): RawTable {
  const isBlank = (c: RawCell) => c === '' || c === null;
  let height = rows.length;
  while (height > 0 && rows[height - 1].every(isBlank)) height--;
  let width = 0;
  for (let r = 0; r < height; r++) {
    const row = rows[r];
    for (let c = row.length - 1; c >= width; c--) {
      if (!isBlank(row[c])) {
        width = c + 1;
        break;
      }
    }
  }
  const table: RawTable = [];
  for (let r = 0; r < height; r++) {
    const row: RawCell[] = [];
    for (let c = 0; c < width; c++) {
      const cell = rows[r][c];
      row.push(cell === undefined || cell === null ? '' : cell);
    }
    table.push(row);
  }
  return table;
}

async function readCsvFolder(dir: string): Promise<RawWorkbook> {
  const entries = await readdir(dir, { withFileTypes: true });
  // Dot files are editor/OS debris (macOS `._Campaigns.csv`), never tabs.
  const files = entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && extname(e.name).toLowerCase() === '.csv')
    .map((e) => e.name)
    .sort();
  if (files.length === 0) {
    throw new Error(`No CSV files in ${dir}: expected one file per tab (Campaigns.csv, Assets.csv, ...)`);
  }
  const workbook: RawWorkbook = {};
  for (const file of files) {
    const path = join(dir, file);
    const text = await readFile(path, 'utf8').catch((err: Error) => {
      throw new Error(`Cannot read ${path}: ${err.message}`);
    });
    workbook[basename(file, extname(file))] = parseCsvText(text, path);
  }
  return workbook;
}

/** Parses one CSV file's text; every cell stays text because the engine types values itself. */
export function parseCsvText(text: string, pathForErrors = 'CSV'): RawTable {
  try {
    const rows = parse(text, {
      bom: true,
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      // A stray `"` inside an unquoted cell (`24" monitor`) is data, not a syntax error.
      relax_quotes: true,
      // Blank lines are kept so row numbers in the data check match what the user sees.
      skip_empty_lines: false,
    }) as string[][];
    return toRectangle(rows);
  } catch (err) {
    throw new Error(`Cannot parse ${pathForErrors}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Excel saves "CSV" with `;` in locales whose decimal mark is a comma, so the separator is taken
 * from the first non-empty line: whichever of `,` `;` tab occurs most outside quotes (`,` on ties).
 */
function guessDelimiter(text: string): string {
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const unquoted = line.replace(/"[^"]*"/g, '');
  const count = (ch: string) => unquoted.split(ch).length - 1;
  let best = ',';
  for (const d of [';', '\t']) if (count(d) > count(best)) best = d;
  return best;
}

async function readXlsxFile(path: string, onDate: (d: Date) => RawCell): Promise<RawWorkbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (err) {
    throw new Error(`Cannot read ${path} as an .xlsx workbook: ${(err as Error).message}`, { cause: err });
  }
  const result: RawWorkbook = {};
  workbook.eachSheet((sheet) => {
    const rows: RawCell[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: RawCell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
        // Sheets reports only the top-left cell of a merge; the others read blank.
        cells[colNumber - 1] = cell.type === ExcelJS.ValueType.Merge ? '' : xlsxValue(cell.value, onDate);
      });
      rows[rowNumber - 1] = cells;
    });
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    result[sheet.name] = toRectangle(rows);
  });
  return result;
}

/** One exceljs cell value as `getValues()` would give it, with dates as serial numbers. */
export function xlsxValue(value: ExcelJS.CellValue, onDate: (d: Date) => RawCell = dateToSerial): RawCell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Date) return onDate(value);
  if ('error' in value) return value.error;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) {
    // exceljs nests rich text inside a hyperlink's `text` when the link text is styled.
    return xlsxValue(value.text as ExcelJS.CellValue, onDate);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return value.result === undefined ? '' : xlsxValue(value.result, onDate);
  }
  return '';
}

/**
 * @fileoverview Reads a workbook for the command line and the local sidebar, from an `.xlsx` file
 * or a folder of CSV files (one per tab), into the same `getValues()`-shaped tables the Sheets
 * adapter produces, so the engine sees one workbook whatever its origin.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { sourceCellCount, type RawCell, type RawWorkbook } from '../engine/workbook/raw';
import { readWorkbook } from '../engine/workbook/read-workbook';
import type { Workbook } from '../engine/workbook/types';
import { WorkbookError } from '../engine/workbook/data-check';
import { locateTab } from '../engine/workbook/tab-reader';
import { DATE_COLUMNS } from '../engine/workbook/schema';
import { timeZone, wallClockOfLocal } from '../engine/time/zone';
import { readCsvFile } from './read-csv';
import { readXlsx, serial1904To1900 } from './read-xlsx';
import { wallClockSerial } from './excel-serial';

export { parseCsvText, toRectangle } from './read-csv';

export interface ReadPathOptions {
  /**
   * The workbook's time zone. Given, xlsx date cells become real instants (as `getValues()` returns
   * them in Sheets), so they survive a round trip as dates; without it they become serial numbers.
   */
  timeZone?: string;
}

/** The files a workbook path stands for: the .xlsx itself, or each CSV of the folder. */
export async function workbookFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new WorkbookError(`Workbook not found: ${path}`);
  if (info.isDirectory()) return csvFilesIn(path);
  if (info.isFile() && extname(path).toLowerCase() === '.xlsx') return [path];
  throw new WorkbookError(`Cannot read ${path}: expected an .xlsx file or a folder of CSV files (Campaigns.csv, Assets.csv, ...)`);
}

/**
 * Resolves on the next turn of the event loop. Code resuming after `await readWorkbookPath(...)`
 * runs inside the promise job that delivered the raw workbook, and that job holds it until the
 * code awaits again: awaiting this once the cells are parsed lets them go before the long
 * synchronous computing starts (240–600 MB at 600,000 interactions).
 */
export const releaseReadCells = (): Promise<void> => new Promise((done) => setImmediate(done));

/**
 * PATH read and parsed by the data contract, with how many cells it held. The raw cells are let go
 * before this resolves, so the caller computes without them.
 */
export async function readParsedWorkbook(path: string, timeZone: string): Promise<{ workbook: Workbook; cells: number }> {
  const raw = await readWorkbookPath(path, { timeZone });
  const parsed = { workbook: readWorkbook(raw, { timeZone }), cells: sourceCellCount(raw) };
  await releaseReadCells();
  return parsed;
}

/** Reads PATH: an `.xlsx` file or a folder holding one `<Tab>.csv` per tab. */
export async function readWorkbookPath(path: string, options: ReadPathOptions = {}): Promise<RawWorkbook> {
  const info = await stat(path).catch(() => null);
  if (info?.isDirectory()) return readCsvFolder(path);
  const [file] = await workbookFiles(path);
  const { tabs, date1904 } = await readXlsx(file, options.timeZone ? wallClockToInstant(options.timeZone) : dateToSerial);
  if (date1904) moveSerialsTo1900(tabs);
  return tabs;
}

/** xlsx dates carry wall-clock time in their UTC fields; this reads them in `zone`. */
function wallClockToInstant(zoneName: string): (d: Date) => RawCell {
  const zone = timeZone(zoneName);
  // In UTC the wall-clock fields are the instant: a million timestamps skip the zone arithmetic.
  if (/^(Etc\/)?(UTC|GMT|Zulu|UCT)$/i.test(zone.name)) return (d) => d;
  return (d) => new Date(zone.instantOf(wallClockOfLocal(d.getTime())));
}

/** Days since 1899-12-30 of a Date whose UTC fields are the wall-clock time. */
export function dateToSerial(date: Date): number {
  return wallClockSerial(date.getTime());
}

/**
 * A 1904-system workbook's plain serial numbers in date columns, moved to the 1900 system that
 * Sheets and the engine count in (date-formatted cells are already dates).
 */
function moveSerialsTo1900(tabs: RawWorkbook): void {
  for (const [spec, keys] of DATE_COLUMNS) {
    let tab;
    try {
      tab = locateTab(tabs, spec);
    } catch {
      continue; // The engine reports the missing tab or column when it reads the workbook.
    }
    if (!tab) continue;
    const columns = keys.map((k) => tab.columns[k]).filter((c) => c >= 0);
    for (let r = tab.headerIndex + 1; r < tab.table.length; r++) {
      const row = tab.table[r];
      for (const c of columns) if (typeof row[c] === 'number') row[c] = serial1904To1900(row[c] as number);
    }
  }
}

async function csvFilesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  // Dot files are editor/OS debris (macOS `._Campaigns.csv`), never tabs.
  const files = entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && extname(e.name).toLowerCase() === '.csv')
    .map((e) => join(dir, e.name))
    .sort();
  if (files.length === 0) {
    throw new WorkbookError(`No CSV files in ${dir}: expected one file per tab (Campaigns.csv, Assets.csv, ...)`);
  }
  return files;
}

async function readCsvFolder(dir: string): Promise<RawWorkbook> {
  const workbook: RawWorkbook = {};
  for (const path of await csvFilesIn(dir)) workbook[basename(path, extname(path))] = await readCsvFile(path);
  return workbook;
}

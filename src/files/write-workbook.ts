/**
 * @fileoverview Writes a workbook's source tabs as a folder of CSV files or as an .xlsx, the two
 * forms `report` reads: the benchmark and the tests make their inputs with it. Dates are written
 * as ISO 8601 instants in CSV and as date cells (wall-clock time in the zone) in the .xlsx.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RawWorkbook } from '../engine/workbook/raw';
import { csvText, type CsvValue } from './csv-text';
import { writeXlsx } from './xlsx-output';

export async function writeWorkbookCsv(raw: RawWorkbook, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const [name, table] of Object.entries(raw)) {
    const file = join(dir, `${name}.csv`);
    // Row by row: a 600,000-row tab as one string of cells would double the memory for nothing.
    const chunks: string[] = [];
    for (let r = 0; r < table.length; r += 10_000) {
      chunks.push(csvText(table.slice(r, r + 10_000).map((row) => row.map((c): CsvValue => (c instanceof Date ? c.toISOString() : typeof c === 'object' && c !== null ? String(c) : c)))));
    }
    await writeFile(file, chunks.join(''), 'utf8');
    files.push(file);
  }
  return files;
}

export async function writeWorkbookXlsx(raw: RawWorkbook, file: string, timeZone = 'UTC'): Promise<void> {
  await writeXlsx(file, { source: raw, reports: [], timeZone, currency: 'USD' });
}

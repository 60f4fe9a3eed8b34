/**
 * @fileoverview A workbook at Excel's row limit: an .xlsx whose Interactions tab fills all
 * 1,048,576 rows is read, reported and written by the command line in under 1.5 GB, every valid
 * row kept. The workbook is generated here (a few hundred MB of XML, 10 MB zipped).
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli';
import { tinyWorkbook } from '../helpers/workbooks';
import { writeWorkbookXlsx } from '../../src/files/write-workbook';
import { parseCsvText } from '../../src/files/read-csv';
import type { RawCell } from '../../src/engine/workbook/raw';

const EXCEL_ROWS = 1_048_576;

describe('a workbook at Excel\'s row limit', () => {
  it('is read, reported and written in under 1.5 GB, every valid row kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs-million-'));
    const book = join(dir, 'million.xlsx');
    const raw = tinyWorkbook();
    const start = Date.UTC(2026, 0, 1);
    // 50,000 contacts, each with about 21 email clicks on the tiny workbook's two emails over a year.
    const contacts = Array.from({ length: 50_000 }, (_, k) => `P${k + 1}`);
    raw.Contacts = [['Contact ID', 'Created at'], ...contacts.map((id, k) => [id, new Date(start + (k % 300) * 86_400_000)])];
    const interactions: RawCell[][] = [['Timestamp', 'Contact ID', 'Type', 'Asset ID']];
    for (let i = 1; i < EXCEL_ROWS; i++) {
      interactions.push([new Date(start + (i % 365) * 86_400_000 + (i % 86_400) * 1000), contacts[i % contacts.length], 'email click', i % 2 ? 'A2' : 'A1']);
    }
    raw.Interactions = interactions;
    await writeWorkbookXlsx(raw, book);
    expect((await stat(book)).size).toBeGreaterThan(1_000_000);

    const out = join(dir, 'out');
    const r = await cli(['report', '--workbook', book, '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.peakMb).toBeLessThan(1536);
    const tabs = parseCsvText(await readFile(join(out, 'data-check--tabs.csv'), 'utf8'));
    expect(tabs).toContainEqual(['Interactions', String(EXCEL_ROWS - 1), String(EXCEL_ROWS - 1), '0']);
    expect((await stat(join(out, 'campaign-sheets.xlsx'))).size).toBeGreaterThan(10_000);
    // The source tabs are above the copy limit: the output says so rather than copying 3 M cells.
    expect(r.stdout).toContain('holds the report tabs only');
  }, 900_000);
});

/**
 * @fileoverview Reading workbooks from CSV folders and .xlsx files, and writing report outputs,
 * checked through real files in a temp folder and read back with exceljs.
 */
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbookPath } from '../../src/files/read-workbook-files';
import { writeReportOutputs, type WrittenOutputs } from '../../src/files/write-outputs';
import { plainNumber } from '../../src/files/csv-text';
import { uniqueSheetName } from '../../src/files/xlsx-output';
import type { ReportTab } from '../../src/engine/report-tab/report-tab';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'campaign-sheets-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Serial of a wall-clock time, the way Sheets counts days. */
const serial = (y: number, m: number, d: number, h = 0, mi = 0) =>
  (Date.UTC(y, m - 1, d, h, mi) - Date.UTC(1899, 11, 30)) / 86_400_000;

describe('readWorkbookPath: CSV folder', () => {
  it('reads every CSV as a tab, all cells text, rows padded', async () => {
    const folder = join(dir, 'csv');
    await mkdir(folder);
    await writeFile(
      join(folder, 'Campaigns.csv'),
      '\uFEFFCampaign ID,Name,Budget\r\n00123,"Spring, ""Big"" launch",1234.50\r\n' +
        '7,"Two\nlines"\r\n\r\n8,Short,10,extra\r\n',
    );
    await writeFile(join(folder, 'Deals.csv'), 'Deal ID;Amount\n1;1,5\n');
    await writeFile(join(folder, 'notes.txt'), 'ignored');
    await writeFile(join(folder, '._Campaigns.csv'), 'junk');

    const wb = await readWorkbookPath(folder);
    expect(Object.keys(wb).sort()).toEqual(['Campaigns', 'Deals']);
    expect(wb.Campaigns).toEqual([
      ['Campaign ID', 'Name', 'Budget', ''],
      ['00123', 'Spring, "Big" launch', '1234.50', ''],
      ['7', 'Two\nlines', '', ''],
      ['', '', '', ''],
      ['8', 'Short', '10', 'extra'],
    ]);
    // Semicolon-separated CSV (Excel in comma-decimal locales).
    expect(wb.Deals).toEqual([
      ['Deal ID', 'Amount'],
      ['1', '1,5'],
    ]);
  });

  it('fails clearly on a missing path, a wrong file, an empty folder', async () => {
    await expect(readWorkbookPath(join(dir, 'nope'))).rejects.toThrow(/not found.*nope/);
    const txt = join(dir, 'file.txt');
    await writeFile(txt, 'x');
    await expect(readWorkbookPath(txt)).rejects.toThrow(/file\.txt.*\.xlsx file or a folder/);
    const empty = join(dir, 'empty');
    await mkdir(empty);
    await expect(readWorkbookPath(empty)).rejects.toThrow(/No CSV files in .*empty/);
    const bad = join(dir, 'bad.xlsx');
    await writeFile(bad, 'not a zip');
    await expect(readWorkbookPath(bad)).rejects.toThrow(/bad\.xlsx/);
  });
});

describe('readWorkbookPath: xlsx', () => {
  it('returns getValues()-shaped tables with dates as serials', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Interactions');
    ws.addRow(['Timestamp', 'Contact ID', 'Amount', 'Flag', 'Note', 'Link', 'Calc']);
    ws.addRow([
      new Date(Date.UTC(2026, 2, 1, 9, 30)),
      '00123',
      1234.5,
      true,
      { richText: [{ text: 'Hello ' }, { text: 'world', font: { bold: true } }] },
      { text: 'Site', hyperlink: 'https://example.com' },
      { formula: '1+2', result: 3 },
    ]);
    ws.getCell('A2').numFmt = 'yyyy-mm-dd hh:mm';
    ws.addRow([new Date(Date.UTC(2026, 2, 2)), 123, null, false, { error: '#N/A' }, '', { formula: 'NA()', result: { error: '#N/A' } }]);
    ws.getCell('A3').numFmt = 'yyyy-mm-dd';
    ws.getCell('J3').value = '  ';
    const path = join(dir, 'in.xlsx');
    await wb.xlsx.writeFile(path);

    const raw = await readWorkbookPath(path);
    expect(Object.keys(raw)).toEqual(['Interactions']);
    const t = raw.Interactions;
    // Rows hold the cells that have something; a missing cell reads as blank.
    const cell = (r: number, c: number) => t[r][c] ?? '';
    expect(t[0].slice(0, 7)).toEqual(['Timestamp', 'Contact ID', 'Amount', 'Flag', 'Note', 'Link', 'Calc']);
    expect(t[1][0]).toBeCloseTo(serial(2026, 3, 1, 9, 30), 8);
    expect(t[1].slice(1, 7)).toEqual(['00123', 1234.5, true, 'Hello world', 'Site', 3]);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => cell(2, c))).toEqual([serial(2026, 3, 2), 123, '', false, '#N/A', '', '#N/A', '', '', '  ']);
  });
});

const fixture: ReportTab = {
  name: 'CS · Overview',
  key: 'overview',
  title: 'Campaign overview',
  parameters: [
    ['From', '2026-03-01'],
    ['Currency', 'EUR'],
  ],
  blocks: [
    {
      id: 'campaigns',
      title: 'Campaigns',
      note: 'A long explanatory note that should not widen column A to the cap of fifty characters or more',
      header: ['Campaign', 'Day', 'Sessions', 'Revenue', 'Share', 'Avg', 'Month', 'Last touch'],
      rows: [
        ['=HYPERLINK("http://evil")', '2026-03-01', 1234, 5678.9, 0.25, 0.1 + 0.2, '2026-03', '2026-03-01 09:30'],
        ['-Minus', 'not a date', 0, null, 1, 2, '2026-04', '2026-03-02 23:05'],
      ],
      formats: ['text', 'date', 'integer', 'currency', 'percent', 'decimal', 'month', 'datetime'],
    },
  ],
  charts: [],
};

describe('writeReportOutputs', () => {
  let out: string;
  let result: WrittenOutputs;
  const source = {
    Campaigns: [
      ['Campaign ID', 'Name', 'Start date'],
      ['00123', '=cmd|calc', new Date('2026-03-01T08:00:00Z')],
    ],
  };

  beforeAll(async () => {
    out = join(dir, 'out', 'nested');
    result = await writeReportOutputs({ outDir: out, source, tabs: [fixture], timeZone: 'Europe/Paris', currency: 'EUR', only: { html: false } });
  });

  it('writes one CSV per table, formula-like text neutralised, numbers plain at full precision', async () => {
    expect(result.csvFiles).toEqual([join(out, 'overview--parameters.csv'), join(out, 'overview--campaigns.csv')]);
    expect(result.xlsxFile).toBe(join(out, 'campaign-sheets.xlsx'));
    expect(await readFile(result.csvFiles[0], 'utf8')).toBe(
      '"Parameter","Value"\n"Report","Campaign overview"\n"From","2026-03-01"\n"Currency","EUR"\n"Table overview--campaigns.csv","Campaigns"\n');
    const lines = (await readFile(result.csvFiles[1], 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe('"Campaign","Day","Sessions","Revenue","Share","Avg","Month","Last touch"');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil"")","2026-03-01",1234,5678.9,0.25,0.30000000000000004,"2026-03","2026-03-01 09:30"`);
    expect(lines[2]).toBe(`"'-Minus","not a date",0,,1,2,"2026-04","2026-03-02 23:05"`);
  });

  it('writes an xlsx with source tabs then report tabs', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(result.xlsxFile!);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Campaigns', 'CS · Overview']);

    const src = wb.getWorksheet('Campaigns')!;
    expect(src.getCell('A2').value).toBe('00123');
    expect(src.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect(src.getCell('B2').value).toBe('=cmd|calc');
    // 08:00Z is 09:00 in Paris: the wall-clock time is what Excel shows.
    expect(src.getCell('C2').value).toEqual(new Date(Date.UTC(2026, 2, 1, 9, 0)));
    expect(src.getCell('C2').numFmt).toBe('yyyy-mm-dd hh:mm');
    // The source header: bold, frozen, filtered.
    expect(src.getCell('A1').font?.bold).toBe(true);
    expect(src.getCell('A2').font?.bold).toBeFalsy();
    expect(src.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(src.autoFilter).toBe('A1:C2');

    const rep = wb.getWorksheet('CS · Overview')!;
    // One table: its header row (7) is frozen and filtered.
    expect(rep.views[0]).toMatchObject({ state: 'frozen', ySplit: 7 });
    expect(rep.autoFilter).toBe('A7:H9');
    expect(rep.getCell('A1').font?.bold).toBe(true);
    expect(rep.getCell('A2').font?.bold).toBe(true);
    expect(rep.getCell('A3').font?.bold).toBeFalsy();
    // Row 4 blank, 5 title, 6 note, 7 header, 8-9 data.
    expect(rep.getCell('A5').value).toBe('Campaigns');
    expect(rep.getCell('A5').font?.bold).toBe(true);
    expect(rep.getCell('C7').value).toBe('Sessions');
    expect(rep.getCell('C7').font?.bold).toBe(true);
    expect(rep.getCell('A8').font?.bold).toBeFalsy();
    // Parameter values are typed: a date is a date.
    expect(rep.getCell('A3').value).toEqual(new Date(Date.UTC(2026, 2, 1)));
    expect(rep.getCell('A3').numFmt).toBe('yyyy-mm-dd');

    const a8 = rep.getCell('A8');
    expect(a8.type).toBe(ExcelJS.ValueType.String);
    expect(a8.value).toBe('=HYPERLINK("http://evil")');
    expect(a8.formula).toBeFalsy();

    expect(rep.getCell('B8').value).toEqual(new Date(Date.UTC(2026, 2, 1)));
    expect(rep.getCell('B8').numFmt).toBe('yyyy-mm-dd');
    expect(rep.getCell('B9').value).toBe('not a date');
    expect(rep.getCell('C8').value).toBe(1234);
    expect(rep.getCell('C8').numFmt).toBe('#,##0');
    expect(rep.getCell('D8').numFmt).toBe('[$€]#,##0.00');
    expect(rep.getCell('E8').numFmt).toBe('0.0%');
    expect(rep.getCell('F8').numFmt).toBe('#,##0.00');
    expect(rep.getCell('G8').value).toEqual(new Date(Date.UTC(2026, 2, 1)));
    expect(rep.getCell('G8').numFmt).toBe('yyyy-mm');
    expect(rep.getCell('H9').value).toEqual(new Date(Date.UTC(2026, 2, 2, 23, 5)));
    expect(rep.getCell('H9').numFmt).toBe('yyyy-mm-dd hh:mm');

    const widthA = rep.getColumn(1).width!;
    expect(widthA).toBeGreaterThanOrEqual(8);
    expect(widthA).toBeLessThan(50);
  });

  it('writes a subset when asked (the local sidebar rewrites only what an action changed)', async () => {
    const second: ReportTab = { ...fixture, key: 'revenue', name: 'CS Revenue' };
    const outDir = join(dir, 'subset');
    const res = await writeReportOutputs({ outDir, source: {}, tabs: [fixture, second], timeZone: 'UTC', only: { csvTabs: ['revenue'], xlsx: false, html: false } });
    expect(res.files).toEqual([join(outDir, 'revenue--parameters.csv'), join(outDir, 'revenue--campaigns.csv')]);
    expect(res.xlsxFile).toBeNull();
    expect((await readdir(outDir)).sort()).toEqual(['revenue--campaigns.csv', 'revenue--parameters.csv']);
    const xlsxOnly = await writeReportOutputs({ outDir, source: {}, tabs: [fixture, second], timeZone: 'UTC', only: { csvTabs: [], html: false } });
    expect(xlsxOnly.files).toEqual([join(outDir, 'campaign-sheets.xlsx')]);
  });

  it('uses the default currency', async () => {
    const res = await writeReportOutputs({ outDir: join(dir, 'out2'), source: {}, tabs: [fixture], timeZone: 'UTC', only: { html: false } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(res.xlsxFile!);
    expect(wb.worksheets[0].getCell('D8').numFmt).toBe('[$$]#,##0.00');
  });
});

describe('helpers', () => {
  it('formats numbers plainly', () => {
    // Full precision: the shortest text that reads back as the same number, never an exponent.
    expect(plainNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(plainNumber(1 / 3)).toBe('0.3333333333333333');
    expect(Number(plainNumber(1 / 3))).toBe(1 / 3);
    expect(plainNumber(-5)).toBe('-5');
    expect(plainNumber(1e-8)).toBe('0.00000001');
    expect(plainNumber(-1.5e-7)).toBe('-0.00000015');
    expect(plainNumber(1e21)).toBe('1000000000000000000000');
    expect(plainNumber(1.25e22)).toBe('12500000000000000000000');
    expect(plainNumber(NaN)).toBe('');
  });

  it('sanitizes and dedupes sheet names', () => {
    const used = new Set<string>();
    expect(uniqueSheetName('a/b:c*d?[e]\\f', used)).toBe('a-b-c-d--e--f');
    expect(uniqueSheetName('x'.repeat(40), used)).toBe('x'.repeat(31));
    expect(uniqueSheetName('X'.repeat(40), used)).toBe(`${'X'.repeat(27)} (2)`);
    expect(uniqueSheetName('History', used)).toBe('History (2)');
    expect(uniqueSheetName("'quoted'", used)).toBe('quoted');
  });
});

/**
 * @fileoverview The hand-written .xlsx: text escaped for XML and for SpreadsheetML's `_xHHHH_`
 * escapes, every part well-formed (a strict XML parser) with the worksheet's elements in the
 * schema's order, source tabs read back by our reader exactly as written, and a sheet larger than
 * one deflate chunk read back by exceljs. What the report tabs look like (frozen header, filters,
 * bold rows, number formats, widths) is checked in workbook-files.test.ts and number-formats.test.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeXlsx, wallClockTextSerial } from '../../src/files/xlsx-output';
import { workbookRelsXml, workbookXml, xmlAttr, xmlText } from '../../src/files/spreadsheet-xml';
import { ZipWriter } from '../../src/files/zip-writer';
import { openZip } from '../../src/files/zip-entries';
import { decodeXml } from '../../src/files/read-xlsx';
import { readWorkbookPath } from '../../src/files/read-workbook-files';
import { UnreadableCell, type RawCell, type RawWorkbook } from '../../src/engine/workbook/raw';
import { layoutTab } from '../../src/engine/report-tab/layout';
import type { ReportTab } from '../../src/engine/report-tab/report-tab';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'campaign-sheets-xlsx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CONTROL = 'a\u0001b\u0008c\u000Bd\u001Fe';
const LONG = 'x'.repeat(40_000);

describe('escaping', () => {
  it('escapes XML specials, control characters and literal _xHHHH_ as Excel does', () => {
    expect(xmlText('a < b && c > "d"')).toBe('a &lt; b &amp;&amp; c &gt; "d"');
    expect(xmlText(CONTROL)).toBe('a_x0001_b_x0008_c_x000B_d_x001F_e');
    expect(xmlText('tab\there\nline\r\nend')).toBe('tab\there\nline_x000D_\nend');
    expect(xmlText('_x0041_ and _x00e9_ and _x12_')).toBe('_x005F_x0041_ and _x005F_x00e9_ and _x12_');
    expect(xmlText('\uFFFE\uFFFF')).toBe('_xFFFE__xFFFF_');
    expect(xmlText('plain café ✓')).toBe('plain café ✓');
    expect(xmlAttr(`O'Brien "&" <co>\t`)).toBe("O'Brien &quot;&amp;&quot; &lt;co&gt;&#9;");
    // What our reader decodes is what was escaped.
    for (const s of [CONTROL, '_x0041_', 'a_x005F_b', 'r\r\n', '<&>']) expect(decodeXml(xmlText(s))).toBe(s);
  });

  it('reads wall-clock text as Excel serials, and refuses what is not a date', () => {
    expect(wallClockTextSerial('2026-03-01')).toBe(46082);
    expect(wallClockTextSerial('2026-03')).toBe(46082);
    expect(wallClockTextSerial(' 2026-03-01 12:00 ')).toBe(46082.5);
    expect(wallClockTextSerial('2026-03-01T18:00:00')).toBe(46082.75);
    for (const bad of ['2026-02-30', '2026-13', '2026-00-10', '2026-03-01 24:00', '2026-03-01 09:60', '2026/03/01', '20260301', 'not a date', '2026-03-01 9:30']) {
      expect(wallClockTextSerial(bad), bad).toBeNull();
    }
  });
});

/** The source workbook of the round trip: every kind of cell the data contract reads. */
function sourceWorkbook(): RawWorkbook {
  return {
    Campaigns: [
      ['Campaign ID', 'Name', 'Start', 'Budget', 'Active', 'Note'],
      ['00123', 'Spring <launch> & "more"', new Date('2026-03-01T08:00:00Z'), 1234.5, true, '=1+1'],
      ['7', 'Été ✓ 数据 🎉', new Date('2026-03-01T23:00:00Z'), -0.25, false, CONTROL],
      ['', '', '', '', '', ''],
      ['8', '  spaced  ', new Date('2026-07-01T00:30:00Z'), 1e-7, true, '_x0041_ stays as typed'],
      ['9', 'two\nlines\r\nthree', null, 12345678901234, false, LONG],
      [null, '@SUM(A1)', new Date('2026-03-29T01:30:00Z'), 0, '', new UnreadableCell('a merged cell', 'kept text')],
    ],
    'Tab: with/odd*chars': [
      [],
      ['Header', 'Second'],
      ['+cmd', NaN],
    ],
  };
}

/** A table as our reader returns it: blanks as '', rows as wide as the widest, trailing blank rows dropped. */
function normalised(table: RawCell[][]): RawCell[][] {
  const width = Math.max(0, ...table.map((r) => r.length));
  const rows = table.map((row) => Array.from({ length: width }, (_, c) => {
    const v = row[c];
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
    if (v instanceof UnreadableCell) return v.text;
    return v;
  }));
  while (rows.length && rows[rows.length - 1].every((v) => v === '')) rows.pop();
  return rows;
}

describe('writeXlsx', () => {
  const zone = 'Europe/Paris';
  let file: string;
  const report: ReportTab = {
    name: "CS · Revenue's",
    key: 'revenue',
    title: 'Revenue',
    parameters: [['From', '2026-03-01']],
    blocks: [{
      id: 'rows', title: 'Rows', header: ['Day', 'Amount', 'Label'],
      rows: [['2026-03-01', 10.5, '=HYPERLINK("x")'], ['2026-03-02', 20, LONG]],
      formats: ['date', 'currency', 'text'],
    }],
    charts: [],
  };

  beforeAll(async () => {
    file = join(dir, 'round-trip.xlsx');
    await writeXlsx(file, { source: sourceWorkbook(), reports: [{ name: report.name, layout: layoutTab(report) }], timeZone: zone, currency: 'EUR' });
  });

  it('writes source tabs our reader reads back as they were (dates, numbers, booleans, blanks, unicode, escapes)', async () => {
    const back = await readWorkbookPath(file, { timeZone: zone });
    expect(Object.keys(back)).toEqual(['Campaigns', 'Tab- with-odd-chars', "CS · Revenue's"]);
    const source = sourceWorkbook();
    const expected = normalised(source.Campaigns);
    expected[5][5] = LONG.slice(0, 32_767);
    expect(normalised(back.Campaigns)).toEqual(expected);
    expect(normalised(back['Tab- with-odd-chars'])).toEqual(normalised(source['Tab: with/odd*chars']));
    // Formula-like text is text, never a formula.
    expect(back.Campaigns[1][5]).toBe('=1+1');
  });

  it('writes well-formed parts, each worksheet in the schema order, text cells never formulas', async () => {
    const zip = await openZip(file);
    try {
      const names = [...zip.entries.keys()];
      expect(names).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml', 'xl/workbook.xml',
        'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml']));
      const order = ['sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges',
        'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting',
        'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter'];
      for (const name of names) {
        const xml = await zip.text(zip.entries.get(name)!);
        const children: string[] = [];
        let depth = 0;
        const parser = new SaxesParser({ xmlns: true });
        parser.on('opentag', (tag) => {
          if (depth === 1) children.push(tag.local);
          depth++;
        });
        parser.on('closetag', () => void depth--);
        // Throws on anything not well-formed (and on characters XML 1.0 forbids).
        parser.write(xml).close();
        if (name.startsWith('xl/worksheets/')) {
          const positions = children.map((c) => order.indexOf(c));
          expect(positions.every((p) => p >= 0), `${name}: ${children}`).toBe(true);
          expect(positions, name).toEqual([...positions].sort((a, b) => a - b));
          expect(xml).not.toMatch(/<f[ >]/);
        }
      }
      const workbook = await zip.text(zip.entries.get('xl/workbook.xml')!);
      expect(workbook).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Campaigns'!$A$1:$F$7</definedName>`);
      expect(workbook).toContain(`localSheetId="2" hidden="1">'CS · Revenue''s'!$A$`);
      expect(await zip.text(zip.entries.get('docProps/core.xml')!)).toContain('<dc:creator>Campaign Sheets</dc:creator>');
    } finally {
      await zip.close();
    }
  });

  it('writes what exceljs reads: types, styles, filters and frozen panes', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const src = wb.getWorksheet('Campaigns')!;
    expect(src.getCell('F2').type).toBe(ExcelJS.ValueType.String);
    expect(src.getCell('F2').value).toBe('=1+1');
    expect(src.getCell('B3').value).toBe('Été ✓ 数据 🎉');
    expect(src.getCell('B2').value).toBe('Spring <launch> & "more"');
    expect(src.getCell('E2').value).toBe(true);
    expect(src.getCell('D6').value).toBe(12345678901234);
    expect((src.getCell('F6').value as string).length).toBe(32_767);
    // 08:00Z is 09:00 in Paris in winter; 00:30Z on 1 July is 02:30 (summer time).
    expect(src.getCell('C2').value).toEqual(new Date(Date.UTC(2026, 2, 1, 9, 0)));
    expect(src.getCell('C5').value).toEqual(new Date(Date.UTC(2026, 6, 1, 2, 30)));
    expect(src.getCell('C3').numFmt).toBe('yyyy-mm-dd');
    expect(src.getCell('A1').font?.bold).toBe(true);
    expect(src.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(src.autoFilter).toBe('A1:F7');
    const odd = wb.getWorksheet('Tab- with-odd-chars')!;
    expect(odd.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(odd.getCell('A2').font?.bold).toBe(true);
    const rep = wb.getWorksheet("CS · Revenue's")!;
    const label = rep.getColumn(3).values.find((v) => typeof v === 'string' && v.startsWith('=HYPERLINK'));
    expect(label).toBe('=HYPERLINK("x")');
  });

  it('streams a sheet larger than a deflate chunk, read back whole by our reader and exceljs', async () => {
    const rows = 15_000;
    const table: RawCell[][] = [['Interaction ID', 'Contact', 'Amount', 'When']];
    for (let r = 1; r < rows; r++) table.push([`i-${r}`, `contact ${r % 977} <${r}>`, r * 1.5, new Date(Date.UTC(2026, 0, 1) + r * 60_000)]);
    const big = join(dir, 'big.xlsx');
    await writeXlsx(big, { source: { Interactions: table }, reports: [], timeZone: 'UTC', currency: 'USD' });
    const zip = await openZip(big);
    expect(zip.entries.get('xl/worksheets/sheet1.xml')!.size).toBeGreaterThan(1.2 * (1 << 20));
    await zip.close();
    const back = await readWorkbookPath(big, { timeZone: 'UTC' });
    expect(back.Interactions).toEqual(table);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(big);
    const ws = wb.getWorksheet('Interactions')!;
    expect(ws.rowCount).toBe(rows);
    expect(ws.getCell(`B${rows}`).value).toBe(`contact ${(rows - 1) % 977} <${rows - 1}>`);
    expect(ws.getCell(`D${rows}`).value).toEqual(table[rows - 1][3]);
  });
});

describe('our reader on inline strings', () => {
  it('reads plain, escaped, rich, phonetic, empty and prefixed inline strings', async () => {
    const file = join(dir, 'inline.xlsx');
    const zip = await ZipWriter.create(file);
    await zip.add('xl/workbook.xml', workbookXml([{ name: 'S', autoFilter: null }]));
    await zip.add('xl/_rels/workbook.xml.rels', workbookRelsXml(1));
    const c = (ref: string, body: string) => `<x:c r="${ref}" t="inlineStr"><x:is>${body}</x:is></x:c>`;
    await zip.add('xl/worksheets/sheet1.xml', '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1">' +
      c('A1', '<x:t>plain</x:t>') +
      c('B1', '<x:t xml:space="preserve"> a &amp; b _x0001_ </x:t>') +
      c('C1', '<x:r><x:t>Hello </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>world</x:t></x:r>') +
      c('D1', '<x:t>東京</x:t><x:rPh sb="0" eb="2"><x:t>トウキョウ</x:t></x:rPh>') +
      c('E1', '<x:t/>') +
      '<x:c r="F1"><x:v>7</x:v></x:c>' +
      '</x:row></x:sheetData></x:worksheet>');
    await zip.close();
    const back = await readWorkbookPath(file);
    expect(back.S).toEqual([['plain', ' a & b \u0001 ', 'Hello world', '東京', undefined, 7]]);
  });
});

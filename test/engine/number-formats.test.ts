/**
 * @fileoverview One number-format table for every output: the Sheets adapter, the .xlsx writer and
 * the HTML report show a cell of each format and currency the same way.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currencyOf, currencyOfLocale, KNOWN_CURRENCIES, numberPattern } from '../../src/engine/report-tab/number-formats';
import { sheetBlock } from '../../src/apps-script/sheet-cells';
import { writeReportOutputs } from '../../src/files/write-outputs';
import { formatCell } from '../../src/engine/report-tab/display-format';
import { layoutTab } from '../../src/engine/report-tab/layout';
import type { CellFormat, ReportTab } from '../../src/engine/report-tab/report-tab';
import { timeZone } from '../../src/engine/time/zone';

const FORMATS: CellFormat[] = ['integer', 'decimal', 'percent', 'currency', 'ratio', 'date', 'month', 'datetime'];
const tab: ReportTab = {
  name: 'CS Formats', key: 'formats', title: 'Formats', parameters: [], charts: [],
  blocks: [{ id: 'b', title: 'All formats', header: FORMATS, formats: FORMATS, rows: [[1234.5, 1234.567, 0.123, -1234.5, 17.24, '2026-03-01', '2026-03', '2026-03-01 09:30']] }],
};

describe('number formats', () => {
  it('patterns for each format, and currencies by their own symbol and minor unit', () => {
    expect(FORMATS.map((f) => numberPattern(f, 'USD'))).toEqual(['#,##0', '#,##0.00', '0.0%', '[$$]#,##0.00', '0.0"×"', 'yyyy-mm-dd', 'yyyy-mm', 'yyyy-mm-dd hh:mm']);
    expect(numberPattern('currency', 'SEK')).toBe('[$kr ]#,##0.00');
    expect(numberPattern('currency', 'JPY')).toBe('[$¥]#,##0');
    expect(numberPattern('currency', 'XYZ')).toBe('[$XYZ ]#,##0.00');
    expect(currencyOfLocale('sv_SE')).toBe('SEK');
    expect(currencyOfLocale('tr_TR')).toBe('TRY');
    expect(currencyOfLocale('ru_RU')).toBe('RUB');
    expect(currencyOfLocale('de_CH')).toBe('CHF');
  });

  it('Sheets, xlsx and HTML use the same table for every known currency', async () => {
    const layout = layoutTab(tab);
    const row = layout.grid.findIndex((r) => r[0] === 1234.5);
    const dir = await mkdtemp(join(tmpdir(), 'cs-formats-'));
    for (const currency of KNOWN_CURRENCIES) {
      const sheets = sheetBlock(layout, timeZone('UTC'), currency).numberFormats[row];
      expect(sheets).toEqual(FORMATS.map((f) => numberPattern(f, currency)));
      expect(formatCell(-1234.5, 'currency', { currency })).toBe(`-${currencyOf(currency).symbol}${currencyOf(currency).decimals ? '1,234.50' : '1,235'}`);
    }
    for (const currency of ['SEK', 'CHF', 'JPY']) {
      const out = await writeReportOutputs({ outDir: join(dir, currency), source: {}, tabs: [tab], timeZone: 'UTC', currency, only: { html: false } });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out.xlsxFile!);
      const ws = wb.worksheets.find((w) => w.name === 'CS Formats')!;
      const cells = FORMATS.map((_, c) => ws.getRow(row + 1).getCell(c + 1).numFmt);
      expect(cells).toEqual(FORMATS.map((f) => numberPattern(f, currency)));
    }
  });
});

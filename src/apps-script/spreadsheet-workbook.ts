/**
 * @fileoverview The WorkbookPort on SpreadsheetApp: one `getValues` per source tab; each report tab
 * written into a scratch sheet first (values, formats, weights: one call each) and copied over
 * the live tab in one call, so a failure leaves the live tab as it was; charts updated in place.
 */
import type { WorkbookPort } from '../server/ports';
import type { RawWorkbook, RawTable } from '../engine/workbook/raw';
import { SOURCE_TABS } from '../engine/workbook/raw';
import { normalizeName } from '../engine/workbook/cells';
import type { ChartSpec, ReportTab, TabLayout } from '../engine/report-tab/report-tab';
import { layoutTab } from '../engine/report-tab/layout';
import { timeZone } from '../engine/time/zone';
import { asLiteralText, sheetBlock } from './sheet-cells';
import { currencyOfLocale } from '../engine/report-tab/number-formats';
import { recalculateFormulas, writeStoreSheet } from './formula-store-sheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const SCRATCH_SUFFIX = ' (updating)';
const CHART_IDS = 'cs.charts:';

export function spreadsheetWorkbook(ss: Spreadsheet, properties: GoogleAppsScript.Properties.Properties): WorkbookPort {
  const zoneName = () => ss.getSpreadsheetTimeZone() || 'UTC';
  return {
    readSources() {
      const wanted = new Set(SOURCE_TABS.map(normalizeName));
      const out: RawWorkbook = {};
      for (const sheet of ss.getSheets()) {
        const name = sheet.getName();
        if (wanted.has(normalizeName(name))) out[name] = sheet.getDataRange().getValues() as RawTable;
      }
      return out;
    },
    readTab(name) {
      const sheet = ss.getSheetByName(name);
      return sheet ? (sheet.getDataRange().getValues() as RawTable) : null;
    },
    writeTabs(tabs) {
      const zone = timeZone(zoneName());
      const currency = currencyOfLocale(ss.getSpreadsheetLocale());
      // insertSheet activates the scratch tab: put the user back where they were.
      const active = ss.getActiveSheet();
      try {
        for (const tab of tabs) writeTab(ss, properties, tab, zone, currency);
      } finally {
        ss.setActiveSheet(active);
      }
    },
    insertTemplates(templates) {
      const existing = new Set(ss.getSheets().map((s) => normalizeName(s.getName())));
      const added: string[] = [];
      for (const [name, rows] of Object.entries(templates)) {
        if (existing.has(normalizeName(name))) continue;
        const width = Math.max(...rows.map((r) => r.length));
        const sheet = ss.insertSheet(name);
        sheet.getRange(1, 1, rows.length, width).setValues(rows.map((r) => [...r, ...new Array(width - r.length).fill('')].map((c) => (typeof c === 'string' ? asLiteralText(c) : c))));
        sheet.getRange(1, 1, 1, width).setFontWeight('bold');
        sheet.setFrozenRows(1);
        added.push(name);
      }
      return added;
    },
    deleteTab(name) {
      const sheet = ss.getSheetByName(name);
      if (sheet) ss.deleteSheet(sheet);
    },
    protectTab(name, ownerOnly) {
      const sheet = ss.getSheetByName(name);
      if (!sheet) return;
      for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)) p.remove();
      if (!ownerOnly) return;
      const protection = sheet.protect().setDescription('Campaign Sheets dashboard: only the owner edits');
      // The owner always keeps edit rights; everyone else is removed.
      protection.removeEditors(protection.getEditors());
      if (protection.canDomainEdit()) protection.setDomainEdit(false);
    },
    timeZone: zoneName,
    currency: () => currencyOfLocale(ss.getSpreadsheetLocale()),
    writeFormulaStore: (store) => writeStoreSheet(ss, properties, store),
    recalculateFormulas: () => void recalculateFormulas(ss),
  };
}

function writeTab(ss: Spreadsheet, properties: GoogleAppsScript.Properties.Properties, tab: ReportTab, zone: ReturnType<typeof timeZone>, currency: string): void {
  const layout = layoutTab(tab);
  const block = sheetBlock(layout, zone, currency);
  const rows = layout.grid.length;
  const cols = layout.width;
  const scratchName = tab.name + SCRATCH_SUFFIX;
  const stale = ss.getSheetByName(scratchName);
  if (stale) ss.deleteSheet(stale);
  const scratch = ss.insertSheet(scratchName);
  try {
    ensureSize(scratch, rows, cols);
    const range = scratch.getRange(1, 1, rows, cols);
    range.setValues(block.values);
    range.setNumberFormats(block.numberFormats);
    range.setFontWeights(block.fontWeights);
    let target = ss.getSheetByName(tab.name);
    if (!target) {
      // A first write needs no copy: the scratch sheet becomes the tab.
      scratch.setName(tab.name);
      target = scratch;
    } else {
      ensureSize(target, rows, cols);
      range.copyTo(target.getRange(1, 1, rows, cols));
      clearBeyond(target, rows, cols);
      ss.deleteSheet(scratch);
    }
    target.setFrozenRows(layout.frozenRows);
    target.autoResizeColumns(1, cols);
    syncCharts(target, properties, tab, layout);
  } catch (e) {
    const left = ss.getSheetByName(scratchName);
    if (left) ss.deleteSheet(left);
    throw e;
  }
}

function ensureSize(sheet: Sheet, rows: number, cols: number): void {
  if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  if (sheet.getMaxColumns() < cols) sheet.insertColumnsAfter(sheet.getMaxColumns(), cols - sheet.getMaxColumns());
}

/** What an earlier, larger report left below or to the right. */
function clearBeyond(sheet: Sheet, rows: number, cols: number): void {
  const lastRow = sheet.getLastRow();
  const lastCol = sheet.getLastColumn();
  if (lastRow > rows) sheet.getRange(rows + 1, 1, lastRow - rows, Math.max(lastCol, cols)).clear();
  if (lastCol > cols) sheet.getRange(1, cols + 1, rows, lastCol - cols).clear();
}

const CHART_TYPES = (): Record<ChartSpec['type'], GoogleAppsScript.Charts.ChartType> => ({
  line: Charts.ChartType.LINE, column: Charts.ChartType.COLUMN, bar: Charts.ChartType.BAR, pie: Charts.ChartType.PIE,
});

/** One chart per spec, found again by the id stored for it: updated, never duplicated. */
function syncCharts(sheet: Sheet, properties: GoogleAppsScript.Properties.Properties, tab: ReportTab, layout: TabLayout): void {
  const key = CHART_IDS + tab.name;
  const stored: Record<string, number> = JSON.parse(properties.getProperty(key) ?? '{}');
  const existing = new Map(sheet.getCharts().map((c) => [c.getChartId(), c]));
  const next: Record<string, number> = {};
  let stackRow = layout.frozenRows + 2;
  for (const spec of tab.charts) {
    const place = layout.placements.find((p) => p.blockId === spec.blockId);
    if (!place) continue;
    const lastRow = place.headerRow + Math.max(place.rowCount, 1);
    const column = (c: number) => sheet.getRange(place.headerRow + 1, c + 1, lastRow - place.headerRow, 1);
    const old = existing.get(stored[spec.id]);
    let builder = old ? old.modify().clearRanges() : sheet.newChart();
    builder = builder.setChartType(CHART_TYPES()[spec.type]).addRange(column(spec.domainColumn));
    for (const c of spec.seriesColumns) builder = builder.addRange(column(c));
    builder = builder
      .setPosition(stackRow, layout.width + 2, 0, 0)
      .setOption('title', spec.title)
      .setOption('isStacked', spec.stacked ?? false)
      .setOption('hAxis.title', spec.xTitle ?? '')
      .setOption('vAxis.title', spec.yTitle ?? '')
      .setOption('width', 640)
      .setOption('height', 360);
    stackRow += 20;
    if (old) {
      sheet.updateChart(builder.build());
      next[spec.id] = old.getChartId()!;
      existing.delete(old.getChartId());
    } else {
      const chart = builder.build();
      sheet.insertChart(chart);
      const all = sheet.getCharts();
      const inserted = all[all.length - 1];
      next[spec.id] = inserted?.getChartId() ?? chart.getChartId()!;
    }
  }
  // Charts this tab no longer has; charts the user added by hand are theirs and stay.
  for (const id of Object.values(stored)) {
    const chart = existing.get(id);
    if (chart && !Object.values(next).includes(id)) sheet.removeChart(chart);
  }
  properties.setProperty(key, JSON.stringify(next));
}

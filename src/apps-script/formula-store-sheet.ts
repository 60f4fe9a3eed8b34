/**
 * @fileoverview The formula store on a hidden tab, and how custom functions decide between the
 * source tabs (small workbooks: always live), the store (large ones, while the sources are as the
 * refresh saw them) and a clear "refresh first" message (large ones whose sources changed).
 */
import { SOURCE_TABS } from '../engine/workbook/raw';
import { normalizeName } from '../engine/workbook/cells';
import type { FormulaStore } from '../engine/formula-store/store';
import { parseStoreMeta, storeCells, type StoredCells } from '../engine/formula-store/store-cells';
import { FORMULAS } from '../engine/formulas/formulas';
import { asLiteralText } from './sheet-cells';

export const STORE_TAB = 'CS Formula store';
/** Document property: the fingerprint of the sources when the store was written. */
export const STORE_STAMP = 'cs.store';
/** Document property bumped by onEdit when a source tab is edited. */
export const DATA_VERSION = 'cs.dataVersion';
/** Up to this many source cells a custom function reads the tabs itself (well within 30 s). */
export const LIVE_CELL_LIMIT = 300_000;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Properties = GoogleAppsScript.Properties.Properties;

export interface SourceShape {
  /** Tab name, last row and last column of each source tab: changes when rows are added or cut. */
  fingerprint: string;
  cells: number;
}

/** Two cheap calls per source tab; no cell is read. */
export function sourceShape(ss: Spreadsheet, props: Properties): SourceShape {
  const wanted = new Set(SOURCE_TABS.map(normalizeName));
  let cells = 0;
  const parts: string[] = [];
  for (const sheet of ss.getSheets()) {
    const name = sheet.getName();
    if (!wanted.has(normalizeName(name))) continue;
    const rows = sheet.getLastRow();
    const cols = sheet.getLastColumn();
    cells += rows * cols;
    parts.push(`${name}:${rows}x${cols}`);
  }
  return { fingerprint: `${parts.join('|')}#${props.getProperty(DATA_VERSION) ?? '0'}`, cells };
}

/** Where the store's rows are, recorded with the stamp so a reader needs no scan. */
interface StoreStamp {
  fingerprint: string;
  metaRows: number;
  rows: number;
  width: number;
}

const readStamp = (props: Properties): StoreStamp | null => {
  try {
    const s = JSON.parse(props.getProperty(STORE_STAMP) ?? 'null') as StoreStamp | null;
    return s && typeof s.fingerprint === 'string' && s.metaRows > 0 && s.width > 1 ? s : null;
  } catch {
    return null;
  }
};

/** One setValues for the whole store, every cell under Sheets' 50,000-character limit. */
export function writeStoreSheet(ss: Spreadsheet, props: Properties, store: FormulaStore): void {
  const cells = storeCells(store);
  let sheet = ss.getSheetByName(STORE_TAB);
  if (!sheet) {
    sheet = ss.insertSheet(STORE_TAB);
    sheet.hideSheet();
  } else sheet.clear();
  if (sheet.getMaxRows() < cells.rows.length) sheet.insertRowsAfter(sheet.getMaxRows(), cells.rows.length - sheet.getMaxRows());
  if (sheet.getMaxColumns() < cells.width) sheet.insertColumnsAfter(sheet.getMaxColumns(), cells.width - sheet.getMaxColumns());
  sheet.getRange(1, 1, cells.rows.length, cells.width).setValues(cells.rows.map((r) => r.map(asLiteralText)));
  // Stamped last: a store that failed midway is never taken as current.
  const stamp: StoreStamp = { fingerprint: sourceShape(ss, props).fingerprint, metaRows: cells.metaRows, rows: cells.rows.length, width: cells.width };
  props.setProperty(STORE_STAMP, JSON.stringify(stamp));
}

/** A reader over the store tab: the metadata in one call, then one call per formula for its series. */
export function storeSheetReader(ss: Spreadsheet, stamp: StoreStamp): StoredCells | null {
  const sheet = ss.getSheetByName(STORE_TAB);
  if (!sheet) return null;
  const meta = parseStoreMeta(sheet.getRange(1, 2, stamp.metaRows, 1).getValues().map((r) => r[0]));
  if (!meta) return null;
  return {
    meta,
    readSeries: (first, count) =>
      sheet.getRange(stamp.metaRows + 1 + first, 2, count, stamp.width - 1).getValues().map((r) => r.map((c) => String(c ?? ''))),
  };
}

/** The store, when it was written from sources shaped as they are now; else null. */
export function currentStore(ss: Spreadsheet, props: Properties, shape: SourceShape): StoredCells | null {
  const stamp = readStamp(props);
  return stamp && stamp.fingerprint === shape.fingerprint ? storeSheetReader(ss, stamp) : null;
}

/**
 * Sheets recomputes a custom function only when its arguments change. Re-entering the add-on's
 * formulas makes it recompute them after a refresh or a source edit.
 */
export function recalculateFormulas(ss: Spreadsheet): number {
  const names = FORMULAS.map((f) => f.name).join('|');
  const cells = ss.createTextFinder(`(${names})\\s*\\(`).useRegularExpression(true).matchFormulaText(true).findAll();
  for (const cell of cells) {
    if (cell.getSheet().getName().startsWith('CS ')) continue;
    const formula = cell.getFormula();
    if (!formula) continue;
    cell.clearContent();
    cell.setFormula(formula);
  }
  return cells.length;
}

/** onEdit's work: only edits of source tabs matter. */
export function sourceEdited(sheetName: string): void {
  if (!SOURCE_TABS.map(normalizeName).includes(normalizeName(sheetName))) return;
  PropertiesService.getDocumentProperties().setProperty(DATA_VERSION, String(Date.now()));
  recalculateFormulas(SpreadsheetApp.getActiveSpreadsheet());
}

/**
 * @fileoverview The formula store on a hidden tab, and how custom functions decide between the
 * source tabs (small workbooks: always live), the store (large ones, while the sources are as the
 * refresh saw them) and a clear "refresh first" message (large ones whose sources changed).
 */
import { SOURCE_TABS } from '../engine/workbook/raw';
import { normalizeName } from '../engine/workbook/cells';
import { decodeSeries, encodeSeries, type FormulaStore, type StoreMeta } from '../engine/formula-store/store';
import type { StoreReader } from '../engine/formula-store/answer';
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

export function writeStoreSheet(ss: Spreadsheet, props: Properties, store: FormulaStore): void {
  const keys = [...store.series.keys()].sort();
  const rows: string[][] = [['meta', JSON.stringify(store.meta)], ...keys.map((k) => [k, encodeSeries(store.series.get(k)!)])];
  let sheet = ss.getSheetByName(STORE_TAB);
  if (!sheet) {
    sheet = ss.insertSheet(STORE_TAB);
    sheet.hideSheet();
  } else sheet.clear();
  if (sheet.getMaxRows() < rows.length) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  sheet.getRange(1, 1, rows.length, 2).setValues(rows.map((r) => r.map(asLiteralText)));
  // Stamped last: a store that failed midway is never taken as current.
  props.setProperty(STORE_STAMP, sourceShape(ss, props).fingerprint);
}

/** A reader over the store tab: the key column once, then only the rows asked for. */
export function storeSheetReader(ss: Spreadsheet): StoreReader | null {
  const sheet = ss.getSheetByName(STORE_TAB);
  if (!sheet || sheet.getLastRow() < 1) return null;
  const keys = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues().map((r) => String(r[0]));
  const rowOf = new Map(keys.map((k, i) => [k, i + 1]));
  const metaRow = rowOf.get('meta');
  if (!metaRow) return null;
  const meta = JSON.parse(String(sheet.getRange(metaRow, 2).getValue())) as StoreMeta;
  return {
    meta,
    series(wanted) {
      const rows = [...new Set(wanted.map((k) => rowOf.get(k)).filter((r): r is number => r !== undefined))].sort((x, y) => x - y);
      const text = new Map<number, string>();
      // Contiguous rows come back in one call each.
      for (let i = 0; i < rows.length;) {
        let j = i;
        while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
        const values = sheet.getRange(rows[i], 2, rows[j] - rows[i] + 1, 1).getValues();
        values.forEach((v, n) => text.set(rows[i] + n, String(v[0])));
        i = j + 1;
      }
      return wanted.map((k) => decodeSeries(text.get(rowOf.get(k) ?? -1) ?? '', meta.days));
    },
  };
}

/** The store, when it was written from sources shaped as they are now; else null. */
export function currentStore(ss: Spreadsheet, props: Properties, shape: SourceShape): StoreReader | null {
  return props.getProperty(STORE_STAMP) === shape.fingerprint ? storeSheetReader(ss) : null;
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

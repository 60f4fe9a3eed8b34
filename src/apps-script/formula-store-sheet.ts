/**
 * @fileoverview The formula store on a hidden tab, how custom functions decide between the source
 * tabs (small workbooks: read live), the store (large ones, while the sources are as the refresh
 * read them) and a clear "refresh first" message, and the version cell that makes Sheets recompute
 * formulas after a refresh.
 *
 * Sheets recomputes a custom function only when its formula text or an argument's value changes
 * (Custom Functions guide), so a refresh cannot make a formula recompute by itself. Formulas that
 * pass the named range CS_VERSION as their last argument do recompute: every full refresh writes a
 * new number into that cell, after the store and its stamp are in place.
 */
import { SOURCE_TABS } from '../engine/workbook/raw';
import { normalizeName } from '../engine/workbook/cells';
import type { FormulaStore } from '../engine/formula-store/store';
import { parseStoreMeta, storeCells, type StoredCells } from '../engine/formula-store/store-cells';
import { dateTimeText, timeZone } from '../engine/time/zone';
import type { FormulaFreshness } from '../shared/sidebar-api';
import { asLiteralText } from './sheet-cells';
import { NEW_TAB } from './grid-budget';
import { resize, type TabContent } from './tab-writer';
import type { TabRegistry } from './tab-registry';

export const STORE_TAB = 'CS Formula store';
/** The hidden tab holding the version cell, and the cell's name. */
export const VERSION_TAB = 'CS Version';
export const VERSION_NAME = 'CS_VERSION';
/** Document property: the fingerprint of the sources the stored refresh read, and the store's shape. */
export const STORE_STAMP = 'cs.store';
/** Document property: when the stored refresh ran (ISO 8601). */
export const STORE_AT = 'cs.storeAt';
/** Document property onEdit sets to a new value at each edit of a source tab. */
export const DATA_VERSION = 'cs.dataVersion';
/** Up to this many source cells a custom function reads the tabs itself (well within 30 s). */
export const LIVE_CELL_LIMIT = 300_000;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Properties = GoogleAppsScript.Properties.Properties;

export interface SourceShape {
  /** Tab name, last row and last column of each source tab, and the last edit seen by onEdit. */
  fingerprint: string;
  cells: number;
}

const isSource = (() => {
  const wanted = new Set(SOURCE_TABS.map(normalizeName));
  return (name: string) => wanted.has(normalizeName(name));
})();

/** Builds a fingerprint from each source tab's size, in tab order, and the edit mark. */
export class ShapeBuilder {
  private parts: string[] = [];
  cells = 0;
  constructor(private readonly mark: string) {}
  add(name: string, rows: number, columns: number): void {
    this.parts.push(`${name}:${rows}x${columns}`);
    this.cells += rows * columns;
  }
  shape(): SourceShape {
    return { fingerprint: `${this.parts.join('|')}#${this.mark}`, cells: this.cells };
  }
}

/** The stamp of a store computed in a warehouse: current while the setting names that warehouse. */
export const warehouseFingerprint = (warehouse: string) => `warehouse:${warehouse}`;

export const editMark = (props: Properties) => props.getProperty(DATA_VERSION) ?? '0';
export { isSource as isSourceTabName };

export interface SourceTab {
  sheet: Sheet;
  name: string;
}

/** The source tabs, in tab order: one call, then one per tab for its name. */
export function sourceTabs(ss: Spreadsheet): SourceTab[] {
  return ss.getSheets().map((sheet) => ({ sheet, name: sheet.getName() })).filter((t) => isSource(t.name));
}

/** The sources' shape now: two cheap calls per source tab; no cell is read. */
export function sourceShape(props: Properties, tabs: readonly SourceTab[]): SourceShape {
  const b = new ShapeBuilder(editMark(props));
  for (const t of tabs) b.add(t.name, t.sheet.getLastRow(), t.sheet.getLastColumn());
  return b.shape();
}

/** Where the store's rows are, recorded with the sources' fingerprint so a reader needs no scan. */
export interface StoreStamp {
  fingerprint: string;
  metaRows: number;
  rows: number;
  width: number;
}

export const readStamp = (props: Properties): StoreStamp | null => {
  try {
    const s = JSON.parse(props.getProperty(STORE_STAMP) ?? 'null') as StoreStamp | null;
    return s && typeof s.fingerprint === 'string' && s.metaRows > 0 && s.width > 1 ? s : null;
  } catch {
    return null;
  }
};

/**
 * The store as a hidden tab's content (one setValues, every cell under Sheets' 50,000-character
 * limit, as literal text) and the stamp to record, given the sources' fingerprint, once it is in.
 */
export function storeContent(store: FormulaStore): { content: TabContent; stamp(fingerprint: string): StoreStamp } {
  const cells = storeCells(store);
  return {
    content: { name: STORE_TAB, values: cells.rows.map((r) => r.map(asLiteralText)), rows: cells.rows.length, columns: cells.width, frozenRows: 0, hidden: true },
    stamp: (fingerprint) => ({ fingerprint, metaRows: cells.metaRows, rows: cells.rows.length, width: cells.width }),
  };
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

/** Stops before writing when a user's tab or named range has the version cell's name. */
export function checkVersionCell(ss: Spreadsheet, tabs: readonly { name: string; id: number }[], registry: TabRegistry): number {
  const mine = tabs.find((t) => t.name === VERSION_TAB && registry.owns(t.id, t.name));
  const theirs = tabs.find((t) => t.name.toLowerCase() === VERSION_TAB.toLowerCase() && t !== mine);
  if (theirs) throw new Error(`Nothing was written: your tab "${theirs.name}" is in the way of Campaign Sheets' hidden tab "${VERSION_TAB}". Rename or delete it, then refresh again.`);
  const named = ss.getRangeByName(VERSION_NAME);
  if (named && (!mine || named.getSheet().getSheetId() !== mine.id)) {
    throw new Error(`Nothing was written: the named range ${VERSION_NAME} is yours, and Campaign Sheets needs that name for its version cell. Remove or rename it (Data > Named ranges), then refresh again.`);
  }
  return mine ? 0 : 1;
}

/** Writes a new number into the version cell (making its tab and name the first time). */
export function bumpVersion(ss: Spreadsheet, registry: TabRegistry, own: Sheet | null): number {
  let tab = own;
  if (!tab) {
    tab = ss.insertSheet(VERSION_TAB);
    registry.add(tab.getSheetId(), VERSION_TAB);
    registry.save();
    resize(tab, 1, 1, NEW_TAB);
    tab.hideSheet();
  }
  const cell = tab.getRange(1, 1);
  const next = (Number(cell.getValue()) || 0) + 1;
  cell.setValue(next);
  if (!ss.getRangeByName(VERSION_NAME)) ss.setNamedRange(VERSION_NAME, cell);
  return next;
}

const whenText = (ss: Spreadsheet, at: string, now: number) =>
  `${dateTimeText(Date.parse(at), timeZone(ss.getSpreadsheetTimeZone() || 'UTC'))} (${ago(now - Date.parse(at))})`;

/** With the warehouse setting formulas answer from the last refresh's store, whatever the tabs hold. */
function warehouseFreshness(ss: Spreadsheet, props: Properties, now: number, warehouse: string, at: string | null): FormulaFreshness {
  const current = at !== null && readStamp(props)?.fingerprint === warehouseFingerprint(warehouse);
  const summary = !current
    ? `Formulas answer from the last Refresh all reports, and none has run on BigQuery ${warehouse} yet: run it.`
    : `Formulas answer from the Refresh all reports of ${whenText(ss, at, now)}, computed in BigQuery ${warehouse}; data that reached BigQuery since shows after the next one.`;
  return { refreshedAt: at, answersFrom: 'last refresh', sourcesUnchanged: current, summary };
}

const ago = (ms: number) => {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  return `${Math.round(hours / 24)} days ago`;
};

/** How current formulas' answers are, in a few calls (no cell of the sources is read). */
export function formulaFreshness(ss: Spreadsheet, props: Properties, now: number, warehouse: string | null = null): FormulaFreshness {
  const at = props.getProperty(STORE_AT);
  if (warehouse) return warehouseFreshness(ss, props, now, warehouse, at);
  const shape = sourceShape(props, sourceTabs(ss));
  const sourcesUnchanged = at !== null && readStamp(props)?.fingerprint === shape.fingerprint;
  const answersFrom = shape.cells <= LIVE_CELL_LIMIT ? 'tabs' : 'last refresh';
  const when = at ? whenText(ss, at, now) : null;
  const recompute = `Sheets recomputes a formula when its text or an argument changes; those given ${VERSION_NAME} as their last argument also recompute after every Refresh all reports.`;
  let summary: string;
  if (answersFrom === 'tabs') {
    summary = `Formulas read the source tabs each time they recompute. ${recompute}${when ? ` Last Refresh all reports: ${when}.` : ''}`;
  } else if (!when) {
    summary = 'Formulas on this large workbook answer from the last Refresh all reports, and there has been none yet: run it.';
  } else if (sourcesUnchanged) {
    summary = `Formulas answer from the Refresh all reports of ${when}; no change to the source tabs has been seen since. ${recompute}`;
  } else {
    summary = `Formulas answer from the Refresh all reports of ${when}, but the source tabs changed since: formulas that recompute now ask for a refresh. Run Refresh all reports.`;
  }
  return { refreshedAt: at, answersFrom, sourcesUnchanged, summary };
}

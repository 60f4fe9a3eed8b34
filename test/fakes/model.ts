/**
 * @fileoverview The in-memory spreadsheet behind the fakes: plain data, no behaviour. The fake
 * Spreadsheet, Sheet, Range and chart objects are thin, short-lived views over it, as the real
 * ones are handles over the server-side file.
 */
import type { FakeContext } from './core';
import type { Cell, CellValue } from './values';

export interface RangeRef {
  sheet: SheetModel;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface ChartPosition {
  row: number;
  column: number;
  offsetX: number;
  offsetY: number;
}

/** A chart's configuration: what a builder holds and what an inserted chart stores. */
export interface ChartConfig {
  type: string | null;
  ranges: RangeRef[];
  position: ChartPosition;
  options: Map<string, unknown>;
  numHeaders: number;
  transposeRowsAndColumns: boolean;
}

export interface StoredChart extends ChartConfig {
  chartId: number;
}

export interface ProtectionModel {
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
}

export interface SheetModel {
  name: string;
  sheetId: number;
  hidden: boolean;
  frozenRows: number;
  frozenColumns: number;
  maxRows: number;
  maxColumns: number;
  /** 0-based rows of 0-based cells; holes are fresh cells. */
  rows: ((Cell | undefined)[] | undefined)[];
  columnWidths: Map<number, number>;
  charts: StoredChart[];
  protection?: ProtectionModel;
  deleted: boolean;
}

export interface ToastRecord {
  message: string;
  title: string | null;
  timeoutSeconds: number | null;
}

export interface BookModel {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  sheets: SheetModel[];
  active: SheetModel;
  namedRanges: Map<string, RangeRef>;
  toasts: ToastRecord[];
  nextSheetId: number;
  nextChartId: number;
  ownerEmail: string;
  /** Custom functions' results by function name and argument values, as Sheets caches them. */
  customResults: Map<string, CustomOutcome>;
}

/** What one custom function call gave: its cell's value, the whole result, or the error shown. */
export interface CustomOutcome {
  value: CellValue;
  result: unknown;
  error?: string;
}

/** Who the script runs as. A non-owner may edit through a group rather than as themselves. */
export interface Users {
  effective: string;
  /** The group that gives the effective user edit rights, when not granted to them directly. */
  viaGroup: string | null;
}

export interface MenuItemRecord {
  caption?: string;
  functionName?: string;
  separator?: true;
  subMenu?: MenuRecord;
}

export interface MenuRecord {
  kind: 'addon' | 'menu';
  /** `null` for the add-on menu, whose caption is the add-on's name. */
  caption: string | null;
  items: MenuItemRecord[];
}

export interface DialogRecord {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  content: string;
  width: number | null;
  height: number | null;
}

export interface AlertRecord {
  title: string | null;
  prompt: string;
  buttons: string;
  response: string;
}

export interface UiState {
  menus: MenuRecord[];
  dialogs: DialogRecord[];
  alerts: AlertRecord[];
  alertResponses: string[];
}

/** Where a formula cell is, for the formula evaluator. */
export interface FormulaSite {
  sheetName: string;
  row: number;
  column: number;
}

/** Everything the spreadsheet fakes need, shared by all the views of one fake. */
export interface SpreadsheetEnv {
  ctx: FakeContext;
  book: BookModel;
  ui: UiState;
  users: Users;
  /** Names (upper case) of the custom functions Sheets can call in this file. */
  customFunctionNames: ReadonlySet<string>;
  /** The value a formula cell reads back as: the fake computes no formulas. */
  evaluateFormula: (formula: string, site: FormulaSite) => CellValue;
  /** Set by spreadsheet.ts: a fresh Range view over a stored reference. */
  rangeOf(ref: RangeRef): GoogleAppsScript.Spreadsheet.Range;
  /** Set by spreadsheet.ts: the stored reference behind a Range argument. */
  refOf(range: unknown, where: string): RangeRef;
}

/**
 * @fileoverview Fake SpreadsheetApp, Spreadsheet, Sheet, Range, Protection and NamedRange over the
 * in-memory model. Like the real service, every getter returns a fresh handle (two
 * `getSheetByName('A')` results are not `===`), ranges never grow the sheet, and sizes, names and
 * argument shapes are checked with the real error messages.
 */
import { FakeEmbeddedChart, FakeEmbeddedChartBuilder, copyConfig, emptyChartConfig } from './charts';
import {
  isSpreadsheetWrite as isSpreadsheetWriteMethod,
  FAKE_KIND,
  asReal,
  describeArg,
  enumOf,
  exception,
  instrument,
  int,
  notModelled,
  undocumented,
  unwrap,
  PROTECTED_MESSAGE,
  type FakeContext,
  type RealPart,
} from './core';
import type { BookModel, ProtectionModel, RangeRef, SheetModel, SpreadsheetEnv } from './model';
import { FakeUi } from './ui';
import { FakeUser } from './services';
import {
  DEFAULT_BACKGROUND,
  DEFAULT_NUMBER_FORMAT,
  CELL_MAX_CHARS,
  CELL_TOO_LONG_MESSAGE,
  a1Notation,
  calledFunction,
  cellFromInput,
  copyValue,
  displayText,
  parseA1,
  splitSheetA1,
  type Cell,
  type CellValue,
  type GridRect,
} from './values';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type TextFinder = GoogleAppsScript.Spreadsheet.TextFinder;
type Protection = GoogleAppsScript.Spreadsheet.Protection;
type NamedRange = GoogleAppsScript.Spreadsheet.NamedRange;
type FontWeight = GoogleAppsScript.Spreadsheet.FontWeight;

/** A new tab's size, as in Sheets. */
export const DEFAULT_MAX_ROWS = 1000;
export const DEFAULT_MAX_COLUMNS = 26;
export const DEFAULT_COLUMN_WIDTH = 100;
/**
 * "Up to 10 million cells ... for spreadsheets that are created in or converted to Google Sheets"
 * (Google Drive Help, "Files you can store in Google Drive"): every tab's whole grid counts.
 */
export const GRID_CELL_LIMIT = 10_000_000;
export const GRID_LIMIT_MESSAGE = `This action would increase the number of cells in the workbook above the limit of ${GRID_CELL_LIMIT} cells.`;
/** Longest tab name the fake accepts; Google gives no limit or message, so longer ones are refused. */
export const SHEET_NAME_MAX_CHARS = 100;

const ProtectionTypeEnum = enumOf<typeof GoogleAppsScript.Spreadsheet.ProtectionType>(['RANGE', 'SHEET']);

// ---------------------------------------------------------------------------------------------
// Model helpers (uncounted)

export function newSheetModel(name: string, sheetId: number, maxRows = DEFAULT_MAX_ROWS, maxColumns = DEFAULT_MAX_COLUMNS): SheetModel {
  return {
    name,
    sheetId,
    hidden: false,
    frozenRows: 0,
    frozenColumns: 0,
    maxRows,
    maxColumns,
    rows: [],
    columnWidths: new Map(),
    charts: [],
    deleted: false,
  };
}

export const cellAt = (sheet: SheetModel, row: number, column: number): Cell | undefined => sheet.rows[row - 1]?.[column - 1];

export function putCell(sheet: SheetModel, row: number, column: number, cell: Cell | undefined): void {
  const isFresh = !cell || (cell.value === '' && !cell.formula && !cell.numberFormat && !cell.fontWeight && !cell.background);
  if (isFresh) {
    const line = sheet.rows[row - 1];
    if (line) delete line[column - 1];
    return;
  }
  (sheet.rows[row - 1] ??= [])[column - 1] = cell;
}

const hasContent = (cell: Cell | undefined) => cell !== undefined && (cell.value !== '' || cell.formula !== undefined);

/** The last row with content; formats alone do not count, as in the real getLastRow. */
export function lastRowOf(sheet: SheetModel): number {
  for (let r = sheet.rows.length; r >= 1; r--) if (sheet.rows[r - 1]?.some(hasContent)) return r;
  return 0;
}

export function lastColumnOf(sheet: SheetModel): number {
  let last = 0;
  for (const line of sheet.rows) {
    if (!line) continue;
    for (let c = line.length; c > last; c--) {
      if (hasContent(line[c - 1])) {
        last = c;
        break;
      }
    }
  }
  return last;
}

/** Sheet names are unique ignoring case: "data" clashes with "Data". */
function assertNameFree(book: BookModel, name: string, except?: SheetModel): void {
  if (name.length > SHEET_NAME_MAX_CHARS) throw undocumented(`a tab name of ${name.length} characters (over ${SHEET_NAME_MAX_CHARS})`);
  const clash = book.sheets.find((s) => s !== except && s.name.toLowerCase() === name.toLowerCase());
  if (clash) throw exception(`A sheet with the name "${name}" already exists. Please enter another name.`);
}

/** Every tab's whole grid, empty cells included. */
export const gridCells = (book: BookModel): number => book.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);

/** Throws Sheets' error when `added` more grid cells would pass the spreadsheet's limit. */
export function assertGridRoom(book: BookModel, added: number): void {
  if (added > 0 && gridCells(book) + added > GRID_CELL_LIMIT) throw exception(GRID_LIMIT_MESSAGE);
}

/** Whether the effective user may change a protected tab: the owner, or a listed editor. */
export function mayEdit(env: SpreadsheetEnv, sheet: SheetModel): boolean {
  const p = sheet.protection;
  if (!p || p.warningOnly) return true;
  const me = env.users.effective;
  return me === env.book.ownerEmail || p.editors.includes(me) || (env.users.viaGroup !== null && p.editors.includes(env.users.viaGroup));
}

/** Sheet calls that change nothing a protection guards (the tab's protection object itself, the view). */
const NOT_GUARDED = new Set(['protect', 'activate', 'showSheet', 'hideSheet']);

function assertMayWrite(env: SpreadsheetEnv, sheet: SheetModel, iface: string, method: string): void {
  if (NOT_GUARDED.has(method) || !isSpreadsheetWriteMethod(iface, method)) return;
  if (!mayEdit(env, sheet)) throw exception(PROTECTED_MESSAGE);
}

/** Builds the shared env's Range factory and Range unwrapping. */
export function attachRangeHelpers(env: SpreadsheetEnv): void {
  env.rangeOf = (ref) => asReal<Range>(FakeRange.of(env, ref));
  env.refOf = (range, where) => {
    const fake = unwrap<FakeRange>(range, 'Range', where);
    return fake.ref();
  };
}

// ---------------------------------------------------------------------------------------------
// SpreadsheetApp

export class FakeSpreadsheetApp {
  readonly ctx: FakeContext;
  constructor(private readonly env: SpreadsheetEnv) {
    this.ctx = env.ctx;
  }
  get ProtectionType(): typeof GoogleAppsScript.Spreadsheet.ProtectionType {
    return ProtectionTypeEnum;
  }
  getActiveSpreadsheet(): Spreadsheet {
    return asReal<Spreadsheet>(new FakeSpreadsheet(this.env));
  }
  getActive(): Spreadsheet {
    return asReal<Spreadsheet>(new FakeSpreadsheet(this.env));
  }
  getActiveSheet(): Sheet {
    return asReal<Sheet>(new FakeSheet(this.env, this.env.book.active));
  }
  /** Writes are applied at once in the fake, so flush only counts. */
  flush(): void {}
  getUi(): GoogleAppsScript.Base.Ui {
    return asReal<GoogleAppsScript.Base.Ui>(new FakeUi(this.ctx, this.env.ui));
  }
}
instrument(FakeSpreadsheetApp, 'SpreadsheetApp');
void (null as unknown as FakeSpreadsheetApp satisfies RealPart<FakeSpreadsheetApp, GoogleAppsScript.Spreadsheet.SpreadsheetApp>);

// ---------------------------------------------------------------------------------------------
// Spreadsheet

export class FakeSpreadsheet {
  readonly ctx: FakeContext;
  private readonly book: BookModel;
  constructor(private readonly env: SpreadsheetEnv) {
    this.ctx = env.ctx;
    this.book = env.book;
  }
  private sheet(model: SheetModel): Sheet {
    return asReal<Sheet>(new FakeSheet(this.env, model));
  }

  getId(): string {
    return this.book.id;
  }
  getName(): string {
    return this.book.name;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.book.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    return this.book.timeZone;
  }
  getSpreadsheetLocale(): string {
    return this.book.locale;
  }
  getSheets(): Sheet[] {
    return this.book.sheets.map((s) => this.sheet(s));
  }
  getNumSheets(): number {
    return this.book.sheets.length;
  }
  /**
   * The exact name; null when no tab has it even ignoring case. The reference does not say whether
   * the match ignores case, so a name that matches a tab only ignoring case is refused.
   */
  getSheetByName(name: string): Sheet | null {
    const model = this.book.sheets.find((s) => s.name === name);
    if (model) return this.sheet(model);
    const other = this.book.sheets.find((s) => s.name.toLowerCase() === String(name).toLowerCase());
    if (other) throw undocumented(`getSheetByName(${JSON.stringify(name)}) when only "${other.name}" exists (does the match ignore case?)`);
    return null;
  }
  getSheetById(id: number): Sheet | null {
    const model = this.book.sheets.find((s) => s.sheetId === id);
    return model ? this.sheet(model) : null;
  }
  getActiveSheet(): Sheet {
    return this.sheet(this.book.active);
  }
  setActiveSheet(sheet: Sheet): Sheet {
    const model = unwrap<FakeSheet>(sheet, 'Sheet', 'SpreadsheetApp.Spreadsheet.setActiveSheet').model;
    this.book.active = model;
    return this.sheet(model);
  }
  /**
   * insertSheet(), (name), (name, index), (index). The new sheet becomes the active one; index is
   * 0-based. Options objects (templates) are not modelled.
   */
  insertSheet(nameOrIndex?: unknown, index?: unknown): Sheet {
    let name: string | undefined;
    let at = this.book.sheets.length;
    if (typeof nameOrIndex === 'string') {
      name = nameOrIndex;
      if (index !== undefined) at = int(index);
    } else if (typeof nameOrIndex === 'number') {
      at = int(nameOrIndex);
    } else if (nameOrIndex !== undefined) {
      throw notModelled('insertSheet(options)');
    }
    if (at < 0 || at > this.book.sheets.length) throw exception(`The sheet index ${at} is out of range.`);
    if (name === undefined) {
      let n = this.book.sheets.length + 1;
      while (this.book.sheets.some((s) => s.name.toLowerCase() === `sheet${n}`)) n += 1;
      name = `Sheet${n}`;
    }
    if (name.trim() === '') throw notModelled('a blank sheet name');
    assertNameFree(this.book, name);
    assertGridRoom(this.book, DEFAULT_MAX_ROWS * DEFAULT_MAX_COLUMNS);
    const model = newSheetModel(name, this.book.nextSheetId++);
    this.book.sheets.splice(at, 0, model);
    this.book.active = model;
    return this.sheet(model);
  }
  deleteSheet(sheet: Sheet): void {
    const model = unwrap<FakeSheet>(sheet, 'Sheet', 'SpreadsheetApp.Spreadsheet.deleteSheet').model;
    if (!this.book.sheets.includes(model)) throw notModelled('deleting a sheet of another spreadsheet');
    if (this.book.sheets.length === 1) throw exception("You can't remove all the sheets in a document.");
    if (!mayEdit(this.env, model)) throw exception(PROTECTED_MESSAGE);
    this.book.sheets = this.book.sheets.filter((s) => s !== model);
    model.deleted = true;
    // Named ranges on the deleted tab would show #REF!; the fake drops them.
    for (const [name, ref] of this.book.namedRanges) if (ref.sheet === model) this.book.namedRanges.delete(name);
    if (this.book.active === model) this.book.active = this.book.sheets[0];
  }
  /** Moves the active sheet to a 1-based position. */
  moveActiveSheet(pos: number): void {
    const p = int(pos);
    if (p < 1 || p > this.book.sheets.length) throw exception(`The sheet index ${p} is out of range.`);
    const active = this.book.active;
    this.book.sheets = this.book.sheets.filter((s) => s !== active);
    this.book.sheets.splice(p - 1, 0, active);
  }
  createTextFinder(findText: string): TextFinder {
    return asReal<TextFinder>(new FakeTextFinder(this.env, String(findText)));
  }
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.book.toasts.push({ message: String(msg), title: title === undefined ? null : String(title), timeoutSeconds: timeoutSeconds ?? null });
  }
  /** `A1:B2` on the active sheet, or `Tab!A1:B2` / `'My tab'!A1`. */
  getRange(a1Notation: string): Range {
    const { sheetName, a1 } = splitSheetA1(String(a1Notation));
    const model = sheetName === undefined ? this.book.active : this.book.sheets.find((s) => s.name === sheetName);
    if (!model) throw exception('Range not found');
    return asReal<Range>(FakeRange.checked(this.env, model, parseA1(a1, model.maxRows, model.maxColumns)));
  }
  /** Names follow the Sheets rules: a letter or `_` first, then letters, digits, `_` or `.`. */
  setNamedRange(name: string, range: Range): void {
    const ref = this.env.refOf(range, 'SpreadsheetApp.Spreadsheet.setNamedRange');
    if (!/^[A-Za-z_][A-Za-z0-9_.]{0,249}$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^(true|false)$/i.test(name)) {
      throw exception(`Invalid named range name: ${name}`);
    }
    this.book.namedRanges.set(name, { ...ref });
  }
  getRangeByName(name: string): Range | null {
    const ref = this.book.namedRanges.get(name);
    return ref ? this.env.rangeOf(ref) : null;
  }
  getNamedRanges(): NamedRange[] {
    return [...this.book.namedRanges.keys()].map((name) => asReal<NamedRange>(new FakeNamedRange(this.env, name)));
  }
  removeNamedRange(name: string): void {
    if (!this.book.namedRanges.delete(name)) throw exception(`Named range ${name} not found.`);
  }
}
instrument(FakeSpreadsheet, 'Spreadsheet');

/**
 * Spreadsheet.createTextFinder: only what the add-on uses, finding formula text by regular
 * expression across all tabs; each match is a one-cell range, tabs in order, rows then columns.
 */
export class FakeTextFinder {
  readonly ctx: FakeContext;
  private regex = false;
  private formulas = false;
  private caseSensitive = false;
  constructor(private readonly env: SpreadsheetEnv, private readonly text: string) {
    this.ctx = env.ctx;
  }
  useRegularExpression(use: boolean): TextFinder {
    this.regex = use;
    return asReal<TextFinder>(this);
  }
  matchFormulaText(match: boolean): TextFinder {
    this.formulas = match;
    return asReal<TextFinder>(this);
  }
  matchCase(match: boolean): TextFinder {
    this.caseSensitive = match;
    return asReal<TextFinder>(this);
  }
  findAll(): Range[] {
    if (!this.formulas) throw notModelled('createTextFinder on displayed values');
    const flags = this.caseSensitive ? '' : 'i';
    const pattern = this.regex ? new RegExp(this.text, flags) : new RegExp(this.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
    const found: Range[] = [];
    for (const sheet of this.env.book.sheets) {
      sheet.rows.forEach((row, r) => row?.forEach((cell, c) => {
        if (cell?.formula && pattern.test(cell.formula)) {
          found.push(asReal<Range>(FakeRange.checked(this.env, sheet, { row: r + 1, column: c + 1, numRows: 1, numColumns: 1 })));
        }
      }));
    }
    return found;
  }
}
instrument(FakeTextFinder, 'TextFinder');
void (null as unknown as FakeSpreadsheet satisfies RealPart<FakeSpreadsheet, Spreadsheet>);

export class FakeNamedRange {
  readonly ctx: FakeContext;
  constructor(
    private readonly env: SpreadsheetEnv,
    private name: string,
  ) {
    this.ctx = env.ctx;
  }
  private ref(): RangeRef {
    const ref = this.env.book.namedRanges.get(this.name);
    if (!ref) throw exception(`Named range ${this.name} not found.`);
    return ref;
  }
  getName(): string {
    return this.name;
  }
  getRange(): Range {
    return this.env.rangeOf(this.ref());
  }
  setRange(range: Range): NamedRange {
    this.ref();
    this.env.book.namedRanges.set(this.name, { ...this.env.refOf(range, 'SpreadsheetApp.NamedRange.setRange') });
    return asReal<NamedRange>(this);
  }
  setName(name: string): NamedRange {
    const ref = this.ref();
    if (this.env.book.namedRanges.has(name)) throw exception(`A named range with the name ${name} already exists.`);
    this.env.book.namedRanges.delete(this.name);
    this.env.book.namedRanges.set(name, ref);
    this.name = name;
    return asReal<NamedRange>(this);
  }
  remove(): void {
    this.ref();
    this.env.book.namedRanges.delete(this.name);
  }
}
instrument(FakeNamedRange, 'NamedRange');
void (null as unknown as FakeNamedRange satisfies RealPart<FakeNamedRange, NamedRange>);

// ---------------------------------------------------------------------------------------------
// Sheet

export class FakeSheet {
  readonly ctx: FakeContext;
  constructor(
    private readonly env: SpreadsheetEnv,
    readonly model: SheetModel,
  ) {
    this.ctx = env.ctx;
  }
  faultSheetName(): string {
    return this.model.name;
  }
  assertUsable(): void {
    if (this.model.deleted) throw exception(`The sheet ${this.model.name} has been deleted.`);
  }
  assertCanWrite(iface: string, method: string): void {
    assertMayWrite(this.env, this.model, iface, method);
  }
  private self(): Sheet {
    return asReal<Sheet>(this);
  }
  private range(rect: GridRect): Range {
    return asReal<Range>(FakeRange.checked(this.env, this.model, rect));
  }

  getName(): string {
    return this.model.name;
  }
  getSheetName(): string {
    return this.model.name;
  }
  setName(name: string): Sheet {
    if (typeof name !== 'string' || name.trim() === '') throw notModelled('a blank sheet name');
    assertNameFree(this.env.book, name, this.model);
    this.model.name = name;
    return this.self();
  }
  getSheetId(): number {
    return this.model.sheetId;
  }
  /** 1-based position among the tabs. */
  getIndex(): number {
    return this.env.book.sheets.indexOf(this.model) + 1;
  }
  getParent(): Spreadsheet {
    return asReal<Spreadsheet>(new FakeSpreadsheet(this.env));
  }
  getMaxRows(): number {
    return this.model.maxRows;
  }
  getMaxColumns(): number {
    return this.model.maxColumns;
  }
  getLastRow(): number {
    return lastRowOf(this.model);
  }
  getLastColumn(): number {
    return lastColumnOf(this.model);
  }
  /** A1 to the last row and column with content; A1 alone on an empty sheet. */
  getDataRange(): Range {
    return this.range({ row: 1, column: 1, numRows: Math.max(1, lastRowOf(this.model)), numColumns: Math.max(1, lastColumnOf(this.model)) });
  }
  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): Range {
    if (typeof rowOrA1 === 'string' && column === undefined) {
      if (splitSheetA1(rowOrA1).sheetName !== undefined) throw notModelled('Sheet.getRange with a sheet name; use Spreadsheet.getRange');
      return this.range(parseA1(rowOrA1, this.model.maxRows, this.model.maxColumns));
    }
    if (column === undefined) throw exception(`The parameters (${describeArg(rowOrA1)}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`);
    return this.range({
      row: int(rowOrA1),
      column: int(column),
      numRows: numRows === undefined ? 1 : int(numRows),
      numColumns: numColumns === undefined ? 1 : int(numColumns),
    });
  }

  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    const after = int(afterPosition);
    const n = int(howMany);
    if (after < 1 || after > this.model.maxRows) throw exception('Those rows are out of bounds.');
    if (n < 1) throw exception('Invalid argument: howMany');
    assertGridRoom(this.env.book, n * this.model.maxColumns);
    if (this.model.rows.length > after) this.model.rows.splice(after, 0, ...new Array<undefined>(n));
    this.model.maxRows += n;
    return this.self();
  }
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    const after = int(afterPosition);
    const n = int(howMany);
    if (after < 1 || after > this.model.maxColumns) throw exception('Those columns are out of bounds.');
    if (n < 1) throw exception('Invalid argument: howMany');
    assertGridRoom(this.env.book, n * this.model.maxRows);
    for (const line of this.model.rows) if (line && line.length > after) line.splice(after, 0, ...new Array<Cell | undefined>(n));
    this.model.maxColumns += n;
    return this.self();
  }
  deleteRows(rowPosition: number, howMany: number): void {
    const start = int(rowPosition);
    const n = int(howMany);
    if (start < 1 || n < 1 || start + n - 1 > this.model.maxRows) throw exception('Those rows are out of bounds.');
    if (this.model.maxRows - n <= this.model.frozenRows) throw exception('Sorry, it is not possible to delete all non-frozen rows.');
    this.model.rows.splice(start - 1, n);
    this.model.maxRows -= n;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    const start = int(columnPosition);
    const n = int(howMany);
    if (start < 1 || n < 1 || start + n - 1 > this.model.maxColumns) throw exception('Those columns are out of bounds.');
    if (this.model.maxColumns - n <= this.model.frozenColumns) throw exception('Sorry, it is not possible to delete all non-frozen columns.');
    for (const line of this.model.rows) line?.splice(start - 1, n);
    this.model.maxColumns -= n;
  }
  /** Writes after the last row with content, growing the sheet by a row when it is full. */
  appendRow(rowContents: unknown[]): Sheet {
    if (!Array.isArray(rowContents)) throw exception(`The parameters (${describeArg(rowContents)}) don't match the method signature for SpreadsheetApp.Sheet.appendRow.`);
    const row = lastRowOf(this.model) + 1;
    const cells = rowContents.map((v, j) => cellFromInput(v, cellAt(this.model, row, j + 1)?.numberFormat, `appendRow column ${j + 1}`));
    const rows = Math.max(row, this.model.maxRows);
    const columns = Math.max(cells.length, this.model.maxColumns);
    assertGridRoom(this.env.book, rows * columns - this.model.maxRows * this.model.maxColumns);
    this.model.maxRows = rows;
    this.model.maxColumns = columns;
    cells.forEach((written, j) => putCell(this.model, row, j + 1, mergeWritten(cellAt(this.model, row, j + 1), written)));
    this.ctx.countWritten(cells.length);
    return this.self();
  }

  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): Sheet {
    clearRect(this.model, { row: 1, column: 1, numRows: this.model.maxRows, numColumns: this.model.maxColumns }, {
      contents: !options?.formatOnly,
      formats: !options?.contentsOnly,
    });
    return this.self();
  }
  clearContents(): Sheet {
    return this.clear({ contentsOnly: true });
  }
  clearFormats(): Sheet {
    return this.clear({ formatOnly: true });
  }

  getFrozenRows(): number {
    return this.model.frozenRows;
  }
  setFrozenRows(rows: number): void {
    const n = int(rows);
    if (n < 0 || n >= this.model.maxRows) throw notModelled(`freezing ${n} of ${this.model.maxRows} rows`);
    this.model.frozenRows = n;
  }
  getFrozenColumns(): number {
    return this.model.frozenColumns;
  }
  setFrozenColumns(columns: number): void {
    const n = int(columns);
    if (n < 0 || n >= this.model.maxColumns) throw notModelled(`freezing ${n} of ${this.model.maxColumns} columns`);
    this.model.frozenColumns = n;
  }

  getColumnWidth(columnPosition: number): number {
    return this.model.columnWidths.get(this.column(columnPosition)) ?? DEFAULT_COLUMN_WIDTH;
  }
  setColumnWidth(columnPosition: number, width: number): Sheet {
    this.model.columnWidths.set(this.column(columnPosition), this.width(width));
    return this.self();
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    const start = this.column(startColumn);
    const n = int(numColumns);
    if (n < 1 || start + n - 1 > this.model.maxColumns) throw exception('Those columns are out of bounds.');
    const w = this.width(width);
    for (let c = start; c < start + n; c++) this.model.columnWidths.set(c, w);
    return this.self();
  }
  /** The fake's estimate of a fitted width: 7 px per character of the longest text, plus padding. */
  autoResizeColumns(startColumn: number, numColumns: number): Sheet {
    const start = this.column(startColumn);
    const n = int(numColumns);
    if (n < 1 || start + n - 1 > this.model.maxColumns) throw exception('Those columns are out of bounds.');
    for (let c = start; c < start + n; c++) {
      let longest = 0;
      for (const line of this.model.rows) {
        const cell = line?.[c - 1];
        if (cell && hasContent(cell)) longest = Math.max(longest, String(cell.formula ?? cell.value).length);
      }
      this.model.columnWidths.set(c, Math.max(21, longest * 7 + 10));
    }
    return this.self();
  }
  autoResizeColumn(columnPosition: number): Sheet {
    return this.autoResizeColumns(columnPosition, 1);
  }
  private column(position: unknown): number {
    const c = int(position);
    if (c < 1 || c > this.model.maxColumns) throw exception('Those columns are out of bounds.');
    return c;
  }
  private width(width: unknown): number {
    const w = int(width);
    if (w < 0) throw exception('Invalid argument: width');
    return w;
  }

  isSheetHidden(): boolean {
    return this.model.hidden;
  }
  hideSheet(): Sheet {
    if (!this.model.hidden && this.env.book.sheets.filter((s) => !s.hidden).length === 1) {
      throw exception("You can't hide all the sheets in a document.");
    }
    this.model.hidden = true;
    if (this.env.book.active === this.model) this.env.book.active = this.env.book.sheets.find((s) => !s.hidden) ?? this.model;
    return this.self();
  }
  showSheet(): Sheet {
    this.model.hidden = false;
    return this.self();
  }
  /** Makes the sheet active; an active sheet is visible. */
  activate(): Sheet {
    this.model.hidden = false;
    this.env.book.active = this.model;
    return this.self();
  }

  /** Returns the existing sheet protection when there is one, as the real `protect()` does. */
  protect(): Protection {
    // The new protection lists the people who can edit the file; the fake knows the owner and the
    // effective user (or the group through which they edit).
    const editors = [...new Set([this.env.book.ownerEmail, this.env.users.viaGroup ?? this.env.users.effective])];
    this.model.protection ??= { description: '', warningOnly: false, editors, domainEdit: false };
    return asReal<Protection>(new FakeProtection(this.env, this.model));
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): Protection[] {
    const t = String(type);
    if (t === 'RANGE') return [];
    if (t !== 'SHEET') throw exception(`The parameters (${describeArg(type)}) don't match the method signature for SpreadsheetApp.Sheet.getProtections.`);
    return this.model.protection ? [asReal<Protection>(new FakeProtection(this.env, this.model))] : [];
  }

  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    return asReal<GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder>(new FakeEmbeddedChartBuilder(this.env, this.model, emptyChartConfig(), null));
  }
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    return this.model.charts.map((c) => asReal<GoogleAppsScript.Spreadsheet.EmbeddedChart>(new FakeEmbeddedChart(this.env, this.model, copyConfig(c), c.chartId)));
  }
  /**
   * Stores a copy under a new id. The chart object passed in keeps `getChartId() === null`:
   * read the id back through `getCharts()`.
   */
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const fake = unwrap<FakeEmbeddedChart>(chart, 'EmbeddedChart', 'SpreadsheetApp.Sheet.insertChart');
    if (fake.chartId !== null) throw notModelled('inserting a chart that is already in a sheet; use updateChart');
    if (fake.config.type === null) throw notModelled('a chart without setChartType');
    this.assertAnchorInGrid(fake.config.position);
    this.model.charts.push({ ...copyConfig(fake.config), chartId: this.env.book.nextChartId++ });
  }
  /** Replaces the stored chart with the same id. */
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const fake = unwrap<FakeEmbeddedChart>(chart, 'EmbeddedChart', 'SpreadsheetApp.Sheet.updateChart');
    const i = this.model.charts.findIndex((c) => c.chartId === fake.chartId);
    if (fake.chartId === null || i < 0) throw exception(`The chart with id ${fake.chartId} is not on the sheet ${this.model.name}.`);
    this.assertAnchorInGrid(fake.config.position);
    this.model.charts[i] = { ...copyConfig(fake.config), chartId: fake.chartId };
  }
  /** A chart anchored past the sheet's last row or column: Google does not say what happens. */
  private assertAnchorInGrid(p: { row: number; column: number }): void {
    if (p.row > this.model.maxRows || p.column > this.model.maxColumns) {
      throw undocumented(`a chart anchored at row ${p.row}, column ${p.column} of a ${this.model.maxRows} x ${this.model.maxColumns} sheet`);
    }
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const fake = unwrap<FakeEmbeddedChart>(chart, 'EmbeddedChart', 'SpreadsheetApp.Sheet.removeChart');
    const i = this.model.charts.findIndex((c) => c.chartId === fake.chartId);
    if (fake.chartId === null || i < 0) throw exception(`The chart with id ${fake.chartId} is not on the sheet ${this.model.name}.`);
    this.model.charts.splice(i, 1);
  }
}
instrument(FakeSheet, 'Sheet');
void (null as unknown as FakeSheet satisfies RealPart<FakeSheet, Sheet>);

// ---------------------------------------------------------------------------------------------
// Protection

export class FakeProtection {
  readonly ctx: FakeContext;
  constructor(
    private readonly env: SpreadsheetEnv,
    private readonly sheet: SheetModel,
  ) {
    this.ctx = env.ctx;
  }
  private state(): ProtectionModel {
    if (!this.sheet.protection) throw exception('The protection has been removed.');
    return this.sheet.protection;
  }
  /** Only someone who may edit the protected tab may change or remove its protection. */
  assertCanWrite(iface: string, method: string): void {
    if (isSpreadsheetWriteMethod(iface, method) && !mayEdit(this.env, this.sheet)) throw exception(PROTECTED_MESSAGE);
  }
  private self(): Protection {
    return asReal<Protection>(this);
  }
  private email(user: unknown): string {
    if (typeof user === 'string') return user;
    return unwrap<FakeUser>(user, 'User', 'SpreadsheetApp.Protection.addEditor').getEmail();
  }
  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return 'SHEET' as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
  }
  getRange(): Range {
    return this.env.rangeOf({ sheet: this.sheet, row: 1, column: 1, numRows: this.sheet.maxRows, numColumns: this.sheet.maxColumns });
  }
  getDescription(): string {
    return this.state().description;
  }
  setDescription(description: string): Protection {
    this.state().description = String(description);
    return this.self();
  }
  isWarningOnly(): boolean {
    return this.state().warningOnly;
  }
  setWarningOnly(warningOnly: boolean): Protection {
    this.state().warningOnly = Boolean(warningOnly);
    return this.self();
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    return this.state().editors.map((e) => asReal<GoogleAppsScript.Base.User>(new FakeUser(this.ctx, e)));
  }
  addEditor(emailAddress: string | GoogleAppsScript.Base.User): Protection {
    const email = this.email(emailAddress);
    if (!this.state().editors.includes(email)) this.state().editors.push(email);
    return this.self();
  }
  addEditors(emailAddresses: string[]): Protection {
    for (const e of emailAddresses) this.addEditor(e);
    return this.self();
  }
  /**
   * The owner always stays an editor, and so does the user running the script (Google's `protect()`
   * sample adds them before removing everyone). Removing the group through which that user edits,
   * when they are not an editor in their own name, throws, as the sample warns; the message is the
   * fake's own.
   */
  removeEditor(emailAddress: string | GoogleAppsScript.Base.User): Protection {
    const email = this.email(emailAddress);
    const { effective, viaGroup } = this.env.users;
    if (email === this.env.book.ownerEmail || email === effective) return this.self();
    if (email === viaGroup && !this.state().editors.includes(effective)) {
      throw exception(`Removing ${email} would remove your own access to edit this protected range (fake's message; Google's sample says this throws).`);
    }
    this.state().editors = this.state().editors.filter((e) => e !== email);
    return this.self();
  }
  removeEditors(emailAddresses: (string | GoogleAppsScript.Base.User)[]): Protection {
    for (const e of emailAddresses) this.removeEditor(e);
    return this.self();
  }
  canDomainEdit(): boolean {
    return this.state().domainEdit;
  }
  setDomainEdit(editable: boolean): Protection {
    this.state().domainEdit = Boolean(editable);
    return this.self();
  }
  /** Whether the effective user may edit: owner, listed editor, or a warning-only protection. */
  canEdit(): boolean {
    this.state();
    return mayEdit(this.env, this.sheet);
  }
  remove(): void {
    this.state();
    delete this.sheet.protection;
  }
}
instrument(FakeProtection, 'Protection');
void (null as unknown as FakeProtection satisfies RealPart<FakeProtection, Protection>);

// ---------------------------------------------------------------------------------------------
// Range

/**
 * What a cell reads back as. A custom function's cell shows its last result for its current
 * formula text; before `fake.recalculate()` has computed it, reading it is refused (Sheets would
 * show "Loading..." for a while, and when is not documented).
 */
export function readCell(env: SpreadsheetEnv, sheet: SheetModel, cell: Cell | undefined, row: number, column: number): CellValue {
  if (!cell) return '';
  if (cell.formula === undefined) return copyValue(cell.value);
  const called = calledFunction(cell.formula);
  if (called !== null && env.customFunctionNames.has(called)) {
    if (cell.computed?.formula === cell.formula) return copyValue(cell.computed.value);
    throw undocumented(`reading ${sheet.name}!${a1Notation({ row, column, numRows: 1, numColumns: 1 })} (${cell.formula}) before Sheets calculated it: call fake.recalculate() first`);
  }
  return env.evaluateFormula(cell.formula, { sheetName: sheet.name, row, column });
}

/** A written value merged into the cell's formatting. */
export function mergeWritten(old: Cell | undefined, written: Pick<Cell, 'value' | 'formula'>): Cell {
  const cell: Cell = { ...old, value: written.value };
  if (written.formula === undefined) delete cell.formula;
  else cell.formula = written.formula;
  return cell;
}

function clearRect(sheet: SheetModel, rect: GridRect, what: { contents: boolean; formats: boolean }): void {
  const lastRow = Math.min(rect.row + rect.numRows - 1, sheet.rows.length);
  for (let r = rect.row; r <= lastRow; r++) {
    for (let c = rect.column; c < rect.column + rect.numColumns; c++) {
      const cell = cellAt(sheet, r, c);
      if (!cell) continue;
      const next: Cell = { ...cell };
      if (what.contents) {
        next.value = '';
        delete next.formula;
      }
      if (what.formats) {
        delete next.numberFormat;
        delete next.fontWeight;
        delete next.background;
      }
      putCell(sheet, r, c, next);
    }
  }
}

function checkShape(values: unknown, rect: GridRect, method: string): asserts values is unknown[][] {
  if (!Array.isArray(values) || values.some((row) => !Array.isArray(row))) {
    throw exception(`The parameters (${describeArg(values)}) don't match the method signature for SpreadsheetApp.Range.${method}.`);
  }
  if (values.length !== rect.numRows) {
    throw exception(`The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${rect.numRows}.`);
  }
  const bad = (values as unknown[][]).find((row) => row.length !== rect.numColumns);
  if (bad) {
    throw exception(`The number of columns in the data does not match the number of columns in the range. The data has ${bad.length} but the range has ${rect.numColumns}.`);
  }
}

const FONT_WEIGHTS = new Set(['bold', 'normal']);

export class FakeRange {
  readonly ctx: FakeContext;
  private constructor(
    private readonly env: SpreadsheetEnv,
    private readonly sheet: SheetModel,
    private readonly rect: GridRect,
  ) {
    this.ctx = env.ctx;
  }

  /** A range within the sheet's current size, with the real argument checks. */
  static checked(env: SpreadsheetEnv, sheet: SheetModel, rect: GridRect): FakeRange {
    if (rect.row < 1) throw exception('The starting row of the range is too small.');
    if (rect.column < 1) throw exception('The starting column of the range is too small.');
    if (rect.numRows < 1) throw exception('The number of rows in the range must be at least 1.');
    if (rect.numColumns < 1) throw exception('The number of columns in the range must be at least 1.');
    if (rect.row + rect.numRows - 1 > sheet.maxRows || rect.column + rect.numColumns - 1 > sheet.maxColumns) {
      throw exception('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(env, sheet, { ...rect });
  }
  /** A view over a stored reference (chart ranges, named ranges): no size check. */
  static of(env: SpreadsheetEnv, ref: RangeRef): FakeRange {
    return new FakeRange(env, ref.sheet, { row: ref.row, column: ref.column, numRows: ref.numRows, numColumns: ref.numColumns });
  }

  ref(): RangeRef {
    return { sheet: this.sheet, ...this.rect };
  }
  faultSheetName(): string {
    return this.sheet.name;
  }
  assertUsable(): void {
    if (this.sheet.deleted) throw exception(`The sheet ${this.sheet.name} has been deleted.`);
  }
  assertCanWrite(iface: string, method: string): void {
    assertMayWrite(this.env, this.sheet, iface, method);
  }
  private self(): Range {
    return asReal<Range>(this);
  }
  private get cellCount(): number {
    return this.rect.numRows * this.rect.numColumns;
  }
  /** Maps every cell of the range, row by row; counts the cells read. */
  private read<T>(fn: (cell: Cell | undefined, row: number, column: number) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < this.rect.numRows; i++) {
      const line: T[] = [];
      const r = this.rect.row + i;
      for (let j = 0; j < this.rect.numColumns; j++) line.push(fn(cellAt(this.sheet, r, this.rect.column + j), r, this.rect.column + j));
      out.push(line);
    }
    this.ctx.countRead(this.cellCount);
    return out;
  }
  /** Rewrites every cell of the range; counts the cells written. */
  private write(fn: (old: Cell | undefined, i: number, j: number) => Cell | undefined): void {
    for (let i = 0; i < this.rect.numRows; i++) {
      for (let j = 0; j < this.rect.numColumns; j++) {
        const r = this.rect.row + i;
        const c = this.rect.column + j;
        putCell(this.sheet, r, c, fn(cellAt(this.sheet, r, c), i, j));
      }
    }
    this.ctx.countWritten(this.cellCount);
  }
  private cellValue(cell: Cell | undefined, row: number, column: number): CellValue {
    return readCell(this.env, this.sheet, cell, row, column);
  }
  private where(i = 0, j = 0): string {
    return `${this.sheet.name}!${a1Notation({ row: this.rect.row + i, column: this.rect.column + j, numRows: 1, numColumns: 1 })}`;
  }

  // Position
  getSheet(): Sheet {
    return asReal<Sheet>(new FakeSheet(this.env, this.sheet));
  }
  getRow(): number {
    return this.rect.row;
  }
  getColumn(): number {
    return this.rect.column;
  }
  getLastRow(): number {
    return this.rect.row + this.rect.numRows - 1;
  }
  getLastColumn(): number {
    return this.rect.column + this.rect.numColumns - 1;
  }
  getNumRows(): number {
    return this.rect.numRows;
  }
  getNumColumns(): number {
    return this.rect.numColumns;
  }
  getA1Notation(): string {
    return a1Notation(this.rect);
  }
  /** Row and column are 1-based within this range. */
  getCell(row: number, column: number): Range {
    const r = int(row);
    const c = int(column);
    if (r < 1 || c < 1 || r > this.rect.numRows || c > this.rect.numColumns) throw exception('Cell reference out of range');
    return asReal<Range>(FakeRange.checked(this.env, this.sheet, { row: this.rect.row + r - 1, column: this.rect.column + c - 1, numRows: 1, numColumns: 1 }));
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    return asReal<Range>(
      FakeRange.checked(this.env, this.sheet, {
        row: this.rect.row + int(rowOffset),
        column: this.rect.column + int(columnOffset),
        numRows: numRows === undefined ? this.rect.numRows : int(numRows),
        numColumns: numColumns === undefined ? this.rect.numColumns : int(numColumns),
      }),
    );
  }
  activate(): Range {
    this.sheet.hidden = false;
    this.env.book.active = this.sheet;
    return this.self();
  }

  // Values
  /** A fresh copy each time: blanks are '', dates are new Date objects. */
  getValues(): unknown[][] {
    const values = this.read((cell, r, c) => this.cellValue(cell, r, c));
    this.ctx.countChars(values);
    return values;
  }
  getValue(): unknown {
    this.ctx.countRead(1);
    return this.cellValue(cellAt(this.sheet, this.rect.row, this.rect.column), this.rect.row, this.rect.column);
  }
  getDisplayValues(): string[][] {
    const ctx = { timeZone: this.env.book.timeZone, locale: this.env.book.locale };
    return this.read((cell, r, c) => displayText(this.cellValue(cell, r, c), cell?.numberFormat, ctx));
  }
  getDisplayValue(): string {
    this.ctx.countRead(1);
    const cell = cellAt(this.sheet, this.rect.row, this.rect.column);
    const value = this.cellValue(cell, this.rect.row, this.rect.column);
    return displayText(value, cell?.numberFormat, { timeZone: this.env.book.timeZone, locale: this.env.book.locale });
  }
  isBlank(): boolean {
    return this.read((cell) => hasContent(cell)).every((line) => line.every((has) => !has));
  }
  /** Throws with the real messages when the array's shape differs from the range's. */
  setValues(values: unknown[][]): Range {
    checkShape(values, this.rect, 'setValues');
    this.ctx.countChars(values);
    // Parse every cell before writing any, so a refused value leaves the sheet unchanged.
    const cells = values.map((line, i) => line.map((v, j) => cellFromInput(v, cellAt(this.sheet, this.rect.row + i, this.rect.column + j)?.numberFormat, this.where(i, j))));
    this.write((old, i, j) => mergeWritten(old, cells[i][j]));
    return this.self();
  }
  /** Sets every cell of the range to the value. */
  setValue(value: unknown): Range {
    const written = Array.from({ length: this.rect.numRows }, (_, i) =>
      Array.from({ length: this.rect.numColumns }, (_, j) => cellFromInput(value, cellAt(this.sheet, this.rect.row + i, this.rect.column + j)?.numberFormat, this.where(i, j))),
    );
    this.write((old, i, j) => mergeWritten(old, written[i][j]));
    return this.self();
  }

  // Formulas
  /** The formula of each cell, '' where there is none. */
  getFormulas(): string[][] {
    return this.read((cell) => cell?.formula ?? '');
  }
  getFormula(): string {
    this.ctx.countRead(1);
    return cellAt(this.sheet, this.rect.row, this.rect.column)?.formula ?? '';
  }
  setFormula(formula: string): Range {
    if (typeof formula !== 'string' || !formula.startsWith('=')) throw notModelled(`setFormula(${JSON.stringify(formula)}) without a leading "="`);
    if (formula.length > CELL_MAX_CHARS) throw exception(CELL_TOO_LONG_MESSAGE);
    this.write((old) => mergeWritten(old, { value: '', formula }));
    return this.self();
  }
  setFormulas(formulas: string[][]): Range {
    checkShape(formulas, this.rect, 'setFormulas');
    for (const line of formulas) for (const f of line) if (typeof f !== 'string' || (f !== '' && !f.startsWith('='))) throw notModelled(`setFormulas with ${JSON.stringify(f)}`);
    if (formulas.some((line) => line.some((f) => f.length > CELL_MAX_CHARS))) throw exception(CELL_TOO_LONG_MESSAGE);
    this.write((old, i, j) => (formulas[i][j] === '' ? mergeWritten(old, { value: '' }) : mergeWritten(old, { value: '', formula: formulas[i][j] })));
    return this.self();
  }

  // Formats
  getNumberFormats(): string[][] {
    return this.read((cell) => cell?.numberFormat ?? DEFAULT_NUMBER_FORMAT);
  }
  getNumberFormat(): string {
    this.ctx.countRead(1);
    return cellAt(this.sheet, this.rect.row, this.rect.column)?.numberFormat ?? DEFAULT_NUMBER_FORMAT;
  }
  setNumberFormat(numberFormat: string): Range {
    const f = String(numberFormat);
    this.write((old) => ({ ...(old ?? { value: '' }), numberFormat: f }));
    return this.self();
  }
  setNumberFormats(numberFormats: string[][]): Range {
    checkShape(numberFormats, this.rect, 'setNumberFormats');
    this.ctx.countChars(numberFormats);
    this.write((old, i, j) => ({ ...(old ?? { value: '' }), numberFormat: String(numberFormats[i][j]) }));
    return this.self();
  }
  getFontWeights(): FontWeight[][] {
    return this.read((cell) => cell?.fontWeight ?? 'normal');
  }
  getFontWeight(): FontWeight {
    this.ctx.countRead(1);
    return cellAt(this.sheet, this.rect.row, this.rect.column)?.fontWeight ?? 'normal';
  }
  /** 'bold', 'normal', or null to reset. */
  setFontWeight(fontWeight: string | null): Range {
    const w = fontWeight === null ? 'normal' : String(fontWeight);
    if (!FONT_WEIGHTS.has(w)) throw exception(`Invalid argument: fontWeight`);
    this.write((old) => withFontWeight(old, w));
    return this.self();
  }
  setFontWeights(fontWeights: (string | null)[][]): Range {
    checkShape(fontWeights, this.rect, 'setFontWeights');
    this.ctx.countChars(fontWeights);
    const weights = fontWeights.map((line) => line.map((w) => (w === null ? 'normal' : String(w))));
    if (weights.some((line) => line.some((w) => !FONT_WEIGHTS.has(w)))) throw exception(`Invalid argument: fontWeights`);
    this.write((old, i, j) => withFontWeight(old, weights[i][j]));
    return this.self();
  }
  getBackground(): string {
    this.ctx.countRead(1);
    return cellAt(this.sheet, this.rect.row, this.rect.column)?.background ?? DEFAULT_BACKGROUND;
  }
  getBackgrounds(): string[][] {
    return this.read((cell) => cell?.background ?? DEFAULT_BACKGROUND);
  }
  /** A CSS colour, or null to reset to white. */
  setBackground(color: string | null): Range {
    this.write((old) => withBackground(old, color));
    return this.self();
  }
  setBackgrounds(color: (string | null)[][]): Range {
    checkShape(color, this.rect, 'setBackgrounds');
    this.write((old, i, j) => withBackground(old, color[i][j]));
    return this.self();
  }

  /**
   * Copies values, formulas and formats (or only contents / only formats). The destination is
   * its top-left cell or a range of the same size; a formula moved to another position would have
   * its relative references shifted, which the fake does not model, so that throws.
   */
  copyTo(destination: Range, options?: unknown, transposed?: unknown): void {
    if (transposed !== undefined || (options !== undefined && (typeof options !== 'object' || options === null))) {
      throw notModelled('Range.copyTo with a CopyPasteType');
    }
    const opts = (options ?? {}) as { contentsOnly?: boolean; formatOnly?: boolean };
    const to = this.env.refOf(destination, 'SpreadsheetApp.Range.copyTo');
    const single = to.numRows === 1 && to.numColumns === 1;
    if (!single && (to.numRows !== this.rect.numRows || to.numColumns !== this.rect.numColumns)) {
      throw notModelled(`Range.copyTo into a ${to.numRows}x${to.numColumns} range from a ${this.rect.numRows}x${this.rect.numColumns} one`);
    }
    const target = FakeRange.checked(this.env, to.sheet, { row: to.row, column: to.column, numRows: this.rect.numRows, numColumns: this.rect.numColumns });
    const moved = to.row !== this.rect.row || to.column !== this.rect.column;
    const source = this.read((cell) => (cell ? { ...cell } : undefined));
    if (moved && !opts.formatOnly && source.some((line) => line.some((cell) => cell?.formula !== undefined))) {
      throw notModelled('Range.copyTo of formulas to another position (relative references would shift)');
    }
    target.write((old, i, j) => {
      const from = source[i][j];
      if (!opts.contentsOnly && !opts.formatOnly) return from ? { ...from } : undefined;
      const next: Cell = { ...(old ?? { value: '' }) };
      if (opts.contentsOnly) {
        next.value = from?.value ?? '';
        if (from?.formula !== undefined) next.formula = from.formula;
        else delete next.formula;
      } else {
        delete next.numberFormat;
        delete next.fontWeight;
        delete next.background;
        if (from?.numberFormat) next.numberFormat = from.numberFormat;
        if (from?.fontWeight) next.fontWeight = from.fontWeight;
        if (from?.background) next.background = from.background;
      }
      return next;
    });
  }

  // Clearing
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): Range {
    clearRect(this.sheet, this.rect, { contents: !options?.formatOnly, formats: !options?.contentsOnly });
    this.ctx.countWritten(this.cellCount);
    return this.self();
  }
  clearContent(): Range {
    return this.clear({ contentsOnly: true });
  }
  clearFormat(): Range {
    return this.clear({ formatOnly: true });
  }
}
instrument(FakeRange, 'Range');
void (null as unknown as FakeRange satisfies RealPart<FakeRange, Range>);

function withFontWeight(old: Cell | undefined, weight: string): Cell {
  const cell: Cell = { ...(old ?? { value: '' }) };
  if (weight === 'bold') cell.fontWeight = 'bold';
  else delete cell.fontWeight;
  return cell;
}

function withBackground(old: Cell | undefined, color: string | null): Cell {
  const cell: Cell = { ...(old ?? { value: '' }) };
  const c = color === null ? null : String(color).toLowerCase();
  if (c === null || c === DEFAULT_BACKGROUND || c === 'white') delete cell.background;
  else cell.background = c;
  return cell;
}

/** True for objects made by these fakes (for tests that check what they were handed). */
export const isFake = (value: unknown): boolean => typeof value === 'object' && value !== null && FAKE_KIND in value;

/**
 * @fileoverview The one entry point to the Apps Script fakes: `createFakeAppsScript()` builds a
 * spreadsheet and every service over it, with the instrumentation tests need (call and cell
 * counters, fault injection, auth modes, other executions holding locks, a snapshot of the file)
 * and `install()` to put the services on a global object (globalThis or a `node:vm` context).
 */
import { FakeCharts, CHART_TYPES } from './charts';
import { AppsScriptException, FakeClock, FakeContext, asReal, exception, type AuthModeName, type CallRecord, type LockKind } from './core';
import type { AlertRecord, BookModel, CustomOutcome, DialogRecord, FormulaSite, MenuRecord, SheetModel, SpreadsheetEnv, ToastRecord, UiState, Users } from './model';
import { Recalculation, type CustomFunction, type RecalcOptions, type RecalcReport } from './recalculation';
import {
  FakeCacheService,
  FakeHtmlService,
  FakeLockService,
  FakeLogger,
  FakePropertiesService,
  FakeScriptApp,
  FakeSession,
  FakeUtilities,
  type CacheStores,
  type PropertyStores,
} from './services';
import {
  DEFAULT_COLUMN_WIDTH, DEFAULT_MAX_COLUMNS, DEFAULT_MAX_ROWS, FakeRange, FakeSpreadsheet, FakeSpreadsheetApp, GRID_CELL_LIMIT, GRID_LIMIT_MESSAGE,
  attachRangeHelpers, cellAt, gridCells, lastColumnOf, lastRowOf, mergeWritten, newSheetModel, putCell, readCell,
} from './spreadsheet';
import { emptyUiState } from './ui';
import { DEFAULT_BACKGROUND, DEFAULT_NUMBER_FORMAT, a1Notation, cellFromInput, cellFromSeed, parseA1, type CellValue } from './values';

export { AppsScriptException, FakeClock, CHART_TYPES };
export type { CallRecord, AuthModeName, LockKind, AlertRecord, DialogRecord, MenuRecord, ToastRecord, FormulaSite, CellValue, CustomFunction, CustomOutcome, RecalcOptions, RecalcReport };

/** The manifest's zone (appsscript.json): an add-on's script zone, whoever uses it. */
export const MANIFEST_TIME_ZONE = 'Etc/UTC';
/** "Simple triggers ... cannot run for longer than 30 seconds" (Triggers guide, Restrictions). */
export const SIMPLE_TRIGGER_MAX_MS = 30_000;

/** The `e` of an onEdit simple trigger. */
export interface EditEvent {
  authMode: GoogleAppsScript.Script.AuthMode;
  range: GoogleAppsScript.Spreadsheet.Range;
  source: GoogleAppsScript.Spreadsheet.Spreadsheet;
  value?: string;
  oldValue?: string;
}

/** What one simple-trigger execution did, counted on its own. */
export interface TriggerRun {
  ran: boolean;
  error?: Error;
  calls: number;
  cellsRead: number;
  cellsWritten: number;
  /** Time the handler took on the fake clock (lock waits, Utilities.sleep). */
  elapsedMs: number;
}

export interface FakeAppsScriptOptions {
  /** The spreadsheet's time zone (IANA). Default America/New_York. */
  timeZone?: string;
  /** `Session.getScriptTimeZone()`: the manifest's zone, `Etc/UTC`, unless given. */
  scriptTimeZone?: string;
  /** Spreadsheet locale, e.g. en_US (also `Session.getActiveUserLocale()`, as `en`). */
  locale?: string;
  spreadsheetId?: string;
  spreadsheetName?: string;
  /**
   * Tabs in order, as stored values (what `getValues()` returns): strings stay text, nothing is
   * parsed; `null`/'' are blanks. Default: one empty `Sheet1`.
   */
  sheets?: Record<string, unknown[][]>;
  /** Project HTML files by name (`Sidebar` or `Sidebar.html`). */
  htmlFiles?: Record<string, string>;
  authMode?: AuthModeName;
  /** `Session.getActiveUser().getEmail()`: '' by default, as for most add-on users. */
  activeUserEmail?: string;
  /** The user the script runs as; the spreadsheet's owner unless `ownerEmail` says otherwise. */
  effectiveUserEmail?: string;
  /** The spreadsheet's owner; default the effective user. */
  ownerEmail?: string;
  /** The group through which a non-owner effective user edits the file, if not in their own name. */
  effectiveUserGroup?: string;
  /** Custom functions Sheets can call here (the add-on's globals), by name. */
  customFunctions?: Record<string, CustomFunction>;
  /** Simple triggers run by `fake.userEdit` (scripts' own writes never run them). */
  triggers?: { onEdit?: (e: EditEvent) => void };
  /** The script runs outside a containing document: `getDocumentLock()` is null. */
  outsideDocument?: boolean;
  /** Start of the fake clock. Default 2024-01-01T00:00:00Z. */
  startTime?: Date | number;
  /** What a formula cell reads back as; default `'#ERROR!'` (the fake computes no formulas). */
  evaluateFormula?: (formula: string, site: FormulaSite) => CellValue;
}

export interface SheetSnapshot {
  name: string;
  sheetId: number;
  index: number;
  hidden: boolean;
  frozenRows: number;
  frozenColumns: number;
  maxRows: number;
  maxColumns: number;
  /** The data range's values (formula cells as their read-back value); [] for an empty tab. */
  values: unknown[][];
  /** Only cells with something other than the default, by A1. */
  formulas: Record<string, string>;
  numberFormats: Record<string, string>;
  fontWeights: Record<string, string>;
  backgrounds: Record<string, string>;
  columnWidths: Record<number, number>;
  charts: {
    chartId: number;
    type: string | null;
    ranges: string[];
    position: { row: number; column: number; offsetX: number; offsetY: number };
    options: Record<string, unknown>;
  }[];
  protection: { description: string; warningOnly: boolean; editors: string[] } | null;
}

export interface SpreadsheetSnapshot {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  activeSheet: string;
  sheets: SheetSnapshot[];
  namedRanges: Record<string, string>;
}

/** The globals `install()` defines, in Apps Script's names. */
export const GLOBAL_NAMES = ['SpreadsheetApp', 'PropertiesService', 'CacheService', 'LockService', 'HtmlService', 'Utilities', 'Session', 'Charts', 'ScriptApp', 'Logger'] as const;
export type GlobalName = (typeof GLOBAL_NAMES)[number];

export interface FakeAppsScript {
  // The services, typed as the real ones.
  readonly SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  readonly PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  readonly CacheService: GoogleAppsScript.Cache.CacheService;
  readonly LockService: GoogleAppsScript.Lock.LockService;
  readonly HtmlService: GoogleAppsScript.HTML.HtmlService;
  readonly Utilities: GoogleAppsScript.Utilities.Utilities;
  readonly Session: GoogleAppsScript.Base.Session;
  readonly Charts: GoogleAppsScript.Charts.Charts;
  readonly ScriptApp: GoogleAppsScript.Script.ScriptApp;
  readonly Logger: GoogleAppsScript.Base.Logger;
  /** The services by global name, e.g. for `vm.createContext({ ...fake.globals() })`. */
  globals(): Record<GlobalName, unknown>;
  /** Defines the globals on `target`; returns a function that restores what was there. */
  install(target?: object): () => void;

  // Counters (outermost service calls only).
  /** Calls in total and by `Iface.method`, e.g. `byMethod['Range.getValues']`. */
  readonly calls: { total: number; byMethod: Record<string, number> };
  callCount(name: string): number;
  readonly cellsRead: number;
  readonly cellsWritten: number;
  resetCounters(): void;
  /** Logs every outermost call with the cells and characters it moved (off by default: it costs). */
  recordCalls(on: boolean): void;
  readonly callLog: readonly CallRecord[];
  /** Characters moved since the last reset, while calls are recorded. */
  readonly charsMoved: number;

  // Faults
  /** The next spreadsheet write (on `sheetName`, if given) throws; returns a cancel function. */
  failNextWrite(sheetName?: string, error?: Error | string): () => void;
  /** Lets `afterNCalls` calls of `method` ('Range.setValues' or 'setValues') through, then throws once. */
  failOn(method: string, afterNCalls: number, error?: Error | string): () => void;
  clearFaults(): void;

  // Modes and executions
  authMode: AuthModeName;
  /** Runs `fn` as a custom function does: spreadsheet read-only, no Ui. */
  asCustomFunction<T>(fn: () => T): T;
  readonly clock: FakeClock;
  readonly locks: {
    /** Another execution takes the lock; it lets go at `release()` or after `releaseAfterMs` on the fake clock. */
    holdByOtherExecution(kind?: LockKind, options?: { releaseAfterMs?: number }): { release(): void };
    isHeld(kind?: LockKind): boolean;
  };
  /** Runs `fn` as a separate execution (its locks are released when it ends, as in the real service). */
  inOtherExecution<T>(fn: () => T): T;
  /** From now on the script runs as this user (a non-owner editor, possibly through a group). */
  actAs(email: string, options?: { viaGroup?: string }): void;

  // Sheets itself
  /**
   * Sheets' recalculation of custom functions: each cell calling one of `options.customFunctions`
   * runs when its formula text or an argument's value changed since, else keeps the cached result.
   */
  recalculate(options?: RecalcOptions): RecalcReport;
  /** A custom function cell's last outcome (the whole spilled result, or the error message). */
  customOutcome(sheetName: string, a1: string): CustomOutcome | null;
  /**
   * A user types `value` into one cell; then the onEdit simple trigger, if any, runs in `authMode`
   * (LIMITED unless given: "Enum AuthMode"), as its own execution, counted on its own.
   */
  userEdit(sheetName: string, a1: string, value: unknown, options?: { authMode?: 'NONE' | 'LIMITED' }): TriggerRun;
  /** Grid cells of every tab (`getMaxRows() x getMaxColumns()`), against Sheets' 10 million. */
  gridCells(): number;
  /** Ends the current execution: releases its locks and starts a new one. */
  endExecution(): void;

  // What the user saw
  readonly ui: UiState & { menuFunctionNames(): string[]; queueAlertResponse(button: string): void };
  readonly toasts: ToastRecord[];
  /** Lines logged with `Logger.log`. */
  readonly logs: string[];
  /** The `e` of onOpen/onInstall for the current auth mode. */
  openEvent(): { authMode: GoogleAppsScript.Script.AuthMode; source: GoogleAppsScript.Spreadsheet.Spreadsheet };

  // The file
  /** Replaces (or adds) a tab's content, uncounted, as stored values like `options.sheets`. */
  seed(sheetName: string, values: unknown[][]): void;
  snapshot(): SpreadsheetSnapshot;
  readonly propertyStores: PropertyStores;
}

export function createFakeAppsScript(options: FakeAppsScriptOptions = {}): FakeAppsScript {
  const clock = new FakeClock(options.startTime);
  const ctx = new FakeContext(clock);
  ctx.authMode = options.authMode ?? 'FULL';
  const timeZone = options.timeZone ?? 'America/New_York';
  const locale = options.locale ?? 'en_US';
  const effectiveUserEmail = options.effectiveUserEmail ?? 'owner@example.com';
  const users: Users = { effective: effectiveUserEmail, viaGroup: options.effectiveUserGroup ?? null };
  const customFunctions = new Map(Object.entries(options.customFunctions ?? {}).map(([k, f]) => [k.toUpperCase(), f]));

  const seeds = options.sheets ?? { Sheet1: [] };
  if (Object.keys(seeds).length === 0) throw new Error('fake: a spreadsheet needs at least one sheet');
  const book: BookModel = {
    id: options.spreadsheetId ?? 'fake-spreadsheet-id',
    name: options.spreadsheetName ?? 'Untitled spreadsheet',
    timeZone,
    locale,
    sheets: [],
    active: undefined as unknown as SheetModel,
    namedRanges: new Map(),
    toasts: [],
    // The first tab of a new spreadsheet has id 0; the fake numbers the others from 1000.
    nextSheetId: 1000,
    nextChartId: 1,
    ownerEmail: options.ownerEmail ?? effectiveUserEmail,
    customResults: new Map(),
  };
  const fillSheet = (model: SheetModel, values: unknown[][]) => {
    if (!Array.isArray(values) || values.some((r) => !Array.isArray(r))) throw new Error(`fake seed ${model.name}: expected a 2-D array`);
    model.rows = [];
    model.maxRows = Math.max(DEFAULT_MAX_ROWS, values.length);
    model.maxColumns = values.reduce((m, r) => Math.max(m, r.length), DEFAULT_MAX_COLUMNS);
    values.forEach((line, i) => line.forEach((v, j) => putCell(model, i + 1, j + 1, cellFromSeed(v, `${model.name} row ${i + 1} column ${j + 1}`))));
  };
  Object.entries(seeds).forEach(([name, values], i) => {
    const model = newSheetModel(name, i === 0 ? 0 : book.nextSheetId++);
    fillSheet(model, values);
    book.sheets.push(model);
  });
  book.active = book.sheets[0];
  if (gridCells(book) > GRID_CELL_LIMIT) throw new Error(`fake: the seeded tabs take ${gridCells(book)} grid cells; ${GRID_LIMIT_MESSAGE}`);

  const uiState = emptyUiState();
  const env: SpreadsheetEnv = {
    ctx,
    book,
    ui: uiState,
    users,
    customFunctionNames: new Set(customFunctions.keys()),
    evaluateFormula: options.evaluateFormula ?? (() => '#ERROR!'),
    rangeOf: () => {
      throw new Error('unreachable');
    },
    refOf: () => {
      throw new Error('unreachable');
    },
  };
  attachRangeHelpers(env);

  const propertyStores: PropertyStores = { document: new Map(), user: new Map(), script: new Map() };
  const cacheStores: CacheStores = { document: new Map(), user: new Map(), script: new Map() };
  const htmlFiles = new Map(Object.entries(options.htmlFiles ?? {}).map(([k, v]) => [k.replace(/\.html$/, ''), v]));
  const logs: string[] = [];

  const services = {
    SpreadsheetApp: new FakeSpreadsheetApp(env),
    PropertiesService: new FakePropertiesService(ctx, propertyStores),
    CacheService: new FakeCacheService(ctx, cacheStores),
    LockService: new FakeLockService(ctx, !options.outsideDocument),
    HtmlService: new FakeHtmlService(ctx, htmlFiles),
    Utilities: new FakeUtilities(ctx),
    Session: new FakeSession(ctx, {
      activeUserEmail: options.activeUserEmail ?? '',
      users,
      locale: locale.split('_')[0],
      scriptTimeZone: options.scriptTimeZone ?? MANIFEST_TIME_ZONE,
    }),
    Charts: new FakeCharts(ctx),
    ScriptApp: new FakeScriptApp(ctx),
    Logger: new FakeLogger(ctx, logs),
  } satisfies Record<GlobalName, object>;

  const toError = (error: Error | string | undefined, fallback: string) =>
    error instanceof Error ? error : exception(error ?? fallback);
  const transient = `Service Spreadsheets failed while accessing document with id ${book.id}.`;

  const releaseLocksOf = (executionId: number) => {
    for (const [kind, held] of ctx.locks) if (held.holder === executionId) ctx.locks.delete(kind);
  };
  /** Runs `fn` as an execution of its own in `mode`: its locks end with it. */
  const asExecution = <T>(mode: AuthModeName, fn: () => T): T => {
    const before = { mode: ctx.authMode, id: ctx.executionId };
    ctx.authMode = mode;
    ctx.executionId = ctx.newExecutionId();
    try {
      return fn();
    } finally {
      releaseLocksOf(ctx.executionId);
      ctx.authMode = before.mode;
      ctx.executionId = before.id;
    }
  };
  const recalculation = new Recalculation(env, customFunctions, () => services.Session.getScriptTimeZone(), (fn) => asExecution('CUSTOM_FUNCTION', fn));
  const sheetNamed = (name: string) => {
    const sheet = book.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`fake: no tab named ${name}`);
    return sheet;
  };

  const fake: FakeAppsScript = {
    ...(services as unknown as Pick<FakeAppsScript, GlobalName>),
    globals: () => ({ ...services }),
    install(target: object = globalThis) {
      const t = target as Record<string, unknown>;
      const previous = GLOBAL_NAMES.map((name) => [name, Object.getOwnPropertyDescriptor(t, name)] as const);
      for (const name of GLOBAL_NAMES) {
        Object.defineProperty(t, name, { value: services[name], writable: true, configurable: true, enumerable: false });
      }
      return () => {
        for (const [name, descriptor] of previous) {
          if (descriptor) Object.defineProperty(t, name, descriptor);
          else delete t[name];
        }
      };
    },

    get calls() {
      return { total: ctx.calls.total, byMethod: { ...ctx.calls.byMethod } };
    },
    callCount: (name) => ctx.calls.byMethod[name] ?? 0,
    get cellsRead() {
      return ctx.cellsRead;
    },
    get cellsWritten() {
      return ctx.cellsWritten;
    },
    resetCounters: () => ctx.resetCounters(),
    recordCalls(on) {
      ctx.callLog = on ? [] : null;
    },
    get callLog() {
      return ctx.callLog ?? [];
    },
    get charsMoved() {
      return ctx.chars;
    },

    failNextWrite: (sheetName, error) =>
      ctx.addFault({ sheetName, writesOnly: true, skip: 0, error: toError(error, transient) }),
    failOn: (method, afterNCalls, error) => {
      if (!Number.isInteger(afterNCalls) || afterNCalls < 0) throw new Error('fake.failOn: afterNCalls must be an integer >= 0');
      return ctx.addFault({ method, writesOnly: false, skip: afterNCalls, error: toError(error, transient) });
    },
    clearFaults: () => ctx.clearFaults(),

    get authMode() {
      return ctx.authMode;
    },
    set authMode(mode: AuthModeName) {
      ctx.authMode = mode;
    },
    asCustomFunction<T>(fn: () => T): T {
      const before = ctx.authMode;
      ctx.authMode = 'CUSTOM_FUNCTION';
      try {
        return fn();
      } finally {
        ctx.authMode = before;
      }
    },
    clock,
    locks: {
      holdByOtherExecution(kind: LockKind = 'document', opts: { releaseAfterMs?: number } = {}) {
        const current = ctx.locks.get(kind);
        if (current && current.holder === ctx.executionId) throw new Error(`fake: this execution already holds the ${kind} lock`);
        const other = ctx.newExecutionId();
        ctx.locks.set(kind, { holder: other, releaseAt: opts.releaseAfterMs === undefined ? undefined : clock.now() + opts.releaseAfterMs });
        return {
          release() {
            if (ctx.locks.get(kind)?.holder === other) ctx.locks.delete(kind);
          },
        };
      },
      isHeld(kind: LockKind = 'document') {
        const held = ctx.locks.get(kind);
        if (held?.releaseAt !== undefined && held.releaseAt <= clock.now()) {
          ctx.locks.delete(kind);
          return false;
        }
        return held !== undefined;
      },
    },
    inOtherExecution<T>(fn: () => T): T {
      const before = ctx.executionId;
      ctx.executionId = ctx.newExecutionId();
      try {
        return fn();
      } finally {
        releaseLocksOf(ctx.executionId);
        ctx.executionId = before;
      }
    },
    endExecution() {
      releaseLocksOf(ctx.executionId);
      ctx.executionId = ctx.newExecutionId();
    },
    actAs(email, opts = {}) {
      users.effective = email;
      users.viaGroup = opts.viaGroup ?? null;
    },

    recalculate: (opts) => recalculation.recalculate(opts),
    customOutcome: (sheetName, a1) => recalculation.outcomeAt(sheetName, a1),
    userEdit(sheetName, a1, value, opts = {}) {
      const sheet = sheetNamed(sheetName);
      const at = parseA1(a1, sheet.maxRows, sheet.maxColumns);
      if (at.numRows !== 1 || at.numColumns !== 1) throw new Error('fake.userEdit types into one cell');
      const old = cellAt(sheet, at.row, at.column);
      const oldValue = readCell(env, sheet, old, at.row, at.column);
      putCell(sheet, at.row, at.column, mergeWritten(old, cellFromInput(value, old?.numberFormat, `${sheetName}!${a1}`)));
      const handler = options.triggers?.onEdit;
      if (!handler) return { ran: false, calls: 0, cellsRead: 0, cellsWritten: 0, elapsedMs: 0 };
      const mode = opts.authMode ?? 'LIMITED';
      const saved = ctx.saveCounters();
      ctx.resetCounters();
      const started = clock.now();
      let error: Error | undefined;
      try {
        asExecution(mode, () =>
          handler({
            authMode: mode as unknown as GoogleAppsScript.Script.AuthMode,
            range: asReal<GoogleAppsScript.Spreadsheet.Range>(FakeRange.checked(env, sheet, at)),
            source: asReal<GoogleAppsScript.Spreadsheet.Spreadsheet>(new FakeSpreadsheet(env)),
            value: value === null || value === undefined ? undefined : String(value),
            oldValue: oldValue === '' ? undefined : String(oldValue),
          }),
        );
      } catch (e) {
        error = e as Error;
      }
      const elapsedMs = clock.now() - started;
      // The real trigger is stopped at 30 s; the fake can only say so afterwards.
      if (elapsedMs > SIMPLE_TRIGGER_MAX_MS && !error) error = exception('Exceeded maximum execution time');
      const run: TriggerRun = { ran: true, error, calls: ctx.calls.total, cellsRead: ctx.cellsRead, cellsWritten: ctx.cellsWritten, elapsedMs };
      ctx.restoreCounters(saved);
      return run;
    },
    gridCells: () => gridCells(book),

    ui: Object.assign(uiState, {
      menuFunctionNames(): string[] {
        const names: string[] = [];
        const walk = (menu: MenuRecord) => {
          for (const item of menu.items) {
            if (item.functionName) names.push(item.functionName);
            if (item.subMenu) walk(item.subMenu);
          }
        };
        uiState.menus.forEach(walk);
        return names;
      },
      queueAlertResponse(button: string) {
        uiState.alertResponses.push(button);
      },
    }),
    toasts: book.toasts,
    logs,
    openEvent() {
      // Built without a service call: the trigger's event is given, not fetched.
      return {
        authMode: ctx.authMode as unknown as GoogleAppsScript.Script.AuthMode,
        source: asReal<GoogleAppsScript.Spreadsheet.Spreadsheet>(new FakeSpreadsheet(env)),
      };
    },

    seed(sheetName, values) {
      let model = book.sheets.find((s) => s.name === sheetName);
      if (!model) {
        model = newSheetModel(sheetName, book.nextSheetId++);
        book.sheets.push(model);
      }
      fillSheet(model, values);
    },
    snapshot: () => snapshotOf(env),
    propertyStores,
  };
  return fake;
}

/** A cell's value for a snapshot: a custom function not yet calculated shows as Sheets shows it. */
function snapshotValue(env: SpreadsheetEnv, sheet: SheetModel, row: number, column: number): unknown {
  const cell = cellAt(sheet, row, column);
  try {
    return readCell(env, sheet, cell, row, column);
  } catch {
    return 'Loading...';
  }
}

function snapshotOf(env: SpreadsheetEnv): SpreadsheetSnapshot {
  const { book } = env;
  return {
    id: book.id,
    name: book.name,
    timeZone: book.timeZone,
    locale: book.locale,
    activeSheet: book.active.name,
    sheets: book.sheets.map((sheet, i) => {
      const lastRow = lastRowOf(sheet);
      const lastColumn = lastColumnOf(sheet);
      const values: unknown[][] = [];
      for (let r = 1; r <= lastRow; r++) {
        const line: unknown[] = [];
        for (let c = 1; c <= lastColumn; c++) line.push(snapshotValue(env, sheet, r, c));
        values.push(line);
      }
      const formulas: Record<string, string> = {};
      const numberFormats: Record<string, string> = {};
      const fontWeights: Record<string, string> = {};
      const backgrounds: Record<string, string> = {};
      sheet.rows.forEach((line, ri) =>
        line?.forEach((cell, ci) => {
          if (!cell) return;
          const at = a1Notation({ row: ri + 1, column: ci + 1, numRows: 1, numColumns: 1 });
          if (cell.formula !== undefined) formulas[at] = cell.formula;
          if (cell.numberFormat !== undefined && cell.numberFormat !== DEFAULT_NUMBER_FORMAT) numberFormats[at] = cell.numberFormat;
          if (cell.fontWeight) fontWeights[at] = cell.fontWeight;
          if (cell.background && cell.background !== DEFAULT_BACKGROUND) backgrounds[at] = cell.background;
        }),
      );
      const columnWidths: Record<number, number> = {};
      for (const [c, w] of [...sheet.columnWidths].sort((a, b) => a[0] - b[0])) if (w !== DEFAULT_COLUMN_WIDTH) columnWidths[c] = w;
      return {
        name: sheet.name,
        sheetId: sheet.sheetId,
        index: i + 1,
        hidden: sheet.hidden,
        frozenRows: sheet.frozenRows,
        frozenColumns: sheet.frozenColumns,
        maxRows: sheet.maxRows,
        maxColumns: sheet.maxColumns,
        values,
        formulas,
        numberFormats,
        fontWeights,
        backgrounds,
        columnWidths,
        charts: sheet.charts.map((c) => ({
          chartId: c.chartId,
          type: c.type,
          ranges: c.ranges.map((r) => `${r.sheet.name}!${a1Notation(r)}`),
          position: { ...c.position },
          options: Object.fromEntries(c.options),
        })),
        protection: sheet.protection
          ? { description: sheet.protection.description, warningOnly: sheet.protection.warningOnly, editors: [...sheet.protection.editors] }
          : null,
      };
    }),
    namedRanges: Object.fromEntries([...book.namedRanges].map(([name, r]) => [name, `${r.sheet.name}!${a1Notation(r)}`])),
  };
}

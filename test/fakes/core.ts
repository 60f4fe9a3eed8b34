/**
 * @fileoverview The machinery every fake shares: the per-instance context (call counters, cell
 * counters, injected faults, auth mode, clock, execution and lock state), the strictness rules
 * (every real member exists; the unimplemented ones throw) and the error shapes of the real
 * services.
 */
import { METHODS, PROPERTIES } from './members.generated';

/** The interfaces the fakes stand in for, by the names used in counters and error messages. */
export interface Ifaces {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  Spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  Sheet: GoogleAppsScript.Spreadsheet.Sheet;
  Range: GoogleAppsScript.Spreadsheet.Range;
  Protection: GoogleAppsScript.Spreadsheet.Protection;
  NamedRange: GoogleAppsScript.Spreadsheet.NamedRange;
  EmbeddedChart: GoogleAppsScript.Spreadsheet.EmbeddedChart;
  EmbeddedChartBuilder: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
  ContainerInfo: GoogleAppsScript.Spreadsheet.ContainerInfo;
  Charts: GoogleAppsScript.Charts.Charts;
  ChartOptions: GoogleAppsScript.Charts.ChartOptions;
  Ui: GoogleAppsScript.Base.Ui;
  Menu: GoogleAppsScript.Base.Menu;
  Session: GoogleAppsScript.Base.Session;
  User: GoogleAppsScript.Base.User;
  Logger: GoogleAppsScript.Base.Logger;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  Properties: GoogleAppsScript.Properties.Properties;
  CacheService: GoogleAppsScript.Cache.CacheService;
  Cache: GoogleAppsScript.Cache.Cache;
  LockService: GoogleAppsScript.Lock.LockService;
  Lock: GoogleAppsScript.Lock.Lock;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  HtmlOutput: GoogleAppsScript.HTML.HtmlOutput;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  TextFinder: GoogleAppsScript.Spreadsheet.TextFinder;
}
export type IfaceName = keyof typeof METHODS & keyof Ifaces;

// The generated member lists must match the installed types exactly, in both directions; after a
// types upgrade this fails to compile until `node test/fakes/gen-members.mjs` is run again.
type Listed<K extends IfaceName> = (typeof METHODS)[K][number] | (typeof PROPERTIES)[K][number];
type Unlisted = { [K in IfaceName]: Exclude<keyof Ifaces[K], Listed<K>> }[IfaceName];
type Stale = { [K in IfaceName]: Exclude<Listed<K>, keyof Ifaces[K]> }[IfaceName];
export const memberListsMatchTypes: [Unlisted | Stale] extends [never]
  ? true
  : { unlisted: Unlisted; stale: Stale } = true;

/**
 * The members of `I` that the fake class `C` implements, with the real signatures. A fake is
 * checked with `fake satisfies RealPart<FakeX, X>`: what it implements must match the real type.
 */
export type RealPart<C, I> = Pick<I, keyof C & keyof I>;

/** The error the real services throw: in the V8 runtime its `name` is `Exception`. */
export class AppsScriptException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}
export const exception = (message: string) => new AppsScriptException(message);
export const notImplemented = (what: string) => new Error(`not implemented in fake: ${what}`);
/** For behaviour the real service has but the fake cannot reproduce faithfully. */
export const notModelled = (what: string) => new Error(`not modelled in fake: ${what}`);
/**
 * For a call whose outcome Google's documentation does not give: the fake refuses it rather than
 * guess, so code that depends on it fails in tests (docs/apps-script-gotchas.md lists each case).
 */
export const undocumented = (what: string) => new Error(`refused by fake (Google's documentation does not say what happens): ${what}`);

/** Fakes carry their interface name so arguments can be checked to be fakes of the right kind. */
export const FAKE_KIND = Symbol('fakeKind');

/** Returns `value` as the fake it must be, or throws the way the real signature check does. */
export function unwrap<T>(value: unknown, kind: IfaceName, where: string): T {
  if (value === null || typeof value !== 'object' || (value as Record<symbol, unknown>)[FAKE_KIND] !== kind) {
    throw exception(`The parameters (${describeArg(value)}) don't match the method signature for ${where}.`);
  }
  return value as T;
}

export function describeArg(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length > 0 ? `${describeArg(value[0])}[]` : 'Object[]';
  if (value instanceof Date) return 'Date';
  if (typeof value === 'object') return (value as Record<symbol, string>)[FAKE_KIND] ?? 'Object';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'Boolean';
  return typeof value;
}

/** Casts a fake to the real interface it stands in for (the missing members exist as stubs). */
export const asReal = <T>(fake: object): T => fake as unknown as T;

/** Apps Script integers: the real services reject fractional numbers where an Integer is due. */
export function int(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw exception(`Cannot convert ${typeof value === 'string' ? `'${value}'` : String(value)} to int.`);
  }
  return value;
}

/** A controllable clock: cache expiry, lock waits and `Utilities.sleep` use it, never real time. */
export class FakeClock {
  private ms: number;
  constructor(start: Date | number = Date.UTC(2024, 0, 1)) {
    this.ms = typeof start === 'number' ? start : start.getTime();
  }
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error('FakeClock.advance needs a duration >= 0');
    this.ms += ms;
  }
  set(time: Date | number): void {
    this.ms = typeof time === 'number' ? time : time.getTime();
  }
}

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

/** One outermost service call, as `fake.recordCalls()` logs it: what it moved. */
export interface CallRecord {
  name: string;
  /** Cells read plus cells written. */
  cells: number;
  /** Characters of the values, formats or weights sent or received (a cell's value as text). */
  chars: number;
}

/** Characters a 2-D array of values carries: each non-blank value as text (a Date as ISO text). */
export function charsOf(values: readonly (readonly unknown[])[]): number {
  let n = 0;
  for (const row of values) {
    for (const v of row) {
      if (v === '' || v === null || v === undefined) continue;
      n += v instanceof Date ? 24 : String(v).length;
    }
  }
  return n;
}
export type LockKind = 'document' | 'script' | 'user';

interface FaultRule {
  /** `Range.setValues` or `setValues`; absent for "any write". */
  method?: string;
  sheetName?: string;
  writesOnly: boolean;
  /** Matching calls still let through before the one that fails. */
  skip: number;
  error: Error;
}

/** Spreadsheet-service interfaces: the ones a custom function may only read from. */
const SPREADSHEET_IFACES = new Set(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range', 'Protection', 'NamedRange']);
/** Read-only methods of those interfaces; every other method changes the file. */
const READ_METHOD = /^(get|is|has|can|new|offset|modify|flush|createTextFinder|createDeveloperMetadataFinder)/;
/**
 * What an add-on may call in AuthMode.NONE ("Editor add-on authorization", authorization modes:
 * user data "Locale only", user interface "Add menu items", other services "Logger, Utilities";
 * no access to the document or to Properties).
 */
const ALLOWED_IN_NONE = /^(SpreadsheetApp\.getUi|Ui\.createAddonMenu|Ui\.createMenu|Menu\.\w+|Logger\.\w+|Utilities\.\w+|Session\.getActiveUserLocale)$/;
/**
 * AuthMode.LIMITED (onOpen and onEdit simple triggers of an add-on enabled in the file): the
 * current document, Properties and services that touch no user data, menus but no other user
 * interface. Who the user is counts as user data the page calls "Limited" without saying which,
 * so the fake refuses Session's user getters here.
 */
const REFUSED_IN_LIMITED = /^(Ui\.(?!createAddonMenu$|createMenu$)\w+|Session\.(getActiveUser|getEffectiveUser|getTemporaryActiveUserKey)|HtmlService\.\w+|ScriptApp\.\w+)$/;

/** "Quotas for Google Services": Properties read/write, per day, consumer accounts. */
export const PROPERTIES_CALLS_PER_DAY = 50_000;
const DAY_MS = 86_400_000;
/** The protected-range error, as scripts and the Sheets API report it. */
export const PROTECTED_MESSAGE = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/** Whether a call changes the spreadsheet (used by read-only mode and `failNextWrite`). */
export function isSpreadsheetWrite(iface: string, method: string): boolean {
  return SPREADSHEET_IFACES.has(iface) && !READ_METHOD.test(method);
}

/** Anything a fake can be asked about before a call goes through. */
export interface CallTarget {
  /** The tab a Range or Sheet call touches, for `failNextWrite(sheetName)`. */
  faultSheetName?(): string | undefined;
  /** Throws when the object is stale (a deleted sheet). */
  assertUsable?(): void;
  /** Throws when the call writes to a tab the effective user may not edit (sheet protection). */
  assertCanWrite?(iface: string, method: string): void;
}

/**
 * State shared by every fake of one `createFakeAppsScript()`: what tests count, inject and switch.
 * Only outermost calls count: a fake method that uses another internally is one service call.
 */
export class FakeContext {
  authMode: AuthModeName = 'FULL';
  readonly clock: FakeClock;
  calls = { total: 0, byMethod: {} as Record<string, number> };
  cellsRead = 0;
  cellsWritten = 0;
  /** Characters moved, counted only while calls are being recorded (it costs a pass over the values). */
  chars = 0;
  /** Set by `fake.recordCalls(true)`: every outermost call, with what it moved. */
  callLog: CallRecord[] | null = null;
  private depth = 0;
  private faults: FaultRule[] = [];
  /** The running "execution"; locks are held per execution, as in the real LockService. */
  executionId = 1;
  private lastExecutionId = 1;
  readonly locks = new Map<LockKind, { holder: number; releaseAt?: number }>();
  /** Properties calls in the current 24-hour quota window (it starts at the first call). */
  propertiesQuota = { windowStart: -Infinity, used: 0, limit: PROPERTIES_CALLS_PER_DAY };

  constructor(clock: FakeClock) {
    this.clock = clock;
  }

  newExecutionId(): number {
    this.lastExecutionId += 1;
    return this.lastExecutionId;
  }

  /** Runs one fake method: counts it, applies auth mode and faults, then runs it. */
  call<T>(iface: string, method: string, target: CallTarget, run: () => T): T {
    if (this.depth === 0) {
      const name = `${iface}.${method}`;
      this.calls.total += 1;
      this.calls.byMethod[name] = (this.calls.byMethod[name] ?? 0) + 1;
      this.checkAuth(iface, method);
      target.assertUsable?.();
      target.assertCanWrite?.(iface, method);
      if (iface === 'Properties') this.countPropertiesCall();
      this.checkFaults(iface, method, target);
    }
    const before = this.depth === 0 && this.callLog ? { cells: this.cellsRead + this.cellsWritten, chars: this.chars } : null;
    this.depth += 1;
    try {
      return run();
    } finally {
      this.depth -= 1;
      if (before) this.callLog?.push({ name: `${iface}.${method}`, cells: this.cellsRead + this.cellsWritten - before.cells, chars: this.chars - before.chars });
    }
  }

  /** Counts the characters of values moved by the outermost call, when calls are recorded. */
  countChars(values: readonly (readonly unknown[])[]): void {
    if (this.callLog && this.depth <= 1) this.chars += charsOf(values);
  }

  /** Counts cells read by the outermost call only (a getValue built on getValues counts once). */
  countRead(cells: number): void {
    if (this.depth <= 1) this.cellsRead += cells;
  }
  countWritten(cells: number): void {
    if (this.depth <= 1) this.cellsWritten += cells;
  }

  /**
   * Google gives the daily quota but not when the day starts ("refreshed at the end of a 24-hour
   * window"): the fake's window opens at the first call and lasts 24 hours on the fake clock.
   */
  private countPropertiesCall(): void {
    const q = this.propertiesQuota;
    const now = this.clock.now();
    if (now - q.windowStart >= DAY_MS) {
      q.windowStart = now;
      q.used = 0;
    }
    if (q.used >= q.limit) throw exception('Service invoked too many times for one day: properties.');
    q.used += 1;
  }

  /** A copy of the counters, to put back after work a test should not see counted. */
  saveCounters(): { calls: { total: number; byMethod: Record<string, number> }; cellsRead: number; cellsWritten: number } {
    return { calls: { total: this.calls.total, byMethod: { ...this.calls.byMethod } }, cellsRead: this.cellsRead, cellsWritten: this.cellsWritten };
  }
  restoreCounters(saved: ReturnType<FakeContext['saveCounters']>): void {
    this.calls = saved.calls;
    this.cellsRead = saved.cellsRead;
    this.cellsWritten = saved.cellsWritten;
  }

  resetCounters(): void {
    this.calls = { total: 0, byMethod: {} };
    this.cellsRead = 0;
    this.cellsWritten = 0;
    this.chars = 0;
    if (this.callLog) this.callLog = [];
  }

  addFault(rule: FaultRule): () => void {
    this.faults.push(rule);
    return () => {
      this.faults = this.faults.filter((f) => f !== rule);
    };
  }
  clearFaults(): void {
    this.faults = [];
  }

  private checkAuth(iface: string, method: string): void {
    const name = `${iface}.${method}`;
    if (this.authMode === 'CUSTOM_FUNCTION') {
      if (name === 'SpreadsheetApp.getUi') throw exception('Cannot call SpreadsheetApp.getUi() from this context.');
      if (isSpreadsheetWrite(iface, method)) throw exception(`You do not have permission to call ${method}`);
    } else if (this.authMode === 'NONE' && !ALLOWED_IN_NONE.test(name)) {
      // The real message varies by service; the fake names the call so a failing test says which.
      throw exception(`Authorization is required to perform that action. (fake: ${name} in AuthMode.NONE)`);
    } else if (this.authMode === 'LIMITED' && REFUSED_IN_LIMITED.test(name)) {
      throw exception(`Authorization is required to perform that action. (fake: ${name} in AuthMode.LIMITED)`);
    }
  }

  private checkFaults(iface: string, method: string, target: CallTarget): void {
    const name = `${iface}.${method}`;
    for (const rule of this.faults) {
      if (rule.method && rule.method !== name && rule.method !== method) continue;
      if (rule.writesOnly && !isSpreadsheetWrite(iface, method)) continue;
      if (rule.sheetName !== undefined && target.faultSheetName?.() !== rule.sheetName) continue;
      if (rule.skip > 0) {
        rule.skip -= 1;
        continue;
      }
      this.faults = this.faults.filter((f) => f !== rule);
      throw rule.error;
    }
  }
}

/** Anything a fake instance must expose for `instrument` to work. */
export interface FakeObject extends CallTarget {
  readonly ctx: FakeContext;
}

/**
 * Makes a fake class strict and counted: each real method it implements is wrapped so every call
 * goes through `FakeContext.call`; each real method or enum it does not implement exists and
 * throws `not implemented in fake: Iface.name`, so nothing is ever silently `undefined`.
 */
export function instrument(cls: { prototype: object }, iface: IfaceName): void {
  const proto = cls.prototype as Record<string | symbol, unknown>;
  Object.defineProperty(proto, FAKE_KIND, { value: iface });
  for (const method of METHODS[iface] as readonly string[]) {
    const own = Object.getOwnPropertyDescriptor(proto, method);
    if (own && typeof own.value === 'function') {
      const impl = own.value as (...args: unknown[]) => unknown;
      const wrapped = function (this: FakeObject, ...args: unknown[]) {
        return this.ctx.call(iface, method, this, () => impl.apply(this, args));
      };
      Object.defineProperty(wrapped, 'name', { value: method });
      Object.defineProperty(proto, method, { ...own, value: wrapped });
    } else if (!own) {
      Object.defineProperty(proto, method, {
        configurable: true,
        writable: true,
        value: function notImplementedStub() {
          throw notImplemented(`${iface}.${method}`);
        },
      });
    }
  }
  for (const property of PROPERTIES[iface] as readonly string[]) {
    if (Object.getOwnPropertyDescriptor(proto, property)) continue;
    Object.defineProperty(proto, property, {
      configurable: true,
      get() {
        throw notImplemented(`${iface}.${property}`);
      },
    });
  }
}

/**
 * A real Apps Script enum: an object of values whose `toString()` is their name. The fake uses
 * the names themselves (`Charts.ChartType.LINE === 'LINE'`), cast to the TypeScript enum type.
 */
export function enumOf<E>(names: readonly string[]): E {
  const values: Record<string, string> = {};
  for (const name of names) values[name] = name;
  return Object.freeze(values) as unknown as E;
}

/** Bytes of a string in UTF-8: the Properties and Cache quotas count bytes. */
export const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

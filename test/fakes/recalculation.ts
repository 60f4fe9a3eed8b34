/**
 * @fileoverview How Sheets calls custom functions, from Google's "Custom Functions in Google
 * Sheets" guide, and nothing more:
 * - a cell argument arrives as its value, a range as a 2-D array, a blank as '';
 * - "Times and dates in Sheets become Date objects in Apps Script. If the spreadsheet and the script
 *   use different time zones ... the custom function will need to compensate": the fake hands over
 *   the cell's wall-clock time read in the script's zone, the only reading under which a difference
 *   of zones needs compensating;
 * - a result is cached: Sheets recomputes a call only when its formula text or its arguments'
 *   values change. Re-entering the same text keeps the cached value unless the test says Google
 *   recomputes (`recalculate({ recomputeUnchanged: true })`).
 * What the guide leaves open is tried every way it could go and refused when the answers differ:
 * omitted arguments (`F(1,,3)`) run as `undefined` and as '' (all of a call's alike), a one-cell
 * range or named range as a value and as a 1x1 array.
 */
import { notModelled, undocumented, type FakeContext } from './core';
import type { CustomOutcome, RangeRef, SheetModel, SpreadsheetEnv } from './model';
import { cellAt, readCell } from './spreadsheet';
import { a1Notation, calledFunction, parseA1, splitSheetA1, zonedParts, type CellValue } from './values';

/** Any function of the add-on's: Sheets hands it whatever the cells hold. */
export type CustomFunction = (...args: never[]) => unknown;

export interface RecalcOptions {
  /** Also recompute calls whose formula text and argument values did not change (Google may). */
  recomputeUnchanged?: boolean;
}

export interface RecalcReport {
  /** `Tab!A1` of each cell whose function ran. */
  computed: string[];
  /** `Tab!A1` of each cell that kept its cached result. */
  cached: string[];
}

/** One argument: the values it may arrive as (several where Google does not say) and its cache token. */
interface Arg {
  variants: unknown[];
  token: string;
  /** An omitted argument: its form varies with the call's other omitted ones, not on its own. */
  omitted?: true;
}

const OMITTED_FORMS = [undefined, ''];

const FAKE_ERROR = /^(not modelled in fake|not implemented in fake|refused by fake)/;

export class Recalculation {
  constructor(
    private readonly env: SpreadsheetEnv,
    private readonly functions: ReadonlyMap<string, CustomFunction>,
    private readonly scriptTimeZone: () => string,
    /** Runs `fn` as one custom-function execution (read-only spreadsheet, its own locks). */
    private readonly asExecution: <T>(fn: () => T) => T,
  ) {}

  private get ctx(): FakeContext {
    return this.env.ctx;
  }

  /** Computes every custom-function cell whose formula text or argument values changed. */
  recalculate(options: RecalcOptions = {}): RecalcReport {
    const report: RecalcReport = { computed: [], cached: [] };
    for (const sheet of this.env.book.sheets) {
      sheet.rows.forEach((line, ri) => line?.forEach((cell, ci) => {
        if (!cell?.formula) return;
        const name = calledFunction(cell.formula);
        const fn = name === null ? undefined : this.functions.get(name);
        if (!fn || name === null) return;
        const where = `${sheet.name}!${a1Notation({ row: ri + 1, column: ci + 1, numRows: 1, numColumns: 1 })}`;
        const args = splitArguments(cell.formula).map((text) => this.argument(text, sheet));
        const key = `${name}(${args.map((a) => a.token).join(',')})`;
        let outcome = options.recomputeUnchanged ? undefined : this.env.book.customResults.get(key);
        if (outcome) report.cached.push(where);
        else {
          outcome = this.run(fn, args, where);
          this.env.book.customResults.set(key, outcome);
          report.computed.push(where);
        }
        cell.computed = { formula: cell.formula, value: outcome.value };
      }));
    }
    return report;
  }

  /** The last outcome of the custom function in a cell, or null when it has none. */
  outcomeAt(sheetName: string, a1: string): CustomOutcome | null {
    const sheet = this.env.book.sheets.find((s) => s.name === sheetName);
    if (!sheet) throw new Error(`fake: no tab ${sheetName}`);
    const at = parseA1(a1, sheet.maxRows, sheet.maxColumns);
    const cell = cellAt(sheet, at.row, at.column);
    const name = cell?.formula ? calledFunction(cell.formula) : null;
    if (!cell?.formula || name === null || cell.computed?.formula !== cell.formula) return null;
    const args = splitArguments(cell.formula).map((text) => this.argument(text, sheet));
    return this.env.book.customResults.get(`${name}(${args.map((a) => a.token).join(',')})`) ?? null;
  }

  /** Runs every combination of the ambiguous arguments; they must agree. Only the first is counted. */
  private run(fn: CustomFunction, args: Arg[], where: string): CustomOutcome {
    const forms = args.some((a) => a.omitted) ? OMITTED_FORMS : [undefined];
    const combos = forms.flatMap((form) =>
      args.reduce<unknown[][]>((acc, a) => acc.flatMap((prefix) => (a.omitted ? [form] : a.variants).map((v) => [...prefix, v])), [[]]),
    );
    if (combos.length > 8) throw notModelled(`${where}: more than 3 arguments whose form Google does not document`);
    let first: CustomOutcome | undefined;
    for (const combo of combos) {
      const saved = first ? this.ctx.saveCounters() : null;
      const outcome = this.asExecution(() => callOnce(fn, combo));
      if (saved) this.ctx.restoreCounters(saved);
      if (!first) first = outcome;
      else if (!sameOutcome(first, outcome)) {
        throw undocumented(`${where}: the answer depends on how an omitted argument or a one-cell range arrives (${describe(first)} or ${describe(outcome)})`);
      }
    }
    return first!;
  }

  private argument(text: string, sheet: SheetModel): Arg {
    const t = text.trim();
    if (t === '') return { variants: OMITTED_FORMS, token: 'omitted', omitted: true };
    if (/^"(?:[^"]|"")*"$/.test(t)) {
      const v = t.slice(1, -1).replace(/""/g, '"');
      return { variants: [v], token: JSON.stringify(v) };
    }
    if (/^-?(\d+\.?\d*|\.\d+)$/.test(t)) return { variants: [Number(t)], token: String(Number(t)) };
    if (/^(true|false)$/i.test(t)) return { variants: [t.toLowerCase() === 'true'], token: t.toLowerCase() };
    const ref = this.reference(t, sheet);
    if (!ref) throw notModelled(`the custom function argument ${JSON.stringify(t)}: only literals, cell and range references and named ranges are modelled`);
    const values = this.valuesOf(ref.range);
    const token = JSON.stringify(values);
    if (ref.range.numRows === 1 && ref.range.numColumns === 1) {
      // A plain cell reference is one value; a one-cell range or named range may be either.
      return ref.plainCell ? { variants: [values[0][0]], token } : { variants: [values[0][0], values], token };
    }
    return { variants: [values], token };
  }

  private reference(text: string, sheet: SheetModel): { range: RangeRef; plainCell: boolean } | null {
    const named = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(text) && !/^[A-Za-z]{1,3}\d+$/.test(text) ? this.env.book.namedRanges.get(text) : undefined;
    if (named) return { range: named, plainCell: false };
    const { sheetName, a1 } = splitSheetA1(text);
    if (!/^\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?$/.test(a1)) return null;
    const target = sheetName === undefined ? sheet : this.env.book.sheets.find((s) => s.name === sheetName);
    if (!target) throw notModelled(`a reference to the tab ${JSON.stringify(sheetName)}, which does not exist (exactly)`);
    const rect = parseA1(a1, target.maxRows, target.maxColumns);
    return { range: { sheet: target, ...rect }, plainCell: !a1.includes(':') };
  }

  /** The range's values as Sheets hands them to a custom function: dates in the script's zone. */
  private valuesOf(r: RangeRef): unknown[][] {
    const out: unknown[][] = [];
    for (let i = 0; i < r.numRows; i++) {
      const line: unknown[] = [];
      for (let j = 0; j < r.numColumns; j++) {
        const row = r.row + i;
        const column = r.column + j;
        line.push(this.handedOver(readCell(this.env, r.sheet, cellAt(r.sheet, row, column), row, column)));
      }
      out.push(line);
    }
    return out;
  }

  private handedOver(value: CellValue): unknown {
    if (!(value instanceof Date)) return value;
    const sheetZone = this.env.book.timeZone;
    const scriptZone = this.scriptTimeZone();
    if (offsetMs(value, sheetZone) === offsetMs(value, scriptZone)) {
      throw new Error(
        `fake: a date reaches a custom function while the script's zone (${scriptZone}) and the spreadsheet's (${sheetZone}) agree; ` +
          'set them apart (createFakeAppsScript({ timeZone, scriptTimeZone })) so the test shows the compensation',
      );
    }
    return new Date(instantOfWallClock(zonedParts(value, sheetZone), scriptZone));
  }
}

/** The arguments' texts of `=NAME(a, b, ...)`, split at top-level commas outside quotes. */
export function splitArguments(formula: string): string[] {
  const open = formula.indexOf('(');
  const inner = formula.slice(open + 1, formula.trimEnd().length - 1);
  if (inner.trim() === '') return [];
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  out.push(inner.slice(start));
  return out;
}

function callOnce(fn: CustomFunction, args: unknown[]): CustomOutcome {
  let result: unknown;
  try {
    result = (fn as (...a: unknown[]) => unknown)(...args);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // The fakes' own refusals are the test's problem, not a value to show in a cell.
    if (FAKE_ERROR.test(message)) throw e;
    return { value: '#ERROR!', result: null, error: message };
  }
  return outcomeOf(result);
}

function outcomeOf(result: unknown): CustomOutcome {
  if (typeof result === 'number' && Number.isFinite(result)) return { value: result, result };
  if (typeof result === 'string' || typeof result === 'boolean') return { value: result, result };
  if (result instanceof Date && !Number.isNaN(result.getTime())) return { value: new Date(result.getTime()), result };
  if (Array.isArray(result) && result.length > 0 && result.every((r) => Array.isArray(r) && r.length > 0)) {
    const first = outcomeOf((result as unknown[][])[0][0]);
    return { value: first.value, result };
  }
  throw undocumented(`a custom function returning ${describeValue(result)}`);
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return Array.isArray(v[0]) ? 'an empty or ragged array' : 'a one-dimensional array';
  return v === null ? 'null' : typeof v;
}

const sameOutcome = (a: CustomOutcome, b: CustomOutcome) => canonical(a) === canonical(b);
const canonical = (o: CustomOutcome) => JSON.stringify([o.value, o.result, o.error ?? null], (_k, v: unknown) => (v instanceof Date ? `date:${v.getTime()}` : v));
const describe = (o: CustomOutcome) => (o.error !== undefined ? `error "${o.error}"` : JSON.stringify(o.value));

/** Offset of a zone from UTC at an instant, in ms. */
export function offsetMs(at: Date, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) - at.getTime();
}

/** The instant a wall-clock time has in a zone (the earlier one in a repeated hour). */
export function instantOfWallClock(p: ReturnType<typeof zonedParts>, timeZone: string): number {
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  let t = asUtc - offsetMs(new Date(asUtc), timeZone);
  t = asUtc - offsetMs(new Date(t), timeZone);
  return t;
}

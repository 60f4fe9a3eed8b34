/**
 * @fileoverview What runs warehouse statements: DuckDB on this machine, BigQuery through its Node
 * client or through Apps Script's advanced service. Each returns result rows as plain objects.
 *
 * A computation that talks to the warehouse is written once, as a plan (a generator yielding the
 * statements it needs and receiving their rows), and driven either asynchronously (Node's clients
 * return promises) or synchronously: Apps Script's services block, and a sidebar call must return
 * its value, not a promise, so the add-on drives the same plans without awaiting anything.
 */
import type { Dialect } from './dialect';
import type { Statement } from './statements';

export type ResultValue = string | number | null;
export type ResultRow = Record<string, ResultValue>;

export interface StatementRunner {
  readonly dialect: Dialect;
  /** Runs one statement; a stage statement returns no rows. */
  run(statement: Statement): Promise<ResultRow[]>;
}

/** A runner whose calls block until the warehouse answers (Apps Script's advanced service). */
export interface SyncStatementRunner {
  readonly dialect: Dialect;
  runSync(statement: Statement): ResultRow[];
}

/** Yields each statement it needs run, receives its rows, returns its value. */
export type WarehousePlan<T> = Generator<Statement, T, ResultRow[]>;

export type Timing = (name: string, ms: number) => void;

/** Drives a plan with a runner that returns promises. */
export async function drive<T>(plan: WarehousePlan<T>, run: (s: Statement) => Promise<ResultRow[]>, timing?: Timing): Promise<T> {
  let step = plan.next();
  while (!step.done) {
    const t0 = Date.now();
    const rows = await run(step.value);
    timing?.(step.value.name, Date.now() - t0);
    step = plan.next(rows);
  }
  return step.value;
}

/** Drives a plan with a runner that blocks. */
export function driveSync<T>(plan: WarehousePlan<T>, run: (s: Statement) => ResultRow[], timing?: Timing): T {
  let step = plan.next();
  while (!step.done) {
    const t0 = Date.now();
    const rows = run(step.value);
    timing?.(step.value.name, Date.now() - t0);
    step = plan.next(rows);
  }
  return step.value;
}

/** Every statement in order; the result statements' rows by name. */
export function* allStatements(statements: Statement[]): WarehousePlan<Map<string, ResultRow[]>> {
  const results = new Map<string, ResultRow[]>();
  for (const st of statements) {
    const rows = yield st;
    if (st.kind === 'result') results.set(st.name, rows);
  }
  return results;
}

/** Runs every statement in order; returns the result statements' rows by name, and each one's time. */
export function runAll(runner: StatementRunner, statements: Statement[], progress?: Timing): Promise<Map<string, ResultRow[]>> {
  return drive(allStatements(statements), (s) => runner.run(s), progress);
}

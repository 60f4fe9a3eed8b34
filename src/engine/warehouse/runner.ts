/**
 * @fileoverview What runs warehouse statements: DuckDB on this machine, BigQuery through its Node
 * client or through Apps Script's advanced service. Each returns result rows as plain objects.
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

/** Runs every statement in order; returns the result statements' rows by name, and each one's time. */
export async function runAll(runner: StatementRunner, statements: Statement[], progress?: (name: string, ms: number) => void): Promise<Map<string, ResultRow[]>> {
  const results = new Map<string, ResultRow[]>();
  for (const st of statements) {
    const t0 = Date.now();
    const rows = await runner.run(st);
    progress?.(st.name, Date.now() - t0);
    if (st.kind === 'result') results.set(st.name, rows);
  }
  return results;
}

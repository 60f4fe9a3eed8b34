/**
 * @fileoverview What both BigQuery runners share: the query job each statement is sent as (the
 * Node client's `query` and the REST `jobs.query` that Apps Script's advanced service calls take
 * the same fields), and the REST response's typed rows read back as plain values. The Node client
 * parses rows itself (src/warehouse/bigquery.ts); Apps Script hands over the REST JSON as is.
 *
 * Google's references: jobs.query (QueryRequest, QueryResponse), jobs.getQueryResults, TableSchema
 * (docs/apps-script-gotchas.md cites them).
 */
import type { ResultRow, ResultValue } from './runner';
import type { Statement } from './statements';

/** What one statement is sent as: a standard-SQL query job, labelled so it can be found in billing. */
export interface QueryJobRequest {
  query: string;
  useLegacySql: false;
  location?: string;
  labels: Record<string, string>;
  jobTimeoutMs: number;
}

/** Ten minutes: a stage over tens of millions of rows takes seconds in BigQuery; more means trouble. */
export const JOB_TIMEOUT_MS = 600_000;

export function queryJobRequest(statement: Statement, location?: string): QueryJobRequest {
  return {
    query: statement.sql,
    useLegacySql: false,
    ...(location ? { location } : {}),
    labels: { app: 'campaign-sheets', statement: statement.name.replace(/[^a-z0-9_-]/g, '_').slice(0, 63) },
    jobTimeoutMs: JOB_TIMEOUT_MS,
  };
}

/** A column of a REST result's schema (TableFieldSchema): legacy and GoogleSQL type names both occur. */
export interface RestField {
  name: string;
  type: string;
  mode?: string;
}

/** A REST result row: one `f` cell per schema field, each value `v` as text (or null). */
export interface RestRow {
  f: { v: unknown }[];
}

const NUMBER_TYPES = new Set(['INTEGER', 'INT64', 'FLOAT', 'FLOAT64', 'NUMERIC', 'BIGNUMERIC']);
const TEXT_TYPES = new Set(['STRING']);

/**
 * The rows as plain objects. Numbers arrive as decimal text (INT64 would lose digits as JSON
 * numbers); the results here are counts, days, sums and epoch milliseconds, all inside 2^53. Any
 * other type (BOOL, TIMESTAMP, arrays, records) is refused: no warehouse result returns one, and
 * reading one wrongly would be silent.
 */
export function restRows(fields: readonly RestField[], rows: readonly RestRow[] | undefined, what: string): ResultRow[] {
  const readers = fields.map((field): ((v: unknown) => ResultValue) => {
    if (field.mode === 'REPEATED') throw new Error(`${what}: column "${field.name}" is an array, which no warehouse result returns.`);
    if (NUMBER_TYPES.has(field.type)) {
      return (v) => {
        if (v === null || v === undefined) return null;
        const n = Number(v);
        if (typeof v !== 'string' || (Number.isNaN(n) && v !== 'NaN')) throw new Error(`${what}: column "${field.name}" holds "${String(v)}", not a number.`);
        return n;
      };
    }
    if (TEXT_TYPES.has(field.type)) return (v) => (v === null || v === undefined ? null : String(v));
    throw new Error(`${what}: column "${field.name}" has type ${field.type}, which no warehouse result returns.`);
  });
  return (rows ?? []).map((row) => {
    if (row.f.length !== fields.length) throw new Error(`${what}: a row has ${row.f.length} cells for ${fields.length} columns.`);
    const out: ResultRow = {};
    fields.forEach((field, i) => (out[field.name] = readers[i](row.f[i].v)));
    return out;
  });
}

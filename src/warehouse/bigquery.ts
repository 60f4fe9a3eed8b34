/**
 * @fileoverview Runs the warehouse statements on BigQuery with `@google-cloud/bigquery` and
 * Application Default Credentials (`gcloud auth application-default login`, or a service account
 * in GOOGLE_APPLICATION_CREDENTIALS). The job requests are built by `queryJobRequest`, tested
 * without a network; the client is injected so the tests can record what would be sent.
 */
import { BigQuery } from '@google-cloud/bigquery';
import { bigQueryDialect, parseDataset } from '../engine/warehouse/dialect';
import type { ResultRow, ResultValue, StatementRunner } from '../engine/warehouse/runner';
import type { Statement } from '../engine/warehouse/statements';

/** What one statement is sent as: a standard-SQL query job, labelled so it can be found in billing. */
export interface QueryJobRequest {
  query: string;
  useLegacySql: false;
  location?: string;
  labels: Record<string, string>;
  jobTimeoutMs: number;
}

/** The slice of the client this module uses. */
export interface QueryClient {
  query(request: QueryJobRequest): Promise<[Record<string, unknown>[], ...unknown[]]>;
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

/** BigQuery values as plain JSON: INT64 may come as text or a wrapper, timestamps as objects. */
export function plainValue(v: unknown): ResultValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'object' && v !== null && 'value' in v) return plainValue((v as { value: unknown }).value);
  return String(v);
}

export function bigQueryRunner(dataset: string, options: { location?: string; client?: QueryClient } = {}): StatementRunner {
  const { project } = parseDataset(dataset);
  const client: QueryClient = options.client ?? (new BigQuery({ projectId: project }) as unknown as QueryClient);
  return {
    dialect: bigQueryDialect(dataset),
    async run(statement) {
      const [rows] = await client.query(queryJobRequest(statement, options.location));
      if (statement.kind === 'stage') return [];
      return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plainValue(v)])) as ResultRow);
    },
  };
}

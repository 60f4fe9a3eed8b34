/**
 * @fileoverview Runs the warehouse statements on BigQuery with `@google-cloud/bigquery` and
 * Application Default Credentials (`gcloud auth application-default login`, or a service account
 * in GOOGLE_APPLICATION_CREDENTIALS). The job requests are built by `queryJobRequest` (shared with
 * the add-on's advanced-service runner), tested without a network; the client is
 * injected so the tests can record what would be sent.
 */
import { BigQuery } from '@google-cloud/bigquery';
import { bigQueryDialect, parseDataset } from '../engine/warehouse/dialect';
import type { ResultRow, ResultValue, StatementRunner } from '../engine/warehouse/runner';
import { queryJobRequest, type QueryJobRequest } from '../engine/warehouse/bigquery-jobs';

export { JOB_TIMEOUT_MS, queryJobRequest, type QueryJobRequest } from '../engine/warehouse/bigquery-jobs';

/** The slice of the client this module uses. */
export interface QueryClient {
  query(request: QueryJobRequest): Promise<[Record<string, unknown>[], ...unknown[]]>;
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

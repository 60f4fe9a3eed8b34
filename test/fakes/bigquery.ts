/**
 * @fileoverview A strict fake of Apps Script's BigQuery advanced service (`BigQuery.Jobs.query`,
 * `BigQuery.Jobs.getQueryResults`), answering from DuckDB. Modelled on Google's references
 * (docs/apps-script-gotchas.md, "BigQuery advanced service"):
 * - jobs.query takes a QueryRequest and the billed project; `useLegacySql` defaults to true there,
 *   so a request that leaves it out is refused, as is any field QueryRequest does not have.
 * - A response names its job (jobReference with projectId, jobId, location); `jobComplete` false
 *   means poll jobs.getQueryResults, each call waiting up to `timeoutMs` (default 10 s).
 * - Results: a schema (TableFieldSchema: name, type, mode) and rows as `{ f: [{ v }] }`, every
 *   value as text (null for NULL), `totalRows` as text, a `pageToken` while more rows follow.
 *   Empty repeated fields are left out of the JSON (no `rows` for an empty result).
 * Where Google's pages are silent the fake refuses rather than guesses: a DuckDB column type with
 * no obvious BigQuery twin (dates, timestamps, lists, booleans) fails the test.
 *
 * DuckDB cannot answer synchronously, and the advanced service does, so every statement the test
 * expects is run in DuckDB beforehand, in order, by its DuckDB twin (the same engine builder called
 * with the DuckDB dialect). The fake answers only a GoogleSQL text exactly equal to what the engine
 * generated for a registered twin; any other text is refused, naming the statement.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { bigQueryDialect, duckDbDialect, type Dialect } from '../../src/engine/warehouse/dialect';
import type { Statement } from '../../src/engine/warehouse/statements';

export interface StatementTwin {
  name: string;
  googleSql: string;
  duckSql: string;
}

/** The statements `build` makes in both dialects, paired by position (names must agree). */
export function statementTwins(dataset: string, build: (d: Dialect) => Statement[]): StatementTwin[] {
  const google = build(bigQueryDialect(dataset));
  const duck = build(duckDbDialect());
  if (google.length !== duck.length) throw new Error(`The two dialects made ${google.length} and ${duck.length} statements.`);
  return google.map((g, i) => {
    if (g.name !== duck[i].name) throw new Error(`Statement ${i} is "${g.name}" in GoogleSQL and "${duck[i].name}" in DuckDB.`);
    return { name: g.name, googleSql: g.sql, duckSql: duck[i].sql };
  });
}

/** QueryRequest's fields (jobs.query reference). */
const QUERY_REQUEST_FIELDS = new Set([
  'kind', 'query', 'maxResults', 'defaultDataset', 'timeoutMs', 'jobTimeoutMs', 'maxSlots', 'destinationEncryptionConfiguration', 'dryRun',
  'useQueryCache', 'useLegacySql', 'parameterMode', 'queryParameters', 'location', 'formatOptions', 'connectionProperties', 'labels',
  'maximumBytesBilled', 'requestId', 'createSession', 'continuous', 'writeIncrementalResults', 'jobCreationMode', 'reservation',
]);
/** jobs.getQueryResults' query parameters. */
const RESULTS_ARGS = new Set(['startIndex', 'pageToken', 'maxResults', 'timeoutMs', 'location', 'formatOptions.useInt64Timestamp', 'formatOptions.timestampOutputFormat']);
const DEFAULT_TIMEOUT_MS = 10_000;

interface Answer {
  name: string;
  ddl: boolean;
  fields: { name: string; type: string; mode: string }[];
  rows: (string | null)[][];
}

interface Job {
  id: string;
  answer: Answer;
  pendingPolls: number;
}

export interface FakeBigQueryOptions {
  project: string;
  /** Where jobs run (jobReference.location). */
  location?: string;
  /** Rows per page when the request sets no smaller maxResults (Google bounds pages by size). */
  pageRows?: number;
  /** Polls before a statement's job completes, by statement name. */
  pendingPolls?: Record<string, number>;
  /** A statement whose job fails: jobs.query throws this message, as an HTTP error does. */
  failures?: Record<string, string>;
  /** Waiting advances this clock (`timeoutMs` per incomplete call). */
  clock?: { advance(ms: number): void };
}

export interface QueryCall {
  method: 'query' | 'getQueryResults';
  statement: string;
  args: Record<string, unknown>;
}

export interface FakeBigQuery {
  /** The advanced service's global, `BigQuery` (only `Jobs` is modelled). */
  readonly service: { Jobs: { query(resource: unknown, projectId: string): unknown; getQueryResults(projectId: string, jobId: string, args?: unknown): unknown } };
  readonly calls: QueryCall[];
  /** Statement names in the order their jobs were created. */
  readonly jobs: string[];
}

/** A DuckDB column type as BigQuery's REST schema names it, or an error when there is no sure twin. */
function restType(duckType: string, column: string, statement: string): string {
  if (/^(BIGINT|INTEGER|HUGEINT|SMALLINT|TINYINT|UBIGINT|UINTEGER)$/.test(duckType)) return 'INTEGER';
  if (/^(DOUBLE|FLOAT|DECIMAL.*)$/.test(duckType)) return 'FLOAT';
  if (duckType === 'VARCHAR') return 'STRING';
  throw new Error(`fake BigQuery: "${statement}" column "${column}" is DuckDB ${duckType}; how BigQuery's JSON would carry it is not modelled.`);
}

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  if (typeof v === 'string') return v;
  throw new Error(`fake BigQuery: value ${String(v)} has no text form here.`);
};

/** Runs every twin in DuckDB (in order: stages before the results that read them) and serves the answers. */
export async function createFakeBigQuery(connection: DuckDBConnection, twins: StatementTwin[], options: FakeBigQueryOptions): Promise<FakeBigQuery> {
  const answers = new Map<string, Answer>();
  for (const t of twins) {
    const reader = await connection.runAndReadAll(t.duckSql);
    const ddl = /^\s*CREATE\b/i.test(t.duckSql);
    const names = reader.columnNames();
    const types = reader.columnTypes().map((ty, i) => restType(ty.toString(), names[i], t.name));
    answers.set(t.googleSql, {
      name: t.name, ddl,
      fields: ddl ? [] : names.map((name, i) => ({ name, type: types[i], mode: 'NULLABLE' })),
      rows: ddl ? [] : reader.getRowsJS().map((r) => r.map(text)),
    });
  }
  const jobs = new Map<string, Job>();
  const calls: QueryCall[] = [];
  const order: string[] = [];
  const location = options.location ?? 'US';
  const pageRows = options.pageRows ?? 50;

  const checkProject = (projectId: string) => {
    if (projectId !== options.project) throw new Error(`Access Denied: Project ${projectId}: User does not have bigquery.jobs.create permission in project ${projectId}.`);
  };
  const reference = (job: Job) => ({ projectId: options.project, jobId: job.id, location });

  function page(job: Job, offset: number, maxResults: unknown) {
    const a = job.answer;
    if (a.ddl) return { kind: 'bigquery#queryResponse', jobReference: reference(job), jobComplete: true };
    const size = typeof maxResults === 'number' && maxResults > 0 ? Math.min(maxResults, pageRows) : pageRows;
    const slice = a.rows.slice(offset, offset + size);
    const next = offset + slice.length;
    return {
      kind: 'bigquery#queryResponse',
      jobReference: reference(job),
      jobComplete: true,
      schema: { fields: a.fields.map((f) => ({ ...f })) },
      totalRows: String(a.rows.length),
      ...(slice.length ? { rows: slice.map((r) => ({ f: r.map((v) => ({ v })) })) } : {}),
      ...(next < a.rows.length ? { pageToken: `${job.id}:${next}` } : {}),
    };
  }

  function waitOrAnswer(job: Job, timeoutMs: unknown, offset: number, maxResults: unknown) {
    if (job.pendingPolls > 0) {
      job.pendingPolls--;
      options.clock?.advance(typeof timeoutMs === 'number' ? timeoutMs : DEFAULT_TIMEOUT_MS);
      return { kind: 'bigquery#getQueryResultsResponse', jobReference: reference(job), jobComplete: false };
    }
    return page(job, offset, maxResults);
  }

  const service: FakeBigQuery['service'] = {
    Jobs: {
      query(resource, projectId) {
        checkProject(projectId);
        const r = resource as Record<string, unknown>;
        const unknown = Object.keys(r).filter((k) => !QUERY_REQUEST_FIELDS.has(k));
        if (unknown.length) throw new Error(`Invalid JSON payload received. Unknown name "${unknown[0]}": Cannot find field.`);
        if (r.useLegacySql !== false) throw new Error('fake BigQuery: useLegacySql defaults to true in jobs.query; the GoogleSQL statements need it false.');
        const sql = String(r.query ?? '');
        const answer = answers.get(sql);
        const label = (r.labels as Record<string, string> | undefined)?.statement;
        calls.push({ method: 'query', statement: answer?.name ?? label ?? '?', args: { ...r, query: undefined } });
        if (!answer) throw new Error(`fake BigQuery: no DuckDB twin was registered for this GoogleSQL text (labelled "${label}"); register the engine's statement, or the text differs from the engine's.`);
        const failure = options.failures?.[answer.name];
        if (failure) throw new Error(failure);
        const job: Job = { id: `job_${jobs.size + 1}`, answer, pendingPolls: options.pendingPolls?.[answer.name] ?? 0 };
        jobs.set(job.id, job);
        order.push(answer.name);
        const out = waitOrAnswer(job, r.timeoutMs, 0, r.maxResults);
        return { ...out, kind: 'bigquery#queryResponse' };
      },
      getQueryResults(projectId, jobId, args = {}) {
        checkProject(projectId);
        const a = args as Record<string, unknown>;
        const unknown = Object.keys(a).filter((k) => !RESULTS_ARGS.has(k));
        if (unknown.length) throw new Error(`fake BigQuery: getQueryResults has no parameter "${unknown[0]}".`);
        const job = jobs.get(jobId);
        if (!job) throw new Error(`Not found: Job ${projectId}:${jobId}`);
        if (a.location !== undefined && a.location !== location) throw new Error(`Not found: Job ${projectId}:${a.location}.${jobId}`);
        calls.push({ method: 'getQueryResults', statement: job.answer.name, args: a });
        let offset = 0;
        if (a.pageToken !== undefined) {
          const m = /^(job_\d+):(\d+)$/.exec(String(a.pageToken));
          if (!m || m[1] !== jobId) throw new Error(`fake BigQuery: page token ${String(a.pageToken)} is not one this job returned.`);
          offset = Number(m[2]);
        }
        return waitOrAnswer(job, a.timeoutMs, offset, a.maxResults);
      },
    },
  };
  return { service, calls, jobs: order };
}

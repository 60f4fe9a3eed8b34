/**
 * @fileoverview The warehouse statements run through Apps Script's BigQuery advanced service
 * (`BigQuery.Jobs.query`, then `BigQuery.Jobs.getQueryResults` while the job is not complete and
 * while a page token says more rows follow). Only the warehouse flavour's entry imports this file,
 * so the default add-on neither bundles it nor asks for the `bigquery` scope.
 *
 * Apps Script's calls block, so the runner is synchronous (`runSync`); `run` wraps it in a promise
 * already settled, for code written against the asynchronous interface.
 *
 * An execution stops after 6 minutes. Every call waits at most until `deadline`; a job still running
 * then is left to finish in BigQuery (it cannot be taken back, and it is billed), and the refresh
 * stops with a message naming the statement and the job, before anything is written.
 */
import { bigQueryDialect, parseDataset } from '../engine/warehouse/dialect';
import { queryJobRequest, restRows, type RestField, type RestRow } from '../engine/warehouse/bigquery-jobs';
import type { ResultRow, StatementRunner, SyncStatementRunner } from '../engine/warehouse/runner';
import type { Statement } from '../engine/warehouse/statements';

/** The parts of QueryResponse and GetQueryResultsResponse this runner reads (REST JSON). */
export interface QueryResultsPage {
  jobReference?: { projectId?: string; jobId?: string; location?: string };
  jobComplete?: boolean;
  schema?: { fields?: RestField[] };
  rows?: RestRow[];
  pageToken?: string;
  totalRows?: string;
  errors?: { message?: string; reason?: string }[];
}

/** The slice of the advanced service used here, as `BigQuery.Jobs` has it. */
export interface BigQueryJobs {
  query(resource: object, projectId: string): QueryResultsPage;
  getQueryResults(projectId: string, jobId: string, optionalArgs: object): QueryResultsPage;
}

/** Longest single wait asked of BigQuery: Google's calls may return earlier (about 200 s at most). */
export const POLL_WAIT_MS = 60_000;

export interface AdvancedRunnerOptions {
  /** `BigQuery.Jobs`, or the test's fake of it. */
  jobs: BigQueryJobs;
  /** When every call must have returned (epoch ms): the refresh's budget within the 6 minutes. */
  deadline: number;
  now?: () => number;
}

export type AdvancedRunner = SyncStatementRunner & StatementRunner;

export function advancedServiceRunner(dataset: string, options: AdvancedRunnerOptions): AdvancedRunner {
  const { project } = parseDataset(dataset);
  const now = options.now ?? (() => Date.now());
  const wait = () => Math.max(0, Math.min(POLL_WAIT_MS, options.deadline - now()));
  const what = (s: Statement) => `BigQuery statement "${s.name}"`;

  function call<T>(s: Statement, f: () => T): T {
    try {
      return f();
    } catch (e) {
      const message = typeof (e as { message?: unknown } | null)?.message === 'string' ? (e as Error).message : String(e);
      throw new Error(`${what(s)} failed: ${message}. Nothing was written; the report tabs are as they were.`, { cause: e });
    }
  }

  function runSync(statement: Statement): ResultRow[] {
    let page = call(statement, () => options.jobs.query({ ...queryJobRequest(statement), timeoutMs: wait() }, project));
    const job = page.jobReference;
    if (!job?.jobId) throw new Error(`${what(statement)}: BigQuery's answer names no job.`);
    const more = (args: object) => call(statement, () => options.jobs.getQueryResults(job.projectId ?? project, job.jobId!, { ...(job.location ? { location: job.location } : {}), ...args }));
    while (!page.jobComplete) {
      if (now() >= options.deadline) {
        throw new Error(`${what(statement)} is still running in BigQuery (job ${job.jobId}) and this run's time is up (Apps Script stops a run after 6 minutes). ` +
          'Nothing was written; the report tabs are as they were. The job finishes in BigQuery and is billed; refresh again later.');
      }
      page = more({ timeoutMs: wait() });
    }
    if (statement.kind === 'stage') return [];
    const fields = page.schema?.fields;
    if (!fields) throw new Error(`${what(statement)}: BigQuery's answer has no schema.`);
    const rows = restRows(fields, page.rows, what(statement));
    while (page.pageToken) {
      if (now() >= options.deadline) throw new Error(`${what(statement)}: this run's time was up while reading its rows. Nothing was written; the report tabs are as they were.`);
      page = more({ pageToken: page.pageToken });
      rows.push(...restRows(fields, page.rows, what(statement)));
    }
    return rows;
  }

  return {
    dialect: bigQueryDialect(dataset),
    runSync,
    run: (statement) => {
      try {
        return Promise.resolve(runSync(statement));
      } catch (e) {
        return Promise.reject(e);
      }
    },
  };
}

/**
 * @fileoverview The advanced-service runner on the fake BigQuery (answers from DuckDB): results
 * read from typed text cells across pages, jobs polled while incomplete, the run's deadline, a
 * failed job, and the same results as DuckDB's own runner, driven synchronously and as promises.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysed, NOW, tinyWorkbook } from '../helpers/workbooks';
import { openDuckWarehouse, loadTables, type DuckWarehouse } from '../../src/warehouse/duckdb';
import { workbookTableRows } from '../../src/engine/warehouse/table-rows';
import { refreshStatements } from '../../src/engine/warehouse/refresh';
import { allStatements, driveSync, runAll } from '../../src/engine/warehouse/runner';
import { advancedServiceRunner, POLL_WAIT_MS, type BigQueryJobs } from '../../src/apps-script/bigquery-service';
import { restRows } from '../../src/engine/warehouse/bigquery-jobs';
import { createFakeBigQuery, statementTwins, type FakeBigQueryOptions } from '../fakes/bigquery';
import type { Analysis } from '../../src/engine/analysis';

const DATASET = 'acme-marketing.campaigns';
let a: Analysis;
let wh: DuckWarehouse;

beforeAll(async () => {
  a = analysed(tinyWorkbook());
  wh = await openDuckWarehouse(':memory:');
  await loadTables(wh.connection, workbookTableRows(a.model.workbook));
});
afterAll(() => wh.close());

const sorted = (rows: object[]) => rows.map((r) => JSON.stringify(r)).sort();
const twins = () => statementTwins(DATASET, (d) => refreshStatements(d, a.settings, a.now));

async function fake(options: Partial<FakeBigQueryOptions> = {}) {
  let t = NOW;
  const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
  const bq = await createFakeBigQuery(wh.connection, twins(), { project: 'acme-marketing', clock, ...options });
  return { bq, clock, jobs: bq.service.Jobs as unknown as BigQueryJobs };
}

describe('the BigQuery advanced-service runner', () => {
  it('returns what DuckDB returns, page after page, driven synchronously or as promises', async () => {
    const { bq, clock, jobs } = await fake({ pageRows: 3 });
    const runner = advancedServiceRunner(DATASET, { jobs, deadline: NOW + 240_000, now: clock.now });
    const statements = refreshStatements(runner.dialect, a.settings, a.now);
    const fromService = driveSync(allStatements(statements), (s) => runner.runSync(s));
    const fromDuck = await runAll(wh, refreshStatements(wh.dialect, a.settings, a.now));
    expect([...fromService.keys()]).toEqual([...fromDuck.keys()]);
    // Rows in any order: a query without ORDER BY may return them differently on each run.
    for (const [name, rows] of fromDuck) expect(sorted(fromService.get(name)!), name).toEqual(sorted(rows));
    // Some result took more than one page, so page tokens were followed.
    expect(bq.calls.some((c) => c.method === 'getQueryResults' && c.args.pageToken)).toBe(true);
    expect(bq.jobs).toEqual(statements.map((s) => s.name));
    // The same runner behind the promise interface (Apps Script's V8 runs promises too).
    const again = await runAll(runner, statements);
    expect(sorted(again.get('metric_days')!)).toEqual(sorted(fromDuck.get('metric_days')!));
  });

  it('sends GoogleSQL as labelled standard-SQL jobs, and waits for an incomplete job within the budget', async () => {
    const { bq, clock, jobs } = await fake({ pendingPolls: { cs_touch: 3 } });
    const runner = advancedServiceRunner(DATASET, { jobs, deadline: NOW + 240_000, now: clock.now });
    driveSync(allStatements(refreshStatements(runner.dialect, a.settings, a.now)), (s) => runner.runSync(s));
    const first = bq.calls.find((c) => c.statement === 'cs_touch' && c.method === 'query')!;
    expect(first.args).toMatchObject({ useLegacySql: false, labels: { app: 'campaign-sheets', statement: 'cs_touch' }, timeoutMs: POLL_WAIT_MS });
    const polls = bq.calls.filter((c) => c.statement === 'cs_touch' && c.method === 'getQueryResults');
    expect(polls).toHaveLength(3);
    expect(polls.every((p) => p.args.location === 'US' && (p.args.timeoutMs as number) <= POLL_WAIT_MS)).toBe(true);
  });

  it('stops at the deadline with the job named, leaving it to finish in BigQuery', async () => {
    const { clock, jobs } = await fake({ pendingPolls: { cs_path: 100 } });
    const runner = advancedServiceRunner(DATASET, { jobs, deadline: NOW + 150_000, now: clock.now });
    expect(() => driveSync(allStatements(refreshStatements(runner.dialect, a.settings, a.now)), (s) => runner.runSync(s)))
      .toThrow(/BigQuery statement "cs_path" is still running in BigQuery \(job job_\d+\).*6 minutes.*Nothing was written.*billed/);
    // Every wait was cut to what was left: the run ends at its deadline, not a minute later.
    expect(clock.now()).toBe(NOW + 150_000);
  });

  it('names the statement when BigQuery refuses it', async () => {
    const { jobs, clock } = await fake({ failures: { cs_deal: 'Not found: Table acme-marketing:campaigns.deals was not found in location US' } });
    const runner = advancedServiceRunner(DATASET, { jobs, deadline: NOW + 240_000, now: clock.now });
    expect(() => driveSync(allStatements(refreshStatements(runner.dialect, a.settings, a.now)), (s) => runner.runSync(s)))
      .toThrow('BigQuery statement "cs_deal" failed: Not found: Table acme-marketing:campaigns.deals was not found in location US. Nothing was written');
    await expect(runner.run(refreshStatements(runner.dialect, a.settings, a.now).find((s) => s.name === 'cs_deal')!)).rejects.toThrow(/cs_deal/);
  });

  it('refuses text the engine did not generate, and a project that is not the dataset\'s', async () => {
    const { jobs, clock } = await fake();
    const runner = advancedServiceRunner('other-project.campaigns', { jobs, deadline: NOW + 240_000, now: clock.now });
    expect(() => runner.runSync({ name: 'x', kind: 'result', sql: 'SELECT 1' })).toThrow(/Access Denied/);
    const right = advancedServiceRunner(DATASET, { jobs, deadline: NOW + 240_000, now: clock.now });
    expect(() => right.runSync({ name: 'x', kind: 'result', sql: 'SELECT 1' })).toThrow(/no DuckDB twin/);
  });
});

describe('REST rows', () => {
  const fields = [{ name: 'n', type: 'INTEGER' }, { name: 'x', type: 'FLOAT64' }, { name: 's', type: 'STRING' }];
  it('reads numbers from their text, text as text, NULL as null; an empty result has no rows field', () => {
    expect(restRows(fields, [{ f: [{ v: '9007199254740991' }, { v: '0.125' }, { v: '12' }] }, { f: [{ v: null }, { v: '-1E-3' }, { v: null }] }], 'q'))
      .toEqual([{ n: 9007199254740991, x: 0.125, s: '12' }, { n: null, x: -0.001, s: null }]);
    expect(restRows(fields, undefined, 'q')).toEqual([]);
  });
  it('refuses types no warehouse result returns, and ragged rows', () => {
    expect(() => restRows([{ name: 't', type: 'TIMESTAMP' }], [], 'q')).toThrow('q: column "t" has type TIMESTAMP');
    expect(() => restRows([{ name: 'a', type: 'STRING', mode: 'REPEATED' }], [], 'q')).toThrow(/array/);
    expect(() => restRows(fields, [{ f: [{ v: '1' }] }], 'q')).toThrow('a row has 1 cells for 3 columns');
    expect(() => restRows(fields, [{ f: [{ v: 'x' }, { v: '1' }, { v: '' }] }], 'q')).toThrow('column "n" holds "x", not a number');
  });
});

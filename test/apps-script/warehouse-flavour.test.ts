/**
 * @fileoverview The warehouse flavour end to end, as Apps Script loads it: dist-warehouse/Code.js in
 * a `node:vm` context with the fake spreadsheet services and the fake BigQuery advanced service
 * (answering from DuckDB). A spreadsheet without source tabs, given the BigQuery setting, refreshes
 * all reports and gets the tabs the workbook path writes for the same data (the default build on a
 * spreadsheet holding the data), and formulas answer from the store it wrote as they answer there.
 * Also: both manifests' scopes, and the default build refusing the setting.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import vm from 'node:vm';
import { build, BIGQUERY_SCOPE } from '../../build.mjs';
import { createFakeAppsScript, GLOBAL_NAMES, type FakeAppsScript } from '../fakes';
import { createFakeBigQuery, statementTwins, type FakeBigQuery } from '../fakes/bigquery';
import { NOW, tinyWorkbook } from '../helpers/workbooks';
import { generateDemoWorkbook } from '../../src/demo/generate';
import { readWorkbook } from '../../src/engine/workbook/read-workbook';
import { buildModel } from '../../src/engine/model/model';
import { openDuckWarehouse, loadTables } from '../../src/warehouse/duckdb';
import { workbookTableRows } from '../../src/engine/warehouse/table-rows';
import { refreshStatements } from '../../src/engine/warehouse/refresh';
import { contactsWithRevenueStatement } from '../../src/engine/warehouse/statements';
import { resolveSettings } from '../../src/engine/settings';
import { presetRange } from '../../src/engine/time/range';
import { timeZone } from '../../src/engine/time/zone';
import type { RawWorkbook } from '../../src/engine/workbook/raw';
import type { DocumentSettings, RefreshResult, SidebarQuery, SidebarState } from '../../src/shared/sidebar-api';
import type { Dialect } from '../../src/engine/warehouse/dialect';
import type { Statement } from '../../src/engine/warehouse/statements';
import { drive, driveSync, runAll, type ResultRow } from '../../src/engine/warehouse/runner';
import { storeFromResults } from '../../src/engine/warehouse/results';
import { prepare } from '../../src/engine/warehouse/warehouse-report-data';
import { reportDataPlan } from '../../src/engine/warehouse/warehouse-reports';
import { buildReportsFrom, REPORT_KEYS } from '../../src/engine/reports/all-reports';
import { rangeOf, resolveQueryOn, storeQueryContext } from '../../src/engine/reports/query';
import { summaryFigures } from '../../src/engine/reports/summary';
import type { ReportData } from '../../src/engine/reports/report-data';
import type { QueryInput } from '../../src/engine/reports/query';
import type { ReportKey } from '../../src/engine/reports/report-names';
import { CAMPAIGN_REPORTS } from '../../src/server/app';
import { toQueryInput } from '../../src/server/saved-reports';

const root = join(__dirname, '..', '..');
const PROJECT = 'acme-marketing';
const DATASET = 'campaigns';

/** Every run here sees the same "now", so the two paths' tabs can be compared cell by cell. */
class FixedDate extends Date {
  constructor(...args: unknown[]) {
    if (args.length) super(...(args as [number]));
    else super(NOW);
  }
  static override now() {
    return NOW;
  }
  /** Dates the fakes make (outside the vm) are still Dates to the bundle, as in Apps Script's one realm. */
  static override [Symbol.hasInstance](x: unknown) {
    return Object.prototype.toString.call(x) === '[object Date]';
  }
}

type Globals = Record<string, (...args: unknown[]) => unknown>;

function load(code: string, sheets: RawWorkbook, zone: string, bigQuery?: FakeBigQuery): { fake: FakeAppsScript; g: Globals } {
  const fake = createFakeAppsScript({ timeZone: zone, sheets: Object.keys(sheets).length ? sheets : undefined, htmlFiles: { Sidebar: 'x' }, startTime: NOW });
  const context = vm.createContext({ ...fake.globals(), Date: FixedDate, ...(bigQuery ? { BigQuery: bigQuery.service } : {}) });
  vm.runInContext(code, context, { filename: 'Code.js' });
  return { fake, g: context as unknown as Globals };
}

/** The DuckDB twins of what a refresh of all reports sends, for this spreadsheet's settings. */
/** A refresh the test will ask for: its query and the tabs it writes. */
interface Run { input: QueryInput; keys: readonly ReportKey[] }

const ALL_REPORTS: Run = { input: {}, keys: REPORT_KEYS };

async function fakeBigQuery(raw: RawWorkbook, zone: string, failures: Record<string, string> = {}, runs: Run[] = [ALL_REPORTS]): Promise<FakeBigQuery> {
  const settings = resolveSettings({ timeZone: zone, currency: 'USD' });
  const wb = readWorkbook(raw, { timeZone: zone });
  buildModel(wb);
  const wh = await openDuckWarehouse(':memory:');
  await loadTables(wh.connection, workbookTableRows(wb));
  const all = presetRange('all', timeZone(zone), NOW);
  const bound = (t: number) => (Number.isFinite(t) ? t : null);
  // The per-campaign queries each refresh asks: the same plan as the add-on's, driven here on
  // DuckDB, then replayed in either dialect for its text.
  const results = await runAll(wh, refreshStatements(wh.dialect, settings, NOW));
  const store = storeFromResults({ results, settings, now: NOW });
  const check = { findings: [], rowsRead: {}, rowsUsed: {} };
  const computes = runs.map(({ input, keys }) => {
    const q = resolveQueryOn(storeQueryContext(store.meta), input);
    const range = rangeOf({ zone: timeZone(zone), now: NOW }, q);
    return (d: ReportData) => ({ tabs: buildReportsFrom(d, q, keys), figures: summaryFigures(d, q, range) });
  });
  const answers: ResultRow[][][] = [];
  for (const compute of computes) {
    const got: ResultRow[][] = [];
    answers.push(got);
    await drive(reportDataPlan(prepare({ dialect: wh.dialect, store, results, currency: 'USD', check }), compute), async (st) => {
      const rows = await wh.run(st);
      got.push(rows);
      return rows;
    });
  }
  const perCampaign = (d: Dialect): Statement[] => computes.flatMap((compute, r) => {
    const asked: Statement[] = [];
    driveSync(reportDataPlan(prepare({ dialect: d, store, results, currency: 'USD', check }), compute), (st) => answers[r][asked.push(st) - 1]);
    return asked;
  });
  const twins = statementTwins(`${PROJECT}.${DATASET}`, (d) => [
    ...refreshStatements(d, settings, NOW),
    // The Overview's and the summary's contacts with revenue over the default range.
    contactsWithRevenueStatement(d, [{ from: bound(all.from), to: bound(all.to) }]),
    ...perCampaign(d),
  ]);
  return createFakeBigQuery(wh.connection, twins, { project: PROJECT, pageRows: 7, failures });
}

function expectSameCells(expected: unknown, got: unknown, what: string) {
  if (typeof expected === 'number' && typeof got === 'number') {
    expect(Math.abs(got - expected), `${what}: ${got} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(got) && got.length, `${what} length`).toBe(expected.length);
    expected.forEach((x, i) => expectSameCells(x, (got as unknown[])[i], `${what}[${i}]`));
  } else if (expected instanceof Date) {
    expect((got as Date).getTime(), what).toBe(expected.getTime());
  } else {
    expect(got, what).toEqual(expected);
  }
}

const sheetsOf = (fake: FakeAppsScript) => new Map(fake.snapshot().sheets.map((s) => [s.name, s]));

async function refreshBothWays(raw: RawWorkbook, zone: string, code: { plain: string; warehouse: string }, failures: Record<string, string> = {}, runs?: Run[]) {
  const workbook = load(code.plain, raw, zone);
  workbook.g.refreshAllReports();
  const bq = await fakeBigQuery(raw, zone, failures, runs);
  const warehouse = load(code.warehouse, {}, zone, bq);
  const state = warehouse.g.getSidebarState() as SidebarState;
  expect(state.warehouseAvailable).toBe(true);
  const saved = warehouse.g.saveSettings({ ...state.settings, warehouse: { project: ` ${PROJECT} `, dataset: DATASET } } satisfies DocumentSettings) as SidebarState;
  expect(saved.settings.warehouse).toEqual({ project: PROJECT, dataset: DATASET });
  warehouse.g.refreshAllReports();
  return { workbook, warehouse, bq };
}

describe('the warehouse flavour', () => {
  const code = { plain: '', warehouse: '' };
  let manifests: { plain: { oauthScopes: string[]; dependencies?: unknown }; warehouse: { oauthScopes: string[]; dependencies?: unknown } };
  beforeAll(async () => {
    await build();
    await build({ warehouse: true });
    code.plain = await readFile(join(root, 'dist', 'Code.js'), 'utf8');
    code.warehouse = await readFile(join(root, 'dist-warehouse', 'Code.js'), 'utf8');
    manifests = {
      plain: JSON.parse(await readFile(join(root, 'dist', 'appsscript.json'), 'utf8')),
      warehouse: JSON.parse(await readFile(join(root, 'dist-warehouse', 'appsscript.json'), 'utf8')),
    };
  }, 180_000);

  it('has its own manifest with the bigquery scope and service; the default keeps its two scopes and no BigQuery code', () => {
    expect(manifests.plain.oauthScopes).toEqual(['https://www.googleapis.com/auth/spreadsheets.currentonly', 'https://www.googleapis.com/auth/script.container.ui']);
    expect(manifests.plain.dependencies).toBeUndefined();
    expect(manifests.warehouse.oauthScopes).toEqual([...manifests.plain.oauthScopes, BIGQUERY_SCOPE]);
    expect(BIGQUERY_SCOPE).toBe('https://www.googleapis.com/auth/bigquery');
    expect(manifests.warehouse.dependencies).toEqual({ enabledAdvancedServices: [{ userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' }] });
    expect(code.plain).not.toMatch(/BigQuery\.Jobs|getQueryResults/);
    expect(code.warehouse).toMatch(/BigQuery\.Jobs/);
    // The same globals in both: menus, triggers and formulas are the same add-on.
    const globals = (c: string) => [...c.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]).sort();
    expect(globals(code.warehouse)).toEqual(globals(code.plain));
  });

  it('refreshes the tiny example from BigQuery, reading no source tab, into the tabs the workbook path writes', async () => {
    const failures: Record<string, string> = {};
    const query = { campaign: 'C1', contactAttribution: 'first touch', preset: 'all', reportType: 'revenue', model: 'Linear', frequency: 'auto' };
    const { workbook, warehouse, bq } = await refreshBothWays(tinyWorkbook(), 'UTC', code, failures,
      [ALL_REPORTS, { input: toQueryInput(query as SidebarQuery), keys: [...CAMPAIGN_REPORTS, 'data-check'] }]);
    const expected = sheetsOf(workbook.fake);
    const got = sheetsOf(warehouse.fake);
    const written = [...got.keys()].filter((n) => n.startsWith('CS ') && !['CS Formula store', 'CS Version'].includes(n));
    expect(written).toEqual(expect.arrayContaining(['CS Overview', 'CS Contacts & sessions', 'CS Model comparison', 'CS Removal effects', 'CS Data check']));
    for (const name of written.filter((n) => n !== 'CS Data check')) {
      const e = expected.get(name)!;
      expectSameCells(e.values, got.get(name)!.values, name);
      expect(got.get(name)!.numberFormats, name).toEqual(e.numberFormats);
    }
    // No source tab exists, so none was read; every statement ran as one BigQuery job.
    expect([...got.keys()].some((n) => ['Campaigns', 'Interactions'].includes(n))).toBe(false);
    expect(bq.jobs.length).toBeGreaterThan(20);
    const check = got.get('CS Data check')!.values.flat().join(' ');
    expect(check).toContain(`BigQuery dataset ${PROJECT}.${DATASET}: the source tabs were not read`);

    // Formulas answer from the store the refresh wrote, as they answer from the tabs.
    for (const [f, args] of [['MODEL_COMPARISON', ['revenue']], ['CAMPAIGN_METRIC', ['C1', 'sessions']], ['REMOVAL_EFFECTS', ['contact create']]] as const) {
      const want = workbook.fake.asCustomFunction(() => workbook.g[f](...args));
      const have = warehouse.fake.asCustomFunction(() => warehouse.g[f](...args));
      expectSameCells(want, have, f);
    }
    // The sidebar now lists the campaigns of that refresh, without querying BigQuery.
    const jobs = bq.jobs.length;
    const state = warehouse.g.getSidebarState() as SidebarState;
    expect(state.campaigns.map((c) => c.id)).toEqual((workbook.g.getSidebarState() as SidebarState).campaigns.map((c) => c.id));
    expect(state.formulas?.summary).toContain(`computed in BigQuery ${PROJECT}.${DATASET}`);
    expect(bq.jobs.length).toBe(jobs);

    // One campaign's refresh: its tabs from BigQuery, the sidebar's summary as the workbook path's.
    const fromTabs = workbook.g.refreshReports({ scope: 'campaign', query }) as RefreshResult;
    const fromBigQuery = warehouse.g.refreshReports({ scope: 'campaign', query }) as RefreshResult;
    expect(fromBigQuery.summary).toEqual(fromTabs.summary);
    expect(fromBigQuery.summary.find(([label]) => label === 'Sessions')![1]).not.toBe('0');
    expect(fromBigQuery.tabs).toEqual(fromTabs.tabs);
    expect((fromBigQuery.notes ?? []).join(' ')).not.toContain('Not laid out from BigQuery');

    // A refresh that BigQuery fails part-way writes nothing: the previous reports stay.
    failures.cs_path = 'Resources exceeded during query execution';
    const before = warehouse.fake.snapshot();
    expect(() => warehouse.g.refreshAllReports()).toThrow('BigQuery statement "cs_path" failed: Resources exceeded during query execution. Nothing was written');
    expect(warehouse.fake.snapshot()).toEqual(before);
  }, 120_000);

  it('does the same on a demo workbook in another time zone', async () => {
    const raw = generateDemoWorkbook({ seed: 11, days: 90, campaigns: 6, assets: 40, contacts: 150, deals: 40, interactions: 1500, anonymousVisitors: 80, end: new Date(NOW) });
    const { workbook, warehouse } = await refreshBothWays(raw, 'Europe/Paris', code);
    const expected = sheetsOf(workbook.fake);
    const got = sheetsOf(warehouse.fake);
    // Real figures on both sides (a campaign with sessions), not two empty tabs.
    expect(expected.get('CS Overview')!.values.find((r) => r[0] === 'Sessions')![1]).toBeGreaterThan(0);
    for (const name of ['CS Overview', 'CS Contacts & sessions', 'CS Model comparison', 'CS Removal effects']) expectSameCells(expected.get(name)!.values, got.get(name)!.values, name);
    const want = workbook.fake.asCustomFunction(() => workbook.g.MODEL_COMPARISON('deal create'));
    expectSameCells(want, warehouse.fake.asCustomFunction(() => warehouse.g.MODEL_COMPARISON('deal create')), 'MODEL_COMPARISON');
  }, 120_000);

  it('refuses a bad setting with a clear message, and the default build refuses the setting at all', async () => {
    const bq = await fakeBigQuery(tinyWorkbook(), 'UTC');
    const warehouse = load(code.warehouse, {}, 'UTC', bq);
    const state = warehouse.g.getSidebarState() as SidebarState;
    expect(() => warehouse.g.saveSettings({ ...state.settings, warehouse: { project: 'Acme', dataset: DATASET } })).toThrow(/BigQuery project "Acme" is not a Google Cloud project ID/);
    expect(() => warehouse.g.saveSettings({ ...state.settings, warehouse: { project: PROJECT, dataset: 'my-data' } })).toThrow(/BigQuery dataset "my-data" is not a dataset name/);
    const plain = load(code.plain, tinyWorkbook(), 'UTC');
    const plainState = plain.g.getSidebarState() as SidebarState;
    expect(plainState.warehouseAvailable).toBe(false);
    expect(() => plain.g.saveSettings({ ...plainState.settings, warehouse: { project: PROJECT, dataset: DATASET } })).toThrow(/built without BigQuery access/);
    expect(GLOBAL_NAMES).not.toContain('BigQuery');
  }, 60_000);
});

/**
 * @fileoverview A refresh with the warehouse setting: no source tab is read. The warehouse
 * statements run in BigQuery (stages rebuilt every time, since the data there keeps arriving),
 * their small results become the formula store and the report tabs by the same engine code as
 * the command line's `--warehouse`, and the tabs and store are written as a workbook refresh
 * writes them. Everything is asked of BigQuery before anything is written, so a failure or a
 * run out of time leaves the previous reports as they were.
 */
import { refreshStatements } from '../engine/warehouse/refresh';
import { allStatements, driveSync, type SyncStatementRunner } from '../engine/warehouse/runner';
import { storeFromResults } from '../engine/warehouse/results';
import { prepare } from '../engine/warehouse/warehouse-report-data';
import { reportDataPlan } from '../engine/warehouse/warehouse-reports';
import { buildReportsFrom, DATA_REPORT_KEYS, REPORT_KEYS, type ReportKey } from '../engine/reports/all-reports';
import { REPORT_NAMES } from '../engine/reports/report-names';
import { rangeOf, resolveQueryOn, storeQueryContext } from '../engine/reports/query';
import { summaryFigures } from '../engine/reports/summary';
import { formatCell } from '../engine/report-tab/display-format';
import { dateTimeText, timeZone } from '../engine/time/zone';
import type { DataCheck } from '../engine/workbook/data-check';
import type { RefreshRequest, RefreshResult, WarehouseSetting } from '../shared/sidebar-api';
import type { ServerContext } from './ports';
import { engineSettings, loadDashboards, loadSettings, storeSettings } from './settings-store';
import { storeDataCheck } from './refresh-state';
import { toQueryInput } from './saved-reports';
import { warehouseName } from './warehouse-setting';

/**
 * Time BigQuery may take in one run: Apps Script stops a run at 6 minutes, and writing the tabs
 * needs the rest.
 */
export const WAREHOUSE_BUDGET_MS = 4 * 60_000;

/** The warehouse reads no rows itself: what it skips (blank IDs, unreadable dates) it skips silently. */
const NO_CHECK: DataCheck = { findings: [], rowsRead: {}, rowsUsed: {} };

export function refreshFromWarehouse(ctx: ServerContext, req: RefreshRequest, setting: WarehouseSetting, campaignReports: readonly ReportKey[]): RefreshResult {
  if (!ctx.warehouse) {
    throw new Error('This copy of Campaign Sheets was built without BigQuery access (it asks for two permissions only). ' +
      'Clear the BigQuery dataset in Settings to refresh from the source tabs, or install the warehouse build (README: "The add-on on BigQuery").');
  }
  const started = ctx.now();
  const name = warehouseName(setting);
  const runner: SyncStatementRunner = ctx.warehouse.runner(setting, started + WAREHOUSE_BUDGET_MS);
  const settings = engineSettings(ctx.properties, { timeZone: ctx.workbook.timeZone(), currency: ctx.workbook.currency() });
  const now = ctx.now();
  const timing = (statement: string, ms: number) => ctx.progress(`BigQuery ${name}: ${statement} (${(ms / 1000).toFixed(1)} s)`);
  ctx.progress(`Running the statements in BigQuery ${name}...`);
  const results = driveSync(allStatements(refreshStatements(runner.dialect, settings, now)), (s) => runner.runSync(s), timing);
  const store = storeFromResults({ results, settings, now });
  const prepared = prepare({ dialect: runner.dialect, store, results, currency: settings.currency, check: NO_CHECK });
  const zone = timeZone(settings.timeZone);
  const q = resolveQueryOn(storeQueryContext(store.meta), toQueryInput(req.query));
  const all = req.scope === 'all';
  const wanted: readonly ReportKey[] = all ? REPORT_KEYS : [...campaignReports, 'data-check'];
  const keys = wanted.filter((k) => DATA_REPORT_KEYS.includes(k));
  const skipped = wanted.filter((k) => !keys.includes(k));
  // The tabs and the sidebar's summary in the same passes: what either lacks is asked of BigQuery.
  const range = rangeOf({ zone, now }, q);
  const { tabs, figures } = driveSync(reportDataPlan(prepared, (d) => ({ tabs: buildReportsFrom(d, q, keys), figures: summaryFigures(d, q, range) })),
    (s) => runner.runSync(s), timing);
  const check = tabs.find((t) => t.key === 'data-check');
  check?.parameters.push(
    ['Source', `BigQuery dataset ${name}: the source tabs were not read, and rows the SQL cannot use are skipped without a finding.`],
    ...(all ? [['Formula answers', `Formulas answer as of this refresh (${dateTimeText(now, zone)}) from BigQuery ${name}; those given CS_VERSION as their last argument recompute now.`] as [string, string]] : []),
  );
  ctx.progress(`Writing ${tabs.length} tabs...`);
  const outcome = ctx.workbook.writeTabs(tabs, { formulaStore: all ? store : undefined, warehouse: name });
  storeDataCheck(ctx.properties, { errors: 0, warnings: 0, messages: [], checkedAt: null }, now);
  storeSettings(ctx.properties, { ...loadSettings(ctx.properties), lastQuery: req.query });
  const notWritten = new Set(outcome.skipped.map((x) => x.tab));
  const notes = [
    ...outcome.skipped.map((x) => x.reason),
    ...(skipped.length ? [`Not laid out from BigQuery yet, so left as they were: ${skipped.map((k) => REPORT_NAMES[k]).join(', ')}.`] : []),
    ...(all && loadDashboards(ctx.properties).length ? ['Dashboards are computed from the source tabs, so they were left as they were.'] : []),
  ];
  return {
    tabs: tabs.map((t) => t.name).filter((n) => !notWritten.has(n)),
    summary: figures.map((f) => [f.label, formatCell(f.value, f.format, { currency: settings.currency })]),
    // The contacts behind a count are rows, which stay in BigQuery.
    lists: [],
    dataCheck: { errors: 0, warnings: 0, messages: [], checkedAt: new Date(now).toISOString() },
    durationMs: ctx.now() - started,
    notes,
  };
}

/**
 * @fileoverview Report tabs from a warehouse: the same builders as the workbook path
 * (buildReportsFrom) on warehouse report data, passes repeated until every per-campaign query they
 * need has been run (two or three passes: figures, then the drill-down's touches).
 */
import { buildReportsFrom, DATA_REPORT_KEYS, type ReportKey } from '../reports/all-reports';
import type { ReportData } from '../reports/report-data';
import type { ReportQuery } from '../reports/query';
import type { ReportTab } from '../report-tab/report-tab';
import { drive, type StatementRunner, type Timing, type WarehousePlan } from './runner';
import { warehouseReportData, type Fetched, type Prepared, type Request } from './warehouse-report-data';

const MAX_PASSES = 5;

/** Anything computed from report data (tabs, a summary), asking the warehouse for what it lacks. */
export function* reportDataPlan<T>(p: Prepared, compute: (d: ReportData) => T): WarehousePlan<T> {
  const fetched: Fetched = new Map();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const missing = new Map<string, Request>();
    const value = compute(warehouseReportData(p, fetched, missing));
    if (!missing.size) return value;
    for (const r of missing.values()) fetched.set(r.key, yield r.statement);
  }
  throw new Error('The report tabs kept asking the warehouse for more; this is a bug.');
}

export const warehouseReportsPlan = (p: Prepared, q: ReportQuery, keys: readonly ReportKey[] = DATA_REPORT_KEYS): WarehousePlan<ReportTab[]> =>
  reportDataPlan(p, (d) => buildReportsFrom(d, q, keys));

export function buildWarehouseReports(runner: StatementRunner, p: Prepared, q: ReportQuery, keys: readonly ReportKey[] = DATA_REPORT_KEYS,
  timing?: Timing): Promise<ReportTab[]> {
  return drive(warehouseReportsPlan(p, q, keys), (s) => runner.run(s), timing);
}

/**
 * @fileoverview Report tabs from a warehouse: the same builders as the workbook path
 * (buildReportsFrom) on warehouse report data, passes repeated until every per-campaign query they
 * need has been run (two or three passes: figures, then the drill-down's touches).
 */
import { buildReportsFrom, DATA_REPORT_KEYS, type ReportKey } from '../reports/all-reports';
import type { ReportQuery } from '../reports/query';
import type { ReportTab } from '../report-tab/report-tab';
import type { StatementRunner } from './runner';
import { warehouseReportData, type Fetched, type Prepared, type Request } from './warehouse-report-data';

const MAX_PASSES = 5;

export async function buildWarehouseReports(runner: StatementRunner, p: Prepared, q: ReportQuery, keys: readonly ReportKey[] = DATA_REPORT_KEYS,
  timing?: (name: string, ms: number) => void): Promise<ReportTab[]> {
  const fetched: Fetched = new Map();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const missing = new Map<string, Request>();
    const tabs = buildReportsFrom(warehouseReportData(p, fetched, missing), q, keys);
    if (!missing.size) return tabs;
    for (const r of missing.values()) {
      const t0 = Date.now();
      fetched.set(r.key, await runner.run(r.statement));
      timing?.(r.statement.name, Date.now() - t0);
    }
  }
  throw new Error('The report tabs kept asking the warehouse for more; this is a bug.');
}

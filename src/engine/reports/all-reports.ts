/**
 * @fileoverview Every report tab of one run, in the order they appear in the workbook.
 */
import type { Analysis } from '../analysis';
import type { ReportTab } from '../report-tab/report-tab';
import { assetsTab } from './assets';
import { attributionTab, modelComparisonTab } from './attribution';
import { contactsSessionsTab } from './contacts-sessions';
import { contactsTab } from './contacts';
import { dataCheckTab } from './data-check-tab';
import { overviewTab } from './overview';
import { removalEffectsTab } from './removal-effects';
import { revenueAttributionTab, revenueTab } from './revenue';
import { trafficTab } from './traffic';
import type { ReportQuery } from './query';
import type { ReportData } from './report-data';
import { liveReportData } from './live-report-data';

import { REPORT_KEYS, type ReportKey } from './report-names';

export { REPORT_KEYS, type ReportKey };

/** Every tab is laid out from report data: the same from the live analysis and from a warehouse. */
const BUILDERS: Record<ReportKey, (d: ReportData, q: ReportQuery) => ReportTab> = {
  overview: overviewTab,
  revenue: revenueTab,
  'revenue-attribution': revenueAttributionTab,
  contacts: contactsTab,
  'contacts-sessions': contactsSessionsTab,
  assets: assetsTab,
  traffic: trafficTab,
  attribution: attributionTab,
  'model-comparison': modelComparisonTab,
  'removal-effects': removalEffectsTab,
  'data-check': (d) => dataCheckTab(d),
};

/** The report keys a warehouse can lay out: all of them. */
export const DATA_REPORT_KEYS: readonly ReportKey[] = REPORT_KEYS;

/** The campaign's report tabs (or the chosen ones), each built from the one analysis. */
export function buildReports(a: Analysis, q: ReportQuery, keys: readonly ReportKey[] = REPORT_KEYS, progress?: (msg: string) => void): ReportTab[] {
  return buildReportsFrom(liveReportData(a), q, keys, progress);
}

/** The tabs laid out from any report data (a live analysis or a warehouse's results). */
export function buildReportsFrom(d: ReportData, q: ReportQuery, keys: readonly ReportKey[] = REPORT_KEYS, progress?: (msg: string) => void): ReportTab[] {
  return keys.map((k) => {
    progress?.(`Computing ${k}...`);
    return BUILDERS[k](d, q);
  });
}

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

/** Tabs laid out from report data: the same from the live analysis and from a warehouse. */
const DATA_BUILDERS: Partial<Record<ReportKey, (d: ReportData, q: ReportQuery) => ReportTab>> = {
  overview: overviewTab,
  'contacts-sessions': contactsSessionsTab,
  'model-comparison': modelComparisonTab,
  'removal-effects': removalEffectsTab,
  'data-check': (d) => dataCheckTab(d),
};

/**
 * Tabs still built from the analysis itself (their figures are not yet part of ReportData, so a
 * warehouse cannot lay them out).
 */
const ANALYSIS_BUILDERS: Partial<Record<ReportKey, (a: Analysis, q: ReportQuery) => ReportTab>> = {
  revenue: revenueTab,
  'revenue-attribution': revenueAttributionTab,
  contacts: contactsTab,
  assets: assetsTab,
  traffic: trafficTab,
  attribution: attributionTab,
};

/** The report keys a warehouse can lay out. */
export const DATA_REPORT_KEYS: readonly ReportKey[] = REPORT_KEYS.filter((k) => DATA_BUILDERS[k]);

/** The campaign's report tabs (or the chosen ones), each built from the one analysis. */
export function buildReports(a: Analysis, q: ReportQuery, keys: readonly ReportKey[] = REPORT_KEYS, progress?: (msg: string) => void): ReportTab[] {
  const d = liveReportData(a);
  return keys.map((k) => {
    progress?.(`Computing ${k}...`);
    const fromData = DATA_BUILDERS[k];
    return fromData ? fromData(d, q) : ANALYSIS_BUILDERS[k]!(a, q);
  });
}

/** The tabs laid out from any report data (a live analysis or a warehouse's results). */
export function buildReportsFrom(d: ReportData, q: ReportQuery, keys: readonly ReportKey[] = DATA_REPORT_KEYS, progress?: (msg: string) => void): ReportTab[] {
  return keys.map((k) => {
    const build = DATA_BUILDERS[k];
    if (!build) throw new Error(`The ${k} tab cannot be laid out from a warehouse yet.`);
    progress?.(`Computing ${k}...`);
    return build(d, q);
  });
}

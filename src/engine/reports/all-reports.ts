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

import { REPORT_KEYS, type ReportKey } from './report-names';

export { REPORT_KEYS, type ReportKey };

const BUILDERS: Record<ReportKey, (a: Analysis, q: ReportQuery) => ReportTab> = {
  overview: overviewTab,
  revenue: revenueTab,
  'revenue-attribution': revenueAttributionTab,
  'contacts-sessions': contactsSessionsTab,
  contacts: contactsTab,
  assets: assetsTab,
  traffic: trafficTab,
  attribution: attributionTab,
  'model-comparison': modelComparisonTab,
  'removal-effects': removalEffectsTab,
  'data-check': (a) => dataCheckTab(a),
};

/** The campaign's report tabs (or the chosen ones), each built from the one analysis. */
export function buildReports(a: Analysis, q: ReportQuery, keys: readonly ReportKey[] = REPORT_KEYS, progress?: (msg: string) => void): ReportTab[] {
  return keys.map((k) => {
    progress?.(`Computing ${k}...`);
    return BUILDERS[k](a, q);
  });
}

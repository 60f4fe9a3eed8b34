/**
 * @fileoverview A dashboard tab: each of its saved reports, computed with the parameters it was
 * saved with, as its tables and charts one under the other.
 */
import type { Analysis } from '../analysis';
import type { ReportTab } from '../report-tab/report-tab';
import { buildReports } from './all-reports';
import { isReportKey } from './report-names';
import { resolveQuery, type QueryInput } from './query';
import { dateTimeText } from '../time/zone';

export interface DashboardItem {
  name: string;
  report: string;
  query: QueryInput;
}

export const DASHBOARD_PREFIX = 'CS Dashboard: ';

export const dashboardTabName = (name: string) => `${DASHBOARD_PREFIX}${name}`.slice(0, 100);

export { isReportKey };

export function dashboardTab(a: Analysis, name: string, items: DashboardItem[]): ReportTab {
  const tab: ReportTab = {
    name: dashboardTabName(name),
    key: `dashboard-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    title: `Dashboard: ${name}`,
    parameters: [['Saved reports', String(items.length)], ['Time zone', a.zone.name], ['Data as of', dateTimeText(a.now, a.zone)]],
    blocks: [],
    charts: [],
  };
  items.forEach((item, i) => {
    if (!isReportKey(item.report)) throw new Error(`Saved report "${item.name}" refers to an unknown report "${item.report}".`);
    const [report] = buildReports(a, resolveQuery(a, item.query), [item.report]);
    const summary = report.parameters.filter(([label]) => label !== 'Time zone' && label !== 'Data as of').map(([l, v]) => `${l}: ${v}`).join(' · ');
    const prefix = `r${i + 1}-`;
    report.blocks.forEach((b, j) => {
      tab.blocks.push({ ...b, id: prefix + b.id, title: j === 0 ? `${item.name}: ${b.title}` : b.title, note: j === 0 ? [summary, b.note].filter(Boolean).join('. ') : b.note });
    });
    for (const c of report.charts) tab.charts.push({ ...c, id: prefix + c.id, blockId: prefix + c.blockId, title: `${item.name}: ${c.title}` });
  });
  return tab;
}

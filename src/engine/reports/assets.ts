/**
 * @fileoverview The Assets tab: each asset of a campaign over its whole history in the range
 * (association time does not limit asset reports, as in HubSpot), grouped by type.
 */
import { reportTabName } from './report-names';
import type { ReportCell, ReportTab } from '../report-tab/report-tab';
import { rangeOf, reportParameters, type ReportQuery } from './query';
import type { ReportData } from './report-data';

export function assetsTab(d: ReportData, q: ReportQuery): ReportTab {
  const range = rangeOf(d, q);
  const campaign = d.campaigns[q.campaign];
  const rows: ReportCell[][] = [];
  const byType = new Map<string, number[]>();
  for (const asset of d.assets(q.campaign, range)) {
    const values = [asset.views, asset.sessions, asset.forms, asset.clicks, asset.opens, asset.contacts];
    rows.push([asset.type, asset.name, asset.id, ...values]);
    const t = byType.get(asset.type) ?? [0, 0, 0, 0, 0, 0, 0];
    t[0]++;
    values.forEach((v, i) => (t[i + 1] += v));
    byType.set(asset.type, t);
  }
  const header = ['Views', 'Sessions', 'Form submissions', 'Clicks', 'Email opens', 'Unique contacts'];
  return {
    name: reportTabName('assets'),
    key: 'assets',
    title: `Assets: ${campaign.name}`,
    parameters: reportParameters(d, q, ['campaign', 'range'], range),
    blocks: [
      {
        id: 'by-type',
        title: 'By asset type',
        note: 'Each asset\'s whole history in the range, also before it joined the campaign. Unique contacts are summed per asset.',
        header: ['Type', 'Assets', ...header],
        formats: ['text', 'integer', 'integer', 'integer', 'integer', 'integer', 'integer', 'integer'],
        rows: [...byType].map(([type, t]) => [type, ...t]),
      },
      {
        id: 'assets',
        title: 'Assets',
        header: ['Type', 'Asset', 'Asset ID', ...header],
        formats: ['text', 'text', 'text', 'integer', 'integer', 'integer', 'integer', 'integer', 'integer'],
        rows,
      },
    ],
    charts: [{ id: 'views-by-type', title: `Views by asset type: ${campaign.name}`, type: 'bar', blockId: 'by-type', domainColumn: 0, seriesColumns: [2, 5], xTitle: 'Asset type', yTitle: 'Count' }],
  };
}

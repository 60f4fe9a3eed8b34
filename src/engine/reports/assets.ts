/**
 * @fileoverview The Assets tab: each asset of a campaign over its whole history in the range
 * (association time does not limit asset reports, as in HubSpot), grouped by type.
 */
import { reportTabName } from './report-names';
import { interactionsByAsset, type Analysis } from '../analysis';
import type { ReportCell, ReportTab } from '../report-tab/report-tab';
import { ASSET_TYPES, type InteractionType } from '../workbook/types';
import { inRange } from '../time/range';
import { rangeOf, reportParameters, type ReportQuery } from './query';

const CLICKS: ReadonlySet<InteractionType> = new Set(['email click', 'cta click', 'ad click', 'social click']);

export function assetsTab(a: Analysis, q: ReportQuery): ReportTab {
  const range = rangeOf(a, q);
  const { workbook, interactions, sessionOf, contactOf } = a.model;
  const campaign = workbook.campaigns[q.campaign];
  const byAsset = interactionsByAsset(a);
  const assets = workbook.assets
    .filter((asset) => asset.associations.some((as) => as.campaign === q.campaign))
    .sort((x, y) => ASSET_TYPES.indexOf(x.type) - ASSET_TYPES.indexOf(y.type) || (x.name || x.id).localeCompare(y.name || y.id));
  const rows: ReportCell[][] = [];
  const byType = new Map<string, number[]>();
  for (const asset of assets) {
    let views = 0, forms = 0, clicks = 0, opens = 0;
    const sessions = new Set<number>();
    const contacts = new Set<number>();
    for (const p of byAsset[asset.index]) {
      const i = interactions[p];
      if (!inRange(i.ts, range)) continue;
      if (i.type === 'page view') { views++; if (sessionOf[p] >= 0) sessions.add(sessionOf[p]); }
      else if (i.type === 'form submission') forms++;
      else if (i.type === 'email open') opens++;
      else if (CLICKS.has(i.type)) clicks++;
      if (contactOf[p] >= 0) contacts.add(contactOf[p]);
    }
    const values = [views, sessions.size, forms, clicks, opens, contacts.size];
    rows.push([asset.type, asset.name || asset.id, asset.id, ...values]);
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
    parameters: reportParameters(a, q, ['campaign', 'range'], range),
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

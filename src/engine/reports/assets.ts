/**
 * @fileoverview The Assets tab: each asset of a campaign over its whole history in the range
 * (association time does not limit asset reports, as in HubSpot). An overview by type, then one
 * block per asset type with that type's own measures and rates (one chart per count measure),
 * then each asset's detail: its daily (or monthly) series over the days it was active, and its
 * contacts.
 */
import { reportTabName } from './report-names';
import { interactionsByAsset, type Analysis } from '../analysis';
import type { CellFormat, ChartSpec, ReportBlock, ReportCell, ReportTab } from '../report-tab/report-tab';
import { ASSET_TYPES, type Asset, type AssetType } from '../workbook/types';
import { dayRange, inRange, type DateRange } from '../time/range';
import { dateTimeText } from '../time/zone';
import { dayBuckets } from '../metrics/trend';
import { ASSET_MEASURES, tallyAssets, type AssetTally } from './asset-measures';
import { rangeOf, reportParameters, type ReportQuery } from './query';

/** Contacts listed per asset in its detail; the rest are counted in the note. */
export const ASSET_CONTACTS_LIMIT = 200;

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

export function assetsTab(a: Analysis, q: ReportQuery): ReportTab {
  const range = rangeOf(a, q);
  const { workbook } = a.model;
  const campaign = workbook.campaigns[q.campaign];
  const byAsset = interactionsByAsset(a);
  const assets = workbook.assets
    .filter((asset) => asset.associations.some((as) => as.campaign === q.campaign))
    .sort((x, y) => ASSET_TYPES.indexOf(x.type) - ASSET_TYPES.indexOf(y.type) || (x.name || x.id).localeCompare(y.name || y.id));
  const tallies = tallyAssets(a, assets.map((x) => x.index), byAsset, range);
  const types = ASSET_TYPES.filter((t) => assets.some((x) => x.type === t));
  const blocks: ReportBlock[] = [];
  const charts: ChartSpec[] = [];

  blocks.push({
    id: 'by-type',
    title: 'By asset type',
    note: 'Each asset\'s whole history in the range, also before it joined the campaign. Contacts are summed per asset.',
    header: ['Type', 'Assets', 'Interactions', 'Contacts'],
    formats: ['text', 'integer', 'integer', 'integer'],
    rows: types.map((type) => {
      const of = assets.filter((x) => x.type === type).map((x) => tallies.get(x.index)!);
      return [type, of.length, of.reduce((s, t) => s + t.interactions, 0), of.reduce((s, t) => s + t.contacts.size, 0)];
    }),
  });
  charts.push(
    { id: 'interactions-by-type', title: `Interactions by asset type: ${campaign.name}`, type: 'bar', blockId: 'by-type', domainColumn: 0, seriesColumns: [2], xTitle: 'Asset type', yTitle: 'Interactions' },
    { id: 'contacts-by-type', title: `Contacts by asset type: ${campaign.name}`, type: 'bar', blockId: 'by-type', domainColumn: 0, seriesColumns: [3], xTitle: 'Asset type', yTitle: 'Contacts' },
  );

  for (const type of types) {
    const measures = ASSET_MEASURES[type];
    const id = `type-${slug(type)}`;
    blocks.push({
      id,
      title: `${type[0].toUpperCase()}${type.slice(1)}s`,
      note: typeNote(type),
      header: ['Asset', 'Asset ID', ...measures.map((m) => m.label)],
      formats: ['text', 'text', ...measures.map((m) => m.format)],
      rows: assets.filter((x) => x.type === type).map((x) => [x.name || x.id, x.id, ...measures.map((m) => m.value(tallies.get(x.index)!))]),
    });
    measures.forEach((m, i) => {
      if (m.format !== 'integer') return;
      charts.push({ id: `${id}-${slug(m.label)}`, title: `${m.label}: ${type}s of ${campaign.name}`, type: 'bar', blockId: id, domainColumn: 0, seriesColumns: [i + 2], xTitle: 'Asset', yTitle: m.label });
    });
  }

  for (const asset of assets) blocks.push(...assetDetail(a, asset, tallies.get(asset.index)!, byAsset[asset.index], range, q));

  return {
    name: reportTabName('assets'),
    key: 'assets',
    title: `Assets: ${campaign.name}`,
    parameters: reportParameters(a, q, ['campaign', 'range', 'frequency'], range),
    blocks,
    charts,
  };
}

function typeNote(type: AssetType): string | undefined {
  switch (type) {
    case 'marketing email': return 'Opened and Clicked count people once. Rates: opened or clicked over delivered; click-through: clicked over opened. Delivered: the deliveries recorded, else sent less bounced.';
    case 'landing page': return 'Submissions: form submissions on the page (its URL). New contacts: contacts created in the range whose last submission up to their creation was on the page.';
    case 'ad': return 'Contacts: people who clicked the ad.';
    default: return undefined;
  }
}

/** One asset's performance: its series by day (or month) over its active days, and its contacts. */
function assetDetail(a: Analysis, asset: Asset, t: AssetTally, positions: Int32Array, range: DateRange, q: ReportQuery): ReportBlock[] {
  const { interactions, contactOf, workbook } = a.model;
  const daily = ASSET_MEASURES[asset.type].filter((m) => m.daily);
  const columns = daily.length ? daily : [{ label: 'Interactions', daily: undefined }];
  const inside: number[] = [];
  for (const p of positions) if (inRange(interactions[p].ts, range)) inside.push(p);
  const id = `asset-${asset.index + 1}`;
  const title = asset.name || asset.id;
  if (!inside.length) {
    return [{ id: `${id}-series`, title: `${title}: no interactions in the range`, header: ['Asset ID'], formats: ['text'], rows: [[asset.id]] }];
  }
  // The buckets between the asset's first and last interaction in the range.
  const first = a.zone.dayOf(interactions[inside[0]].ts);
  const last = a.zone.dayOf(interactions[inside[inside.length - 1]].ts);
  const b = dayBuckets(a.zone, dayRange(first, last, a.zone), q.frequency, () => [first, last]);
  const sums = columns.map(() => new Array<number>(b.labels.length).fill(0));
  const who = new Map<number, { first: number; last: number; count: number }>();
  for (const p of inside) {
    const i = interactions[p];
    const k = b.indexOf(i.ts);
    columns.forEach((c, j) => {
      if (k >= 0 && (c.daily === undefined || c.daily === i.type)) sums[j][k]++;
    });
    const c = contactOf[p];
    if (c < 0) continue;
    const w = who.get(c);
    if (w) { w.last = i.ts; w.count++; } else who.set(c, { first: i.ts, last: i.ts, count: 1 });
  }
  const people = [...who].sort((x, y) => x[1].first - y[1].first || x[0] - y[0]);
  const shown = people.slice(0, ASSET_CONTACTS_LIMIT);
  const formats: CellFormat[] = [q.frequency === 'daily' ? 'date' : 'month', ...columns.map((): CellFormat => 'integer')];
  return [
    {
      id: `${id}-series`,
      title: `${title} (${asset.type}, ${asset.id}): ${q.frequency === 'daily' ? 'by day' : 'by month'}, when active`,
      note: `${t.interactions.toLocaleString('en-US')} interactions from ${b.labels[0]} to ${b.labels[b.labels.length - 1]}.`,
      header: [q.frequency === 'daily' ? 'Date' : 'Month', ...columns.map((c) => c.label)],
      formats,
      // Days (or months) with activity only: a year of mostly empty days per asset would bury the tab.
      rows: b.labels.flatMap((l, k): ReportCell[][] => (sums.some((s) => s[k] > 0) ? [[l, ...sums.map((s) => s[k])]] : [])),
    },
    {
      id: `${id}-contacts`,
      title: `${title}: contacts (${people.length.toLocaleString('en-US')})`,
      note: people.length > shown.length ? `Showing the first ${shown.length} of ${people.length.toLocaleString('en-US')} contacts.` : undefined,
      header: ['Contact ID', 'First interaction', 'Last interaction', 'Interactions'],
      formats: ['text', 'datetime', 'datetime', 'integer'],
      rows: shown.map(([c, w]) => [workbook.contacts[c].id, dateTimeText(w.first, a.zone), dateTimeText(w.last, a.zone), w.count]),
    },
  ];
}

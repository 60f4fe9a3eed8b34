/**
 * @fileoverview The Assets tab: each asset of a campaign over its whole history in the range
 * (association time does not limit asset reports, as in HubSpot). An overview by type, then one
 * block per asset type with that type's own measures and rates (one chart per count measure when
 * the type has two assets or more), then each asset's detail: its daily (or monthly) series over the days it was active, and its
 * contacts.
 */
import { reportTabName } from './report-names';
import type { CellFormat, ChartSpec, ReportBlock, ReportCell, ReportTab } from '../report-tab/report-tab';
import { ASSET_TYPES, type AssetType } from '../workbook/types';
import { dayRange } from '../time/range';
import type { TimeZone } from '../time/zone';
import { dateTimeText } from '../time/zone';
import { dayBuckets } from '../metrics/trend';
import { ASSET_MEASURES } from './asset-measures';
import { ASSET_CONTACTS_LIMIT, type AssetFigures } from './campaign-figures';
import { rangeOf, reportParameters, type ReportQuery } from './query';
import type { ReportData } from './report-data';

export { ASSET_CONTACTS_LIMIT };

/** Bars a chart needs to be drawn: with one, the table's row says it all. */
const MIN_BARS = 2;

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

export function assetsTab(d: ReportData, q: ReportQuery): ReportTab {
  const range = rangeOf(d, q);
  const campaign = d.campaignDetails[q.campaign];
  const assets = d.assets(q.campaign, range, ASSET_CONTACTS_LIMIT)
    .sort((x, y) => ASSET_TYPES.indexOf(x.asset.type) - ASSET_TYPES.indexOf(y.asset.type) || (x.asset.name || x.asset.id).localeCompare(y.asset.name || y.asset.id) || x.asset.index - y.asset.index);
  const ofType = new Map(ASSET_TYPES.map((t) => [t, assets.filter((x) => x.asset.type === t)]));
  const types = ASSET_TYPES.filter((t) => ofType.get(t)!.length > 0);
  const blocks: ReportBlock[] = [];
  const charts: ChartSpec[] = [];

  blocks.push({
    id: 'by-type',
    title: 'By asset type',
    note: 'Each asset\'s whole history in the range, also before it joined the campaign. Contacts are summed per asset.',
    header: ['Type', 'Assets', 'Interactions', 'Contacts'],
    formats: ['text', 'integer', 'integer', 'integer'],
    rows: types.map((type) => {
      const of = ofType.get(type)!.map((x) => x.tally);
      return [type, of.length, of.reduce((s, t) => s + t.interactions, 0), of.reduce((s, t) => s + t.contacts, 0)];
    }),
  });
  // A bar chart compares: one bar says no more than the table's one row, so a chart needs two.
  if (types.length >= MIN_BARS) charts.push(
    { id: 'interactions-by-type', title: `Interactions by asset type: ${campaign.name}`, type: 'bar', blockId: 'by-type', domainColumn: 0, seriesColumns: [2], xTitle: 'Asset type', yTitle: 'Interactions' },
    { id: 'contacts-by-type', title: `Contacts by asset type: ${campaign.name}`, type: 'bar', blockId: 'by-type', domainColumn: 0, seriesColumns: [3], xTitle: 'Asset type', yTitle: 'Contacts' },
  );

  for (const type of types) {
    const measures = ASSET_MEASURES[type];
    const id = `type-${slug(type)}`;
    const typed = ofType.get(type)!;
    blocks.push({
      id,
      title: `${type[0].toUpperCase()}${type.slice(1)}s`,
      note: typeNote(type),
      header: ['Asset', 'Asset ID', ...measures.map((m) => m.label)],
      formats: ['text', 'text', ...measures.map((m) => m.format)],
      rows: typed.map((x) => [x.asset.name || x.asset.id, x.asset.id, ...measures.map((m) => m.value(x.tally))]),
    });
    if (typed.length < MIN_BARS) continue;
    measures.forEach((m, i) => {
      if (m.format !== 'integer') return;
      charts.push({ id: `${id}-${slug(m.label)}`, title: `${m.label}: ${type}s of ${campaign.name}`, type: 'bar', blockId: id, domainColumn: 0, seriesColumns: [i + 2], xTitle: 'Asset', yTitle: m.label });
    });
  }

  for (const asset of assets) blocks.push(...assetDetail(asset, d.zone, q));

  return {
    name: reportTabName('assets'),
    key: 'assets',
    title: `Assets: ${campaign.name}`,
    parameters: reportParameters(d, q, ['campaign', 'range', 'frequency'], range),
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
function assetDetail(f: AssetFigures, zone: TimeZone, q: ReportQuery): ReportBlock[] {
  const { asset, tally: t } = f;
  const daily = ASSET_MEASURES[asset.type].filter((m) => m.daily);
  const columns = daily.length ? daily : [{ label: 'Interactions', daily: undefined }];
  const id = `asset-${asset.index + 1}`;
  const title = asset.name || asset.id;
  if (!f.days.length) {
    return [{ id: `${id}-series`, title: `${title}: no interactions in the range`, header: ['Asset ID'], formats: ['text'], rows: [[asset.id]] }];
  }
  // The buckets between the asset's first and last interaction in the range.
  let first = Infinity, last = -Infinity;
  for (const x of f.days) {
    first = Math.min(first, x.day);
    last = Math.max(last, x.day);
  }
  const b = dayBuckets(zone, dayRange(first, last, zone), q.frequency, () => [first, last]);
  const sums = columns.map(() => new Array<number>(b.labels.length).fill(0));
  for (const x of f.days) {
    const k = b.indexOf(zone.startOfDay(x.day));
    columns.forEach((c, j) => {
      if (k >= 0 && (c.daily === undefined || c.daily === x.type)) sums[j][k] += x.count;
    });
  }
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
      title: `${title}: contacts (${f.contactTotal.toLocaleString('en-US')})`,
      note: f.contactTotal > f.contacts.length ? `Showing the first ${f.contacts.length} of ${f.contactTotal.toLocaleString('en-US')} contacts.` : undefined,
      header: ['Contact ID', 'First interaction', 'Last interaction', 'Interactions'],
      formats: ['text', 'datetime', 'datetime', 'integer'],
      rows: f.contacts.map((c) => [c.contact, dateTimeText(c.first, zone), dateTimeText(c.last, zone), c.count]),
    },
  ];
}

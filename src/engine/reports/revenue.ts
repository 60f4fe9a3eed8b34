/**
 * @fileoverview The Revenue tab (HubSpot Professional: linear, with a monthly chart) and the
 * Revenue attribution tab (Enterprise: a chosen model, with per-interaction drill-down).
 */
import { reportTabName } from './report-names';
import type { Analysis } from '../analysis';
import { attribute, campaignShare, splitOf, type Attribution } from '../attribution/credit';
import { assertModelServes, type ReportType } from '../attribution/catalog';
import { metricEvents, metricValue } from '../metrics/campaign-metrics';
import { bucketSums, buckets, dataSpanOf, type Buckets } from '../metrics/trend';
import type { CellFormat, ReportCell, ReportTab } from '../report-tab/report-tab';
import { SOURCE_CATEGORIES } from '../workbook/types';
import { dateTimeText } from '../time/zone';
import { attributionContactEntries } from '../metrics/contact-lists';
import { revenueRange } from '../time/range';
import { rangeOf, reportParameters, type ReportQuery } from './query';

/** Drill-down tables stop here: a Sheets tab beyond this is slow to open and write. */
export const DRILL_DOWN_LIMIT = 5000;

export function revenueTab(a: Analysis, q: ReportQuery): ReportTab {
  // HubSpot's Revenue report is limited to the last 365 days: the chosen range, clipped (§5).
  const range = revenueRange(rangeOf(a, q), a.zone, a.now);
  const campaign = a.model.workbook.campaigns[q.campaign];
  const months = buckets(a, range, 'monthly', () => dataSpanOf(a));
  const revenueByMonth = bucketSums(months, metricEvents(a, q.campaign, 'revenue', range));
  const dealsByMonth = bucketSums(months, metricEvents(a, q.campaign, 'deals with revenue', range));
  const drill = drillDownRows(a, attribute(a, 'revenue', 'Linear', range), q.campaign);
  const columns = drillDownColumns('revenue', 'Credited revenue');
  return {
    name: reportTabName('revenue'),
    key: 'revenue',
    title: `Revenue: ${campaign.name}`,
    parameters: reportParameters(a, q, ['campaign', 'range'], range),
    blocks: [
      {
        id: 'summary',
        title: 'Revenue (linear attribution)',
        note: `Closed-won deals closed in ${range.label === 'Last 365 days' ? 'the last 365 days' : range.label} (HubSpot's Revenue report covers the last 365 days at most); each deal's amount is split equally over the eligible interactions of all its contacts up to the close.`,
        header: ['Revenue', 'Deals with revenue', 'Contacts with revenue'],
        formats: ['currency', 'integer', 'integer'],
        rows: [[
          metricValue(a, q.campaign, 'revenue', range),
          metricValue(a, q.campaign, 'deals with revenue', range),
          metricValue(a, q.campaign, 'contacts with revenue', range),
        ]],
      },
      {
        id: 'by-month',
        title: 'Revenue by month of close',
        header: ['Month', 'Revenue', 'Deals with revenue'],
        formats: ['month', 'currency', 'integer'],
        rows: months.labels.map((m, i) => [m, revenueByMonth[i], dealsByMonth[i]]),
      },
      {
        id: 'drill-down',
        title: 'Credited interactions (linear)',
        note: drillNote(drill, 'deals') ?? 'Each closed-won deal\'s interactions with the campaign, with the share of the deal\'s amount each earned.',
        ...columns,
        rows: drill.rows,
      },
    ],
    charts: [{ id: 'revenue-by-month', title: `Revenue by month: ${campaign.name}`, type: 'column', blockId: 'by-month', domainColumn: 0, seriesColumns: [1], xTitle: 'Month', yTitle: 'Revenue' }],
  };
}

/** The drill-down's columns for a report type: revenue rows carry the deal's name, close and amount. */
export function drillDownColumns(type: ReportType, creditLabel = 'Credit'): { header: string[]; formats: CellFormat[] } {
  const deal = type === 'revenue';
  return {
    header: [type === 'contact create' ? 'Contact created' : 'Deal', ...(deal ? ['Deal name', 'Closed at', 'Amount'] : []),
      'Contact', 'Interaction', 'Time', 'Type', 'Asset', 'Source', 'Credit share', creditLabel],
    formats: ['text', ...(deal ? ['text', 'datetime', 'currency'] as CellFormat[] : []),
      'text', 'text', 'datetime', 'text', 'text', 'text', 'percent', type === 'revenue' ? 'currency' : 'decimal'],
  };
}

/** One drill-down row per credited interaction of the campaign (NO_CAMPAIGN_ENTRY: of no campaign). */
export function drillDownRows(a: Analysis, att: Attribution, k: number, limit = DRILL_DOWN_LIMIT): { rows: ReportCell[][]; total: number } {
  const { interactions, contactOf, assetOf, sourceOf, workbook } = a.model;
  const rows: ReportCell[][] = [];
  let total = 0;
  // Newest conversions first: what a marketer checks after a refresh.
  const order = att.conversions.map((_, i) => i).sort((x, y) => att.conversions[y].when - att.conversions[x].when);
  for (const ci of order) {
    const c = att.conversions[ci];
    const split = splitOf(att, ci);
    const deal = att.type === 'revenue' ? workbook.deals[c.key] : null;
    for (let e = 0; e < split.share.length; e++) {
      if (split.campaign[e] !== k || split.share[e] <= 0) continue;
      total++;
      if (rows.length >= limit) continue;
      const p = c.path[split.touch[e]];
      const i = interactions[p];
      const asset = assetOf[p] >= 0 ? workbook.assets[assetOf[p]] : null;
      rows.push([
        c.id,
        ...(deal ? [deal.name, dateTimeText(c.when, a.zone), c.value] : []),
        contactOf[p] >= 0 ? workbook.contacts[contactOf[p]].id : '',
        i.id,
        dateTimeText(i.ts, a.zone),
        i.type,
        asset ? asset.name || asset.id : '',
        SOURCE_CATEGORIES[sourceOf[p]],
        split.share[e],
        split.share[e] * c.value,
      ]);
    }
  }
  return { rows, total };
}

const drillNote = (d: { rows: unknown[]; total: number }, what: string) =>
  d.total > d.rows.length ? `Showing ${d.rows.length.toLocaleString('en-US')} of ${d.total.toLocaleString('en-US')} credited interactions, newest ${what} first.` : undefined;

export function revenueAttributionTab(a: Analysis, q: ReportQuery): ReportTab {
  const model = q.model;
  assertModelServes(model, 'revenue');
  // Revenue attribution is not limited to the last 365 days (§5): the chosen range as it is.
  const range = rangeOf(a, q);
  const campaign = a.model.workbook.campaigns[q.campaign];
  const att = attribute(a, 'revenue', model, range);
  const credit = att.byCampaign[q.campaign];
  const contacts = attributionContactEntries(a, att, q.campaign);
  const drill = drillDownRows(a, att, q.campaign);
  const deals = creditedDeals(att, q.campaign);
  const months = buckets(a, range, 'monthly', () => dataSpanOf(a));
  const byMonth = creditByMonth(att, q.campaign, months);
  return {
    name: reportTabName('revenue-attribution'),
    key: 'revenue-attribution',
    title: `Revenue attribution: ${campaign.name}`,
    parameters: reportParameters(a, q, ['campaign', 'range', 'model'], range),
    blocks: [
      {
        id: 'summary',
        title: `Revenue attribution (${model})`,
        note: 'Deal contribution: revenue credited to the campaign. Associated deal value: full amounts of the deals that gave it credit.',
        header: ['Deal contribution', 'Deals', 'Associated deal value', 'Contacts'],
        formats: ['currency', 'integer', 'currency', 'integer'],
        rows: [[credit.credit, deals.count, deals.value, contacts.length]],
      },
      {
        id: 'by-month',
        title: 'Deal contribution by month of close',
        header: ['Month', 'Deal contribution', 'Associated deal value'],
        formats: ['month', 'currency', 'currency'],
        rows: months.labels.map((m, i) => [m, byMonth.credit[i], byMonth.value[i]]),
      },
      {
        id: 'drill-down',
        title: 'Credited interactions',
        note: drillNote(drill, 'deals'),
        ...drillDownColumns('revenue', 'Credited revenue'),
        rows: drill.rows,
      },
    ],
    charts: [{ id: 'revenue-attribution-by-month', title: `Deal contribution by month (${model}): ${campaign.name}`, type: 'column', blockId: 'by-month', domainColumn: 0, seriesColumns: [1, 2], xTitle: 'Month', yTitle: 'Revenue' }],
  };
}

/** Conversions that gave the campaign credit > 0, and their full value. */
export function creditedDeals(att: Attribution, k: number): { count: number; value: number } {
  let count = 0, value = 0;
  att.conversions.forEach((c, ci) => {
    if (campaignShare(splitOf(att, ci), k) > 0) { count++; value += c.value; }
  });
  return { count, value };
}

/** The campaign's credit and the associated deal value per bucket of close. */
function creditByMonth(att: Attribution, k: number, b: Buckets): { credit: number[]; value: number[] } {
  const credit = new Array<number>(b.labels.length).fill(0);
  const value = new Array<number>(b.labels.length).fill(0);
  att.conversions.forEach((c, ci) => {
    const share = campaignShare(splitOf(att, ci), k);
    const i = b.indexOf(c.when);
    if (share <= 0 || i < 0) return;
    credit[i] += share * c.value;
    value[i] += c.value;
  });
  return { credit, value };
}

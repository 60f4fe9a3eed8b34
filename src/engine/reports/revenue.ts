/**
 * @fileoverview The Revenue tab (HubSpot Professional: linear, with a monthly chart) and the
 * Revenue attribution tab (Enterprise: a chosen model, with per-interaction drill-down).
 */
import { reportTabName } from './report-names';
import type { Analysis } from '../analysis';
import { attribute, campaignShare, splitOf, type Attribution } from '../attribution/credit';
import { assertModelServes } from '../attribution/catalog';
import { metricEvents, metricValue } from '../metrics/campaign-metrics';
import { bucketSums, buckets, dataSpanOf } from '../metrics/trend';
import type { ReportCell, ReportTab } from '../report-tab/report-tab';
import { SOURCE_CATEGORIES } from '../workbook/types';
import { dateTimeText } from '../time/zone';
import { rangeOf, reportParameters, type ReportQuery } from './query';

/** Drill-down tables stop here: a Sheets tab beyond this is slow to open and write. */
export const DRILL_DOWN_LIMIT = 5000;

export function revenueTab(a: Analysis, q: ReportQuery): ReportTab {
  const range = rangeOf(a, q, 'last 365 days');
  const campaign = a.model.workbook.campaigns[q.campaign];
  const months = buckets(a, range, 'monthly', () => dataSpanOf(a));
  const revenueByMonth = bucketSums(months, metricEvents(a, q.campaign, 'revenue', range));
  const dealsByMonth = bucketSums(months, metricEvents(a, q.campaign, 'deals with revenue', range));
  return {
    name: reportTabName('revenue'),
    key: 'revenue',
    title: `Revenue: ${campaign.name}`,
    parameters: reportParameters(a, q, ['campaign', 'range'], range),
    blocks: [
      {
        id: 'summary',
        title: 'Revenue (linear attribution)',
        note: 'Closed-won deals closed in the range (default: the last 365 days); each deal\'s amount is split equally over the eligible interactions of all its contacts up to the close.',
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
    ],
    charts: [{ id: 'revenue-by-month', title: `Revenue by month: ${campaign.name}`, type: 'column', blockId: 'by-month', domainColumn: 0, seriesColumns: [1], xTitle: 'Month', yTitle: 'Revenue' }],
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
    for (let e = 0; e < split.share.length; e++) {
      if (split.campaign[e] !== k || split.share[e] <= 0) continue;
      total++;
      if (rows.length >= limit) continue;
      const p = c.path[split.touch[e]];
      const i = interactions[p];
      const asset = assetOf[p] >= 0 ? workbook.assets[assetOf[p]] : null;
      rows.push([
        c.id,
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

export function revenueAttributionTab(a: Analysis, q: ReportQuery): ReportTab {
  const model = q.model;
  assertModelServes(model, 'revenue');
  const range = rangeOf(a, q, 'last 365 days');
  const campaign = a.model.workbook.campaigns[q.campaign];
  const att = attribute(a, 'revenue', model, range);
  const credit = att.byCampaign[q.campaign];
  const contacts = new Set<number>();
  att.conversions.forEach((c, ci) => {
    const split = splitOf(att, ci);
    for (let e = 0; e < split.share.length; e++) {
      if (split.campaign[e] === q.campaign && split.share[e] > 0) contacts.add(a.model.contactOf[c.path[split.touch[e]]]);
    }
  });
  const drill = drillDownRows(a, att, q.campaign);
  const deals = creditedDeals(att, q.campaign);
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
        rows: [[credit.credit, deals.count, deals.value, contacts.size]],
      },
      {
        id: 'drill-down',
        title: 'Credited interactions',
        note: drill.total > drill.rows.length ? `Showing ${drill.rows.length.toLocaleString('en-US')} of ${drill.total.toLocaleString('en-US')} credited interactions, newest deals first.` : undefined,
        header: ['Deal', 'Contact', 'Interaction', 'Time', 'Type', 'Asset', 'Source', 'Credit share', 'Credited revenue'],
        formats: ['text', 'text', 'text', 'datetime', 'text', 'text', 'text', 'percent', 'currency'],
        rows: drill.rows,
      },
    ],
    charts: [],
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

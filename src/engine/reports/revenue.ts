/**
 * @fileoverview The Revenue tab (HubSpot Professional: linear, with a monthly chart) and the
 * Revenue attribution tab (Enterprise: a chosen model, with per-interaction drill-down), laid out
 * from report data (a live analysis or a warehouse).
 */
import { reportTabName } from './report-names';
import { assertModelServes, type ReportType } from '../attribution/catalog';
import { dayBuckets } from '../metrics/trend';
import type { CellFormat, ReportCell, ReportTab } from '../report-tab/report-tab';
import { SOURCE_CATEGORIES } from '../workbook/types';
import { dateTimeText, type TimeZone } from '../time/zone';
import { revenueRange } from '../time/range';
import { rangeOf, reportParameters, type ReportQuery } from './query';
import type { ReportData } from './report-data';
import { DRILL_DOWN_LIMIT, type DrillDown } from './campaign-figures';

export { DRILL_DOWN_LIMIT };

export function revenueTab(d: ReportData, q: ReportQuery): ReportTab {
  // HubSpot's Revenue report is limited to the last 365 days: the chosen range, clipped (§5).
  const range = revenueRange(rangeOf(d, q), d.zone, d.now);
  const campaign = d.campaignDetails[q.campaign];
  const months = d.trend(q.campaign, 'revenue', range, 'monthly');
  const dealsByMonth = d.trend(q.campaign, 'deals with revenue', range, 'monthly').values;
  const drill = drillDownRows(d.drillDown('revenue', 'Linear', range, q.campaign, DRILL_DOWN_LIMIT), 'revenue', d.zone);
  const columns = drillDownColumns('revenue', 'Credited revenue');
  return {
    name: reportTabName('revenue'),
    key: 'revenue',
    title: `Revenue: ${campaign.name}`,
    parameters: reportParameters(d, q, ['campaign', 'range'], range),
    blocks: [
      {
        id: 'summary',
        title: 'Revenue (linear attribution)',
        note: `Closed-won deals closed in ${range.label === 'Last 365 days' ? 'the last 365 days' : range.label} (HubSpot's Revenue report covers the last 365 days at most); each deal's amount is split equally over the eligible interactions of all its contacts up to the close.`,
        header: ['Revenue', 'Deals with revenue', 'Contacts with revenue'],
        formats: ['currency', 'integer', 'integer'],
        rows: [[
          d.metric(q.campaign, 'revenue', range, 'first touch'),
          d.metric(q.campaign, 'deals with revenue', range, 'first touch'),
          d.metric(q.campaign, 'contacts with revenue', range, 'first touch'),
        ]],
      },
      {
        id: 'by-month',
        title: 'Revenue by month of close',
        header: ['Month', 'Revenue', 'Deals with revenue'],
        formats: ['month', 'currency', 'integer'],
        rows: months.labels.map((m, i) => [m, months.values[i], dealsByMonth[i]]),
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

/** The drill-down's rows for its entries (revenue rows carry the deal's name, close and amount). */
export function drillDownRows(drill: DrillDown, type: ReportType, zone: TimeZone): { rows: ReportCell[][]; total: number } {
  const deal = type === 'revenue';
  return {
    total: drill.total,
    rows: drill.entries.map((e) => [
      e.conversion,
      ...(deal ? [e.dealName ?? '', dateTimeText(e.when, zone), e.value] : []),
      e.contact,
      e.interaction,
      dateTimeText(e.ts, zone),
      e.type,
      e.asset,
      SOURCE_CATEGORIES[e.source],
      e.share,
      e.share * e.value,
    ]),
  };
}

const drillNote = (d: { rows: unknown[]; total: number }, what: string) =>
  d.total > d.rows.length ? `Showing ${d.rows.length.toLocaleString('en-US')} of ${d.total.toLocaleString('en-US')} credited interactions, newest ${what} first.` : undefined;

export function revenueAttributionTab(d: ReportData, q: ReportQuery): ReportTab {
  const model = q.model;
  assertModelServes(model, 'revenue');
  // Revenue attribution is not limited to the last 365 days (§5): the chosen range as it is.
  const range = rangeOf(d, q);
  const campaign = d.campaignDetails[q.campaign];
  const credit = d.credit('revenue', model, range)[q.campaign];
  const contacts = d.contactList(q.campaign, 'revenue attribution contacts', range, { model }, 0).total;
  const drill = drillDownRows(d.drillDown('revenue', model, range, q.campaign, DRILL_DOWN_LIMIT), 'revenue', d.zone);
  const deals = d.creditedConversions('revenue', model, range, q.campaign);
  const months = dayBuckets(d.zone, range, 'monthly', () => d.dataDays());
  const credited = new Array<number>(months.labels.length).fill(0);
  const value = new Array<number>(months.labels.length).fill(0);
  deals.times.forEach((t, j) => {
    const i = months.indexOf(t);
    if (i < 0) return;
    credited[i] += deals.credit[j];
    value[i] += deals.values[j];
  });
  return {
    name: reportTabName('revenue-attribution'),
    key: 'revenue-attribution',
    title: `Revenue attribution: ${campaign.name}`,
    parameters: reportParameters(d, q, ['campaign', 'range', 'model'], range),
    blocks: [
      {
        id: 'summary',
        title: `Revenue attribution (${model})`,
        note: 'Deal contribution: revenue credited to the campaign. Associated deal value: full amounts of the deals that gave it credit.',
        header: ['Deal contribution', 'Deals', 'Associated deal value', 'Contacts'],
        formats: ['currency', 'integer', 'currency', 'integer'],
        rows: [[credit, deals.count, deals.value, contacts]],
      },
      {
        id: 'by-month',
        title: 'Deal contribution by month of close',
        header: ['Month', 'Deal contribution', 'Associated deal value'],
        formats: ['month', 'currency', 'currency'],
        rows: months.labels.map((m, i) => [m, credited[i], value[i]]),
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

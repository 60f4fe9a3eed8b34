/**
 * @fileoverview The Revenue tab (HubSpot Professional: linear, with a monthly chart) and the
 * Revenue attribution tab (Enterprise: a chosen model, with per-interaction drill-down).
 */
import { reportTabName } from './report-names';
import { assertModelServes } from '../attribution/catalog';
import type { ReportTab } from '../report-tab/report-tab';
import { rangeOf, reportParameters, type ReportQuery } from './query';
import type { ReportData } from './report-data';

/** Drill-down tables stop here: a Sheets tab beyond this is slow to open and write. */
export const DRILL_DOWN_LIMIT = 5000;

export function revenueTab(d: ReportData, q: ReportQuery): ReportTab {
  const range = rangeOf(d, q, 'last 365 days');
  const campaign = d.campaigns[q.campaign];
  const months = d.trend(q.campaign, 'revenue', range, 'monthly');
  const revenueByMonth = months.values;
  const dealsByMonth = d.trend(q.campaign, 'deals with revenue', range, 'monthly').values;
  return {
    name: reportTabName('revenue'),
    key: 'revenue',
    title: `Revenue: ${campaign.name}`,
    parameters: reportParameters(d, q, ['campaign', 'range'], range),
    blocks: [
      {
        id: 'summary',
        title: 'Revenue (linear attribution)',
        note: 'Closed-won deals closed in the range (default: the last 365 days); each deal\'s amount is split equally over the eligible interactions of all its contacts up to the close.',
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
        rows: months.labels.map((m, i) => [m, revenueByMonth[i], dealsByMonth[i]]),
      },
    ],
    charts: [{ id: 'revenue-by-month', title: `Revenue by month: ${campaign.name}`, type: 'column', blockId: 'by-month', domainColumn: 0, seriesColumns: [1], xTitle: 'Month', yTitle: 'Revenue' }],
  };
}

export function revenueAttributionTab(d: ReportData, q: ReportQuery): ReportTab {
  const model = q.model;
  assertModelServes(model, 'revenue');
  const range = rangeOf(d, q, 'last 365 days');
  const campaign = d.campaigns[q.campaign];
  const credit = d.credit('revenue', model, range)[q.campaign];
  const drill = d.drillDown('revenue', model, range, q.campaign, DRILL_DOWN_LIMIT);
  const credited = d.credited('revenue', model, range, q.campaign);
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
        rows: [[credit, credited.conversions, credited.value, credited.contacts]],
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

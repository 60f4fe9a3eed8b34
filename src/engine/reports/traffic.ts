/**
 * @fileoverview The Traffic tab: page views tagged with the campaign's UTM value, by source category,
 * with HubSpot's three breakdowns (paid search by term, organic social by platform, other campaigns
 * by source / medium).
 */
import { reportTabName } from './report-names';
import type { ReportCell, ReportTab } from '../report-tab/report-tab';
import { SOURCE_CATEGORIES } from '../workbook/types';
import { rangeOf, reportParameters, type ReportQuery } from './query';
import type { ReportData } from './report-data';
import type { TrafficTally } from './campaign-figures';

export function trafficTab(d: ReportData, q: ReportQuery): ReportTab {
  const range = rangeOf(d, q);
  const campaign = d.campaignDetails[q.campaign];
  const utm = campaign.utm;
  const { bySource, ...breakdowns } = d.traffic(q.campaign, range);

  const header = ['Views', 'New visitor sessions', 'Contacts (first touch)'];
  const formats = ['text', 'integer', 'integer', 'integer'] as const;
  const tallyRows = (map: Map<string, TrafficTally>): ReportCell[][] =>
    [...map].sort((x, y) => y[1].views - x[1].views || x[0].localeCompare(y[0]))
      .map(([k, t]) => [k, t.views, t.sessions, t.contacts]);
  return {
    name: reportTabName('traffic'),
    key: 'traffic',
    title: `Traffic: ${campaign.name}`,
    parameters: reportParameters(d, q, ['campaign', 'range'], range),
    blocks: [
      {
        id: 'by-source',
        title: 'By source',
        note: utm.length
          ? `Page views tagged utm_campaign=${campaign.utm.join(' or ')}, by the source of the session they belong to (its first page view's). Contacts: created in the range, whose first page view carried the tag.`
          : 'This campaign has no UTM campaign value in the Campaigns tab, so no traffic is tagged with it.',
        header: ['Source', ...header],
        formats: [...formats],
        rows: SOURCE_CATEGORIES.map((c, i) => [c, bySource[i].views, bySource[i].sessions, bySource[i].contacts]),
      },
      { id: 'paid-search-terms', title: 'Paid search by term', header: ['UTM term', ...header], formats: [...formats], rows: tallyRows(breakdowns.term) },
      { id: 'organic-social-platforms', title: 'Organic social by platform', header: ['Platform', ...header], formats: [...formats], rows: tallyRows(breakdowns.platform) },
      { id: 'other-campaigns', title: 'Other campaigns by source / medium', header: ['Source / medium', ...header], formats: [...formats], rows: tallyRows(breakdowns.sourceMedium) },
    ],
    charts: [{ id: 'traffic-by-source', title: `Traffic by source: ${campaign.name}`, type: 'column', blockId: 'by-source', domainColumn: 0, seriesColumns: [1, 2, 3], xTitle: 'Source', yTitle: 'Count' }],
  };
}

/**
 * @fileoverview The Contacts & sessions tab: daily or monthly new contacts, influenced contacts and
 * sessions of a campaign, with a line chart.
 */
import { reportTabName } from './report-names';
import type { Analysis } from '../analysis';
import { metricEvents, type Metric } from '../metrics/campaign-metrics';
import { bucketSums, buckets, dataSpanOf } from '../metrics/trend';
import type { ReportTab } from '../report-tab/report-tab';
import { rangeOf, reportParameters, type ReportQuery } from './query';

export function contactsSessionsTab(a: Analysis, q: ReportQuery): ReportTab {
  const range = rangeOf(a, q);
  const campaign = a.model.workbook.campaigns[q.campaign];
  const b = buckets(a, range, q.frequency, () => dataSpanOf(a));
  const series = (m: Metric) => bucketSums(b, metricEvents(a, q.campaign, m, range, q.contactAttribution));
  const newContacts = series('new contacts');
  const influenced = series('influenced contacts');
  const sessions = series('sessions');
  return {
    name: reportTabName('contacts-sessions'),
    key: 'contacts-sessions',
    title: `Contacts and sessions: ${campaign.name}`,
    parameters: reportParameters(a, q, ['campaign', 'range', 'contactAttribution', 'frequency'], range),
    blocks: [{
      id: 'series',
      title: q.frequency === 'daily' ? 'By day' : 'By month',
      note: 'A session counts on the day of its first page view with the campaign; influenced contacts on the day of their first interaction with it.',
      header: [q.frequency === 'daily' ? 'Date' : 'Month', `New contacts (${q.contactAttribution})`, 'Influenced contacts', 'Sessions'],
      formats: [q.frequency === 'daily' ? 'date' : 'month', 'integer', 'integer', 'integer'],
      rows: b.labels.map((label, i) => [label, newContacts[i], influenced[i], sessions[i]]),
    }],
    charts: [{ id: 'contacts-sessions', title: `Contacts and sessions: ${campaign.name}`, type: 'line', blockId: 'series', domainColumn: 0, seriesColumns: [1, 2, 3], xTitle: q.frequency === 'daily' ? 'Date' : 'Month', yTitle: 'Count' }],
  };
}

/**
 * @fileoverview The Contacts & sessions tab: daily or monthly new contacts, influenced contacts and
 * sessions of a campaign, with a line chart.
 */
import { reportTabName } from './report-names';
import type { Metric } from '../metrics/campaign-metrics';
import type { ReportData } from './report-data';
import type { ReportTab } from '../report-tab/report-tab';
import { rangeOf, reportParameters, type ReportQuery } from './query';

export function contactsSessionsTab(d: ReportData, q: ReportQuery): ReportTab {
  const range = rangeOf(d, q);
  const campaign = d.campaigns[q.campaign];
  const trend = (m: Metric) => d.trend(q.campaign, m, range, q.frequency, q.contactAttribution);
  const b = trend('sessions');
  const series = (m: Metric) => (m === 'sessions' ? b.values : trend(m).values);
  const newContacts = series('new contacts');
  const influenced = series('influenced contacts');
  const sessions = series('sessions');
  return {
    name: reportTabName('contacts-sessions'),
    key: 'contacts-sessions',
    title: `Contacts and sessions: ${campaign.name}`,
    parameters: reportParameters(d, q, ['campaign', 'range', 'contactAttribution', 'frequency'], range),
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

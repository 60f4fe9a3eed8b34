/**
 * @fileoverview The Overview tab: a campaign's sessions, contacts and revenue in the range, each
 * under its goal with the share reached, and what the spend bought.
 */
import { reportTabName } from './report-names';
import type { Analysis } from '../analysis';
import { metricValue, type Metric } from '../metrics/campaign-metrics';
import type { ReportTab } from '../report-tab/report-tab';
import { rangeOf, reportParameters, type ReportQuery } from './query';
import { revenueLabel, revenueRange } from '../time/range';

const share = (value: number, goal: number | null) => (goal && goal > 0 ? value / goal : null);

export function overviewTab(a: Analysis, q: ReportQuery): ReportTab {
  const range = rangeOf(a, q);
  const campaign = a.model.workbook.campaigns[q.campaign];
  const v = (m: Metric) => metricValue(a, q.campaign, m, range, q.contactAttribution);
  const sessions = v('sessions');
  const newContacts = v('new contacts');
  const influenced = v('influenced contacts');
  const revenue = v('revenue');
  const revenueCovers = revenueLabel(revenueRange(range, a.zone, a.now));
  const g = campaign.goals;
  const spend = campaign.spend;
  return {
    name: reportTabName('overview'),
    key: 'overview',
    title: `Overview: ${campaign.name}`,
    parameters: reportParameters(a, q, ['campaign', 'range', 'contactAttribution'], range),
    blocks: [
      {
        id: 'metrics',
        title: 'Campaign metrics',
        note: `Sessions: distinct sessions with a page view with the campaign. New contacts (${q.contactAttribution}): contacts created in the range whose ${q.contactAttribution === 'first touch' ? 'first eligible interaction' : 'last eligible interaction at or before creation'} is with the campaign. Influenced contacts: first interaction of any type with the campaign in the range.`,
        header: ['Metric', 'Value', 'Goal', 'Share of goal'],
        formats: ['text', 'integer', 'integer', 'percent'],
        rows: [
          ['Sessions', sessions, g.sessions, share(sessions, g.sessions)],
          [`New contacts (${q.contactAttribution})`, newContacts, g.newContacts, share(newContacts, g.newContacts)],
          ['Influenced contacts', influenced, g.influencedContacts, share(influenced, g.influencedContacts)],
          ['Views', v('views'), null, null],
          ['New visitor sessions', v('new visitor sessions'), null, null],
          [`Deals with revenue (${revenueCovers})`, v('deals with revenue'), null, null],
          [`Contacts with revenue (${revenueCovers})`, v('contacts with revenue'), null, null],
        ],
      },
      {
        id: 'money',
        title: 'Revenue and spend',
        note: `Revenue: linear attribution of closed-won deals closed in ${revenueCovers}: HubSpot's Revenue report covers the last 365 days at most, so the revenue rows keep only that part of the range.`,
        header: ['Measure', 'Amount', 'Goal', 'Share of goal'],
        formats: ['text', 'currency', 'currency', 'percent'],
        rows: [
          [`Revenue (${revenueCovers})`, revenue, g.revenue, share(revenue, g.revenue)],
          ['Budget', campaign.budget, null, null],
          ['Spend', spend, campaign.budget, share(spend ?? 0, campaign.budget)],
          ['Cost per new contact', spend !== null && newContacts > 0 ? spend / newContacts : null, null, null],
        ],
      },
      {
        // A ratio, not money: its own block so its column can carry the ratio format (17.2×).
        id: 'return',
        title: 'Return on spend',
        note: `Revenue (${revenueCovers}) divided by spend; blank without spend.`,
        header: ['Measure', 'Ratio'],
        formats: ['text', 'ratio'],
        rows: [['Return on spend (revenue / spend)', spend ? revenue / spend : null]],
      },
    ],
    charts: [],
  };
}

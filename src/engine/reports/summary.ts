/**
 * @fileoverview A campaign's headline figures, each with the range it really covers: the sidebar's
 * summary after a refresh and the command line's table both print these, so they always agree.
 */
import type { Analysis } from '../analysis';
import { attribute } from '../attribution/credit';
import { metricValue } from '../metrics/campaign-metrics';
import type { CellFormat } from '../report-tab/report-tab';
import { rangeOf, type ReportQuery } from './query';
import { revenueLabel, revenueRange } from '../time/range';
import type { ContactList, ContactListOptions } from '../metrics/contact-lists';

export interface SummaryFigure {
  label: string;
  value: number | string;
  format: CellFormat;
  /** A contact count's list: its rows in the Contacts tab (and CAMPAIGN_CONTACTS). */
  list?: { name: ContactList; options: ContactListOptions };
}

/** The headline figures of campaign k under the query's range, contact attribution and model. */
export function campaignSummary(a: Analysis, q: ReportQuery, k = q.campaign, withCredit = true): SummaryFigure[] {
  const range = rangeOf(a, q);
  const revenue = revenueRange(range, a.zone, a.now);
  const figures: SummaryFigure[] = [
    { label: 'Campaign', value: a.model.workbook.campaigns[k].name, format: 'text' },
    { label: 'Date range', value: range.label, format: 'text' },
    { label: 'Sessions', value: metricValue(a, k, 'sessions', range), format: 'integer' },
    { label: `New contacts (${q.contactAttribution})`, value: metricValue(a, k, 'new contacts', range, q.contactAttribution), format: 'integer',
      list: { name: 'new contacts', options: { contactAttribution: q.contactAttribution } } },
    { label: 'Influenced contacts', value: metricValue(a, k, 'influenced contacts', range), format: 'integer', list: { name: 'influenced contacts', options: {} } },
    { label: `Revenue (linear, ${revenueLabel(revenue)})`, value: metricValue(a, k, 'revenue', range), format: 'currency' },
    { label: `Contacts with revenue (${revenueLabel(revenue)})`, value: metricValue(a, k, 'contacts with revenue', range), format: 'integer',
      list: { name: 'contacts with revenue', options: {} } },
  ];
  if (withCredit) {
    const credit = attribute(a, q.reportType, q.model, range).byCampaign[k].credit;
    figures.push({ label: `${q.model} credit (${q.reportType})`, value: credit, format: q.reportType === 'revenue' ? 'currency' : 'decimal' });
  }
  return figures;
}

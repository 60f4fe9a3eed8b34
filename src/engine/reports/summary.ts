/**
 * @fileoverview A campaign's headline figures, each with the range it really covers: the sidebar's
 * summary after a refresh and the command line's table both print these, so they always agree,
 * from a live analysis or from a warehouse.
 */
import type { Analysis } from '../analysis';
import type { FormulaData } from '../formulas/formula-data';
import { liveData } from '../formulas/live-data';
import type { CellFormat } from '../report-tab/report-tab';
import { rangeOf, type ReportQuery } from './query';
import { revenueLabel, revenueRange, type DateRange } from '../time/range';
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
  return summaryFigures(liveData(a), q, rangeOf(a, q), k, withCredit);
}

/** The same from any formula data: a live analysis or a warehouse's results. */
export function summaryFigures(d: FormulaData, q: ReportQuery, range: DateRange, k = q.campaign, withCredit = true): SummaryFigure[] {
  const revenue = revenueRange(range, d.zone, d.now);
  const figures: SummaryFigure[] = [
    { label: 'Campaign', value: d.campaigns[k].name, format: 'text' },
    { label: 'Date range', value: range.label, format: 'text' },
    { label: 'Sessions', value: d.metric(k, 'sessions', range, 'first touch'), format: 'integer' },
    { label: `New contacts (${q.contactAttribution})`, value: d.metric(k, 'new contacts', range, q.contactAttribution), format: 'integer',
      list: { name: 'new contacts', options: { contactAttribution: q.contactAttribution } } },
    { label: 'Influenced contacts', value: d.metric(k, 'influenced contacts', range, 'first touch'), format: 'integer', list: { name: 'influenced contacts', options: {} } },
    { label: `Revenue (linear, ${revenueLabel(revenue)})`, value: d.metric(k, 'revenue', range, 'first touch'), format: 'currency' },
    { label: `Contacts with revenue (${revenueLabel(revenue)})`, value: d.metric(k, 'contacts with revenue', range, 'first touch'), format: 'integer',
      list: { name: 'contacts with revenue', options: {} } },
  ];
  if (withCredit) {
    const credit = d.credit(q.reportType, q.model, range)[k];
    figures.push({ label: `${q.model} credit (${q.reportType})`, value: credit, format: q.reportType === 'revenue' ? 'currency' : 'decimal' });
  }
  return figures;
}

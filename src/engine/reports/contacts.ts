/**
 * @fileoverview The Contacts tab: the contacts behind each of a campaign's contact counts (new
 * contacts, influenced contacts, contacts with revenue, revenue-attribution contacts under the
 * chosen model), one block each, with the instant and the interaction that made them count.
 */
import { reportTabName } from './report-names';
import type { Analysis } from '../analysis';
import { contactList, contactListTable, type ContactList, type ContactListOptions } from '../metrics/contact-lists';
import type { CellFormat, ReportBlock, ReportTab } from '../report-tab/report-tab';
import { revenueLabel } from '../time/range';
import { DRILL_DOWN_LIMIT } from './revenue';
import { rangeOf, reportParameters, type ReportQuery } from './query';

/** The block of each list in the tab, for links from the sidebar's summary. */
export const CONTACT_LIST_BLOCKS: Record<ContactList, string> = {
  'new contacts': 'new-contacts',
  'influenced contacts': 'influenced-contacts',
  'contacts with revenue': 'contacts-with-revenue',
  'revenue attribution contacts': 'revenue-attribution-contacts',
};

export function contactsTab(a: Analysis, q: ReportQuery): ReportTab {
  const range = rangeOf(a, q);
  const campaign = a.model.workbook.campaigns[q.campaign];
  const block = (list: ContactList, title: string, note: string, o: ContactListOptions = {}): ReportBlock => {
    const { entries, range: covers } = contactList(a, q.campaign, list, range, o);
    const table = contactListTable(a, list, entries, DRILL_DOWN_LIMIT);
    const shown = entries.length > table.rows.length ? ` Showing the first ${table.rows.length.toLocaleString('en-US')}; CAMPAIGN_CONTACTS lists them all.` : '';
    const formats: CellFormat[] = table.header.map((_, i) => (i === 1 ? 'datetime' : 'text'));
    return {
      id: CONTACT_LIST_BLOCKS[list],
      title: `${title}: ${entries.length.toLocaleString('en-US')}${list === 'contacts with revenue' ? ` (${revenueLabel(covers)})` : ''}`,
      note: note + shown,
      header: table.header,
      formats,
      rows: table.rows,
    };
  };
  return {
    name: reportTabName('contacts'),
    key: 'contacts',
    title: `Contacts: ${campaign.name}`,
    parameters: reportParameters(a, q, ['campaign', 'range', 'contactAttribution', 'model'], range),
    blocks: [
      block('new contacts', `New contacts (${q.contactAttribution})`,
        `Created in the range; the interaction is the contact's ${q.contactAttribution === 'first touch' ? 'first eligible interaction' : 'last eligible interaction at or before creation'}, with the campaign.`,
        { contactAttribution: q.contactAttribution }),
      block('influenced contacts', 'Influenced contacts', 'Contacts whose first interaction with the campaign, of any type, lies in the range: that interaction and its time.'),
      block('contacts with revenue', 'Contacts with revenue',
        'Contacts of closed-won deals crediting the campaign (linear, last 365 days at most) with an interaction with it on the deal\'s path: the close of their first such deal and their first such interaction.'),
      block('revenue attribution contacts', `Revenue attribution contacts (${q.model})`,
        'Contacts whose interactions earned the campaign revenue credit under the model: the close of their first such deal and their first credited interaction.',
        { model: q.model }),
    ],
    charts: [],
  };
}

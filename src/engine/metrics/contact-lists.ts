/**
 * @fileoverview The contacts behind each contact count (attribution-semantics §5): new contacts,
 * influenced contacts, contacts with revenue and the revenue-attribution contacts under a model,
 * each with the instant and the interaction that made the contact count. The counts are these
 * lists' lengths, so a list always has as many rows as its number.
 */
import type { Analysis } from '../analysis';
import { attribute, splitOf, type Attribution } from '../attribution/credit';
import { parseModel, DEFAULT_MODEL, type AttributionModel } from '../attribution/catalog';
import type { ReportCell } from '../report-tab/report-tab';
import { revenueRange, type DateRange } from '../time/range';
import { dateTimeText } from '../time/zone';
import { normalizeName } from '../workbook/cells';
import {
  influencedEntries, newContactEntries, parseContactAttribution, revenueContactEntries,
  type ContactAttribution, type ContactEntry,
} from './campaign-metrics';

export const CONTACT_LISTS = ['new contacts', 'influenced contacts', 'contacts with revenue', 'revenue attribution contacts'] as const;
export type ContactList = (typeof CONTACT_LISTS)[number];

export function parseContactList(input: unknown): ContactList {
  const key = normalizeName(input);
  const l = CONTACT_LISTS.find((x) => normalizeName(x) === key) ?? (key === 'attributioncontacts' ? 'revenue attribution contacts' : undefined);
  if (!l) throw new Error(`Unknown contact list "${String(input ?? '')}": use one of ${CONTACT_LISTS.join(', ')}.`);
  return l;
}

/** How a list's contacts are attributed: first or last touch for new contacts, a model for revenue attribution. */
export interface ContactListOptions {
  contactAttribution?: ContactAttribution;
  model?: AttributionModel;
}

/**
 * The fifth argument of CAMPAIGN_CONTACTS qualifies the list: first/last touch for new contacts,
 * the attribution model for revenue-attribution contacts (default Linear); others take none.
 */
export function parseListQualifier(list: ContactList, input: unknown): ContactListOptions {
  if (list === 'revenue attribution contacts') return { model: input === undefined || input === null || input === '' ? DEFAULT_MODEL : parseModel(input) };
  if (list === 'new contacts') return { contactAttribution: parseContactAttribution(input) };
  if (input !== undefined && input !== null && input !== '') throw new Error(`The ${list} list takes no contact attribution: leave the fifth argument blank.`);
  return {};
}

export interface ContactListResult {
  entries: ContactEntry[];
  /** The range the list really covers (revenue lists: the last 365 days at most). */
  range: DateRange;
}

export function contactList(a: Analysis, k: number, list: ContactList, range: DateRange, o: ContactListOptions = {}): ContactListResult {
  switch (list) {
    case 'new contacts': return { entries: newContactEntries(a, k, range, o.contactAttribution ?? 'first touch'), range };
    case 'influenced contacts': return { entries: influencedEntries(a, k, range), range };
    case 'contacts with revenue': {
      const r = revenueRange(range, a.zone, a.now);
      return { entries: revenueContactEntries(a, k, r), range: r };
    }
    case 'revenue attribution contacts':
      return { entries: attributionContactEntries(a, attribute(a, 'revenue', o.model ?? DEFAULT_MODEL, range), k), range };
  }
}

/**
 * Revenue attribution's contacts: the contacts of interactions that earned the campaign credit > 0
 * under the model, each at the close of its first such deal, through its first credited interaction.
 */
export function attributionContactEntries(a: Analysis, att: Attribution, k: number): ContactEntry[] {
  const contactOf = a.model.contactOf;
  const order = att.conversions.map((_, i) => i).sort((p, q) => att.conversions[p].when - att.conversions[q].when || p - q);
  const seen = new Set<number>();
  const out: ContactEntry[] = [];
  for (const ci of order) {
    const c = att.conversions[ci];
    const split = splitOf(att, ci);
    // Entries follow the path's order, so the first credited interaction comes first.
    for (let e = 0; e < split.share.length; e++) {
      if (split.campaign[e] !== k || split.share[e] <= 0) continue;
      const p = c.path[split.touch[e]];
      const contact = contactOf[p];
      if (contact < 0 || seen.has(contact)) continue;
      seen.add(contact);
      out.push({ contact, when: c.when, position: p, deal: c.key });
    }
  }
  return out;
}

const WHEN_HEADER: Record<ContactList, string> = {
  'new contacts': 'Created at',
  'influenced contacts': 'First interaction with the campaign',
  'contacts with revenue': 'Deal closed at',
  'revenue attribution contacts': 'Deal closed at',
};

/** The list as a table: a header row's labels, then one row per contact in order of that instant. */
export function contactListTable(a: Analysis, list: ContactList, entries: ContactEntry[], limit = Infinity): { header: string[]; rows: ReportCell[][] } {
  const { interactions, assetOf, workbook } = a.model;
  const withDeal = list === 'contacts with revenue' || list === 'revenue attribution contacts';
  const rows: ReportCell[][] = [];
  for (const e of entries) {
    if (rows.length >= limit) break;
    const i = e.position >= 0 ? interactions[e.position] : null;
    const asset = e.position >= 0 && assetOf[e.position] >= 0 ? workbook.assets[assetOf[e.position]] : null;
    const row: ReportCell[] = [workbook.contacts[e.contact].id, dateTimeText(e.when, a.zone), i?.id ?? '', i?.type ?? '', asset ? asset.name || asset.id : ''];
    if (withDeal) row.push(e.deal >= 0 ? workbook.deals[e.deal].id : '');
    rows.push(row);
  }
  const header = ['Contact ID', WHEN_HEADER[list], 'Interaction ID', 'Interaction type', 'Asset'];
  if (withDeal) header.push('Deal ID');
  return { header, rows };
}

/**
 * @fileoverview Renders the demo's campaigns, assets, contacts and deals as sheet tables shaped
 * like `Range.getValues()`: header row first, dates as `Date`, blanks as `''`.
 */

import { RawCell, RawTable } from '../engine/workbook/raw';
import { COMPANIES, FIRST_NAMES, LAST_NAMES, LIFECYCLE_STAGES, OPEN_STAGES, slugify } from './catalog';
import { Contacts, DealStage, Deals } from './people';
import { Plan } from './plan';

export const CAMPAIGN_HEADER = ['Campaign ID', 'Name', 'UTM campaign', 'Start date', 'End date', 'Goal sessions', 'Goal new contacts', 'Goal influenced contacts', 'Goal revenue', 'Budget', 'Spend'];
export const ASSET_HEADER = ['Asset ID', 'Campaign ID', 'Type', 'Name', 'URL', 'Associated at'];
export const CONTACT_HEADER = ['Contact ID', 'Created at', 'Visitor IDs', 'Email', 'Name', 'Lifecycle stage'];
export const DEAL_HEADER = ['Deal ID', 'Name', 'Contact IDs', 'Created at', 'Stage', 'Closed at', 'Amount'];

const date = (t: number | null): RawCell => (t == null || Number.isNaN(t) ? '' : new Date(t));
const num = (x: number): RawCell => (Number.isNaN(x) ? '' : x);

export function campaignsTable(plan: Plan): RawTable {
  const rows: RawTable = [CAMPAIGN_HEADER.slice()];
  for (const c of plan.campaigns) {
    rows.push([c.id, c.name, c.utms.join(';'), date(c.start), date(c.endDate), ...c.goals, c.budget, c.spend]);
  }
  return rows;
}

export function assetsTable(plan: Plan): RawTable {
  const rows: RawTable = [ASSET_HEADER.slice()];
  for (const link of plan.associations) {
    const a = plan.assets[link.asset];
    const campaign = link.campaign >= 0 ? plan.campaigns[link.campaign].id : '';
    rows.push([a.id, campaign, a.type, a.name, a.url, date(link.associatedAt)]);
  }
  return rows;
}

export function contactsTable(contacts: Contacts, deals: Deals, visitorIds: string[]): RawTable {
  const rows: RawTable = new Array(contacts.count + 1);
  rows[0] = CONTACT_HEADER.slice();
  const emails = new Set<string>();
  const domains = COMPANIES.map((c) => `${slugify(c).replace(/-/g, '')}.com`);
  for (let i = 0; i < contacts.count; i++) {
    const first = FIRST_NAMES[contacts.firstName[i]];
    const last = LAST_NAMES[contacts.lastName[i]];
    const v = contacts.firstVisitor[i];
    const visitors = contacts.visitorCount[i] > 1 ? `${visitorIds[v]}${i % 3 ? ';' : '; '}${visitorIds[v + 1]}` : visitorIds[v];
    // Some people sign up with a personal address; the CRM keeps addresses unique.
    const domain = i % 7 === 3 ? 'gmail.com' : domains[contacts.company[i]];
    rows[i + 1] = [contacts.ids[i], new Date(contacts.created[i]), visitors, uniqueEmail(first, last, domain, emails), `${first} ${last}`, lifecycle(contacts, deals, i)];
  }
  return rows;
}

function uniqueEmail(first: string, last: string, domain: string, taken: Set<string>): string {
  const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
  let email = `${local}@${domain}`;
  for (let k = 2; taken.has(email); k++) email = `${local}${k}@${domain}`;
  taken.add(email);
  return email;
}

function lifecycle(contacts: Contacts, deals: Deals, i: number): string {
  const d = contacts.deal[i];
  if (d < 0) return LIFECYCLE_STAGES[contacts.lastName[i] % LIFECYCLE_STAGES.length];
  if (deals.stage[d] === DealStage.Won) return 'customer';
  return deals.stage[d] === DealStage.Lost ? 'salesqualifiedlead' : 'opportunity';
}

export function dealsTable(deals: Deals, contacts: Contacts): RawTable {
  const rows: RawTable = new Array(deals.count + 1);
  rows[0] = DEAL_HEADER.slice();
  for (let d = 0; d < deals.count; d++) {
    const ids = Array.from(deals.contacts[d], (ci) => contacts.ids[ci]).join(deals.separator[d]);
    rows[d + 1] = [deals.ids[d], deals.name[d], ids, new Date(deals.created[d]), stageLabel(deals.stage[d], d), date(deals.closed[d]), num(deals.amount[d])];
  }
  return rows;
}

function stageLabel(stage: number, d: number): string {
  // CRMs export labels, not internal values, and users retype some: keep a few capitalised.
  if (stage === DealStage.Won) return d % 13 === 5 ? 'Closed Won' : 'closed won';
  if (stage === DealStage.Lost) return 'closed lost';
  return OPEN_STAGES[stage - 2];
}

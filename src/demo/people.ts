/**
 * @fileoverview Contacts, their visitor cookies and the deals they are on. Columnar typed arrays,
 * because the large benchmark has 100,000 contacts and per-contact objects would dominate memory.
 */

import { COMPANIES, DEAL_PRODUCTS, FIRST_NAMES, LAST_NAMES, OPEN_STAGES } from './catalog';
import { Campaign } from './campaigns';
import { Rng, cumulative } from './random';
import { DAY, HOUR, InstantSampler, Timeline, startOfDay } from './time';

export interface Contacts {
  count: number;
  ids: string[];
  /** Creation instants, ascending (contact IDs follow creation order, as in a CRM). */
  created: Float64Array;
  /** Campaign whose traffic created the contact, -1 for none. */
  acquiredBy: Int16Array;
  firstVisitor: Int32Array;
  visitorCount: Uint8Array;
  company: Int16Array;
  firstName: Uint8Array;
  lastName: Uint8Array;
  /** A deal the contact is on (-1 for none); `dealPrimary` says whether it is the deal's first contact. */
  deal: Int32Array;
  dealPrimary: Uint8Array;
}

export const DealStage = { Won: 0, Lost: 1 } as const; // 2 + k: OPEN_STAGES[k]

export interface Deals {
  count: number;
  ids: string[];
  created: Float64Array;
  /** NaN while open. */
  closed: Float64Array;
  stage: Uint8Array;
  /** NaN when blank. */
  amount: Float64Array;
  contacts: Int32Array[];
  separator: string[];
  name: string[];
}

export function buildContacts(rng: Rng, tl: Timeline, campaigns: Campaign[], count: number): Contacts {
  const sampler = new InstantSampler(rng);
  const raw = new Float64Array(count);
  const rawCampaign = new Int16Array(count);
  const cum = cumulative(campaigns.map((c) => c.weight * (c.activeTo - c.activeFrom)));
  for (let i = 0; i < count; i++) {
    // Half the contacts come from a campaign push, the rest from steadily growing baseline traffic.
    if (rng.chance(0.5)) {
      const c = campaigns[rng.weighted(cum)];
      rawCampaign[i] = c.index;
      raw[i] = sampler.at(Math.max(c.activeFrom, tl.start + 2 * HOUR), c.activeTo);
    } else {
      rawCampaign[i] = -1;
      raw[i] = baselineInstant(rng, sampler, tl);
    }
  }
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => raw[a] - raw[b] || a - b);
  return assembleContacts(rng, order, raw, rawCampaign);
}

function baselineInstant(rng: Rng, sampler: InstantSampler, tl: Timeline): number {
  const g = 0.8; // density grows linearly by 80% over the span: the business is growing
  const x = (Math.sqrt(1 + g * (2 + g) * rng.next()) - 1) / g;
  const lo = tl.start + 2 * HOUR;
  let day = startOfDay(tl.start + x * (tl.end - tl.start));
  const weekday = (Math.floor(day / DAY) + 4) % 7;
  if ((weekday === 0 || weekday === 6) && rng.chance(0.6)) day += (weekday === 6 ? -1 : 1) * DAY;
  const t = sampler.sameDay(day, day, day + DAY);
  return t < lo || t >= tl.end ? sampler.uniform(lo, tl.end) : t;
}

function assembleContacts(rng: Rng, order: number[], raw: Float64Array, rawCampaign: Int16Array): Contacts {
  const count = order.length;
  const width = Math.max(6, String(count).length);
  const c: Contacts = {
    count,
    ids: new Array<string>(count),
    created: new Float64Array(count),
    acquiredBy: new Int16Array(count),
    firstVisitor: new Int32Array(count),
    visitorCount: new Uint8Array(count),
    company: new Int16Array(count),
    firstName: new Uint8Array(count),
    lastName: new Uint8Array(count),
    deal: new Int32Array(count).fill(-1),
    dealPrimary: new Uint8Array(count),
  };
  let visitor = 0;
  for (let i = 0; i < count; i++) {
    c.ids[i] = `CON-${String(i + 1).padStart(width, '0')}`;
    c.created[i] = raw[order[i]];
    c.acquiredBy[i] = rawCampaign[order[i]];
    c.firstVisitor[i] = visitor;
    c.visitorCount[i] = rng.chance(0.3) ? 2 : 1;
    visitor += c.visitorCount[i];
    c.company[i] = rng.int(COMPANIES.length);
    c.firstName[i] = rng.int(FIRST_NAMES.length);
    c.lastName[i] = rng.int(LAST_NAMES.length);
  }
  return c;
}

/** Number of visitor IDs that contacts use; anonymous visitors are numbered after them. */
export function contactVisitorCount(c: Contacts): number {
  return c.count === 0 ? 0 : c.firstVisitor[c.count - 1] + c.visitorCount[c.count - 1];
}

/** Cookie-like visitor IDs; a multiplicative hash keeps them unique yet random-looking. */
export function visitorIds(total: number): string[] {
  const ids = new Array<string>(total);
  for (let i = 0; i < total; i++) {
    const h = Math.imul(i + 1, 0x9e3779b1) >>> 0;
    ids[i] = `v-${h.toString(16).padStart(8, '0')}`;
  }
  return ids;
}

export function buildDeals(rng: Rng, tl: Timeline, contacts: Contacts, count: number): Deals {
  const sampler = new InstantSampler(rng);
  const width = Math.max(5, String(count).length);
  const deals: Deals = {
    count: 0, ids: [], created: new Float64Array(count), closed: new Float64Array(count).fill(NaN),
    stage: new Uint8Array(count), amount: new Float64Array(count).fill(NaN), contacts: [], separator: [], name: [],
  };
  const eligible = upperBound(contacts.created, tl.end - 6 * HOUR);
  if (eligible === 0) return deals;
  for (let d = 0; d < count; d++) {
    const primary = pickPrimary(rng, contacts, eligible);
    const created = dealCreation(rng, sampler, tl, contacts.created[primary]);
    deals.ids.push(`DEAL-${String(d + 1).padStart(width, '0')}`);
    deals.created[d] = created;
    deals.contacts.push(pickDealContacts(rng, contacts, primary, created));
    closeDeal(rng, sampler, tl, deals, d);
    deals.separator.push(rng.chance(0.6) ? '; ' : rng.chance(0.6) ? ';' : ', ');
    deals.name.push(`${COMPANIES[contacts.company[primary]]} – ${rng.pick(DEAL_PRODUCTS)}`);
    for (const ci of deals.contacts[d]) {
      contacts.deal[ci] = d;
      contacts.dealPrimary[ci] = ci === primary ? 1 : 0;
      contacts.company[ci] = contacts.company[primary];
    }
  }
  deals.count = count;
  return deals;
}

function pickPrimary(rng: Rng, contacts: Contacts, eligible: number): number {
  let ci = rng.int(eligible);
  for (let tries = 0; tries < 3 && contacts.deal[ci] >= 0; tries++) ci = rng.int(eligible);
  return ci;
}

function dealCreation(rng: Rng, sampler: InstantSampler, tl: Timeline, contactCreated: number): number {
  const lo = contactCreated + HOUR;
  const hi = tl.end - HOUR;
  const t = lo + rng.exp(25 * DAY);
  return t < hi ? sampler.sameDay(t, lo, hi) : sampler.uniform(lo, hi);
}

function pickDealContacts(rng: Rng, contacts: Contacts, primary: number, created: number): Int32Array {
  const extra = rng.chance(0.55) ? 0 : rng.chance(0.65) ? 1 : 2;
  const list = [primary];
  const before = upperBound(contacts.created, created);
  for (let k = 0; k < extra; k++) {
    // Mostly people already known at deal creation; sometimes a stakeholder added later.
    const ci = rng.chance(0.85) && before > 1 ? rng.int(before) : rng.int(contacts.count);
    if (!list.includes(ci)) list.push(ci);
  }
  return Int32Array.from(list);
}

function closeDeal(rng: Rng, sampler: InstantSampler, tl: Timeline, deals: Deals, d: number): void {
  const created = deals.created[d];
  const target = created + (5 + rng.exp(40)) * DAY;
  let closed = NaN;
  if (target < tl.end - HOUR) {
    if (rng.chance(0.85)) closed = sampler.sameDay(target, created + HOUR, tl.end);
  } else if (rng.chance(0.06)) {
    closed = sampler.uniform(Math.max(created + HOUR, tl.end - 3 * DAY), tl.end); // closed in the last days
  }
  const won = rng.chance(0.5);
  deals.closed[d] = closed;
  deals.stage[d] = Number.isNaN(closed) ? 2 + openStage(rng) : won ? DealStage.Won : DealStage.Lost;
  const hasAmount = deals.stage[d] === DealStage.Won || rng.chance(deals.stage[d] === DealStage.Lost ? 0.25 : 0.6);
  if (hasAmount) deals.amount[d] = dealAmount(rng);
}

function openStage(rng: Rng): number {
  const r = rng.next();
  return r < 0.35 ? 0 : r < 0.6 ? 1 : r < 0.8 ? 2 : r < 0.92 ? 3 : OPEN_STAGES.length - 1;
}

function dealAmount(rng: Rng): number {
  const x = Math.exp(Math.log(9000) + 0.9 * rng.normal());
  return Math.min(80000, Math.max(1000, Math.round(x / 50) * 50));
}

/** First index whose value is > t in an ascending array. */
export function upperBound(sorted: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is >= t in an ascending array. */
export function lowerBound(sorted: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}


/**
 * @fileoverview A campaign's metrics as timed events (when, amount): a metric is their sum over a
 * range, a trend is their sum per day or month. One definition serves the Overview, the contacts and
 * sessions series, CAMPAIGN_METRIC and CAMPAIGN_TREND.
 */
import { eligibility, interactionsByCampaign, forRange, type Analysis } from '../analysis';
import type { Attribution } from '../attribution/credit';
import { attribute } from '../attribution/credit';
import { inRange, revenueRange, type DateRange } from '../time/range';
import { normalizeName } from '../workbook/cells';

export const METRICS = [
  'sessions', 'new contacts', 'influenced contacts', 'revenue', 'deals with revenue', 'contacts with revenue',
  'views', 'new visitor sessions',
] as const;
export type Metric = (typeof METRICS)[number];

export type ContactAttribution = 'first touch' | 'last touch';

export function parseMetric(input: unknown): Metric {
  const key = normalizeName(input);
  const m = METRICS.find((x) => normalizeName(x) === key);
  if (!m) throw new Error(`Unknown metric "${String(input ?? '')}": use one of ${METRICS.join(', ')}.`);
  return m;
}

export function parseContactAttribution(input: unknown): ContactAttribution {
  if (input === undefined || input === null || input === '') return 'first touch';
  const key = normalizeName(input);
  if (key === 'firsttouch' || key === 'first') return 'first touch';
  if (key === 'lasttouch' || key === 'last') return 'last touch';
  throw new Error(`Unknown contact attribution "${String(input)}": use first touch or last touch.`);
}

export interface MetricEvents {
  times: number[];
  amounts: number[];
}

const sum = (e: MetricEvents) => e.amounts.reduce((s, v) => s + v, 0);

export function metricValue(a: Analysis, campaign: number, metric: Metric, range: DateRange, ca: ContactAttribution = 'first touch'): number {
  return sum(metricEvents(a, campaign, metric, range, ca));
}

export function metricEvents(a: Analysis, campaign: number, metric: Metric, range: DateRange, ca: ContactAttribution = 'first touch'): MetricEvents {
  switch (metric) {
    case 'sessions': return sessionEvents(a, campaign, range, false);
    case 'new visitor sessions': return sessionEvents(a, campaign, range, true);
    case 'views': return viewEvents(a, campaign, range);
    case 'new contacts': return newContactEvents(a, campaign, range, ca);
    case 'influenced contacts': return influencedEvents(a, campaign, range);
    case 'revenue':
    case 'deals with revenue':
    case 'contacts with revenue': return revenueEvents(a, campaign, revenueRange(range, a.zone, a.now), metric);
  }
}

export const REVENUE_METRICS: ReadonlySet<Metric> = new Set<Metric>(['revenue', 'deals with revenue', 'contacts with revenue']);

/** The range a metric really covers: revenue metrics keep only the last 365 days of it (§5). */
export const metricRange = (a: Analysis, metric: Metric, range: DateRange): DateRange =>
  (REVENUE_METRICS.has(metric) ? revenueRange(range, a.zone, a.now) : range);

/** Page views with the campaign in the range. */
function viewEvents(a: Analysis, k: number, range: DateRange): MetricEvents {
  const out: MetricEvents = { times: [], amounts: [] };
  const its = a.model.interactions;
  for (const p of interactionsByCampaign(a)[k]) {
    const i = its[p];
    if (i.type === 'page view' && inRange(i.ts, range)) { out.times.push(i.ts); out.amounts.push(1); }
  }
  return out;
}

/**
 * Distinct sessions with a page view with the campaign, each on the day of its first such view
 * (ours: a session spanning midnight counts once, where it started with the campaign).
 */
function sessionEvents(a: Analysis, k: number, range: DateRange, newOnly: boolean): MetricEvents {
  const out: MetricEvents = { times: [], amounts: [] };
  const { interactions: its, sessionOf, sessionIsNew } = a.model;
  const seen = new Set<number>();
  for (const p of interactionsByCampaign(a)[k]) {
    const s = sessionOf[p];
    if (s < 0 || seen.has(s)) continue;
    seen.add(s);
    if ((newOnly && !sessionIsNew[s]) || !inRange(its[p].ts, range)) continue;
    out.times.push(its[p].ts);
    out.amounts.push(1);
  }
  return out;
}

/** Per contact, the position of its first eligible interaction and of its last one at or before creation. */
export interface ContactTouches {
  first: Int32Array;
  lastBeforeCreation: Int32Array;
}

export const contactTouches = (a: Analysis): ContactTouches =>
  (a.cache.contactTouches ??= (() => {
    const { contacts } = a.model.workbook;
    const its = a.model.interactions;
    const first = new Int32Array(contacts.length).fill(-1);
    const lastBeforeCreation = new Int32Array(contacts.length).fill(-1);
    eligibility(a).byContact.forEach((list, c) => {
      if (list.length) first[c] = list[0];
      for (let j = list.length - 1; j >= 0; j--) {
        if (its[list[j]].ts <= contacts[c].createdAt) { lastBeforeCreation[c] = list[j]; break; }
      }
    });
    return { first, lastBeforeCreation };
  })());

/** Per campaign, the contacts whose first touch (or last touch before creation) is with it: one pass for all. */
const newContactsByCampaign = (a: Analysis, ca: ContactAttribution): number[][] =>
  (a.cache.newContacts[ca] ??= (() => {
    const touches = contactTouches(a);
    const pick = ca === 'first touch' ? touches.first : touches.lastBeforeCreation;
    const lists: number[][] = a.model.workbook.campaigns.map(() => []);
    for (const c of a.model.workbook.contacts) {
      const p = pick[c.index];
      const cs = p >= 0 ? a.model.campaignsOf[p] : null;
      if (cs) for (const k of cs) lists[k].push(c.index);
    }
    return lists;
  })());

/**
 * One contact behind a count (§5 "Contact lists behind the counts"): who, the instant that made it
 * count (creation, first interaction with the campaign, or the deal's close), the interaction that
 * did, and for revenue the deal (its index in the Deals tab, else -1).
 */
export interface ContactEntry {
  contact: number;
  when: number;
  position: number;
  deal: number;
}

const byWhen = (x: ContactEntry, y: ContactEntry) => x.when - y.when || x.contact - y.contact;

/** Contacts created in the range whose first touch (or last touch before creation) is with the campaign. */
export function newContactEntries(a: Analysis, k: number, range: DateRange, ca: ContactAttribution): ContactEntry[] {
  const contacts = a.model.workbook.contacts;
  const touches = contactTouches(a);
  const pick = ca === 'first touch' ? touches.first : touches.lastBeforeCreation;
  const out: ContactEntry[] = [];
  for (const c of newContactsByCampaign(a, ca)[k]) {
    const t = contacts[c].createdAt;
    if (inRange(t, range)) out.push({ contact: c, when: t, position: pick[c], deal: -1 });
  }
  return out.sort(byWhen);
}

/** Contacts whose first interaction with the campaign, of any type, lies in the range (net new). */
export function influencedEntries(a: Analysis, k: number, range: DateRange): ContactEntry[] {
  const { interactions: its, contactOf } = a.model;
  const seen = new Set<number>();
  const out: ContactEntry[] = [];
  for (const p of interactionsByCampaign(a)[k]) {
    const c = contactOf[p];
    if (c < 0 || seen.has(c)) continue;
    seen.add(c);
    if (inRange(its[p].ts, range)) out.push({ contact: c, when: its[p].ts, position: p, deal: -1 });
  }
  return out;
}

const toEvents = (entries: ContactEntry[]): MetricEvents => ({ times: entries.map((e) => e.when), amounts: entries.map(() => 1) });

function newContactEvents(a: Analysis, k: number, range: DateRange, ca: ContactAttribution): MetricEvents {
  return toEvents(newContactEntries(a, k, range, ca));
}

function influencedEvents(a: Analysis, k: number, range: DateRange): MetricEvents {
  return toEvents(influencedEntries(a, k, range));
}

/** Per campaign, the revenue conversions (index) crediting it, with its share: one pass over the splits. */
export interface RevenueShares {
  att: Attribution;
  /** Per campaign, the conversions crediting it and its share of each. */
  lists: { conversion: number[]; share: number[] }[];
}

export const revenueSharesByCampaign = (a: Analysis, range: DateRange): RevenueShares =>
  forRange(a.cache.revenueShares, range, () => {
    const att = attribute(a, 'revenue', 'Linear', range);
    const lists = a.model.workbook.campaigns.map(() => ({ conversion: [] as number[], share: [] as number[] }));
    for (let ci = 0; ci < att.conversions.length; ci++) {
      for (let e = att.splitStart[ci]; e < att.splitStart[ci + 1]; e++) {
        const k = att.splitCampaign[e];
        if (k < 0 || att.splitShare[e] <= 0) continue;
        const l = lists[k];
        // A conversion's entries for one campaign are summed into one row.
        if (l.conversion[l.conversion.length - 1] === ci) l.share[l.share.length - 1] += att.splitShare[e];
        else { l.conversion.push(ci); l.share.push(att.splitShare[e]); }
      }
    }
    return { att, lists };
  });

/**
 * Contacts with revenue: the contacts of deals crediting the campaign that have an interaction with
 * it on the deal's path, each at the close of its first such deal, through the first such interaction.
 * `range` is already the revenue range (last 365 days at most).
 */
export function revenueContactEntries(a: Analysis, k: number, range: DateRange): ContactEntry[] {
  const { att, lists } = revenueSharesByCampaign(a, range);
  const { campaignsOf, contactOf } = a.model;
  const conversions = lists[k].conversion.slice().sort((x, y) => att.conversions[x].when - att.conversions[y].when || x - y);
  const counted = new Set<number>();
  const out: ContactEntry[] = [];
  for (const ci of conversions) {
    const c = att.conversions[ci];
    for (let j = 0; j < c.path.length; j++) {
      const contact = contactOf[c.path[j]];
      if (counted.has(contact) || !campaignsOf[c.path[j]]?.includes(k)) continue;
      counted.add(contact);
      out.push({ contact, when: c.when, position: c.path[j], deal: c.key });
    }
  }
  return out;
}

/** The Revenue report's metrics: linear credit on revenue conversions closed in the range. */
function revenueEvents(a: Analysis, k: number, range: DateRange, metric: Metric): MetricEvents {
  if (metric === 'contacts with revenue') return toEvents(revenueContactEntries(a, k, range));
  const out: MetricEvents = { times: [], amounts: [] };
  const { att, lists } = revenueSharesByCampaign(a, range);
  const { conversion, share } = lists[k];
  for (let i = 0; i < conversion.length; i++) {
    const c = att.conversions[conversion[i]];
    out.times.push(c.when);
    out.amounts.push(metric === 'revenue' ? share[i] * c.value : 1);
  }
  return out;
}

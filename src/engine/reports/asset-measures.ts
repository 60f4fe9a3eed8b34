/**
 * @fileoverview Each asset type's own measures (HubSpot's asset sections): emails sent, delivered,
 * opened, clicked and their rates; forms' views, submissions and conversion rate; CTAs' views,
 * clicks and click rate; ads' impressions, clicks and contacts; landing pages' views, submissions
 * and new contacts; and so on. Measures are computed over an asset's whole history in the range.
 */
import type { Analysis } from '../analysis';
import type { AssetType, InteractionType } from '../workbook/types';
import { inRange, type DateRange } from '../time/range';
import { pageKey } from '../web/url';

/** What one asset did in the range: counts and distinct people by interaction type, and more. */
export interface AssetTally {
  count: Map<InteractionType, number>;
  /** Distinct people (contact, else visitor) per interaction type. */
  people: Map<InteractionType, Set<number>>;
  sessions: Set<number>;
  /** Distinct known contacts with any interaction on the asset. */
  contacts: Set<number>;
  /** Landing pages: form submissions on the page (its URL, or the page as the Asset ID). */
  submissions: number;
  /** Landing pages: contacts created in the range whose converting submission was on the page. */
  newContacts: number;
  interactions: number;
}

export interface Measure {
  label: string;
  format: 'integer' | 'percent';
  /** The interaction type counted per day in the asset's series, for count measures. */
  daily?: InteractionType;
  value(t: AssetTally): number | null;
}

const n = (t: AssetTally, type: InteractionType) => t.count.get(type) ?? 0;
const people = (t: AssetTally, type: InteractionType) => t.people.get(type)?.size ?? 0;
/** Known contacts only (people keys of visitors are negative). */
const contactsOf = (t: AssetTally, type: InteractionType) => {
  let k = 0;
  for (const key of t.people.get(type) ?? []) if (key >= 0) k++;
  return k;
};
const rate = (num: number, den: number) => (den > 0 ? num / den : null);
/** Delivered: the deliveries recorded, else (ours) sends less bounces when only those are recorded. */
const delivered = (t: AssetTally) => (t.count.has('email delivery') ? n(t, 'email delivery') : Math.max(0, n(t, 'email send') - n(t, 'email bounce')));

const VIEWS: Measure = { label: 'Views', format: 'integer', daily: 'page view', value: (t) => n(t, 'page view') };
const SESSIONS: Measure = { label: 'Sessions', format: 'integer', value: (t) => t.sessions.size };
const CONTACTS: Measure = { label: 'Contacts', format: 'integer', value: (t) => t.contacts.size };

const WEB_PAGE: Measure[] = [VIEWS, SESSIONS, CONTACTS];

export const ASSET_MEASURES: Record<AssetType, Measure[]> = {
  'marketing email': [
    { label: 'Sent', format: 'integer', daily: 'email send', value: (t) => n(t, 'email send') },
    { label: 'Delivered', format: 'integer', daily: 'email delivery', value: delivered },
    { label: 'Bounced', format: 'integer', daily: 'email bounce', value: (t) => n(t, 'email bounce') },
    { label: 'Opened', format: 'integer', daily: 'email open', value: (t) => people(t, 'email open') },
    { label: 'Clicked', format: 'integer', daily: 'email click', value: (t) => people(t, 'email click') },
    { label: 'Open rate', format: 'percent', value: (t) => rate(people(t, 'email open'), delivered(t)) },
    { label: 'Click rate', format: 'percent', value: (t) => rate(people(t, 'email click'), delivered(t)) },
    { label: 'Click-through rate', format: 'percent', value: (t) => rate(people(t, 'email click'), people(t, 'email open')) },
  ],
  form: [
    { label: 'Views', format: 'integer', daily: 'form view', value: (t) => n(t, 'form view') },
    { label: 'Submissions', format: 'integer', daily: 'form submission', value: (t) => n(t, 'form submission') },
    { label: 'Conversion rate', format: 'percent', value: (t) => rate(n(t, 'form submission'), n(t, 'form view')) },
  ],
  cta: [
    { label: 'Views', format: 'integer', daily: 'cta view', value: (t) => n(t, 'cta view') },
    { label: 'Clicks', format: 'integer', daily: 'cta click', value: (t) => n(t, 'cta click') },
    { label: 'Click rate', format: 'percent', value: (t) => rate(n(t, 'cta click'), n(t, 'cta view')) },
  ],
  ad: [
    { label: 'Impressions', format: 'integer', daily: 'ad impression', value: (t) => n(t, 'ad impression') },
    { label: 'Clicks', format: 'integer', daily: 'ad click', value: (t) => n(t, 'ad click') },
    { label: 'Contacts', format: 'integer', value: (t) => contactsOf(t, 'ad click') },
    { label: 'Click-through rate', format: 'percent', value: (t) => rate(n(t, 'ad click'), n(t, 'ad impression')) },
  ],
  'landing page': [
    VIEWS, SESSIONS,
    { label: 'Submissions', format: 'integer', value: (t) => t.submissions },
    { label: 'New contacts', format: 'integer', value: (t) => t.newContacts },
    { label: 'Submission rate', format: 'percent', value: (t) => rate(t.submissions, n(t, 'page view')) },
  ],
  'website page': WEB_PAGE,
  'blog post': WEB_PAGE,
  video: WEB_PAGE,
  document: WEB_PAGE,
  'social post': [
    { label: 'Clicks', format: 'integer', daily: 'social click', value: (t) => n(t, 'social click') },
    { label: 'Contacts', format: 'integer', value: (t) => contactsOf(t, 'social click') },
  ],
  'marketing event': [{ label: 'Attendees', format: 'integer', daily: 'event attendance', value: (t) => contactsOf(t, 'event attendance') }],
  'static list': [{ label: 'Members', format: 'integer', daily: 'list membership', value: (t) => contactsOf(t, 'list membership') }],
  workflow: [{ label: 'Enrollments', format: 'integer', daily: 'workflow enrollment', value: (t) => contactsOf(t, 'workflow enrollment') }],
  other: [{ label: 'Interactions', format: 'integer', value: (t) => t.interactions }, CONTACTS],
};

const emptyTally = (): AssetTally => ({ count: new Map(), people: new Map(), sessions: new Set(), contacts: new Set(), submissions: 0, newContacts: 0, interactions: 0 });

/**
 * Tallies the given assets over their whole history in the range (association time does not limit
 * asset reports). `byAsset` lists each asset's interaction positions in time order.
 */
export function tallyAssets(a: Analysis, assets: number[], byAsset: Int32Array[], range: DateRange): Map<number, AssetTally> {
  const { interactions, sessionOf, contactOf, visitorOf, workbook } = a.model;
  const out = new Map<number, AssetTally>();
  for (const asset of assets) {
    const t = emptyTally();
    for (const p of byAsset[asset]) {
      const i = interactions[p];
      if (!inRange(i.ts, range)) continue;
      t.interactions++;
      t.count.set(i.type, (t.count.get(i.type) ?? 0) + 1);
      let set = t.people.get(i.type);
      if (!set) t.people.set(i.type, (set = new Set()));
      // A person: the contact, else the visitor (kept apart by sign).
      set.add(contactOf[p] >= 0 ? contactOf[p] : -1 - visitorOf[p]);
      if (sessionOf[p] >= 0) t.sessions.add(sessionOf[p]);
      if (contactOf[p] >= 0) t.contacts.add(contactOf[p]);
    }
    out.set(asset, t);
  }
  // Landing pages: submissions on the page, and the contacts their submission there converted.
  const pages = new Map<string, number>();
  for (const asset of assets) {
    const x = workbook.assets[asset];
    if (x.type === 'landing page' && x.url) pages.set(pageKey(x.url), asset);
  }
  if (!pages.size) return out;
  const pageOf = (p: number): number | undefined => {
    const asset = a.model.assetOf[p];
    if (asset >= 0 && workbook.assets[asset].type === 'landing page') return out.has(asset) ? asset : undefined;
    // A form's submission on the page: its URL is the page's.
    const url = interactions[p].url;
    return url ? pages.get(pageKey(url)) : undefined;
  };
  const converting = new Int32Array(workbook.contacts.length).fill(-1);
  for (let p = 0; p < interactions.length; p++) {
    const i = interactions[p];
    if (i.type !== 'form submission') continue;
    const c = contactOf[p];
    // The last submission at or before creation is the one that converted the contact.
    if (c >= 0 && i.ts <= workbook.contacts[c].createdAt) converting[c] = p;
    if (!inRange(i.ts, range)) continue;
    const page = pageOf(p);
    if (page !== undefined) out.get(page)!.submissions++;
  }
  converting.forEach((p, c) => {
    if (p < 0 || !inRange(workbook.contacts[c].createdAt, range)) return;
    const page = pageOf(p);
    if (page !== undefined) out.get(page)!.newContacts++;
  });
  return out;
}

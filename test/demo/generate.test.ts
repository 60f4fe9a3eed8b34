/**
 * @fileoverview Acceptance tests of the demo workbook generator: shape, counts, determinism and
 * the realism the engine's reports depend on (every asset, interaction type and source category,
 * late associations, stitched visitors, deals).
 */

import { describe, it, expect } from 'vitest';
import { BENCH_SIZES, generateDemoWorkbook } from '../../src/demo/generate';
import type { RawCell, RawTable } from '../../src/engine/workbook/raw';
import { analyse } from '../../src/engine/analysis';
import { metricEvents, metricValue } from '../../src/engine/metrics/campaign-metrics';
import { allData } from '../../src/engine/time/range';

const END = new Date('2026-03-01T00:00:00Z');
const DAY = 86_400_000;
const wb = generateDemoWorkbook({ end: END });

const ASSET_TYPES = ['landing page', 'website page', 'blog post', 'marketing email', 'social post', 'ad', 'cta', 'form', 'marketing event', 'video', 'document', 'static list', 'workflow', 'other'];
const INTERACTION_TYPES = ['page view', 'form submission', 'email open', 'email click', 'cta click', 'ad click', 'social click', 'event attendance', 'meeting', 'call', 'sales email', 'conversation', 'list membership', 'workflow enrollment', 'other',
  'email send', 'email delivery', 'email bounce', 'cta view', 'form view', 'ad impression'];
const CATEGORIES = ['Organic search', 'Paid search', 'Paid social', 'Organic social', 'Email marketing', 'Referrals', 'Other campaigns', 'Direct traffic', 'Offline sources'];
const WEB_TYPES = new Set(['landing page', 'website page', 'blog post', 'video', 'document']);

/** Rows of a tab as objects keyed by header. */
function records(table: RawTable): Record<string, RawCell>[] {
  const [header, ...rows] = table;
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[i]])));
}

const time = (cell: RawCell): number => (cell as Date).getTime();
const list = (cell: RawCell): string[] => String(cell).split(/[;,]/).map((s) => s.trim()).filter(Boolean);
const pageOf = (url: string): string => url.split(/[?#]/)[0].replace(/\/$/, '');

const campaigns = records(wb.Campaigns);
const assets = records(wb.Assets);
const contacts = records(wb.Contacts);
const deals = records(wb.Deals);
const interactions = records(wb.Interactions);

/** UTM values of an interaction: cells first, then the URL's query. */
function utmOf(row: Record<string, RawCell>): Record<string, string> {
  const utm: Record<string, string> = {};
  const url = String(row.URL);
  const query = url.includes('?') ? new URLSearchParams(url.slice(url.indexOf('?') + 1)) : new URLSearchParams();
  for (const key of ['campaign', 'source', 'medium', 'term', 'content']) {
    const cell = String(row[`UTM ${key}`] ?? '');
    const value = cell || query.get(`utm_${key}`) || '';
    if (value) utm[key] = value.toLowerCase();
  }
  return utm;
}

const hostOf = (ref: string): string => ref.replace(/^https?:\/\//, '').split('/')[0].toLowerCase();
const SOCIAL_HOST = /(^|\.)(linkedin\.com|t\.co|twitter\.com|facebook\.com)$/;
const SEARCH_HOST = /(^|\.)(google\.com|bing\.com|duckduckgo\.com|yahoo\.com)$/;
const MAIL_HOST = /^(mail\.google\.com|outlook\.live\.com)$/;
const SOCIAL_SOURCES = new Set(['linkedin', 'twitter', 'facebook']);

/** The source category of attribution-semantics.md section 2, as the engine derives it. */
function category(row: Record<string, RawCell>): string {
  if (row.Source) return String(row.Source);
  const utm = utmOf(row);
  const values = Object.values(utm);
  const ref = row.Referrer ? hostOf(String(row.Referrer)) : '';
  const socialRef = SOCIAL_HOST.test(ref);
  const socialSource = SOCIAL_SOURCES.has(utm.source ?? '');
  const medium = utm.medium ?? '';
  if (medium === 'social' && (socialSource || socialRef)) return 'Organic social';
  if (values.some((v) => /adword|ppc|cpc/.test(v)) || String(row.URL).includes('gclid=')) {
    const paidSocial = (/paid|ppc|cpc/.test(medium) && (socialSource || socialRef)) || /paidsocial/.test(`${utm.source ?? ''} ${medium}`);
    return paidSocial ? 'Paid social' : 'Paid search';
  }
  if (values.some((v) => v.includes('email'))) return 'Email marketing';
  if (values.length) return 'Other campaigns';
  if (ref) {
    if (socialRef) return 'Organic social';
    if (SEARCH_HOST.test(ref)) return 'Organic search';
    if (MAIL_HOST.test(ref)) return 'Direct traffic';
    return 'Referrals';
  }
  return row.Type === 'page view' ? 'Direct traffic' : 'Offline sources';
}

/** Contact ID of each interaction, through Contacts.Visitor IDs for visitor-only rows. */
function identities(): (string | null)[] {
  const byVisitor = new Map<string, string>();
  for (const c of contacts) for (const v of list(c['Visitor IDs'])) if (!byVisitor.has(v)) byVisitor.set(v, String(c['Contact ID']));
  return interactions.map((r) => (r['Contact ID'] ? String(r['Contact ID']) : byVisitor.get(String(r['Visitor ID'])) ?? null));
}

describe('generateDemoWorkbook: shape', () => {
  it('has the five tabs with the contract headers', () => {
    expect(Object.keys(wb)).toEqual(['Campaigns', 'Assets', 'Interactions', 'Contacts', 'Deals']);
    expect(wb.Campaigns[0]).toEqual(['Campaign ID', 'Name', 'UTM campaign', 'Start date', 'End date', 'Goal sessions', 'Goal new contacts', 'Goal influenced contacts', 'Goal revenue', 'Budget', 'Spend']);
    expect(wb.Assets[0]).toEqual(['Asset ID', 'Campaign ID', 'Type', 'Name', 'URL', 'Associated at']);
    expect(wb.Contacts[0]).toEqual(['Contact ID', 'Created at', 'Visitor IDs', 'Email', 'Name', 'Lifecycle stage']);
    expect(wb.Deals[0]).toEqual(['Deal ID', 'Name', 'Contact IDs', 'Created at', 'Stage', 'Closed at', 'Amount']);
    expect(wb.Interactions[0]).toEqual(['Interaction ID', 'Timestamp', 'Contact ID', 'Visitor ID', 'Type', 'Asset ID', 'URL', 'Session ID', 'Referrer', 'Source', 'UTM campaign', 'UTM source', 'UTM medium', 'UTM term', 'UTM content', 'Platform']);
  });

  it('gives every row the header width and only string, number, valid Date or blank cells', () => {
    for (const table of Object.values(wb)) {
      const width = table[0].length;
      for (const row of table) {
        expect(row.length).toBe(width);
        for (const cell of row) {
          const ok = typeof cell === 'string' || (typeof cell === 'number' && Number.isFinite(cell)) || (cell instanceof Date && !Number.isNaN(cell.getTime()));
          if (!ok) throw new Error(`bad cell ${String(cell)} in row ${row.join('|')}`);
        }
      }
    }
  });

  it('uses Date cells for every timestamp', () => {
    expect(interactions.every((r) => r.Timestamp instanceof Date)).toBe(true);
    expect(contacts.every((r) => r['Created at'] instanceof Date)).toBe(true);
    expect(deals.every((r) => r['Created at'] instanceof Date)).toBe(true);
    expect(campaigns.every((r) => r['Start date'] instanceof Date)).toBe(true);
  });
});

describe('generateDemoWorkbook: counts and determinism', () => {
  it('produces the default sizes exactly', () => {
    expect(campaigns.length).toBe(10);
    expect(assets.length).toBe(120);
    expect(contacts.length).toBe(4000);
    expect(deals.length).toBe(500);
    expect(interactions.length).toBe(40_000);
  });

  it('honours custom sizes', () => {
    const small = generateDemoWorkbook({ ...BENCH_SIZES.small, end: END, seed: 7 });
    expect(small.Campaigns.length - 1).toBe(8);
    expect(small.Assets.length - 1).toBe(80);
    expect(small.Contacts.length - 1).toBe(833);
    expect(small.Deals.length - 1).toBe(167);
    expect(small.Interactions.length - 1).toBe(5_000);
    const odd = generateDemoWorkbook({ end: END, campaigns: 9, assets: 100, contacts: 300, deals: 40, interactions: 3333, anonymousVisitors: 0, days: 90 });
    expect([odd.Campaigns, odd.Assets, odd.Contacts, odd.Deals, odd.Interactions].map((t) => t.length - 1)).toEqual([9, 100, 300, 40, 3333]);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateDemoWorkbook({ ...BENCH_SIZES.small, end: END });
    const b = generateDemoWorkbook({ ...BENCH_SIZES.small, end: END });
    expect(a).toEqual(b);
    const c = generateDemoWorkbook({ ...BENCH_SIZES.small, end: END, seed: 43 });
    expect(c.Interactions.slice(1, 50)).not.toEqual(a.Interactions.slice(1, 50));
  });

  it('ends the data at `end` and spans `days`', () => {
    const times = interactions.map((r) => time(r.Timestamp));
    const start = END.getTime() - 365 * DAY;
    expect(Math.min(...times)).toBeGreaterThanOrEqual(start);
    expect(Math.max(...times)).toBeLessThan(END.getTime());
    expect(Math.min(...times)).toBeLessThan(start + 7 * DAY);
    expect(Math.max(...times)).toBeGreaterThan(END.getTime() - 2 * DAY);
  });

  it('defaults the end to today 00:00 UTC', () => {
    const now = new Date();
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const tiny = generateDemoWorkbook({ contacts: 50, deals: 5, interactions: 500 });
    const last = Math.max(...records(tiny.Interactions).map((r) => time(r.Timestamp)));
    expect(last).toBeLessThan(today + DAY); // the test may run across midnight
    expect(last).toBeGreaterThan(today - 30 * DAY);
  });

  it('rejects nonsense options', () => {
    expect(() => generateDemoWorkbook({ contacts: -1 })).toThrow(RangeError);
    expect(() => generateDemoWorkbook({ interactions: 1.5 })).toThrow(RangeError);
  });

  // How long it takes is the bench's business (npm run bench), not a test's.
  it('builds the large benchmark workbook at its exact size', () => {
    const large = generateDemoWorkbook(BENCH_SIZES.large);
    expect(large.Interactions.length - 1).toBe(300_000);
    expect(large.Contacts.length - 1).toBe(50_000);
    expect(large.Deals.length - 1).toBe(10_000);
    expect(large.Campaigns.length - 1).toBe(40);
    expect(large.Assets.length - 1).toBe(1_200);
  }, 120_000);

  it('scales the benchmark sizes 1 : 6 : 60', () => {
    expect(BENCH_SIZES.medium.interactions! * 6).toBe(BENCH_SIZES.large.interactions);
    expect(BENCH_SIZES.small.interactions! * 60).toBe(BENCH_SIZES.large.interactions);
  });
});

describe('generateDemoWorkbook: campaigns', () => {
  it('has distinct names and UTM values, one name with &, one renamed UTM', () => {
    expect(new Set(campaigns.map((c) => c.Name)).size).toBe(campaigns.length);
    const utms = campaigns.flatMap((c) => list(c['UTM campaign']));
    expect(new Set(utms).size).toBe(utms.length);
    expect(campaigns.some((c) => String(c.Name).includes('&'))).toBe(true);
    expect(campaigns.some((c) => list(c['UTM campaign']).length === 2)).toBe(true);
  });

  it('fills goals, budget and spend for some campaigns only', () => {
    const withGoals = campaigns.filter((c) => typeof c['Goal sessions'] === 'number');
    const withBudget = campaigns.filter((c) => typeof c.Budget === 'number' && typeof c.Spend === 'number');
    expect(withGoals.length).toBeGreaterThan(0);
    expect(withBudget.length).toBeGreaterThan(0);
    expect(withBudget.length).toBeLessThan(campaigns.length);
  });
});

describe('generateDemoWorkbook: assets', () => {
  const byId = new Map<string, Record<string, RawCell>[]>();
  for (const a of assets) byId.set(String(a['Asset ID']), [...(byId.get(String(a['Asset ID'])) ?? []), a]);

  it('covers every asset type, with example.com URLs for web assets', () => {
    expect(new Set(assets.map((a) => a.Type))).toEqual(new Set(ASSET_TYPES));
    for (const a of assets) {
      if (WEB_TYPES.has(String(a.Type))) expect(String(a.URL)).toMatch(/^https:\/\/www\.example\.com\//);
      else expect(a.URL).toBe('');
    }
    const urls = assets.filter((a) => a.URL).map((a) => `${a['Asset ID']} ${a.URL}`);
    expect(new Set(assets.filter((a) => a.URL).map((a) => a.URL)).size).toBe(new Set(urls).size);
  });

  it('puts some assets in two campaigns with consistent type, name and URL', () => {
    const shared = [...byId.values()].filter((rows) => rows.length > 1);
    expect(shared.length).toBeGreaterThanOrEqual(2);
    for (const rows of shared) {
      expect(new Set(rows.map((r) => `${r.Type}|${r.Name}|${r.URL}`)).size).toBe(1);
      expect(new Set(rows.map((r) => r['Campaign ID'])).size).toBe(rows.length);
    }
  });

  it('leaves a few assets without campaign', () => {
    const blank = assets.filter((a) => a['Campaign ID'] === '');
    expect(blank.length).toBeGreaterThanOrEqual(3);
    expect(blank.length).toBeLessThan(assets.length / 4);
  });

  it('associates several assets mid-campaign, after interactions with them', () => {
    const starts = new Map(campaigns.map((c) => [c['Campaign ID'], time(c['Start date'])]));
    const late = assets.filter((a) => a['Associated at'] instanceof Date && time(a['Associated at']) > starts.get(a['Campaign ID'])! + DAY);
    expect(late.length).toBeGreaterThanOrEqual(3);
    const earlier = late.filter((a) => {
      const at = time(a['Associated at']);
      const page = a.URL ? pageOf(String(a.URL)) : null;
      return interactions.some((r) => time(r.Timestamp) < at && (r['Asset ID'] === a['Asset ID'] || (page && r.Type === 'page view' && pageOf(String(r.URL)) === page)));
    });
    expect(earlier.length).toBeGreaterThanOrEqual(3);
  });
});

describe('generateDemoWorkbook: interactions', () => {
  it('uses every interaction type, page views dominant', () => {
    const counts = new Map<string, number>();
    for (const r of interactions) counts.set(String(r.Type), (counts.get(String(r.Type)) ?? 0) + 1);
    expect(new Set(counts.keys())).toEqual(new Set(INTERACTION_TYPES));
    const share = counts.get('page view')! / interactions.length;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.75);
  });

  it('is sorted by time, with unique IDs and office-hour times of day', () => {
    const times = interactions.map((r) => time(r.Timestamp));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
    expect(new Set(interactions.map((r) => r['Interaction ID'])).size).toBe(interactions.length);
    expect(times.every((t) => t % 1000 === 0)).toBe(true);
    const assocTimes = assets.filter((a) => a['Associated at'] instanceof Date).map((a) => time(a['Associated at']));
    expect(assocTimes.every((t) => t % 1000 === 0)).toBe(true);
    const hours = new Array(24).fill(0);
    for (const t of times) hours[new Date(t).getUTCHours()]++;
    expect(hours.every((h) => h > 0)).toBe(true);
    expect(hours[14]).toBeGreaterThan(hours[3] * 3);
  });

  it('groups page views into sessions, with and without Session ID', () => {
    const views = interactions.filter((r) => r.Type === 'page view');
    const withId = views.filter((r) => r['Session ID'] !== '');
    expect(withId.length / views.length).toBeGreaterThan(0.2);
    expect(withId.length / views.length).toBeLessThan(0.8);
    const sessions = new Map<string, number[]>();
    for (const r of withId) sessions.set(String(r['Session ID']), [...(sessions.get(String(r['Session ID'])) ?? []), time(r.Timestamp)]);
    const multi = [...sessions.values()].filter((ts) => ts.length > 1);
    expect(multi.length).toBeGreaterThan(sessions.size / 5);
    for (const ts of multi) {
      for (let i = 1; i < ts.length; i++) expect(ts[i] - ts[i - 1]).toBeLessThan(30 * 60_000);
    }
    // Without IDs the engine splits on 30-minute gaps: a visitor's views minutes apart must exist.
    const last = new Map<string, number>();
    let close = 0;
    for (const r of views) {
      if (r['Session ID'] !== '' || !r['Visitor ID']) continue;
      const v = String(r['Visitor ID']);
      const prev = last.get(v);
      if (prev !== undefined && time(r.Timestamp) - prev < 30 * 60_000 && time(r.Timestamp) - prev >= 10_000) close++;
      last.set(v, time(r.Timestamp));
    }
    expect(close).toBeGreaterThan(500);
  });

  it('produces all nine source categories', () => {
    const counts = new Map<string, number>();
    for (const r of interactions) counts.set(category(r), (counts.get(category(r)) ?? 0) + 1);
    for (const c of CATEGORIES) expect(counts.get(c) ?? 0, c).toBeGreaterThan(20);
    expect([...counts.keys()].every((k) => CATEGORIES.includes(k))).toBe(true);
    expect(interactions.some((r) => r.Source !== '')).toBe(true);
  });

  it('tags paid search with keywords and social/ad rows with their platform', () => {
    const paidSearch = interactions.filter((r) => category(r) === 'Paid search' && utmOf(r).medium === 'cpc');
    expect(paidSearch.length).toBeGreaterThan(0);
    expect(paidSearch.every((r) => utmOf(r).term)).toBe(true);
    expect(interactions.some((r) => String(r.URL).includes('gclid=') && !String(r.URL).includes('utm_'))).toBe(true);
    const clicks = interactions.filter((r) => r.Type === 'ad click' || r.Type === 'social click');
    expect(clicks.every((r) => ['google', 'bing', 'linkedin', 'facebook', 'twitter'].includes(String(r.Platform)))).toBe(true);
    expect(interactions.some((r) => r['UTM campaign'] !== '' && !String(r.URL).includes('utm_'))).toBe(true);
  });

  it('gives every campaign real traffic, and leaves much traffic campaign-free', () => {
    const campaignOfUtm = new Map<string, string>();
    for (const c of campaigns) for (const u of list(c['UTM campaign'])) campaignOfUtm.set(u, String(c['Campaign ID']));
    const links = new Map<string, { campaign: string; at: number }[]>();
    const byUrl = new Map<string, string>();
    for (const a of assets) {
      const id = String(a['Asset ID']);
      if (a.URL) byUrl.set(pageOf(String(a.URL)), id);
      if (a['Campaign ID']) links.set(id, [...(links.get(id) ?? []), { campaign: String(a['Campaign ID']), at: a['Associated at'] ? time(a['Associated at']) : -Infinity }]);
    }
    const per = new Map<string, number>();
    const perType = new Map<string, Set<string>>();
    let none = 0;
    for (const r of interactions) {
      const with_ = new Set<string>();
      const asset = r['Asset ID'] ? String(r['Asset ID']) : r.Type === 'page view' ? byUrl.get(pageOf(String(r.URL))) : undefined;
      for (const l of (asset && links.get(asset)) || []) if (l.at <= time(r.Timestamp)) with_.add(l.campaign);
      const utm = utmOf(r).campaign;
      if (utm && campaignOfUtm.has(utm)) with_.add(campaignOfUtm.get(utm)!);
      if (with_.size === 0) none++;
      for (const c of with_) {
        per.set(c, (per.get(c) ?? 0) + 1);
        perType.set(c, (perType.get(c) ?? new Set()).add(String(r.Type)));
      }
    }
    for (const c of campaigns) {
      const id = String(c['Campaign ID']);
      expect(per.get(id) ?? 0, id).toBeGreaterThan(100);
      expect(perType.get(id)!.has('page view')).toBe(true);
      expect(perType.get(id)!.has('form submission')).toBe(true);
    }
    expect(none / interactions.length).toBeGreaterThan(0.2);
  });
});

describe('generateDemoWorkbook: contacts and visitors', () => {
  const ids = identities();
  const created = new Map(contacts.map((c) => [String(c['Contact ID']), time(c['Created at'])]));

  it('gives each contact 1-2 visitor IDs, none shared', () => {
    const all = contacts.flatMap((c) => list(c['Visitor IDs']));
    for (const c of contacts) expect([1, 2]).toContain(list(c['Visitor IDs']).length);
    expect(contacts.some((c) => list(c['Visitor IDs']).length === 2)).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });

  it('creates contacts across the whole span', () => {
    const times = [...created.values()];
    const start = END.getTime() - 365 * DAY;
    expect(times.filter((t) => t < start + 30 * DAY).length).toBeGreaterThan(50);
    expect(times.filter((t) => t > END.getTime() - 30 * DAY).length).toBeGreaterThan(50);
    expect(times.every((t) => t >= start && t < END.getTime())).toBe(true);
  });

  it('stitches visitor-only page views to contacts, before and after creation', () => {
    let before = 0;
    let after = 0;
    let byContactId = 0;
    interactions.forEach((r, i) => {
      if (r.Type !== 'page view') return;
      if (r['Contact ID']) byContactId++;
      else if (ids[i]) {
        if (time(r.Timestamp) < created.get(ids[i]!)!) before++;
        else after++;
      }
    });
    expect(before).toBeGreaterThan(2000);
    expect(after).toBeGreaterThan(1000);
    expect(byContactId).toBeGreaterThan(1000);
  });

  it('has anonymous visitors who never become contacts', () => {
    const anonymous = new Set(interactions.filter((_, i) => ids[i] === null).map((r) => r['Visitor ID']));
    expect(anonymous.has('')).toBe(false);
    expect(anonymous.size).toBeGreaterThan(3000);
    expect(anonymous.size).toBeLessThanOrEqual(4000);
  });

  it('creates most contacts with a form submission at Created at, a few with no interactions', () => {
    const atCreation = new Set<string>();
    const touched = new Map<string, { before: boolean; after: boolean }>();
    interactions.forEach((r, i) => {
      const id = ids[i];
      if (!id) return;
      const t = time(r.Timestamp);
      const c = created.get(id)!;
      if (t === c && r.Type === 'form submission') atCreation.add(id);
      const s = touched.get(id) ?? { before: false, after: false };
      if (t < c) s.before = true;
      if (t > c) s.after = true;
      touched.set(id, s);
    });
    expect(atCreation.size / contacts.length).toBeGreaterThan(0.75);
    const silent = contacts.length - touched.size;
    expect(silent).toBeGreaterThan(0);
    expect(silent / contacts.length).toBeLessThan(0.05);
    const states = [...touched.values()];
    expect(states.filter((s) => s.before).length / contacts.length).toBeGreaterThan(0.5);
    expect(states.filter((s) => s.after).length / contacts.length).toBeGreaterThan(0.5);
  });
});

describe('generateDemoWorkbook: deals', () => {
  const created = new Map(contacts.map((c) => [String(c['Contact ID']), time(c['Created at'])]));

  it('links 1-3 existing contacts with ; or , separators', () => {
    const sizes = new Set<number>();
    for (const d of deals) {
      const ids = list(d['Contact IDs']);
      sizes.add(ids.length);
      expect(ids.length).toBeGreaterThanOrEqual(1);
      expect(ids.length).toBeLessThanOrEqual(3);
      for (const id of ids) expect(created.has(id)).toBe(true);
      expect(time(d['Created at'])).toBeGreaterThan(created.get(ids[0])!);
    }
    expect(sizes).toEqual(new Set([1, 2, 3]));
    expect(deals.some((d) => String(d['Contact IDs']).includes(','))).toBe(true);
    expect(deals.some((d) => String(d['Contact IDs']).includes(';'))).toBe(true);
  });

  it('mixes won, lost and open stages with consistent close dates and amounts', () => {
    const stage = (d: Record<string, RawCell>) => String(d.Stage).toLowerCase();
    const won = deals.filter((d) => stage(d) === 'closed won');
    const lost = deals.filter((d) => stage(d) === 'closed lost');
    const open = deals.filter((d) => !stage(d).startsWith('closed'));
    expect(won.length / deals.length).toBeGreaterThan(0.2);
    expect(lost.length / deals.length).toBeGreaterThan(0.15);
    expect(open.length / deals.length).toBeGreaterThan(0.1);
    expect(open.some((d) => stage(d) === 'appointment scheduled')).toBe(true);
    for (const d of [...won, ...lost]) {
      expect(d['Closed at']).toBeInstanceOf(Date);
      expect(time(d['Closed at'])).toBeGreaterThan(time(d['Created at']));
      expect(time(d['Closed at'])).toBeLessThan(END.getTime());
    }
    for (const d of open) expect(d['Closed at']).toBe('');
    for (const d of won) {
      expect(typeof d.Amount).toBe('number');
      expect(d.Amount as number).toBeGreaterThanOrEqual(1000);
      expect(d.Amount as number).toBeLessThanOrEqual(80_000);
    }
    expect(open.some((d) => typeof d.Amount === 'number')).toBe(true);
    expect(open.some((d) => d.Amount === '')).toBe(true);
  });

  it('gives deal contacts sales touches', () => {
    const ids = identities();
    const dealContacts = new Set(deals.flatMap((d) => list(d['Contact IDs'])));
    const sales = interactions.filter((r, i) => ['meeting', 'call', 'sales email'].includes(String(r.Type)) && ids[i] && dealContacts.has(ids[i]!));
    expect(sales.length).toBeGreaterThan(deals.length);
  });
});
describe('generateDemoWorkbook: a realistic plan', () => {
  const a = analyse(wb, {}, END.getTime() - 1);
  const all = allData(a.zone, a.now);

  it('bounds each dated campaign\'s sessions by its start and end dates', () => {
    let dated = 0;
    for (const c of a.model.workbook.campaigns) {
      if (c.startDate === null || c.endDate === null) continue;
      dated++;
      const { times } = metricEvents(a, c.index, 'sessions', all);
      expect(times.length, c.name).toBeGreaterThan(10);
      // Start and end are whole days: the sessions lie from the start day to the end of the end day.
      for (const t of times) {
        expect(t, c.name).toBeGreaterThanOrEqual(c.startDate);
        expect(t, c.name).toBeLessThan(c.endDate + DAY);
      }
    }
    expect(dated).toBeGreaterThanOrEqual(6);
  });

  it('sets goals within reach: 80% to 125% of what the data gives (rounded)', () => {
    let goals = 0;
    for (const c of a.model.workbook.campaigns) {
      for (const [metric, goal, step] of [['sessions', c.goals.sessions, 10], ['new contacts', c.goals.newContacts, 5], ['influenced contacts', c.goals.influencedContacts, 5]] as const) {
        if (goal === null) continue;
        const value = metricValue(a, c.index, metric, all);
        if (value < 10 * step) continue;
        goals++;
        expect(value / goal, `${c.name} ${metric}`).toBeGreaterThan(0.75);
        expect(value / goal, `${c.name} ${metric}`).toBeLessThan(1.35);
      }
    }
    expect(goals).toBeGreaterThanOrEqual(5);
  });
});

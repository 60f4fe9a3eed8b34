/**
 * @fileoverview Seeded, realistic demo workbook: campaigns, assets, contacts, deals and a year of
 * interactions from every source category, shaped as the five source tabs of the data contract.
 * Used by `campaign-sheets demo` and by the benchmarks; the same seed and options always give the
 * same workbook.
 */

import { RawWorkbook } from '../engine/workbook/raw';
import { InteractionBuffer, StringTable, UtmTable } from './buffer';
import { PLATFORMS, SOURCE_CATEGORIES } from './catalog';
import { Contacts, buildContacts, buildDeals, contactVisitorCount, visitorIds } from './people';
import { buildPlan, minimumAssetRows, type Plan } from './plan';
import { analyse } from '../engine/analysis';
import { metricValue, type Metric } from '../engine/metrics/campaign-metrics';
import { allData } from '../engine/time/range';
import { Rng } from './random';
import { assetsTable, campaignsTable, contactsTable, dealsTable } from './tables';
import { buildTags } from './tags';
import { makeTimeline } from './time';
import { REFERRERS } from './sessions';
import { TrafficGenerator } from './traffic';

export interface DemoOptions {
  /** Default 42. */
  seed?: number;
  /** Exclusive end instant of the data; default today 00:00 UTC. */
  end?: Date;
  /** Span of data in days, default 365. */
  days?: number;
  /** Default 10; at least 8 (smaller values are raised to 8). */
  campaigns?: number;
  /** Asset association rows, default 120; raised to what the campaigns' core assets need. */
  assets?: number;
  /** Default 4000. */
  contacts?: number;
  /** Default 500. */
  deals?: number;
  /** Interaction rows, default 40000; produced exactly unless there is nobody to produce them. */
  interactions?: number;
  /** Visitors that never become contacts, default as many as contacts. */
  anonymousVisitors?: number;
}

type ResolvedOptions = Required<Omit<DemoOptions, 'end'>> & { end: Date | undefined };

/** Benchmark workbooks: medium is 1/6 of large, small 1/60. */
export const BENCH_SIZES: { small: DemoOptions; medium: DemoOptions; large: DemoOptions } = {
  small: { seed: 42, days: 365, campaigns: 8, assets: 80, contacts: 833, deals: 167, interactions: 5_000, anonymousVisitors: 833 },
  medium: { seed: 42, days: 365, campaigns: 12, assets: 200, contacts: 8_333, deals: 1_667, interactions: 50_000, anonymousVisitors: 8_333 },
  // The largest that fits Sheets' 10 million grid cells with every output (bench/sheets.ts checks).
  large: { seed: 42, days: 365, campaigns: 40, assets: 1_200, contacts: 50_000, deals: 10_000, interactions: 300_000, anonymousVisitors: 50_000 },
};

export function generateDemoWorkbook(options: DemoOptions = {}): RawWorkbook {
  const o = resolveOptions(options);
  const rng = new Rng(o.seed);
  const timeline = makeTimeline(o.end, o.days);
  const plan = buildPlan(rng, timeline, {
    campaigns: o.campaigns, assetRows: o.assets, interactions: o.interactions, contacts: o.contacts, deals: o.deals,
  });
  const contacts = buildContacts(rng, timeline, plan.campaigns, o.contacts);
  const deals = buildDeals(rng, timeline, contacts, o.deals);
  const firstAnonymous = contactVisitorCount(contacts);
  const visitors = visitorIds(firstAnonymous + o.anonymousVisitors);
  const urls = new StringTable();
  const utms = new UtmTable();
  const tags = buildTags(rng, plan.campaigns, plan.assets, urls, utms);
  const buffer = new InteractionBuffer(o.interactions);
  const traffic = new TrafficGenerator(
    { rng, timeline, plan, contacts, deals, tags, urls, firstAnonymous, anonymousVisitors: o.anonymousVisitors },
    buffer,
  );
  traffic.run(contactQuotas(rng, contacts, o.interactions - anonymousShare(o)));
  const wb: RawWorkbook = {
    Campaigns: campaignsTable(plan),
    Assets: assetsTable(plan),
    Interactions: buffer.render({
      contactIds: contacts.ids, visitorIds: visitors, assetIds: plan.assets.map((a) => a.id), urls: urls.values,
      referrers: REFERRERS as string[], utms: utms.rows, platforms: PLATFORMS, sources: SOURCE_CATEGORIES,
    }),
    Contacts: contactsTable(contacts, deals, visitors),
    Deals: dealsTable(deals, contacts),
  };
  if (o.interactions <= GOALS_FROM_DATA_LIMIT) {
    goalsWithinReach(wb, plan, timeline.end, new Rng(o.seed + 1));
    wb.Campaigns = campaignsTable(plan);
  }
  return wb;
}

/** Up to this many interactions the goals are set from what the data produces (one analysis). */
export const GOALS_FROM_DATA_LIMIT = 100_000;

/**
 * Goals a marketer would set: within reach of what the campaign does, 80% to 125% of its all-data
 * sessions, new contacts, influenced contacts and revenue (so the Overview shows 80% to 125% of
 * goal), rounded as people round targets. Larger (benchmark) workbooks keep the planned estimates.
 */
function goalsWithinReach(wb: RawWorkbook, plan: Plan, end: number, rng: Rng): void {
  const a = analyse(wb, {}, end - 1);
  const range = allData(a.zone, a.now);
  const round = (x: number, step: number) => Math.max(step, Math.round(x / step) * step);
  for (const c of plan.campaigns) {
    if (c.goals.every((g) => g === '')) continue;
    const k = c.index;
    const target = (metric: Metric, step: number) => round(metricValue(a, k, metric, range) * rng.range(0.8, 1.25), step);
    const goals: typeof c.goals = [target('sessions', 10), target('new contacts', 5), target('influenced contacts', 5), target('revenue', 1000)];
    // Goals stay as partly filled in as planned.
    c.goals = goals.map((g, i) => (c.goals[i] === '' ? '' : g)) as typeof c.goals;
  }
}

function resolveOptions(options: DemoOptions): ResolvedOptions {
  const count = (name: keyof DemoOptions, fallback: number, min = 0): number => {
    const value = options[name] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new RangeError(`Demo option ${name} must be a whole number >= 0, got ${String(value)}`);
    }
    return Math.max(min, value);
  };
  const contacts = count('contacts', 4000);
  const campaigns = count('campaigns', 10, 8);
  if (options.end && Number.isNaN(options.end.getTime())) throw new RangeError('Demo option end is not a valid date');
  return {
    seed: count('seed', 42),
    end: options.end,
    days: count('days', 365, 7),
    campaigns,
    assets: count('assets', 120, minimumAssetRows(campaigns)),
    contacts,
    deals: contacts === 0 ? 0 : count('deals', 500),
    interactions: count('interactions', 40_000),
    anonymousVisitors: count('anonymousVisitors', contacts),
  };
}

/** Rows planned for anonymous visitors: about three each, at most 30% of all traffic. */
function anonymousShare(o: ResolvedOptions): number {
  if (o.contacts === 0) return o.interactions;
  return Math.min(Math.round(o.interactions * 0.3), o.anonymousVisitors * 3);
}

/**
 * Interaction rows per contact, summing to `budget`: heavy-tailed (a few very engaged people),
 * more for deal contacts, and none for the few imported contacts that never interacted.
 */
function contactQuotas(rng: Rng, contacts: Contacts, budget: number): Int32Array {
  const n = contacts.count;
  const weights = new Float64Array(n);
  let total = 0;
  let active = 0;
  for (let i = 0; i < n; i++) {
    if (rng.chance(0.015)) continue;
    let w = 0.4 + rng.exp(1);
    if (contacts.deal[i] >= 0) w *= 2.2;
    if (contacts.acquiredBy[i] >= 0) w *= 1.2;
    weights[i] = w;
    total += w;
    active++;
  }
  const quotas = new Int32Array(n);
  if (active === 0 || budget <= 0) return quotas;
  const spare = Math.max(0, budget - active);
  let given = 0;
  if (budget >= active) {
    for (let i = 0; i < n; i++) {
      if (weights[i] === 0) continue;
      quotas[i] = 1 + Math.floor((weights[i] * spare) / total);
      given += quotas[i];
    }
  }
  // Rounding leftovers (or, with too few rows for everyone, the rows themselves) go round-robin.
  for (let i = rng.int(n); given < budget; i = (i + 1) % n) {
    if (weights[i] === 0) continue;
    quotas[i]++;
    given++;
  }
  return quotas;
}

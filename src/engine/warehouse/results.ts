/**
 * @fileoverview The warehouse's small results turned into what the engine answers from: the
 * Markov chain and the Shapley game solved from their counts (so their cost no longer grows with
 * rows), each data-driven model's credit from the converting player sets, and every series of the
 * formula store (store.ts keys), so formulas answer from a warehouse exactly as from a refresh.
 */
import { modelsFor, REPORT_TYPES, type AttributionModel, type ReportType } from '../attribution/catalog';
import { removalEffectsFromCounts, type MarkovResult } from '../attribution/markov';
import { createShapleyGame, type ShapleyGame } from '../attribution/shapley';
import type { JourneySource } from '../attribution/journeys';
import { createShareSplitter } from '../attribution/data-driven-split';
import { settingsKey, STORE_VERSION, type FormulaStore } from '../formula-store/store';
import { metricSlot, storeLayout } from '../formula-store/store-layout';
import { noCampaignPlayer, noInteractionsPlayer } from '../attribution/players';
import { isDataDriven } from '../attribution/data-driven';
import type { ContactAttribution, Metric } from '../metrics/campaign-metrics';
import { presetRange, type DateRange } from '../time/range';
import { timeZone, type TimeZone } from '../time/zone';
import type { EngineSettings } from '../settings';
import type { ResultRow } from './runner';
import { CONVERSION_STATE, NONE_PLAYER_SQL, NULL_STATE, START_STATE, weightColumn } from './statements';

export type Results = Map<string, ResultRow[]>;

export interface WarehouseCampaign {
  id: string;
  name: string;
}

/** The data-driven models fitted on one report type's counts. */
export interface DataDrivenFit {
  markov: MarkovResult;
  shapley: ShapleyGame;
  journeys: number;
  converting: number;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export function rowsOf(results: Results, name: string): ResultRow[] {
  const rows = results.get(name);
  if (!rows) throw new Error(`The warehouse returned no "${name}" result.`);
  return rows;
}

export const campaignsOf = (results: Results): WarehouseCampaign[] =>
  rowsOf(results, 'campaigns').map((r) => ({ id: String(r.campaign_id), name: String(r.name) }));

/** Players as the engine numbers them: campaigns, then "(no campaign)". */
const playerIndex = (sqlPlayer: number, none: number) => (sqlPlayer === NONE_PLAYER_SQL ? none : sqlPlayer);

const parseSet = (key: string, campaignCount: number): number[] => key.split(',').map((p) => playerIndex(Number(p), noCampaignPlayer(campaignCount)));

/** Markov and Shapley per report type, from transition and coalition counts. */
export function fitDataDriven(results: Results, campaignCount: number): Record<ReportType, DataDrivenFit> {
  const none = noCampaignPlayer(campaignCount);
  const n = campaignCount + 1;
  const width = n + 2;
  const fromIndex = (s: number) => (s === START_STATE ? n : playerIndex(s, none));
  const toIndex = (s: number) => (s === CONVERSION_STATE ? n : s === NULL_STATE ? n + 1 : playerIndex(s, none));
  const counts = REPORT_TYPES.map(() => new Float64Array((n + 1) * width));
  for (const r of rowsOf(results, 'markov_transitions')) {
    counts[num(r.rt)][fromIndex(num(r.from_state)) * width + toIndex(num(r.to_state))] += num(r.transitions);
  }
  const coalitions = REPORT_TYPES.map(() => [] as { players: number[]; journeys: number; conversions: number }[]);
  for (const r of rowsOf(results, 'coalitions')) {
    coalitions[num(r.rt)].push({ players: parseSet(String(r.set_key), campaignCount), journeys: num(r.journeys), conversions: num(r.conversions) });
  }
  const out = {} as Record<ReportType, DataDrivenFit>;
  REPORT_TYPES.forEach((type, rt) => {
    const sets = coalitions[rt];
    const source: JourneySource = (visit) => {
      for (const s of sets) {
        if (s.conversions > 0) visit(s.players, 0, s.players.length, true, s.conversions);
        if (s.journeys > s.conversions) visit(s.players, 0, s.players.length, false, s.journeys - s.conversions);
      }
    };
    out[type] = {
      markov: removalEffectsFromCounts(counts[rt], n),
      shapley: createShapleyGame(source, n),
      journeys: sets.reduce((t, s) => t + s.journeys, 0),
      converting: sets.reduce((t, s) => t + s.conversions, 0),
    };
  });
  return out;
}

/** Per player, its share of a conversion whose path has this player set, under a data-driven model. */
export function setShares(players: number[], scores: ArrayLike<number>): Map<number, number> {
  const shares = new Map<number, number>();
  // One touch per player: the engine's split then gives each player its share of the conversion.
  const split = createShareSplitter(Math.max(0, ...players) + 1);
  split(players.map((_, t) => t), players.map((p) => [p]), -1, () => scores, { push: (_t, player, share) => shares.set(player, share) });
  return shares;
}

export interface StoreInput {
  results: Results;
  settings: EngineSettings;
  now: number;
}

/** The ranges whose contacts with revenue the store keeps (not a sum of days). */
export const storeRevenueRanges = (zone: TimeZone, now: number): DateRange[] =>
  [presetRange('all', zone, now), presetRange('last 365 days', zone, now)];

/**
 * The formula store a refresh writes (store.ts, at store-layout.ts's indexes), from warehouse
 * results, contacts_with_revenue holding storeRevenueRanges.
 */
export function storeFromResults({ results, settings, now }: StoreInput): FormulaStore {
  const zone = timeZone(settings.timeZone);
  const campaigns = campaignsOf(results);
  const k = campaigns.length;
  const [span] = rowsOf(results, 'span');
  const lo = span?.lo === null || span?.lo === undefined ? null : num(span.lo);
  const hi = span?.hi === null || span?.hi === undefined ? null : Math.min(num(span.hi), now);
  const hasSpan = lo !== null && hi !== null && lo <= hi;
  const firstDay = hasSpan ? zone.dayOf(lo) : zone.dayOf(now);
  const days = Math.max(1, zone.dayOf(now) - firstDay + 1);
  const models = Object.fromEntries(REPORT_TYPES.map((t) => [t, modelsFor(t)])) as Record<ReportType, AttributionModel[]>;
  const layout = storeLayout(k, models);
  const series: (Float64Array | null)[] = new Array(layout.count).fill(null);
  const add = (index: number, day: number, v: number) => {
    const d = day - firstDay;
    if (v === 0 || d < 0 || d >= days) return;
    (series[index] ??= new Float64Array(days))[d] += v;
  };
  const player = (sqlPlayer: number) => (sqlPlayer === NONE_PLAYER_SQL ? noCampaignPlayer(k) : sqlPlayer);
  const noInteractions = noInteractionsPlayer(k);

  for (const r of rowsOf(results, 'metric_days')) {
    const [metric, touch] = String(r.metric).split('|') as [Metric, ContactAttribution | undefined];
    add(layout.metric(metricSlot(metric, touch ?? 'first touch'), num(r.campaign_idx)), num(r.day), num(r.value));
  }
  const revenueSlot = metricSlot('revenue', 'first touch');
  const dealsSlot = metricSlot('deals with revenue', 'first touch');
  for (const r of rowsOf(results, 'credit_days')) {
    const type = REPORT_TYPES[num(r.rt)];
    const p = player(num(r.player));
    models[type].forEach((model, mi) => {
      if (!isDataDriven(model)) add(layout.credit(type, mi, p), num(r.day), num(r[weightColumn(model)]));
    });
    // The Revenue report's revenue is the linear revenue credit (campaign-metrics.ts).
    if (type === 'revenue' && p < k) add(layout.metric(revenueSlot, p), num(r.day), num(r[weightColumn('Linear')]));
  }
  for (const r of rowsOf(results, 'touched_days')) {
    const type = REPORT_TYPES[num(r.rt)];
    const p = player(num(r.player));
    add(layout.touched(type, p), num(r.day), num(r.conversions));
    add(layout.touchedValue(type, p), num(r.day), num(r.value));
    // Linear gives every touch a share, so the deals crediting a campaign are the deals it touched.
    if (type === 'revenue' && p < k) add(layout.metric(dealsSlot, p), num(r.day), num(r.conversions));
  }
  for (const r of rowsOf(results, 'empty_days')) {
    const type = REPORT_TYPES[num(r.rt)];
    models[type].forEach((_, mi) => add(layout.credit(type, mi, noInteractions), num(r.day), num(r.value)));
    add(layout.touched(type, noInteractions), num(r.day), num(r.conversions));
    add(layout.touchedValue(type, noInteractions), num(r.day), num(r.value));
  }

  const fits = fitDataDriven(results, k);
  const shareCache = new Map<string, { markov: Map<number, number>; shapley: Map<number, number> }>();
  for (const r of rowsOf(results, 'converting_set_days')) {
    const type = REPORT_TYPES[num(r.rt)];
    const fit = fits[type];
    const key = `${num(r.rt)}|${String(r.set_key)}`;
    let shares = shareCache.get(key);
    if (!shares) {
      const players = parseSet(String(r.set_key), k);
      shares = { markov: setShares(players, fit.markov.removalEffects), shapley: setShares(players, fit.shapley.valuesFor(players)) };
      shareCache.set(key, shares);
    }
    const day = num(r.day);
    const markov = models[type].indexOf('Markov');
    const shapley = models[type].indexOf('Shapley');
    for (const [p, share] of shares.markov) {
      add(layout.credit(type, markov, p), day, share * num(r.value));
      add(layout.markov(type, p), day, share * num(r.conversions));
    }
    for (const [p, share] of shares.shapley) add(layout.credit(type, shapley, p), day, share * num(r.value));
  }

  const contactsWithRevenue = { all: new Array<number>(k).fill(0), last365: new Array<number>(k).fill(0) };
  for (const r of rowsOf(results, 'contacts_with_revenue')) {
    (num(r.range_idx) === 0 ? contactsWithRevenue.all : contactsWithRevenue.last365)[num(r.campaign_idx)] = num(r.contacts);
  }
  return {
    meta: {
      version: STORE_VERSION, timeZone: zone.name, now, firstDay, days,
      dataDays: hasSpan ? [zone.dayOf(lo), zone.dayOf(hi)] : null, settingsKey: settingsKey(settings),
      campaigns, models, contactsWithRevenue,
      removalEffects: Object.fromEntries(REPORT_TYPES.map((t) => [t, Array.from(fits[t].markov.removalEffects)])) as Record<ReportType, number[]>,
    },
    layout,
    series,
  };
}

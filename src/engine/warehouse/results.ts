/**
 * @fileoverview The warehouse's small results turned into what the engine answers from: the
 * Markov chain and the Shapley game solved from their counts (so their cost no longer grows with
 * rows), each data-driven model's credit from the converting player sets, and every series of the
 * formula store (store.ts keys), so formulas answer from a warehouse exactly as from a refresh.
 */
import { modelsFor, REPORT_TYPES, RULE_BASED_MODELS, type ReportType } from '../attribution/catalog';
import { removalEffectsFromCounts, type MarkovResult } from '../attribution/markov';
import { createShapleyGame, type ShapleyGame } from '../attribution/shapley';
import type { JourneySource } from '../attribution/journeys';
import { playerSharesOfConversion } from '../attribution/data-driven-split';
import {
  contactsWithRevenueKey, creditKey, markovCountKey, metricKey, NO_INTERACTIONS_PLAYER, NONE_PLAYER, settingsKey, STORE_VERSION,
  touchedKey, touchedValueKey, type FormulaStore,
} from '../formula-store/store';
import type { Metric } from '../metrics/campaign-metrics';
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

const parseSet = (key: string, none: number): number[] => key.split(',').map((p) => playerIndex(Number(p), none));

/** Markov and Shapley per report type, from transition and coalition counts. */
export function fitDataDriven(results: Results, campaignCount: number): Record<ReportType, DataDrivenFit> {
  const none = campaignCount;
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
    coalitions[num(r.rt)].push({ players: parseSet(String(r.set_key), none), journeys: num(r.journeys), conversions: num(r.conversions) });
  }
  const out = {} as Record<ReportType, DataDrivenFit>;
  REPORT_TYPES.forEach((type, rt) => {
    const sets = coalitions[rt];
    const source: JourneySource = (visit) => {
      for (const s of sets) {
        if (s.conversions > 0) visit(s.players, s.players.length, true, s.conversions);
        if (s.journeys > s.conversions) visit(s.players, s.players.length, false, s.journeys - s.conversions);
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
  return playerSharesOfConversion(players.map((p) => [p]), scores);
}

export interface StoreInput {
  results: Results;
  settings: EngineSettings;
  now: number;
}

/** The ranges whose contacts with revenue the store keeps (not a sum of days). */
export const storeRevenueRanges = (zone: TimeZone, now: number): { preset: 'all' | 'last 365 days'; range: DateRange }[] =>
  (['all', 'last 365 days'] as const).map((preset) => ({ preset, range: presetRange(preset, zone, now) }));

/** The formula store a refresh writes, from warehouse results (with contacts_with_revenue for storeRevenueRanges). */
export function storeFromResults({ results, settings, now }: StoreInput): FormulaStore {
  const zone = timeZone(settings.timeZone);
  const campaigns = campaignsOf(results);
  const none = campaigns.length;
  const [span] = rowsOf(results, 'span');
  const lo = span?.lo === null || span?.lo === undefined ? null : num(span.lo);
  const hi = span?.hi === null || span?.hi === undefined ? null : Math.min(num(span.hi), now);
  const hasSpan = lo !== null && hi !== null && lo <= hi;
  const firstDay = hasSpan ? zone.dayOf(lo) : zone.dayOf(now);
  const days = Math.max(1, zone.dayOf(now) - firstDay + 1);
  const series = new Map<string, Float64Array>();
  const add = (key: string, day: number, v: number) => {
    const d = day - firstDay;
    if (d < 0 || d >= days || v === 0) return;
    let s = series.get(key);
    if (!s) series.set(key, (s = new Float64Array(days)));
    s[d] += v;
  };
  const playerName = (sqlPlayer: number) => (sqlPlayer === NONE_PLAYER_SQL ? NONE_PLAYER : String(sqlPlayer));

  for (const r of rowsOf(results, 'metric_days')) {
    const [metric, touch] = String(r.metric).split('|') as [Metric, 'first touch' | 'last touch' | undefined];
    add(metricKey(metric, num(r.campaign_idx), touch), num(r.day), num(r.value));
  }
  for (const r of rowsOf(results, 'credit_days')) {
    const type = REPORT_TYPES[num(r.rt)];
    for (const model of RULE_BASED_MODELS) {
      if (!modelsFor(type).includes(model)) continue;
      add(creditKey(type, model, playerName(num(r.player))), num(r.day), num(r[weightColumn(model)]));
    }
    // The Revenue report's figures are the linear revenue credit (campaign-metrics.ts).
    if (type === 'revenue' && num(r.player) !== NONE_PLAYER_SQL) add(metricKey('revenue', num(r.player)), num(r.day), num(r[weightColumn('Linear')]));
  }
  for (const r of rowsOf(results, 'touched_days')) {
    const type = REPORT_TYPES[num(r.rt)];
    add(touchedKey(type, playerName(num(r.player))), num(r.day), num(r.conversions));
    add(touchedValueKey(type, playerName(num(r.player))), num(r.day), num(r.value));
    // Linear gives every touch a share, so the deals crediting a campaign are the deals it touched.
    if (type === 'revenue' && num(r.player) !== NONE_PLAYER_SQL) add(metricKey('deals with revenue', num(r.player)), num(r.day), num(r.conversions));
  }
  for (const r of rowsOf(results, 'empty_days')) {
    const type = REPORT_TYPES[num(r.rt)];
    for (const model of modelsFor(type)) add(creditKey(type, model, NO_INTERACTIONS_PLAYER), num(r.day), num(r.value));
    add(touchedKey(type, NO_INTERACTIONS_PLAYER), num(r.day), num(r.conversions));
    add(touchedValueKey(type, NO_INTERACTIONS_PLAYER), num(r.day), num(r.value));
  }

  const fits = fitDataDriven(results, campaigns.length);
  const removal: Record<string, number[]> = {};
  const shareCache = new Map<string, { markov: Map<number, number>; shapley: Map<number, number> }>();
  const engineName = (p: number) => (p === none ? NONE_PLAYER : String(p));
  for (const r of rowsOf(results, 'converting_set_days')) {
    const type = REPORT_TYPES[num(r.rt)];
    const fit = fits[type];
    const key = `${num(r.rt)}|${String(r.set_key)}`;
    let shares = shareCache.get(key);
    if (!shares) {
      const players = parseSet(String(r.set_key), none);
      shares = { markov: setShares(players, fit.markov.removalEffects), shapley: setShares(players, fit.shapley.valuesFor(players)) };
      shareCache.set(key, shares);
    }
    const day = num(r.day);
    for (const [p, share] of shares.markov) {
      add(creditKey(type, 'Markov', engineName(p)), day, share * num(r.value));
      add(markovCountKey(type, engineName(p)), day, share * num(r.conversions));
    }
    for (const [p, share] of shares.shapley) add(creditKey(type, 'Shapley', engineName(p)), day, share * num(r.value));
  }
  for (const type of REPORT_TYPES) removal[type] = Array.from(fits[type].markov.removalEffects);

  const scalars: Record<string, number> = {};
  const revenueRanges = storeRevenueRanges(zone, now);
  for (const { preset } of revenueRanges) for (let k = 0; k < campaigns.length; k++) scalars[contactsWithRevenueKey(k, preset)] = 0;
  for (const r of rowsOf(results, 'contacts_with_revenue')) {
    scalars[contactsWithRevenueKey(num(r.campaign_idx), revenueRanges[num(r.range_idx)].preset)] = num(r.contacts);
  }
  return {
    meta: {
      version: STORE_VERSION, timeZone: zone.name, now, firstDay, days,
      dataDays: hasSpan ? [zone.dayOf(lo), zone.dayOf(hi)] : null, settingsKey: settingsKey(settings),
      campaigns, scalars, removalEffects: removal,
    },
    series,
  };
}

/**
 * @fileoverview One analysis of a workbook: the model plus settings, with conversions, eligibility,
 * attributions and indexes computed on first use and kept in named, typed members of its cache, so
 * that a refresh computing every report and a formula computing one number share the work.
 */
import type { RawWorkbook } from './workbook/raw';
import { readWorkbook } from './workbook/read-workbook';
import type { InteractionType, Workbook } from './workbook/types';
import { buildModel, type Model } from './model/model';
import { resolveSettings, type EngineSettings } from './settings';
import { timeZone, type TimeZone } from './time/zone';
import { buildConversions, eligibleIndex, type Conversion, type EligibleIndex } from './attribution/conversions';
import type { AttributionModel, ReportType } from './attribution/catalog';
import type { DateRange } from './time/range';
import type { Attribution } from './attribution/credit';
import type { TouchedTotals } from './attribution/touched';
import type { FlatJourneys } from './attribution/data-driven';
import type { MarkovResult } from './attribution/markov';
import type { ShapleyGame } from './attribution/shapley';
import type { ContactAttribution, ContactTouches, RevenueShares } from './metrics/campaign-metrics';

export interface Analysis {
  model: Model;
  settings: EngineSettings;
  zone: TimeZone;
  /** "Now" for default ranges; fixed per analysis so every report agrees. */
  now: number;
  /** Derived data, computed on first use. */
  cache: AnalysisCache;
}

/** Results that depend on a date range, one per range (see `forRange`). */
export type ByRange<T> = Map<string, T>;

/** What an analysis computes once and keeps; each member is filled by the module that owns it. */
export interface AnalysisCache {
  /** The document-wide eligible set's index (contact create, new contacts)... */
  eligible?: EligibleIndex;
  /** ...and deal create's and revenue's, the same object when their set is the document-wide one. */
  eligibleDealCreate?: EligibleIndex;
  eligibleRevenue?: EligibleIndex;
  conversions: Partial<Record<ReportType, Conversion[]>>;
  interactionsByCampaign?: Int32Array[];
  interactionsByAsset?: Int32Array[];
  touched: Partial<Record<ReportType, ByRange<TouchedTotals>>>;
  attribution: Partial<Record<ReportType, Partial<Record<AttributionModel, ByRange<Attribution>>>>>;
  journeys: Partial<Record<ReportType, FlatJourneys>>;
  markov: Partial<Record<ReportType, MarkovResult>>;
  shapley: Partial<Record<ReportType, ShapleyGame>>;
  contactTouches?: ContactTouches;
  newContacts: Partial<Record<ContactAttribution, number[][]>>;
  revenueShares: ByRange<RevenueShares>;
  firstPageViews?: Int32Array;
}

export const emptyCache = (): AnalysisCache => ({
  conversions: {}, touched: {}, attribution: {}, journeys: {}, markov: {}, shapley: {}, newContacts: {}, revenueShares: new Map(),
});

/**
 * Analyses of frozen workbooks by settings, kept while the workbook object lives. A frozen raw
 * workbook cannot change, so a host that analyses the same sources again (the local sidebar, at
 * every action) reuses the model and everything computed so far. Nothing kept depends on "now":
 * the cache's ranged results are keyed by their range's instants.
 */
const frozenAnalyses = new WeakMap<RawWorkbook, Map<string, Analysis>>();

export function analyse(raw: RawWorkbook, settings: Partial<EngineSettings> = {}, now = Date.now()): Analysis {
  const s = resolveSettings(settings);
  if (!Object.isFrozen(raw)) return analyseWorkbook(readWorkbook(raw, { timeZone: s.timeZone }), s, now);
  let bySettings = frozenAnalyses.get(raw);
  if (!bySettings) frozenAnalyses.set(raw, (bySettings = new Map()));
  const key = JSON.stringify(s);
  let kept = bySettings.get(key);
  if (!kept) bySettings.set(key, (kept = analyseWorkbook(readWorkbook(raw, { timeZone: s.timeZone }), s, now)));
  return { ...kept, now };
}

/** Freezes a raw workbook, its tables and rows, so that `analyse` may keep its analysis. */
export function freezeWorkbook(raw: RawWorkbook): RawWorkbook {
  for (const table of Object.values(raw)) {
    for (const row of table) Object.freeze(row);
    Object.freeze(table);
  }
  return Object.freeze(raw);
}

export function analyseWorkbook(wb: Workbook, settings: EngineSettings, now = Date.now()): Analysis {
  return { model: buildModel(wb), settings, zone: timeZone(settings.timeZone), now, cache: emptyCache() };
}

/** The cached result for `range`, made on first use; ranges are equal when their bounds are. */
export function forRange<T>(cache: ByRange<T>, range: DateRange, make: () => T): T {
  const key = `${range.from}:${range.to}`;
  let v = cache.get(key);
  if (v === undefined) cache.set(key, (v = make()));
  return v;
}

/** The eligible interactions of a report type's attribution; without a type, the document-wide set. */
export function eligibility(a: Analysis, type: ReportType = 'contact create'): EligibleIndex {
  const base = (a.cache.eligible ??= eligibleIndex(a.model, a.settings.eligibleTypes));
  if (type === 'contact create') return base;
  const own = (types: InteractionType[] | null) => (types === null || sameSet(types, a.settings.eligibleTypes) ? base : eligibleIndex(a.model, types));
  return type === 'deal create'
    ? (a.cache.eligibleDealCreate ??= own(a.settings.dealCreateEligibleTypes))
    : (a.cache.eligibleRevenue ??= own(a.settings.revenueEligibleTypes));
}

const sameSet = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((t) => y.includes(t));

export const conversionsOf = (a: Analysis, type: ReportType): Conversion[] =>
  (a.cache.conversions[type] ??= buildConversions(a.model, eligibility(a, type), type, a.settings));

/** Positions of each campaign's interactions (all types), in time order. */
export const interactionsByCampaign = (a: Analysis): Int32Array[] =>
  (a.cache.interactionsByCampaign ??= (() => {
    const k = a.model.workbook.campaigns.length;
    const lists: number[][] = Array.from({ length: k }, () => []);
    a.model.campaignsOf.forEach((cs, p) => cs?.forEach((c) => lists[c].push(p)));
    return lists.map((l) => Int32Array.from(l));
  })());

/** Positions of each asset's interactions (its whole history), in time order. */
export const interactionsByAsset = (a: Analysis): Int32Array[] =>
  (a.cache.interactionsByAsset ??= (() => {
    const lists: number[][] = a.model.workbook.assets.map(() => []);
    a.model.assetOf.forEach((asset, p) => asset >= 0 && lists[asset].push(p));
    return lists.map((l) => Int32Array.from(l));
  })());

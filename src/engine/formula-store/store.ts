/**
 * @fileoverview What a refresh stores so that formulas can answer without reading the source tabs:
 * every summable series per day (campaign metrics, credit per model and player, conversions
 * touched), from which any whole-day range is a sum. A custom function on a workbook near the
 * cell limit reads a few of these rows instead of millions of cells.
 */
import { conversionsOf, type Analysis } from '../analysis';
import { attribute, splitOf } from '../attribution/credit';
import { forEachTouched } from '../attribution/touched';
import { modelsFor, REPORT_TYPES, type ReportType } from '../attribution/catalog';
import { playerShares, removalEffects, noCampaignPlayer } from '../attribution/data-driven';
import { metricEvents, metricValue, METRICS, type Metric } from '../metrics/campaign-metrics';
import { dataSpanOf } from '../metrics/trend';
import { allData, presetRange, type DateRange } from '../time/range';
import type { EngineSettings } from '../settings';

export const STORE_VERSION = 1;

/** Metrics whose per-day values add up to any range's value. */
export const SUMMABLE_METRICS: Metric[] = METRICS.filter((m) => m !== 'contacts with revenue');

export interface StoreMeta {
  version: number;
  timeZone: string;
  /** The refresh's "now": default ranges end on its day. */
  now: number;
  /** Local day number of the first stored day. */
  firstDay: number;
  days: number;
  /** The data's first and last day, where open-ended trends start and stop. */
  dataDays: [number, number] | null;
  settingsKey: string;
  campaigns: { id: string; name: string }[];
  /** Values that do not add up over days, for the default ranges only. */
  scalars: Record<string, number>;
  /** Markov removal effects per report type, per player. */
  removalEffects: Record<string, number[]>;
}

export interface FormulaStore {
  meta: StoreMeta;
  /** Per series key, one value per day. */
  series: Map<string, Float64Array>;
}

/** The player columns of credit series: campaigns, then these two. */
export const NONE_PLAYER = 'none';
export const NO_INTERACTIONS_PLAYER = 'noint';

export const metricKey = (metric: Metric, k: number, touch: 'first touch' | 'last touch' = 'first touch') =>
  metric === 'new contacts' ? `m|${metric}|${touch}|${k}` : `m|${metric}|${k}`;
export const creditKey = (type: ReportType, model: string, player: string | number) => `c|${type}|${model}|${player}`;
export const touchedKey = (type: ReportType, player: string | number) => `t|${type}|${player}`;
export const touchedValueKey = (type: ReportType, player: string | number) => `v|${type}|${player}`;
export const markovCountKey = (type: ReportType, player: string | number) => `r|${type}|${player}`;
export const contactsWithRevenueKey = (k: number, preset: string) => `contacts with revenue|${k}|${preset}`;

export function settingsKey(s: EngineSettings): string {
  return JSON.stringify([s.timeZone, s.eligibleTypes.slice().sort(), s.halfLifeDays, s.lookbackDays]);
}

export function buildFormulaStore(a: Analysis): FormulaStore {
  const span = dataSpanOf(a);
  const firstDay = span ? a.zone.dayOf(span[0]) : a.zone.dayOf(a.now);
  const lastDay = a.zone.dayOf(a.now);
  const days = Math.max(1, lastDay - firstDay + 1);
  const all = allData(a.zone, a.now);
  const series = new Map<string, Float64Array>();
  const add = (key: string, t: number, v: number) => {
    const d = a.zone.dayOf(t) - firstDay;
    if (d < 0 || d >= days || v === 0) return;
    let s = series.get(key);
    if (!s) series.set(key, (s = new Float64Array(days)));
    s[d] += v;
  };
  const campaigns = a.model.workbook.campaigns;
  for (const c of campaigns) {
    for (const m of SUMMABLE_METRICS) {
      const touches = m === 'new contacts' ? (['first touch', 'last touch'] as const) : (['first touch'] as const);
      for (const touch of touches) {
        const e = metricEvents(a, c.index, m, all, touch);
        for (let i = 0; i < e.times.length; i++) add(metricKey(m, c.index, touch), e.times[i], e.amounts[i]);
      }
    }
  }
  const scalars: Record<string, number> = {};
  for (const preset of ['all', 'last 365 days'] as const) {
    const r = presetRange(preset, a.zone, a.now);
    for (const c of campaigns) scalars[contactsWithRevenueKey(c.index, preset)] = metricValue(a, c.index, 'contacts with revenue', r);
  }
  const removal: Record<string, number[]> = {};
  const none = noCampaignPlayer(a);
  const playerName = (k: number) => (k < 0 || k === none ? NONE_PLAYER : String(k));
  for (const type of REPORT_TYPES) {
    for (const model of modelsFor(type)) {
      const att = attribute(a, type, model, all);
      att.conversions.forEach((conv, ci) => {
        const split = splitOf(att, ci);
        if (conv.path.length === 0) {
          add(creditKey(type, model, NO_INTERACTIONS_PLAYER), conv.when, conv.value);
          return;
        }
        for (let e = 0; e < split.share.length; e++) add(creditKey(type, model, playerName(split.campaign[e])), conv.when, split.share[e] * conv.value);
        if (model === 'Markov') {
          const shares = playerShares(split, none + 1);
          shares.forEach((s, p) => s > 0 && add(markovCountKey(type, playerName(p)), conv.when, s));
        }
      });
    }
    storeTouched(a, type, all, add, playerName);
    removal[type] = Array.from(removalEffects(a, type).removalEffects);
  }
  return {
    meta: {
      version: STORE_VERSION, timeZone: a.zone.name, now: a.now, firstDay, days,
      dataDays: span ? [a.zone.dayOf(span[0]), a.zone.dayOf(span[1])] : null, settingsKey: settingsKey(a.settings),
      campaigns: campaigns.map((c) => ({ id: c.id, name: c.name })), scalars, removalEffects: removal,
    },
    series,
  };
}

/** Conversions touched and their value, per player, by conversion day (independent of model). */
function storeTouched(a: Analysis, type: ReportType, range: DateRange, add: (key: string, t: number, v: number) => void, playerName: (k: number) => string) {
  const seen = new Int32Array(a.model.workbook.campaigns.length + 1).fill(-1);
  conversionsOf(a, type).forEach((conv, ci) => {
    if (conv.when < range.from || conv.when >= range.to) return;
    if (conv.path.length === 0) {
      add(touchedKey(type, NO_INTERACTIONS_PLAYER), conv.when, 1);
      add(touchedValueKey(type, NO_INTERACTIONS_PLAYER), conv.when, conv.value);
      return;
    }
    forEachTouched(a.model.campaignsOf, conv, seen, ci, (k) => {
      add(touchedKey(type, playerName(k)), conv.when, 1);
      add(touchedValueKey(type, playerName(k)), conv.when, conv.value);
    });
  });
}

/** Sparse text of a day series, `day:value` pairs, short enough for one Sheets cell per series. */
export function encodeSeries(values: Float64Array): string {
  const parts: string[] = [];
  for (let d = 0; d < values.length; d++) if (values[d] !== 0) parts.push(`${d}:${+values[d].toPrecision(15)}`);
  return parts.join(',');
}

export function decodeSeries(text: string, days: number): Float64Array {
  const out = new Float64Array(days);
  if (!text) return out;
  for (const part of text.split(',')) {
    const i = part.indexOf(':');
    const d = Number(part.slice(0, i));
    if (d >= 0 && d < days) out[d] = Number(part.slice(i + 1));
  }
  return out;
}


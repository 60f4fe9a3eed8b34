/**
 * @fileoverview What a full refresh stores so that formulas can answer without reading the source
 * tabs: every summable figure per local day (campaign metrics, credit per model and player,
 * conversions touched, Markov-credited conversions), from which any whole-day range is a sum. Series
 * sit at fixed indexes computed from the campaign count and the model lists (store-layout.ts), so
 * building the store and reading it index typed arrays, never string keys.
 */
import { conversionsOf, type Analysis } from '../analysis';
import { attribute } from '../attribution/credit';
import { forEachTouched } from '../attribution/touched';
import { modelsFor, REPORT_TYPES, type AttributionModel, type ReportType } from '../attribution/catalog';
import { playerOfEntry } from '../attribution/players';
import { removalEffects } from '../attribution/data-driven';
import { metricEvents, metricValue } from '../metrics/campaign-metrics';
import { dataDaysOf } from '../metrics/trend';
import { allData, presetRange } from '../time/range';
import type { EngineSettings } from '../settings';
import { METRIC_SLOTS, storeLayout, type StoreLayout } from './store-layout';

/** Bumped when the stored form changes: an older store is then not read. */
export const STORE_VERSION = 2;

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
  /** The model lists the series were laid out with (a later version may list others). */
  models: Record<ReportType, AttributionModel[]>;
  /** Contacts with revenue does not add up over days: per campaign, for the two default ranges. */
  contactsWithRevenue: { all: number[]; last365: number[] };
  /** Markov removal effects per report type, per player (campaigns, then "(no campaign)"). */
  removalEffects: Record<ReportType, number[]>;
}

export interface FormulaStore {
  meta: StoreMeta;
  layout: StoreLayout;
  /** Per series index, one value per stored day; null where every day is zero. */
  series: (Float64Array | null)[];
}

export function settingsKey(s: EngineSettings): string {
  return JSON.stringify([s.timeZone, s.eligibleTypes.slice().sort(), s.dealCreateEligibleTypes?.slice().sort() ?? null, s.revenueEligibleTypes?.slice().sort() ?? null, s.halfLifeDays, s.lookbackDays]);
}

export function buildFormulaStore(a: Analysis): FormulaStore {
  const dataDays = dataDaysOf(a);
  const firstDay = dataDays ? dataDays[0] : a.zone.dayOf(a.now);
  const days = Math.max(1, a.zone.dayOf(a.now) - firstDay + 1);
  const all = allData(a.zone, a.now);
  const campaigns = a.model.workbook.campaigns;
  const k = campaigns.length;
  const models = Object.fromEntries(REPORT_TYPES.map((t) => [t, modelsFor(t)])) as Record<ReportType, AttributionModel[]>;
  const layout = storeLayout(k, models);
  const series: (Float64Array | null)[] = new Array(layout.count).fill(null);
  const add = (s: number, day: number, v: number) => {
    if (v === 0 || day < 0 || day >= days) return;
    (series[s] ??= new Float64Array(days))[day] += v;
  };
  const dayOf = (t: number) => a.zone.dayOf(t) - firstDay;

  METRIC_SLOTS.forEach(({ metric, touch }, slot) => {
    for (let c = 0; c < k; c++) {
      const e = metricEvents(a, c, metric, all, touch);
      const s = layout.metric(slot, c);
      for (let i = 0; i < e.times.length; i++) add(s, dayOf(e.times[i]), e.amounts[i]);
    }
  });

  for (const type of REPORT_TYPES) {
    let convDay: Int32Array | null = null;
    models[type].forEach((model, mi) => {
      const att = attribute(a, type, model, all);
      // Every model credits the same conversions in the same order: their days once per type.
      convDay ??= Int32Array.from(att.conversions, (c) => dayOf(c.when));
      const base = layout.credit(type, mi, 0);
      const markov = model === 'Markov' ? layout.markov(type, 0) : -1;
      const { splitStart, splitCampaign, splitShare } = att;
      for (let ci = 0; ci < att.conversions.length; ci++) {
        const conv = att.conversions[ci];
        const d = convDay[ci];
        if (conv.path.length === 0) {
          add(base + k + 1, d, conv.value);
          continue;
        }
        for (let e = splitStart[ci]; e < splitStart[ci + 1]; e++) {
          const p = playerOfEntry(splitCampaign[e], k);
          add(base + p, d, splitShare[e] * conv.value);
          if (markov >= 0) add(markov + p, d, splitShare[e]);
        }
      }
    });
    storeTouched(a, type, layout, add, dayOf);
  }

  const presetValues = (preset: 'all' | 'last 365 days') => {
    const r = presetRange(preset, a.zone, a.now);
    return campaigns.map((c) => metricValue(a, c.index, 'contacts with revenue', r));
  };
  return {
    meta: {
      version: STORE_VERSION, timeZone: a.zone.name, now: a.now, firstDay, days,
      dataDays, settingsKey: settingsKey(a.settings),
      campaigns: campaigns.map((c) => ({ id: c.id, name: c.name })), models,
      contactsWithRevenue: { all: presetValues('all'), last365: presetValues('last 365 days') },
      removalEffects: Object.fromEntries(REPORT_TYPES.map((t) => [t, Array.from(removalEffects(a, t).removalEffects)])) as Record<ReportType, number[]>,
    },
    layout,
    series,
  };
}

/** Conversions touched and their value, per player, by conversion day (independent of model). */
function storeTouched(a: Analysis, type: ReportType, layout: StoreLayout, add: (s: number, day: number, v: number) => void, dayOf: (t: number) => number) {
  const k = layout.campaigns;
  const seen = new Int32Array(k + 1).fill(-1);
  const touched = layout.touched(type, 0);
  const value = layout.touchedValue(type, 0);
  const { to } = allData(a.zone, a.now);
  conversionsOf(a, type).forEach((conv, ci) => {
    if (conv.when >= to) return;
    const d = dayOf(conv.when);
    if (conv.path.length === 0) {
      add(touched + k + 1, d, 1);
      add(value + k + 1, d, conv.value);
      return;
    }
    forEachTouched(a.model.campaignsOf, conv, seen, ci, (c) => {
      const p = playerOfEntry(c, k);
      add(touched + p, d, 1);
      add(value + p, d, conv.value);
    });
  });
}

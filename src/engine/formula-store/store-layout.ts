/**
 * @fileoverview Where each stored series sits: a fixed index computed from the number of campaigns
 * and the model lists, the same when the store is built and when a formula reads it. Series that a
 * formula reads together sit together (one metric for every campaign; one report type's models,
 * touched counts and Markov counts), so a formula over a range of campaigns reads one block.
 */
import { REPORT_TYPES, type AttributionModel, type ReportType } from '../attribution/catalog';
import { METRICS, type ContactAttribution, type Metric } from '../metrics/campaign-metrics';

/** Metrics whose per-day values add up to any range's value, new contacts under both touches. */
export const METRIC_SLOTS: { metric: Metric; touch: ContactAttribution }[] = METRICS
  .filter((m) => m !== 'contacts with revenue')
  .flatMap((metric): { metric: Metric; touch: ContactAttribution }[] => (metric === 'new contacts'
    ? [{ metric, touch: 'first touch' }, { metric, touch: 'last touch' }]
    : [{ metric, touch: 'first touch' }]));

export const metricSlot = (metric: Metric, touch: ContactAttribution): number =>
  METRIC_SLOTS.findIndex((s) => s.metric === metric && (metric !== 'new contacts' || s.touch === touch));

export interface StoreLayout {
  /** Number of campaigns; per-player series have campaigns + 2 players. */
  campaigns: number;
  /** Number of series. */
  count: number;
  metric(slot: number, campaign: number): number;
  credit(type: ReportType, modelIndex: number, player: number): number;
  touched(type: ReportType, player: number): number;
  touchedValue(type: ReportType, player: number): number;
  markov(type: ReportType, player: number): number;
  /** A readable name per series index, for the store tab's key column (names from playerNames). */
  name(index: number, players: readonly string[]): string;
}

export function storeLayout(campaigns: number, models: Record<ReportType, readonly AttributionModel[]>): StoreLayout {
  const players = campaigns + 2;
  const base: Record<ReportType, { credit: number; touched: number; value: number; markov: number }> = {} as never;
  let next = METRIC_SLOTS.length * campaigns;
  for (const type of REPORT_TYPES) {
    const credit = next;
    next += models[type].length * players;
    base[type] = { credit, touched: next, value: next + players, markov: next + 2 * players };
    next += 3 * players;
  }
  const count = next;
  return {
    campaigns,
    count,
    metric: (slot, campaign) => slot * campaigns + campaign,
    credit: (type, modelIndex, player) => base[type].credit + modelIndex * players + player,
    touched: (type, player) => base[type].touched + player,
    touchedValue: (type, player) => base[type].value + player,
    markov: (type, player) => base[type].markov + player,
    name(index, names) {
      if (index < METRIC_SLOTS.length * campaigns) {
        const s = METRIC_SLOTS[Math.floor(index / campaigns)];
        return `${s.metric}${s.metric === 'new contacts' ? ` (${s.touch})` : ''} | ${names[index % campaigns]}`;
      }
      for (const type of REPORT_TYPES) {
        const b = base[type];
        if (index < b.touched) {
          const i = index - b.credit;
          return `credit | ${type} | ${models[type][Math.floor(i / players)]} | ${names[i % players]}`;
        }
        if (index < b.value) return `touched | ${type} | ${names[index - b.touched]}`;
        if (index < b.markov) return `touched value | ${type} | ${names[index - b.value]}`;
        if (index < b.markov + players) return `Markov conversions | ${type} | ${names[index - b.markov]}`;
      }
      return `series ${index}`;
    },
  };
}

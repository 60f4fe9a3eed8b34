/**
 * @fileoverview What the formulas read, as one interface with two implementations: the live
 * analysis of the source tabs (formulas/live-data.ts) and the store a full refresh writes
 * (formula-store/store-data.ts). Each formula is written once against it, so both hosts of a
 * formula give the same answer by construction.
 */
import type { AttributionModel, ReportType } from '../attribution/catalog';
import type { ContactAttribution, Metric } from '../metrics/campaign-metrics';
import type { Frequency } from '../metrics/trend';
import type { DateRange } from '../time/range';
import type { TimeZone } from '../time/zone';
import type { ContactList, ContactListOptions } from '../metrics/contact-lists';
import type { ReportCell } from '../report-tab/report-tab';

/**
 * Per-player figures come in one order everywhere: each campaign in Campaigns-tab order, then
 * "(no campaign)" (touches with no campaign), then "(no interactions)" (conversions with an empty
 * path; data-driven figures stop before it).
 */
export type PlayerFigures = Float64Array;

export interface CampaignName {
  id: string;
  name: string;
}

export interface FormulaData {
  /** The workbook's zone: whole-day ranges are days there. */
  readonly zone: TimeZone;
  /** "Now" of the data: default ranges end on its day. */
  readonly now: number;
  readonly campaigns: readonly CampaignName[];
  /** The data's first and last local day, where open-ended trends start and stop. */
  dataDays(): [number, number] | null;
  /** A campaign metric's value over the range. */
  metric(campaign: number, metric: Metric, range: DateRange, touch: ContactAttribution): number;
  /** A campaign metric per bucket of the range. */
  trend(campaign: number, metric: Metric, range: DateRange, frequency: Frequency): { labels: string[]; values: number[] };
  /** Credit per player (campaigns, no campaign, no interactions). */
  credit(type: ReportType, model: AttributionModel, range: DateRange): PlayerFigures;
  /** Conversions whose path touches each player, and their full value (same players). */
  touched(type: ReportType, range: DateRange): { conversions: PlayerFigures; value: PlayerFigures };
  /** Markov removal effects per player (campaigns, no campaign), fitted on all journeys. */
  removalEffects(type: ReportType): PlayerFigures;
  /** Conversions credited per player (campaigns, no campaign) by Markov: each counts 1, split by the model. */
  markovConversions(type: ReportType, range: DateRange): PlayerFigures;
  /** The contacts behind a contact count: a header, then one row per contact (§5). */
  contacts(campaign: number, list: ContactList, range: DateRange, options: ContactListOptions): { header: string[]; rows: ReportCell[][] };
}

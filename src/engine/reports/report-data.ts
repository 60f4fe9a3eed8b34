/**
 * @fileoverview What the report tabs read: the formulas' data (formulas/formula-data.ts) plus the
 * few figures only reports show, all small and already aggregated. The live analysis provides it
 * (reports/live-report-data.ts) and so does a warehouse (engine/warehouse), so every tab is laid
 * out by one builder whichever did the counting.
 */
import type { AttributionModel, ReportType } from '../attribution/catalog';
import type { ContactAttribution, Metric } from '../metrics/campaign-metrics';
import type { Frequency } from '../metrics/trend';
import type { FormulaData, PlayerFigures } from '../formulas/formula-data';
import type { ReportCell } from '../report-tab/report-tab';
import type { DateRange } from '../time/range';
import type { DataCheck } from '../workbook/data-check';
import type { AssetType, CampaignGoals } from '../workbook/types';

export interface CampaignDetails {
  id: string;
  name: string;
  /** Lower-cased `utm_campaign` values. */
  utm: string[];
  goals: CampaignGoals;
  budget: number | null;
  spend: number | null;
}

/** One asset of a campaign over its whole history in a range (the Assets tab's row). */
export interface AssetFigures {
  type: AssetType;
  name: string;
  id: string;
  views: number;
  sessions: number;
  forms: number;
  clicks: number;
  opens: number;
  contacts: number;
}

export interface TrafficTally {
  views: number;
  newVisitorSessions: number;
  contacts: number;
}

/** The Traffic tab's counts: per source category (SOURCE_CATEGORIES order), and three breakdowns. */
export interface TrafficFigures {
  bySource: TrafficTally[];
  term: [string, TrafficTally][];
  platform: [string, TrafficTally][];
  sourceMedium: [string, TrafficTally][];
}

export interface ReportData extends FormulaData {
  readonly currency: string;
  readonly campaignDetails: readonly CampaignDetails[];
  readonly check: DataCheck;
  /** A campaign metric per bucket, new contacts under the given contact attribution. */
  trend(campaign: number, metric: Metric, range: DateRange, frequency: Frequency, touch?: ContactAttribution): { labels: string[]; values: number[] };
  /** Conversions in the range and their total value. */
  conversionTotals(type: ReportType, range: DateRange): { count: number; value: number };
  /** Conversions giving the campaign credit > 0 under the model, their full value, and the contacts of its credited touches. */
  credited(type: ReportType, model: AttributionModel, range: DateRange, campaign: number): { conversions: number; value: number; contacts: number };
  /** One row per credited touch of the campaign, newest conversions first, at most `limit`; `total` counts them all. */
  drillDown(type: ReportType, model: AttributionModel, range: DateRange, campaign: number, limit: number): { rows: ReportCell[][]; total: number };
  /** The campaign's assets, each over its whole history in the range. */
  assets(campaign: number, range: DateRange): AssetFigures[];
  traffic(campaign: number, range: DateRange): TrafficFigures;
  /** Conversions credited per player (campaigns, no campaign) by Shapley. */
  shapleyConversions(type: ReportType, range: DateRange): PlayerFigures;
  /** The journeys the data-driven models learn from, and the Markov chain's conversion probability. */
  journeys(type: ReportType): { journeys: number; converting: number; conversionProbability: number };
}

/**
 * @fileoverview What the report tabs laid out from data read: the formulas' data
 * (formulas/formula-data.ts) plus the few figures only those reports show, all small and already
 * aggregated. The live analysis provides it
 * (reports/live-report-data.ts) and so does a warehouse (engine/warehouse), so every tab is laid
 * out by one builder whichever did the counting.
 */
import type { AttributionModel, ReportType } from '../attribution/catalog';
import type { ContactList, ContactListOptions, ContactRow } from '../metrics/contact-lists';
import type { AssetCredit, AssetFigures, CreditedConversions, DrillDown, TrafficFigures } from './campaign-figures';
import type { ContactAttribution, Metric } from '../metrics/campaign-metrics';
import type { Frequency } from '../metrics/trend';
import type { FormulaData, PlayerFigures } from '../formulas/formula-data';
import type { DateRange } from '../time/range';
import type { DataCheck } from '../workbook/data-check';
import type { CampaignGoals } from '../workbook/types';

export interface CampaignDetails {
  id: string;
  name: string;
  /** Lower-cased `utm_campaign` values. */
  utm: string[];
  goals: CampaignGoals;
  budget: number | null;
  spend: number | null;
}

export interface ReportData extends FormulaData {
  readonly currency: string;
  readonly campaignDetails: readonly CampaignDetails[];
  readonly check: DataCheck;
  /** A campaign metric per bucket, new contacts under the given contact attribution. */
  trend(campaign: number, metric: Metric, range: DateRange, frequency: Frequency, touch?: ContactAttribution): { labels: string[]; values: number[] };
  /** Conversions credited per player (campaigns, no campaign) by Shapley. */
  shapleyConversions(type: ReportType, range: DateRange): PlayerFigures;
  /** The journeys the data-driven models learn from, and the Markov chain's conversion probability. */
  journeys(type: ReportType): { journeys: number; converting: number; conversionProbability: number };
  /** The campaign's credited interactions under the model, newest conversions first, at most `limit`. */
  drillDown(type: ReportType, model: AttributionModel, range: DateRange, campaign: number, limit: number): DrillDown;
  /** Conversions that gave the campaign credit > 0 under the model. */
  creditedConversions(type: ReportType, model: AttributionModel, range: DateRange, campaign: number): CreditedConversions;
  /** The campaign's credit per asset, for each report type the model serves (others 0). */
  assetCredit(campaign: number, model: AttributionModel, range: DateRange): AssetCredit[];
  /** A contact list's first `limit` rows, its length and the range it really covers. */
  contactList(campaign: number, list: ContactList, range: DateRange, options: ContactListOptions, limit: number): ContactListPage;
  /** Each asset of the campaign (any association) over its whole history in the range. */
  assets(campaign: number, range: DateRange, contactLimit: number): AssetFigures[];
  /** Page views tagged with the campaign's UTM value in the range. */
  traffic(campaign: number, range: DateRange): TrafficFigures;
}

export interface ContactListPage {
  rows: ContactRow[];
  total: number;
  range: DateRange;
}

/**
 * @fileoverview The per-campaign figures the Revenue, Revenue attribution, Contacts, Assets,
 * Traffic and Attribution tabs read (reports/report-data.ts), as plain small values: a live
 * analysis computes them (live-campaign-figures.ts), a warehouse asks SQL for them
 * (engine/warehouse/warehouse-report-data.ts), and one layout turns them into tabs. Lists that
 * grow with the data (drill-down rows, contacts) come bounded, with their full count.
 */
import type { ReportType } from '../attribution/catalog';
import type { AssetType, InteractionType } from '../workbook/types';

/** One interaction of the campaign that earned credit, as a drill-down row shows it. */
export interface DrillEntry {
  /** The conversion: contact ID (contact create) or deal ID. */
  conversion: string;
  /** Revenue conversions: the deal's name. */
  dealName: string | null;
  /** The conversion's instant and full value. */
  when: number;
  value: number;
  contact: string;
  interaction: string;
  ts: number;
  type: string;
  /** The asset's name, else its ID, else empty. */
  asset: string;
  /** Index in SOURCE_CATEGORIES. */
  source: number;
  /** The interaction's share of the conversion. */
  share: number;
}

/** At most `limit` entries, newest conversions first, and how many there are in all. */
export interface DrillDown {
  entries: DrillEntry[];
  total: number;
}

/**
 * Conversions in the range that gave the campaign credit > 0: how many, their full value, and per
 * conversion instant (any instant of its local day) the campaign's credit and the full value.
 */
export interface CreditedConversions {
  count: number;
  value: number;
  times: number[];
  credit: number[];
  values: number[];
}

export interface AssetInfo {
  /** Index in the Assets tab (first row of each Asset ID). */
  index: number;
  id: string;
  type: AssetType;
  name: string;
}

/** Credit the campaign's interactions on one asset (null: none) earned, per report type. */
export interface AssetCredit {
  asset: AssetInfo | null;
  credit: Record<ReportType, number>;
}

/** What one asset did in the range (asset-measures.ts reads it). */
export interface AssetTally {
  /** Interactions per type (types with none are absent). */
  count: Map<InteractionType, number>;
  /** Distinct people (contact, else visitor) per type. */
  people: Map<InteractionType, number>;
  /** Distinct known contacts per type. */
  contactsByType: Map<InteractionType, number>;
  sessions: number;
  /** Distinct known contacts with any interaction on the asset. */
  contacts: number;
  /** Landing pages: form submissions on the page (its URL, or the page as the Asset ID). */
  submissions: number;
  /** Landing pages: contacts created in the range whose converting submission was on the page. */
  newContacts: number;
  interactions: number;
}

/** One contact of an asset: its first and last interaction on it in the range, and how many. */
export interface AssetContact {
  contact: string;
  first: number;
  last: number;
  count: number;
}

/** One asset of the campaign over its whole history in the range. */
export interface AssetFigures {
  asset: AssetInfo;
  tally: AssetTally;
  /** Interactions per local day and type, days with any only. */
  days: { day: number; type: InteractionType; count: number }[];
  /** The first contacts by first interaction, at most the limit asked. */
  contacts: AssetContact[];
  contactTotal: number;
}

export interface TrafficTally {
  views: number;
  /** Distinct new-visitor sessions. */
  sessions: number;
  contacts: number;
}

/** Page views tagged with the campaign's UTM value, by source category and breakdown key. */
export interface TrafficFigures {
  /** Per SOURCE_CATEGORIES index. */
  bySource: TrafficTally[];
  term: Map<string, TrafficTally>;
  platform: Map<string, TrafficTally>;
  sourceMedium: Map<string, TrafficTally>;
}

export type TrafficBreakdown = 'term' | 'platform' | 'sourceMedium';

/** Limits of the bounded lists. */
export const DRILL_DOWN_LIMIT = 5000;
/** Contacts listed per asset in its detail; the rest are counted in the note. */
export const ASSET_CONTACTS_LIMIT = 200;

export const emptyCredit = (): Record<ReportType, number> => ({ 'contact create': 0, 'deal create': 0, revenue: 0 });

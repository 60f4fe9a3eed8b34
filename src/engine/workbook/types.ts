/**
 * @fileoverview The workbook after reading: typed records of the five source tabs, with instants
 * as epoch milliseconds and references resolved to indexes.
 */
import type { DataCheck } from './data-check';
import type { TimeZone } from '../time/zone';

export const ASSET_TYPES = [
  'landing page', 'website page', 'blog post', 'marketing email', 'social post', 'ad', 'cta', 'form',
  'marketing event', 'video', 'document', 'static list', 'workflow', 'other',
] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

export const INTERACTION_TYPES = [
  'page view', 'form submission', 'email open', 'email click', 'cta click', 'ad click', 'social click',
  'event attendance', 'meeting', 'call', 'sales email', 'conversation', 'list membership',
  'workflow enrollment', 'other',
  // Asset measures (sends, deliveries, impressions, views): never eligible for attribution by default.
  'email send', 'email delivery', 'email bounce', 'cta view', 'form view', 'ad impression',
] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

export const SOURCE_CATEGORIES = [
  'Organic search', 'Paid search', 'Paid social', 'Organic social', 'Email marketing', 'Referrals',
  'Other campaigns', 'Direct traffic', 'Offline sources',
] as const;
export type SourceCategory = (typeof SOURCE_CATEGORIES)[number];

export type DealStage = 'closed won' | 'closed lost' | 'open';

export interface CampaignGoals {
  sessions: number | null;
  newContacts: number | null;
  influencedContacts: number | null;
  revenue: number | null;
}

export interface Campaign {
  index: number;
  id: string;
  name: string;
  /** Lower-cased, trimmed `utm_campaign` values. */
  utm: string[];
  startDate: number | null;
  endDate: number | null;
  goals: CampaignGoals;
  budget: number | null;
  spend: number | null;
  row: number;
}

export interface AssetAssociation {
  campaign: number;
  /** Instant of association; -Infinity when blank ("since always"). */
  at: number;
  row: number;
}

export interface Asset {
  index: number;
  id: string;
  type: AssetType;
  name: string;
  url: string;
  associations: AssetAssociation[];
  row: number;
}

export interface Contact {
  index: number;
  id: string;
  createdAt: number;
  visitorIds: string[];
  row: number;
}

export interface Deal {
  index: number;
  id: string;
  name: string;
  /** Known contacts, in the order listed. */
  contacts: number[];
  createdAt: number;
  stage: DealStage;
  closedAt: number | null;
  amount: number | null;
  row: number;
}

export interface Utm {
  campaign: string;
  source: string;
  medium: string;
  term: string;
  content: string;
}

export interface Interaction {
  /** Position in tab order, the tie-break for equal timestamps. */
  index: number;
  id: string;
  ts: number;
  contactId: string;
  visitorId: string;
  type: InteractionType;
  assetId: string;
  url: string;
  sessionId: string;
  referrer: string;
  /** The `Source` cell when given. */
  source: SourceCategory | null;
  /** UTM cells, blanks filled from the URL's `utm_*` parameters. */
  utm: Utm;
  /** The URL carries a Google Ads click ID. */
  gclid: boolean;
  platform: string;
  row: number;
}

export interface Workbook {
  timeZone: TimeZone;
  campaigns: Campaign[];
  assets: Asset[];
  contacts: Contact[];
  deals: Deal[];
  interactions: Interaction[];
  check: DataCheck;
}

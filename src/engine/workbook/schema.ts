/**
 * @fileoverview The data contract as data: each source tab's columns, and the accepted spellings of
 * its enumerations.
 */
import type { TabSpec } from './tab-reader';
import { normalizeName } from './cells';
import {
  ASSET_TYPES, INTERACTION_TYPES, SOURCE_CATEGORIES,
  type AssetType, type DealStage, type InteractionType, type SourceCategory,
} from './types';

export const CAMPAIGNS: TabSpec = {
  tab: 'Campaigns',
  required: true,
  columns: [
    { key: 'id', header: 'Campaign ID', required: true },
    { key: 'name', header: 'Name', required: true, aliases: ['Campaign name', 'Campaign'] },
    { key: 'utm', header: 'UTM campaign', aliases: ['utm_campaign'] },
    { key: 'start', header: 'Start date', aliases: ['Start'] },
    { key: 'end', header: 'End date', aliases: ['End'] },
    { key: 'goalSessions', header: 'Goal sessions' },
    { key: 'goalNewContacts', header: 'Goal new contacts' },
    { key: 'goalInfluenced', header: 'Goal influenced contacts' },
    { key: 'goalRevenue', header: 'Goal revenue' },
    { key: 'budget', header: 'Budget' },
    { key: 'spend', header: 'Spend', aliases: ['Cost'] },
  ],
};

export const ASSETS: TabSpec = {
  tab: 'Assets',
  required: true,
  columns: [
    { key: 'id', header: 'Asset ID', required: true },
    { key: 'campaign', header: 'Campaign ID' },
    { key: 'type', header: 'Type', required: true, aliases: ['Asset type'] },
    { key: 'name', header: 'Name', aliases: ['Asset name'] },
    { key: 'url', header: 'URL' },
    { key: 'at', header: 'Associated at', aliases: ['Association date'] },
  ],
};

export const CONTACTS: TabSpec = {
  tab: 'Contacts',
  required: true,
  columns: [
    { key: 'id', header: 'Contact ID', required: true },
    { key: 'created', header: 'Created at', required: true, aliases: ['Create date', 'Created'] },
    { key: 'visitors', header: 'Visitor IDs', aliases: ['Visitor ID'] },
  ],
};

export const DEALS: TabSpec = {
  tab: 'Deals',
  required: true,
  columns: [
    { key: 'id', header: 'Deal ID', required: true },
    { key: 'name', header: 'Name', aliases: ['Deal name'] },
    { key: 'contacts', header: 'Contact IDs', required: true, aliases: ['Contact ID', 'Contacts'] },
    { key: 'created', header: 'Created at', required: true, aliases: ['Create date', 'Created'] },
    { key: 'stage', header: 'Stage', required: true, aliases: ['Deal stage'] },
    { key: 'closed', header: 'Closed at', aliases: ['Close date', 'Closed'] },
    { key: 'amount', header: 'Amount', aliases: ['Value'] },
  ],
};

export const INTERACTIONS: TabSpec = {
  tab: 'Interactions',
  required: true,
  columns: [
    { key: 'id', header: 'Interaction ID' },
    { key: 'ts', header: 'Timestamp', required: true, aliases: ['Time', 'Occurred at'] },
    { key: 'contact', header: 'Contact ID' },
    { key: 'visitor', header: 'Visitor ID' },
    { key: 'type', header: 'Type', required: true, aliases: ['Interaction type'] },
    { key: 'asset', header: 'Asset ID' },
    { key: 'url', header: 'URL', aliases: ['Page URL'] },
    { key: 'session', header: 'Session ID' },
    { key: 'referrer', header: 'Referrer', aliases: ['Referrer URL'] },
    { key: 'source', header: 'Source', aliases: ['Source category'] },
    { key: 'utmCampaign', header: 'UTM campaign', aliases: ['utm_campaign'] },
    { key: 'utmSource', header: 'UTM source', aliases: ['utm_source'] },
    { key: 'utmMedium', header: 'UTM medium', aliases: ['utm_medium'] },
    { key: 'utmTerm', header: 'UTM term', aliases: ['utm_term'] },
    { key: 'utmContent', header: 'UTM content', aliases: ['utm_content'] },
    { key: 'platform', header: 'Platform', aliases: ['Network'] },
  ],
};

function aliasMap<T extends string>(values: readonly T[], extra: Record<string, T> = {}): Map<string, T> {
  const map = new Map<string, T>();
  for (const v of values) map.set(normalizeName(v), v);
  for (const [alias, v] of Object.entries(extra)) map.set(normalizeName(alias), v);
  return map;
}

export const ASSET_TYPE_NAMES = aliasMap<AssetType>(ASSET_TYPES, {
  'call to action': 'cta', email: 'marketing email', event: 'marketing event', page: 'website page',
  'site page': 'website page', blog: 'blog post', social: 'social post', list: 'static list',
});

export const INTERACTION_TYPE_NAMES = aliasMap<InteractionType>(INTERACTION_TYPES, {
  pageview: 'page view', visit: 'page view', 'form fill': 'form submission', submission: 'form submission',
  'cta': 'cta click', 'event': 'event attendance',
  'email sent': 'email send', 'email delivered': 'email delivery', 'email bounced': 'email bounce', bounce: 'email bounce',
  'cta impression': 'cta view', 'form impression': 'form view', 'ad view': 'ad impression', impression: 'ad impression',
});

export const STAGE_NAMES: Map<string, DealStage> = new Map([
  ['closedwon', 'closed won'], ['won', 'closed won'],
  ['closedlost', 'closed lost'], ['lost', 'closed lost'],
]);

export const SOURCE_NAMES = aliasMap<SourceCategory>(SOURCE_CATEGORIES, {
  'organic': 'Organic search', 'seo': 'Organic search', 'ppc': 'Paid search', 'cpc': 'Paid search',
  'social': 'Organic social', 'social media': 'Organic social', 'email': 'Email marketing',
  'referral': 'Referrals', 'direct': 'Direct traffic', 'offline': 'Offline sources',
  'other campaign': 'Other campaigns',
});

export const ASSET_TYPE_EXPECTED = `one of ${ASSET_TYPES.join(', ')}`;
export const INTERACTION_TYPE_EXPECTED = `one of ${INTERACTION_TYPES.join(', ')}`;
export const SOURCE_EXPECTED = `one of the nine source categories: ${SOURCE_CATEGORIES.join(', ')}`;

/** The date columns of each tab (by column key): a reader of 1904-based .xlsx files moves their serials. */
export const DATE_COLUMNS: ReadonlyArray<readonly [TabSpec, readonly string[]]> = [
  [CAMPAIGNS, ['start', 'end']], [ASSETS, ['at']], [CONTACTS, ['created']], [DEALS, ['created', 'closed']], [INTERACTIONS, ['ts']],
];

/**
 * @fileoverview Result queries for one campaign and range, asked when a report tab or
 * CAMPAIGN_CONTACTS needs them (reports/campaign-figures.ts): the drill-down's credited
 * interactions (newest conversions first, at most a limit, with their count), the conversions that
 * credited the campaign per day, credit per asset, the contact lists, each asset's figures and the
 * tagged traffic. Every row count is bounded by the campaign (its assets, days, player sets,
 * breakdown keys) or by the limit asked, never by the data. Bounds are epoch milliseconds (null:
 * open). Data-driven shares are not known in SQL: queries return each conversion's player set and
 * the campaign's touches on it, and take the sets whose share of the campaign is above 0.
 */
import { isDataDriven } from '../attribution/data-driven';
import type { AttributionModel } from '../attribution/catalog';
import type { ContactList } from '../metrics/contact-lists';
import type { ContactAttribution } from '../metrics/campaign-metrics';
import { SOURCE_CATEGORIES } from '../workbook/types';
import { literal, type Dialect } from './dialect';
import { hostSql } from './source-sql';
import { pageKey, weightColumn, type Statement } from './statements';

const PAID_SEARCH = SOURCE_CATEGORIES.indexOf('Paid search');
const ORGANIC_SOCIAL = SOURCE_CATEGORIES.indexOf('Organic social');
const OTHER_CAMPAIGNS = SOURCE_CATEGORIES.indexOf('Other campaigns');

export interface Bounds {
  from: number | null;
  to: number | null;
}

const within = (column: string, b: Bounds) =>
  [b.from === null ? '' : `${column} >= ${Math.round(b.from)}`, b.to === null ? '' : `${column} < ${Math.round(b.to)}`].filter(Boolean).join(' AND ') || 'TRUE';

const int = (n: number) => {
  if (!Number.isInteger(n)) throw new Error(`Not an integer: ${n}`);
  return String(n);
};

const limitClause = (limit: number) => (Number.isFinite(limit) ? `\nLIMIT ${int(limit)}` : '');

/** How a model credits the campaign's touches on a path: by weight (rule-based) or by player set. */
export interface CampaignCredit {
  model: AttributionModel;
  /** Data-driven models: the player sets (`-1,3,7`) whose share of the campaign is above 0. */
  positiveSets?: readonly string[];
}

/**
 * The campaign's touches on paths of report type `rt` converting in the range, with the
 * conversion's set and the campaign's number of touches on it, and `weight`: the rule-based weight,
 * or (data-driven) the touch's share of the set's share, 1 / touches. Only touches with credit > 0.
 */
function creditedTouches(d: Dialect, rt: number, campaign: number, b: Bounds, c: CampaignCredit): string {
  const T = d.table;
  const dataDriven = isDataDriven(c.model);
  const sets = c.positiveSets ?? [];
  return `
  SELECT * FROM (
    SELECT p.rt, p.conv_key, p.j, p.pos, p.when_ms, p.conv_day, p.value, p.contact_idx,
      ${dataDriven ? `CAST(1 AS ${d.float}) / COUNT(*) OVER (PARTITION BY p.rt, p.conv_key)` : `w.${weightColumn(c.model)}`} AS weight,
      ${dataDriven ? 'js.set_key' : `CAST(NULL AS ${d.string})`} AS set_key
    FROM ${T('cs_path')} AS p
    JOIN ${T('cs_touch_campaign')} AS tc ON tc.pos = p.pos AND tc.campaign_idx = ${int(campaign)}
    ${dataDriven
    ? `JOIN ${T('cs_journey_set')} AS js ON js.rt = p.rt AND js.kind = 0 AND js.jkey = p.conv_key`
    : `JOIN ${T('cs_path_weight')} AS w ON w.rt = p.rt AND w.conv_key = p.conv_key AND w.pos = p.pos`}
    WHERE p.rt = ${int(rt)} AND ${within('p.when_ms', b)}
  ) AS ct
  WHERE ${dataDriven ? (sets.length ? `ct.set_key IN (${sets.map(literal).join(', ')})` : 'FALSE') : 'ct.weight > 0'}`;
}

/**
 * The drill-down: the campaign's credited touches, newest conversions first (ties in conversion
 * order, then path order), at most `limit`, each with the count of all of them.
 */
export function drillDownStatement(d: Dialect, rt: number, campaign: number, b: Bounds, c: CampaignCredit, limit: number): Statement {
  const T = d.table;
  return {
    name: 'drill_down', kind: 'result',
    sql: `WITH credited AS (${creditedTouches(d, rt, campaign, b, c)}
)
SELECT ct.conv_key, ct.j, ct.when_ms, ct.value, ct.weight, ct.set_key, cv.conv_id, dl.name AS deal_name,
  t.interaction_id, t.ts_ms, t.type, COALESCE(cn.contact_id, '') AS contact_id,
  COALESCE(NULLIF(a.name, ''), a.asset_id, '') AS asset, s.source_idx, COUNT(*) OVER () AS total
FROM credited AS ct
JOIN ${T('cs_conversion')} AS cv ON cv.rt = ct.rt AND cv.conv_key = ct.conv_key
LEFT JOIN ${T('cs_deal')} AS dl ON ct.rt > 0 AND dl.deal_idx = ct.conv_key
JOIN ${T('cs_touch')} AS t ON t.pos = ct.pos
JOIN ${T('cs_touch_source')} AS s ON s.pos = ct.pos
LEFT JOIN ${T('cs_contact')} AS cn ON cn.contact_idx = t.contact_idx
LEFT JOIN ${T('cs_asset')} AS a ON a.asset_idx = t.asset_idx
ORDER BY ct.when_ms DESC, ct.conv_key, ct.j${limitClause(limit)}`,
  };
}

/**
 * Conversions whose campaign touches earned credit, per conversion day (and player set for the
 * data-driven models): how many, their full value, and (rule-based) the campaign's credit.
 */
export function creditedConversionsStatement(d: Dialect, rt: number, campaign: number, b: Bounds, c: CampaignCredit): Statement {
  return {
    name: 'credited_conversions', kind: 'result',
    sql: `WITH credited AS (${creditedTouches(d, rt, campaign, b, c)}
),
per AS (
  SELECT conv_key, MIN(conv_day) AS day, MIN(set_key) AS set_key, MIN(value) AS value, SUM(weight * value) AS credit
  FROM credited GROUP BY conv_key
)
SELECT day, set_key, COUNT(*) AS conversions, SUM(value) AS value, SUM(credit) AS credit FROM per GROUP BY day, set_key`,
  };
}

/** The campaign's credit per asset (NULL: none) for one report type, per player set for data-driven models. */
export function assetCreditStatement(d: Dialect, rt: number, campaign: number, b: Bounds, c: CampaignCredit): Statement {
  const T = d.table;
  return {
    name: 'asset_credit', kind: 'result',
    sql: `WITH credited AS (${creditedTouches(d, rt, campaign, b, c)}
)
SELECT ct.rt, t.asset_idx, a.asset_id, a.type AS asset_type, a.name AS asset_name, ct.set_key, SUM(ct.weight * ct.value) AS credit
FROM credited AS ct
JOIN ${T('cs_touch')} AS t ON t.pos = ct.pos
LEFT JOIN ${T('cs_asset')} AS a ON a.asset_idx = t.asset_idx
GROUP BY ct.rt, t.asset_idx, a.asset_id, a.type, a.name, ct.set_key`,
  };
}

export interface ContactListSql {
  list: ContactList;
  contactAttribution: ContactAttribution;
  credit: CampaignCredit;
}

/**
 * A contact list (metrics/contact-lists.ts) in its order, at most `limit` rows, with the count of
 * all: contact, the instant that made it count, the interaction and (revenue lists) the deal.
 */
export function contactListStatement(d: Dialect, campaign: number, b: Bounds, o: ContactListSql, limit: number): Statement {
  const T = d.table;
  const k = int(campaign);
  let entries: string;
  switch (o.list) {
    case 'new contacts': {
      const pick = o.contactAttribution === 'first touch' ? 'first_pos' : 'last_pos';
      entries = `entries AS (
  SELECT f.contact_idx, f.created_ms AS when_ms, f.${pick} AS pos, CAST(NULL AS ${d.int}) AS deal_idx, f.created_ms AS o1, f.contact_idx AS o2, 0 AS o3
  FROM ${T('cs_contact_touch')} AS f
  JOIN ${T('cs_touch_campaign')} AS tc ON tc.pos = f.${pick} AND tc.campaign_idx = ${k}
  WHERE ${within('f.created_ms', b)}
)`;
      break;
    }
    case 'influenced contacts':
      entries = `firsts AS (
  SELECT t.contact_idx, MIN(t.pos) AS pos FROM ${T('cs_touch_campaign')} AS tc JOIN ${T('cs_touch')} AS t ON t.pos = tc.pos
  WHERE tc.campaign_idx = ${k} AND t.contact_idx IS NOT NULL GROUP BY t.contact_idx
),
entries AS (
  SELECT f.contact_idx, t.ts_ms AS when_ms, f.pos, CAST(NULL AS ${d.int}) AS deal_idx, f.pos AS o1, 0 AS o2, 0 AS o3
  FROM firsts AS f JOIN ${T('cs_touch')} AS t ON t.pos = f.pos
  WHERE ${within('t.ts_ms', b)}
)`;
      break;
    case 'contacts with revenue':
    case 'revenue attribution contacts': {
      // Contacts with revenue: linear, where every touch on the path earns credit.
      const credit: CampaignCredit = o.list === 'contacts with revenue' ? { model: 'Linear' } : o.credit;
      entries = `credited AS (${creditedTouches(d, 2, campaign, b, credit)}
),
ranked AS (
  SELECT contact_idx, when_ms, pos, conv_key, j, ROW_NUMBER() OVER (PARTITION BY contact_idx ORDER BY when_ms, conv_key, j) AS nth
  FROM credited
),
entries AS (
  SELECT contact_idx, when_ms, pos, conv_key AS deal_idx, when_ms AS o1, conv_key AS o2, j AS o3 FROM ranked WHERE nth = 1
)`;
      break;
    }
  }
  return {
    name: 'contact_list', kind: 'result',
    sql: `WITH ${entries}
SELECT cn.contact_id, e.when_ms, COALESCE(t.interaction_id, '') AS interaction_id, COALESCE(t.type, '') AS type,
  COALESCE(NULLIF(a.name, ''), a.asset_id, '') AS asset, COALESCE(dl.deal_id, '') AS deal_id, COUNT(*) OVER () AS total
FROM entries AS e
JOIN ${T('cs_contact')} AS cn ON cn.contact_idx = e.contact_idx
LEFT JOIN ${T('cs_touch')} AS t ON t.pos = e.pos
LEFT JOIN ${T('cs_asset')} AS a ON a.asset_idx = t.asset_idx
LEFT JOIN ${T('cs_deal')} AS dl ON dl.deal_idx = e.deal_idx
ORDER BY e.o1, e.o2, e.o3${limitClause(limit)}`,
  };
}

/** The campaign's assets (any association) and their interactions in the range. */
const campaignAssets = (d: Dialect, campaign: number, b: Bounds) => `
campaign_assets AS (SELECT DISTINCT asset_idx FROM ${d.table('cs_asset_campaign')} WHERE campaign_idx = ${int(campaign)}),
touches AS (
  SELECT t.* FROM ${d.table('cs_touch')} AS t JOIN campaign_assets AS ca ON ca.asset_idx = t.asset_idx WHERE ${within('t.ts_ms', b)}
)`;

/**
 * Per asset of the campaign: its identity and totals (sessions, contacts, interactions; landing
 * pages' submissions and new contacts), one row per asset.
 */
export function assetTotalsStatement(d: Dialect, campaign: number, b: Bounds): Statement {
  const T = d.table;
  return {
    name: 'asset_totals', kind: 'result',
    sql: `WITH ${campaignAssets(d, campaign, b)},
-- Landing pages by page: the last of the campaign's assets with that page wins, as in the engine.
pages AS (
  SELECT a.page_key, MAX(a.asset_idx) AS asset_idx FROM ${T('cs_asset')} AS a JOIN campaign_assets AS ca ON ca.asset_idx = a.asset_idx
  WHERE a.type = 'landing page' AND a.page_key IS NOT NULL GROUP BY a.page_key
),
-- Each form submission's landing page: its asset when that is a landing page (of the campaign or
-- none), else the page its URL names.
subs AS (
  SELECT t.pos, t.ts_ms, t.contact_idx,
    CASE WHEN a.type = 'landing page' THEN ca.asset_idx ELSE pg.asset_idx END AS page
  FROM ${T('cs_touch')} AS t
  LEFT JOIN ${T('cs_asset')} AS a ON a.asset_idx = t.asset_idx
  LEFT JOIN campaign_assets AS ca ON ca.asset_idx = t.asset_idx
  LEFT JOIN pages AS pg ON t.url <> '' AND pg.page_key = ${pageKey(d, 't.url')}
  WHERE t.type = 'form submission'
),
converting AS (
  SELECT s.contact_idx, MAX(s.pos) AS pos FROM subs AS s JOIN ${T('cs_contact')} AS c ON c.contact_idx = s.contact_idx
  WHERE s.ts_ms <= c.created_ms GROUP BY s.contact_idx
),
submitted AS (SELECT page AS asset_idx, COUNT(*) AS n FROM subs WHERE page IS NOT NULL AND ${within('ts_ms', b)} GROUP BY page),
converted AS (
  SELECT s.page AS asset_idx, COUNT(*) AS n FROM converting AS v JOIN subs AS s ON s.pos = v.pos
  JOIN ${T('cs_contact')} AS c ON c.contact_idx = v.contact_idx
  WHERE s.page IS NOT NULL AND ${within('c.created_ms', b)} GROUP BY s.page
),
totals AS (
  SELECT t.asset_idx, COUNT(DISTINCT sv.session) AS sessions, COUNT(DISTINCT t.contact_idx) AS contacts, COUNT(*) AS interactions
  FROM touches AS t LEFT JOIN ${T('cs_session_view')} AS sv ON sv.pos = t.pos GROUP BY t.asset_idx
)
SELECT a.asset_idx, a.asset_id, a.type, a.name, COALESCE(x.sessions, 0) AS sessions, COALESCE(x.contacts, 0) AS contacts,
  COALESCE(x.interactions, 0) AS interactions, COALESCE(sm.n, 0) AS submissions, COALESCE(cv.n, 0) AS new_contacts
FROM ${T('cs_asset')} AS a JOIN campaign_assets AS ca ON ca.asset_idx = a.asset_idx
LEFT JOIN totals AS x ON x.asset_idx = a.asset_idx
LEFT JOIN submitted AS sm ON sm.asset_idx = a.asset_idx
LEFT JOIN converted AS cv ON cv.asset_idx = a.asset_idx`,
  };
}

/**
 * Per asset, local day and interaction type: interactions, and per asset and type (day NULL) the
 * distinct people (contact, else visitor) and known contacts.
 */
export function assetDaysStatement(d: Dialect, campaign: number, b: Bounds): Statement {
  const person = `CASE WHEN contact_idx IS NOT NULL THEN CONCAT('c', ${d.toText('contact_idx')}) ELSE visitor_key END`;
  return {
    name: 'asset_days', kind: 'result',
    sql: `WITH ${campaignAssets(d, campaign, b)}
SELECT asset_idx, day, type, COUNT(*) AS interactions, 0 AS people, 0 AS contacts FROM touches GROUP BY asset_idx, day, type
UNION ALL
SELECT asset_idx, NULL, type, COUNT(*), COUNT(DISTINCT ${person}), COUNT(DISTINCT contact_idx) FROM touches GROUP BY asset_idx, type`,
  };
}

/** Per asset, its first `limit` contacts by first interaction in the range, with the count of all. */
export function assetContactsStatement(d: Dialect, campaign: number, b: Bounds, limit: number): Statement {
  const T = d.table;
  return {
    name: 'asset_contacts', kind: 'result',
    sql: `WITH ${campaignAssets(d, campaign, b)},
people AS (
  SELECT asset_idx, contact_idx, MIN(ts_ms) AS first_ms, MAX(ts_ms) AS last_ms, COUNT(*) AS interactions
  FROM touches WHERE contact_idx IS NOT NULL GROUP BY asset_idx, contact_idx
),
ranked AS (
  SELECT p.*, ROW_NUMBER() OVER (PARTITION BY asset_idx ORDER BY first_ms, contact_idx) AS nth, COUNT(*) OVER (PARTITION BY asset_idx) AS total
  FROM people AS p
)
SELECT r.asset_idx, c.contact_id, r.first_ms, r.last_ms, r.interactions, r.total, r.nth
FROM ranked AS r JOIN ${T('cs_contact')} AS c ON c.contact_idx = r.contact_idx
WHERE r.nth <= ${int(limit)}
ORDER BY r.asset_idx, r.nth`,
  };
}

/**
 * Page views tagged with the campaign's UTM value, per breakdown ('source' by category index,
 * 'term', 'platform', 'sourceMedium') and key: views and new-visitor sessions in the range; then
 * contacts created in the range whose first page view is tagged, counted the same way. A view's
 * breakdown key is read from its session's first page view, as its source is.
 */
export function trafficStatement(d: Dialect, campaign: number, b: Bounds): Statement {
  const T = d.table;
  const notSet = literal('(not set)');
  return {
    name: 'traffic', kind: 'result',
    sql: `WITH keyed AS (
  SELECT g.pos, g.ts_ms, s.source_idx, CASE WHEN sv.is_new = 1 THEN sv.session END AS new_session,
    CASE s.source_idx WHEN ${PAID_SEARCH} THEN 'term' WHEN ${ORGANIC_SOCIAL} THEN 'platform' WHEN ${OTHER_CAMPAIGNS} THEN 'sourceMedium' END AS breakdown,
    CASE s.source_idx
      WHEN ${PAID_SEARCH} THEN COALESCE(NULLIF(f.utm_term, ''), ${notSet})
      WHEN ${ORGANIC_SOCIAL} THEN COALESCE(NULLIF(f.platform, ''), NULLIF(LOWER(f.utm_source), ''), NULLIF(${hostSql(d, 'f.referrer')}, ''), ${notSet})
      WHEN ${OTHER_CAMPAIGNS} THEN CONCAT(COALESCE(NULLIF(f.utm_source, ''), ${notSet}), ' / ', COALESCE(NULLIF(f.utm_medium, ''), ${notSet}))
    END AS breakdown_key
  FROM ${T('cs_touch')} AS g
  JOIN ${T('cs_touch_source')} AS s ON s.pos = g.pos
  LEFT JOIN ${T('cs_session_view')} AS sv ON sv.pos = g.pos
  JOIN ${T('cs_touch')} AS f ON f.pos = COALESCE(sv.session, g.pos)
  WHERE g.type = 'page view' AND g.utm_campaign <> ''
    AND LOWER(TRIM(g.utm_campaign)) IN (SELECT utm FROM ${T('cs_campaign_utm')} WHERE campaign_idx = ${int(campaign)})
),
in_range AS (SELECT * FROM keyed WHERE ${within('ts_ms', b)}),
first_views AS (
  SELECT g.* FROM ${T('cs_contact_touch')} AS f JOIN keyed AS g ON g.pos = f.first_view_pos
  WHERE ${within('f.created_ms', b)}
)
SELECT 'source' AS breakdown, ${d.toText('source_idx')} AS breakdown_key, COUNT(*) AS views, COUNT(DISTINCT new_session) AS sessions, 0 AS contacts FROM in_range GROUP BY source_idx
UNION ALL
SELECT breakdown, breakdown_key, COUNT(*), COUNT(DISTINCT new_session), 0 FROM in_range WHERE breakdown IS NOT NULL GROUP BY breakdown, breakdown_key
UNION ALL
SELECT 'source', ${d.toText('source_idx')}, 0, 0, COUNT(*) FROM first_views GROUP BY source_idx
UNION ALL
SELECT breakdown, breakdown_key, 0, 0, COUNT(*) FROM first_views WHERE breakdown IS NOT NULL GROUP BY breakdown, breakdown_key`,
  };
}

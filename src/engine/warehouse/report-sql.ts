/**
 * @fileoverview Result queries for one campaign and range, asked when a report needs them: its
 * assets, its traffic, the conversions its touches are on (credited counts and the drill-down's
 * order), and the drill-down's touches of at most a few thousand conversions. Bounds are epoch
 * milliseconds (null: open). Every row count is bounded by the campaign, never by the data.
 */
import { RULE_BASED_MODELS } from '../attribution/catalog';
import type { Dialect } from './dialect';
import { literal } from './dialect';
import { hostSql } from './source-sql';
import { weightColumn, type Statement } from './statements';
import { SOURCE_CATEGORIES } from '../workbook/types';

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

/** The campaign's assets over their whole history in the range. */
export function assetsStatement(d: Dialect, campaign: number, b: Bounds): Statement {
  const T = d.table;
  return {
    name: 'assets', kind: 'result',
    sql: `SELECT a.asset_idx, a.asset_id, a.type, a.name,
  SUM(CASE WHEN t.type = 'page view' THEN 1 ELSE 0 END) AS views,
  COUNT(DISTINCT sv.session) AS sessions,
  SUM(CASE WHEN t.type = 'form submission' THEN 1 ELSE 0 END) AS forms,
  SUM(CASE WHEN t.type IN ('email click', 'cta click', 'ad click', 'social click') THEN 1 ELSE 0 END) AS clicks,
  SUM(CASE WHEN t.type = 'email open' THEN 1 ELSE 0 END) AS opens,
  COUNT(DISTINCT t.contact_idx) AS contacts
FROM ${T('cs_asset')} AS a
JOIN (SELECT DISTINCT asset_idx FROM ${T('cs_asset_campaign')} WHERE campaign_idx = ${int(campaign)}) AS ac ON ac.asset_idx = a.asset_idx
LEFT JOIN ${T('cs_touch')} AS t ON t.asset_idx = a.asset_idx AND ${within('t.ts_ms', b)}
LEFT JOIN ${T('cs_session_view')} AS sv ON sv.pos = t.pos
GROUP BY a.asset_idx, a.asset_id, a.type, a.name`,
  };
}

/**
 * Page views tagged with the campaign's UTM value, per breakdown ('source' by category index,
 * 'term', 'platform', 'source / medium') and key: views and new-visitor sessions; then contacts
 * created in the range whose first page view is tagged, counted the same way.
 */
export function trafficStatement(d: Dialect, campaign: number, b: Bounds): Statement {
  const T = d.table;
  const notSet = literal('(not set)');
  const keyed = `
    SELECT t.pos, t.contact_idx, s.source_idx,
      CASE WHEN sv.is_new = 1 THEN sv.session END AS new_session,
      CASE s.source_idx
        WHEN ${PAID_SEARCH} THEN 'term' WHEN ${ORGANIC_SOCIAL} THEN 'platform' WHEN ${OTHER_CAMPAIGNS} THEN 'source / medium' END AS breakdown,
      CASE s.source_idx
        WHEN ${PAID_SEARCH} THEN COALESCE(NULLIF(t.utm_term, ''), ${notSet})
        WHEN ${ORGANIC_SOCIAL} THEN COALESCE(NULLIF(t.platform, ''), NULLIF(LOWER(t.utm_source), ''), NULLIF(${hostSql(d, 't.referrer')}, ''), ${notSet})
        WHEN ${OTHER_CAMPAIGNS} THEN CONCAT(COALESCE(NULLIF(t.utm_source, ''), ${notSet}), ' / ', COALESCE(NULLIF(t.utm_medium, ''), ${notSet}))
      END AS breakdown_key
    FROM ${T('cs_touch')} AS t
    JOIN ${T('cs_touch_source')} AS s ON s.pos = t.pos
    LEFT JOIN ${T('cs_session_view')} AS sv ON sv.pos = t.pos
    WHERE t.type = 'page view' AND t.utm_campaign <> ''
      AND LOWER(TRIM(t.utm_campaign)) IN (SELECT utm FROM ${T('cs_campaign_utm')} WHERE campaign_idx = ${int(campaign)})`;
  return {
    name: 'traffic', kind: 'result',
    sql: `WITH tagged AS (${keyed}),
in_range AS (SELECT g.* FROM tagged AS g JOIN ${T('cs_touch')} AS t ON t.pos = g.pos WHERE ${within('t.ts_ms', b)}),
first_views AS (
  SELECT g.* FROM (SELECT contact_idx, MIN(pos) AS pos FROM ${T('cs_touch')} WHERE type = 'page view' AND contact_idx IS NOT NULL GROUP BY contact_idx) AS f
  JOIN tagged AS g ON g.pos = f.pos
  JOIN ${T('cs_contact')} AS c ON c.contact_idx = f.contact_idx
  WHERE ${within('c.created_ms', b)}
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

/**
 * Conversions of a report type in the range whose path touches the campaign, newest first (ties in
 * conversion order): their value, player set, the campaign's touches (all, and those each
 * rule-based model weighs above 0) and the contacts of those touches.
 */
export function campaignConversionsStatement(d: Dialect, rt: number, campaign: number, b: Bounds): Statement {
  const T = d.table;
  const positive = RULE_BASED_MODELS.map((m) => `SUM(CASE WHEN w.${weightColumn(m)} > 0 THEN 1 ELSE 0 END) AS ${weightColumn(m)}`).join(',\n  ');
  const contacts = RULE_BASED_MODELS.map((m) => `STRING_AGG(DISTINCT CASE WHEN w.${weightColumn(m)} > 0 THEN ${d.toText('p.contact_idx')} END, ',') AS c_${weightColumn(m)}`).join(',\n  ');
  return {
    name: 'campaign_conversions', kind: 'result',
    sql: `SELECT p.conv_key, c.conv_id, c.when_ms, c.value, js.set_key, COUNT(*) AS k_touches,
  STRING_AGG(DISTINCT ${d.toText('p.contact_idx')}, ',') AS contacts,
  ${positive},
  ${contacts}
FROM ${T('cs_path')} AS p
JOIN ${T('cs_touch_campaign')} AS tc ON tc.pos = p.pos AND tc.campaign_idx = ${int(campaign)}
JOIN ${T('cs_path_weight')} AS w ON w.rt = p.rt AND w.conv_key = p.conv_key AND w.pos = p.pos
JOIN ${T('cs_conversion')} AS c ON c.rt = p.rt AND c.conv_key = p.conv_key
JOIN ${T('cs_journey_set')} AS js ON js.rt = p.rt AND js.kind = 0 AND js.jkey = p.conv_key
WHERE p.rt = ${int(rt)} AND ${within('p.when_ms', b)}
GROUP BY p.conv_key, c.conv_id, c.when_ms, c.value, js.set_key
ORDER BY c.when_ms DESC, p.conv_key`,
  };
}

/** The campaign's touches on the given conversions' paths, for the drill-down rows. */
export function drillTouchesStatement(d: Dialect, rt: number, campaign: number, convKeys: number[]): Statement {
  const T = d.table;
  const keys = convKeys.length ? convKeys.map(int).join(', ') : 'NULL';
  return {
    name: 'drill_touches', kind: 'result',
    sql: `SELECT p.conv_key, p.j, t.interaction_id, t.ts_ms, t.type, COALESCE(ct.contact_id, '') AS contact_id,
  COALESCE(NULLIF(a.name, ''), a.asset_id, '') AS asset, s.source_idx,
  ${RULE_BASED_MODELS.map((m) => `w.${weightColumn(m)}`).join(', ')}
FROM ${T('cs_path')} AS p
JOIN ${T('cs_touch_campaign')} AS tc ON tc.pos = p.pos AND tc.campaign_idx = ${int(campaign)}
JOIN ${T('cs_path_weight')} AS w ON w.rt = p.rt AND w.conv_key = p.conv_key AND w.pos = p.pos
JOIN ${T('cs_touch')} AS t ON t.pos = p.pos
JOIN ${T('cs_touch_source')} AS s ON s.pos = p.pos
LEFT JOIN ${T('cs_contact')} AS ct ON ct.contact_idx = t.contact_idx
LEFT JOIN ${T('cs_asset')} AS a ON a.asset_idx = t.asset_idx
WHERE p.rt = ${int(rt)} AND p.conv_key IN (${keys})
ORDER BY p.conv_key, p.j`,
  };
}

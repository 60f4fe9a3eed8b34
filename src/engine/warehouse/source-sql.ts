/**
 * @fileoverview Source categories in SQL, built from the same lists and rules as
 * model/source-category.ts (HubSpot's first-match rules), and the stage that judges sources per
 * session (semantics §2): a session takes its first page view's category, every interaction inside
 * it takes the session's, one outside every session keeps its own.
 */
import { MAIL_HOSTS, SEARCH_HOSTS, SOCIAL_HOSTS, SOCIAL_NETWORKS } from '../model/source-category';
import { SESSION_GAP_MS } from '../model/model';
import { SOURCE_CATEGORIES, type SourceCategory } from '../workbook/types';
import { literal, type Dialect } from './dialect';
import type { Statement } from './statements';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, (c) => `\\${c}`);

/** source-category.ts's matchesHost as one regular expression over a host. */
function hostPattern(list: string[]): string {
  return list.map((d) => {
    if (d.endsWith('.')) return `(^|\\.)${escape(d)}`;
    const exact = `(^|\\.)${escape(d)}$`;
    return d.includes('.') ? exact : `${exact}|(^|\\.)${escape(d)}(\\.|$)`;
  }).join('|');
}

/** source-category.ts's isSocialSource as one regular expression over a trimmed, lower-cased utm_source. */
function socialSourcePattern(): string {
  return SOCIAL_NETWORKS.map((n) => (n.length > 2 ? escape(n) : `^${escape(n)}$|^${escape(n)}\\.`)).join('|');
}

/** Index of a category in SOURCE_CATEGORIES, as SQL. */
const category = (c: SourceCategory) => String(SOURCE_CATEGORIES.indexOf(c));

/** The host of a referrer (web/url.ts hostOf): lower-cased, without scheme, path, port and `www.`. */
export function hostSql(d: Dialect, referrer: string): string {
  const noScheme = d.regexReplace(`LOWER(TRIM(${referrer}))`, '^[a-z][a-z0-9+.-]*://', '');
  const authority = `COALESCE(${d.regexExtract(noScheme, '^[^/?#]*')}, '')`;
  return d.regexReplace(d.regexReplace(authority, ':[0-9]+$', ''), '^www\\.', '');
}

/**
 * A touch's own category from its columns (source-category.ts's sourceCategory): the Source cell
 * ('' when blank), else UTM values, click ID and referrer host (`host` is the hostSql column,
 * `page_view` a boolean).
 */
export function ownCategorySql(d: Dialect, t: string): string {
  const source = `LOWER(${t}.utm_source)`;
  const medium = `LOWER(${t}.utm_medium)`;
  const values = [`LOWER(${t}.utm_campaign)`, source, medium, `LOWER(${t}.utm_term)`, `LOWER(${t}.utm_content)`];
  const social = `(${d.regexContains(`TRIM(${source})`, socialSourcePattern())} OR ${d.regexContains(`${t}.host`, hostPattern(SOCIAL_HOSTS))})`;
  const gclid = d.regexContains(`${t}.url`, '(?i)^[^?]*\\?([^#]*&)?gclid(=|&|#|$)');
  const sourceIndex = `CASE ${t}.source ${SOURCE_CATEGORIES.map((c, i) => `WHEN ${literal(c)} THEN ${i}`).join(' ')} END`;
  return `CASE
    WHEN ${t}.source <> '' THEN ${sourceIndex}
    WHEN ${medium} = 'social' AND ${social} THEN ${category('Organic social')}
    WHEN (${d.regexContains(medium, 'paid|ppc|cpc')} AND ${social}) OR ${d.regexContains(`CONCAT(${source}, ' ', ${medium})`, 'paidsocial|paid_social|paid-social')} THEN ${category('Paid social')}
    WHEN ${values.map((v) => d.regexContains(v, 'adword|ppc|cpc')).join(' OR ')} OR ${gclid} THEN ${category('Paid search')}
    WHEN ${values.map((v) => `STRPOS(${v}, 'email') > 0`).join(' OR ')} THEN ${category('Email marketing')}
    WHEN ${values.map((v) => `${v} <> ''`).join(' OR ')} THEN ${category('Other campaigns')}
    WHEN ${t}.host = '' THEN CASE WHEN ${t}.page_view THEN ${category('Direct traffic')} ELSE ${category('Offline sources')} END
    WHEN ${d.regexContains(`${t}.host`, hostPattern(SOCIAL_HOSTS))} THEN ${category('Organic social')}
    WHEN ${d.regexContains(`${t}.host`, hostPattern(MAIL_HOSTS))} THEN ${category('Direct traffic')}
    WHEN ${d.regexContains(`${t}.host`, hostPattern(SEARCH_HOSTS))} THEN ${category('Organic search')}
    ELSE ${category('Referrals')}
  END`;
}

/**
 * cs_touch_source (pos, source_idx): page views take their session's source; any other touch of
 * the session's visitor or contact from its first page view to 30 minutes after its last takes the
 * source of the latest such session (the visitor's, unless the contact's started later); else its own.
 */
export function touchSourceStatement(d: Dialect): Statement {
  const T = d.table;
  return {
    name: 'cs_touch_source',
    kind: 'stage',
    sql: `CREATE OR REPLACE TABLE ${T('cs_touch_source')} AS
WITH signal AS (
  SELECT pos, ts_ms, visitor_key, contact_idx, type, COALESCE(source, '') AS source, utm_campaign, utm_source, utm_medium, utm_term,
    utm_content, referrer, CASE WHEN STRPOS(url, '?') > 0 THEN url ELSE '' END AS url
  FROM ${T('cs_touch')}
),
-- Categories per distinct signal: a few thousand combinations stand for millions of touches.
category AS (
  SELECT h.*, ${ownCategorySql(d, 'h')} AS own_idx FROM (
    SELECT g.*, ${hostSql(d, 'g.referrer')} AS host FROM (
      SELECT DISTINCT type = 'page view' AS page_view, source, utm_campaign, utm_source, utm_medium, utm_term, utm_content, referrer, url FROM signal
    ) AS g
  ) AS h
),
own AS (
  SELECT g.pos, g.ts_ms, g.visitor_key, g.contact_idx, g.type, c.own_idx FROM signal AS g
  JOIN category AS c ON c.page_view = (g.type = 'page view') AND c.source = g.source AND c.utm_campaign = g.utm_campaign
    AND c.utm_source = g.utm_source AND c.utm_medium = g.utm_medium AND c.utm_term = g.utm_term AND c.utm_content = g.utm_content
    AND c.referrer = g.referrer AND c.url = g.url
),
sessions AS (
  SELECT sv.session, MIN(o.ts_ms) AS start_ms, MAX(o.ts_ms) AS end_ms
  FROM ${T('cs_session_view')} AS sv JOIN own AS o ON o.pos = sv.pos
  GROUP BY sv.session
),
session_info AS (
  SELECT s.session, s.start_ms, s.end_ms, f.visitor_key, f.contact_idx, f.own_idx AS source_idx
  FROM sessions AS s JOIN own AS f ON f.pos = s.session
),
others AS (SELECT o.* FROM own AS o LEFT JOIN ${T('cs_session_view')} AS sv ON sv.pos = o.pos WHERE sv.pos IS NULL),
by_visitor AS (
  SELECT pos, LAST_VALUE(session IGNORE NULLS) OVER w AS session FROM (
    SELECT visitor_key, start_ms AS ts_ms, 0 AS kind, session, session AS tiebreak, NULL AS pos FROM session_info
    UNION ALL SELECT visitor_key, ts_ms, 1, NULL, pos, pos FROM others
  ) AS x
  WINDOW w AS (PARTITION BY visitor_key ORDER BY ts_ms, kind, tiebreak ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
by_contact AS (
  SELECT pos, LAST_VALUE(session IGNORE NULLS) OVER w AS session FROM (
    SELECT contact_idx, start_ms AS ts_ms, 0 AS kind, session, session AS tiebreak, NULL AS pos FROM session_info WHERE contact_idx IS NOT NULL
    UNION ALL SELECT contact_idx, ts_ms, 1, NULL, pos, pos FROM others WHERE contact_idx IS NOT NULL
  ) AS x
  WINDOW w AS (PARTITION BY contact_idx ORDER BY ts_ms, kind, tiebreak ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
chosen AS (
  SELECT o.pos, o.own_idx,
    CASE WHEN sv.session IS NOT NULL AND o.ts_ms <= sv.end_ms + ${SESSION_GAP_MS} THEN sv.session END AS v_session,
    CASE WHEN sv.session IS NOT NULL AND o.ts_ms <= sv.end_ms + ${SESSION_GAP_MS} THEN sv.start_ms END AS v_start,
    CASE WHEN sc.session IS NOT NULL AND o.ts_ms <= sc.end_ms + ${SESSION_GAP_MS} THEN sc.session END AS c_session,
    CASE WHEN sc.session IS NOT NULL AND o.ts_ms <= sc.end_ms + ${SESSION_GAP_MS} THEN sc.start_ms END AS c_start
  FROM others AS o
  LEFT JOIN by_visitor AS bv ON bv.pos = o.pos LEFT JOIN session_info AS sv ON sv.session = bv.session
  LEFT JOIN by_contact AS bc ON bc.pos = o.pos LEFT JOIN session_info AS sc ON sc.session = bc.session
)
SELECT sv.pos, si.source_idx FROM ${T('cs_session_view')} AS sv JOIN session_info AS si ON si.session = sv.session
UNION ALL
SELECT c.pos, COALESCE(
  CASE WHEN c.c_session IS NOT NULL AND (c.v_session IS NULL OR c.c_start > c.v_start) THEN sc.source_idx END,
  sv.source_idx, c.own_idx) AS source_idx
FROM chosen AS c
LEFT JOIN session_info AS sv ON sv.session = c.v_session
LEFT JOIN session_info AS sc ON sc.session = c.c_session`,
  };
}

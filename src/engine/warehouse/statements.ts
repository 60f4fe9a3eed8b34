/**
 * @fileoverview The warehouse SQL, one source for both dialects: stage statements that build the
 * sufficient statistics of a workbook from the five tables (identity stitching, campaign
 * membership, sessions, conversions and their paths, rule-based weights, journeys), and result
 * queries that return only small tables (per campaign and local day, per player set, per
 * transition). Everything that grows with rows happens here; the engine solves and formats the
 * rest (results.ts). Dialect differences go through `Dialect`, nothing else.
 *
 * Players: a campaign index, or -1 for "(no campaign)". Markov states: -2 START, -3 CONVERSION,
 * -4 NULL. Report types by index in REPORT_TYPES (0 contact create, 1 deal create, 2 revenue).
 */
import { REPORT_TYPES, RULE_BASED_MODELS, type ReportType } from '../attribution/catalog';
import { POSITION_WEIGHTS, type Role } from '../attribution/rule-based';
import type { InteractionType } from '../workbook/types';
import { SESSION_GAP_MS } from '../model/model';
import { literal, type Dialect } from './dialect';
import { touchSourceStatement } from './source-sql';

export interface SqlParameters {
  timeZone: string;
  /** Interaction types that earn credit, per report type. */
  eligible: Record<ReportType, readonly InteractionType[]>;
  halfLifeDays: number;
  lookbackDays: number | null;
}

export type StatementKind = 'stage' | 'result';

export interface Statement {
  name: string;
  kind: StatementKind;
  sql: string;
}

export const NONE_PLAYER_SQL = -1;
export const START_STATE = -2;
export const CONVERSION_STATE = -3;
export const NULL_STATE = -4;

const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 900_000;

/** Column of cs_path_weight holding a rule-based model's weight. */
export const weightColumn = (model: string) => `w_${model.toLowerCase().replace(/[^a-z]+/g, '_')}`;

/** Stage tables in the order they are built; results read only these. */
export function stageStatements(d: Dialect, p: SqlParameters): Statement[] {
  const T = d.table;
  const day = (ms: string) => d.localDay(ms, p.timeZone);
  const s = (name: string, select: string): Statement => ({ name, kind: 'stage', sql: `CREATE OR REPLACE TABLE ${T(name)} AS\n${select.trim()}` });
  const nonBlank = (c: string) => `(${c} IS NOT NULL AND ${c} <> '')`;
  const eligible = REPORT_TYPES.flatMap((type, rt) => p.eligible[type].map((t) => `SELECT ${rt} AS rt, ${literal(t)} AS type`));
  // An empty eligible set still needs a typed, empty table.
  const eligibleTable = eligible.length ? eligible.join(' UNION ALL ') : `SELECT 0 AS rt, '' AS type FROM (SELECT 1 AS x) AS none WHERE FALSE`;
  const lookback = p.lookbackDays === null ? '' : ` AND t.ts_ms >= c.when_ms - ${p.lookbackDays * DAY_MS}`;

  return [
    s('cs_campaign', `
SELECT ROW_NUMBER() OVER (ORDER BY row_number) - 1 AS campaign_idx, campaign_id, name, COALESCE(utm_campaign, '') AS utm_campaign,
  ${d.epochMs('start_date')} AS start_ms, ${d.epochMs('end_date')} AS end_ms, goal_sessions, goal_new_contacts,
  goal_influenced_contacts, goal_revenue, budget, spend
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY campaign_id ORDER BY row_number) AS dup
  FROM ${T('campaigns')} WHERE ${nonBlank('campaign_id')} AND ${nonBlank('name')}
) AS c
WHERE dup = 1`),
    s('cs_campaign_utm', `
SELECT DISTINCT c.campaign_idx, LOWER(TRIM(u)) AS utm
FROM ${T('cs_campaign')} AS c CROSS JOIN ${d.unnest(`REGEXP_EXTRACT_ALL(c.utm_campaign, ${d.regex('[^;,]+')})`, 'u')}
WHERE TRIM(u) <> ''`),
    s('cs_asset', `
SELECT ROW_NUMBER() OVER (ORDER BY row_number) - 1 AS asset_idx, asset_id, type, name, url,
  CASE WHEN url = '' THEN NULL ELSE ${pageKey(d, 'url')} END AS page_key
FROM (
  SELECT asset_id, type, COALESCE(name, '') AS name, COALESCE(url, '') AS url, row_number,
    ROW_NUMBER() OVER (PARTITION BY asset_id ORDER BY row_number) AS dup
  FROM ${T('assets')} WHERE ${nonBlank('asset_id')} AND ${nonBlank('type')}
) AS a
WHERE dup = 1`),
    // Blank "Associated at" means since always (NULL); repeated associations keep the earliest.
    s('cs_asset_campaign', `
SELECT a.asset_idx, c.campaign_idx,
  CASE WHEN SUM(CASE WHEN s.associated_at IS NULL THEN 1 ELSE 0 END) > 0 THEN NULL ELSE MIN(${d.epochMs('s.associated_at')}) END AS at_ms
FROM ${T('assets')} AS s
JOIN ${T('cs_asset')} AS a ON a.asset_id = s.asset_id
JOIN ${T('cs_campaign')} AS c ON c.campaign_id = s.campaign_id
WHERE ${nonBlank('s.type')}
GROUP BY a.asset_idx, c.campaign_idx`),
    s('cs_contact', `
SELECT ROW_NUMBER() OVER (ORDER BY row_number) - 1 AS contact_idx, contact_id, created_ms, ${day('created_ms')} AS created_day,
  COALESCE(visitor_ids, '') AS visitor_ids
FROM (
  SELECT contact_id, ${d.epochMs('created_at')} AS created_ms, visitor_ids, row_number,
    ROW_NUMBER() OVER (PARTITION BY contact_id ORDER BY row_number) AS dup
  FROM ${T('contacts')} WHERE ${nonBlank('contact_id')} AND created_at IS NOT NULL
) AS c
WHERE dup = 1`),
    // A visitor ID listed for two contacts stays with the first (row order).
    s('cs_visitor', `
SELECT visitor_id, contact_idx FROM (
  SELECT TRIM(v) AS visitor_id, c.contact_idx, ROW_NUMBER() OVER (PARTITION BY TRIM(v) ORDER BY c.contact_idx) AS k
  FROM ${T('cs_contact')} AS c CROSS JOIN ${d.unnest(`REGEXP_EXTRACT_ALL(c.visitor_ids, ${d.regex('[^;,]+')})`, 'v')}
  WHERE TRIM(v) <> ''
) AS x
WHERE k = 1`),
    s('cs_deal', `
SELECT ROW_NUMBER() OVER (ORDER BY row_number) - 1 AS deal_idx, deal_id, name, contact_ids, created_ms, ${day('created_ms')} AS created_day,
  stage, closed_ms, amount
FROM (
  SELECT deal_id, COALESCE(name, '') AS name, COALESCE(contact_ids, '') AS contact_ids, ${d.epochMs('created_at')} AS created_ms,
    CASE LOWER(${d.regexReplace('stage', '[\\s_.-]+', '')})
      WHEN 'closedwon' THEN 'closed won' WHEN 'won' THEN 'closed won'
      WHEN 'closedlost' THEN 'closed lost' WHEN 'lost' THEN 'closed lost' ELSE 'open' END AS stage,
    ${d.epochMs('closed_at')} AS closed_ms, CASE WHEN amount >= 0 THEN amount END AS amount, row_number,
    ROW_NUMBER() OVER (PARTITION BY deal_id ORDER BY row_number) AS dup
  FROM ${T('deals')} WHERE ${nonBlank('deal_id')} AND created_at IS NOT NULL AND ${nonBlank('stage')}
) AS d
WHERE dup = 1`),
    // Known contacts in the order listed, each once.
    s('cs_deal_contact', `
SELECT deal_idx, contact_idx, ROW_NUMBER() OVER (PARTITION BY deal_idx ORDER BY pos) - 1 AS pos FROM (
  SELECT d.deal_idx, c.contact_idx, MIN(i) AS pos
  FROM ${T('cs_deal')} AS d
  CROSS JOIN ${d.unnestWithOffset(`REGEXP_EXTRACT_ALL(d.contact_ids, ${d.regex('[^;,]+')})`, 'cid', 'i')}
  JOIN ${T('cs_contact')} AS c ON c.contact_id = TRIM(cid)
  GROUP BY d.deal_idx, c.contact_idx
) AS x`),
    // Interactions in time order (equal times in row order) with contact, visitor, asset and day.
    s('cs_touch', `
WITH src AS (
  SELECT row_number, COALESCE(NULLIF(interaction_id, ''), CONCAT('Interactions!', ${d.toText('row_number')})) AS interaction_id,
    ${d.epochMs('occurred_at')} AS ts_ms, COALESCE(contact_id, '') AS contact_id, COALESCE(visitor_id, '') AS visitor_id, type,
    COALESCE(asset_id, '') AS asset_id, COALESCE(url, '') AS url, COALESCE(session_id, '') AS session_id,
    COALESCE(referrer, '') AS referrer, source, COALESCE(utm_campaign, '') AS utm_campaign, COALESCE(utm_source, '') AS utm_source,
    COALESCE(utm_medium, '') AS utm_medium, COALESCE(utm_term, '') AS utm_term, COALESCE(utm_content, '') AS utm_content,
    LOWER(COALESCE(platform, '')) AS platform
  FROM ${T('interactions')}
  WHERE occurred_at IS NOT NULL AND ${nonBlank('type')} AND (${nonBlank('contact_id')} OR ${nonBlank('visitor_id')})
),
-- The order alone, on narrow rows: sorting wide rows is what costs.
ordered AS (SELECT row_number, ts_ms, interaction_id, ROW_NUMBER() OVER (ORDER BY ts_ms, row_number) - 1 AS pos FROM src),
-- Local days per quarter hour of UTC (zone offsets are whole quarter hours, so a local day starts
-- on one): a year has 35,040 of them, against millions of touches.
quarter AS (
  SELECT q, ${day(`q * ${QUARTER_HOUR_MS}`)} AS day
  FROM (SELECT DISTINCT ${d.toInt(`FLOOR(ts_ms / ${QUARTER_HOUR_MS})`)} AS q FROM src) AS x
),
-- Page keys per distinct URL: pages repeat far more than they differ.
page_asset AS (
  SELECT u.url, MIN(a.asset_idx) AS asset_idx
  FROM (SELECT DISTINCT url FROM src WHERE asset_id = '' AND type = 'page view' AND url <> '') AS u
  JOIN ${T('cs_asset')} AS a ON a.page_key = ${pageKey(d, 'u.url')}
  GROUP BY u.url
)
SELECT o.pos, s.*, qd.day,
  CASE WHEN s.contact_id <> '' THEN cc.contact_idx ELSE cv.contact_idx END AS contact_idx,
  CASE WHEN s.visitor_id <> '' THEN CONCAT('v', s.visitor_id) ELSE CONCAT('c', s.contact_id) END AS visitor_key,
  CASE WHEN s.asset_id <> '' THEN ai.asset_idx WHEN s.type = 'page view' THEN pa.asset_idx END AS asset_idx
FROM src AS s
JOIN ordered AS o ON o.row_number = s.row_number AND o.ts_ms = s.ts_ms AND o.interaction_id = s.interaction_id
LEFT JOIN ${T('cs_contact')} AS cc ON cc.contact_id = s.contact_id
LEFT JOIN ${T('cs_visitor')} AS cv ON cv.visitor_id = s.visitor_id
LEFT JOIN ${T('cs_asset')} AS ai ON ai.asset_id = s.asset_id
LEFT JOIN page_asset AS pa ON pa.url = s.url
JOIN quarter AS qd ON qd.q = ${d.toInt(`FLOOR(s.ts_ms / ${QUARTER_HOUR_MS})`)}`),
    // Campaign membership: an association at or before the touch, or the campaign's UTM value.
    s('cs_touch_campaign', `
SELECT DISTINCT pos, campaign_idx FROM (
  SELECT t.pos, ac.campaign_idx FROM ${T('cs_touch')} AS t
  JOIN ${T('cs_asset_campaign')} AS ac ON ac.asset_idx = t.asset_idx AND (ac.at_ms IS NULL OR ac.at_ms <= t.ts_ms)
  UNION ALL
  SELECT t.pos, u.campaign_idx FROM ${T('cs_touch')} AS t
  JOIN ${T('cs_campaign_utm')} AS u ON u.utm = LOWER(TRIM(t.utm_campaign))
  WHERE t.utm_campaign <> ''
) AS m`),
    // Sessions of page views: the Session ID, else a new one after a 30-minute gap (per visitor).
    // A session is named by the position of the view that opened it; it is new when that view is
    // the first session-opening view of its visitor.
    s('cs_session_view', `
WITH pv AS (SELECT pos, ts_ms, visitor_key, session_id FROM ${T('cs_touch')} WHERE type = 'page view'),
by_id AS (SELECT pos, visitor_key, MIN(pos) OVER (PARTITION BY session_id) AS session FROM pv WHERE session_id <> ''),
gap AS (
  SELECT pos, visitor_key,
    CASE WHEN LAG(ts_ms) OVER w IS NULL OR ts_ms - LAG(ts_ms) OVER w > ${SESSION_GAP_MS} THEN pos END AS opens
  FROM pv WHERE session_id = ''
  WINDOW w AS (PARTITION BY visitor_key ORDER BY pos)
),
by_gap AS (
  SELECT pos, visitor_key, MAX(opens) OVER (PARTITION BY visitor_key ORDER BY pos ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session
  FROM gap
),
views AS (SELECT pos, visitor_key, session FROM by_id UNION ALL SELECT pos, visitor_key, session FROM by_gap),
openers AS (SELECT session, ROW_NUMBER() OVER (PARTITION BY visitor_key ORDER BY session) AS nth FROM views WHERE pos = session)
SELECT v.pos, v.session, CASE WHEN o.nth = 1 THEN 1 ELSE 0 END AS is_new
FROM views AS v JOIN openers AS o ON o.session = v.session`),
    touchSourceStatement(d),
    s('cs_eligible', eligibleTable),
    // Per contact: its first eligible interaction (new contacts, first touch), its last one at or
    // before creation (last touch) and its first page view (Traffic's contacts), so per-campaign
    // queries read one row per contact instead of every interaction.
    s('cs_contact_touch', `
WITH eligible AS (
  SELECT t.pos, t.contact_idx, t.ts_ms FROM ${T('cs_touch')} AS t JOIN ${T('cs_eligible')} AS e ON e.rt = 0 AND e.type = t.type
  WHERE t.contact_idx IS NOT NULL
),
firsts AS (SELECT contact_idx, MIN(pos) AS pos FROM eligible GROUP BY contact_idx),
lasts AS (
  SELECT e.contact_idx, MAX(e.pos) AS pos FROM eligible AS e JOIN ${T('cs_contact')} AS c ON c.contact_idx = e.contact_idx
  WHERE e.ts_ms <= c.created_ms GROUP BY e.contact_idx
),
views AS (SELECT contact_idx, MIN(pos) AS pos FROM ${T('cs_touch')} WHERE type = 'page view' AND contact_idx IS NOT NULL GROUP BY contact_idx)
SELECT c.contact_idx, c.created_ms, c.created_day, f.pos AS first_pos, l.pos AS last_pos, v.pos AS first_view_pos
FROM ${T('cs_contact')} AS c
LEFT JOIN firsts AS f ON f.contact_idx = c.contact_idx
LEFT JOIN lasts AS l ON l.contact_idx = c.contact_idx
LEFT JOIN views AS v ON v.contact_idx = c.contact_idx`),
    // Conversions: contacts (creation), deals with a known contact (creation), closed-won deals
    // with an amount (close). The oldest contact anchors "contact creation" on deal paths.
    s('cs_conversion', `
WITH oldest AS (
  SELECT dc.deal_idx, dc.contact_idx, c.created_ms, ROW_NUMBER() OVER (PARTITION BY dc.deal_idx ORDER BY c.created_ms, dc.pos) AS k
  FROM ${T('cs_deal_contact')} AS dc JOIN ${T('cs_contact')} AS c ON c.contact_idx = dc.contact_idx
),
conv AS (
  SELECT 0 AS rt, contact_idx AS conv_key, contact_id AS conv_id, created_ms AS when_ms, CAST(1 AS ${d.float}) AS value,
    contact_idx AS oldest_contact, created_ms AS oldest_created, created_ms AS deal_created
  FROM ${T('cs_contact')}
  UNION ALL
  SELECT 1, d.deal_idx, d.deal_id, d.created_ms, CAST(1 AS ${d.float}), o.contact_idx, o.created_ms, d.created_ms
  FROM ${T('cs_deal')} AS d JOIN oldest AS o ON o.deal_idx = d.deal_idx AND o.k = 1
  UNION ALL
  SELECT 2, d.deal_idx, d.deal_id, d.closed_ms, d.amount, o.contact_idx, o.created_ms, d.created_ms
  FROM ${T('cs_deal')} AS d JOIN oldest AS o ON o.deal_idx = d.deal_idx AND o.k = 1
  WHERE d.stage = 'closed won' AND d.closed_ms IS NOT NULL AND d.amount IS NOT NULL
)
SELECT conv.*, ${day('when_ms')} AS day FROM conv`),
    s('cs_conversion_contact', `
SELECT 0 AS rt, contact_idx AS conv_key, contact_idx FROM ${T('cs_contact')}
UNION ALL
SELECT c.rt, c.conv_key, dc.contact_idx FROM ${T('cs_conversion')} AS c JOIN ${T('cs_deal_contact')} AS dc ON dc.deal_idx = c.conv_key
WHERE c.rt > 0`),
    // Paths: the converting contacts' eligible interactions at or before the conversion.
    s('cs_path', `
SELECT c.rt, c.conv_key, c.when_ms, c.day AS conv_day, c.value, c.oldest_contact, c.oldest_created, c.deal_created,
  t.pos, t.ts_ms, t.contact_idx,
  ROW_NUMBER() OVER (PARTITION BY c.rt, c.conv_key ORDER BY t.pos) - 1 AS j,
  COUNT(*) OVER (PARTITION BY c.rt, c.conv_key) AS n
FROM ${T('cs_conversion')} AS c
JOIN ${T('cs_conversion_contact')} AS cc ON cc.rt = c.rt AND cc.conv_key = c.conv_key
JOIN ${T('cs_touch')} AS t ON t.contact_idx = cc.contact_idx AND t.ts_ms <= c.when_ms${lookback}
JOIN ${T('cs_eligible')} AS e ON e.rt = c.rt AND e.type = t.type`),
    s('cs_path_weight', pathWeights(d, p.halfLifeDays * DAY_MS)),
    journeyPlayers(d),
  ];
}

/** Anchor roles per conversion, then each rule-based model's normalised weight per path touch. */
function pathWeights(d: Dialect, halfLifeMs: number): string {
  const T = d.table;
  const roleColumn: Record<Role, string> = { first: 'r.r_first', last: 'r.r_last', contactCreation: 'r.r_cc', dealCreation: 'r.r_dc', closedWon: 'r.r_cw' };
  const weights = RULE_BASED_MODELS.map((model) => {
    if (model === 'Time decay') {
      return `CASE WHEN SUM(p.decay) OVER (PARTITION BY p.rt, p.conv_key) > 0 THEN p.decay / SUM(p.decay) OVER (PARTITION BY p.rt, p.conv_key) ELSE 0 END AS ${weightColumn(model)}`;
    }
    const spec = POSITION_WEIGHTS[model]!;
    const roles = Object.entries(spec.roles) as [Role, number][];
    const cols = roles.map(([r]) => roleColumn[r]);
    // Distinct interactions holding one of the model's roles.
    const holders = cols.length
      ? cols.map((c, i) => `CASE WHEN ${c} IS NOT NULL${cols.slice(0, i).map((e) => ` AND (${e} IS NULL OR ${e} <> ${c})`).join('')} THEN 1 ELSE 0 END`).join(' + ')
      : '0';
    const holds = cols.length ? cols.map((c) => `p.j = ${c}`).join(' OR ') : 'FALSE';
    const roleSum = roles.length ? roles.map(([, w], i) => `CASE WHEN p.j = ${cols[i]} THEN ${w} ELSE 0 END`).join(' + ') : '0';
    const present = roles.length ? roles.map(([, w], i) => `CASE WHEN ${cols[i]} IS NOT NULL THEN ${w} ELSE 0 END`).join(' + ') : '0';
    const others = `(p.n - (${holders}))`;
    const raw = `(${roleSum}) + CASE WHEN COALESCE(${holds}, FALSE) OR ${others} = 0 THEN 0 ELSE ${spec.others} / ${others} END`;
    const total = `(${present}) + CASE WHEN ${others} > 0 THEN ${spec.others} ELSE 0 END`;
    return `CASE WHEN ${total} > 0 THEN (${raw}) / (${total}) ELSE 0 END AS ${weightColumn(model)}`;
  });
  return `
WITH roles AS (
  SELECT rt, conv_key, 0 AS r_first, MIN(n) - 1 AS r_last,
    CASE WHEN rt = 0 THEN MIN(n) - 1 ELSE MAX(CASE WHEN contact_idx = oldest_contact AND ts_ms <= oldest_created THEN j END) END AS r_cc,
    CASE WHEN rt = 0 THEN NULL ELSE MAX(CASE WHEN ts_ms <= deal_created THEN j END) END AS r_dc,
    CASE WHEN rt = 2 THEN MIN(n) - 1 END AS r_cw
  FROM ${T('cs_path')} GROUP BY rt, conv_key
),
p AS (SELECT *, POW(2, -(when_ms - ts_ms) / ${halfLifeMs}) AS decay FROM ${T('cs_path')})
SELECT p.rt, p.conv_key, p.conv_day, p.value, p.pos, p.j,
  ${weights.join(',\n  ')}
FROM p JOIN roles AS r ON r.rt = p.rt AND r.conv_key = p.conv_key`;
}

/**
 * Journeys for the data-driven models, one row per (journey, player) in path order: every
 * conversion's path, then per report type every contact with eligible interactions and no
 * conversion of it, and every anonymous visitor. kind 0 converting, 1 contact, 2 anonymous.
 */
function journeyPlayers(d: Dialect): Statement {
  const T = d.table;
  const sql = `CREATE OR REPLACE TABLE ${T('cs_journey_player')} AS
WITH touches AS (
  SELECT rt, 0 AS kind, conv_key AS jkey, conv_day, value, pos FROM ${T('cs_path')}
  UNION ALL
  SELECT e.rt, 1, t.contact_idx, NULL, NULL, t.pos
  FROM ${T('cs_touch')} AS t JOIN ${T('cs_eligible')} AS e ON e.type = t.type
  WHERE t.contact_idx IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM ${T('cs_conversion_contact')} AS cc WHERE cc.rt = e.rt AND cc.contact_idx = t.contact_idx)
  UNION ALL
  SELECT e.rt, 2, v.visitor_idx, NULL, NULL, t.pos
  FROM ${T('cs_touch')} AS t JOIN ${T('cs_eligible')} AS e ON e.type = t.type
  JOIN (SELECT visitor_key, ROW_NUMBER() OVER (ORDER BY visitor_key) AS visitor_idx FROM (SELECT DISTINCT visitor_key FROM ${T('cs_touch')} WHERE contact_idx IS NULL) AS k) AS v
    ON v.visitor_key = t.visitor_key
  WHERE t.contact_idx IS NULL
)
SELECT j.rt, j.kind, j.jkey, j.conv_day, j.value, j.pos, COALESCE(tc.campaign_idx, ${NONE_PLAYER_SQL}) AS player
FROM touches AS j LEFT JOIN ${T('cs_touch_campaign')} AS tc ON tc.pos = j.pos`;
  return { name: 'cs_journey_player', kind: 'stage', sql };
}

/**
 * The page a URL names (web/url.ts pageKey): without query and fragment and trailing `/`, scheme
 * and host lower-cased.
 */
export function pageKey(d: Dialect, url: string): string {
  const base = `RTRIM(${d.regexReplace(`TRIM(${url})`, '[?#].*', '')}, '/')`;
  const origin = '^[A-Za-z][A-Za-z0-9+.-]*://[^/]*';
  return `CASE WHEN ${d.regexContains(base, origin)} THEN CONCAT(LOWER(${d.regexExtract(base, origin)}), ${d.regexReplace(base, origin, '')}) ELSE ${base} END`;
}

/** Result queries: small tables the engine turns into the formula store and report tabs. */
export function resultStatements(d: Dialect): Statement[] {
  const T = d.table;
  const r = (name: string, sql: string): Statement => ({ name, kind: 'result', sql: sql.trim() });
  const ruleColumns = RULE_BASED_MODELS.map((m) => `SUM(w.${weightColumn(m)} * w.value) AS ${weightColumn(m)}`).join(',\n  ');
  return [
    r('campaigns', `
SELECT campaign_idx, campaign_id, name, utm_campaign, start_ms, end_ms, goal_sessions, goal_new_contacts, goal_influenced_contacts,
  goal_revenue, budget, spend
FROM ${T('cs_campaign')}`),
    r('span', `
SELECT MIN(lo) AS lo, MAX(hi) AS hi FROM (
  SELECT MIN(ts_ms) AS lo, MAX(ts_ms) AS hi FROM ${T('cs_touch')}
  UNION ALL SELECT MIN(created_ms), MAX(created_ms) FROM ${T('cs_contact')}
  UNION ALL SELECT MIN(created_ms), MAX(COALESCE(closed_ms, created_ms)) FROM ${T('cs_deal')}
) AS s`),
    r('metric_days', `
WITH with_campaign AS (
  SELECT t.pos, t.day, t.type, t.contact_idx, tc.campaign_idx FROM ${T('cs_touch')} AS t JOIN ${T('cs_touch_campaign')} AS tc ON tc.pos = t.pos
),
session_first AS (
  SELECT w.campaign_idx, sv.session, MIN(w.pos) AS pos FROM with_campaign AS w JOIN ${T('cs_session_view')} AS sv ON sv.pos = w.pos
  GROUP BY w.campaign_idx, sv.session
),
influenced AS (
  SELECT campaign_idx, contact_idx, MIN(pos) AS pos FROM with_campaign WHERE contact_idx IS NOT NULL GROUP BY campaign_idx, contact_idx
)
SELECT 'views' AS metric, campaign_idx, day, COUNT(*) AS value FROM with_campaign WHERE type = 'page view' GROUP BY campaign_idx, day
UNION ALL
SELECT 'sessions', f.campaign_idx, t.day, COUNT(*) FROM session_first AS f JOIN ${T('cs_touch')} AS t ON t.pos = f.pos GROUP BY f.campaign_idx, t.day
UNION ALL
SELECT 'new visitor sessions', f.campaign_idx, t.day, COUNT(*) FROM session_first AS f JOIN ${T('cs_touch')} AS t ON t.pos = f.pos
  JOIN (SELECT DISTINCT session, is_new FROM ${T('cs_session_view')}) AS s ON s.session = f.session
  WHERE s.is_new = 1 GROUP BY f.campaign_idx, t.day
UNION ALL
SELECT 'influenced contacts', i.campaign_idx, t.day, COUNT(*) FROM influenced AS i JOIN ${T('cs_touch')} AS t ON t.pos = i.pos GROUP BY i.campaign_idx, t.day
UNION ALL
SELECT 'new contacts|first touch', tc.campaign_idx, f.created_day, COUNT(*) FROM ${T('cs_contact_touch')} AS f
  JOIN ${T('cs_touch_campaign')} AS tc ON tc.pos = f.first_pos
  GROUP BY tc.campaign_idx, f.created_day
UNION ALL
SELECT 'new contacts|last touch', tc.campaign_idx, f.created_day, COUNT(*) FROM ${T('cs_contact_touch')} AS f
  JOIN ${T('cs_touch_campaign')} AS tc ON tc.pos = f.last_pos
  GROUP BY tc.campaign_idx, f.created_day`),
    // Each rule-based model's credit per report type, player and conversion day: a touch with
    // several campaigns gives its weight in full to each.
    r('credit_days', `
SELECT w.rt, COALESCE(tc.campaign_idx, ${NONE_PLAYER_SQL}) AS player, w.conv_day AS day,
  ${ruleColumns}
FROM ${T('cs_path_weight')} AS w LEFT JOIN ${T('cs_touch_campaign')} AS tc ON tc.pos = w.pos
GROUP BY w.rt, COALESCE(tc.campaign_idx, ${NONE_PLAYER_SQL}), w.conv_day`),
    r('touched_days', `
SELECT rt, player, day, COUNT(*) AS conversions, SUM(value) AS value FROM (
  SELECT DISTINCT p.rt, p.conv_key, COALESCE(tc.campaign_idx, ${NONE_PLAYER_SQL}) AS player, p.conv_day AS day, p.value
  FROM ${T('cs_path')} AS p LEFT JOIN ${T('cs_touch_campaign')} AS tc ON tc.pos = p.pos
) AS x
GROUP BY rt, player, day`),
    r('conversion_days', `
SELECT rt, day, COUNT(*) AS conversions, SUM(value) AS value FROM ${T('cs_conversion')} GROUP BY rt, day`),
    r('empty_days', `
SELECT c.rt, c.day, COUNT(*) AS conversions, SUM(c.value) AS value
FROM ${T('cs_conversion')} AS c
LEFT JOIN (SELECT DISTINCT rt, conv_key FROM ${T('cs_path')}) AS p ON p.rt = c.rt AND p.conv_key = c.conv_key
WHERE p.conv_key IS NULL
GROUP BY c.rt, c.day`),
    // Markov: transitions between consecutive distinct players, from START and into the end.
    r('markov_transitions', `
WITH seq AS (
  SELECT rt, kind, player, LAG(player) OVER w AS prev, LEAD(player) OVER w AS next_player
  FROM ${T('cs_journey_player')}
  WINDOW w AS (PARTITION BY rt, kind, jkey ORDER BY pos, player)
)
SELECT rt, from_state, to_state, COUNT(*) AS transitions FROM (
  SELECT rt, COALESCE(prev, ${START_STATE}) AS from_state, player AS to_state FROM seq WHERE prev IS NULL OR prev <> player
  UNION ALL
  SELECT rt, player, CASE WHEN kind = 0 THEN ${CONVERSION_STATE} ELSE ${NULL_STATE} END FROM seq WHERE next_player IS NULL
) AS x
GROUP BY rt, from_state, to_state`),
    // Shapley: journeys and conversions per exact player set; converting sets per conversion day.
    r('coalitions', `
SELECT rt, set_key, COUNT(*) AS journeys, SUM(CASE WHEN kind = 0 THEN 1 ELSE 0 END) AS conversions
FROM ${T('cs_journey_set')} GROUP BY rt, set_key`),
    r('converting_set_days', `
SELECT rt, set_key, conv_day AS day, COUNT(*) AS conversions, SUM(value) AS value
FROM ${T('cs_journey_set')} WHERE kind = 0 GROUP BY rt, set_key, conv_day`),
  ];
}

/** Each journey's player set as text (`-1,3,7`), a stage both Shapley results read. */
export function journeySetStatement(d: Dialect): Statement {
  const T = d.table;
  return {
    name: 'cs_journey_set',
    kind: 'stage',
    sql: `CREATE OR REPLACE TABLE ${T('cs_journey_set')} AS
SELECT rt, kind, jkey, MIN(conv_day) AS conv_day, MIN(value) AS value, STRING_AGG(${d.toText('player')}, ',' ORDER BY player) AS set_key
FROM (SELECT DISTINCT rt, kind, jkey, conv_day, value, player FROM ${T('cs_journey_player')}) AS x
GROUP BY rt, kind, jkey`,
  };
}

/**
 * Contacts with revenue per campaign for each range: distinct contacts of revenue conversions in
 * the range with an interaction with the campaign on the path. Not a sum of days, so asked per
 * range. Bounds are epoch milliseconds, null for open.
 */
export function contactsWithRevenueStatement(d: Dialect, ranges: { from: number | null; to: number | null }[]): Statement {
  const T = d.table;
  const bounds = ranges.map((r, i) => `SELECT ${i} AS range_idx, ${r.from === null ? 'NULL' : Math.round(r.from)} AS from_ms, ${r.to === null ? 'NULL' : Math.round(r.to)} AS to_ms`);
  return {
    name: 'contacts_with_revenue',
    kind: 'result',
    sql: `WITH ranges AS (${bounds.join(' UNION ALL ')})
SELECT r.range_idx, tc.campaign_idx, COUNT(DISTINCT p.contact_idx) AS contacts
FROM ${T('cs_path')} AS p
JOIN ${T('cs_touch_campaign')} AS tc ON tc.pos = p.pos
JOIN ranges AS r ON (r.from_ms IS NULL OR p.when_ms >= r.from_ms) AND (r.to_ms IS NULL OR p.when_ms < r.to_ms)
WHERE p.rt = 2
GROUP BY r.range_idx, tc.campaign_idx`,
  };
}

/**
 * Every statement of a refresh, stages first. The results do not depend on "now" or on any range,
 * so they are stage tables too (cs_r_*), built with the others; answering reads them back, which
 * costs nothing next to building them.
 */
export function warehouseStatements(d: Dialect, p: SqlParameters): Statement[] {
  const results = resultStatements(d);
  return [
    ...stageStatements(d, p), journeySetStatement(d),
    ...results.map((r): Statement => ({ name: `cs_r_${r.name}`, kind: 'stage', sql: `CREATE OR REPLACE TABLE ${d.table(`cs_r_${r.name}`)} AS\n${r.sql}` })),
    ...results.map((r): Statement => ({ name: r.name, kind: 'result', sql: `SELECT * FROM ${d.table(`cs_r_${r.name}`)}${r.name === 'campaigns' ? ' ORDER BY campaign_idx' : ''}` })),
  ];
}

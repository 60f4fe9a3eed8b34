/**
 * @fileoverview The Interactions table as a view over Google Analytics 4's BigQuery export
 * (`events_*`): one page view per `page_view` event, `user_pseudo_id` as Visitor ID, `user_id` (the
 * ID your site sets for signed-in users, when it is the CRM's contact ID) as Contact ID,
 * `ga_session_id` as Session ID (made unique per visitor), the page location and referrer from
 * the event parameters, the UTM values GA4 collected from the URL (`collected_traffic_source`).
 * One source for both dialects, so it is tested on DuckDB with a GA4-shaped table.
 */
import type { Dialect } from './dialect';

export function ga4InteractionsView(d: Dialect, events: string): string {
  const param = (key: string, field: 'string_value' | 'int_value') =>
    `(SELECT p.value.${field} FROM ${d.unnest('e.event_params', 'p')} WHERE p.key = '${key}')`;
  const session = param('ga_session_id', 'int_value');
  return `CREATE OR REPLACE VIEW ${d.table('interactions')} AS
SELECT
  e.event_timestamp AS row_number,
  CONCAT(e.user_pseudo_id, '-', ${d.toText('e.event_timestamp')}) AS interaction_id,
  ${d.timestampMicros('e.event_timestamp')} AS occurred_at,
  NULLIF(e.user_id, '') AS contact_id,
  e.user_pseudo_id AS visitor_id,
  'page view' AS type,
  CAST(NULL AS ${d.string}) AS asset_id,
  ${param('page_location', 'string_value')} AS url,
  CASE WHEN ${session} IS NULL THEN NULL ELSE CONCAT(e.user_pseudo_id, '.', ${d.toText(session)}) END AS session_id,
  NULLIF(${param('page_referrer', 'string_value')}, '') AS referrer,
  CAST(NULL AS ${d.string}) AS source,
  NULLIF(e.collected_traffic_source.manual_campaign_name, '') AS utm_campaign,
  NULLIF(e.collected_traffic_source.manual_source, '') AS utm_source,
  NULLIF(e.collected_traffic_source.manual_medium, '') AS utm_medium,
  NULLIF(e.collected_traffic_source.manual_term, '') AS utm_term,
  NULLIF(e.collected_traffic_source.manual_content, '') AS utm_content,
  CAST(NULL AS ${d.string}) AS platform
FROM ${events} AS e
WHERE e.event_name = 'page_view'`;
}

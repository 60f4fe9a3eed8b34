CREATE OR REPLACE VIEW `my-project.marketing.interactions` AS
SELECT
  e.event_timestamp AS row_number,
  CONCAT(e.user_pseudo_id, '-', CAST(e.event_timestamp AS STRING)) AS interaction_id,
  TIMESTAMP_MICROS(e.event_timestamp) AS occurred_at,
  NULLIF(e.user_id, '') AS contact_id,
  e.user_pseudo_id AS visitor_id,
  'page view' AS type,
  CAST(NULL AS STRING) AS asset_id,
  (SELECT p.value.string_value FROM UNNEST(e.event_params) AS p WHERE p.key = 'page_location') AS url,
  CASE WHEN (SELECT p.value.int_value FROM UNNEST(e.event_params) AS p WHERE p.key = 'ga_session_id') IS NULL THEN NULL ELSE CONCAT(e.user_pseudo_id, '.', CAST((SELECT p.value.int_value FROM UNNEST(e.event_params) AS p WHERE p.key = 'ga_session_id') AS STRING)) END AS session_id,
  NULLIF((SELECT p.value.string_value FROM UNNEST(e.event_params) AS p WHERE p.key = 'page_referrer'), '') AS referrer,
  CAST(NULL AS STRING) AS source,
  NULLIF(e.collected_traffic_source.manual_campaign_name, '') AS utm_campaign,
  NULLIF(e.collected_traffic_source.manual_source, '') AS utm_source,
  NULLIF(e.collected_traffic_source.manual_medium, '') AS utm_medium,
  NULLIF(e.collected_traffic_source.manual_term, '') AS utm_term,
  NULLIF(e.collected_traffic_source.manual_content, '') AS utm_content,
  CAST(NULL AS STRING) AS platform
FROM `my-project.analytics_123456.events_*` AS e
WHERE e.event_name = 'page_view';

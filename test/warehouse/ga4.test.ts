/**
 * @fileoverview The GA4 view: on a small GA4-shaped events table in DuckDB it gives the
 * Interactions table the warehouse statements read (page views only, sessions per ga_session_id,
 * UTM values, visitors stitched to contacts), and its BigQuery text, kept in sql/, parses as GoogleSQL.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'sql-parser-cst';
import { openDuckWarehouse, loadTables } from '../../src/warehouse/duckdb';
import { bigQueryDialect } from '../../src/engine/warehouse/dialect';
import { ga4InteractionsView } from '../../src/engine/warehouse/ga4';
import { refreshStatements } from '../../src/engine/warehouse/refresh';
import { runAll } from '../../src/engine/warehouse/runner';
import { storeFromResults } from '../../src/engine/warehouse/results';
import { answerFromWarehouse } from '../../src/engine/warehouse/warehouse-data';
import { contactsWithRevenueQuery } from '../../src/warehouse/local-warehouse';
import { resolveSettings } from '../../src/engine/settings';

const T0 = Date.UTC(2026, 2, 1, 9) * 1000;
const MIN = 60_000_000;

/** A GA4 export row: event name, microseconds, visitor, user ID, parameters, collected UTM values. */
function event(name: string, micros: number, visitor: string, params: Record<string, string | number>, utm: { campaign?: string; source?: string; medium?: string } = {}, userId = '') {
  const p = Object.entries(params).map(([k, v]) => `{'key': '${k}', 'value': {'string_value': ${typeof v === 'string' ? `'${v}'` : 'NULL'}, 'int_value': ${typeof v === 'number' ? v : 'NULL'}}}`);
  const s = (v?: string) => (v ? `'${v}'` : 'NULL');
  return `SELECT '${name}' AS event_name, ${micros} AS event_timestamp, '${visitor}' AS user_pseudo_id, ${userId ? `'${userId}'` : 'NULL'} AS user_id,
    [${p.join(', ')}]::STRUCT("key" VARCHAR, "value" STRUCT(string_value VARCHAR, int_value BIGINT))[] AS event_params,
    {'manual_campaign_name': ${s(utm.campaign)}, 'manual_source': ${s(utm.source)}, 'manual_medium': ${s(utm.medium)}, 'manual_term': NULL, 'manual_content': NULL}::STRUCT(manual_campaign_name VARCHAR, manual_source VARCHAR, manual_medium VARCHAR, manual_term VARCHAR, manual_content VARCHAR) AS collected_traffic_source`;
}

describe('GA4 view', () => {
  it('turns page_view events into interactions the statements count', async () => {
    const wh = await openDuckWarehouse(':memory:');
    try {
      const at = Date.UTC(2026, 2, 5);
      await loadTables(wh.connection, {
        campaigns: [[1, 'C1', 'Spring launch', 'spring', null, null, null, null, null, null, null, null]],
        assets: [],
        contacts: [[1, 'P1', at, 'u1'], [2, 'P2', at, null]],
        deals: [],
        interactions: [],
      });
      await wh.connection.run(`CREATE TABLE events AS ${[
        event('page_view', T0, 'u1', { page_location: 'https://example.com/spring?utm_campaign=spring', ga_session_id: 111, page_referrer: 'https://www.linkedin.com/' }, { campaign: 'spring', source: 'linkedin', medium: 'social' }),
        event('page_view', T0 + 5 * MIN, 'u1', { page_location: 'https://example.com/pricing', ga_session_id: 111 }),
        event('scroll', T0 + 6 * MIN, 'u1', { ga_session_id: 111 }),
        event('page_view', T0 + 60 * MIN, 'u2', { page_location: 'https://example.com/spring', ga_session_id: 111 }, { campaign: 'Spring' }),
        event('page_view', T0 + 2 * 24 * 60 * MIN, 'u3', { page_location: 'https://example.com/', ga_session_id: 9 }, {}, 'P2'),
      ].join(' UNION ALL ')}`);
      await wh.connection.run('DROP TABLE interactions');
      await wh.connection.run(ga4InteractionsView(wh.dialect, 'events'));
      const rows = (await wh.connection.runAndReadAll('SELECT interaction_id, contact_id, visitor_id, type, session_id, referrer, utm_campaign FROM interactions ORDER BY row_number')).getRowObjectsJS();
      expect(rows).toEqual([
        { interaction_id: `u1-${T0}`, contact_id: null, visitor_id: 'u1', type: 'page view', session_id: 'u1.111', referrer: 'https://www.linkedin.com/', utm_campaign: 'spring' },
        { interaction_id: `u1-${T0 + 5 * MIN}`, contact_id: null, visitor_id: 'u1', type: 'page view', session_id: 'u1.111', referrer: null, utm_campaign: null },
        { interaction_id: `u2-${T0 + 60 * MIN}`, contact_id: null, visitor_id: 'u2', type: 'page view', session_id: 'u2.111', referrer: null, utm_campaign: 'Spring' },
        { interaction_id: `u3-${T0 + 2 * 24 * 60 * MIN}`, contact_id: 'P2', visitor_id: 'u3', type: 'page view', session_id: 'u3.9', referrer: null, utm_campaign: null },
      ]);
      const settings = resolveSettings({});
      const now = Date.UTC(2026, 5, 1);
      const results = await runAll(wh, refreshStatements(wh.dialect, settings, now));
      const store = storeFromResults({ results, settings, now });
      const ask = (name: string, args: string[]) => answerFromWarehouse(store, name, args, contactsWithRevenueQuery(wh, 1));
      // Two sessions carry the campaign's UTM value (u1's and u2's, same ga_session_id but other visitors).
      expect(await ask('CAMPAIGN_METRIC', ['C1', 'sessions'])).toBe(2);
      expect(await ask('CAMPAIGN_METRIC', ['C1', 'views'])).toBe(2);
      // u1 is P1's visitor ID: P1 was influenced, and its first touch is the tagged view.
      expect(await ask('CAMPAIGN_METRIC', ['C1', 'influenced contacts'])).toBe(1);
      expect(await ask('CAMPAIGN_METRIC', ['C1', 'new contacts'])).toBe(1);
      expect(await ask('CAMPAIGN_METRIC', ['C1', 'new visitor sessions'])).toBe(2);
    } finally {
      wh.close();
    }
  });

  it('is kept in sql/ as GoogleSQL that parses', () => {
    const text = ga4InteractionsView(bigQueryDialect('my-project.marketing'), '`my-project.analytics_123456.events_*`');
    expect(() => parse(text, { dialect: 'bigquery' })).not.toThrow();
    expect(readFileSync(join(__dirname, '..', '..', 'sql', 'ga4-interactions.sql'), 'utf8')).toBe(`${text};\n`);
  });
});

/**
 * @fileoverview `--warehouse bigquery:PROJECT.DATASET`: the job requests sent through
 * @google-cloud/bigquery (recorded by an injected client; BigQuery itself cannot run here), and
 * result rows brought back to plain values.
 */
import { describe, expect, it } from 'vitest';
import { bigQueryRunner, plainValue, queryJobRequest, type QueryJobRequest } from '../../src/warehouse/bigquery';
import { refreshStatements } from '../../src/engine/warehouse/refresh';
import { runAll } from '../../src/engine/warehouse/runner';
import { resolveSettings } from '../../src/engine/settings';

describe('BigQuery runner', () => {
  it('sends each statement as a standard-SQL job in order, labelled, and reads back result rows', async () => {
    const sent: QueryJobRequest[] = [];
    const client = {
      async query(r: QueryJobRequest): Promise<[Record<string, unknown>[]]> {
        sent.push(r);
        return [r.query.startsWith('CREATE') ? [] : [{ campaign_idx: { value: '3' }, name: 'Spring', lo: null }]];
      },
    };
    const runner = bigQueryRunner('my-project.marketing', { client, location: 'EU' });
    const statements = refreshStatements(runner.dialect, resolveSettings({ timeZone: 'Europe/Paris' }), Date.UTC(2026, 10, 1));
    const results = await runAll(runner, statements);
    expect(sent.map((r) => r.query)).toEqual(statements.map((s) => s.sql));
    expect(sent.every((r) => r.useLegacySql === false && r.location === 'EU' && r.labels.app === 'campaign-sheets')).toBe(true);
    expect(sent[0].labels.statement).toBe('cs_campaign');
    expect(sent[0].query).toContain('`my-project.marketing.campaigns`');
    expect(results.get('campaigns')).toEqual([{ campaign_idx: '3', name: 'Spring', lo: null }]);
    expect(results.has('cs_touch')).toBe(false);
  });

  it('builds requests without a location when none is given', () => {
    const r = queryJobRequest({ name: 'metric days', kind: 'result', sql: 'SELECT 1' });
    expect(r).toEqual({ query: 'SELECT 1', useLegacySql: false, labels: { app: 'campaign-sheets', statement: 'metric_days' }, jobTimeoutMs: 600_000 });
    expect(plainValue(12n)).toBe(12);
    expect(plainValue({ value: '2026-03-01T00:00:00Z' })).toBe('2026-03-01T00:00:00Z');
  });
});

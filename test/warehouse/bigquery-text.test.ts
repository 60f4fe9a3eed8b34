/**
 * @fileoverview The BigQuery text of the warehouse statements is GoogleSQL: sql-parser-cst's
 * BigQuery grammar parses every statement, no function DuckDB alone knows slips in, and the text
 * differs from DuckDB's only where the dialect module says.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'sql-parser-cst';
import { bigQueryDialect, duckDbDialect, parseDataset } from '../../src/engine/warehouse/dialect';
import { refreshStatements } from '../../src/engine/warehouse/refresh';
import {
  assetContactsStatement, assetCreditStatement, assetDaysStatement, assetTotalsStatement, contactListStatement, creditedConversionsStatement,
  drillDownStatement, trafficStatement,
} from '../../src/engine/warehouse/report-sql';
import { CONTACT_LISTS } from '../../src/engine/metrics/contact-lists';
import { resolveSettings } from '../../src/engine/settings';

const settings = resolveSettings({ timeZone: 'Europe/Paris', lookbackDays: 30 });
const NOW = Date.UTC(2026, 10, 1);

/** Function names called anywhere in a CST. */
function functionNames(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => functionNames(n, out));
  else if (node && typeof node === 'object') {
    const n = node as { type?: string; name?: { name?: string; text?: string } };
    if (n.type === 'func_call' && n.name) out.add(String(n.name.name ?? n.name.text ?? '').toUpperCase());
    for (const v of Object.values(node)) functionNames(v, out);
  }
  return out;
}

/** GoogleSQL functions the statements may call (BigQuery's function reference). */
const GOOGLE_SQL_FUNCTIONS = new Set([
  'ROW_NUMBER', 'COALESCE', 'NULLIF', 'CONCAT', 'CAST', 'LOWER', 'TRIM', 'RTRIM', 'MIN', 'MAX', 'SUM', 'COUNT', 'LAG', 'LEAD',
  'REGEXP_EXTRACT_ALL', 'REGEXP_CONTAINS', 'REGEXP_EXTRACT', 'REGEXP_REPLACE', 'UNIX_MILLIS', 'UNIX_DATE', 'DATE', 'TIMESTAMP_MILLIS',
  'POW', 'STRING_AGG', 'UNNEST', 'STRPOS', 'LAST_VALUE', 'FLOOR',
]);

describe('BigQuery text', () => {
  const bq = bigQueryDialect('my-project.marketing');
  const bounds = { from: Date.UTC(2026, 0, 1), to: null };
  const statements = [
    ...refreshStatements(bq, settings, NOW),
    assetTotalsStatement(bq, 2, bounds), assetDaysStatement(bq, 2, bounds), assetContactsStatement(bq, 2, bounds, 200), trafficStatement(bq, 0, bounds),
    // Every per-campaign query under a rule-based and a data-driven model, bounded and not.
    ...[{ model: 'W-shaped' as const }, { model: 'Shapley' as const, positiveSets: ['-1,1', '1,3'] }, { model: 'Markov' as const, positiveSets: [] }].flatMap((credit) => [
      drillDownStatement(bq, 2, 1, bounds, credit, 5000), creditedConversionsStatement(bq, 1, 1, bounds, credit), assetCreditStatement(bq, 0, 1, bounds, credit),
      ...CONTACT_LISTS.flatMap((list) => [
        contactListStatement(bq, 1, bounds, { list, contactAttribution: 'first touch', credit }, Infinity),
        contactListStatement(bq, 1, bounds, { list, contactAttribution: 'last touch', credit }, 10),
      ]),
    ]),
  ];

  it('parses as GoogleSQL, statement by statement', () => {
    expect(statements.length).toBeGreaterThan(20);
    for (const st of statements) {
      expect(() => parse(st.sql, { dialect: 'bigquery' }), st.name).not.toThrow();
    }
  });

  it('calls only GoogleSQL functions', () => {
    const used = new Set<string>();
    for (const st of statements) functionNames(parse(st.sql, { dialect: 'bigquery' }), used);
    expect([...used].filter((f) => !GOOGLE_SQL_FUNCTIONS.has(f))).toEqual([]);
    expect(used.has('UNIX_MILLIS')).toBe(true);
  });

  it('names every table in the dataset', () => {
    for (const st of statements) {
      const ctes = new Set([...st.sql.matchAll(/(?:WITH|,)\s*(?:--[^\n]*\n\s*)*([a-z_]+) AS \(/g)].map((m) => m[1]));
      for (const m of st.sql.matchAll(/\b(?:FROM|JOIN|TABLE)\s+([`\w.-]+)/g)) {
        if (m[1] === 'UNNEST' || ctes.has(m[1])) continue;
        expect(m[1], st.name).toMatch(/^`my-project\.marketing\.[a-z_]+`$/);
      }
    }
  });

  it('is DuckDB\'s text except where the dialect module differs', () => {
    const duck = refreshStatements(duckDbDialect(), settings, NOW);
    expect(duck.map((s) => s.name)).toEqual(statements.slice(0, duck.length).map((s) => s.name));
    expect(duck.some((s) => s.sql.includes('UNIX_MILLIS'))).toBe(false);
  });

  it('refuses a dataset that is not PROJECT.DATASET', () => {
    expect(parseDataset('p-1234.d_2')).toEqual({ project: 'p-1234', dataset: 'd_2' });
    expect(() => bigQueryDialect('nodot')).toThrowError(/PROJECT\.DATASET/);
    expect(() => bigQueryDialect("p.d; DROP TABLE x")).toThrowError(/PROJECT\.DATASET/);
  });
});

/**
 * @fileoverview Which stage tables a warehouse holds: the SQL parameters they were built with, kept
 * beside them, so answering again with the same settings runs only the small result queries.
 */
import type { Dialect } from './dialect';
import { literal } from './dialect';
import type { SqlParameters, Statement } from './statements';

/** The parameters as text; equal text means the stages can be reused. */
export const stageKey = (p: SqlParameters): string =>
  JSON.stringify([p.timeZone, Object.entries(p.eligible).map(([t, list]) => [t, [...list].sort()]), p.halfLifeDays, p.lookbackDays]);

/** Records the key once every stage is built (run last: a failed build leaves no key). */
export const writeStageKey = (d: Dialect, key: string): Statement => ({
  name: 'cs_stage_key', kind: 'stage', sql: `CREATE OR REPLACE TABLE ${d.table('cs_stage_key')} AS SELECT ${literal(key)} AS stage_key`,
});

export const readStageKey = (d: Dialect): Statement => ({ name: 'stage_key', kind: 'result', sql: `SELECT stage_key FROM ${d.table('cs_stage_key')}` });

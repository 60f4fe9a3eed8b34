/**
 * @fileoverview The local DuckDB warehouse end to end: `warehouse load` reads a workbook with the
 * engine's reader (so the data check is the workbook path's), writes the five tables and builds the
 * stage tables; answering runs only the result queries while the settings match the stages.
 */
import type { RawWorkbook } from '../engine/workbook/raw';
import { readWorkbook } from '../engine/workbook/read-workbook';
import { buildModel } from '../engine/model/model';
import type { DataCheck } from '../engine/workbook/data-check';
import { resolveSettings, type EngineSettings } from '../engine/settings';
import { workbookTableRows } from '../engine/warehouse/table-rows';
import { refreshStatements, sqlParameters } from '../engine/warehouse/refresh';
import { runAll, type StatementRunner } from '../engine/warehouse/runner';
import { storeFromResults, type Results } from '../engine/warehouse/results';
import { readStageKey, stageKey, writeStageKey } from '../engine/warehouse/stage-key';
import type { FormulaStore } from '../engine/formula-store/store';
import { literal } from '../engine/warehouse/dialect';
import { contactsWithRevenueStatement } from '../engine/warehouse/statements';
import type { ContactsWithRevenueQuery } from '../engine/warehouse/warehouse-data';
import { loadTables, openDuckWarehouse, type DuckWarehouse } from './duckdb';

export type Timing = (name: string, ms: number) => void;

export interface LoadResult {
  check: DataCheck;
  rows: Record<string, number>;
}

/** Reads the workbook as the workbook path does and loads it into the DuckDB file at `path`. */
export async function loadWorkbook(path: string, raw: RawWorkbook, settings: Partial<EngineSettings>, timing?: Timing): Promise<LoadResult> {
  const s = resolveSettings(settings);
  let t0 = Date.now();
  const wb = readWorkbook(raw, { timeZone: s.timeZone });
  // The model adds the findings the workbook path adds while stitching identities.
  buildModel(wb);
  timing?.('read', Date.now() - t0);
  const wh = await openDuckWarehouse(path);
  try {
    t0 = Date.now();
    const rows = workbookTableRows(wb);
    await loadTables(wh.connection, rows);
    await wh.connection.run(`CREATE OR REPLACE TABLE cs_workbook AS SELECT ${literal(s.timeZone)} AS time_zone`);
    await saveDataCheck(wh, wb.check);
    timing?.('load', Date.now() - t0);
    await buildStages(wh, s, timing);
    return { check: wb.check, rows: Object.fromEntries(Object.entries(rows).map(([t, r]) => [t, r.length])) };
  } finally {
    wh.close();
  }
}

/** The time zone the workbook was loaded with (offset-less dates were read in it). */
export async function loadedTimeZone(runner: StatementRunner): Promise<string | null> {
  try {
    const [row] = await runner.run({ name: 'time_zone', kind: 'result', sql: 'SELECT time_zone FROM cs_workbook' });
    return row ? String(row.time_zone) : null;
  } catch {
    return null;
  }
}

async function buildStages(runner: StatementRunner, settings: EngineSettings, timing?: Timing): Promise<void> {
  const stages = refreshStatements(runner.dialect, settings, Date.now()).filter((s) => s.kind === 'stage');
  await runAll(runner, [...stages, writeStageKey(runner.dialect, stageKey(sqlParameters(settings)))], timing);
}

async function currentStageKey(runner: StatementRunner): Promise<string | null> {
  try {
    const [row] = await runner.run(readStageKey(runner.dialect));
    return row ? String(row.stage_key) : null;
  } catch {
    return null;
  }
}

/** Every result the engine answers from, rebuilding the stages first when the settings changed. */
export async function warehouseResults(runner: StatementRunner, settings: EngineSettings, now: number, timing?: Timing): Promise<Results> {
  if ((await currentStageKey(runner)) !== stageKey(sqlParameters(settings))) await buildStages(runner, settings, timing);
  return runAll(runner, refreshStatements(runner.dialect, settings, now).filter((s) => s.kind === 'result'), timing);
}

export async function warehouseStore(runner: StatementRunner, settings: EngineSettings, now: number, timing?: Timing): Promise<FormulaStore> {
  return storeFromResults({ results: await warehouseResults(runner, settings, now, timing), settings, now });
}

/** The data check beside the tables, so reports from the warehouse show the Data check tab. */
async function saveDataCheck(wh: DuckWarehouse, check: DataCheck): Promise<void> {
  await wh.connection.run('CREATE OR REPLACE TABLE cs_data_check (check_json VARCHAR)');
  const appender = await wh.connection.createAppender('cs_data_check');
  appender.appendVarchar(JSON.stringify(check));
  appender.endRow();
  appender.closeSync();
}

/** The data check saved at load time (empty when the tables were loaded some other way). */
export async function savedDataCheck(runner: StatementRunner): Promise<DataCheck> {
  try {
    const [row] = await runner.run({ name: 'data_check', kind: 'result', sql: 'SELECT check_json FROM cs_data_check' });
    if (row) return JSON.parse(String(row.check_json)) as DataCheck;
  } catch {
    // Loaded by other means: nothing was checked here.
  }
  return { findings: [], rowsRead: {}, rowsUsed: {} };
}

/** Contacts with revenue per campaign for each range, counted by the warehouse. */
export function contactsWithRevenueQuery(runner: StatementRunner, campaignCount: number): ContactsWithRevenueQuery {
  return async (ranges) => {
    const finite = (t: number) => (Number.isFinite(t) ? t : null);
    const rows = await runner.run(contactsWithRevenueStatement(runner.dialect, ranges.map((r) => ({ from: finite(r.from), to: finite(r.to) }))));
    const out = ranges.map(() => new Array<number>(campaignCount).fill(0));
    for (const r of rows) out[Number(r.range_idx)][Number(r.campaign_idx)] = Number(r.contacts);
    return out;
  };
}

/**
 * @fileoverview The command line's warehouse: `warehouse load` (a workbook into a DuckDB file),
 * `warehouse sql` (the statements, for review), and `eval` / `report` with `--warehouse` (answers
 * from SQL run in DuckDB or BigQuery, printed and written as the workbook path does).
 */
import { resolve } from 'node:path';
import { checkFlags, type ParsedArgs } from '../shared/command-line';
import { readWorkbookPath } from '../files/read-workbook-files';
import { resolveSettings, type EngineSettings } from '../engine/settings';
import { formatFinding, type DataCheck } from '../engine/workbook/data-check';
import { dialectByName, parseDataset } from '../engine/warehouse/dialect';
import { ga4InteractionsView } from '../engine/warehouse/ga4';
import { refreshStatements } from '../engine/warehouse/refresh';
import type { StatementRunner } from '../engine/warehouse/runner';
import { FORMULAS, signature } from '../engine/formulas/formulas';
import { answerFromWarehouse } from '../engine/warehouse/warehouse-data';
import { contactsWithRevenueQuery, loadWorkbook, loadedTimeZone, savedDataCheck, warehouseResults, warehouseStore } from '../warehouse/local-warehouse';
import { storeFromResults } from '../engine/warehouse/results';
import { prepare } from '../engine/warehouse/warehouse-report-data';
import { buildWarehouseReports } from '../engine/warehouse/warehouse-reports';
import { DATA_REPORT_KEYS } from '../engine/reports/all-reports';
import { resolveQueryOn, storeQueryContext } from '../engine/reports/query';
import { writeReportOutputs } from '../files/write-outputs';
import { openDuckWarehouse } from '../warehouse/duckdb';
import { bigQueryRunner } from '../warehouse/bigquery';
import { parseFormulaText } from './formula-text';
import { queryFrom, REPORT_FLAGS, SETTINGS_FLAGS, settingsFrom } from './main';
import { printable } from './terminal';
import { formulaCsv } from './formula-output';
import { WAREHOUSE_HELP } from './warehouse-help';

const say = (msg: string) => process.stderr.write(msg + '\n');


/** The settings flags as `report` reads them; the time zone defaults to the one the data was loaded with. */
function settingsOf(args: ParsedArgs, loadedZone?: string | null): EngineSettings {
  const s = settingsFrom(args);
  return resolveSettings({ ...s, timeZone: s.timeZone ?? loadedZone ?? undefined });
}

/** `campaign-sheets warehouse ...` */
export async function warehouseCommand(args: ParsedArgs): Promise<number> {
  const sub = args.positionals[1];
  if (sub === 'load') return load(args);
  if (sub === 'sql') return sql(args);
  say(`Unknown warehouse command "${sub ?? ''}": use load or sql.\n\n${WAREHOUSE_HELP}`);
  return 2;
}

/** Prints the data check as `report` does; returns the number of errors. */
export function printDataCheck(check: DataCheck, quiet: boolean): number {
  const errors = check.findings.filter((f) => f.severity === 'error');
  if (check.findings.length && !quiet) {
    say(`Data check: ${errors.length} error(s), ${check.findings.length - errors.length} warning(s):`);
    for (const f of check.findings.slice(0, 20)) say('  ' + formatFinding(f));
    if (check.findings.length > 20) say(`  ... and ${check.findings.length - 20} more in the Data check tab.`);
  }
  return errors.length;
}

async function load(args: ParsedArgs): Promise<number> {
  checkFlags(args, ['workbook', 'db', 'allow-skipped', 'quiet', ...SETTINGS_FLAGS]);
  const path = args.flags.get('workbook');
  const db = args.flags.get('db');
  if (!path || !db) {
    say('warehouse load needs --workbook PATH and --db FILE.duckdb.');
    return 2;
  }
  const quiet = args.flags.has('quiet');
  const settings = settingsOf(args);
  if (!quiet) say(`Reading ${path}...`);
  const raw = await readWorkbookPath(resolve(path), { timeZone: settings.timeZone });
  const result = await loadWorkbook(resolve(db), raw, settings, quiet ? undefined : (name, ms) => say(`  ${name}: ${ms} ms`));
  const errors = printDataCheck(result.check, quiet);
  process.stdout.write(`Loaded ${Object.entries(result.rows).map(([t, n]) => `${n.toLocaleString('en-US')} ${t}`).join(', ')} into ${db}\n`);
  return errors > 0 && !args.flags.has('allow-skipped') ? 3 : 0;
}

async function sql(args: ParsedArgs): Promise<number> {
  checkFlags(args, ['dialect', 'dataset', 'ga4', ...SETTINGS_FLAGS]);
  const d = dialectByName(args.flags.get('dialect') ?? 'bigquery', args.flags.get('dataset'));
  const ga4 = args.flags.get('ga4');
  if (ga4 !== undefined) {
    if (d.name !== 'bigquery') throw new Error('--ga4 needs --dialect bigquery: the GA4 export lives in BigQuery.');
    const { project, dataset } = parseDataset(ga4);
    process.stdout.write(`-- interactions (view over the GA4 export)\n${ga4InteractionsView(d, `\`${project}.${dataset}.events_*\``)};\n\n`);
  }
  const statements = refreshStatements(d, settingsOf(args), Date.now());
  process.stdout.write(statements.map((s) => `-- ${s.name} (${s.kind})\n${s.sql};\n`).join('\n'));
  return 0;
}

/** A runner for `--warehouse`: a DuckDB file, or `bigquery:PROJECT.DATASET`. */
export async function openWarehouse(spec: string): Promise<StatementRunner & { close(): void }> {
  if (spec.startsWith('bigquery:')) return { ...bigQueryRunner(spec.slice('bigquery:'.length)), close() {} };
  return openDuckWarehouse(resolve(spec));
}

/** `eval --warehouse`: the formula answered from the warehouse's results. */
export async function warehouseEval(args: ParsedArgs): Promise<number> {
  checkFlags(args, ['warehouse', ...SETTINGS_FLAGS]);
  const formula = args.positionals.slice(1).join(' ');
  if (!formula) {
    say(`eval needs a formula. Formulas:\n${FORMULAS.map((f) => '  ' + signature(f)).join('\n')}`);
    return 2;
  }
  const parsed = parseFormulaText(formula);
  const wh = await openWarehouse(args.flags.get('warehouse')!);
  try {
    const settings = settingsOf(args, await loadedTimeZone(wh));
    const now = Date.now();
    const store = await warehouseStore(wh, settings, now);
    process.stdout.write(printable(formulaCsv(await answerFromWarehouse(store, parsed.name, parsed.args, contactsWithRevenueQuery(wh, store.meta.campaigns.length)))));
    return 0;
  } finally {
    wh.close();
  }
}

/** `report --warehouse`: every report tab from SQL run in the warehouse, written as `report --workbook` writes them. */
export async function warehouseReport(args: ParsedArgs): Promise<number> {
  checkFlags(args, [...REPORT_FLAGS.filter((f) => f !== 'workbook'), 'warehouse']);
  const out = args.flags.get('out');
  if (!out) {
    say('report needs --out DIR. Run campaign-sheets --help.');
    return 2;
  }
  const quiet = args.flags.has('quiet');
  const timing = quiet ? undefined : (name: string, ms: number) => say(`  ${name}: ${ms} ms`);
  const wh = await openWarehouse(args.flags.get('warehouse')!);
  try {
    const settings = settingsOf(args, await loadedTimeZone(wh));
    const now = Date.now();
    if (!quiet) say(`Querying ${args.flags.get('warehouse')}...`);
    const results = await warehouseResults(wh, settings, now, timing);
    const store = storeFromResults({ results, settings, now });
    const check = await savedDataCheck(wh);
    const prepared = prepare({ dialect: wh.dialect, store, results, currency: settings.currency, check });
    const q = resolveQueryOn(storeQueryContext(store.meta), queryFrom(args));
    const tabs = await buildWarehouseReports(wh, prepared, q, DATA_REPORT_KEYS, timing);
    // The source tabs stay in the warehouse: the xlsx holds the report tabs only. The same writer
    // as `report --workbook` (temporary files renamed into place, CSV one table per file).
    const written = await writeReportOutputs({
      outDir: resolve(out), source: null, tabs, timeZone: settings.timeZone, currency: settings.currency, generatedAt: new Date(now),
    });
    const errors = printDataCheck(check, quiet);
    process.stdout.write(printable(`Report tabs for ${store.meta.campaigns[q.campaign]?.name} (${q.reportType}, ${q.model}): ${tabs.map((t) => t.name).join(', ')}\n`));
    process.stdout.write(`Wrote ${written.files.length} files to ${resolve(out)}\n`);
    return errors > 0 && !args.flags.has('allow-skipped') ? 3 : 0;
  } finally {
    wh.close();
  }
}

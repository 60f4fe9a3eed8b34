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
import { dialectByName } from '../engine/warehouse/dialect';
import { refreshStatements } from '../engine/warehouse/refresh';
import type { StatementRunner } from '../engine/warehouse/runner';
import { FORMULAS, signature } from '../engine/formulas/formulas';
import { answerFromWarehouse } from '../engine/warehouse/warehouse-data';
import { contactsWithRevenueQuery, loadWorkbook, loadedTimeZone, warehouseStore } from '../warehouse/local-warehouse';
import { openDuckWarehouse } from '../warehouse/duckdb';
import { bigQueryRunner } from '../warehouse/bigquery';
import { parseFormulaText } from './formula-text';
import { formulaCsv } from './formula-output';
import { WAREHOUSE_HELP } from './warehouse-help';

const say = (msg: string) => process.stderr.write(msg + '\n');

const SETTINGS_FLAGS = ['timezone', 'currency', 'half-life', 'lookback', 'eligible'];

function settingsOf(args: ParsedArgs, zone?: string | null): EngineSettings {
  const num = (name: string) => {
    const v = args.flags.get(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`--${name} must be a number of days, not "${v}".`);
    return n;
  };
  return resolveSettings({
    timeZone: args.flags.get('timezone') ?? zone ?? undefined,
    currency: args.flags.get('currency')?.toUpperCase(),
    halfLifeDays: num('half-life'),
    lookbackDays: num('lookback'),
    eligibleTypes: args.flags.get('eligible')?.split(/[;,]/).map((s) => s.trim()).filter(Boolean) as EngineSettings['eligibleTypes'] | undefined,
  });
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
  checkFlags(args, ['dialect', 'dataset', ...SETTINGS_FLAGS]);
  const d = dialectByName(args.flags.get('dialect') ?? 'bigquery', args.flags.get('dataset'));
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
    process.stdout.write(formulaCsv(await answerFromWarehouse(store, parsed.name, parsed.args, contactsWithRevenueQuery(wh, store.meta.campaigns.length))));
    return 0;
  } finally {
    wh.close();
  }
}

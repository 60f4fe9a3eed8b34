/**
 * @fileoverview `campaign-sheets`: the engine from the command line. `demo` reports on a generated
 * workbook, `report` on an .xlsx file or a folder of CSV tabs, `eval` prints a formula's result.
 * Each command is one entry of COMMANDS; arguments are checked before the workbook is read, and
 * everything printed from data goes through terminal.ts.
 */
import { liveData } from '../engine/formulas/live-data';
import { resolve } from 'node:path';
import { checkFlags, parseArgs, type ParsedArgs } from '../shared/command-line';
import { readParsedWorkbook, readWorkbookPath, workbookFiles } from '../files/read-workbook-files';
import { runLocalReport, type LocalRunResult } from '../files/run-report';
import { checkOutputFolder, OutputFolderError } from '../files/output-folder';
import { SOURCE_COPY_LIMIT, XLSX_NAME, type OutputTiming } from '../files/write-outputs';
import { collectGarbage } from '../files/collect-garbage';
import { parseFormulaText } from './formula-text';
import { printable, printableLine } from './terminal';
import { analyseWorkbook } from '../engine/analysis';
import { runFormula, FORMULAS, signature } from '../engine/formulas/formulas';
import { WorkbookError, formatFinding, type Finding } from '../engine/workbook/data-check';
import { resolveSettings, type EngineSettings } from '../engine/settings';
import type { QueryInput } from '../engine/reports/query';
import { campaignSummary } from '../engine/reports/summary';
import { formatCell } from '../engine/report-tab/display-format';
import { rangeOf } from '../engine/reports/query';
import { assertModelServes, parseModel, parseReportType } from '../engine/attribution/catalog';
import { parseContactAttribution } from '../engine/metrics/campaign-metrics';
import { parseFrequency } from '../engine/metrics/trend';
import { parsePreset, rangeFromArgs } from '../engine/time/range';
import { timeZone } from '../engine/time/zone';
import { generateDemoWorkbook } from '../demo/generate';
import type { RawWorkbook } from '../engine/workbook/raw';
import { WAREHOUSE_HELP } from './warehouse-help';
import { formulaCsv } from './formula-output';

const HELP = `campaign-sheets: campaign analytics and multi-touch attribution on a workbook.

Usage:
  campaign-sheets demo [--out DIR] [--campaign C] [--seed N]
      Generates a realistic demo workbook and writes every report (CSV, xlsx, report.html).
  campaign-sheets report --workbook PATH --out DIR [--campaign C] [--type T] [--model M]
                         [--from D] [--to D] [--timezone TZ] [options]
      PATH is an .xlsx file or a folder of CSV tabs (Campaigns.csv, Assets.csv, ...). DIR must be
      outside the workbook's folder.
  campaign-sheets eval --workbook PATH 'FORMULA(args)' [--timezone TZ]
      Prints a formula's result as CSV, e.g. 'MODEL_COMPARISON("revenue")'.

Report options:
  --campaign C              Campaign ID or name (default: the first campaign)
  --type T                  contact create | deal create | revenue (default revenue)
  --model M                 attribution model (default Linear)
  --from D, --to D          whole days in the time zone, e.g. 2026-01-01
  --preset P                a date range such as "last 90 days" (instead of --from/--to)
  --timezone TZ             IANA time zone of the workbook (default UTC)
  --currency CODE           ISO currency code for money formats (default USD)
  --frequency F             daily | monthly (default: monthly for ranges over 90 days)
  --contact-attribution A   first touch | last touch (default first touch)
  --half-life DAYS          time-decay half-life (default 7)
  --lookback DAYS           only count interactions this many days before a conversion
  --eligible LIST           interaction types that earn credit, separated by ;
  --deal-create-eligible LIST, --revenue-eligible LIST
                            the same for deal create / revenue reports (default: --eligible's)
  --copy-sources            copy the source tabs into ${XLSX_NAME} even above ${SOURCE_COPY_LIMIT.toLocaleString('en-US')} cells
  --allow-skipped           exit with status 0 even when the data check skipped rows or cells
  --quiet                   print no progress

Exit status: 0 done; 2 bad arguments or an unreadable workbook; 3 done, but rows or cells were
skipped (listed on stderr and in the Data check tab); 130/143 stopped by Ctrl+C / a kill (outputs
are then as they were before the run).

${WAREHOUSE_HELP}
Formulas:
${FORMULAS.map((f) => '  ' + signature(f)).join('\n')}
`;

const QUERY_FLAGS = ['campaign', 'type', 'model', 'from', 'to', 'preset', 'frequency', 'contact-attribution'];
export const SETTINGS_FLAGS = ['timezone', 'currency', 'half-life', 'lookback', 'eligible', 'deal-create-eligible', 'revenue-eligible'];
export const REPORT_FLAGS = ['workbook', 'out', ...QUERY_FLAGS, ...SETTINGS_FLAGS, 'allow-skipped', 'quiet', 'copy-sources'];

/** A message from the tool, with anything from data in it made safe for the terminal. */
const say = (msg: string) => process.stderr.write(printable(msg) + '\n');
const print = (text: string) => process.stdout.write(printable(text));

/** A subcommand: its flags (null: it checks its own, per sub-subcommand), and what it does. */
export interface Command {
  flags: string[] | null;
  run(args: ParsedArgs): Promise<number>;
}

// The warehouse commands load DuckDB and BigQuery's client only when asked for.
const warehouse = () => import('./warehouse-command');

export const COMMANDS: Record<string, Command> = {
  demo: { flags: [...REPORT_FLAGS.filter((f) => f !== 'workbook'), 'seed'], run: demo },
  report: { flags: [...REPORT_FLAGS, 'warehouse'], run: async (args) => (args.flags.has('warehouse') ? (await warehouse()).warehouseReport(args) : report(args)) },
  eval: { flags: ['workbook', 'warehouse', ...SETTINGS_FLAGS], run: async (args) => (args.flags.has('warehouse') ? (await warehouse()).warehouseEval(args) : evaluate(args)) },
  warehouse: { flags: null, run: async (args) => (await warehouse()).warehouseCommand(args) },
};

export async function main(argv: string[]): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    say((e as Error).message);
    return 2;
  }
  const [command] = args.positionals;
  if (!command || args.flags.has('help') || command === 'help') {
    process.stdout.write(HELP);
    return command || args.flags.has('help') ? 0 : 2;
  }
  const cmd = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!cmd) {
    say(`Unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}. Run campaign-sheets --help.`);
    return 2;
  }
  try {
    if (cmd.flags) checkFlags(args, cmd.flags);
    return await cmd.run(args);
  } catch (e) {
    if (e instanceof WorkbookError) {
      say(`The workbook cannot be read: ${e.message}`);
      return 2;
    }
    say(e instanceof OutputFolderError ? e.message : `Error: ${(e as Error).message}`);
    return 2;
  }
}

export function settingsFrom(args: ParsedArgs): Partial<EngineSettings> {
  const num = (name: string) => {
    const v = args.flags.get(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`--${name} must be a number of days, not "${v}".`);
    return n;
  };
  return {
    timeZone: args.flags.get('timezone'),
    currency: args.flags.get('currency')?.toUpperCase(),
    halfLifeDays: num('half-life'),
    lookbackDays: num('lookback'),
    eligibleTypes: typeList(args, 'eligible') ?? undefined,
    dealCreateEligibleTypes: typeList(args, 'deal-create-eligible'),
    revenueEligibleTypes: typeList(args, 'revenue-eligible'),
  };
}

/** A `;`-separated list of interaction types (checked by resolveSettings); null when not given. */
function typeList(args: ParsedArgs, flag: string): EngineSettings['eligibleTypes'] | null {
  const v = args.flags.get(flag);
  return v === undefined ? null : (v.split(/[;,]/).map((s) => s.trim()).filter(Boolean) as EngineSettings['eligibleTypes']);
}

export function queryFrom(args: ParsedArgs): QueryInput {
  return {
    campaign: args.flags.get('campaign'),
    reportType: args.flags.get('type'),
    model: args.flags.get('model'),
    from: args.flags.get('from'),
    to: args.flags.get('to'),
    preset: args.flags.get('preset'),
    frequency: args.flags.get('frequency'),
    contactAttribution: args.flags.get('contact-attribution'),
  };
}

/**
 * Every argument that can be checked without the workbook (all but the campaign), checked before
 * reading it: a typo costs a message, not the minutes of reading a large workbook.
 */
function checkArguments(args: ParsedArgs): EngineSettings {
  const settings = resolveSettings(settingsFrom(args));
  const zone = timeZone(settings.timeZone);
  const q = queryFrom(args);
  const type = parseReportType(q.reportType);
  if (q.model) assertModelServes(parseModel(q.model), type);
  if (q.preset) parsePreset(q.preset);
  parseFrequency(q.frequency);
  parseContactAttribution(q.contactAttribution);
  if (q.from || q.to) rangeFromArgs(q.from, q.to, zone, Date.now());
  return settings;
}

function reportFindings(findings: Finding[], quiet: boolean): number {
  const errors = findings.filter((f) => f.severity === 'error');
  if (findings.length && !quiet) {
    say(`Data check: ${errors.length} error(s), ${findings.length - errors.length} warning(s):`);
    for (const f of findings.slice(0, 20)) say('  ' + printableLine(formatFinding(f)));
    if (findings.length > 20) say(`  ... and ${findings.length - 20} more in the Data check tab.`);
  }
  return errors.length;
}

async function report(args: ParsedArgs): Promise<number> {
  const path = args.flags.get('workbook');
  const out = args.flags.get('out');
  if (!path || !out) {
    say('report needs --workbook PATH and --out DIR. Run campaign-sheets --help.');
    return 2;
  }
  const settings = checkArguments(args);
  const inputs = await workbookFiles(resolve(path));
  await checkOutputFolder(resolve(out), resolve(path), inputs);
  const quiet = args.flags.has('quiet');
  const progress = quiet ? undefined : say;
  progress?.(`Reading ${path}...`);
  const result = await runLocalReport({
    raw: () => readWorkbookPath(resolve(path), { timeZone: settings.timeZone }),
    outDir: resolve(out), query: queryFrom(args), settings, progress, copySources: args.flags.has('copy-sources') || 'auto', htmlInWorker: true,
  });
  const errors = reportFindings(result.analysis.model.workbook.check.findings, quiet);
  printSummary(result, result.timings);
  return errors > 0 && !args.flags.has('allow-skipped') ? 3 : 0;
}

async function demo(args: ParsedArgs): Promise<number> {
  const settings = checkArguments(args);
  const out = resolve(args.flags.get('out') ?? 'out/demo');
  const seed = args.flags.has('seed') ? Number(args.flags.get('seed')) : undefined;
  say('Generating the demo workbook...');
  const t0 = performance.now();
  const raw = generateDemoWorkbook({ seed });
  const generated = performance.now() - t0;
  say(`  ${describe(raw)}`);
  const result = await runLocalReport({
    raw, outDir: out, query: queryFrom(args), settings, progress: say, copySources: args.flags.has('copy-sources') || 'auto', htmlInWorker: true,
  });
  reportFindings(result.analysis.model.workbook.check.findings, false);
  printSummary(result, [{ label: 'generate', ms: generated }, ...result.timings]);
  print(`\nOpen ${result.outputs.htmlFile} in a browser to see the report tabs and charts.\n`);
  return 0;
}

function describe(raw: RawWorkbook): string {
  return Object.entries(raw).map(([tab, rows]) => `${Math.max(0, rows.length - 1).toLocaleString('en-US')} ${tab.toLowerCase()}`).join(', ');
}

function printSummary(r: LocalRunResult, timings: OutputTiming[]): void {
  const a = r.analysis;
  const q = r.query;
  // The sidebar's summary figures (engine/reports/summary.ts), one row per campaign.
  const figures = a.model.workbook.campaigns.map((c) => campaignSummary(a, q, c.index, false).filter((f) => f.label !== 'Date range'));
  const header = figures[0]?.map((f) => f.label) ?? [];
  const rows = figures.map((fs) => fs.map((f) => printableLine(formatCell(f.value, f.format, { currency: a.settings.currency }))));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  print(`\nCampaigns (${rangeOf(a, q).label.toLowerCase()}):\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}\n`);
  print(`\nReport tabs for ${printableLine(a.model.workbook.campaigns[q.campaign]?.name ?? '')} (${q.reportType}, ${q.model}): ${r.tabs.map((t) => printableLine(t.name)).join(', ')}\n`);
  const o = r.outputs;
  print(`Wrote ${o.files.length} files to ${r.files[0]?.replace(/[/\\][^/\\]*$/, '')}: ${o.csvFiles.length} CSV tables (one table each, <tab>--<table>.csv), ${XLSX_NAME}, report.html\n`);
  if (o.xlsxFile && !o.sourcesCopied) {
    print(`${XLSX_NAME} holds the report tabs only: the source tabs have ${o.sourceCells.toLocaleString('en-US')} cells, above the ` +
      `${SOURCE_COPY_LIMIT.toLocaleString('en-US')} copied by default (your workbook already holds them; --copy-sources copies them anyway).\n`);
  }
  print(`Timings: ${timings.map((t) => `${t.label} ${fmt(t.ms)}`).join(', ')}; total ${fmt(timings.reduce((n, t) => n + t.ms, 0))}\n`);
}

const fmt = (ms: number) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);

async function evaluate(args: ParsedArgs): Promise<number> {
  const formula = args.positionals.slice(1).join(' ');
  if (!formula) {
    say(`eval needs a formula, e.g. campaign-sheets eval --workbook PATH 'MODEL_COMPARISON("revenue")'. Formulas:\n${FORMULAS.map((f) => '  ' + signature(f)).join('\n')}`);
    return 2;
  }
  const settings = resolveSettings(settingsFrom(args));
  const parsed = parseFormulaText(formula);
  const spec = FORMULAS.find((f) => f.name === parsed.name);
  let analysis = null;
  if (!spec || spec.needsWorkbook) {
    const path = args.flags.get('workbook');
    if (!path) {
      say(`${parsed.name} reads the workbook: give --workbook PATH.`);
      return 2;
    }
    const { workbook, cells } = await readParsedWorkbook(resolve(path), settings.timeZone);
    collectGarbage(cells);
    analysis = analyseWorkbook(workbook, settings);
    const errors = analysis.model.workbook.check.findings.filter((f) => f.severity === 'error');
    if (errors.length) say(`Data check: ${errors.length} row(s) or cell(s) skipped; run report to see them all. First: ${printableLine(formatFinding(errors[0]))}`);
  }
  print(formulaCsv(runFormula(analysis && liveData(analysis), parsed.name, parsed.args)));
  return 0;
}

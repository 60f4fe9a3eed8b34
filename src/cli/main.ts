/**
 * @fileoverview `campaign-sheets`: the engine from the command line. `demo` reports on a generated
 * workbook, `report` on an .xlsx file or a folder of CSV tabs, `eval` prints a formula's result.
 */
import { liveData } from '../engine/formulas/live-data';
import { resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { checkFlags, parseArgs, type ParsedArgs } from '../shared/command-line';
import { readWorkbookPath } from '../files/read-workbook-files';
import { runLocalReport, type LocalRunResult } from '../files/run-report';
import { parseFormulaText } from './formula-text';
import { analyse } from '../engine/analysis';
import { runFormula, FORMULAS, signature } from '../engine/formulas/formulas';
import { WorkbookError, formatFinding } from '../engine/workbook/data-check';
import type { EngineSettings } from '../engine/settings';
import type { QueryInput } from '../engine/reports/query';
import { campaignSummary } from '../engine/reports/summary';
import { formatCell } from '../engine/report-tab/display-format';
import { rangeOf } from '../engine/reports/query';
import { generateDemoWorkbook } from '../demo/generate';
import type { RawWorkbook } from '../engine/workbook/raw';

const HELP = `campaign-sheets: campaign analytics and multi-touch attribution on a workbook.

Usage:
  campaign-sheets demo [--out DIR] [--campaign C] [--seed N]
      Generates a realistic demo workbook and writes every report (CSV, xlsx, report.html).
  campaign-sheets report --workbook PATH --out DIR [--campaign C] [--type T] [--model M]
                         [--from D] [--to D] [--timezone TZ] [options]
      PATH is an .xlsx file or a folder of CSV tabs (Campaigns.csv, Assets.csv, ...).
  campaign-sheets eval --workbook PATH 'FORMULA(args)' [--timezone TZ]
      Prints a formula's result as CSV, e.g. 'MODEL_COMPARISON("revenue")'.

Report options:
  --campaign C              Campaign ID or name (default: the first campaign)
  --type T                  contact create | deal create | revenue (default revenue)
  --model M                 attribution model (default Linear)
  --from D, --to D          whole days in the time zone, e.g. 2026-01-01
  --timezone TZ             IANA time zone of the workbook (default UTC)
  --currency CODE           ISO currency code for money formats (default USD)
  --frequency F             daily | monthly (default: monthly for ranges over 90 days)
  --contact-attribution A   first touch | last touch (default first touch)
  --half-life DAYS          time-decay half-life (default 7)
  --lookback DAYS           only count interactions this many days before a conversion
  --eligible LIST           interaction types that earn credit, separated by ;
  --allow-skipped           exit with status 0 even when the data check skipped rows or cells

Exit status: 0 done; 2 bad arguments or an unreadable workbook; 3 done, but rows or cells were
skipped (listed on stderr and in the Data check tab).

Formulas:
${FORMULAS.map((f) => '  ' + signature(f)).join('\n')}
`;

const REPORT_FLAGS = ['workbook', 'out', 'campaign', 'type', 'model', 'from', 'to', 'timezone', 'currency', 'frequency',
  'contact-attribution', 'half-life', 'lookback', 'eligible', 'allow-skipped', 'quiet', 'preset'];

const say = (msg: string) => process.stderr.write(msg + '\n');

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
  try {
    switch (command) {
      case 'demo': return await demo(args);
      case 'report': return await report(args);
      case 'eval': return await evaluate(args);
      default:
        say(`Unknown command "${command}". Commands: demo, report, eval. Run campaign-sheets --help.`);
        return 2;
    }
  } catch (e) {
    if (e instanceof WorkbookError) {
      say(`The workbook cannot be read: ${e.message}`);
      return 2;
    }
    say(`Error: ${(e as Error).message}`);
    return 2;
  }
}

function settingsFrom(args: ParsedArgs): Partial<EngineSettings> {
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
    eligibleTypes: args.flags.get('eligible')?.split(/[;,]/).map((s) => s.trim()).filter(Boolean) as EngineSettings['eligibleTypes'] | undefined,
  };
}

function queryFrom(args: ParsedArgs): QueryInput {
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

function reportFindings(result: LocalRunResult, quiet: boolean): number {
  const findings = result.analysis.model.workbook.check.findings;
  const errors = findings.filter((f) => f.severity === 'error');
  if (findings.length && !quiet) {
    say(`Data check: ${errors.length} error(s), ${findings.length - errors.length} warning(s):`);
    for (const f of findings.slice(0, 20)) say('  ' + formatFinding(f));
    if (findings.length > 20) say(`  ... and ${findings.length - 20} more in the Data check tab.`);
  }
  return errors.length;
}

async function report(args: ParsedArgs): Promise<number> {
  checkFlags(args, REPORT_FLAGS);
  const path = args.flags.get('workbook');
  const out = args.flags.get('out');
  if (!path || !out) {
    say('report needs --workbook PATH and --out DIR. Run campaign-sheets --help.');
    return 2;
  }
  const quiet = args.flags.has('quiet');
  const progress = quiet ? undefined : say;
  progress?.(`Reading ${path}...`);
  const raw = await readWorkbookPath(resolve(path), { timeZone: args.flags.get('timezone') ?? 'UTC' });
  const result = await runLocalReport({ raw, outDir: resolve(out), query: queryFrom(args), settings: settingsFrom(args), progress, htmlInWorker: true });
  const errors = reportFindings(result, quiet);
  printSummary(result);
  return errors > 0 && !args.flags.has('allow-skipped') ? 3 : 0;
}

async function demo(args: ParsedArgs): Promise<number> {
  checkFlags(args, [...REPORT_FLAGS, 'seed']);
  const out = resolve(args.flags.get('out') ?? 'out/demo');
  const seed = args.flags.has('seed') ? Number(args.flags.get('seed')) : undefined;
  say('Generating the demo workbook...');
  const t0 = performance.now();
  const raw = generateDemoWorkbook({ seed });
  const generated = performance.now() - t0;
  say(`  ${describe(raw)} in ${(generated / 1000).toFixed(1)} s`);
  const result = await runLocalReport({ raw, outDir: out, query: queryFrom(args), settings: settingsFrom(args), progress: say, htmlInWorker: true });
  reportFindings(result, false);
  printSummary(result);
  process.stdout.write(`\nOpen ${result.files.find((f) => f.endsWith('.html'))} in a browser to see the report tabs and charts.\n`);
  return 0;
}

function describe(raw: RawWorkbook): string {
  return Object.entries(raw).map(([tab, rows]) => `${Math.max(0, rows.length - 1).toLocaleString('en-US')} ${tab.toLowerCase()}`).join(', ');
}

function printSummary(r: LocalRunResult): void {
  const a = r.analysis;
  const q = r.query;
  // The sidebar's summary figures (engine/reports/summary.ts), one row per campaign.
  const figures = a.model.workbook.campaigns.map((c) => campaignSummary(a, q, c.index, false).filter((f) => f.label !== 'Date range'));
  const header = figures[0]?.map((f) => f.label) ?? [];
  const rows = figures.map((fs) => fs.map((f) => formatCell(f.value, f.format, { currency: a.settings.currency })));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  process.stdout.write(`\nCampaigns (${rangeOf(a, q).label.toLowerCase()}):\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}\n`);
  process.stdout.write(`\nReport tabs for ${a.model.workbook.campaigns[q.campaign]?.name} (${q.reportType}, ${q.model}): ${r.tabs.map((t) => t.name).join(', ')}\n`);
  process.stdout.write(`Wrote ${r.files.length} files to ${r.files[0]?.replace(/[/\\][^/\\]*$/, '')}\n`);
  const t = r.timings;
  process.stdout.write(`Timings: read ${fmt(t.read)}, compute ${fmt(t.compute)}, write ${fmt(t.write)}, html ${fmt(t.html)}\n`);
}

const fmt = (ms: number | undefined) => (ms === undefined ? '-' : ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);

async function evaluate(args: ParsedArgs): Promise<number> {
  checkFlags(args, ['workbook', 'timezone', 'currency', 'half-life', 'lookback', 'eligible']);
  const formula = args.positionals.slice(1).join(' ');
  if (!formula) {
    say(`eval needs a formula, e.g. campaign-sheets eval --workbook PATH 'MODEL_COMPARISON("revenue")'. Formulas:\n${FORMULAS.map((f) => '  ' + signature(f)).join('\n')}`);
    return 2;
  }
  const parsed = parseFormulaText(formula);
  const spec = FORMULAS.find((f) => f.name === parsed.name);
  let analysis = null;
  if (!spec || spec.needsWorkbook) {
    const path = args.flags.get('workbook');
    if (!path) {
      say(`${parsed.name} reads the workbook: give --workbook PATH.`);
      return 2;
    }
    const raw = await readWorkbookPath(resolve(path), { timeZone: args.flags.get('timezone') ?? 'UTC' });
    analysis = analyse(raw, settingsFrom(args));
    const errors = analysis.model.workbook.check.findings.filter((f) => f.severity === 'error');
    if (errors.length) say(`Data check: ${errors.length} row(s) or cell(s) skipped; run report to see them all. First: ${formatFinding(errors[0])}`);
  }
  const result = runFormula(analysis && liveData(analysis), parsed.name, parsed.args);
  const table = Array.isArray(result) ? result : [[result]];
  process.stdout.write(stringify(table.map((row) => row.map((c) => (typeof c === 'number' ? roundForCsv(c) : c ?? '')))));
  return 0;
}

/** Six decimals are what a spreadsheet shows and what hand-solved examples are checked to. */
const roundForCsv = (v: number) => String(Math.round(v * 1e6) / 1e6);

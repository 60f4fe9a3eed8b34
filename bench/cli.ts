/**
 * @fileoverview The command line's side of `npm run bench`: for each workload, the demo workbook
 * written as a CSV folder and as an .xlsx (kept in out/bench-inputs/ between runs), then in the same
 * run: the engine's parse and full refresh, reading the CSV folder against a byte-scanning floor
 * (read the files, split lines and cells with no quote handling) and against five CSV parsers,
 * and `report` and `eval` run as a user runs them (a child process each: wall time and peak memory).
 */
import { settledHeap } from './settled-heap';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENCH_SIZES, generateDemoWorkbook, type DemoOptions } from '../src/demo/generate';
import { readWorkbookPath } from '../src/files/read-workbook-files';
import { writeWorkbookCsv, writeWorkbookXlsx } from '../src/files/write-workbook';
import { readWorkbook } from '../src/engine/workbook/read-workbook';
import { analyseWorkbook } from '../src/engine/analysis';
import { resolveSettings } from '../src/engine/settings';
import { buildReports, REPORT_KEYS } from '../src/engine/reports/all-reports';
import { resolveQuery } from '../src/engine/reports/query';

const here = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(here, '..');
const BIN = join(ROOT, 'bin', 'campaign-sheets.mjs');
const PEAK = join(ROOT, 'test', 'helpers', 'peak-rss.mjs');
/** The bench's fixed "now", as in bench.ts. */
const END = Date.UTC(2026, 9, 1);

/**
 * The bench's workloads, plus the 600,000-interaction workbook of issue 14 (10.3 M cells: more
 * than a Sheets grid holds, which the command line reads as a CSV folder or an .xlsx): the
 * command line's targets are measured on it.
 */
export const CLI_SIZES: Record<'small' | 'medium' | 'large' | 'xl', DemoOptions> = {
  ...BENCH_SIZES,
  xl: { seed: 42, days: 365, campaigns: 40, assets: 1_200, contacts: 100_000, deals: 20_000, interactions: 600_000, anonymousVisitors: 100_000 },
};
export type CliWorkload = keyof typeof CLI_SIZES;
type Workload = CliWorkload;

export const PARSERS = ['papaparse', 'uDSV', 'd3-dsv', 'csv-parse', 'csv-parser'] as const;

export interface CliFigures {
  workload: Workload;
  csvMb: number;
  xlsxMb: number;
  /** Reading the files and splitting lines and cells naively: what no parser can beat. */
  floorMs: number;
  /** readWorkbookPath on the CSV folder: the CLI's reader. */
  csvReadMs: number;
  parsersMs: Record<string, number>;
  /** The engine's parse (data contract) and full refresh (every report tab), in one process. */
  engineParseMs: number;
  engineRefreshMs: number;
  xlsxReadMs: number;
  runs: Record<'report csv' | 'report xlsx' | 'eval csv' | 'eval xlsx', { ms: number; cpuMs: number; peakMb: number; code: number }>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Writes the workload's CSV folder and .xlsx once; later runs reuse them. */
async function inputsFor(w: Workload): Promise<{ csvDir: string; xlsx: string }> {
  const dir = join(ROOT, 'out', 'bench-inputs', w);
  const stamp = join(dir, 'stamp.json');
  const want = JSON.stringify({ ...CLI_SIZES[w], end: END, version: 1 });
  const csvDir = join(dir, 'csv');
  const xlsx = join(dir, 'workbook.xlsx');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return { csvDir, xlsx };
  rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`Writing the ${w} workbook as CSV and .xlsx (kept in ${dir} for later runs)...\n`);
  const raw = generateDemoWorkbook({ ...CLI_SIZES[w], end: new Date(END) });
  await writeWorkbookCsv(raw, csvDir);
  await writeWorkbookXlsx(raw, xlsx);
  writeFileSync(stamp, want);
  return { csvDir, xlsx };
}

const sizeMb = (path: string) => {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size / 1e6;
  return readdirSync(path).reduce((n, f) => n + statSync(join(path, f)).size, 0) / 1e6;
};

/**
 * In a child process of its own: the reading and engine figures, as CPU time (user + system): on a
 * machine shared with other work, wall time measures the neighbours as much as the code.
 */
async function childFigures(csvDir: string, xlsx: string, runs: number) {
  const time = async (f: () => unknown) => {
    settledHeap();
    const c0 = process.cpuUsage();
    await f();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  const files = readdirSync(csvDir).map((f) => join(csvDir, f));
  const floor: number[] = [];
  const read: number[] = [];
  const parse: number[] = [];
  const refresh: number[] = [];
  const xlsxRead: number[] = [];
  const parsers: Record<string, number[]> = {};
  const texts = async () => Promise.all(files.map((f) => readFile(f, 'utf8')));
  const Papa = (await import('papaparse')).default;
  const { inferSchema, initParser } = await import('udsv');
  const { csvParseRows } = await import('d3-dsv');
  const { parse: csvParse } = await import('csv-parse/sync');
  const csvParser = (await import('csv-parser')).default;
  const { Readable } = await import('node:stream');
  const run: Record<(typeof PARSERS)[number], (t: string) => unknown> = {
    papaparse: (t) => Papa.parse(t, { delimiter: ',' }).data,
    uDSV: (t) => initParser(inferSchema(t)).stringArrs(t),
    'd3-dsv': (t) => csvParseRows(t),
    'csv-parse': (t) => csvParse(t, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }),
    'csv-parser': (t) => new Promise((res) => {
      const rows: string[][] = [];
      Readable.from([t]).pipe(csvParser({ headers: false })).on('data', (r: Record<string, string>) => rows.push(Object.values(r))).on('end', () => res(rows));
    }),
  };
  for (let k = 0; k < runs; k++) {
    floor.push(await time(async () => { for (const t of await texts()) t.split('\n').map((l) => l.split(',')); }));
    read.push(await time(() => readWorkbookPath(csvDir)));
    for (const p of PARSERS) (parsers[p] ??= []).push(await time(async () => { for (const t of await texts()) await run[p](t); }));
    const raw = await readWorkbookPath(csvDir);
    const settings = resolveSettings({});
    let wb!: ReturnType<typeof readWorkbook>;
    parse.push(await time(() => (wb = readWorkbook(raw, { timeZone: settings.timeZone }))));
    refresh.push(await time(() => {
      const a = analyseWorkbook(wb, settings, END);
      buildReports(a, resolveQuery(a, {}), REPORT_KEYS);
    }));
    xlsxRead.push(await time(() => readWorkbookPath(xlsx, { timeZone: 'UTC' })));
  }
  return {
    floorMs: median(floor), csvReadMs: median(read), engineParseMs: median(parse), engineRefreshMs: median(refresh), xlsxReadMs: median(xlsxRead),
    parsersMs: Object.fromEntries(Object.entries(parsers).map(([k, v]) => [k, median(v)])),
  };
}

/** One command line run, as a user runs it: wall time from spawn to exit, and its peak memory. */
function runCli(args: string[]): Promise<{ ms: number; cpuMs: number; peakMb: number; code: number }> {
  return new Promise((done) => {
    const t0 = performance.now();
    execFile(process.execPath, ['--import', PEAK, BIN, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 }, (err, _stdout, stderr) => {
      const ms = performance.now() - t0;
      const peak = /peak-rss-mb (\d+) cpu-ms (\d+)/.exec(stderr);
      const code = err ? Number((err as { code?: number }).code ?? 1) : 0;
      if (code !== 0 && code !== 3) process.stderr.write(stderr);
      done({ ms, cpuMs: peak ? Number(peak[2]) : NaN, peakMb: peak ? Number(peak[1]) : NaN, code });
    });
  });
}

export async function cliFigures(w: Workload): Promise<CliFigures> {
  const { csvDir, xlsx } = await inputsFor(w);
  process.stderr.write(`Command line, ${w} workload: reading, parsers and engine...\n`);
  // Medians of three: one run's CPU time swings by a third on a shared machine.
  const runs = 3;
  const child = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', csvDir, xlsx, String(runs)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20, cwd: ROOT }).trim().split('\n').pop()!) as Awaited<ReturnType<typeof childFigures>>;
  const out = join(ROOT, 'out', 'bench-cli', w);
  const cliRuns = {} as CliFigures['runs'];
  for (const [label, args] of [
    ['report csv', ['report', '--workbook', csvDir, '--out', join(out, 'csv'), '--quiet']],
    ['report xlsx', ['report', '--workbook', xlsx, '--out', join(out, 'xlsx'), '--quiet']],
    ['eval csv', ['eval', '--workbook', csvDir, 'MODEL_COMPARISON("revenue")']],
    ['eval xlsx', ['eval', '--workbook', xlsx, 'MODEL_COMPARISON("revenue")']],
  ] as const) {
    process.stderr.write(`Command line, ${w} workload: ${label}...\n`);
    mkdirSync(out, { recursive: true });
    cliRuns[label] = await runCli([...args]);
  }
  return { workload: w, csvMb: sizeMb(csvDir), xlsxMb: sizeMb(xlsx), ...child, runs: cliRuns };
}

const s = (ms: number) => (ms / 1000).toFixed(2);

/**
 * The command line's tables for the README and its targets on the largest workload. Ratios are of
 * CPU time (wall times are shown too): the engine's and the readers' are measured the same way.
 */
export function cliReport(figures: CliFigures[]): { lines: string[]; targets: Record<string, boolean> | null } {
  const lines: string[] = [];
  lines.push('| workload | CSV MB | xlsx MB | engine parse + refresh CPU s | report CSV CPU s (wall) | report xlsx CPU s (wall) | eval CSV CPU s (wall) | eval xlsx CPU s (wall) | report CSV / engine | report xlsx / report CSV | peak MB report CSV / xlsx |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const f of figures) {
    const engine = f.engineParseMs + f.engineRefreshMs;
    const run = (k: keyof CliFigures['runs']) => `${s(f.runs[k].cpuMs)} (${s(f.runs[k].ms)})`;
    lines.push(`| ${f.workload} | ${f.csvMb.toFixed(0)} | ${f.xlsxMb.toFixed(0)} | ${s(engine)} | ${run('report csv')} | ${run('report xlsx')} | ` +
      `${run('eval csv')} | ${run('eval xlsx')} | ${(f.runs['report csv'].cpuMs / engine).toFixed(2)} | ` +
      `${(f.runs['report xlsx'].cpuMs / f.runs['report csv'].cpuMs).toFixed(2)} | ${f.runs['report csv'].peakMb} / ${f.runs['report xlsx'].peakMb} |`);
  }
  lines.push('', `| workload | floor: read + split CPU s | our CSV reader CPU s | reader / floor | xlsx reader CPU s | ${PARSERS.map((p) => `${p} CPU s`).join(' | ')} |`);
  lines.push('|---|---:|---:|---:|---:|' + '---:|'.repeat(PARSERS.length));
  for (const f of figures) {
    lines.push(`| ${f.workload} | ${s(f.floorMs)} | ${s(f.csvReadMs)} | ${(f.csvReadMs / f.floorMs).toFixed(2)} | ${s(f.xlsxReadMs)} | ${PARSERS.map((p) => `${s(f.parsersMs[p])} (${(f.parsersMs[p] / f.floorMs).toFixed(1)}×)`).join(' | ')} |`);
  }
  const large = figures.find((f) => f.workload === 'xl');
  const targets = large ? {
    reportCsvAtMost3xEngine: large.runs['report csv'].cpuMs <= 3 * (large.engineParseMs + large.engineRefreshMs),
    reportPeakUnder1_5GB: large.runs['report csv'].peakMb < 1536 && large.runs['report xlsx'].peakMb < 1536,
    reportXlsxAtMost2xCsv: large.runs['report xlsx'].cpuMs <= 2 * large.runs['report csv'].cpuMs,
    csvReadWithin2xFloor: large.csvReadMs <= 2 * large.floorMs,
  } : null;
  return { lines, targets };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2] === '--child') {
  const [csvDir, xlsx, runs] = process.argv.slice(3);
  process.stdout.write(JSON.stringify(await childFigures(csvDir, xlsx, Number(runs))) + '\n');
}

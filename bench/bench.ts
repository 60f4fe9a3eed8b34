/**
 * @fileoverview `npm run bench`: the engine's speed and memory on workloads shaped as getValues()
 * returns them, up to the Sheets cell limit, and the Apps Script adapter's service calls and
 * cells on the strict fakes. Each workload runs in its own process so peak memory is its own.
 * Prints a table and JSON, and writes out/bench.json.
 */
import { settledHeap } from './settled-heap';
import { liveData } from '../src/engine/formulas/live-data';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_SIZES, generateDemoWorkbook, type DemoOptions } from '../src/demo/generate';
import { analyse, conversionsOf, emptyCache, type Analysis } from '../src/engine/analysis';
import { buildReports, REPORT_KEYS } from '../src/engine/reports/all-reports';
import { resolveQuery } from '../src/engine/reports/query';
import { runFormula } from '../src/engine/formulas/formulas';
import { attribute } from '../src/engine/attribution/credit';
import { REPORT_TYPES } from '../src/engine/attribution/catalog';
import { allData } from '../src/engine/time/range';
import { buildFormulaStore } from '../src/engine/formula-store/store';
import type { RawWorkbook } from '../src/engine/workbook/raw';
import { sheetsFigures, sheetsTables, type SheetsFigures } from './sheets';
import { CLI_SIZES, cliFigures, cliReport, type CliFigures, type CliWorkload } from './cli';

const here = fileURLToPath(new URL('.', import.meta.url));
const WORKLOADS = ['small', 'medium', 'large'] as const;
type Workload = (typeof WORKLOADS)[number];
/** A fixed "now" just after the generated data, so every run computes the same thing. */
const END = Date.UTC(2026, 9, 1);

export interface EngineFigures {
  workload: Workload | 'xl';
  interactions: number;
  contacts: number;
  deals: number;
  campaigns: number;
  assetRows: number;
  sourceCells: number;
  runs: number;
  generateMs: number;
  parseMs: number;
  reportsMs: Record<string, number>;
  modelComparisonMs: Record<string, number>;
  /** Conversions and their paths for the three report types: shared by every model. */
  pathsMs: number;
  /** Markov alone for the three report types (journeys, chain, credit), beyond parsing and paths. */
  markovMs: number;
  shapleyMs: number;
  /** Per report type: one journey set (what ChannelAttribution's figures are for). */
  markovByTypeMs: Record<string, number>;
  shapleyByTypeMs: Record<string, number>;
  fullRefreshMs: number;
  formulaStoreMs: number;
  /**
   * CPU time (ms) of parsing, the formula store, and Markov plus Shapley for all three report types
   * on one analysis with its paths built (as a refresh runs them: journeys shared by both models).
   */
  parseCpuMs: number;
  formulaStoreCpuMs: number;
  dataDrivenCpuMs: number;
  /** Peak resident memory of one full refresh in its own process (see peakFigures). */
  peakRssMb: number;
}


const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Each measurement starts from a collected, swept heap, as a fresh execution would (settled-heap.ts). */
let lastCpuMs = 0;
const time = (f: () => unknown) => {
  settledHeap();
  const c = process.cpuUsage();
  const t = performance.now();
  f();
  const wall = performance.now() - t;
  const cpu = process.cpuUsage(c);
  // CPU time of this process: what the engine's ratio targets are stated in, since on a shared
  // machine wall time also counts other processes' turns.
  lastCpuMs = (cpu.user + cpu.system) / 1000;
  return wall;
};
const cpuOfLast = () => lastCpuMs;
/** The same model with nothing computed yet: each measurement starts cold. */
const fresh = (a: Analysis): Analysis => ({ ...a, cache: emptyCache() });
const optionsOf = (w: Workload | 'xl'): DemoOptions => ({ ...(w === 'xl' ? CLI_SIZES.xl : BENCH_SIZES[w]), end: new Date(END) });
const cells = (raw: RawWorkbook) => Object.values(raw).reduce((n, t) => n + t.length * (t[0]?.length ?? 0), 0);

function engineFigures(w: Workload | 'xl', runs: number): EngineFigures {
  let raw: RawWorkbook = {};
  const generateMs = time(() => (raw = generateDemoWorkbook(optionsOf(w))));
  const parse: number[] = [];
  const reports: Record<string, number[]> = {};
  const comparison: Record<string, number[]> = {};
  const markov: number[] = [];
  const paths: number[] = [];
  const markovByType: Record<string, number[]> = {};
  const shapleyByType: Record<string, number[]> = {};
  const shapley: number[] = [];
  const refresh: number[] = [];
  const store: number[] = [];
  const parseCpu: number[] = [];
  const storeCpu: number[] = [];
  const dataDrivenCpu: number[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let r = 0; r < runs; r++) {
    // The previous run's garbage is not this run's memory.
    gc?.();
    let a!: Analysis;
    parse.push(time(() => (a = analyse(raw, {}, END))));
    parseCpu.push(cpuOfLast());
    const q = resolveQuery(a, {});
    for (const key of REPORT_KEYS) (reports[key] ??= []).push(time(() => buildReports(fresh(a), q, [key])));
    for (const type of REPORT_TYPES) (comparison[type] ??= []).push(time(() => runFormula(liveData(fresh(a)), 'MODEL_COMPARISON', [type])));
    const all = allData(a.zone, a.now);
    // A data-driven model alone: its journeys, fit and credit for all three report types, on paths
    // that every model shares (built first, timed as `pathsMs`).
    const withPaths = () => {
      const b = fresh(a);
      for (const t of REPORT_TYPES) conversionsOf(b, t);
      return b;
    };
    paths.push(time(() => withPaths()));
    for (const [model, totals, byType] of [['Markov', markov, markovByType], ['Shapley', shapley, shapleyByType]] as const) {
      const b = withPaths();
      let sum = 0;
      for (const t of REPORT_TYPES) {
        // Per report type: one set of journeys (about 200,000 at the largest size), fitted and credited.
        const ms = time(() => attribute(b, t, model, all));
        (byType[t] ??= []).push(ms);
        sum += ms;
      }
      totals.push(sum);
    }
    // Both models on one analysis, as a refresh runs them: each report type's journeys are built
    // once and read by both solvers (the per-model times above build them for each). Timed as one
    // block, as a refresh runs them.
    const both = withPaths();
    time(() => {
      for (const t of REPORT_TYPES) for (const model of ['Markov', 'Shapley'] as const) attribute(both, t, model, all);
    });
    dataDrivenCpu.push(cpuOfLast());
    const b = fresh(a);
    refresh.push(time(() => buildReports(b, q, REPORT_KEYS)));
    // The store reuses what the refresh computed, as it does in the add-on.
    store.push(time(() => buildFormulaStore(b)));
    storeCpu.push(cpuOfLast());
  }
  const rows = (t: string) => Math.max(0, (raw[t]?.length ?? 1) - 1);
  return {
    workload: w, interactions: rows('Interactions'), contacts: rows('Contacts'), deals: rows('Deals'), campaigns: rows('Campaigns'),
    assetRows: rows('Assets'), sourceCells: cells(raw), runs, generateMs, parseMs: median(parse),
    reportsMs: Object.fromEntries(Object.entries(reports).map(([k, v]) => [k, median(v)])),
    modelComparisonMs: Object.fromEntries(Object.entries(comparison).map(([k, v]) => [k, median(v)])),
    pathsMs: median(paths), markovMs: median(markov), shapleyMs: median(shapley),
    markovByTypeMs: Object.fromEntries(Object.entries(markovByType).map(([k, v]) => [k, median(v)])),
    shapleyByTypeMs: Object.fromEntries(Object.entries(shapleyByType).map(([k, v]) => [k, median(v)])), fullRefreshMs: median(refresh), formulaStoreMs: median(store),
    parseCpuMs: median(parseCpu), formulaStoreCpuMs: median(storeCpu), dataDrivenCpuMs: median(dataDrivenCpu),
    peakRssMb: 0,
  };
}

/**
 * Peak memory of one full refresh on its own: a fresh process generates the workload (the tables
 * getValues would return), parses it, computes every report tab and the formula store once.
 */
function peakFigures(w: Workload): { workload: Workload; peakRssMb: number } {
  const raw = generateDemoWorkbook(optionsOf(w));
  const a = analyse(raw, {}, END);
  buildReports(a, resolveQuery(a, {}), REPORT_KEYS);
  buildFormulaStore(a);
  return { workload: w, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

function child(args: string[]): unknown {
  const out = execFileSync(process.execPath, ['--expose-gc', join(here, 'run.mjs'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const s = (ms: number) => (ms / 1000).toFixed(2);

/** Issue 14's engine targets on its 600,000-interaction workbook: CPU time in one process. */
function engineXl(): EngineFigures & { ratios: { formulaStore: number; markovPlusShapley: number } } {
  // Medians of three runs in one process: one run's CPU time swings by a third on a shared machine.
  const e = child(['--child', 'engine', 'xl', '3']) as EngineFigures;
  const result = { ...e, ratios: { formulaStore: e.formulaStoreCpuMs / e.parseCpuMs, markovPlusShapley: e.dataDrivenCpuMs / e.parseCpuMs } };
  mkdirSync('out', { recursive: true });
  writeFileSync(join('out', 'bench-engine-xl.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, ...result }, null, 2) + '\n');
  return result;
}

function engineXlLine(e: ReturnType<typeof engineXl>): string {
  return `Engine targets (600,000 interactions, CPU time): parse ${s(e.parseCpuMs)} s; formula store ${s(e.formulaStoreCpuMs)} s = ${e.ratios.formulaStore.toFixed(2)}× parse (at most 0.3: ${e.ratios.formulaStore <= 0.3 ? 'met' : 'MISSED'}); ` +
    `Markov + Shapley for three report types ${s(e.dataDrivenCpuMs)} s = ${e.ratios.markovPlusShapley.toFixed(2)}× parse (at most 0.5: ${e.ratios.markovPlusShapley <= 0.5 ? 'met' : 'MISSED'})`;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--warehouse')) return (await import('./warehouse')).main(argv);
  if (argv.includes('--engine=xl')) {
    process.stdout.write(engineXlLine(engineXl()) + '\n');
    return 0;
  }
  if (argv.includes('--local')) {
    const { localFigures, localReport } = await import('./local');
    const figures = await localFigures();
    mkdirSync('out', { recursive: true });
    writeFileSync(join('out', 'bench-local.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, ...figures }, null, 2) + '\n');
    process.stdout.write(localReport(figures).join('\n') + '\n');
    return 0;
  }
  const i = argv.indexOf('--child');
  if (i >= 0) {
    const [kind, w, runs] = argv.slice(i + 1);
    const result = kind === 'engine' ? engineFigures(w as Workload, Number(runs)) : kind === 'peak' ? peakFigures(w as Workload) : await sheetsFigures(w, generateDemoWorkbook(optionsOf(w as Workload)), END);
    process.stdout.write(JSON.stringify(result) + '\n');
    return 0;
  }
  const quick = argv.includes('--quick');
  const workloads = quick ? (['small', 'medium'] as const) : WORKLOADS;
  const engine: EngineFigures[] = [];
  const adapter: SheetsFigures[] = [];
  const cli: CliFigures[] = [];
  // `--cli`: the command line's figures only (bench/cli.ts); `--cli=xl` one of its workloads.
  const cliOnly = argv.find((a) => a.startsWith('--cli='))?.slice(6) as CliWorkload | undefined;
  for (const w of cliOnly ? [cliOnly] : [...workloads, ...(quick ? [] : ['xl'] as const)]) cli.push(await cliFigures(w));
  const cliTables = cliReport(cli);
  if (argv.includes('--cli') || cliOnly) {
    const json = { date: new Date().toISOString(), node: process.version, cli, targets: cliTables.targets };
    mkdirSync('out', { recursive: true });
    writeFileSync(join('out', 'bench-cli.json'), JSON.stringify(json, null, 2) + '\n');
    process.stdout.write(cliTables.lines.join('\n') + '\n\n');
    if (cliTables.targets) process.stdout.write('Command-line targets (600,000 interactions): ' + Object.entries(cliTables.targets).map(([k, v]) => `${k} ${v ? 'met' : 'MISSED'}`).join(', ') + '\n');
    return 0;
  }
  for (const w of workloads) {
    process.stderr.write(`Engine, ${w} workload...\n`);
    const e = child(['--child', 'engine', w, w === 'large' ? '3' : '5']) as EngineFigures;
    process.stderr.write(`Peak memory of one refresh, ${w} workload...\n`);
    e.peakRssMb = (child(['--child', 'peak', w]) as { peakRssMb: number }).peakRssMb;
    engine.push(e);
    process.stderr.write(`Apps Script adapter on fakes, ${w} workload...\n`);
    adapter.push(child(['--child', 'adapter', w]) as SheetsFigures);
  }
  const lines: string[] = [];
  lines.push('| workload | interactions | source cells | parse s | full refresh s | refresh / parse | paths s | Markov s | Shapley s | formula store s | store / parse (CPU) | Markov + Shapley / parse (CPU) | peak RSS MB |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const e of engine) {
    lines.push(`| ${e.workload} | ${e.interactions.toLocaleString('en-US')} | ${e.sourceCells.toLocaleString('en-US')} | ${s(e.parseMs)} | ${s(e.fullRefreshMs)} | ${(e.fullRefreshMs / e.parseMs).toFixed(2)} | ${s(e.pathsMs)} | ${s(e.markovMs)} | ${s(e.shapleyMs)} | ${s(e.formulaStoreMs)} | ${(e.formulaStoreCpuMs / e.parseCpuMs).toFixed(2)} | ${(e.dataDrivenCpuMs / e.parseCpuMs).toFixed(2)} | ${e.peakRssMb.toFixed(0)} |`);
  }
  lines.push('', '| workload | ' + [...Object.keys(engine[0].reportsMs), ...Object.keys(engine[0].modelComparisonMs).map((t) => `MODEL_COMPARISON ${t}`)].join(' | ') + ' |');
  lines.push('|---|' + '---:|'.repeat(Object.keys(engine[0].reportsMs).length + 3));
  for (const e of engine) lines.push(`| ${e.workload} | ${[...Object.values(e.reportsMs), ...Object.values(e.modelComparisonMs)].map(s).join(' | ')} |`);
  lines.push('', '| workload | ' + REPORT_TYPES.flatMap((t) => [`Markov ${t}`, `Shapley ${t}`]).join(' | ') + ' |');
  lines.push('|---|' + '---:|'.repeat(6));
  for (const e of engine) lines.push(`| ${e.workload} | ${REPORT_TYPES.flatMap((t) => [s(e.markovByTypeMs[t]), s(e.shapleyByTypeMs[t])]).join(' | ')} |`);
  lines.push('', ...sheetsTables(adapter));
  const large = engine.find((e) => e.workload === 'large');
  const sixth = engine.find((e) => e.workload === 'medium');
  const targets = large && sixth ? {
    fullRefreshUnder10s: large.fullRefreshMs < 10_000,
    fullRefreshAtMost2_5xParse: large.fullRefreshMs <= 2.5 * large.parseMs,
    // Linear with some slack: at most 7/6 of the interactions' ratio (1:6 between the two).
    linearGrowth: (large.parseMs + large.fullRefreshMs) <= (7 / 6) * (large.interactions / sixth.interactions) * (sixth.parseMs + sixth.fullRefreshMs),
    // Issue 14: CPU time in the same process, as ratios to parsing.
    formulaStoreAtMost0_3xParse: large.formulaStoreCpuMs <= 0.3 * large.parseCpuMs,
    markovPlusShapleyAtMost0_5xParse: large.dataDrivenCpuMs <= 0.5 * large.parseCpuMs,
    peakUnder1_5GB: large.peakRssMb < 1536,
    refreshCallsFlat: new Set(adapter.map((a) => a.refresh.getValues)).size === 1,
    sourcesAndOutputsFitTheGrid: adapter.every((a) => a.gridAfter <= a.gridLimit),
  } : null;
  lines.push('', ...cliTables.lines);
  if (!quick) process.stderr.write('Engine, 600,000-interaction workload...\n');
  const xl = quick ? null : engineXl();
  const json = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, engine, adapter, cli, engineXl: xl, targets, cliTargets: cliTables.targets };
  mkdirSync('out', { recursive: true });
  writeFileSync(join('out', 'bench.json'), JSON.stringify(json, null, 2) + '\n');
  process.stdout.write(lines.join('\n') + '\n\n');
  if (targets) process.stdout.write(`Targets (${large!.interactions.toLocaleString('en-US')} interactions): ` + Object.entries(targets).map(([k, v]) => `${k} ${v ? 'met' : 'MISSED'}`).join(', ') + '\n\n');
  if (cliTables.targets) process.stdout.write('Command-line targets (600,000 interactions): ' + Object.entries(cliTables.targets).map(([k, v]) => `${k} ${v ? 'met' : 'MISSED'}`).join(', ') + '\n\n');
  if (xl) process.stdout.write(engineXlLine(xl) + '\n\n');
  process.stdout.write(JSON.stringify(json) + '\n');
  return 0;
}

/**
 * @fileoverview The demo's phases one after another in one thread (so each phase's CPU time is
 * its own: computing against writing the outputs), for `npm run bench -- --local`. bench/local.ts
 * bundles this file as the bins are bundled and runs it in a child process, so that each phase
 * loads its code as `npm start` does (drawing the page loads vega from the bundle, not through
 * tsx); run with `--child OUT`, it prints the phases as JSON.
 */
import { fileURLToPath } from 'node:url';
import { generateDemoWorkbook } from '../src/demo/generate';
import { readWorkbook } from '../src/engine/workbook/read-workbook';
import { analyseWorkbook } from '../src/engine/analysis';
import { resolveSettings } from '../src/engine/settings';
import { buildReports, REPORT_KEYS } from '../src/engine/reports/all-reports';
import { resolveQuery } from '../src/engine/reports/query';
import { modelVariants } from '../src/engine/reports/model-variants';
import { writeReportOutputs } from '../src/files/write-outputs';
import { settledHeap } from './settled-heap';

export interface Timed {
  ms: number;
  cpuMs: number;
}

export type PhaseName = 'generate' | 'parse' | 'compute' | 'write CSV' | 'write xlsx' | 'write HTML';

/**
 * CPU of this process (every thread) and wall time of `f`, from a settled heap (with --expose-gc,
 * bench/settled-heap.ts): the collection of what the phase before left behind is charged to
 * neither.
 */
export async function timed<T>(f: () => T | Promise<T>): Promise<[T, Timed]> {
  settledHeap();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const v = await f();
  const c = process.cpuUsage(c0);
  return [v, { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 }];
}

/** The demo's phases, parse and compute (every tab and model variant) then each output, in turn. */
export async function demoPhases(out: string): Promise<Record<PhaseName, Timed>> {
  const [raw, generate] = await timed(() => generateDemoWorkbook());
  const settings = resolveSettings({});
  const [workbook, parse] = await timed(() => readWorkbook(raw, { timeZone: settings.timeZone }));
  const [{ tabs, models, now }, compute] = await timed(() => {
    const a = analyseWorkbook(workbook, settings);
    const q = resolveQuery(a);
    const tabs = buildReports(a, q, REPORT_KEYS);
    return { tabs, models: modelVariants(a, q, tabs), now: a.now };
  });
  const base = { outDir: out, source: raw, tabs, timeZone: settings.timeZone, currency: settings.currency, generatedAt: new Date(now), models };
  const [, csv] = await timed(() => writeReportOutputs({ ...base, only: { xlsx: false, html: false } }));
  const [, xlsx] = await timed(() => writeReportOutputs({ ...base, only: { csvTabs: [], html: false } }));
  const [, html] = await timed(() => writeReportOutputs({ ...base, only: { csvTabs: [], xlsx: false } }));
  return { generate, parse, compute, 'write CSV': csv, 'write xlsx': xlsx, 'write HTML': html };
}

if (process.argv[2] === '--child' && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(JSON.stringify(await demoPhases(process.argv[3])));
}

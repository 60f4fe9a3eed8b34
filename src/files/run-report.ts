/**
 * @fileoverview One local report run: analyse a workbook, build every report tab, and write the
 * CSV files, the .xlsx and the HTML report. The CLI and the local sidebar both run reports here.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyse, type Analysis } from '../engine/analysis';
import type { EngineSettings } from '../engine/settings';
import type { RawWorkbook } from '../engine/workbook/raw';
import { buildReports, REPORT_KEYS, type ReportKey } from '../engine/reports/all-reports';
import { resolveQuery, type QueryInput, type ReportQuery } from '../engine/reports/query';
import { modelVariants } from '../engine/reports/model-variants';
import type { ReportTab } from '../engine/report-tab/report-tab';
import { writeReportOutputs } from './write-outputs';
import { startHtmlRenderer, type HtmlRenderer } from '../render/html-off-thread';

export interface LocalRunInput {
  raw: RawWorkbook;
  outDir: string;
  query?: QueryInput;
  settings?: Partial<EngineSettings>;
  now?: number;
  /** Extra tabs (dashboards) rendered after the reports. */
  extraTabs?: (a: Analysis) => ReportTab[];
  keys?: readonly ReportKey[];
  progress?: (message: string) => void;
  /** Draw report.html in a worker thread, at the same time as the other outputs are written. */
  htmlInWorker?: boolean;
}

export interface LocalRunResult {
  analysis: Analysis;
  query: ReportQuery;
  tabs: ReportTab[];
  files: string[];
  timings: Record<string, number>;
}

export async function runLocalReport(input: LocalRunInput): Promise<LocalRunResult> {
  // Started first: its worker loads vega while the workbook is read and the reports computed.
  const renderer = input.htmlInWorker ? startHtmlRenderer() : null;
  try {
    return await run(input, renderer);
  } finally {
    await renderer?.close();
  }
}

async function run(input: LocalRunInput, renderer: HtmlRenderer | null): Promise<LocalRunResult> {
  const progress = input.progress ?? (() => {});
  const timings: Record<string, number> = {};
  const time = async <T>(label: string, f: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const v = await f();
    timings[label] = performance.now() - t0;
    return v;
  };
  progress('Reading and checking the workbook...');
  const analysis = await time('read', () => analyse(input.raw, input.settings, input.now));
  const query = resolveQuery(analysis, input.query);
  const keys = input.keys ?? REPORT_KEYS;
  const { tabs, models } = await time('compute', () => {
    const tabs = [...buildReports(analysis, query, keys, progress), ...(input.extraTabs?.(analysis) ?? [])];
    // Every model's attribution tabs, for the HTML report's model selector.
    return { tabs, models: modelVariants(analysis, query, tabs) };
  });
  const htmlInput = {
    title: 'Campaign Sheets report',
    generatedAt: new Date(analysis.now),
    timeZone: analysis.settings.timeZone,
    tabs,
    currency: analysis.settings.currency,
    models,
  };
  // In a worker the page is drawn on the other core while CSV and xlsx are written here.
  const htmlDone = renderer
    ? renderer.render(htmlInput).then((page) => ((timings.html = page.ms), page.html))
    : time('html', async () => (await import('../render/html-report')).renderHtmlReport(htmlInput));
  // Awaited after the writes: a failure meanwhile must not be reported as unhandled.
  htmlDone.catch(() => {});
  progress('Writing CSV and xlsx...');
  await mkdir(input.outDir, { recursive: true });
  const written = await time('write', () =>
    writeReportOutputs(input.outDir, input.raw, tabs, { timeZone: analysis.settings.timeZone, currency: analysis.settings.currency }));
  progress('Drawing the HTML report...');
  const html = await htmlDone;
  const htmlFile = join(input.outDir, 'report.html');
  await writeFile(htmlFile, html, 'utf8');
  return { analysis, query, tabs, files: [...written.csvFiles, written.xlsxFile, htmlFile], timings };
}

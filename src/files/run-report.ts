/**
 * @fileoverview One local report run: parse a workbook by the data contract, build every report
 * tab, and write the outputs (CSV tables, .xlsx, HTML report), timing each phase. The CLI's
 * `report` and `demo` run reports here.
 */
import { analyseWorkbook, type Analysis } from '../engine/analysis';
import { resolveSettings, type EngineSettings } from '../engine/settings';
import { sourceCellCount, type RawWorkbook } from '../engine/workbook/raw';
import { readWorkbook } from '../engine/workbook/read-workbook';
import { buildReports, REPORT_KEYS, type ReportKey } from '../engine/reports/all-reports';
import { resolveQuery, type QueryInput, type ReportQuery } from '../engine/reports/query';
import type { ReportTab } from '../engine/report-tab/report-tab';
import { modelVariants } from '../engine/reports/model-variants';
import { startHtmlRenderer, type HtmlRenderer } from '../render/html-off-thread';
import { collectGarbage } from './collect-garbage';
import { releaseReadCells } from './read-workbook-files';
import { SOURCE_COPY_LIMIT, writeReportOutputs, type OutputTiming, type WrittenOutputs } from './write-outputs';

export interface LocalRunInput {
  /**
   * The workbook, or how to read it (timed as `read files`). Read here, it is released once parsed
   * when the .xlsx will not copy it, so a million-row workbook is not held twice.
   */
  raw: RawWorkbook | (() => Promise<RawWorkbook>);
  outDir: string;
  query?: QueryInput;
  settings?: Partial<EngineSettings>;
  now?: number;
  /** Extra tabs (dashboards) rendered after the reports. */
  extraTabs?: (a: Analysis) => ReportTab[];
  keys?: readonly ReportKey[];
  copySources?: boolean | 'auto';
  progress?: (message: string) => void;
  /** Draw report.html in a worker thread, started first so vega loads while the reports compute. */
  htmlInWorker?: boolean;
}

export interface LocalRunResult {
  analysis: Analysis;
  query: ReportQuery;
  tabs: ReportTab[];
  outputs: WrittenOutputs;
  files: string[];
  /** Each phase in the order it ran, with its wall-clock time. */
  timings: OutputTiming[];
}

export async function runLocalReport(input: LocalRunInput): Promise<LocalRunResult> {
  const renderer = input.htmlInWorker ? startHtmlRenderer() : null;
  try {
    return await run(input, renderer);
  } finally {
    await renderer?.close();
  }
}

async function run(input: LocalRunInput, renderer: HtmlRenderer | null): Promise<LocalRunResult> {
  const progress = input.progress ?? (() => {});
  const timings: OutputTiming[] = [];
  const time = <T>(label: string, f: () => T): T => {
    const t0 = performance.now();
    const v = f();
    timings.push({ label, ms: performance.now() - t0 });
    return v;
  };
  const settings = resolveSettings(input.settings);
  let raw: RawWorkbook | null;
  if (typeof input.raw === 'function') {
    const t0 = performance.now();
    raw = await input.raw();
    timings.push({ label: 'read files', ms: performance.now() - t0 });
  } else raw = input.raw;
  const sourceCells = sourceCellCount(raw);
  const copy = input.copySources ?? 'auto';
  const copySources = copy === true || (copy === 'auto' && sourceCells <= SOURCE_COPY_LIMIT);
  progress('Reading and checking the workbook...');
  const workbook = time('parse', () => readWorkbook(raw!, { timeZone: settings.timeZone }));
  const source = copySources ? raw : null;
  raw = null;
  if (!source) await releaseReadCells();
  const { analysis, query, tabs, models } = time('compute', () => {
    // The raw cells are garbage now (unless copied): collected before computing adds its own.
    if (!source) collectGarbage(sourceCells);
    const analysis = analyseWorkbook(workbook, settings, input.now);
    const query = resolveQuery(analysis, input.query);
    const tabs = [...buildReports(analysis, query, input.keys ?? REPORT_KEYS, progress), ...(input.extraTabs?.(analysis) ?? [])];
    // Every model's attribution tabs, for the HTML report's model selector.
    const models = modelVariants(analysis, query, tabs);
    // Likewise the computing's intermediates, before the outputs add theirs.
    collectGarbage(sourceCells);
    return { analysis, query, tabs, models };
  });
  const outputs = await writeReportOutputs({
    outDir: input.outDir, source, sourceCells, tabs, timeZone: settings.timeZone, currency: settings.currency,
    generatedAt: new Date(analysis.now), progress, models,
    renderHtml: renderer ? async (page) => (await renderer.render(page)).html : undefined,
  });
  for (const t of outputs.timings) timings.push({ label: `write ${t.label}`, ms: t.ms });
  return { analysis, query, tabs, outputs, files: outputs.files, timings };
}

/**
 * @fileoverview One write of the local sidebar's outputs: CSV files of the tabs that changed,
 * campaign-sheets.xlsx and report.html, the page written to a temporary file and renamed. Runs in
 * the output worker (or in the caller's thread for tests); charts already drawn come from the
 * SVG cache, so a page re-rendered after a small change redraws only what changed.
 */
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RawWorkbook } from '../engine/workbook/raw';
import type { ModelVariants, ReportTab } from '../engine/report-tab/report-tab';
import { writeReportOutputs } from '../files/write-outputs';
import { SvgCache } from '../render/chart-svg';

export const REPORT_HTML = 'report.html';
export const REPORT_TITLE = 'Campaign Sheets report';

export interface OutputJob {
  outDir: string;
  /** The workbook, sent when it changed since the previous job (`rawId` says which it is). */
  raw?: RawWorkbook | null;
  rawId: number;
  tabs: ReportTab[];
  /** Names of the tabs changed since the last write: only their CSV files are written again. */
  changed: string[];
  models: ModelVariants | null;
  timeZone: string;
  currency: string;
  /** When the action that caused the write ran (UTC ms). */
  generatedAt: number;
}

export interface OutputJobResult {
  /** File names written, relative to the out dir. */
  files: string[];
  /** Milliseconds spent on CSV and xlsx, and on report.html. */
  ms: { tables: number; html: number };
}

/** The page, written whole or not at all: a reader never opens half a report. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = join(file, '..', `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw e;
  }
}

/** A job runner keeping the workbook and the drawn charts between jobs. */
export function createJobRunner(progress: (message: string) => void = () => {}): (job: OutputJob) => Promise<OutputJobResult> {
  const svgCache = new SvgCache(800);
  let raw: RawWorkbook | null = null;
  let rawId = -1;
  // Loaded on first use: vega is slow to load and only the page needs it.
  let render: Promise<typeof import('../render/html-report')> | null = null;
  return async (job) => {
    if (job.raw !== undefined) {
      raw = job.raw;
      rawId = job.rawId;
    } else if (job.rawId !== rawId) {
      throw new Error('The output writer lost the workbook: write again.');
    }
    render ??= import('../render/html-report');
    const files: string[] = [];
    const t0 = performance.now();
    if (raw) {
      progress(`Writing ${job.changed.length} CSV file${job.changed.length === 1 ? '' : 's'} and the xlsx...`);
      const written = await writeReportOutputs(job.outDir, raw, job.tabs, { timeZone: job.timeZone, currency: job.currency, csvFor: new Set(job.changed) });
      files.push(...written.csvFiles.map((f) => basename(f)), basename(written.xlsxFile));
    }
    const t1 = performance.now();
    progress('Drawing report.html...');
    const { renderHtmlReport } = await render;
    const html = await renderHtmlReport({
      title: REPORT_TITLE, generatedAt: new Date(job.generatedAt), timeZone: job.timeZone, tabs: job.tabs, currency: job.currency, models: job.models, svgCache,
    });
    await writeFileAtomic(join(job.outDir, REPORT_HTML), html);
    files.push(REPORT_HTML);
    return { files, ms: { tables: t1 - t0, html: performance.now() - t1 } };
  };
}

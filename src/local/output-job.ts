/**
 * @fileoverview One write of the local sidebar's outputs: CSV files of the tabs that changed,
 * campaign-sheets.xlsx and report.html, through the one output writer (all renamed into place
 * together). Runs in the output worker (or in the caller's thread for tests); charts already drawn come from the
 * SVG cache, so a page re-rendered after a small change redraws only what changed.
 */
import { basename } from 'node:path';
import type { RawWorkbook } from '../engine/workbook/raw';
import type { ModelVariants, ReportTab } from '../engine/report-tab/report-tab';
import { writeReportOutputs } from '../files/write-outputs';
import { SvgCache } from '../render/chart-svg';


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

/** A job runner keeping the workbook and the drawn charts between jobs. */
export function createJobRunner(progress: (message: string) => void = () => {}): (job: OutputJob) => Promise<OutputJobResult> {
  const svgCache = new SvgCache(800);
  let raw: RawWorkbook | null = null;
  let rawId = -1;
  // Loaded with the first page, not before: vega is slow to load.
  let render: Promise<typeof import('../render/html-report')> | null = null;
  return async (job) => {
    if (job.raw !== undefined) {
      raw = job.raw;
      rawId = job.rawId;
    } else if (job.rawId !== rawId) {
      throw new Error('The output writer lost the workbook: write again.');
    }
    const loaded = (render ??= import('../render/html-report'));
    const changed = new Set(job.changed);
    progress(`Writing ${changed.size} tab${changed.size === 1 ? '' : 's'}' CSV files, the xlsx and report.html...`);
    const written = await writeReportOutputs({
      outDir: job.outDir, source: raw, tabs: job.tabs, timeZone: job.timeZone, currency: job.currency,
      generatedAt: new Date(job.generatedAt), models: job.models,
      only: { csvTabs: job.tabs.filter((t) => changed.has(t.name)).map((t) => t.key) },
      renderHtml: async (page) => (await loaded).renderHtmlReport({ ...page, svgCache }),
    });
    const files = written.files.map((f) => basename(f));
    const ms = (label: string) => written.timings.filter((t) => t.label.startsWith(label)).reduce((sum, t) => sum + t.ms, 0);
    return { files, ms: { tables: ms('CSV') + ms('xlsx'), html: ms('HTML') } };
  };
}

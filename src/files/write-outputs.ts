/**
 * @fileoverview The one writer of a run's outputs, for the command line and the local sidebar: one
 * CSV per report table (`<tab>--<table>.csv`, and `<tab>--parameters.csv` for what it was computed with), `campaign-sheets.xlsx` and `report.html`, or any
 * subset of them (the local sidebar rewrites only what an action changed). Every file is staged and
 * renamed into place with the others (safe-write.ts), so an interrupted run leaves the previous
 * outputs whole. Each output's time is measured for the command's timings.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sourceCellCount, type RawWorkbook } from '../engine/workbook/raw';
import type { ModelVariants, ReportTab } from '../engine/report-tab/report-tab';
import type { HtmlReportInput } from '../render/html-report';
import { layoutTab } from '../engine/report-tab/layout';
import { csvText } from './csv-text';
import { OutputNames } from './output-names';
import { OutputBatch } from './safe-write';
import { writeXlsx } from './xlsx-output';

export const XLSX_NAME = 'campaign-sheets.xlsx';
export const HTML_NAME = 'report.html';
/**
 * Source tabs up to this many cells are copied into the .xlsx (one file holding data and reports).
 * Above it they are not: the user's workbook already holds them, and copying ten million cells
 * would take most of a minute and a file as large as the workbook for nothing new.
 */
export const SOURCE_COPY_LIMIT = 250_000;

/** Which outputs to write; omitted parts are written. */
export interface OutputSelection {
  /** Report keys whose tables are written as CSV (all when omitted, none when empty). */
  csvTabs?: readonly string[];
  xlsx?: boolean;
  html?: boolean;
}

export interface OutputInput {
  outDir: string;
  /** The source tabs; null when they are not to be copied (then `sourceCells` says how many there were). */
  source: RawWorkbook | null;
  sourceCells?: number;
  tabs: ReportTab[];
  timeZone: string;
  currency?: string;
  /** When the data was read, for the HTML report's header. */
  generatedAt?: Date;
  /** Copy the source tabs into the .xlsx: `auto` (default) up to SOURCE_COPY_LIMIT cells. */
  copySources?: boolean | 'auto';
  only?: OutputSelection;
  /** Every model's version of the model-dependent tabs, for the HTML report's model selector. */
  models?: ModelVariants | null;
  /**
   * Draws the page (a worker thread, or a renderer keeping drawn charts); renderHtmlReport in this
   * thread when omitted. It is started before the tables are written, so a worker draws meanwhile.
   */
  renderHtml?: (input: HtmlReportInput) => Promise<string>;
  progress?: (message: string) => void;
}

const REPORT_TITLE = 'Campaign Sheets report';

export interface OutputTiming {
  label: string;
  ms: number;
}

export interface WrittenOutputs {
  csvFiles: string[];
  xlsxFile: string | null;
  htmlFile: string | null;
  /** Every file written, in order. */
  files: string[];
  timings: OutputTiming[];
  sourceCells: number;
  sourcesCopied: boolean;
}

/** The table a tab's parameters make: the report's title, then each parameter and its value. */
export const PARAMETERS_TABLE = 'parameters';

/** One CSV table: a header row and data rows. */
export interface CsvTable {
  file: string;
  rows: (string | number | boolean | null)[][];
}

/**
 * The CSV tables of each tab: its parameters (`<tab>--parameters.csv`), then each of its tables.
 * Named once for all tabs, so writing a subset gives each file the same name.
 */
export function csvTables(tabs: ReportTab[]): Map<ReportTab, CsvTable[]> {
  const names = new OutputNames();
  return new Map(tabs.map((tab) => {
    const parameters = names.csv(tab, PARAMETERS_TABLE);
    const tables = tab.blocks.map((b) => ({ file: names.csv(tab, b.id), title: b.title, rows: [b.header, ...b.rows] }));
    // The parameters file also says which file holds which of the tab's tables.
    const index = tables.map((t) => [`Table ${t.file}`, t.title]);
    return [tab, [{ file: parameters, rows: [['Parameter', 'Value'], ['Report', tab.title], ...tab.parameters, ...index] }, ...tables]];
  }));
}

export async function writeReportOutputs(input: OutputInput): Promise<WrittenOutputs> {
  const { outDir, tabs, only = {} } = input;
  const progress = input.progress ?? (() => {});
  const currency = input.currency ?? 'USD';
  await mkdir(outDir, { recursive: true });
  const timings: OutputTiming[] = [];
  const timed = async <T>(label: string, f: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const v = await f();
    timings.push({ label, ms: performance.now() - t0 });
    return v;
  };
  const batch = new OutputBatch();
  const result: WrittenOutputs = { csvFiles: [], xlsxFile: null, htmlFile: null, files: [], timings, sourceCells: 0, sourcesCopied: false };
  // The page first: drawn in a worker, it is ready by the time the tables are written.
  const htmlStarted = performance.now();
  const page = only.html === false ? null : drawPage(input, currency);
  // Awaited after the tables: a failure meanwhile must not be reported as unhandled.
  page?.catch(() => {});
  try {
    const csvTabs = only.csvTabs ? new Set(only.csvTabs) : null;
    const tables = csvTables(tabs);
    const csvWork = tabs.filter((t) => !csvTabs || csvTabs.has(t.key)).flatMap((t) => tables.get(t)!);
    if (csvWork.length) {
      progress(`Writing ${csvWork.length} CSV tables...`);
      await timed(`CSV (${csvWork.length} files)`, async () => {
        for (const table of csvWork) {
          const file = join(outDir, table.file);
          await batch.writeText(file, csvText(table.rows));
          result.csvFiles.push(file);
        }
      });
    }
    if (only.xlsx !== false) {
      result.sourceCells = input.source ? sourceCellCount(input.source) : input.sourceCells ?? 0;
      const copy = input.copySources ?? 'auto';
      result.sourcesCopied = input.source !== null && (copy === true || (copy === 'auto' && result.sourceCells <= SOURCE_COPY_LIMIT));
      progress(`Writing ${XLSX_NAME}${result.sourcesCopied ? ' (source and report tabs)' : ' (report tabs)'}...`);
      const file = join(outDir, XLSX_NAME);
      await timed('xlsx', () => batch.track(writeXlsx(batch.tempFor(file), {
        source: result.sourcesCopied ? input.source : null,
        reports: tabs.map((tab) => ({ name: tab.name, layout: layoutTab(tab) })),
        timeZone: input.timeZone, currency,
      })));
      result.xlsxFile = file;
    }
    if (page) {
      progress(`Drawing ${HTML_NAME}...`);
      const file = join(outDir, HTML_NAME);
      await batch.writeText(file, await page);
      // From the start of the drawing: with a worker, most of it overlapped the tables.
      timings.push({ label: 'HTML', ms: performance.now() - htmlStarted });
      result.htmlFile = file;
    }
    await batch.commit();
  } catch (err) {
    await batch.abandon();
    throw err;
  }
  result.files = [...result.csvFiles, ...(result.xlsxFile ? [result.xlsxFile] : []), ...(result.htmlFile ? [result.htmlFile] : [])];
  return result;
}

async function drawPage(input: OutputInput, currency: string): Promise<string> {
  const page: HtmlReportInput = {
    title: REPORT_TITLE, generatedAt: input.generatedAt ?? new Date(), timeZone: input.timeZone,
    parameters: input.tabs[0]?.parameters ?? [], tabs: input.tabs, currency, models: input.models ?? null,
  };
  if (input.renderHtml) return input.renderHtml(page);
  // Loaded on demand: vega takes half a second to load and only the HTML report needs it.
  const { renderHtmlReport } = await import('../render/html-report');
  return renderHtmlReport(page);
}

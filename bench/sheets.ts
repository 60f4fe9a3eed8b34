/**
 * @fileoverview The Apps Script side of `npm run bench`, in Sheets' own terms, measured through
 * the add-on's entry on the strict fakes (which hold Google's limits): for a full refresh, the
 * service calls, the cells and characters each moves and the largest single call; the grid cells
 * of the sources and of every output against the 10 million a spreadsheet may hold; and the
 * calls and cells of one custom function call, of onEdit and of opening the sidebar.
 */
import type { RawWorkbook } from '../src/engine/workbook/raw';

const GRID_LIMIT = 10_000_000;

export interface CallCost {
  calls: number;
  cells: number;
  chars: number;
  /** The call that moved the most cells. */
  largest: { name: string; cells: number; chars: number };
  outcome?: string;
}

export interface SheetsFigures {
  workload: string;
  /** Every tab's grid before the refresh: the sources as Sheets holds them (at least 1,000 x 26 each). */
  sourceGridCells: number;
  /** The refresh's own tabs after it, each cut to its content: rows x columns. */
  outputs: { name: string; rows: number; columns: number; gridCells: number }[];
  outputGridCells: number;
  /** The whole spreadsheet's grid after the refresh, and the limit. */
  gridAfter: number;
  gridLimit: number;
  refresh: CallCost & { getValues: number; setValues: number; byMethod: Record<string, number> };
  /** One CAMPAIGN_ATTRIBUTION call before the first full refresh, and after it. */
  formulaBefore: CallCost;
  formulaAfter: CallCost;
  /** One CAMPAIGN_METRIC call given every campaign as a range, after the refresh. */
  formulaRange: CallCost;
  onEdit: CallCost;
  openSidebar: CallCost;
}

function cost(log: readonly { name: string; cells: number; chars: number }[], outcome?: string): CallCost {
  let largest = { name: '', cells: 0, chars: 0 };
  let cells = 0;
  let chars = 0;
  for (const c of log) {
    cells += c.cells;
    chars += c.chars;
    if (c.cells > largest.cells || (c.cells === largest.cells && c.chars > largest.chars)) largest = { ...c };
  }
  return { calls: log.length, cells, chars, largest, ...(outcome ? { outcome } : {}) };
}

/** Runs the add-on on a workload of `raw` source tabs and measures it; `now` fixes the clock. */
export async function sheetsFigures(workload: string, raw: RawWorkbook, now: number): Promise<SheetsFigures> {
  const { createFakeAppsScript } = await import('../test/fakes');
  const entry = await import('../src/apps-script/main');
  const fake = createFakeAppsScript({
    timeZone: 'America/New_York', sheets: raw, startTime: now, htmlFiles: { Sidebar: '<p/>' },
    triggers: { onEdit: entry.onEdit },
  });
  const uninstall = fake.install();
  const realNow = Date.now;
  // Apps Script's Date is the real clock; the workload's data ends at `now`.
  Date.now = () => now;
  try {
    fake.recordCalls(true);
    const sourceGridCells = fake.gridCells();
    const measure = (f: () => unknown): CallCost => {
      fake.resetCounters();
      let outcome = 'answered';
      try {
        fake.asCustomFunction(f);
      } catch (e) {
        outcome = `refused: ${(e as Error).message.slice(0, 60)}...`;
      }
      return cost(fake.callLog, outcome);
    };
    const attribution = () => (entry.CAMPAIGN_ATTRIBUTION as (...a: unknown[]) => unknown)('CMP-001', 'revenue', 'Shapley');
    const formulaBefore = measure(attribution);

    fake.endExecution();
    fake.resetCounters();
    entry.refreshReports({ scope: 'all', query: { campaign: '', contactAttribution: 'first touch', preset: 'all', reportType: 'revenue', model: 'Linear', frequency: 'daily' } });
    const refresh = {
      ...cost(fake.callLog),
      getValues: fake.callCount('Range.getValues'),
      setValues: fake.callCount('Range.setValues'),
      byMethod: fake.calls.byMethod,
    };
    const snap = fake.snapshot();
    const outputs = snap.sheets.filter((s) => s.name.startsWith('CS ')).map((s) => ({ name: s.name, rows: s.maxRows, columns: s.maxColumns, gridCells: s.maxRows * s.maxColumns }));
    fake.endExecution();

    const formulaAfter = measure(attribution);
    const campaigns = (raw.Campaigns ?? []).slice(1).map((r) => [String(r[0])]);
    const formulaRange = measure(() => (entry.CAMPAIGN_METRIC as (...a: unknown[]) => unknown)(campaigns, 'sessions'));

    fake.resetCounters();
    const edit = fake.userEdit('Deals', 'A2', String((raw.Deals ?? [[], ['']])[1]?.[0] ?? 'D1'));
    const onEdit = { calls: edit.calls, cells: edit.cellsRead + edit.cellsWritten, chars: 0, largest: { name: '', cells: 0, chars: 0 }, ...(edit.error ? { outcome: edit.error.message } : {}) };

    fake.resetCounters();
    entry.getSidebarState();
    const openSidebar = cost(fake.callLog);

    return {
      workload, sourceGridCells, outputs, outputGridCells: outputs.reduce((n, o) => n + o.gridCells, 0), gridAfter: fake.gridCells(), gridLimit: GRID_LIMIT,
      refresh, formulaBefore, formulaAfter, formulaRange, onEdit, openSidebar,
    };
  } finally {
    Date.now = realNow;
    uninstall();
  }
}

const n = (x: number) => x.toLocaleString('en-US');
const costCell = (c: CallCost) => `${n(c.calls)} / ${n(c.cells)}${c.outcome && c.outcome !== 'answered' ? ' (refused)' : ''}`;

/** Markdown tables of the figures, one row per workload. */
export function sheetsTables(figures: SheetsFigures[]): string[] {
  const lines: string[] = [];
  lines.push('| workload | source grid cells | output grid cells | grid after refresh (of 10,000,000) | refresh calls | getValues | setValues | cells moved | characters moved | cells per call | largest call: cells / characters |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const f of figures) {
    const r = f.refresh;
    lines.push(`| ${f.workload} | ${n(f.sourceGridCells)} | ${n(f.outputGridCells)} | ${n(f.gridAfter)} | ${n(r.calls)} | ${r.getValues} | ${r.setValues} | ${n(r.cells)} | ${n(r.chars)} | ${n(Math.round(r.cells / Math.max(1, r.calls)))} | ${r.largest.name} ${n(r.largest.cells)} / ${n(r.largest.chars)} |`);
  }
  lines.push('', '| workload | formula before refresh: calls / cells | after: calls / cells | range of every campaign: calls / cells | onEdit: calls / cells | open sidebar: calls / cells |');
  lines.push('|---|---|---|---|---|---|');
  for (const f of figures) lines.push(`| ${f.workload} | ${costCell(f.formulaBefore)} | ${costCell(f.formulaAfter)} | ${costCell(f.formulaRange)} | ${costCell(f.onEdit)} | ${costCell(f.openSidebar)} |`);
  const last = figures[figures.length - 1];
  if (last) {
    lines.push('', `| output (${last.workload}) | rows | columns | grid cells |`, '|---|---:|---:|---:|');
    for (const o of last.outputs) lines.push(`| ${o.name} | ${n(o.rows)} | ${n(o.columns)} | ${n(o.gridCells)} |`);
  }
  return lines;
}

/**
 * @fileoverview Places a report tab's header block and tables on a grid. Every renderer (CSV,
 * .xlsx, Sheets, HTML) uses this one layout, so a cell sits at the same address everywhere.
 */
import type { BlockPlacement, CellFormat, ReportCell, ReportTab, TabLayout } from './report-tab';

/** Rows of the header block: the tab title, then the parameter labels, then their values. */
export const HEADER_ROWS = 3;

export function layoutTab(tab: ReportTab): TabLayout {
  const width = Math.max(
    2,
    tab.parameters.length,
    ...tab.blocks.map((b) => b.header.length),
  );
  const grid: ReportCell[][] = [];
  const formats: (CellFormat | null)[][] = [];
  const boldRows: number[] = [];
  const placements: BlockPlacement[] = [];
  const push = (cells: ReportCell[], cellFormats: (CellFormat | null)[] = []) => {
    const row = new Array<ReportCell>(width).fill(null);
    const fmt = new Array<CellFormat | null>(width).fill(null);
    cells.forEach((c, i) => (row[i] = c));
    cellFormats.forEach((f, i) => (fmt[i] = f));
    grid.push(row);
    formats.push(fmt);
    return grid.length - 1;
  };

  boldRows.push(push([tab.title]));
  boldRows.push(push(tab.parameters.map(([label]) => label)));
  push(tab.parameters.map(([, value]) => value));

  for (const block of tab.blocks) {
    push([]);
    const titleRow = push([block.title]);
    boldRows.push(titleRow);
    const noteRow = block.note ? push([block.note]) : null;
    const headerRow = push(block.header);
    boldRows.push(headerRow);
    const firstDataRow = grid.length;
    for (const r of block.rows) push(r, block.formats);
    placements.push({
      blockId: block.id,
      titleRow,
      noteRow,
      headerRow,
      firstDataRow,
      rowCount: block.rows.length,
      columnCount: block.header.length,
    });
  }
  return { grid, formats, boldRows, frozenRows: HEADER_ROWS, placements, width };
}

/** Column letters of a 0-based index, as in A1 notation (0 -> A, 27 -> AB). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Deepest header row (0-based) worth freezing: more frozen rows would fill a laptop screen. */
const MAX_FROZEN_HEADER_ROW = 15;

/**
 * The tab's main table, whose header row a renderer freezes and filters: the only table, or one
 * with more than twice the rows of all others together, when its header is near the top.
 */
export function mainTable(layout: TabLayout): BlockPlacement | null {
  const total = layout.placements.reduce((n, p) => n + p.rowCount, 0);
  const main = layout.placements.find((p) => layout.placements.length === 1 || p.rowCount > 2 * (total - p.rowCount));
  return main && main.headerRow <= MAX_FROZEN_HEADER_ROW ? main : null;
}

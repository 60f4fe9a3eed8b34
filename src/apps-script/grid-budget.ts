/**
 * @fileoverview Sheets' 10 million cells, counted as Sheets counts them: every tab's whole grid
 * (`getMaxRows() x getMaxColumns()`), empty cells included. A refresh works out the room it needs
 * before writing and, when the spreadsheet lacks it, writes nothing and says what to remove.
 */
export const GRID_CELL_LIMIT = 10_000_000;
/** A tab made by `insertSheet` is 1,000 x 26 until it is cut to size. */
export const NEW_TAB = { rows: 1000, columns: 26 } as const;
export const NEW_TAB_CELLS = NEW_TAB.rows * NEW_TAB.columns;

export interface TabGrid {
  name: string;
  rows: number;
  columns: number;
}

/** One output: the grid it will have, and the grid of the tab it replaces (0 for a new one). */
export interface OutputGrid {
  name: string;
  cells: number;
  replaces: number;
}

/**
 * The most the spreadsheet's grid grows while a refresh writes (src/apps-script/tab-writer.ts).
 * The scratch tabs are made one after another, each 1,000 x 26 until it is cut to its size; then,
 * one tab at a time, a scratch is renamed into place (a new tab: nothing grows) or copied over its
 * target, which is grown first, and deleted before the next; then `extraNewTabs` tabs are made,
 * each 1,000 x 26 until cut. So the grid never holds more than every output at its final size plus
 * the largest of: one new tab's 1,000 x 26, one target's growth, and the tabs made afterwards.
 * (The budget once added every target's growth at once and counted a new tab twice: a workbook
 * near the limit was refused room its refresh never took.)
 */
export function roomNeeded(outputs: readonly OutputGrid[], extraNewTabs = 0): number {
  let cells = 0;
  let growth = 0;
  for (const o of outputs) {
    cells += o.cells;
    if (o.replaces > 0) growth = Math.max(growth, o.cells - o.replaces);
  }
  return cells + Math.max(growth, NEW_TAB_CELLS * Math.max(1, extraNewTabs));
}

export const gridCells = (tabs: readonly TabGrid[]) => tabs.reduce((n, t) => n + t.rows * t.columns, 0);

const n = (x: number) => x.toLocaleString('en-US');

/**
 * The message for a refresh that does not fit: cells needed and free, and the tabs whose empty
 * rows and columns would free the most (`used` gives each tab's last row and column with content).
 */
export function noRoomMessage(needed: number, tabs: readonly TabGrid[], used: (name: string) => { rows: number; columns: number }): string {
  const free = GRID_CELL_LIMIT - gridCells(tabs);
  const empty = tabs
    .map((t) => {
      const u = used(t.name);
      return { name: t.name, cells: t.rows * t.columns - Math.max(1, u.rows) * Math.max(1, u.columns) };
    })
    .filter((t) => t.cells > 0)
    .sort((a, b) => b.cells - a.cells)
    .slice(0, 3);
  const advice = empty.length
    ? ` Deleting empty rows and columns frees the most in ${empty.map((t) => `"${t.name}" (${n(t.cells)} cells)`).join(', ')}; deleting tabs you no longer need helps too.`
    : ' Delete tabs or rows you no longer need.';
  return (
    `Nothing was written: this refresh needs room for ${n(needed)} grid cells while it writes, and the spreadsheet has ${n(Math.max(0, free))} free ` +
    `of Sheets' ${n(GRID_CELL_LIMIT)} (every tab's rows x columns count, empty cells too). Free at least ${n(needed - Math.max(0, free))} cells.${advice}`
  );
}

/**
 * @fileoverview Writing a set of tabs as one change, within Sheets' rules:
 * 1. Plan, writing nothing: each target is the add-on's own tab or absent (a user's tab of the same
 *    name ignoring case, or of the scratch tab's name, stops the write with its name); owner-only
 *    tabs this user may not edit are left out; the grid cells the write needs must be free.
 * 2. Write every tab into a scratch tab `<name> (updating)` cut to its content's size.
 * 3. Switch: each scratch is copied over its target in one call (keeping the target tab, so
 *    references to it, its protection and charts stay) or renamed into place, then deleted. The
 *    switch is recorded first; a refresh that stops during it is finished by the next write, so
 *    every tab ends up from the same refresh. A failure before the switch deletes the scratch tabs.
 */
import { SCRATCH_SUFFIX, TAB_NAME_MAX } from '../server/tab-names';
import type { WriteOutcome } from '../server/ports';
import { TabRegistry, type PendingSwitch } from './tab-registry';
import { GRID_CELL_LIMIT, NEW_TAB, gridCells, noRoomMessage, roomNeeded, type OutputGrid, type TabGrid } from './grid-budget';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Properties = GoogleAppsScript.Properties.Properties;

export interface TabContent {
  name: string;
  values: (string | number | boolean | Date)[][];
  numberFormats?: string[][];
  fontWeights?: ('bold' | 'normal')[][];
  /** The tab's grid, at least the values' size (room for charts beside them). */
  rows: number;
  columns: number;
  frozenRows: number;
  hidden: boolean;
  /** Protect for the owner and this user only (true), open it to every editor (false), or leave it. */
  ownerOnly?: boolean;
  /** Runs on the live tab once it holds the new content (charts, column widths). */
  finish?(sheet: Sheet): void;
}

export interface WriteHooks {
  /** While planning, before anything is written: throws to stop; returns how many tabs `afterSwitch` adds. */
  plan?(tabs: readonly Existing[], registry: TabRegistry): number;
  /** Before the first tab switches (e.g. mark the formula store as being replaced). */
  beforeSwitch?(): void;
  /** After every tab switched. */
  afterSwitch?(registry: TabRegistry): void;
}

export interface Existing extends TabGrid {
  sheet: Sheet;
  id: number;
}

interface Planned {
  content: TabContent;
  live: Existing | undefined;
  leftover: Existing | undefined;
}

const inTheWay = (theirs: string, ours: string) =>
  `Nothing was written: your tab "${theirs}" is in the way of Campaign Sheets' tab "${ours}" (Sheets tab names must differ in more than upper and lower case). ` +
  'Rename or delete your tab, then run this again; Campaign Sheets never changes a tab it did not make.';

/** The spreadsheet's tabs with their grids: four calls per tab, no cell read. */
export function existingTabs(ss: Spreadsheet): Existing[] {
  return ss.getSheets().map((sheet) => ({ sheet, name: sheet.getName(), id: sheet.getSheetId(), rows: sheet.getMaxRows(), columns: sheet.getMaxColumns() }));
}

/** The add-on's tab of that exact name, or null. */
export function ownTab(tabs: readonly Existing[], registry: TabRegistry, name: string): Sheet | null {
  return tabs.find((t) => t.name === name && registry.owns(t.id, t.name))?.sheet ?? null;
}

/** The add-on's tab of that exact name, found with a name per tab and one id: or null. */
export function findOwnTab(ss: Spreadsheet, registry: TabRegistry, name: string): Sheet | null {
  const sheet = ss.getSheets().find((s) => s.getName() === name);
  return sheet && registry.owns(sheet.getSheetId(), name) ? sheet : null;
}

export function writeTabsAtomically(ss: Spreadsheet, props: Properties, contents: TabContent[], hooks: WriteHooks = {}): WriteOutcome {
  const registry = new TabRegistry(props);
  const active = ss.getActiveSheet();
  try {
    finishPendingSwitch(ss, registry);
    const { planned, skipped } = plan(ss, registry, contents, hooks);
    const made = writeScratchTabs(ss, registry, planned);
    registry.setPending(made.map(({ sheet, content }) => ({ scratchId: sheet.getSheetId(), target: content.name, frozenRows: content.frozenRows, hidden: content.hidden })));
    registry.save();
    hooks.beforeSwitch?.();
    for (const { sheet, content, live } of made) {
      const target = switchIn(ss, registry, sheet, content.name, live?.sheet ?? null);
      settle(target, content.frozenRows, content.hidden);
      content.finish?.(target);
      if (content.ownerOnly !== undefined) protect(target, content.ownerOnly);
    }
    registry.setPending([]);
    registry.save();
    hooks.afterSwitch?.(registry);
    return { skipped };
  } finally {
    // insertSheet activates each scratch tab: put the user back where they were.
    if (!isDeleted(active)) ss.setActiveSheet(active);
  }
}

function isDeleted(sheet: Sheet): boolean {
  try {
    sheet.getName();
    return false;
  } catch {
    return true;
  }
}

function plan(ss: Spreadsheet, registry: TabRegistry, contents: TabContent[], hooks: WriteHooks): { planned: Planned[]; skipped: WriteOutcome['skipped'] } {
  const tabs = existingTabs(ss);
  registry.prune(new Set(tabs.map((t) => t.id)));
  const extraNewTabs = hooks.plan?.(tabs, registry) ?? 0;
  const byName = new Map(tabs.map((t) => [t.name.toLowerCase(), t]));
  const planned: Planned[] = [];
  const skipped: WriteOutcome['skipped'] = [];
  for (const content of contents) {
    if (content.name.length + SCRATCH_SUFFIX.length > TAB_NAME_MAX) {
      throw new Error(`Nothing was written: the tab name "${content.name}" is too long for Sheets (at most ${TAB_NAME_MAX - SCRATCH_SUFFIX.length} characters here).`);
    }
    const live = byName.get(content.name.toLowerCase());
    if (live && !registry.owns(live.id, live.name)) throw new Error(inTheWay(live.name, content.name));
    const protection = live?.sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
    if (live && protection && !protection.canEdit()) {
      if (content.ownerOnly) {
        skipped.push({ tab: content.name, reason: `"${content.name}" was not refreshed: only its owner, and whoever they let edit it, may change it.` });
        continue;
      }
      throw new Error(`Nothing was written: the tab "${content.name}" is protected and you may not edit it. Ask the spreadsheet's owner to refresh, or to let you edit it.`);
    }
    const scratchName = content.name + SCRATCH_SUFFIX;
    const leftover = byName.get(scratchName.toLowerCase());
    if (leftover && !registry.owns(leftover.id, leftover.name)) throw new Error(inTheWay(leftover.name, content.name));
    planned.push({ content, live, leftover });
  }
  const outputs: OutputGrid[] = planned.map((p) => ({ name: p.content.name, cells: p.content.rows * p.content.columns, replaces: p.live ? p.live.rows * p.live.columns : 0 }));
  const leftoverCells = planned.reduce((n, p) => n + (p.leftover ? p.leftover.rows * p.leftover.columns : 0), 0);
  const needed = roomNeeded(outputs, extraNewTabs);
  if (gridCells(tabs) - leftoverCells + needed > GRID_CELL_LIMIT) {
    const used = new Map(tabs.map((t) => [t.name, t.sheet]));
    throw new Error(noRoomMessage(needed, tabs, (name) => ({ rows: used.get(name)!.getLastRow(), columns: used.get(name)!.getLastColumn() })));
  }
  return { planned, skipped };
}

/** Cuts or grows a tab's grid to exactly `rows` x `columns`, cutting first so it never holds both. */
export function resize(sheet: Sheet, rows: number, columns: number, current = { rows: sheet.getMaxRows(), columns: sheet.getMaxColumns() }): void {
  if (current.rows > rows) sheet.deleteRows(rows + 1, current.rows - rows);
  if (current.columns > columns) sheet.deleteColumns(columns + 1, current.columns - columns);
  if (current.rows < rows) sheet.insertRowsAfter(current.rows, rows - current.rows);
  if (current.columns < columns) sheet.insertColumnsAfter(current.columns, columns - current.columns);
}

interface Made {
  sheet: Sheet;
  content: TabContent;
  live: Existing | undefined;
}

function writeScratchTabs(ss: Spreadsheet, registry: TabRegistry, planned: Planned[]): Made[] {
  for (const p of planned) {
    if (!p.leftover) continue;
    // A scratch tab a stopped refresh left: the add-on's own, so it may go.
    ss.deleteSheet(p.leftover.sheet);
    registry.remove(p.leftover.id);
  }
  const made: Made[] = [];
  try {
    for (const p of planned) {
      const name = p.content.name + SCRATCH_SUFFIX;
      const sheet = ss.insertSheet(name);
      registry.add(sheet.getSheetId(), name);
      registry.save();
      made.push({ sheet, content: p.content, live: p.live });
      resize(sheet, p.content.rows, p.content.columns, NEW_TAB);
      const { values, numberFormats, fontWeights } = p.content;
      if (values.length === 0) continue;
      const range = sheet.getRange(1, 1, values.length, values[0].length);
      range.setValues(values);
      if (numberFormats) range.setNumberFormats(numberFormats);
      if (fontWeights) range.setFontWeights(fontWeights);
    }
  } catch (e) {
    for (const m of made) {
      try {
        ss.deleteSheet(m.sheet);
        registry.remove(m.sheet.getSheetId());
      } catch {
        // Left for the next write, which deletes the add-on's leftover scratch tabs.
      }
    }
    registry.save();
    throw e;
  }
  return made;
}

/** Puts a finished scratch tab's content into its target (copied over it, or renamed into place). */
function switchIn(ss: Spreadsheet, registry: TabRegistry, scratch: Sheet, target: string, live: Sheet | null): Sheet {
  const id = scratch.getSheetId();
  if (!live) {
    // Registered under the target name before the rename: a stop in between leaves it the add-on's.
    registry.add(id, target);
    registry.save();
    scratch.setName(target);
    return scratch;
  }
  const rows = scratch.getMaxRows();
  const columns = scratch.getMaxColumns();
  resize(live, rows, columns);
  scratch.getRange(1, 1, rows, columns).copyTo(live.getRange(1, 1, rows, columns));
  ss.deleteSheet(scratch);
  registry.remove(id);
  return live;
}

function settle(sheet: Sheet, frozenRows: number, hidden: boolean): void {
  if (sheet.getFrozenRows() !== frozenRows) sheet.setFrozenRows(frozenRows);
  if (hidden && !sheet.isSheetHidden()) sheet.hideSheet();
}

/** Finishes a switch a stopped refresh left half done, so its tabs all show the same refresh. */
function finishPendingSwitch(ss: Spreadsheet, registry: TabRegistry): void {
  const pending: PendingSwitch[] = registry.pending();
  if (pending.length === 0) return;
  const tabs = existingTabs(ss);
  for (const item of pending) {
    const scratch = tabs.find((t) => t.id === item.scratchId && t.name === item.target + SCRATCH_SUFFIX);
    if (!scratch) continue;
    const target = switchIn(ss, registry, scratch.sheet, item.target, ownTab(tabs, registry, item.target));
    settle(target, item.frozenRows, item.hidden);
  }
  registry.setPending([]);
  registry.save();
}

/**
 * Google's sample for owner-only protection: the user running it is made an editor first (removing
 * a group they edit through would otherwise throw), then everyone else is removed.
 */
export function protect(sheet: Sheet, ownerOnly: boolean): void {
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
  if (!ownerOnly) {
    for (const p of existing) p.remove();
    return;
  }
  const protection = existing[0] ?? sheet.protect();
  protection.setDescription('Campaign Sheets dashboard: only the owner edits');
  protection.addEditor(Session.getEffectiveUser());
  protection.removeEditors(protection.getEditors());
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
}

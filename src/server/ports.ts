/**
 * @fileoverview What the server side needs from its host, as small interfaces: the spreadsheet,
 * a property store, a lock, progress messages and a clock. Apps Script implements them with its
 * services (src/apps-script), the local sidebar and the CLI with files (src/local).
 */
import type { RawTable, RawWorkbook } from '../engine/workbook/raw';
import type { ReportTab } from '../engine/report-tab/report-tab';
import type { FormulaStore } from '../engine/formula-store/store';
import type { CampaignName } from '../engine/formulas/formula-data';
import type { SyncStatementRunner } from '../engine/warehouse/runner';
import type { FormulaFreshness, WarehouseSetting } from '../shared/sidebar-api';

/** What a write carries besides the tabs. */
export interface WriteExtras {
  /**
   * A full refresh's store for formulas. Written with the tabs, stamped with the sources as the
   * last `readSources()` found them before reading, and followed by a new value in the version
   * cell that formulas pass as their last argument, so Sheets recomputes them.
   */
  formulaStore?: FormulaStore;
  /** Tabs to protect after writing: true lets only the owner (and whoever writes them) edit. */
  protection?: Record<string, boolean>;
  /**
   * The store was computed in this warehouse (`project.dataset`), not from the source tabs: it is
   * stamped with the warehouse instead of the sources' shape, and no source tab need be read.
   */
  warehouse?: string;
}

export interface WriteOutcome {
  /** Owner-only tabs this user may not edit, left as they were, and why, for the user. */
  skipped: { tab: string; reason: string }[];
}

export interface WorkbookPort {
  /**
   * The source tabs, one batch read each: all of them, or only those named (matched as the data
   * contract matches tab names).
   */
  readSources(only?: readonly string[]): RawWorkbook;
  /** One add-on tab's cells, or null when it does not exist. */
  readTab(name: string): RawTable | null;
  /**
   * Writes the tabs as one change: every tab shows the new results, or (after a failure) every
   * tab keeps the previous ones. Stops before writing anything, with a message, when a tab of
   * the user's is in the way or the spreadsheet lacks the room.
   */
  writeTabs(tabs: ReportTab[], extras?: WriteExtras): WriteOutcome;
  /** Adds the missing source tabs with their headers and example rows; returns the tabs added. */
  insertTemplates(templates: RawWorkbook): string[];
  /** Removes a tab the add-on made (a deleted or renamed dashboard's); nothing for any other tab. */
  deleteTab(name: string): void;
  timeZone(): string;
  currency(): string;
  /** How current formulas' answers are, or null where formulas do not exist (local hosts). */
  formulaFreshness(): FormulaFreshness | null;
  /** The campaigns of the stored formula store (a warehouse's, when no Campaigns tab is here), or null. */
  storedCampaigns?(): CampaignName[] | null;
}

export interface PropertyPort {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
  keys(): string[];
}

export interface LockPort {
  /** Runs `f` holding the document lock; throws a "busy" message when it cannot be had in time. */
  withLock<T>(f: () => T): T;
}

/** BigQuery, in the warehouse flavour only: the default add-on has no such port (and no scope for it). */
export interface WarehousePort {
  /** A runner on the dataset whose every call returns by `deadline` (epoch ms). */
  runner(setting: WarehouseSetting, deadline: number): SyncStatementRunner;
}

export interface ServerContext {
  workbook: WorkbookPort;
  warehouse?: WarehousePort;
  properties: PropertyPort;
  lock: LockPort;
  progress(message: string): void;
  now(): number;
}

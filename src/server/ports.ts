/**
 * @fileoverview What the server side needs from its host, as small interfaces: the spreadsheet,
 * a property store, a lock, progress messages and a clock. Apps Script implements them with its
 * services (src/apps-script), the local sidebar and the CLI with files (src/local).
 */
import type { RawTable, RawWorkbook } from '../engine/workbook/raw';
import type { ReportTab } from '../engine/report-tab/report-tab';
import type { FormulaStore } from '../engine/formula-store/store';

export interface WorkbookPort {
  /** Every tab the user has, one batch read each (source tabs only are needed). */
  readSources(): RawWorkbook;
  /** One add-on tab's cells, or null when it does not exist. */
  readTab(name: string): RawTable | null;
  /** Writes each tab whole; a failure leaves that tab as it was. */
  writeTabs(tabs: ReportTab[]): void;
  /** Adds the missing source tabs with their headers and example rows; returns the tabs added. */
  insertTemplates(templates: RawWorkbook): string[];
  /** Removes an add-on tab (a deleted or renamed dashboard's); nothing when it does not exist. */
  deleteTab(name: string): void;
  /** Lets only the owner edit a tab (true), or everyone with access (false). */
  protectTab(name: string, ownerOnly: boolean): void;
  timeZone(): string;
  currency(): string;
  /** Stores what formulas answer from on large workbooks, stamped with the sources' fingerprint. */
  writeFormulaStore(store: FormulaStore): void;
  /** Makes Sheets recompute the add-on's formulas (it only does by itself when arguments change). */
  recalculateFormulas(): void;
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

export interface ServerContext {
  workbook: WorkbookPort;
  properties: PropertyPort;
  lock: LockPort;
  progress(message: string): void;
  now(): number;
}

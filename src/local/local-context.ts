/**
 * @fileoverview The server actions' ports on local files, for the local sidebar: the workbook is
 * read once, report tabs are kept in memory and rendered to CSV, .xlsx and report.html in the out
 * dir, document properties live in a JSON file there, and the lock is an in-process flag.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LockPort, PropertyPort, ServerContext, WorkbookPort } from '../server/ports';
import type { RawCell, RawTable, RawWorkbook } from '../engine/workbook/raw';
import type { ReportTab } from '../engine/report-tab/report-tab';
import type { FormulaStore } from '../engine/formula-store/store';
import { layoutTab } from '../engine/report-tab/layout';
import { writeReportOutputs } from '../files/write-outputs';

export interface LocalContextOptions {
  raw: RawWorkbook;
  outDir: string;
  timeZone?: string;
  currency?: string;
  now?: () => number;
  progress?: (message: string) => void;
}

export interface LocalContext {
  ctx: ServerContext;
  /** Renders the kept tabs to the out dir when a call changed them; returns the files written. */
  flush(): Promise<string[]>;
  /** Report tabs kept so far, in the order first written. */
  tabs(): ReportTab[];
  /** Protected tabs: true when only the owner may edit. */
  protections: Map<string, boolean>;
  formulaStore(): FormulaStore | null;
}

export const PROPERTIES_FILE = 'properties.json';
export const BUSY_MESSAGE = 'Campaign Sheets is busy: another action on this workbook is still running. Try again when it has finished.';

/** Document properties as a JSON object on disk, rewritten on every change (they are small). */
export function fileProperties(file: string): PropertyPort {
  let values: Record<string, string> = {};
  try {
    values = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    values = {};
  }
  const save = () => writeFileSync(file, JSON.stringify(values, null, 2) + '\n', 'utf8');
  return {
    get: (k) => (Object.prototype.hasOwnProperty.call(values, k) ? values[k] : null),
    set: (k, v) => {
      values[k] = v;
      save();
    },
    delete: (k) => {
      delete values[k];
      save();
    },
    keys: () => Object.keys(values),
  };
}

/** A report cell as `getValues()` would give it back: blanks are ''. */
const toRaw = (c: string | number | boolean | null): RawCell => (c === null ? '' : c);

export function createLocalContext(o: LocalContextOptions): LocalContext {
  mkdirSync(o.outDir, { recursive: true });
  const now = o.now ?? (() => Date.now());
  const zone = o.timeZone ?? 'UTC';
  const currency = o.currency ?? 'USD';
  const kept = new Map<string, ReportTab>();
  const protections = new Map<string, boolean>();
  let store: FormulaStore | null = null;
  let dirty = false;
  let held = false;
  // Set while outputs are written: the next locked call must not change the tabs under it.
  let writing: Promise<string[]> | null = null;

  const workbook: WorkbookPort = {
    // Reading all of a local workbook costs nothing: `only` is a saving this host does not need.
    readSources: () => o.raw,
    readTab(name) {
      const tab = kept.get(name);
      return tab ? layoutTab(tab).grid.map((row) => row.map(toRaw)) : null;
    },
    writeTabs(tabs, extras = {}) {
      // Replacing by name keeps a tab's place, as rewriting a sheet in place does.
      for (const t of tabs) kept.set(t.name, t);
      for (const [name, ownerOnly] of Object.entries(extras.protection ?? {})) protections.set(name, ownerOnly);
      if (extras.formulaStore) store = extras.formulaStore;
      dirty = true;
      return { skipped: [] };
    },
    insertTemplates(templates) {
      const have = new Set(Object.keys(o.raw).map((n) => n.toLowerCase()));
      const added: string[] = [];
      for (const [name, table] of Object.entries(templates)) {
        if (have.has(name.toLowerCase())) continue;
        o.raw[name] = table.map((r): RawTable[number] => r.slice());
        added.push(name);
      }
      if (added.length) dirty = true;
      return added;
    },
    deleteTab(name) {
      if (kept.delete(name)) dirty = true;
    },
    timeZone: () => zone,
    currency: () => currency,
    formulaFreshness: () => null,
  };

  const lock: LockPort = {
    withLock(f) {
      if (held || writing) throw new Error(BUSY_MESSAGE);
      held = true;
      try {
        return f();
      } finally {
        held = false;
      }
    },
  };

  async function render(): Promise<string[]> {
    const tabs = [...kept.values()];
    const progress = o.progress ?? (() => {});
    progress(`Writing ${tabs.length} tabs to ${o.outDir}...`);
    // The one output writer (src/files/write-outputs.ts); `only` there writes a subset.
    const written = await writeReportOutputs({ outDir: o.outDir, source: o.raw, tabs, timeZone: zone, currency, generatedAt: new Date(now()) });
    return written.files;
  }

  return {
    ctx: { workbook, properties: fileProperties(join(o.outDir, PROPERTIES_FILE)), lock, progress: o.progress ?? (() => {}), now },
    async flush() {
      if (!dirty) return [];
      dirty = false;
      writing = render();
      try {
        return await writing;
      } catch (e) {
        // The tabs are still new to the out dir: the next call tries again.
        dirty = true;
        throw e;
      } finally {
        writing = null;
      }
    },
    tabs: () => [...kept.values()],
    protections,
    formulaStore: () => store,
  };
}

/**
 * @fileoverview The server actions' ports on local files, for the local sidebar: the workbook is
 * read from its files (again whenever they change), report tabs are kept in memory, document
 * properties live in properties.json in the out dir, and the lock is an in-process flag. After
 * each action the tabs it changed go to the output writer, which writes CSV, .xlsx and
 * report.html in a worker thread while the server keeps answering.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LockPort, ServerContext, WorkbookPort } from '../server/ports';
import { analyseDocument, toQueryInput } from '../server/app';
import type { RawCell, RawTable, RawWorkbook } from '../engine/workbook/raw';
import type { ModelVariants, ReportTab } from '../engine/report-tab/report-tab';
import type { FormulaStore } from '../engine/formula-store/store';
import { layoutTab } from '../engine/report-tab/layout';
import { freezeWorkbook } from '../engine/analysis';
import { buildReports, REPORT_KEYS } from '../engine/reports/all-reports';
import { MODELS } from '../engine/attribution/catalog';
import { resolveQuery } from '../engine/reports/query';
import { modelVariants } from '../engine/reports/model-variants';
import type { SidebarQuery } from '../shared/sidebar-api';
import { propertiesFile, type PropertiesFile } from './properties-file';
import type { WorkbookSource } from './workbook-source';
import { createOutputQueue, type OutputQueue } from './outputs';

export interface LocalContextOptions {
  source: WorkbookSource;
  outDir: string;
  timeZone?: string;
  currency?: string;
  now?: () => number;
  progress?: (message: string) => void;
  /** Write outputs in this thread instead of a worker (tests of the context alone). */
  inThreadOutputs?: boolean;
}

export interface LocalContext {
  ctx: ServerContext;
  properties: PropertiesFile;
  outputs: OutputQueue;
  /**
   * Starts an action: one "now" for all of it, the workbook read again if its files changed,
   * properties.json checked. A workbook that cannot be read fails the actions that read it.
   */
  begin(): Promise<void>;
  /** Ends an action: computes every model's attribution tabs after a refresh, queues the writes. */
  end(refreshed?: SidebarQuery): void;
  /**
   * Reads and analyses the workbook ahead of the first action, and computes a default refresh
   * without writing it, so the first click costs what later ones do. A workbook that cannot be read is
   * left for the actions to report.
   */
  warm(): Promise<void>;
  /** Report tabs kept so far, in the order first written. */
  tabs(): ReportTab[];
  /** Protected tabs: true when only the owner may edit. */
  protections: Map<string, boolean>;
  formulaStore(): FormulaStore | null;
  close(): Promise<void>;
}

export const PROPERTIES_FILE = 'properties.json';
export const BUSY_MESSAGE = 'Campaign Sheets is busy: another action on this workbook is still running. Try again when it has finished.';

/** A report cell as `getValues()` would give it back: blanks are ''. */
const toRaw = (c: string | number | boolean | null): RawCell => (c === null ? '' : c);

/** Each model's version of a model-dependent tab, with the model it was asked for. */
interface TabVariants {
  selected: string;
  byModel: Map<string, ReportTab>;
}

/** Temporary files of writes that a killed server never renamed into place. */
const LEFT_BEHIND = /^\.(?:properties\.json|report\.html)\.\d+\.\d+\.tmp$/;

export function createLocalContext(o: LocalContextOptions): LocalContext {
  mkdirSync(o.outDir, { recursive: true });
  for (const f of readdirSync(o.outDir)) if (LEFT_BEHIND.test(f)) rmSync(join(o.outDir, f), { force: true });
  const clock = o.now ?? (() => Date.now());
  const zone = o.timeZone ?? 'UTC';
  const currency = o.currency ?? 'USD';
  const progress = o.progress ?? (() => {});
  const kept = new Map<string, ReportTab>();
  const variants = new Map<string, TabVariants>();
  const protections = new Map<string, boolean>();
  const properties = propertiesFile(join(o.outDir, PROPERTIES_FILE));
  let store: FormulaStore | null = null;
  let held = false;
  let actionNow: number | null = null;
  /** Tabs written by the running action. */
  let written: ReportTab[] = [];
  /** Tabs changed since the outputs were last written. */
  const changed = new Set<string>();
  let raw: RawWorkbook | null = null;
  let readError: unknown = null;
  /** Source tabs added by insertTemplates, on top of the workbook's files. */
  const inserted: RawWorkbook = {};
  let merged: { from: RawWorkbook; raw: RawWorkbook } | null = null;

  /** The workbook, read again if its files changed; a read that fails is kept to be reported. */
  async function reload(): Promise<void> {
    try {
      raw = await o.source.load();
      readError = null;
    } catch (e) {
      raw = null;
      readError = e;
    }
  }

  function sources(): RawWorkbook {
    if (!raw) throw readError ?? new Error(`The workbook ${o.source.label} has not been read yet.`);
    if (!Object.keys(inserted).length) return raw;
    if (merged?.from !== raw) merged = { from: raw, raw: freezeWorkbook({ ...raw, ...inserted }) };
    return merged.raw;
  }

  const workbook: WorkbookPort = {
    // Reading all of a local workbook costs nothing: `only` is a saving this host does not need.
    readSources: () => sources(),
    readTab(name) {
      const tab = kept.get(name);
      return tab ? layoutTab(tab).grid.map((row) => row.map(toRaw)) : null;
    },
    writeTabs(tabs, extras = {}) {
      // Replacing by name keeps a tab's place, as rewriting a sheet in place does.
      for (const t of tabs) {
        kept.set(t.name, t);
        changed.add(t.name);
        // Its other models' versions are stale now; a refresh computes them again.
        variants.delete(t.name);
        written.push(t);
      }
      for (const [name, ownerOnly] of Object.entries(extras.protection ?? {})) protections.set(name, ownerOnly);
      if (extras.formulaStore) store = extras.formulaStore;
      return { skipped: [] };
    },
    insertTemplates(templates) {
      const have = new Set(Object.keys(sources()).map((n) => n.toLowerCase()));
      const added: string[] = [];
      for (const [name, table] of Object.entries(templates)) {
        if (have.has(name.toLowerCase())) continue;
        inserted[name] = table.map((r): RawTable[number] => r.slice());
        added.push(name);
      }
      merged = null;
      return added;
    },
    deleteTab(name) {
      // The xlsx and the page are written again without it.
      if (!kept.delete(name)) return;
      variants.delete(name);
      changed.add(name);
    },
    timeZone: () => zone,
    currency: () => currency,
    formulaFreshness: () => null,
  };

  const lock: LockPort = {
    withLock(f) {
      if (held) throw new Error(BUSY_MESSAGE);
      held = true;
      try {
        return f();
      } finally {
        held = false;
      }
    },
  };

  const ctx: ServerContext = { workbook, properties, lock, progress, now: () => actionNow ?? clock() };

  /** Every model's version of the model-dependent tabs the refresh wrote, from its one analysis. */
  function computeVariants(query: SidebarQuery): void {
    const a = analyseDocument(ctx);
    const mv = modelVariants(a, resolveQuery(a, toQueryInput(query)), written);
    if (!mv) return;
    for (const t of written) {
      const byModel = new Map<string, ReportTab>();
      for (const v of mv.variants) {
        const tab = v.tabs.find((x) => x.name === t.name);
        if (tab) byModel.set(v.model, tab);
      }
      if (byModel.size > 1) variants.set(t.name, { selected: mv.selected, byModel });
    }
  }

  /** The model selector's input: every kept tab's versions, models in the catalog's order. */
  function modelChoice(): ModelVariants | null {
    const withVariants = [...kept.keys()].map((n) => variants.get(n)).filter((v): v is TabVariants => !!v);
    if (!withVariants.length) return null;
    const models = (MODELS as readonly string[]).filter((m) => withVariants.some((v) => v.byModel.has(m)));
    return {
      selected: withVariants[0].selected,
      variants: models.map((model) => ({ model, tabs: withVariants.map((v) => v.byModel.get(model)).filter((t): t is ReportTab => !!t) })),
    };
  }

  const outputs = createOutputQueue({
    outDir: o.outDir,
    timeZone: zone,
    currency,
    inThread: o.inThreadOutputs,
    log: progress,
    snapshot: () => ({ raw: raw ? sources() : null, tabs: [...kept.values()], models: modelChoice(), generatedAt: actionNow ?? clock() }),
  });

  return {
    ctx,
    properties,
    outputs,
    async begin() {
      actionNow = clock();
      written = [];
      properties.check();
      await reload();
    },
    end(refreshed) {
      try {
        if (refreshed && written.length) computeVariants(refreshed);
      } catch (e) {
        // The refresh itself succeeded: the page shows its model only, and says why here.
        progress(`Other models' versions of the attribution tabs could not be computed: ${(e as Error).message}`);
      } finally {
        if (changed.size) {
          outputs.submit([...changed]);
          changed.clear();
        }
        written = [];
        actionNow = null;
      }
    },
    async warm() {
      await reload();
      try {
        const a = analyseDocument(ctx);
        // The default refresh, its tabs thrown away: what it computes (paths, every model's
        // credit) is kept in the analysis that later actions share.
        const q = resolveQuery(a, {});
        modelVariants(a, q, buildReports(a, q, REPORT_KEYS));
      } catch {
        // An unreadable workbook is said by the first action that reads it.
      }
    },
    tabs: () => [...kept.values()],
    protections,
    formulaStore: () => store,
    close: () => outputs.close(),
  };
}

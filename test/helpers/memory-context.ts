/**
 * @fileoverview A server context in memory for tests of the server actions: the workbook is a raw
 * table set, written tabs are kept by name, properties are a map, the lock runs at once.
 */
import type { PropertyPort, ServerContext } from '../../src/server/ports';
import type { RawWorkbook } from '../../src/engine/workbook/raw';
import type { ReportTab } from '../../src/engine/report-tab/report-tab';
import type { FormulaStore } from '../../src/engine/formula-store/store';
import { layoutTab } from '../../src/engine/report-tab/layout';

export interface MemoryContext {
  ctx: ServerContext;
  tabs: Map<string, ReportTab>;
  props: Map<string, string>;
  protections: Map<string, boolean>;
  stores: FormulaStore[];
}

export function memoryContext(raw: RawWorkbook, now: number, timeZone = 'UTC'): MemoryContext {
  const tabs = new Map<string, ReportTab>();
  const props = new Map<string, string>();
  const protections = new Map<string, boolean>();
  const stores: FormulaStore[] = [];
  const properties: PropertyPort = {
    get: (k) => props.get(k) ?? null,
    set: (k, v) => void props.set(k, v),
    delete: (k) => void props.delete(k),
    keys: () => [...props.keys()],
  };
  const ctx: ServerContext = {
    workbook: {
      readSources: (only) => (only ? Object.fromEntries(Object.entries(raw).filter(([t]) => only.some((o) => o.toLowerCase() === t.toLowerCase()))) : raw),
      readTab: (name) => {
        const t = tabs.get(name);
        return t ? layoutTab(t).grid.map((r) => r.map((c) => (c === null ? '' : c))) : null;
      },
      writeTabs: (list, extras) => {
        list.forEach((t) => tabs.set(t.name, t));
        for (const [name, ownerOnly] of Object.entries(extras?.protection ?? {})) protections.set(name, ownerOnly);
        if (extras?.formulaStore) stores.push(extras.formulaStore);
        return { skipped: [] };
      },
      insertTemplates: () => [],
      deleteTab: (name) => void tabs.delete(name),
      timeZone: () => timeZone,
      currency: () => 'USD',
      formulaFreshness: () => null,
    },
    properties,
    lock: { withLock: (f) => f() },
    progress: () => {},
    now: () => now,
  };
  return { ctx, tabs, props, protections, stores };
}

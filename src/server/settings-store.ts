/**
 * @fileoverview Per-document state in the property store: settings, saved reports and dashboards.
 * One key per saved report and per dashboard keeps each value far under the 9 KB limit.
 */
import type { Dashboard, DocumentSettings, SavedReport } from '../shared/sidebar-api';
import { DEFAULT_SETTINGS, resolveSettings, type EngineSettings } from '../engine/settings';
import type { PropertyPort } from './ports';

const SETTINGS = 'cs.settings';
const REPORT = 'cs.report:';
const DASHBOARD = 'cs.dashboard:';

export function loadSettings(p: PropertyPort): DocumentSettings {
  const stored = parse<Partial<DocumentSettings>>(p.get(SETTINGS)) ?? {};
  return {
    eligibleTypes: stored.eligibleTypes ?? [...DEFAULT_SETTINGS.eligibleTypes],
    dealCreateEligibleTypes: stored.dealCreateEligibleTypes ?? null,
    revenueEligibleTypes: stored.revenueEligibleTypes ?? null,
    halfLifeDays: stored.halfLifeDays ?? DEFAULT_SETTINGS.halfLifeDays,
    lookbackDays: stored.lookbackDays ?? null,
    lastQuery: stored.lastQuery ?? null,
    warehouse: stored.warehouse ?? null,
  };
}

/** The engine's settings for this document: its stored choices plus the spreadsheet's zone and currency. */
export function engineSettings(p: PropertyPort, host: { timeZone: string; currency: string }): EngineSettings {
  const stored = loadSettings(p);
  return resolveSettings({
    timeZone: host.timeZone,
    currency: host.currency,
    eligibleTypes: stored.eligibleTypes as EngineSettings['eligibleTypes'],
    dealCreateEligibleTypes: (stored.dealCreateEligibleTypes ?? null) as EngineSettings['dealCreateEligibleTypes'],
    revenueEligibleTypes: (stored.revenueEligibleTypes ?? null) as EngineSettings['revenueEligibleTypes'],
    halfLifeDays: stored.halfLifeDays,
    lookbackDays: stored.lookbackDays,
  });
}

export function storeSettings(p: PropertyPort, s: DocumentSettings): void {
  p.set(SETTINGS, JSON.stringify(s));
}

/** The saved reports as stored, unchecked (saved-reports.ts checks them and adds their dashboard). */
export function loadStoredReports(p: PropertyPort): SavedReport[] {
  return p.keys().filter((k) => k.startsWith(REPORT)).sort().map((k) => parse<SavedReport>(p.get(k)))
    .filter((r): r is SavedReport => !!r && typeof r.name === 'string');
}

export function deleteSavedReportKey(p: PropertyPort, name: string): void {
  p.delete(REPORT + name);
}

export function deleteDashboardKey(p: PropertyPort, name: string): void {
  p.delete(DASHBOARD + name);
}

export function storeSavedReport(p: PropertyPort, r: SavedReport): void {
  p.set(REPORT + r.name, JSON.stringify(r));
}

export function loadDashboards(p: PropertyPort): Dashboard[] {
  return p.keys().filter((k) => k.startsWith(DASHBOARD)).sort().map((k) => parse<Dashboard>(p.get(k))).filter((d): d is Dashboard => !!d);
}

export function storeDashboard(p: PropertyPort, d: Dashboard): void {
  p.set(DASHBOARD + d.name, JSON.stringify(d));
}

function parse<T>(json: string | null): T | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}

/**
 * @fileoverview Saved reports and dashboards: save (asking before replacing a name), open (re-run
 * into its tab), rename, delete, put on or take off a dashboard; dashboards renamed and deleted.
 * The dashboards' report lists are what is stored; each saved report's `dashboard` is read from
 * them, so the two lists can never disagree. A stored report is checked when loaded: one that
 * cannot run says why and what is accepted.
 */
import type { Analysis } from '../engine/analysis';
import { assertModelServes, parseModel, parseReportType } from '../engine/attribution/catalog';
import { parseContactAttribution } from '../engine/metrics/campaign-metrics';
import { parseFrequencyChoice } from '../engine/metrics/trend';
import { buildReports } from '../engine/reports/all-reports';
import { dashboardTab, dashboardTabName } from '../engine/reports/dashboard';
import { isReportKey, REPORT_KEYS } from '../engine/reports/report-names';
import { resolveQuery, type QueryInput } from '../engine/reports/query';
import type { ReportTab } from '../engine/report-tab/report-tab';
import { parsePreset } from '../engine/time/range';
import type { Dashboard, SaveReportRequest, SaveReportResult, SavedReport, SavedReportAction, SidebarQuery } from '../shared/sidebar-api';
import type { PropertyPort, ServerContext } from './ports';
import { dashboardNameProblem } from './tab-names';
import { deleteDashboardKey, deleteSavedReportKey, loadDashboards, loadStoredReports, storeDashboard, storeSavedReport } from './settings-store';

export const NAME_LIMIT = 60;

/** A saved query as the engine reads it. */
export function toQueryInput(q: SidebarQuery | null | undefined): QueryInput {
  if (!q) return {};
  return {
    campaign: q.campaign, contactAttribution: q.contactAttribution, preset: q.preset, from: q.from, to: q.to,
    reportType: q.reportType, model: q.model, frequency: q.frequency,
  };
}

/** Why a saved report cannot run, with what is accepted; null when it can. */
export function savedReportProblem(r: Pick<SavedReport, 'report' | 'query'>): string | null {
  try {
    if (!isReportKey(r.report) || r.report === 'data-check') {
      throw new Error(`Unknown report "${String(r.report)}": use one of ${REPORT_KEYS.filter((k) => k !== 'data-check').join(', ')}.`);
    }
    const q = r.query ?? ({} as SidebarQuery);
    parsePreset(q.preset);
    const type = parseReportType(q.reportType);
    const model = parseModel(q.model);
    assertModelServes(model, type);
    parseFrequencyChoice(q.frequency);
    parseContactAttribution(q.contactAttribution);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The saved reports, checked, each with the dashboard that lists it. */
export function loadSavedReports(p: PropertyPort): SavedReport[] {
  const dashboards = loadDashboards(p);
  return loadStoredReports(p).map((r) => {
    const problem = savedReportProblem(r);
    const on = dashboards.find((d) => d.reports.includes(r.name));
    return { name: r.name, report: r.report, query: r.query, dashboard: on ? on.name : null, ...(problem ? { problem } : {}) };
  });
}

/** A name as given, trimmed; dashboards' lengths are checked with their tab names (tab-names.ts). */
function checkName(name: string, what: 'saved report' | 'dashboard'): string {
  const n = name.trim();
  if (!n) throw new Error(`Give the ${what} a name.`);
  if (what === 'saved report' && n.length > NAME_LIMIT) throw new Error(`A ${what} name has at most ${NAME_LIMIT} characters.`);
  return n;
}

function findReport(p: PropertyPort, name: string): SavedReport {
  const r = loadSavedReports(p).find((x) => x.name === name);
  if (!r) throw new Error(`No saved report is named "${name}".`);
  return r;
}

function findDashboard(p: PropertyPort, name: string): Dashboard {
  const d = loadDashboards(p).find((x) => x.name === name);
  if (!d) throw new Error(`No dashboard is named "${name}".`);
  return d;
}

/** Takes the report off every dashboard; returns the dashboards that changed. */
function takeOff(p: PropertyPort, name: string): Dashboard[] {
  const changed: Dashboard[] = [];
  for (const d of loadDashboards(p)) {
    if (!d.reports.includes(name)) continue;
    d.reports = d.reports.filter((r) => r !== name);
    storeDashboard(p, d);
    changed.push(d);
  }
  return changed;
}

/** A dashboard's tab, each saved report computed with its own saved parameters. */
export function dashboardTabOf(a: Analysis, d: Dashboard, saved: SavedReport[]): ReportTab {
  const items = d.reports.map((name) => saved.find((r) => r.name === name)).filter((r): r is SavedReport => !!r);
  const tab = dashboardTab(a, d.name, items.filter((r) => !r.problem).map((r) => ({ name: r.name, report: r.report, query: toQueryInput(r.query) })));
  // A report that cannot run says so on the dashboard rather than stopping every other one.
  items.filter((r) => r.problem).forEach((r, i) => tab.blocks.push({
    id: `broken-${i + 1}`, title: `${r.name}: cannot run`, note: r.problem, header: ['Problem'], formats: ['text'], rows: [[r.problem ?? '']],
  }));
  return tab;
}

/** Rewrites the dashboards' tabs (after a change to what they hold). */
function writeDashboards(ctx: ServerContext, analyse: () => Analysis, dashboards: Dashboard[]): void {
  if (!dashboards.length) return;
  const a = analyse();
  const saved = loadSavedReports(ctx.properties);
  const tabs = dashboards.map((d) => dashboardTabOf(a, d, saved));
  const outcome = ctx.workbook.writeTabs(tabs, { protection: Object.fromEntries(dashboards.map((d) => [dashboardTabName(d.name), d.visibility === 'owner'])) });
  if (outcome.skipped.length) throw new Error(outcome.skipped.map((x) => x.reason).join(' '));
}

/**
 * Runs a change to saved reports and dashboards so that it happens whole or not at all: when writing
 * a tab fails (a user's tab in the way, a protected dashboard), what was stored is put back.
 */
function allOrNothing<T>(p: PropertyPort, f: () => T): T {
  const mine = (k: string) => k.startsWith('cs.report:') || k.startsWith('cs.dashboard:');
  const before = new Map(p.keys().filter(mine).map((k) => [k, p.get(k)]));
  try {
    return f();
  } catch (e) {
    for (const k of p.keys().filter(mine)) if (!before.has(k)) p.delete(k);
    for (const [k, v] of before) if (v !== null) p.set(k, v);
    throw e;
  }
}

const result = (ctx: ServerContext, tab: string | null, message: string): SaveReportResult => ({
  savedReports: loadSavedReports(ctx.properties), dashboards: loadDashboards(ctx.properties), tab, message,
});

export function saveReport(ctx: ServerContext, req: SaveReportRequest, analyse: () => Analysis): SaveReportResult {
  const name = checkName(req.name, 'saved report');
  const problem = savedReportProblem(req);
  if (problem) throw new Error(problem);
  return ctx.lock.withLock(() => allOrNothing(ctx.properties, () => {
    const p = ctx.properties;
    const existing = loadSavedReports(p).find((r) => r.name === name);
    if (existing && !req.replace) {
      return { ...result(ctx, null, `A saved report named “${name}” exists already: replace it, or choose another name.`), exists: true };
    }
    const dashboards = loadDashboards(p);
    let target: string | null = existing?.dashboard ?? null;
    if (req.dashboard.mode === 'existing') {
      target = findDashboard(p, req.dashboard.name).name;
    } else if (req.dashboard.mode === 'new') {
      const dn = checkName(req.dashboard.name, 'dashboard');
      const problem = dashboardNameProblem(dn, dashboards.map((d) => d.name));
      if (problem) throw new Error(problem);
      storeDashboard(p, { name: dn, visibility: req.dashboard.visibility, reports: [] });
      target = dn;
    }
    storeSavedReport(p, { name, report: req.report, query: req.query, dashboard: null });
    // Replacing keeps the report's place on its dashboard unless another one was chosen.
    const changed = existing && existing.dashboard !== target ? takeOff(p, name) : [];
    if (target) {
      const d = findDashboard(p, target);
      if (!d.reports.includes(name)) d.reports.push(name);
      storeDashboard(p, d);
      changed.push(d);
    }
    writeDashboards(ctx, analyse, uniqueByName(changed));
    return result(ctx, target ? dashboardTabName(target) : null, `${existing ? 'Replaced' : 'Saved'} “${name}”.${target ? ` It is on the dashboard ${target}.` : ''}`);
  }));
}

const uniqueByName = (list: Dashboard[]): Dashboard[] => [...new Map(list.map((d) => [d.name, d])).values()];

export function manageSavedReports(ctx: ServerContext, action: SavedReportAction, analyse: () => Analysis): SaveReportResult {
  return ctx.lock.withLock(() => allOrNothing(ctx.properties, () => {
    const p = ctx.properties;
    switch (action.kind) {
      case 'open': {
        const r = findReport(p, action.name);
        if (r.problem) throw new Error(`Saved report "${r.name}" cannot run: ${r.problem}`);
        const a = analyse();
        const [tab] = buildReports(a, resolveQuery(a, toQueryInput(r.query)), [r.report as (typeof REPORT_KEYS)[number]]);
        const outcome = ctx.workbook.writeTabs([tab]);
        if (outcome.skipped.length) throw new Error(outcome.skipped.map((x) => x.reason).join(' '));
        return result(ctx, tab.name, `Opened “${r.name}” in the tab ${tab.name}.`);
      }
      case 'rename': {
        const r = findReport(p, action.name);
        const to = checkName(action.to, 'saved report');
        if (to !== r.name && loadSavedReports(p).some((x) => x.name === to)) throw new Error(`A saved report named "${to}" exists already: choose another name.`);
        deleteSavedReportKey(p, r.name);
        storeSavedReport(p, { name: to, report: r.report, query: r.query, dashboard: null });
        const changed: Dashboard[] = [];
        for (const d of loadDashboards(p)) {
          if (!d.reports.includes(r.name)) continue;
          d.reports = d.reports.map((x) => (x === r.name ? to : x));
          storeDashboard(p, d);
          changed.push(d);
        }
        writeDashboards(ctx, analyse, changed);
        return result(ctx, null, `Renamed “${r.name}” to “${to}”.`);
      }
      case 'delete': {
        const r = findReport(p, action.name);
        const changed = takeOff(p, r.name);
        deleteSavedReportKey(p, r.name);
        writeDashboards(ctx, analyse, changed);
        return result(ctx, null, `Deleted “${r.name}”.`);
      }
      case 'move': {
        const r = findReport(p, action.name);
        const target = action.dashboard === null ? null : findDashboard(p, action.dashboard).name;
        const changed = takeOff(p, r.name);
        if (target) {
          const d = findDashboard(p, target);
          d.reports.push(r.name);
          storeDashboard(p, d);
          changed.push(d);
        }
        writeDashboards(ctx, analyse, uniqueByName(changed));
        return result(ctx, target ? dashboardTabName(target) : null, target ? `“${r.name}” is on the dashboard ${target}.` : `“${r.name}” is on no dashboard.`);
      }
      case 'rename-dashboard': {
        const d = findDashboard(p, action.name);
        const to = checkName(action.to, 'dashboard');
        const problem = dashboardNameProblem(to, loadDashboards(p).map((x) => x.name).filter((x) => x !== d.name));
        if (problem) throw new Error(problem.replace(': choose it as an existing dashboard.', ': choose another name.'));
        deleteDashboardKey(p, d.name);
        const renamed = { ...d, name: to };
        storeDashboard(p, renamed);
        if (dashboardTabName(to) !== dashboardTabName(d.name)) ctx.workbook.deleteTab(dashboardTabName(d.name));
        writeDashboards(ctx, analyse, [renamed]);
        return result(ctx, dashboardTabName(to), `Renamed the dashboard “${d.name}” to “${to}”.`);
      }
      case 'delete-dashboard': {
        const d = findDashboard(p, action.name);
        deleteDashboardKey(p, d.name);
        ctx.workbook.deleteTab(dashboardTabName(d.name));
        return result(ctx, null, `Deleted the dashboard “${d.name}” and its tab; its reports are still saved.`);
      }
      default:
        throw new Error(`Unknown action "${String((action as { kind?: unknown }).kind)}": use open, rename, delete, move, rename-dashboard or delete-dashboard.`);
    }
  }));
}

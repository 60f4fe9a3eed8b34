/**
 * @fileoverview The add-on's server actions on top of the ports: what the menu and the sidebar
 * call. The same code runs in Apps Script and behind the local sidebar.
 */
import { analyse, type Analysis } from '../engine/analysis';
import { resolveSettings, type EngineSettings } from '../engine/settings';
import { modelsFor, REPORT_TYPES } from '../engine/attribution/catalog';
import { formatFinding } from '../engine/workbook/data-check';
import { INTERACTION_TYPES, SOURCE_CATEGORIES } from '../engine/workbook/types';
import { PRESETS } from '../engine/time/range';
import { buildReports, REPORT_KEYS, type ReportKey } from '../engine/reports/all-reports';
import { REPORT_NAMES } from '../engine/reports/report-names';
import { campaignSummary } from '../engine/reports/summary';
import { formatCell } from '../engine/report-tab/display-format';
import { dashboardTab, dashboardTabName, isReportKey } from '../engine/reports/dashboard';
import { dateTimeText } from '../engine/time/zone';
import { resolveQuery, type QueryInput, REPORT_PREFIX } from '../engine/reports/query';
import { trackingUrl, trafficSource } from '../engine/formulas/formulas';
import { SOURCE_TEMPLATES } from '../engine/workbook/templates';
import { SOURCE_TABS } from '../engine/workbook/raw';
import { readWorkbook } from '../engine/workbook/read-workbook';
import type { ReportTab } from '../engine/report-tab/report-tab';
import { HEADER_ROWS } from '../engine/report-tab/layout';
import type {
  CampaignOption, DataCheckSummary, DocumentSettings, RefreshRequest, RefreshResult, SaveReportRequest, SaveReportResult, SidebarQuery,
  SidebarState, TrackingUrlRequest, TrackingUrlResult, TrackingUrlRow,
} from '../shared/sidebar-api';
import type { ServerContext } from './ports';
import { buildFormulaStore } from '../engine/formula-store/store';
import { engineSettings, loadDashboards, loadSavedReports, loadSettings, storeDashboard, storeSavedReport, storeSettings } from './settings-store';
import { loadDataCheck, storeDataCheck } from './refresh-state';
import { dashboardNameProblem } from './tab-names';

/** Report tabs that depend on the chosen campaign; "refresh all" adds the workbook-wide ones. */
export const CAMPAIGN_REPORTS: ReportKey[] = ['overview', 'revenue', 'revenue-attribution', 'contacts-sessions', 'assets', 'traffic'];

export const TRACKING_URLS_TAB = `${REPORT_PREFIX}Tracking URLs`;
const TRACKING_HEADER = ['URL', 'Campaign', 'Source', 'Medium', 'Term', 'Content', 'Source category', 'Created'];

/** Tagged links can only produce these categories; the others come from referrers. */
export const SOURCE_SUGGESTIONS: Record<string, { source: string; medium: string }> = {
  'Paid search': { source: 'google', medium: 'cpc' },
  'Paid social': { source: 'linkedin', medium: 'paid_social' },
  'Organic social': { source: 'linkedin', medium: 'social' },
  'Email marketing': { source: 'newsletter', medium: 'email' },
  'Other campaigns': { source: 'partner', medium: 'display' },
};

export function toQueryInput(q: SidebarQuery | null | undefined): QueryInput {
  if (!q) return {};
  return {
    campaign: q.campaign, contactAttribution: q.contactAttribution, preset: q.preset, from: q.from, to: q.to,
    reportType: q.reportType, model: q.model, frequency: q.frequency,
  };
}

/** Reads the workbook once and analyses it with the document's settings. */
export function analyseDocument(ctx: ServerContext): Analysis {
  const settings = engineSettings(ctx.properties, { timeZone: ctx.workbook.timeZone(), currency: ctx.workbook.currency() });
  ctx.progress('Reading the source tabs...');
  return analyse(ctx.workbook.readSources(), settings, ctx.now());
}

export function dataCheckSummary(a: Analysis, limit = 8): DataCheckSummary {
  const f = a.model.workbook.check.findings;
  const errors = f.filter((x) => x.severity === 'error').length;
  // Errors first: they are rows the reports do not use.
  const ordered = [...f.filter((x) => x.severity === 'error'), ...f.filter((x) => x.severity === 'warning')];
  return { errors, warnings: f.length - errors, messages: ordered.slice(0, limit).map(formatFinding) };
}

/**
 * The campaigns for the sidebar's picker: the Campaigns tab alone, read by the same code as a
 * refresh (the other tabs stand in as their headers), so opening the sidebar reads one tab.
 */
export function campaignOptions(ctx: ServerContext, zone: string): CampaignOption[] {
  const raw = ctx.workbook.readSources(['Campaigns']);
  if (Object.keys(raw).length === 0) {
    throw new Error('Missing tab "Campaigns": add it, or use Insert source-tab templates to add the five source tabs.');
  }
  const others = Object.fromEntries(SOURCE_TABS.filter((t) => t !== 'Campaigns').map((t) => [t, [SOURCE_TEMPLATES[t][0]]]));
  return readWorkbook({ ...others, ...raw }, { timeZone: zone }).campaigns.map((c) => ({ id: c.id, name: c.name, utm: c.utm[0] ?? '' }));
}

/**
 * What the sidebar shows when it opens, read in a few calls whatever the workbook's size: the
 * Campaigns tab, the settings, the tracking URLs tab, and the data check the last refresh stored.
 */
export function getSidebarState(ctx: ServerContext): SidebarState {
  const settings = loadSettings(ctx.properties);
  const zone = ctx.workbook.timeZone();
  return {
    campaigns: campaignOptions(ctx, zone),
    reportTypes: [...REPORT_TYPES],
    models: Object.fromEntries(REPORT_TYPES.map((t) => [t, modelsFor(t)])),
    presets: [...PRESETS],
    reports: REPORT_KEYS.filter((k) => k !== 'data-check').map((k) => ({ key: k, name: REPORT_NAMES[k] })),
    interactionTypes: [...INTERACTION_TYPES],
    sourceCategories: [...SOURCE_CATEGORIES],
    sourceSuggestions: SOURCE_SUGGESTIONS,
    settings,
    savedReports: loadSavedReports(ctx.properties),
    dashboards: loadDashboards(ctx.properties),
    trackingUrls: readTrackingUrls(ctx),
    timeZone: zone,
    currency: ctx.workbook.currency(),
    dataCheck: loadDataCheck(ctx.properties),
    formulas: ctx.workbook.formulaFreshness(),
  };
}


/** Dashboards' tabs, each computed with its saved reports' own parameters. */
function dashboardTabs(ctx: ServerContext, a: Analysis, only?: string): ReportTab[] {
  const saved = loadSavedReports(ctx.properties);
  return loadDashboards(ctx.properties)
    .filter((d) => !only || d.name === only)
    .map((d) => dashboardTab(a, d.name, d.reports.map((name) => saved.find((r) => r.name === name))
      .filter((r): r is NonNullable<typeof r> => !!r)
      .map((r) => ({ name: r.name, report: r.report, query: toQueryInput(r.query) }))));
}

/** Dashboards' owner-only choice by tab name, re-applied after each write of their tabs. */
function dashboardProtection(ctx: ServerContext): Record<string, boolean> {
  return Object.fromEntries(loadDashboards(ctx.properties).map((d) => [dashboardTabName(d.name), d.visibility === 'owner']));
}

/** The data check tab says how current formulas' answers are (a full refresh: as of itself). */
function noteFormulaAnswers(ctx: ServerContext, tabs: ReportTab[], a: Analysis, storing: boolean): void {
  const check = tabs.find((t) => t.key === 'data-check');
  if (!check) return;
  const text = storing
    ? `Formulas answer as of this refresh (${dateTimeText(a.now, a.zone)}); those given CS_VERSION as their last argument recompute now.`
    : ctx.workbook.formulaFreshness()?.summary;
  if (text) check.parameters.push(['Formula answers', text]);
}

export function refreshReports(ctx: ServerContext, req: RefreshRequest): RefreshResult {
  const started = ctx.now();
  return ctx.lock.withLock(() => {
    const a = analyseDocument(ctx);
    const q = resolveQuery(a, toQueryInput(req.query));
    const all = req.scope === 'all';
    const keys = all ? REPORT_KEYS : [...CAMPAIGN_REPORTS, 'data-check' as const];
    const tabs = buildReports(a, q, keys, ctx.progress);
    if (all) tabs.push(...dashboardTabs(ctx, a));
    noteFormulaAnswers(ctx, tabs, a, all);
    // A full refresh computed every model already: storing them lets formulas answer fast.
    if (all) ctx.progress('Storing results for formulas...');
    const formulaStore = all ? buildFormulaStore(a) : undefined;
    ctx.progress(`Writing ${tabs.length} tabs...`);
    const outcome = ctx.workbook.writeTabs(tabs, { formulaStore, protection: all ? dashboardProtection(ctx) : undefined });
    const dataCheck = dataCheckSummary(a);
    storeDataCheck(ctx.properties, dataCheck, a.now);
    const settings = loadSettings(ctx.properties);
    storeSettings(ctx.properties, { ...settings, lastQuery: req.query });
    const skipped = new Set(outcome.skipped.map((x) => x.tab));
    return {
      tabs: tabs.map((t) => t.name).filter((n) => !skipped.has(n)),
      summary: campaignSummary(a, q).map((f) => [f.label, formatCell(f.value, f.format, { currency: a.settings.currency })]),
      dataCheck: { ...dataCheck, checkedAt: new Date(a.now).toISOString() },
      durationMs: ctx.now() - started,
      notes: outcome.skipped.map((x) => x.reason),
    };
  });
}

/** The menu's "Refresh all reports": the last sidebar choices, or the defaults. */
export function refreshAll(ctx: ServerContext): RefreshResult {
  const last = loadSettings(ctx.properties).lastQuery;
  return refreshReports(ctx, { scope: 'all', query: last ?? defaultQuery() });
}

export function defaultQuery(): SidebarQuery {
  return { campaign: '', contactAttribution: 'first touch', preset: 'all', reportType: 'revenue', model: 'Linear', frequency: 'auto' };
}

/** The menu's "Check data": only the Data check tab. */
export function checkData(ctx: ServerContext): DataCheckSummary {
  return ctx.lock.withLock(() => {
    const a = analyseDocument(ctx);
    const tabs = buildReports(a, resolveQuery(a, {}), ['data-check']);
    noteFormulaAnswers(ctx, tabs, a, false);
    ctx.workbook.writeTabs(tabs);
    const summary = dataCheckSummary(a);
    storeDataCheck(ctx.properties, summary, a.now);
    return { ...summary, checkedAt: new Date(a.now).toISOString() };
  });
}

export function insertTemplates(ctx: ServerContext): string[] {
  return ctx.lock.withLock(() => ctx.workbook.insertTemplates(SOURCE_TEMPLATES));
}

export function readTrackingUrls(ctx: ServerContext): TrackingUrlRow[] {
  const table = ctx.workbook.readTab(TRACKING_URLS_TAB);
  if (!table) return [];
  const headerAt = table.findIndex((r, i) => i >= HEADER_ROWS && r[0] === TRACKING_HEADER[0] && r[1] === TRACKING_HEADER[1]);
  if (headerAt < 0) return [];
  const rows: TrackingUrlRow[] = [];
  for (let i = headerAt + 1; i < table.length && table[i][0] !== '' && table[i][0] !== null; i++) {
    const [url, campaign, source, medium, term, content, category, created] = table[i].map((c) => (c instanceof Date ? c.toISOString() : String(c ?? '')));
    rows.push({ url, campaign, source, medium, term, content, category, created });
  }
  return rows;
}

function trackingUrlsTab(rows: TrackingUrlRow[]): ReportTab {
  return {
    name: TRACKING_URLS_TAB,
    key: 'tracking-urls',
    title: 'Tracking URLs',
    parameters: [['Links', String(rows.length)]],
    blocks: [{
      id: 'urls',
      title: 'Tracking URLs built in the sidebar',
      header: TRACKING_HEADER,
      formats: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'],
      rows: rows.map((r) => [r.url, r.campaign, r.source, r.medium, r.term, r.content, r.category, r.created]),
    }],
    charts: [],
  };
}

export function saveTrackingUrl(ctx: ServerContext, req: TrackingUrlRequest): TrackingUrlResult {
  if (!SOURCE_SUGGESTIONS[req.category]) {
    throw new Error(`A tracking URL can tag ${Object.keys(SOURCE_SUGGESTIONS).join(', ')}; "${req.category}" comes from referrers, not tags.`);
  }
  const url = trackingUrl({ url: req.url, campaign: req.campaign, source: req.source, medium: req.medium, term: req.term, content: req.content });
  const category = trafficSource(url);
  if (category !== req.category) {
    const s = SOURCE_SUGGESTIONS[req.category];
    throw new Error(`HubSpot's rules count this link as ${category}, not ${req.category}: try source "${s.source}" and medium "${s.medium}".`);
  }
  return ctx.lock.withLock(() => {
    const rows = readTrackingUrls(ctx);
    const created = new Date(ctx.now()).toISOString().slice(0, 16).replace('T', ' ');
    rows.push({ url, campaign: req.campaign, source: req.source, medium: req.medium, term: req.term, content: req.content, category, created });
    ctx.workbook.writeTabs([trackingUrlsTab(rows)]);
    return { url, category, rows };
  });
}

export function saveReport(ctx: ServerContext, req: SaveReportRequest): SaveReportResult {
  const name = req.name.trim();
  if (!name) throw new Error('Give the saved report a name.');
  if (name.length > 60) throw new Error('A saved report name has at most 60 characters.');
  if (!isReportKey(req.report) || req.report === 'data-check') throw new Error(`Unknown report "${req.report}".`);
  return ctx.lock.withLock(() => {
    const dashboards = loadDashboards(ctx.properties);
    let dashboardName: string | null = null;
    if (req.dashboard.mode === 'existing') {
      const wanted = req.dashboard.name;
      if (!dashboards.some((d) => d.name === wanted)) throw new Error(`No dashboard is named "${wanted}".`);
      dashboardName = wanted;
    } else if (req.dashboard.mode === 'new') {
      const dn = req.dashboard.name.trim();
      if (!dn) throw new Error('Give the new dashboard a name.');
      const problem = dashboardNameProblem(dn, dashboards.map((d) => d.name));
      if (problem) throw new Error(problem);
      storeDashboard(ctx.properties, { name: dn, visibility: req.dashboard.visibility, reports: [] });
      dashboardName = dn;
    }
    storeSavedReport(ctx.properties, { name, report: req.report, query: req.query, dashboard: dashboardName });
    let tab: string | null = null;
    if (dashboardName) {
      const d = loadDashboards(ctx.properties).find((x) => x.name === dashboardName)!;
      if (!d.reports.includes(name)) d.reports.push(name);
      storeDashboard(ctx.properties, d);
      const a = analyseDocument(ctx);
      const [t] = dashboardTabs(ctx, a, d.name);
      const outcome = ctx.workbook.writeTabs([t], { protection: { [t.name]: d.visibility === 'owner' } });
      if (outcome.skipped.length) throw new Error(outcome.skipped.map((x) => x.reason).join(' '));
      tab = t.name;
    }
    return { savedReports: loadSavedReports(ctx.properties), dashboards: loadDashboards(ctx.properties), tab };
  });
}

export function saveSettings(ctx: ServerContext, s: DocumentSettings): SidebarState {
  // The engine's own validation, so a bad value never sticks.
  if (!s.eligibleTypes.length) throw new Error('Choose at least one interaction type that earns credit.');
  resolveSettings({ eligibleTypes: s.eligibleTypes as EngineSettings['eligibleTypes'], halfLifeDays: s.halfLifeDays, lookbackDays: s.lookbackDays });
  // Under the lock: a refresh stores its last query in the same property, read then written.
  ctx.lock.withLock(() => storeSettings(ctx.properties, { ...loadSettings(ctx.properties), ...s }));
  return getSidebarState(ctx);
}

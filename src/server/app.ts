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
import { REPORT_NAMES, reportTabName } from '../engine/reports/report-names';
import { campaignSummary, type SummaryFigure } from '../engine/reports/summary';
import { contactList, contactListTable } from '../engine/metrics/contact-lists';
import { CONTACT_LIST_BLOCKS } from '../engine/reports/contacts';
import { formatCell } from '../engine/report-tab/display-format';
import { dashboardTabName } from '../engine/reports/dashboard';
import { dateTimeText } from '../engine/time/zone';
import { rangeOf, resolveQuery, type ReportQuery, REPORT_PREFIX } from '../engine/reports/query';
import { trackingUrl, trafficSource } from '../engine/formulas/formulas';
import { SOURCE_TEMPLATES } from '../engine/workbook/templates';
import { SOURCE_TABS, type RawWorkbook } from '../engine/workbook/raw';
import { readWorkbook } from '../engine/workbook/read-workbook';
import type { ReportTab } from '../engine/report-tab/report-tab';
import { HEADER_ROWS } from '../engine/report-tab/layout';
import type {
  CampaignOption, DataCheckSummary, DocumentSettings, RefreshRequest, RefreshResult, SaveReportRequest, SaveReportResult, SavedReportAction,
  SidebarQuery, SidebarState, SummaryList, TrackingUrlRequest, TrackingUrlResult, TrackingUrlRow,
} from '../shared/sidebar-api';
import type { ServerContext } from './ports';
import { buildFormulaStore } from '../engine/formula-store/store';
import { engineSettings, loadDashboards, loadSettings, storeSettings } from './settings-store';
import { dashboardTabOf, loadSavedReports, manageSavedReports as manageSaved, saveReport as saveSavedReport, toQueryInput } from './saved-reports';

export { toQueryInput };
import { loadDataCheck, storeDataCheck } from './refresh-state';
import { refreshFromWarehouse } from './warehouse-refresh';
import { checkWarehouseSetting } from './warehouse-setting';

/** Report tabs that depend on the chosen campaign; "refresh all" adds the workbook-wide ones. */
export const CAMPAIGN_REPORTS: ReportKey[] = ['overview', 'revenue', 'revenue-attribution', 'contacts-sessions', 'contacts', 'assets', 'traffic', 'attribution'];

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
 * The campaigns for the sidebar's picker from the Campaigns tab alone, read by the same code as a
 * refresh (the other tabs stand in as their headers), so opening the sidebar reads one tab.
 */
export function campaignOptions(raw: RawWorkbook, zone: string): CampaignOption[] {
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
    campaigns: sidebarCampaigns(ctx, settings, zone),
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
    warehouseAvailable: !!ctx.warehouse,
  };
}

/**
 * The sidebar's campaigns. With the warehouse setting, those its last refresh stored (opening the
 * sidebar queries nothing); the warehouse flavour's sidebar also opens on a spreadsheet without
 * source tabs, so that the setting can be made.
 */
function sidebarCampaigns(ctx: ServerContext, settings: DocumentSettings, zone: string): CampaignOption[] {
  if (settings.warehouse) return (ctx.workbook.storedCampaigns?.() ?? []).map((c) => ({ id: c.id, name: c.name, utm: '' }));
  const raw = ctx.workbook.readSources(['Campaigns']);
  if (ctx.warehouse && Object.keys(raw).length === 0) return [];
  return campaignOptions(raw, zone);
}


/** Dashboards' tabs, each computed with its saved reports' own parameters. */
function dashboardTabs(ctx: ServerContext, a: Analysis): ReportTab[] {
  const saved = loadSavedReports(ctx.properties);
  return loadDashboards(ctx.properties).map((d) => dashboardTabOf(a, d, saved));
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
    const warehouse = loadSettings(ctx.properties).warehouse;
    if (warehouse) return refreshFromWarehouse(ctx, req, warehouse, CAMPAIGN_REPORTS);
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
    const figures = campaignSummary(a, q);
    return {
      tabs: tabs.map((t) => t.name).filter((n) => !skipped.has(n)),
      summary: figures.map((f) => [f.label, formatCell(f.value, f.format, { currency: a.settings.currency })]),
      lists: summaryLists(a, q, figures),
      dataCheck: { ...dataCheck, checkedAt: new Date(a.now).toISOString() },
      durationMs: ctx.now() - started,
      notes: outcome.skipped.map((x) => x.reason),
    };
  });
}

/** Contacts shown under a summary count before the sidebar points to the Contacts tab. */
export const SUMMARY_LIST_ROWS = 10;

/** The contacts behind each of the summary's contact counts: the first rows and where the rest are. */
export function summaryLists(a: Analysis, q: ReportQuery, figures: SummaryFigure[]): SummaryList[] {
  const range = rangeOf(a, q);
  return figures.flatMap((f) => {
    if (!f.list) return [];
    const { entries } = contactList(a, q.campaign, f.list.name, range, f.list.options);
    const table = contactListTable(a, f.list.name, entries, SUMMARY_LIST_ROWS);
    return [{
      label: f.label, tab: reportTabName('contacts'), block: CONTACT_LIST_BLOCKS[f.list.name], total: entries.length,
      header: table.header, rows: table.rows.map((r) => r.map((c) => (c === null ? '' : String(c)))),
    }];
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
  return saveSavedReport(ctx, req, () => analyseDocument(ctx));
}

export function manageSavedReports(ctx: ServerContext, action: SavedReportAction): SaveReportResult {
  return manageSaved(ctx, action, () => analyseDocument(ctx));
}

export function saveSettings(ctx: ServerContext, s: DocumentSettings): SidebarState {
  // The engine's own validation, so a bad value never sticks.
  if (!s.eligibleTypes.length) throw new Error('Choose at least one interaction type that earns credit.');
  resolveSettings({
    eligibleTypes: s.eligibleTypes as EngineSettings['eligibleTypes'],
    dealCreateEligibleTypes: (s.dealCreateEligibleTypes ?? null) as EngineSettings['dealCreateEligibleTypes'],
    revenueEligibleTypes: (s.revenueEligibleTypes ?? null) as EngineSettings['revenueEligibleTypes'],
    halfLifeDays: s.halfLifeDays,
    lookbackDays: s.lookbackDays,
  });
  // A sidebar without the warehouse field (undefined) leaves the stored setting alone.
  const given = s.warehouse === undefined ? undefined : checkWarehouseSetting(s.warehouse);
  if (given && !ctx.warehouse) {
    throw new Error('This copy of Campaign Sheets was built without BigQuery access (it asks for two permissions only): install the warehouse build to refresh from BigQuery.');
  }
  // Under the lock: a refresh stores its last query in the same property, read then written.
  ctx.lock.withLock(() => {
    const stored = loadSettings(ctx.properties);
    storeSettings(ctx.properties, { ...stored, ...s, warehouse: given === undefined ? stored.warehouse ?? null : given });
  });
  return getSidebarState(ctx);
}

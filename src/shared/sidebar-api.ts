/**
 * @fileoverview The sidebar's contract with the server: every endpoint `google.script.run` can
 * call, with JSON-safe arguments and results (no `Date`: Apps Script refuses to pass one).
 */

export interface CampaignOption {
  id: string;
  name: string;
  /** The campaign's first `UTM campaign` value: what tracking URLs carry. */
  utm: string;
}

/** The sidebar's choices for a run, as the user picked them. */
export interface SidebarQuery {
  campaign: string;
  contactAttribution: 'first touch' | 'last touch';
  /** A range preset, or `custom` with from/to as `YYYY-MM-DD`. */
  preset: string;
  from?: string;
  to?: string;
  reportType: 'contact create' | 'deal create' | 'revenue';
  model: string;
  /** `auto`: daily for ranges up to 90 days, monthly beyond. */
  frequency: 'auto' | 'daily' | 'monthly';
}

/** Settings that persist per document. */
export interface DocumentSettings {
  /** Interaction types that earn credit: contact create, and every report type without its own set. */
  eligibleTypes: string[];
  /** Deal create's and revenue's own sets (HubSpot sets them per report); null: `eligibleTypes`. */
  dealCreateEligibleTypes?: string[] | null;
  revenueEligibleTypes?: string[] | null;
  halfLifeDays: number;
  lookbackDays: number | null;
  /** The last choices, restored when the sidebar opens. */
  lastQuery: SidebarQuery | null;
  /** BigQuery holds the data (the warehouse flavour only): refreshes run there, not on the source tabs. */
  warehouse?: WarehouseSetting | null;
}

/** A BigQuery dataset holding the five tables; its project is also the one billed for the queries. */
export interface WarehouseSetting {
  project: string;
  dataset: string;
}

export interface SavedReport {
  name: string;
  /** Which report tab's content it keeps (`attribution`, `overview`, ...). */
  report: string;
  query: SidebarQuery;
  /** Dashboard it sits on, if any (the dashboards' lists are the stored truth; this mirrors them). */
  dashboard: string | null;
  /** Set when the stored report cannot run (an unknown model, preset...): what is wrong and accepted. */
  problem?: string;
}

export type DashboardVisibility = 'everyone' | 'owner';

export interface Dashboard {
  name: string;
  visibility: DashboardVisibility;
  /** Saved report names, in order. */
  reports: string[];
}

export interface TrackingUrlRow {
  url: string;
  campaign: string;
  source: string;
  medium: string;
  term: string;
  content: string;
  category: string;
  created: string;
}

export interface SidebarState {
  campaigns: CampaignOption[];
  reportTypes: string[];
  /** Models per report type, in display order. */
  models: Record<string, string[]>;
  presets: string[];
  reports: { key: string; name: string }[];
  interactionTypes: string[];
  sourceCategories: string[];
  /** Suggested utm_source / utm_medium per source category for the URL builder. */
  sourceSuggestions: Record<string, { source: string; medium: string }>;
  settings: DocumentSettings;
  savedReports: SavedReport[];
  dashboards: Dashboard[];
  trackingUrls: TrackingUrlRow[];
  timeZone: string;
  currency: string;
  /** The data check of the last refresh or check (opening the sidebar does not read the data). */
  dataCheck: DataCheckSummary;
  /** How current the formulas' answers are; null where there are no formulas (local sidebar). */
  formulas: FormulaFreshness | null;
  /** True in the warehouse flavour (built with BigQuery access): the settings offer a BigQuery dataset. */
  warehouseAvailable?: boolean;
  /** Where a local host writes its outputs (CSV, xlsx, report.html); absent in Google Sheets. */
  outputs?: OutputsInfo;
}

/** The local sidebar's output folder, shown as a link. */
export interface OutputsInfo {
  /** The folder's path on this computer. */
  location: string;
  /** A page listing the files, served by the local server. */
  url: string;
}

export interface DataCheckSummary {
  errors: number;
  warnings: number;
  /** The first findings, as readable lines. */
  messages: string[];
  /** When the data was checked (ISO 8601), or null before the first check. */
  checkedAt?: string | null;
}

/** What keeps the add-on's formulas current, for the sidebar and the data check. */
export interface FormulaFreshness {
  /** When the last full refresh ran (ISO 8601), or null before the first. */
  refreshedAt: string | null;
  /** Small workbooks: formulas read the source tabs when Sheets recomputes them; large: the stored refresh. */
  answersFrom: 'tabs' | 'last refresh';
  /** False once an edit of a source tab, or a change of its size, is seen after that refresh. */
  sourcesUnchanged: boolean;
  /** All of the above as one sentence. */
  summary: string;
}

export interface RefreshRequest {
  scope: 'campaign' | 'all';
  query: SidebarQuery;
}

/** The contacts behind one summary count: its first rows, and where the whole list is. */
export interface SummaryList {
  /** The summary label it belongs to. */
  label: string;
  /** The tab holding the whole list (`CS Contacts`) and the list's block id there. */
  tab: string;
  block: string;
  total: number;
  header: string[];
  rows: string[][];
}

export interface RefreshResult {
  tabs: string[];
  /** Headline numbers of the run, label and formatted value. */
  summary: [string, string][];
  /** The contact lists behind the summary's contact counts. */
  lists: SummaryList[];
  dataCheck: DataCheckSummary;
  durationMs: number;
  /** What the user should know about this run (dashboards left out, ...). */
  notes?: string[];
}

export interface TrackingUrlRequest {
  url: string;
  campaign: string;
  /** The source category the user means this link for. */
  category: string;
  source: string;
  medium: string;
  term: string;
  content: string;
}

export interface TrackingUrlResult {
  url: string;
  /** The category HubSpot's rules give the built URL. */
  category: string;
  rows: TrackingUrlRow[];
}

export interface SaveReportRequest {
  name: string;
  report: string;
  query: SidebarQuery;
  /** The user confirmed replacing the saved report of the same name. */
  replace?: boolean;
  dashboard:
    | { mode: 'none' }
    | { mode: 'existing'; name: string }
    | { mode: 'new'; name: string; visibility: DashboardVisibility };
}

export interface SaveReportResult {
  savedReports: SavedReport[];
  dashboards: Dashboard[];
  /** Tab written (the dashboard's, or the opened report's), if any. */
  tab: string | null;
  /** A saved report has this name already and `replace` was not set: nothing changed; ask the user. */
  exists?: boolean;
  /** What was done, for the status line. */
  message?: string;
}

/** What can be done to saved reports and dashboards after saving. */
export type SavedReportAction =
  | { kind: 'open'; name: string }
  | { kind: 'rename'; name: string; to: string }
  | { kind: 'delete'; name: string }
  /** Puts the report on a dashboard, or takes it off any (null). */
  | { kind: 'move'; name: string; dashboard: string | null }
  | { kind: 'rename-dashboard'; name: string; to: string }
  | { kind: 'delete-dashboard'; name: string };

/** Every endpoint; the client wrapper derives its promise types from this. */
export interface SidebarApi {
  getSidebarState(): SidebarState;
  refreshReports(req: RefreshRequest): RefreshResult;
  saveTrackingUrl(req: TrackingUrlRequest): TrackingUrlResult;
  saveReport(req: SaveReportRequest): SaveReportResult;
  manageSavedReports(action: SavedReportAction): SaveReportResult;
  saveSettings(settings: DocumentSettings): SidebarState;
}

/**
 * @fileoverview The report tabs by key, their display names and tab names: the one list the engine,
 * the sidebar's choices and the outputs' file names all read.
 */
export const REPORT_KEYS = [
  'overview', 'revenue', 'revenue-attribution', 'contacts-sessions', 'contacts', 'assets', 'traffic', 'attribution',
  'model-comparison', 'removal-effects', 'data-check',
] as const;
export type ReportKey = (typeof REPORT_KEYS)[number];

/** Every tab the add-on owns starts with this; a user's own tabs never do. */
export const REPORT_PREFIX = 'CS ';

export const REPORT_NAMES: Record<ReportKey, string> = {
  overview: 'Overview',
  revenue: 'Revenue',
  'revenue-attribution': 'Revenue attribution',
  'contacts-sessions': 'Contacts & sessions',
  contacts: 'Contacts',
  assets: 'Assets',
  traffic: 'Traffic',
  attribution: 'Attribution',
  'model-comparison': 'Model comparison',
  'removal-effects': 'Removal effects',
  'data-check': 'Data check',
};

/** The tab a report is written to: `CS Overview`, ... */
export const reportTabName = (key: ReportKey): string => REPORT_PREFIX + REPORT_NAMES[key];

export const isReportKey = (k: unknown): k is ReportKey => typeof k === 'string' && (REPORT_KEYS as readonly string[]).includes(k);

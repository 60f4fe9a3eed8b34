/**
 * @fileoverview The Apps Script entry: its exports are exactly the globals Apps Script sees
 * (triggers, menu actions, sidebar endpoints, custom functions). build.mjs wraps each in a
 * top-level function; custom functions get their JSDoc from the formula catalogue.
 */
import { appsScriptContext } from './services';
import { buildMenu, checkDataAction, insertTemplatesAction, refreshAllReportsAction, showHelpAction, showSidebar as openSidebar } from './menu';
import { callFormula } from './custom-functions';
import { recordSourceEdit, type EditEventLike } from './on-edit';
import * as app from '../server/app';
import type { FormulaArg } from '../engine/formulas/arguments';
import type { DocumentSettings, RefreshRequest, SaveReportRequest, SavedReportAction, TrackingUrlRequest } from '../shared/sidebar-api';

/**
 * Builds the add-on menu when the spreadsheet opens (in AuthMode.NONE it may do nothing else).
 * @param {GoogleAppsScript.Events.SheetsOnOpen} e The open event.
 */
export function onOpen(e?: unknown): void {
  void e;
  buildMenu();
}

/**
 * Runs when the add-on is installed: shows the menu at once.
 * @param {GoogleAppsScript.Events.AddonOnInstall} e The install event.
 */
export function onInstall(e?: unknown): void {
  onOpen(e);
}

/** Opens the Campaign Sheets sidebar. */
export function showSidebar(): void {
  openSidebar();
}

/** Refreshes every report tab and dashboard with the last sidebar choices. */
export function refreshAllReports(): void {
  refreshAllReportsAction();
}

/** Checks the source tabs and writes the CS Data check tab. */
export function checkData(): void {
  checkDataAction();
}

/** Adds the missing source tabs with their headers and example rows. */
export function insertSourceTemplates(): void {
  insertTemplatesAction();
}

/** Shows a short help text. */
export function showHelp(): void {
  showHelpAction();
}

/** Sidebar: campaigns, options, settings, saved reports, dashboards and tracking URLs. */
export function getSidebarState() {
  return app.getSidebarState(appsScriptContext());
}

/** Sidebar: refreshes the campaign's report tabs or all of them. */
export function refreshReports(req: RefreshRequest) {
  return app.refreshReports(appsScriptContext(), req);
}

/** Sidebar: builds, checks and saves a tracking URL. */
export function saveTrackingUrl(req: TrackingUrlRequest) {
  return app.saveTrackingUrl(appsScriptContext(), req);
}

/** Sidebar: saves a report, optionally on a dashboard. */
export function saveReport(req: SaveReportRequest) {
  return app.saveReport(appsScriptContext(), req);
}

/** Sidebar: opens, renames, deletes or moves a saved report; renames or deletes a dashboard. */
export function manageSavedReports(action: SavedReportAction) {
  return app.manageSavedReports(appsScriptContext(), action);
}

/** Sidebar: stores the document's settings. */
export function saveSettings(settings: DocumentSettings) {
  return app.saveSettings(appsScriptContext(), settings);
}

const formula = (name: string) => (...args: FormulaArg[]) => callFormula(name, args);

export const CAMPAIGN_METRIC = formula('CAMPAIGN_METRIC');
export const CAMPAIGN_ATTRIBUTION = formula('CAMPAIGN_ATTRIBUTION');
export const CAMPAIGN_CONTACTS = formula('CAMPAIGN_CONTACTS');
export const ATTRIBUTION_TABLE = formula('ATTRIBUTION_TABLE');
export const MODEL_COMPARISON = formula('MODEL_COMPARISON');
export const CAMPAIGN_TREND = formula('CAMPAIGN_TREND');
export const REMOVAL_EFFECTS = formula('REMOVAL_EFFECTS');
export const TRACKING_URL = formula('TRACKING_URL');
export const TRAFFIC_SOURCE = formula('TRAFFIC_SOURCE');

/**
 * Simple trigger: an edit in a source tab marks the formula store out of date, so formulas that
 * answer from it ask for a refresh when they next recompute.
 * @param {GoogleAppsScript.Events.SheetsOnEdit} e The edit event.
 */
export function onEdit(e?: EditEventLike): void {
  recordSourceEdit(e);
}

/**
 * @fileoverview The add-on menu and the actions behind it. `onOpen` only builds the menu: in
 * AuthMode.NONE nothing else is allowed.
 */
import { appsScriptContext } from './services';
import { checkData, insertTemplates, refreshAll } from '../server/app';

export const MENU_ITEMS: [caption: string, functionName: string][] = [
  ['Open sidebar', 'showSidebar'],
  ['Refresh all reports', 'refreshAllReports'],
  ['Check data', 'checkData'],
  ['Insert source-tab templates', 'insertSourceTemplates'],
  ['Help', 'showHelp'],
];

export function buildMenu(): void {
  let menu = SpreadsheetApp.getUi().createAddonMenu();
  MENU_ITEMS.forEach(([caption, fn], i) => {
    if (i === 2 || i === 4) menu = menu.addSeparator();
    menu = menu.addItem(caption, fn);
  });
  menu.addToUi();
}

export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Campaign Sheets');
  SpreadsheetApp.getUi().showSidebar(html);
}

export function refreshAllReportsAction(): void {
  const ctx = appsScriptContext();
  const result = refreshAll(ctx);
  const warn = result.dataCheck.errors + result.dataCheck.warnings;
  const notes = result.notes?.length ? ` ${result.notes.join(' ')}` : '';
  ctx.progress(`Refreshed ${result.tabs.length} tabs in ${(result.durationMs / 1000).toFixed(1)} s.${warn ? ` Data check: ${result.dataCheck.errors} errors, ${result.dataCheck.warnings} warnings (see CS Data check).` : ''}${notes}`);
}

export function checkDataAction(): void {
  const s = checkData(appsScriptContext());
  SpreadsheetApp.getUi().alert(
    'Data check',
    s.errors + s.warnings === 0 ? 'No problems found.' : `${s.errors} errors (rows or cells skipped), ${s.warnings} warnings.\n\n${s.messages.join('\n')}\n\nAll findings are in the "CS Data check" tab.`,
    SpreadsheetApp.getUi().ButtonSet.OK,
  );
}

export function insertTemplatesAction(): void {
  const added = insertTemplates(appsScriptContext());
  SpreadsheetApp.getUi().alert('Source-tab templates', added.length ? `Added ${added.join(', ')}.` : 'All five source tabs exist already; nothing was changed.', SpreadsheetApp.getUi().ButtonSet.OK);
}

export const HELP_TEXT = [
  'Campaign Sheets reads five tabs: Campaigns, Assets, Interactions, Contacts and Deals (Insert source-tab templates adds them with examples).',
  'Open the sidebar to pick a campaign, a date range and a model, then refresh its report tabs. Report tabs start with "CS " and are rewritten whole; your source tabs are never changed.',
  'Formulas: CAMPAIGN_METRIC, CAMPAIGN_ATTRIBUTION, ATTRIBUTION_TABLE, MODEL_COMPARISON, CAMPAIGN_TREND, REMOVAL_EFFECTS, TRACKING_URL, TRAFFIC_SOURCE.',
  'Sheets recomputes a formula only when its text or an argument changes. Give the formulas CS_VERSION as their last argument, e.g. =CAMPAIGN_METRIC(A2, "sessions", , , , CS_VERSION): every Refresh all reports then recomputes them. After you change source data, use Refresh all reports.',
].join('\n\n');

export function showHelpAction(): void {
  SpreadsheetApp.getUi().alert('Campaign Sheets help', HELP_TEXT, SpreadsheetApp.getUi().ButtonSet.OK);
}

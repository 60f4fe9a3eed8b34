/**
 * @fileoverview The Apps Script adapters through strict fakes of the real services: batch reads,
 * atomic tab writes, charts updated in place, formula-like text kept as text, source tabs never
 * written, the menu alone in AuthMode.NONE, the lock, and custom functions.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAppsScript, type FakeAppsScript } from '../fakes';
import { paddedTinyWorkbook, tinyWorkbook } from '../helpers/workbooks';
import * as entry from '../../src/apps-script/main';
import { defaultQuery } from '../../src/server/app';
import type { RefreshRequest } from '../../src/shared/sidebar-api';
import { LIVE_CELL_LIMIT, STORE_TAB } from '../../src/apps-script/formula-store-sheet';

const SOURCE = ['Campaigns', 'Assets', 'Interactions', 'Contacts', 'Deals'];
const all: RefreshRequest = { scope: 'all', query: { ...defaultQuery(), campaign: 'C1' } };

function seeded(extra: Record<string, unknown[][]> = {}): FakeAppsScript {
  return createFakeAppsScript({ timeZone: 'UTC', sheets: { ...tinyWorkbook(), Notes: [['my notes']], ...extra }, htmlFiles: { Sidebar: '<p>sidebar</p>' } });
}

const sheetOf = (fake: FakeAppsScript, name: string) => fake.snapshot().sheets.find((s) => s.name === name);

describe('Apps Script adapters on strict fakes', () => {
  let fake: FakeAppsScript;
  let uninstall: () => void;
  beforeEach(() => {
    fake = seeded();
    uninstall = fake.install();
  });
  afterEach(() => uninstall());

  it('reads each source tab with one getValues call, and no other tab', () => {
    fake.resetCounters();
    entry.refreshReports({ scope: 'campaign', query: all.query });
    expect(fake.callCount('Range.getValues')).toBe(5);
    expect(fake.cellsRead).toBe(SOURCE.reduce((n, t) => n + tinyWorkbook()[t].length * tinyWorkbook()[t][0].length, 0));
  });

  it('writes every report tab, each block with one setValues, and leaves source tabs identical', () => {
    const before = fake.snapshot().sheets.filter((s) => SOURCE.includes(s.name) || s.name === 'Notes');
    fake.resetCounters();
    const result = entry.refreshReports(all);
    expect(result.tabs).toContain('CS Overview');
    expect(result.tabs).toContain('CS Model comparison');
    // One setValues per report tab, plus the formula store.
    expect(fake.callCount('Range.setValues')).toBe(result.tabs.length + 1);
    const after = fake.snapshot().sheets.filter((s) => SOURCE.includes(s.name) || s.name === 'Notes');
    expect(after).toEqual(before);
    const overview = sheetOf(fake, 'CS Overview')!;
    expect(overview.frozenRows).toBe(3);
    expect(overview.values[0][0]).toBe('Overview: Spring launch');
    expect(overview.fontWeights.A1).toBe('bold');
    expect(Object.values(overview.numberFormats)).toContain('0.0%');
    // A second refresh replaces in place: no leftover scratch tabs, and the user stays on their tab.
    SpreadsheetApp.getActiveSpreadsheet().setActiveSheet(SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Notes')!);
    entry.refreshReports(all);
    expect(fake.snapshot().sheets.map((s) => s.name).filter((n) => n.includes('(updating)'))).toEqual([]);
    expect(fake.snapshot().activeSheet).toBe('Notes');
  });

  it('inserts each chart once and updates it in place on later refreshes', () => {
    entry.refreshReports(all);
    const first = sheetOf(fake, 'CS Contacts & sessions')!.charts;
    expect(first).toHaveLength(1);
    entry.refreshReports({ ...all, query: { ...all.query, campaign: 'C2', frequency: 'monthly' } });
    const second = sheetOf(fake, 'CS Contacts & sessions')!.charts;
    expect(second).toHaveLength(1);
    expect(second[0].chartId).toBe(first[0].chartId);
    expect(second[0].options.title).toBe('Contacts and sessions: Webinar');
    for (const tab of ['CS Traffic', 'CS Attribution', 'CS Model comparison', 'CS Revenue', 'CS Removal effects']) {
      expect(sheetOf(fake, tab)!.charts, tab).toHaveLength(1);
    }
  });

  it('a failure during a write leaves the previous tab intact and releases the lock', () => {
    entry.refreshReports(all);
    const before = sheetOf(fake, 'CS Overview');
    // The second refresh fails writing its first tab (Overview), after the scratch copy started.
    fake.failOn('Range.setNumberFormats', 0);
    expect(() => entry.refreshReports({ ...all, query: { ...all.query, campaign: 'C2' } })).toThrowError(/Service Spreadsheets failed/);
    expect(sheetOf(fake, 'CS Overview')).toEqual(before);
    expect(fake.snapshot().sheets.some((s) => s.name.includes('(updating)'))).toBe(false);
    expect(fake.locks.isHeld('document')).toBe(false);
    expect(entry.refreshReports(all).tabs.length).toBeGreaterThan(5);
  });

  it('writes text that looks like a formula as text', () => {
    uninstall();
    const wb = tinyWorkbook();
    wb.Campaigns[1][1] = '=HYPERLINK("http://evil.example","click")';
    wb.Campaigns[2][1] = '+1-2';
    wb.Assets[1][3] = '00123';
    wb.Assets[3][3] = '@import';
    fake = createFakeAppsScript({ timeZone: 'UTC', sheets: wb });
    uninstall = fake.install();
    entry.refreshReports(all);
    for (const s of fake.snapshot().sheets.filter((x) => x.name.startsWith('CS '))) {
      expect(s.formulas, s.name).toEqual({});
    }
    const attribution = sheetOf(fake, 'CS Attribution')!.values.flat();
    expect(attribution).toContain('=HYPERLINK("http://evil.example","click")');
    // The Attribution tab is about the chosen campaign; every campaign is in Model comparison.
    expect(sheetOf(fake, 'CS Model comparison')!.values.flat()).toContain('+1-2');
    expect(sheetOf(fake, 'CS Assets')!.values.flat()).toEqual(expect.arrayContaining(['00123', '@import']));
  });

  it('onOpen in AuthMode.NONE builds the menu and touches nothing else', () => {
    fake.authMode = 'NONE';
    fake.resetCounters();
    entry.onOpen(fake.openEvent());
    const used = Object.keys(fake.calls.byMethod);
    expect(used.every((m) => /^(SpreadsheetApp\.getUi|Ui\.createAddonMenu|Menu\.)/.test(m)), used.join(', ')).toBe(true);
    expect(fake.ui.menuFunctionNames()).toEqual(['showSidebar', 'refreshAllReports', 'checkData', 'insertSourceTemplates', 'showHelp']);
    expect(fake.ui.menuFunctionNames().every((f) => typeof (entry as Record<string, unknown>)[f] === 'function')).toBe(true);
  });

  it('a second refresh while one runs says it is busy, never interleaves', () => {
    const other = fake.locks.holdByOtherExecution('document');
    fake.resetCounters();
    expect(() => entry.refreshReports(all)).toThrowError(/Another refresh of this spreadsheet is running/);
    expect(fake.callCount('Range.setValues')).toBe(0);
    other.release();
    expect(entry.refreshReports(all).tabs).toContain('CS Overview');
  });

  it('inserts only the missing source-tab templates', () => {
    uninstall();
    fake = createFakeAppsScript({ timeZone: 'UTC', sheets: { Campaigns: [['Campaign ID', 'Name'], ['X', 'Mine']] } });
    uninstall = fake.install();
    entry.insertSourceTemplates();
    const names = fake.snapshot().sheets.map((s) => s.name);
    expect(names).toEqual(['Campaigns', 'Assets', 'Contacts', 'Deals', 'Interactions']);
    expect(sheetOf(fake, 'Campaigns')!.values).toEqual([['Campaign ID', 'Name'], ['X', 'Mine']]);
    expect(sheetOf(fake, 'Interactions')!.values[1][1]).toBe('2026-02-25T09:00:00Z');
  });

  it('saves a report on a new dashboard protected for the owner, then adds one to it', () => {
    const query = { ...all.query };
    const r1 = entry.saveReport({ name: 'Spring revenue', report: 'revenue', query, dashboard: { mode: 'new', name: 'Q1', visibility: 'owner' } });
    expect(r1.tab).toBe('CS Dashboard: Q1');
    expect(sheetOf(fake, 'CS Dashboard: Q1')!.protection?.editors).toEqual(['owner@example.com']);
    entry.saveReport({ name: 'Models', report: 'model-comparison', query: { ...query, reportType: 'deal create' }, dashboard: { mode: 'existing', name: 'Q1' } });
    const dash = sheetOf(fake, 'CS Dashboard: Q1')!;
    expect(dash.values.flat()).toContain('Spring revenue: Revenue (linear attribution)');
    expect(dash.values.flat().some((v) => String(v).startsWith('Models: Deal create'))).toBe(true);
    expect(dash.charts.length).toBe(2);
    // A full refresh re-renders the dashboard with the saved parameters.
    entry.refreshReports(all);
    expect(sheetOf(fake, 'CS Dashboard: Q1')!.charts.length).toBe(2);
  });

  it('custom functions answer live on a small workbook and follow a refresh', () => {
    const comparison = fake.asCustomFunction(() => entry.MODEL_COMPARISON('revenue')) as unknown[][];
    expect(comparison[0][0]).toBe('Campaign');
    expect(comparison[1][3]).toBeCloseTo(5000, 6);
    expect(fake.asCustomFunction(() => entry.CAMPAIGN_METRIC('Spring launch', 'new contacts', '', '', 'last touch'))).toBe(2);
    expect(() => fake.asCustomFunction(() => entry.CAMPAIGN_METRIC('Spring launch', 'clicks'))).toThrowError(/Unknown metric "clicks": use one of sessions/);
    expect(fake.asCustomFunction(() => entry.TRAFFIC_SOURCE('https://x.com/?utm_medium=email'))).toBe('Email marketing');
    // A range of campaigns: one call, one read per source tab, a column of answers.
    fake.resetCounters();
    expect(fake.asCustomFunction(() => entry.CAMPAIGN_METRIC([['C1'], ['C2'], ['']], 'influenced contacts'))).toEqual([[2], [2], ['']]);
    expect(fake.callCount('Range.getValues')).toBe(5);
  });

  it("a refresh leaves the user's own formulas alone: nothing re-entered, nothing written outside its tabs", () => {
    uninstall();
    fake = seeded({ Dash: [['', '']] });
    uninstall = fake.install();
    const dash = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Dash')!;
    dash.getRange('A1').setFormula('=CAMPAIGN_METRIC("C1","sessions",,,,CS_VERSION)');
    dash.getRange('B1').setFormula('=SUM(1,2)');
    fake.failNextWrite('Dash', 'wrote Dash');
    fake.resetCounters();
    entry.refreshReports(all);
    expect(fake.callCount('Range.setFormula') + fake.callCount('Spreadsheet.createTextFinder')).toBe(0);
    expect(sheetOf(fake, 'Dash')!.formulas).toEqual({ A1: '=CAMPAIGN_METRIC("C1","sessions",,,,CS_VERSION)', B1: '=SUM(1,2)' });
    fake.clearFaults();
  });
});

describe('custom functions on a workbook too large to read in 30 seconds', () => {
  const large = (): FakeAppsScript => createFakeAppsScript({ timeZone: 'UTC', sheets: paddedTinyWorkbook(LIVE_CELL_LIMIT) });

  it('answers from the stored refresh reading under 1% of the source cells, and says so when the sources changed', () => {
    const fake = large();
    const uninstall = fake.install();
    try {
      expect(() => fake.asCustomFunction(() => entry.MODEL_COMPARISON('revenue'))).toThrowError(/changed since the last full refresh/);
      entry.refreshReports(all);
      expect(fake.snapshot().sheets.find((s) => s.name === STORE_TAB)?.hidden).toBe(true);
      fake.resetCounters();
      const table = fake.asCustomFunction(() => entry.MODEL_COMPARISON('revenue')) as unknown[][];
      expect(table[1][3]).toBeCloseTo(5000, 6);
      const sourceCells = fake.snapshot().sheets.filter((s) => SOURCE.includes(s.name)).reduce((n, s) => n + s.values.length * (s.values[0]?.length ?? 0), 0);
      expect(fake.cellsRead).toBeLessThan(sourceCells / 100);
      expect(fake.callCount('Range.getValues')).toBeLessThanOrEqual(3);
      // An edit in a source tab: the formula says so instead of showing a stale number.
      fake.seed('Deals', [...tinyWorkbook().Deals, ['D2', '', 'P2', '2026-03-20', 'won', '2026-03-21', 500]]);
      expect(() => fake.asCustomFunction(() => entry.MODEL_COMPARISON('revenue'))).toThrowError(/changed since the last full refresh/);
    } finally {
      uninstall();
    }
  });
});

/**
 * @fileoverview The add-on within Google's documented limits, on the fakes that enforce them:
 * tabs cut to size, a grid budget checked before writing, a refresh that switches all its tabs or
 * none, a user's tabs never in the way or written, dashboards' owner-only protection kept for the
 * user writing them, a bounded onEdit, a sidebar that opens without analysing the workbook, the
 * store's stamp taken before the sources are read, and dates read in the spreadsheet's zone.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeAppsScript, type FakeAppsScript, type FakeAppsScriptOptions } from '../fakes';
import { paddedTinyWorkbook, tinyWorkbook, workbook } from '../helpers/workbooks';
import * as entry from '../../src/apps-script/main';
import * as app from '../../src/server/app';
import { appsScriptContext } from '../../src/apps-script/services';
import { defaultQuery } from '../../src/server/app';
import type { RefreshRequest } from '../../src/shared/sidebar-api';
import { DATA_VERSION, LIVE_CELL_LIMIT, STORE_TAB, VERSION_NAME, VERSION_TAB } from '../../src/apps-script/formula-store-sheet';
import { DASHBOARD_NAME_MAX } from '../../src/server/tab-names';

const SOURCE = ['Campaigns', 'Assets', 'Interactions', 'Contacts', 'Deals'];
const all: RefreshRequest = { scope: 'all', query: { ...defaultQuery(), campaign: 'C1' } };
const CAMPAIGN_TABS = ['CS Overview', 'CS Revenue', 'CS Revenue attribution', 'CS Contacts & sessions', 'CS Assets', 'CS Traffic'];

let uninstall: (() => void) | null = null;
afterEach(() => {
  uninstall?.();
  uninstall = null;
  vi.useRealTimers();
});

function start(options: FakeAppsScriptOptions = {}): FakeAppsScript {
  const fake = createFakeAppsScript({ timeZone: 'UTC', sheets: { ...tinyWorkbook(), Notes: [['my notes']] }, htmlFiles: { Sidebar: '<p/>' }, ...options });
  uninstall = fake.install();
  return fake;
}

const sheetOf = (fake: FakeAppsScript, name: string) => fake.snapshot().sheets.find((s) => s.name === name);
const names = (fake: FakeAppsScript) => fake.snapshot().sheets.map((s) => s.name);

/** The tiny workbook padded past what a formula reads live. */
const largeWorkbook = () => paddedTinyWorkbook(LIVE_CELL_LIMIT);

describe('tabs sized to their content, and the grid budget', () => {
  it('leaves every add-on tab cut to its content (plus room for its charts), no 1,000 x 26 scratch grid', () => {
    const fake = start();
    entry.refreshReports(all);
    const snap = fake.snapshot();
    expect(snap.sheets.some((s) => s.name.includes('(updating)'))).toBe(false);
    for (const s of snap.sheets.filter((x) => x.name.startsWith('CS '))) {
      const contentRows = Math.max(s.values.length, 1);
      const contentColumns = Math.max(s.values[0]?.length ?? 1, 1);
      expect(s.maxRows * s.maxColumns, s.name).toBeLessThan(26_000);
      if (s.charts.length === 0) expect([s.maxRows, s.maxColumns], s.name).toEqual([Math.max(contentRows, s.frozenRows + 1), contentColumns]);
      for (const c of s.charts) expect(c.position.row <= s.maxRows && c.position.column <= s.maxColumns, s.name).toBe(true);
    }
    expect(sheetOf(fake, VERSION_TAB)).toMatchObject({ maxRows: 1, maxColumns: 1, hidden: true, values: [[1]] });
    expect(sheetOf(fake, STORE_TAB)?.hidden).toBe(true);
  });

  it('asks for no more room than the write takes: every tab at its size and one new tab\'s 1,000 x 26, on a fake that refuses any call past 10,000,000', () => {
    // What the refresh's tabs take, measured on a spreadsheet with room to spare.
    const probe = start();
    const before = probe.gridCells();
    entry.refreshReports(all);
    const outputs = probe.gridCells() - before;
    uninstall?.();
    // A filler of 26-column rows leaving `free` cells, give or take one row.
    const filled = (free: number) => {
      const base = createFakeAppsScript({ sheets: { ...tinyWorkbook(), Notes: [['my notes']], Filler: [[]] } }).gridCells() - 26_000;
      return start({ sheets: { ...tinyWorkbook(), Notes: [['my notes']], Filler: Array.from({ length: Math.floor((10_000_000 - base - free) / 26) }, () => []) } });
    };
    // Room for the tabs and one new tab's grid: the refresh fits (counting a new tab twice, as the
    // budget once did, it was refused).
    const roomy = filled(outputs + 26_000);
    entry.refreshReports(all);
    expect(roomy.gridCells()).toBeLessThanOrEqual(10_000_000);
    expect(names(roomy)).toContain('CS Overview');
    uninstall?.();
    // A row less than that: refused before anything is written.
    const tight = filled(outputs + 26_000 - 52);
    const untouched = tight.snapshot();
    expect(() => entry.refreshReports(all)).toThrow(/^Nothing was written: this refresh needs room for/);
    expect(tight.snapshot()).toEqual(untouched);
  });

  it('writes nothing when the outputs do not fit, and says how many cells are needed, free, and what to remove', () => {
    const probe = createFakeAppsScript({ sheets: { ...tinyWorkbook(), Filler: [[]] } });
    const fillerRows = Math.floor((10_000_000 - 20_000 - (probe.gridCells() - 26_000)) / 26);
    const fake = start({ sheets: { ...tinyWorkbook(), Filler: Array.from({ length: fillerRows }, () => []) } });
    const before = fake.snapshot();
    let message = '';
    try {
      entry.refreshReports(all);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Nothing was written: this refresh needs room for [\d,]+ grid cells while it writes, and the spreadsheet has [\d,]+ free of Sheets' 10,000,000/);
    expect(message).toMatch(/Deleting empty rows and columns frees the most in "Filler" \([\d,]+ cells\)/);
    expect(fake.snapshot()).toEqual(before);
    expect(fake.locks.isHeld()).toBe(false);
  });
});

describe('a refresh switches all its tabs or none', () => {
  const titles = (fake: FakeAppsScript) => CAMPAIGN_TABS.map((t) => String(sheetOf(fake, t)!.values[0][0]));

  it('a failure while writing leaves every tab from the previous refresh, and no scratch tab', () => {
    const fake = start();
    entry.refreshReports(all);
    const before = fake.snapshot().sheets.filter((s) => s.name.startsWith('CS '));
    fake.failOn('Range.setValues', 3);
    expect(() => entry.refreshReports({ ...all, query: { ...all.query, campaign: 'C2' } })).toThrow(/Service Spreadsheets failed/);
    expect(fake.snapshot().sheets.filter((s) => s.name.startsWith('CS '))).toEqual(before);
    expect(names(fake).some((n) => n.includes('(updating)'))).toBe(false);
  });

  it('a refresh stopped while switching is finished by the next write, so the tabs never stay mixed', () => {
    const fake = start();
    entry.refreshReports({ scope: 'campaign', query: all.query });
    fake.failOn('Range.copyTo', 2);
    expect(() => entry.refreshReports({ scope: 'campaign', query: { ...all.query, campaign: 'C2' } })).toThrow(/Service Spreadsheets failed/);
    const mixed = titles(fake);
    expect(mixed.some((t) => t.includes('Spring launch')) && mixed.some((t) => t.includes('Webinar'))).toBe(true);
    entry.checkData();
    expect(titles(fake).every((t) => t.includes('Webinar')), titles(fake).join(' | ')).toBe(true);
    expect(names(fake).some((n) => n.includes('(updating)'))).toBe(false);
  });
});

describe("a user's tabs are never in the way, renamed, deleted or written", () => {
  it.each([['cs overview'], ['CS Overview (updating)'], ['cs version']])('stops before writing when "%s" exists, naming it', (theirs) => {
    const fake = start({ sheets: { ...tinyWorkbook(), [theirs]: [['mine']] } });
    const before = fake.snapshot();
    expect(() => entry.refreshReports(all)).toThrow(new RegExp(`^Nothing was written: your tab "${theirs.replace(/[()]/g, '\\$&')}" is in the way`));
    expect(fake.snapshot()).toEqual(before);
  });

  it('a report tab the user renamed becomes theirs: the next refresh makes a new one and leaves it alone', () => {
    const fake = start();
    entry.refreshReports(all);
    SpreadsheetApp.getActiveSpreadsheet().getSheets().find((s) => s.getName() === 'CS Overview')!.setName('My overview');
    const mine = sheetOf(fake, 'My overview');
    entry.refreshReports(all);
    expect(sheetOf(fake, 'My overview')).toEqual(mine);
    expect(names(fake)).toContain('CS Overview');
  });

  it('never writes a source tab, by a refresh or by onEdit (its own formulas stay as they are)', () => {
    const wb = tinyWorkbook();
    const fake = start({ sheets: { ...wb, Notes: [] }, triggers: { onEdit: entry.onEdit } });
    SpreadsheetApp.getActiveSpreadsheet().getSheets().find((s) => s.getName() === 'Interactions')!.getRange('Q1').setFormula('=TRACKING_URL("https://x.com","c","s","m")');
    const sources = () => fake.snapshot().sheets.filter((s) => SOURCE.includes(s.name));
    const before = sources();
    for (const tab of SOURCE) fake.failNextWrite(tab, `wrote ${tab}`);
    entry.refreshReports(all);
    expect(fake.userEdit('Notes', 'A1', 'note').error).toBeUndefined();
    expect(sources()).toEqual(before);
    fake.clearFaults();
  });
});

describe('dashboards', () => {
  const save = (name: string, visibility: 'owner' | 'everyone' = 'owner') =>
    entry.saveReport({ name: `r${name.length}${name.slice(0, 8)}`, report: 'revenue', query: all.query, dashboard: { mode: 'new', name, visibility } });

  it('get unique tab names: too long or equal ignoring case is refused when created', () => {
    start();
    save('Q1');
    expect(() => save('q1')).toThrow(/"Q1" exists already, and Sheets tab names ignore upper and lower case/);
    expect(() => save('x'.repeat(DASHBOARD_NAME_MAX + 1))).toThrow(`A dashboard name has at most ${DASHBOARD_NAME_MAX} characters`);
    expect(save('y'.repeat(DASHBOARD_NAME_MAX)).tab).toBe(`CS Dashboard: ${'y'.repeat(DASHBOARD_NAME_MAX)}`);
  });

  it("keep owner-only protection with the writer as editor (Google's sample); another editor's refresh leaves them out and says so", () => {
    const fake = start({ ownerEmail: 'owner@example.com', effectiveUserEmail: 'ed@example.com', effectiveUserGroup: 'team@example.com' });
    expect(save('Q1').tab).toBe('CS Dashboard: Q1');
    expect(sheetOf(fake, 'CS Dashboard: Q1')!.protection?.editors).toEqual(['owner@example.com', 'ed@example.com']);
    const r = entry.refreshReports(all);
    expect(r.tabs).toContain('CS Dashboard: Q1');
    expect(sheetOf(fake, 'CS Dashboard: Q1')!.protection?.editors).toEqual(['owner@example.com', 'ed@example.com']);

    fake.actAs('other@example.com');
    const dash = sheetOf(fake, 'CS Dashboard: Q1');
    const byOther = entry.refreshReports(all);
    expect(byOther.tabs).not.toContain('CS Dashboard: Q1');
    expect(byOther.tabs).toContain('CS Overview');
    expect(byOther.notes).toEqual(['"CS Dashboard: Q1" was not refreshed: only its owner, and whoever they let edit it, may change it.']);
    expect(sheetOf(fake, 'CS Dashboard: Q1')).toEqual(dash);
  });
});

describe('onEdit', () => {
  const onEditFake = (sheets = tinyWorkbook()) => start({ sheets: { ...sheets, Notes: [] }, triggers: { onEdit: entry.onEdit } });

  it('records a source edit in a few calls, the same on a large workbook; ignores other tabs', () => {
    const runs = [tinyWorkbook(), largeWorkbook()].map((wb) => {
      const fake = onEditFake(wb);
      const run = fake.userEdit('Deals', 'A2', 'D9');
      const mark = fake.propertyStores.document.get(DATA_VERSION);
      const other = fake.userEdit('Notes', 'A1', 'x');
      uninstall?.();
      uninstall = null;
      return { run, mark, other, after: fake.propertyStores.document.get(DATA_VERSION) };
    });
    for (const r of runs) {
      expect(r.run.error).toBeUndefined();
      expect(r.run.cellsRead).toBe(0);
      expect(r.mark).toBeTruthy();
      expect(r.after).toBe(r.mark);
      expect(r.other.calls).toBe(2);
    }
    expect(runs[0].run.calls).toBe(runs[1].run.calls);
    expect(runs[0].run.calls).toBeLessThanOrEqual(5);
  });

  it('in AuthMode.NONE returns at once, quietly', () => {
    const fake = onEditFake();
    const run = fake.userEdit('Deals', 'A2', 'D9', { authMode: 'NONE' });
    expect([run.error, run.calls]).toEqual([undefined, 0]);
  });
});

describe('the sidebar and settings', () => {
  it('opens reading the Campaigns tab alone, the same calls on a large workbook, with the last data check and the formulas\' freshness', () => {
    const opened = [tinyWorkbook(), largeWorkbook()].map((wb) => {
      const fake = start({ sheets: wb });
      fake.resetCounters();
      const state = entry.getSidebarState();
      const counts = { calls: fake.calls.total, getValues: fake.callCount('Range.getValues'), cellsRead: fake.cellsRead };
      uninstall?.();
      uninstall = null;
      return { state, counts };
    });
    expect(opened[0].counts).toEqual(opened[1].counts);
    expect(opened[0].counts.getValues).toBe(1);
    expect(opened[0].state.campaigns.map((c) => c.name)).toEqual(['Spring launch', 'Webinar']);
    expect(opened[0].state.dataCheck.checkedAt).toBeNull();
    expect(opened[0].state.formulas?.answersFrom).toBe('tabs');
    expect(opened[1].state.formulas?.summary).toMatch(/there has been none yet: run it/);
  });

  it('shows the last refresh\'s data check, and how old the stored answers are', () => {
    // Apps Script's Date is the real clock: the test sets it.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 9, 1, 12));
    const fake = start({ sheets: largeWorkbook() });
    entry.refreshReports(all);
    vi.setSystemTime(Date.UTC(2026, 9, 1, 15));
    const state = entry.getSidebarState();
    expect(state.dataCheck.checkedAt).toBe('2026-10-01T12:00:00.000Z');
    expect(state.formulas).toMatchObject({ refreshedAt: '2026-10-01T12:00:00.000Z', answersFrom: 'last refresh', sourcesUnchanged: true });
    expect(state.formulas!.summary).toMatch(/answer from the Refresh all reports of 2026-10-01 12:00 \(3 hours ago\); no change to the source tabs has been seen since/);
    const check = sheetOf(fake, 'CS Data check')!.values.flat().map(String);
    expect(check.some((v) => /^Formulas answer as of this refresh \(2026-10-01 12:00\)/.test(v))).toBe(true);
  });

  it('saves settings under the lock', () => {
    const fake = start();
    const other = fake.locks.holdByOtherExecution('document');
    const settings = { eligibleTypes: ['page view'], halfLifeDays: 3, lookbackDays: null, lastQuery: null };
    expect(() => entry.saveSettings(settings)).toThrow(/Another refresh of this spreadsheet is running/);
    other.release();
    expect(entry.saveSettings(settings).settings.halfLifeDays).toBe(3);
  });

  it('says clearly when there is no document lock (outside a spreadsheet)', () => {
    start({ outsideDocument: true });
    expect(() => entry.refreshReports(all)).toThrow(/runs inside a spreadsheet/);
  });
});

describe('the formula store and the version cell', () => {
  it('is stamped with the sources as read before reading: an edit during the refresh leaves it stale', () => {
    const fake = start({ sheets: largeWorkbook(), triggers: { onEdit: entry.onEdit } });
    const ctx = appsScriptContext();
    const during = { ...ctx, progress: (m: string) => void (m.startsWith('Writing') && fake.userEdit('Deals', 'A2', 'D2')) };
    app.refreshReports(during, all);
    expect(entry.getSidebarState().formulas?.sourcesUnchanged).toBe(false);
    expect(() => fake.asCustomFunction(() => entry.MODEL_COMPARISON('revenue'))).toThrow(/changed since the last full refresh/);
    entry.refreshReports(all);
    expect(entry.getSidebarState().formulas?.sourcesUnchanged).toBe(true);
  });

  /** The tiny workbook's Interactions with one more C1 session, on `day`. */
  const withSession = (interactions: unknown[][], day: string) => {
    const header = interactions[0] as string[];
    const row = header.map(() => '' as unknown);
    const set = (h: string, v: string) => void (row[header.indexOf(h)] = v);
    set('Interaction ID', `X${interactions.length}`);
    set('Timestamp', `${day}T12:00:00Z`);
    set('Visitor ID', `VX${interactions.length}`);
    set('Type', 'page view');
    set('URL', 'https://example.com/spring?utm_campaign=spring&utm_source=linkedin&utm_medium=social');
    return [...interactions, row];
  };

  it('a formula given CS_VERSION recomputes after a full refresh; the same formula without it keeps its cached value', () => {
    const wb = tinyWorkbook();
    const fake = start({ sheets: { ...wb, Dash: [[]] }, customFunctions: { CAMPAIGN_METRIC: entry.CAMPAIGN_METRIC } });
    entry.refreshReports(all);
    const dash = SpreadsheetApp.getActiveSpreadsheet().getSheets().find((s) => s.getName() === 'Dash')!;
    dash.getRange('A1:A2').setFormulas([['=CAMPAIGN_METRIC("C1","sessions",,,,CS_VERSION)'], ['=CAMPAIGN_METRIC("C1","sessions")']]);
    fake.recalculate();
    const [[before], [same]] = dash.getRange('A1:A2').getValues() as number[][];
    expect(before).toBe(same);
    // A new session in the sources: no argument changed, so Sheets keeps both answers.
    fake.seed('Interactions', withSession(wb.Interactions, '2026-03-20'));
    expect(fake.recalculate().computed).toEqual([]);
    entry.refreshReports(all);
    expect(fake.recalculate()).toEqual({ computed: ['Dash!A1'], cached: ['Dash!A2'] });
    expect(dash.getRange('A1:A2').getValues()).toEqual([[before + 1], [before]]);
  });

  it('"today" rolls over on a refresh: a default range ends on the day of the last full refresh', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 9, 1, 12));
    const wb = largeWorkbook();
    const fake = start({ sheets: { ...wb, Interactions: withSession(wb.Interactions, '2026-10-02'), Dash: [[]] }, customFunctions: { CAMPAIGN_METRIC: entry.CAMPAIGN_METRIC } });
    entry.refreshReports(all);
    const dash = SpreadsheetApp.getActiveSpreadsheet().getSheets().find((s) => s.getName() === 'Dash')!;
    dash.getRange('A1').setFormula('=CAMPAIGN_METRIC("C1","sessions",,,,CS_VERSION)');
    fake.recalculate();
    const onFirstDay = Number(dash.getRange('A1').getValue());
    vi.setSystemTime(Date.UTC(2026, 9, 2, 13));
    fake.recalculate();
    expect(dash.getRange('A1').getValue()).toBe(onFirstDay);
    entry.refreshReports(all);
    fake.recalculate();
    expect(dash.getRange('A1').getValue()).toBe(onFirstDay + 1);
  });

  it('every full refresh writes a new number into CS_VERSION, on a hidden one-cell tab of its own', () => {
    const fake = start();
    entry.refreshReports(all);
    entry.refreshReports({ scope: 'campaign', query: all.query });
    entry.refreshReports(all);
    expect(fake.snapshot().namedRanges[VERSION_NAME]).toBe(`${VERSION_TAB}!A1`);
    expect(sheetOf(fake, VERSION_TAB)!.values).toEqual([[2]]);
  });
});

describe("dates handed to custom functions, read in the spreadsheet's zone", () => {
  /**
   * Sessions of campaign C1 at instants chosen so that 2026-03-01 holds different counts in New
   * York and Tokyo than the days beside it.
   */
  const sessions = workbook({
    Campaigns: [{ 'Campaign ID': 'C1', Name: 'Launch', 'UTM campaign': 'launch' }],
    Interactions: ['2026-03-01T03:00:00Z', '2026-03-01T16:00:00Z', '2026-03-02T04:00:00Z'].map((t, i) => ({
      'Interaction ID': `I${i}`, Timestamp: t, 'Visitor ID': `V${i}`, Type: 'page view', 'Session ID': `S${i}`, 'UTM campaign': 'launch', URL: 'https://x.com/?utm_campaign=launch',
    })),
  });

  const wallClock = (zone: string, text: string) => {
    const [d, t] = text.split(' ');
    const [y, mo, da] = d.split('-').map(Number);
    const [h, mi] = t.split(':').map(Number);
    const guess = Date.UTC(y, mo - 1, da, h, mi);
    const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    const p = Object.fromEntries(f.formatToParts(new Date(guess)).map((x) => [x.type, x.value]));
    return new Date(guess - (Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute) - guess));
  };

  it.each([
    ['America/New_York', '2026-03-01 00:00'], ['America/New_York', '2026-03-01 00:30'], ['America/New_York', '2026-03-01 23:30'],
    ['Asia/Tokyo', '2026-03-01 00:00'], ['Asia/Tokyo', '2026-03-01 00:30'], ['Asia/Tokyo', '2026-03-01 23:30'],
  ])('a date cell in %s at %s means 2026-03-01 there', (zone, wall) => {
    const fake = start({
      timeZone: zone, scriptTimeZone: 'Etc/UTC', startTime: Date.UTC(2026, 5, 1),
      sheets: { ...sessions, Sheet: [[wallClock(zone, wall)]] }, customFunctions: { CAMPAIGN_METRIC: entry.CAMPAIGN_METRIC },
    });
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets().find((s) => s.getName() === 'Sheet')!;
    sheet.getRange('B1:E1').setFormulas([['=CAMPAIGN_METRIC("C1","sessions",A1,A1)', '=CAMPAIGN_METRIC("C1","sessions","2026-03-01","2026-03-01")', '=CAMPAIGN_METRIC("C1","sessions","2026-02-28","2026-02-28")', '=CAMPAIGN_METRIC("C1","sessions","2026-03-02","2026-03-02")']]);
    fake.recalculate();
    const [byCell, day, before, after] = sheet.getRange('B1:E1').getValues()[0];
    expect(byCell).toBe(day);
    // The day either side holds another count, so a date read in the wrong zone would show.
    expect(day).not.toBe(before);
    expect(day).not.toBe(after);
  });
});

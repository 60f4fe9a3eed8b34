/**
 * @fileoverview Tests of the Apps Script fakes themselves: each real-service behaviour they copy
 * (docs/apps-script-gotchas.md), their strictness, and the instrumentation tests rely on.
 */
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createFakeAppsScript } from './index';

const setup = (options: Parameters<typeof createFakeAppsScript>[0] = {}) => {
  const fake = createFakeAppsScript({ sheets: { Data: [['a', 1], ['b', 2]], Empty: [] }, ...options });
  const ss = fake.SpreadsheetApp.getActiveSpreadsheet();
  const data = ss.getSheetByName('Data')!;
  fake.resetCounters();
  return { fake, ss, data };
};

describe('Range values', () => {
  it('setValues throws with the real messages when the shape differs', () => {
    const { data } = setup();
    const range = data.getRange(1, 1, 2, 2);
    expect(() => range.setValues([['x', 'y']])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => range.setValues([['x', 'y'], ['z']])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(() => range.setValues(['x', 'y'] as unknown as unknown[][])).toThrow(
      "The parameters (String[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
    expect(data.getRange('A1:B2').getValues()).toEqual([['a', 1], ['b', 2]]);
  });

  it('errors are Exceptions, as in the V8 runtime', () => {
    const { data } = setup();
    try {
      data.getRange(0, 1);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).name).toBe('Exception');
      expect(String(e)).toBe('Exception: The starting row of the range is too small.');
    }
  });

  it('getValues returns a fresh deep copy; blanks are empty strings, dates are Dates', () => {
    const { data } = setup();
    const when = new Date('2024-03-01T10:00:00Z');
    data.getRange('C1').setValue(when);
    const first = data.getRange('A1:D1').getValues();
    expect(first).toEqual([['a', 1, when, '']]);
    first[0][0] = 'changed';
    (first[0][2] as Date).setFullYear(1999);
    const again = data.getRange('A1:D1').getValues();
    expect(again[0][0]).toBe('a');
    expect(again[0][2]).toEqual(when);
    expect(again[0][2]).not.toBe(first[0][2]);
  });

  it('parses written text as typing would: formulas, quote prefix, numbers, booleans', () => {
    const { data } = setup();
    data.getRange('A1:E1').setValues([['=SUM(B1:B2)', "'00123", '00123', 'true', 'plain']]);
    expect(data.getRange('A1:E1').getFormulas()).toEqual([['=SUM(B1:B2)', '', '', '', '']]);
    expect(data.getRange('A1:E1').getValues()).toEqual([['#ERROR!', '00123', 123, true, 'plain']]);
  });

  it('keeps text as text under the plain-text format "@"', () => {
    const { data } = setup();
    const cell = data.getRange('A5');
    cell.setNumberFormat('@').setValue('00123');
    expect(cell.getValue()).toBe('00123');
  });

  it('refuses text Sheets would parse as a date or percentage, and writes nothing', () => {
    const { data } = setup();
    expect(() => data.getRange('A1:B1').setValues([['ok', '2024-01-05']])).toThrow(/not modelled in fake: Sheets would parse the text "2024-01-05"/);
    expect(() => data.getRange('A3').setValue('12%')).toThrow(/not modelled/);
    expect(data.getRange('A1').getValue()).toBe('a');
    data.getRange('A3').setValue("'2024-01-05");
    expect(data.getRange('A3').getValue()).toBe('2024-01-05');
  });

  it('lets a test evaluate formulas', () => {
    const fake = createFakeAppsScript({ evaluateFormula: (f) => (f === '=1+1' ? 2 : '#NAME?') });
    const range = fake.SpreadsheetApp.getActiveSheet().getRange('A1:B1');
    range.setFormulas([['=1+1', '=NOPE()']]);
    expect(range.getValues()).toEqual([[2, '#NAME?']]);
  });

  it('checks range coordinates like the real getRange', () => {
    const { data } = setup();
    expect(() => data.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => data.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => data.getRange(1, 1, 1, 0)).toThrow('The number of columns in the range must be at least 1.');
    expect(() => data.getRange(1000, 1, 2, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => data.getRange(1.5, 1)).toThrow('Cannot convert 1.5 to int.');
    expect(() => data.getRange('A1:')).toThrow('Range not found');
    expect(() => data.getRange('A1:ZZ')).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(data.getRange('b2:a1').getA1Notation()).toBe('A1:B2');
    data.insertRowsAfter(1000, 5);
    expect(data.getRange(1005, 1).getA1Notation()).toBe('A1005');
  });

  it('gives the data range, last row and last column by content', () => {
    const { ss, data } = setup();
    const empty = ss.getSheetByName('Empty')!;
    expect(empty.getDataRange().getA1Notation()).toBe('A1');
    expect(empty.getDataRange().getValues()).toEqual([['']]);
    expect(empty.getLastRow()).toBe(0);
    data.getRange('D7').setBackground('#ff0000');
    expect(data.getDataRange().getA1Notation()).toBe('A1:B2');
    data.getRange('D7').setValue('x');
    expect([data.getLastRow(), data.getLastColumn()]).toEqual([7, 4]);
  });

  it('copies a range with its formats to another sheet; moving formulas is refused', () => {
    const { ss, data } = setup();
    data.getRange('A1:B1').setNumberFormats([['@', '0.00']]).setFontWeight('bold');
    const empty = ss.getSheetByName('Empty')!;
    data.getRange('A1:B2').copyTo(empty.getRange('A1'));
    expect(empty.getDataRange().getValues()).toEqual([['a', 1], ['b', 2]]);
    expect(empty.getRange('A1:B1').getNumberFormats()).toEqual([['@', '0.00']]);
    expect(empty.getRange('A1:B1').getFontWeights()).toEqual([['bold', 'bold']]);
    data.getRange('C1').setFormula('=A1');
    expect(() => data.getRange('C1').copyTo(empty.getRange('D5'))).toThrow(/relative references/);
  });

  it('displays values under simple number and date formats', () => {
    const { data } = setup({ timeZone: 'Europe/Paris' });
    const range = data.getRange('A1:D1');
    range.setValues([[1234.5, 0.256, new Date('2024-03-01T23:30:00Z'), true]]);
    range.setNumberFormats([['#,##0.00', '0.0%', 'yyyy-mm-dd hh:mm', DEFAULT]]);
    expect(range.getDisplayValues()).toEqual([['1,234.50', '25.6%', '2024-03-02 00:30', 'TRUE']]);
    expect(range.getNumberFormats()[0][3]).toBe('0.###############');
  });
});
const DEFAULT = '0.###############';

describe('Sheets and the spreadsheet', () => {
  it('refuses duplicate sheet names ignoring case; getSheetByName refuses a match by case alone', () => {
    const { ss } = setup();
    expect(() => ss.insertSheet('data')).toThrow('A sheet with the name "data" already exists. Please enter another name.');
    expect(() => ss.getSheetByName('data')).toThrow(/refused by fake.*does the match ignore case/);
    expect(ss.getSheetByName('Nope')).toBeNull();
    const report = ss.insertSheet('Report', 0);
    expect(report.getIndex()).toBe(1);
    expect(ss.getActiveSheet().getName()).toBe('Report');
    expect(() => report.setName('EMPTY')).toThrow(/already exists/);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Report', 'Data', 'Empty']);
  });

  it('returns a new handle each time, like the real service', () => {
    const { ss } = setup();
    expect(ss.getSheetByName('Data')).not.toBe(ss.getSheetByName('Data'));
    expect(ss.getSheetByName('Data')!.getSheetId()).toBe(ss.getSheetByName('Data')!.getSheetId());
  });

  it('cannot delete the last sheet; a deleted sheet is unusable', () => {
    const fake = createFakeAppsScript();
    const ss = fake.SpreadsheetApp.getActiveSpreadsheet();
    expect(() => ss.deleteSheet(ss.getSheets()[0])).toThrow("You can't remove all the sheets in a document.");
    const extra = ss.insertSheet('Extra');
    ss.deleteSheet(extra);
    expect(() => extra.getRange('A1')).toThrow(/has been deleted/);
  });

  it('records toasts, named ranges and frozen rows', () => {
    const { fake, ss, data } = setup();
    ss.toast('Refreshed', 'Campaign Sheets', 5);
    ss.setNamedRange('Campaigns', data.getRange('A1:B2'));
    data.setFrozenRows(1);
    expect(fake.toasts).toEqual([{ message: 'Refreshed', title: 'Campaign Sheets', timeoutSeconds: 5 }]);
    expect(ss.getRangeByName('Campaigns')!.getValues()).toEqual([['a', 1], ['b', 2]]);
    expect(data.getFrozenRows()).toBe(1);
    expect(() => ss.setNamedRange('A1', data.getRange('A1'))).toThrow(/Invalid named range name/);
  });

  it('protects a sheet once: protect() returns the existing protection', () => {
    const { fake, data } = setup({ effectiveUserEmail: 'me@example.com' });
    const { SHEET } = fake.SpreadsheetApp.ProtectionType;
    const p = data.protect().setDescription('Report').setWarningOnly(false);
    p.addEditor('other@example.com');
    p.removeEditors(p.getEditors());
    expect(data.protect().getDescription()).toBe('Report');
    expect(data.getProtections(SHEET).length).toBe(1);
    expect(p.getEditors().map((u) => u.getEmail())).toEqual(['me@example.com']);
    expect(p.canEdit()).toBe(true);
    p.remove();
    expect(data.getProtections(SHEET)).toEqual([]);
  });
});

describe('instrumentation', () => {
  it('counts outermost service calls and cells', () => {
    const { fake, data } = setup();
    data.getDataRange().getValues();
    data.getRange(3, 1, 1, 2).setValues([['c', 3]]);
    expect(fake.calls.total).toBe(4);
    expect(fake.callCount('Sheet.getDataRange')).toBe(1);
    expect(fake.callCount('Range.getValues')).toBe(1);
    expect(fake.calls.byMethod['Range.setValues']).toBe(1);
    expect(fake.cellsRead).toBe(4);
    expect(fake.cellsWritten).toBe(2);
    // getDataRange uses getLastRow internally: still one call.
    expect(fake.callCount('Sheet.getLastRow')).toBe(0);
    fake.resetCounters();
    expect([fake.calls.total, fake.cellsRead, fake.cellsWritten]).toEqual([0, 0, 0]);
  });

  it('logs each outermost call with the cells and characters it moved, when asked', () => {
    const { fake, data } = setup();
    fake.recordCalls(true);
    data.getRange('A1:B2').getValues();
    data.getRange(3, 1, 1, 2).setValues([['abc', 12.5]]);
    expect(fake.callLog).toEqual([
      { name: 'Sheet.getRange', cells: 0, chars: 0 },
      { name: 'Range.getValues', cells: 4, chars: 4 },
      { name: 'Sheet.getRange', cells: 0, chars: 0 },
      { name: 'Range.setValues', cells: 2, chars: 7 },
    ]);
    expect(fake.charsMoved).toBe(11);
  });

  it('fails a chosen call midway and leaves earlier writes in place', () => {
    const { fake, ss, data } = setup();
    fake.failOn('Range.setValues', 1);
    data.getRange('A1').setValues([['first']]);
    expect(() => data.getRange('A2').setValues([['second']])).toThrow('Service Spreadsheets failed while accessing document with id fake-spreadsheet-id.');
    data.getRange('A3').setValues([['third']]);
    expect(data.getRange('A1:A3').getValues()).toEqual([['first'], ['b'], ['third']]);

    fake.failNextWrite('Empty', 'disk full');
    data.getRange('A4').setValue('on Data: fine');
    expect(() => ss.getSheetByName('Empty')!.getRange('A1').setValue('x')).toThrow('disk full');
  });

  it('snapshots the file for equality checks', () => {
    const { fake, data } = setup();
    data.getRange('A1').setFontWeight('bold');
    data.getRange('C1').setFormula('=A1');
    data.setColumnWidth(2, 150);
    const snap = fake.snapshot();
    expect(snap.sheets.map((s) => s.name)).toEqual(['Data', 'Empty']);
    expect(snap.sheets[0]).toMatchObject({
      values: [['a', 1, '#ERROR!'], ['b', 2, '']],
      formulas: { C1: '=A1' },
      fontWeights: { A1: 'bold' },
      columnWidths: { 2: 150 },
    });
    expect(snap.sheets[1].values).toEqual([]);
  });

  it('throws for every real member it does not implement', () => {
    const { fake, data } = setup();
    expect(() => data.getRange('A1').merge()).toThrow('not implemented in fake: Range.merge');
    expect(() => fake.SpreadsheetApp.BorderStyle).toThrow('not implemented in fake: SpreadsheetApp.BorderStyle');
    expect(() => fake.ScriptApp.newTrigger('x')).toThrow('not implemented in fake: ScriptApp.newTrigger');
  });

  it('installs the globals on a target and restores it', () => {
    const fake = createFakeAppsScript({ sheets: { Data: [['x']] } });
    const target: Record<string, unknown> = { Logger: 'previous' };
    const uninstall = fake.install(target);
    expect(target.SpreadsheetApp).toBe(fake.SpreadsheetApp);
    const context = vm.createContext(target);
    expect(vm.runInContext(`SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data').getRange('A1').getValue()`, context)).toBe('x');
    uninstall();
    expect(target.Logger).toBe('previous');
    expect('SpreadsheetApp' in target).toBe(false);
  });
});

describe('auth modes', () => {
  it('custom functions may read but not write the spreadsheet, nor use the Ui', () => {
    const { fake, data } = setup();
    fake.asCustomFunction(() => {
      expect(data.getRange('A1').getValue()).toBe('a');
      expect(() => data.getRange('A1').setValues([['x']])).toThrow('You do not have permission to call setValues');
      expect(() => fake.SpreadsheetApp.getActiveSpreadsheet().insertSheet('X')).toThrow('You do not have permission to call insertSheet');
      expect(() => fake.SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
      fake.PropertiesService.getDocumentProperties().setProperty('k', 'v');
      expect(fake.Session.getActiveUser().getEmail()).toBe('');
    });
    data.getRange('A1').setValue('x');
  });

  it('AuthMode.NONE allows only building the add-on menu', () => {
    const fake = createFakeAppsScript({ authMode: 'NONE' });
    const ui = fake.SpreadsheetApp.getUi();
    ui.createAddonMenu().addItem('Open', 'openSidebar').addSeparator().addSubMenu(ui.createMenu('More').addItem('Help', 'showHelp')).addToUi();
    expect(() => fake.SpreadsheetApp.getActiveSpreadsheet()).toThrow(/Authorization is required/);
    expect(() => fake.PropertiesService.getDocumentProperties()).toThrow(/Authorization is required/);
    expect(fake.ui.menus).toEqual([
      {
        kind: 'addon',
        caption: null,
        items: [
          { caption: 'Open', functionName: 'openSidebar' },
          { separator: true },
          { subMenu: { kind: 'menu', caption: 'More', items: [{ caption: 'Help', functionName: 'showHelp' }] } },
        ],
      },
    ]);
    expect(fake.ui.menuFunctionNames()).toEqual(['openSidebar', 'showHelp']);
    expect(fake.openEvent().authMode).toBe(fake.ScriptApp.AuthMode.NONE);
  });
});

describe('LockService', () => {
  it('tryLock is false and waitLock throws while another execution holds the lock', () => {
    const fake = createFakeAppsScript();
    const other = fake.locks.holdByOtherExecution('document');
    const lock = fake.LockService.getDocumentLock();
    const start = fake.clock.now();
    expect(lock.tryLock(1000)).toBe(false);
    expect(fake.clock.now() - start).toBe(1000);
    expect(() => lock.waitLock(1000)).toThrow('Lock timeout: another process was holding the lock for too long.');
    expect(lock.hasLock()).toBe(false);
    other.release();
    expect(lock.tryLock(0)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    expect(fake.inOtherExecution(() => fake.LockService.getDocumentLock().tryLock(10))).toBe(false);
    lock.releaseLock();
    expect(fake.locks.isHeld()).toBe(false);
  });

  it('gets the lock when the other execution lets go within the wait', () => {
    const fake = createFakeAppsScript();
    fake.locks.holdByOtherExecution('script', { releaseAfterMs: 3000 });
    const lock = fake.LockService.getScriptLock();
    expect(lock.tryLock(1000)).toBe(false);
    expect(lock.tryLock(5000)).toBe(true);
    fake.endExecution();
    expect(fake.locks.isHeld('script')).toBe(false);
  });
});

describe('PropertiesService', () => {
  it('enforces 9 KB per value and 500 KB per store, all or nothing', () => {
    const props = createFakeAppsScript().PropertiesService.getDocumentProperties();
    expect(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    const chunk = 'y'.repeat(9 * 1024 - 10);
    const many: Record<string, string> = {};
    for (let i = 0; i < 60; i++) many[`k${i}`] = chunk;
    expect(() => props.setProperties(many)).toThrow('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(props.getKeys()).toEqual([]);
    props.setProperty('n', 5 as unknown as string);
    expect(props.getProperty('n')).toBe('5');
    const copy = props.getProperties();
    copy.n = 'changed';
    expect(props.getProperty('n')).toBe('5');
    expect(props.getProperty('missing')).toBeNull();
  });

  it('keeps document, user and script stores apart', () => {
    const fake = createFakeAppsScript();
    fake.PropertiesService.getUserProperties().setProperty('k', 'user');
    expect(fake.PropertiesService.getDocumentProperties().getProperty('k')).toBeNull();
    expect(fake.PropertiesService.getUserProperties().getProperty('k')).toBe('user');
  });
});

describe('CacheService', () => {
  it('enforces key and value sizes', () => {
    const cache = createFakeAppsScript().CacheService.getScriptCache();
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    expect(() => cache.get('k'.repeat(251))).toThrow('Argument too large: key');
    expect(() => cache.put('k', 'v'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    cache.put('k'.repeat(250), 'v'.repeat(100 * 1024));
  });

  it('expires after 10 minutes by default and never after more than 6 hours', () => {
    const fake = createFakeAppsScript();
    const cache = fake.CacheService.getDocumentCache()!;
    cache.put('short', 'a');
    cache.put('long', 'b', 999999);
    cache.putAll({ x: '1', y: '2' }, 60);
    expect(cache.getAll(['x', 'y', 'nope'])).toEqual({ x: '1', y: '2' });
    fake.clock.advance(600 * 1000);
    expect(cache.get('short')).toBeNull();
    expect(cache.get('x')).toBeNull();
    fake.clock.advance(21600 * 1000 - 600 * 1000 - 1);
    expect(cache.get('long')).toBe('b');
    fake.clock.advance(1);
    expect(cache.get('long')).toBeNull();
  });
});

describe('charts', () => {
  it('assigns ids at insert and keeps them through modify and update', () => {
    const { fake, data } = setup();
    const built = data
      .newChart()
      .setChartType(fake.Charts.ChartType.LINE)
      .addRange(data.getRange('A1:B2'))
      .setPosition(4, 1, 0, 0)
      .setOption('title', 'Sessions')
      .build();
    expect(built.getChartId()).toBeNull();
    data.insertChart(built);
    const [chart] = data.getCharts();
    const id = chart.getChartId();
    expect(id).not.toBeNull();
    expect(chart.getOptions().get('title')).toBe('Sessions');
    expect(chart.getOptions().get('unset')).toBeNull();
    expect(chart.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B2']);

    const updated = chart.modify().setOption('title', 'Users').clearRanges().addRange(data.getRange('A1:B1')).build();
    expect(updated.getChartId()).toBe(id);
    expect(data.getCharts()[0].getOptions().get('title')).toBe('Sessions');
    data.updateChart(updated);
    expect(data.getCharts()[0].getChartId()).toBe(id);
    expect(data.getCharts()[0].getOptions().get('title')).toBe('Users');
    expect(data.getCharts()[0].getContainerInfo().getAnchorRow()).toBe(4);

    expect(() => data.updateChart(data.newChart().setChartType(fake.Charts.ChartType.PIE).build())).toThrow(/is not on the sheet/);
    data.removeChart(data.getCharts()[0]);
    expect(data.getCharts()).toEqual([]);
    expect(() => data.removeChart(chart)).toThrow(/is not on the sheet/);
  });
});

describe('Ui, HtmlService, Utilities, Session, Logger', () => {
  it('shows a sidebar from a project file; a missing file throws', () => {
    const fake = createFakeAppsScript({ htmlFiles: { Sidebar: '<p>hi</p>' } });
    const html = fake.HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Campaign Sheets').setWidth(500);
    fake.SpreadsheetApp.getUi().showSidebar(html);
    expect(fake.ui.dialogs).toEqual([{ kind: 'sidebar', title: 'Campaign Sheets', content: '<p>hi</p>', width: 300, height: null }]);
    expect(() => fake.HtmlService.createHtmlOutputFromFile('Missing')).toThrow('No HTML file named Missing was found.');
    expect(() => fake.SpreadsheetApp.getUi().showSidebar({} as GoogleAppsScript.HTML.HtmlOutput)).toThrow(/don't match the method signature/);
  });

  it('records alerts and answers them with queued buttons', () => {
    const fake = createFakeAppsScript();
    const ui = fake.SpreadsheetApp.getUi();
    fake.ui.queueAlertResponse('NO');
    expect(ui.alert('Rebuild?', 'This replaces the report.', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(ui.alert('Done')).toBe(ui.Button.OK);
    expect(fake.ui.alerts.map((a) => a.response)).toEqual(['NO', 'OK']);
  });

  it('formats dates in a time zone with Java-style patterns', () => {
    const fake = createFakeAppsScript();
    const d = new Date('2024-07-01T22:05:09Z');
    expect(fake.Utilities.formatDate(d, 'Europe/Paris', "yyyy-MM-dd'T'HH:mm:ss")).toBe('2024-07-02T00:05:09');
    expect(fake.Utilities.formatDate(d, 'America/New_York', 'dd/MM/yy h:mm a')).toBe('01/07/24 6:05 PM');
    expect(() => fake.Utilities.formatDate(d, 'UTC', 'yyyy z')).toThrow(/not modelled/);
  });

  it('knows the session and logs', () => {
    const fake = createFakeAppsScript({ timeZone: 'Asia/Tokyo', locale: 'fr_FR' });
    expect(fake.Session.getActiveUser().getEmail()).toBe('');
    // The script's zone is the manifest's, whatever the spreadsheet's.
    expect(fake.Session.getScriptTimeZone()).toBe('Etc/UTC');
    expect(fake.SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone()).toBe('Asia/Tokyo');
    expect(fake.Session.getActiveUserLocale()).toBe('fr');
    fake.Logger.log('rows: %s of %s', 3, 4);
    expect(fake.logs).toEqual(['rows: 3 of 4']);
    expect(fake.Utilities.getUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

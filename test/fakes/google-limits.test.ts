/**
 * @fileoverview The fakes reject what Google rejects: one test per documented limit or behaviour in
 * docs/apps-script-gotchas.md ("Limits the first add-on missed"), each with Google's message where
 * Google gives one, and a refusal where Google's documentation is silent.
 */
import { describe, expect, it } from 'vitest';
import { createFakeAppsScript, type EditEvent } from './index';

const TOO_LONG = 'Your input contains more than the maximum of 50000 characters in a single cell.';
const GRID_FULL = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';
const PROTECTED = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

describe('one cell holds at most 50,000 characters', () => {
  it('refuses longer text or formulas and writes nothing of the call', () => {
    const fake = createFakeAppsScript({ sheets: { Data: [['a', 'b']] } });
    const data = fake.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data')!;
    data.getRange('A2').setValue('x'.repeat(50_000));
    data.getRange('A3').setValue(`'${'y'.repeat(50_000)}`);
    expect(String(data.getRange('A3').getValue()).length).toBe(50_000);
    expect(() => data.getRange('A1:B1').setValues([['ok', 'x'.repeat(50_001)]])).toThrow(TOO_LONG);
    expect(data.getRange('A1:B1').getValues()).toEqual([['a', 'b']]);
    expect(() => data.getRange('C1').setFormula(`="${'z'.repeat(50_000)}"`)).toThrow(TOO_LONG);
    expect(() => data.getRange('C1').setValue(`="${'z'.repeat(50_000)}"`)).toThrow(TOO_LONG);
  });
});

describe('10 million grid cells, counting every tab whole', () => {
  /** One tab of 384,000 empty rows x 26 columns: 9,984,000 grid cells and no content. */
  const nearlyFull = () => createFakeAppsScript({ sheets: { Big: Array.from({ length: 384_000 }, () => []) } });

  it('counts empty cells: a new tab is 1,000 x 26', () => {
    const fake = createFakeAppsScript();
    expect(fake.gridCells()).toBe(26_000);
    fake.SpreadsheetApp.getActiveSpreadsheet().insertSheet('Two');
    expect(fake.gridCells()).toBe(52_000);
  });

  it('throws when a new tab, rows or columns would pass the limit; deleting rows makes room', () => {
    const fake = nearlyFull();
    const ss = fake.SpreadsheetApp.getActiveSpreadsheet();
    const big = ss.getSheetByName('Big')!;
    expect(fake.gridCells()).toBe(9_984_000);
    expect(() => ss.insertSheet('More')).toThrow(GRID_FULL);
    expect(() => big.insertRowsAfter(1, 1000)).toThrow(GRID_FULL);
    expect(() => big.insertColumnsAfter(1, 1)).toThrow(GRID_FULL);
    expect(() => big.appendRow(new Array(30).fill('x'))).toThrow(GRID_FULL);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Big']);
    big.deleteRows(2, 1000);
    ss.insertSheet('More');
    expect(fake.gridCells()).toBe(9_984_000);
  });

  it('a workbook cannot even be seeded past the limit', () => {
    expect(() => createFakeAppsScript({ sheets: { Huge: Array.from({ length: 400_000 }, () => []) } })).toThrow(GRID_FULL);
  });
});

describe('tab names', () => {
  it('are unique ignoring case; over 100 characters is refused (Google gives no limit or message)', () => {
    const fake = createFakeAppsScript({ sheets: { 'CS Overview': [] } });
    const ss = fake.SpreadsheetApp.getActiveSpreadsheet();
    expect(() => ss.insertSheet('cs overview')).toThrow('A sheet with the name "cs overview" already exists. Please enter another name.');
    ss.insertSheet('n'.repeat(100));
    expect(() => ss.insertSheet('m'.repeat(101))).toThrow(/refused by fake.*101 characters/);
    expect(() => ss.getSheets()[1].setName('m'.repeat(101))).toThrow(/refused by fake/);
  });
});

describe('protection', () => {
  it('a non-editor may not write a protected tab, delete it or change its protection', () => {
    const fake = createFakeAppsScript({ sheets: { Report: [['x']], Notes: [] }, effectiveUserEmail: 'owner@example.com' });
    const ss = fake.SpreadsheetApp.getActiveSpreadsheet();
    const p = ss.getSheetByName('Report')!.protect();
    p.removeEditors(p.getEditors());
    fake.actAs('editor@example.com');
    const report = ss.getSheetByName('Report')!;
    expect(report.protect().canEdit()).toBe(false);
    expect(() => report.getRange('A1').setValue('y')).toThrow(PROTECTED);
    expect(() => report.clear()).toThrow(PROTECTED);
    expect(() => ss.deleteSheet(report)).toThrow(PROTECTED);
    expect(() => report.protect().remove()).toThrow(PROTECTED);
    expect(report.getRange('A1').getValue()).toBe('x');
    ss.getSheetByName('Notes')!.getRange('A1').setValue('mine');
  });

  it("Google's sample keeps the user running it as an editor; skipping addEditor(me) throws for a group editor", () => {
    const fake = createFakeAppsScript({ sheets: { Dash: [], Other: [] }, ownerEmail: 'owner@example.com', effectiveUserEmail: 'ed@example.com', effectiveUserGroup: 'team@example.com' });
    const ss = fake.SpreadsheetApp.getActiveSpreadsheet();
    const bare = ss.getSheetByName('Other')!.protect();
    expect(bare.getEditors().map((u) => u.getEmail())).toEqual(['owner@example.com', 'team@example.com']);
    expect(() => bare.removeEditors(bare.getEditors())).toThrow(/remove your own access/);

    const p = ss.getSheetByName('Dash')!.protect();
    p.addEditor(fake.Session.getEffectiveUser());
    p.removeEditors(p.getEditors());
    expect(p.getEditors().map((u) => u.getEmail())).toEqual(['owner@example.com', 'ed@example.com']);
    ss.getSheetByName('Dash')!.getRange('A1').setValue('still mine');
  });
});

describe('custom functions: arguments, dates and the result cache', () => {
  const setup = (fns: Record<string, (...a: unknown[]) => unknown>, sheets: Record<string, unknown[][]> = { Data: [[1, 2]] }, zones = { timeZone: 'America/New_York', scriptTimeZone: 'Etc/UTC' }) => {
    const fake = createFakeAppsScript({ sheets, customFunctions: fns, ...zones });
    const data = fake.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    return { fake, data };
  };

  it('recomputes only when the formula text or an argument value changes; re-entering keeps the value', () => {
    let runs = 0;
    const { fake, data } = setup({ TWICE: (x) => ((runs += 1), Number(x) * 2) });
    data.getRange('C1').setFormula('=TWICE(A1)');
    expect(() => data.getRange('C1').getValue()).toThrow(/before Sheets calculated it/);
    expect(fake.recalculate().computed).toEqual(['Data!C1']);
    expect(data.getRange('C1').getValue()).toBe(2);
    // The same text entered again, even after clearing: cached.
    data.getRange('C1').clearContent();
    data.getRange('C1').setFormula('=TWICE(A1)');
    expect(fake.recalculate()).toEqual({ computed: [], cached: ['Data!C1'] });
    expect(runs).toBe(1);
    // A referenced value changes: recomputed.
    data.getRange('A1').setValue(5);
    fake.recalculate();
    expect([data.getRange('C1').getValue(), runs]).toEqual([10, 2]);
    // Google may recompute anyway; the test says when.
    fake.recalculate({ recomputeUnchanged: true });
    expect(runs).toBe(3);
  });

  it('a formula carrying a version cell recomputes when the cell changes; one without it keeps its value', () => {
    let source = 100;
    const { fake, data } = setup({ READS_TAB: () => source }, { Data: [[1]], Version: [[1]] });
    const ss = fake.SpreadsheetApp.getActiveSpreadsheet();
    ss.setNamedRange('CS_VERSION', ss.getSheetByName('Version')!.getRange('A1'));
    data.getRange('B1').setFormula('=READS_TAB("x")');
    data.getRange('B2').setFormula('=READS_TAB("x",,CS_VERSION)');
    fake.recalculate();
    source = 200;
    ss.getSheetByName('Version')!.getRange('A1').setValue(2);
    expect(fake.recalculate()).toEqual({ computed: ['Data!B2'], cached: ['Data!B1'] });
    expect(data.getRange('B1:B2').getValues()).toEqual([[100], [200]]);
  });

  it('hands a range over as a 2-D array and a thrown error as #ERROR! with its message', () => {
    const { fake, data } = setup({ SHAPE: (r) => JSON.stringify(r), FAIL: () => { throw new Error('bad campaign'); } }, { Data: [[1, 'a'], [2, '']] });
    data.getRange('C1').setFormula('=SHAPE(A1:B2)');
    data.getRange('C2').setFormula('=FAIL(A1)');
    fake.recalculate();
    expect(data.getRange('C1').getValue()).toBe('[[1,"a"],[2,""]]');
    expect(data.getRange('C2').getValue()).toBe('#ERROR!');
    expect(fake.customOutcome('Data', 'C2')?.error).toBe('bad campaign');
  });

  it('refuses what the guide leaves open when the answer depends on it: an omitted argument', () => {
    const { fake, data } = setup({ KIND: (_a, b) => typeof b, BLANKISH: (_a, b) => (b === undefined || b === '' ? 'blank' : 'set') });
    data.getRange('C1').setFormula('=BLANKISH(A1,,B1)');
    fake.recalculate();
    expect(data.getRange('C1').getValue()).toBe('blank');
    data.getRange('C2').setFormula('=KIND(A1,,B1)');
    expect(() => fake.recalculate()).toThrow(/refused by fake.*omitted argument/);
  });

  it('may read but not write the spreadsheet', () => {
    const { fake, data } = setup({ WRITES: () => fake.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').setValue(9) });
    data.getRange('C1').setFormula('=WRITES()');
    fake.recalculate();
    expect(fake.customOutcome('Data', 'C1')?.error).toBe('You do not have permission to call setValue');
    expect(data.getRange('A1').getValue()).toBe(1);
  });

  /** A date cell at a wall-clock time in the spreadsheet's zone, as the custom function receives it. */
  const received = (sheetZone: string, wall: string) => {
    const [d, t] = wall.split(' ');
    const [y, mo, da] = d.split('-').map(Number);
    const [h, mi] = t.split(':').map(Number);
    let got: Date | null = null;
    const instant = zonedInstant(y, mo, da, h, mi, sheetZone);
    const { fake, data } = setup({ SEE: (x) => ((got = x as Date), 1) }, { Data: [[new Date(instant)]] }, { timeZone: sheetZone, scriptTimeZone: 'Etc/UTC' });
    data.getRange('B1').setFormula('=SEE(A1)');
    fake.recalculate();
    return got!.toISOString();
  };

  it("hands a date cell over at its wall-clock time in the script's zone: the function must compensate", () => {
    // 2026-03-01 00:30 and 23:30 in New York and Tokyo arrive as those wall clocks in UTC (the manifest's zone).
    expect(received('America/New_York', '2026-03-01 00:30')).toBe('2026-03-01T00:30:00.000Z');
    expect(received('America/New_York', '2026-03-01 23:30')).toBe('2026-03-01T23:30:00.000Z');
    expect(received('Asia/Tokyo', '2026-03-01 00:30')).toBe('2026-03-01T00:30:00.000Z');
    expect(received('Asia/Tokyo', '2026-03-01 23:30')).toBe('2026-03-01T23:30:00.000Z');
  });

  it('refuses a test that passes a date with the two zones alike', () => {
    const { fake, data } = setup({ SEE: () => 1 }, { Data: [[new Date('2026-03-01T00:00:00Z')]] }, { timeZone: 'UTC', scriptTimeZone: 'Etc/UTC' });
    data.getRange('B1').setFormula('=SEE(A1)');
    expect(() => fake.recalculate()).toThrow(/set them apart/);
  });
});

describe('simple triggers: onEdit', () => {
  it('runs for a user edit only, never for a script write', () => {
    const seen: string[] = [];
    const fake = createFakeAppsScript({ sheets: { Data: [['a']] }, triggers: { onEdit: (e: EditEvent) => void seen.push(`${e.range.getA1Notation()}=${e.value}`) } });
    fake.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data')!.getRange('A1').setValue('by script');
    expect(seen).toEqual([]);
    const run = fake.userEdit('Data', 'B2', 'typed');
    expect(run.error).toBeUndefined();
    expect(seen).toEqual(['B2=typed']);
    expect(fake.snapshot().sheets[0].values[1][1]).toBe('typed');
  });

  it('in AuthMode.NONE may not read properties or the file; in LIMITED it may, but shows no sidebar', () => {
    let step = '';
    const fake = createFakeAppsScript({
      sheets: { Data: [['a']] },
      htmlFiles: { Sidebar: '<p/>' },
      triggers: {
        onEdit: (e) => {
          step = 'properties';
          PropertiesService.getDocumentProperties().setProperty('edited', String(e.authMode));
          step = 'read';
          e.range.getSheet().getName();
          step = 'sidebar';
          SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<p/>'));
        },
      },
    });
    const uninstall = fake.install();
    try {
      const none = fake.userEdit('Data', 'A1', 'x', { authMode: 'NONE' });
      expect([step, none.error?.message]).toEqual(['properties', expect.stringMatching(/Authorization is required/)]);
      const limited = fake.userEdit('Data', 'A1', 'y');
      expect(step).toBe('sidebar');
      expect(limited.error?.message).toMatch(/in AuthMode.LIMITED/);
      expect(fake.propertyStores.document.get('edited')).toBe('LIMITED');
    } finally {
      uninstall();
    }
  });

  it('is stopped after 30 seconds', () => {
    const fake = createFakeAppsScript({ sheets: { Data: [] }, triggers: { onEdit: () => fake.Utilities.sleep(31_000) } });
    expect(fake.userEdit('Data', 'A1', 1).error?.message).toBe('Exceeded maximum execution time');
  });
});

describe('quotas and locks', () => {
  it('Properties: 50,000 calls a day, then "Service invoked too many times for one day"', () => {
    const fake = createFakeAppsScript();
    const props = fake.PropertiesService.getDocumentProperties();
    for (let i = 0; i < 50_000; i++) props.getProperty('k');
    expect(() => props.setProperty('k', 'v')).toThrow('Service invoked too many times for one day: properties.');
    fake.clock.advance(24 * 3600 * 1000);
    props.setProperty('k', 'v');
  });

  it('getDocumentLock() is null outside a containing document', () => {
    expect(createFakeAppsScript({ outsideDocument: true }).LockService.getDocumentLock()).toBeNull();
    expect(createFakeAppsScript().LockService.getDocumentLock()).not.toBeNull();
  });
});

function zonedInstant(y: number, mo: number, d: number, h: number, mi: number, zone: string): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(new Date(guess));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const offset = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - guess;
  return guess - offset;
}

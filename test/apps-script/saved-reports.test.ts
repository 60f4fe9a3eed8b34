/**
 * @fileoverview Saved-report actions through the Apps Script adapter on the strict fakes: renaming
 * and deleting a dashboard remove the tab the add-on made, never a user's tab of the same name.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAppsScript, type FakeAppsScript } from '../fakes';
import { tinyWorkbook } from '../helpers/workbooks';
import * as entry from '../../src/apps-script/main';
import { defaultQuery } from '../../src/server/app';

const names = (fake: FakeAppsScript) => fake.snapshot().sheets.map((s) => s.name);

describe('saved reports in Sheets', () => {
  let fake: FakeAppsScript;
  let uninstall: () => void;
  beforeEach(() => {
    fake = createFakeAppsScript({ timeZone: 'UTC', sheets: { ...tinyWorkbook(), 'CS Dashboard: Mine': [['my own notes']] }, htmlFiles: { Sidebar: 'x' } });
    uninstall = fake.install();
  });
  afterEach(() => uninstall());

  it('moves a renamed dashboard\'s tab and deletes a deleted one\'s, leaving the user\'s tab', () => {
    entry.saveReport({ name: 'Spring', report: 'overview', query: { ...defaultQuery(), campaign: 'C1' }, dashboard: { mode: 'new', name: 'Weekly', visibility: 'everyone' } });
    expect(names(fake)).toContain('CS Dashboard: Weekly');
    entry.manageSavedReports({ kind: 'rename-dashboard', name: 'Weekly', to: 'Monday' });
    expect(names(fake)).toContain('CS Dashboard: Monday');
    expect(names(fake)).not.toContain('CS Dashboard: Weekly');
    entry.manageSavedReports({ kind: 'delete-dashboard', name: 'Monday' });
    expect(names(fake)).not.toContain('CS Dashboard: Monday');
    // A dashboard named like the user's tab cannot be made; the user's tab is never touched.
    expect(() => entry.saveReport({ name: 'X', report: 'overview', query: defaultQuery(), dashboard: { mode: 'new', name: 'Mine', visibility: 'everyone' } })).toThrowError(/CS Dashboard: Mine/);
    expect(fake.snapshot().sheets.find((s) => s.name === 'CS Dashboard: Mine')!.values).toEqual([['my own notes']]);
    // Nothing of the failed save stays stored.
    const state = entry.getSidebarState();
    expect(state.dashboards).toEqual([]);
    expect(state.savedReports.map((r) => r.name)).toEqual(['Spring']);
  });
});

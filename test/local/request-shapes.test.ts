/**
 * @fileoverview The arguments of every local server call are checked before an action sees them:
 * what the sidebar sends passes; a wrong type, a missing or unknown field, or a wrong number of
 * arguments is refused with a plain sentence naming the argument, never a JavaScript error.
 */
import { describe, expect, it } from 'vitest';
import { REQUEST_SHAPES, ShapeError, checkArguments } from '../../src/local/request-shapes';
import type { SidebarApi, SidebarQuery } from '../../src/shared/sidebar-api';

const query: SidebarQuery = { campaign: 'C1', contactAttribution: 'first touch', preset: 'all', reportType: 'revenue', model: 'Linear', frequency: 'auto' };

const GOOD: { [K in keyof SidebarApi]: unknown[] } = {
  getSidebarState: [],
  refreshReports: [{ scope: 'all', query: { ...query, preset: 'custom', from: '2026-03-01', to: '2026-03-31' } }],
  saveTrackingUrl: [{ url: 'https://example.com', campaign: 'spring', category: 'Paid search', source: 'google', medium: 'cpc', term: '', content: '' }],
  saveReport: [{ name: 'Weekly', report: 'overview', query, replace: true, dashboard: { mode: 'new', name: 'Board', visibility: 'owner' } }],
  manageSavedReports: [{ kind: 'move', name: 'Weekly', dashboard: null }],
  saveSettings: [{ eligibleTypes: ['page view'], revenueEligibleTypes: ['page view', 'form submission'], halfLifeDays: 7, lookbackDays: null, lastQuery: query }],
};

const refused = (name: keyof SidebarApi, args: unknown[]): string => {
  try {
    checkArguments(name, args);
  } catch (e) {
    expect(e).toBeInstanceOf(ShapeError);
    return (e as Error).message;
  }
  throw new Error(`${name} accepted ${JSON.stringify(args)}`);
};

describe('request shapes', () => {
  it('has a shape for every endpoint, and accepts what the sidebar sends', () => {
    expect(Object.keys(REQUEST_SHAPES).sort()).toEqual(Object.keys(GOOD).sort());
    for (const [name, args] of Object.entries(GOOD)) expect(() => checkArguments(name as keyof SidebarApi, args), name).not.toThrow();
    expect(() => checkArguments('saveReport', [{ ...(GOOD.saveReport[0] as object), dashboard: { mode: 'none' } }])).not.toThrow();
    expect(() => checkArguments('saveSettings', [{ ...(GOOD.saveSettings[0] as object), lastQuery: null, lookbackDays: 30, dealCreateEligibleTypes: null }])).not.toThrow();
    for (const action of [{ kind: 'open', name: 'W' }, { kind: 'rename', name: 'W', to: 'X' }, { kind: 'delete', name: 'W' }, { kind: 'move', name: 'W', dashboard: 'Board' },
      { kind: 'rename-dashboard', name: 'B', to: 'C' }, { kind: 'delete-dashboard', name: 'B' }]) {
      expect(() => checkArguments('manageSavedReports', [action]), action.kind).not.toThrow();
    }
  });

  it('names the argument and what it must be', () => {
    expect(refused('saveReport', [{ ...(GOOD.saveReport[0] as object), name: 5 }])).toBe('The argument of saveReport.name must be a text, not number 5.');
    expect(refused('saveReport', [{ ...(GOOD.saveReport[0] as object), name: { trim: 1 } }])).toBe('The argument of saveReport.name must be a text, not an object.');
    expect(refused('refreshReports', [{ scope: 'everything', query }])).toBe('The argument of refreshReports.scope must be "campaign" or "all", not the text "everything".');
    expect(refused('refreshReports', [{ scope: 'all', query: { ...query, frequency: 'hourly' } }])).toMatch(/query\.frequency must be "auto" or "daily" or "monthly"/);
    expect(refused('refreshReports', [{ scope: 'all' }])).toBe('The argument of refreshReports lacks the field "query".');
    expect(refused('refreshReports', [{ scope: 'all', query, extra: 1 }])).toBe('The argument of refreshReports has an unknown field "extra".');
    expect(refused('refreshReports', [null])).toBe('The argument of refreshReports must be an object, not null.');
    expect(refused('refreshReports', [[1, 2]])).toBe('The argument of refreshReports must be an object, not a list.');
    expect(refused('saveReport', [{ ...(GOOD.saveReport[0] as object), dashboard: { mode: 'sideways' } }])).toMatch(/dashboard\.mode must be "none" or "existing" or "new"/);
    expect(refused('saveSettings', [{ ...(GOOD.saveSettings[0] as object), halfLifeDays: '7' }])).toMatch(/halfLifeDays must be a number, not the text "7"/);
    expect(refused('saveSettings', [{ ...(GOOD.saveSettings[0] as object), eligibleTypes: ['page view', 3] }])).toMatch(/eligibleTypes\[1\] must be a text/);
    expect(refused('saveTrackingUrl', [{ ...(GOOD.saveTrackingUrl[0] as object), url: 'x'.repeat(5000) }])).toMatch(/url is too long: at most 2000 characters/);
    expect(refused('saveReport', [{ ...(GOOD.saveReport[0] as object), replace: 'yes' }])).toMatch(/replace must be true or false/);
    expect(refused('manageSavedReports', [{ kind: 'explode', name: 'W' }])).toMatch(/kind must be "open" or "rename" or "delete" or "move"/);
    expect(refused('manageSavedReports', [{ kind: 'rename', name: 'W' }])).toBe('The argument of manageSavedReports lacks the field "to".');
  });

  it('counts the arguments', () => {
    expect(refused('getSidebarState', [1])).toBe('getSidebarState takes no arguments, not 1.');
    expect(refused('refreshReports', [])).toBe('refreshReports takes one argument, not 0.');
    expect(refused('refreshReports', [GOOD.refreshReports[0], 1])).toBe('refreshReports takes one argument, not 2.');
  });

  it('never lets a JavaScript message through, whatever the value', () => {
    const odd: unknown[] = [undefined, null, 0, NaN, true, 'x', [], {}, [[]], { length: 1 }, { toString: 'x' }, { __proto__: null }];
    for (const name of Object.keys(GOOD) as (keyof SidebarApi)[]) {
      for (const [i, v] of odd.entries()) {
        for (const args of [[v], [{ ...(GOOD[name][0] as object), name: v, query: v, scope: v, dashboard: v, eligibleTypes: v }]]) {
          try {
            checkArguments(name, args);
          } catch (e) {
            expect(e, `${name} with odd value ${i}`).toBeInstanceOf(ShapeError);
            expect((e as Error).message).not.toMatch(/is not a function|Cannot read|undefined is not/);
          }
        }
      }
    }
  });
});

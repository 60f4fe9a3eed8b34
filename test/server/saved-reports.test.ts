/**
 * @fileoverview Saved reports and dashboards through the server actions: save (asking before
 * replacing), open, rename, delete, move on and off dashboards, rename and delete dashboards; the
 * lists always match what is stored; a stored report that cannot run says why.
 */
import { describe, expect, it } from 'vitest';
import { memoryContext, type MemoryContext } from '../helpers/memory-context';
import { NOW, tinyWorkbook } from '../helpers/workbooks';
import { defaultQuery, getSidebarState, manageSavedReports, refreshReports, saveReport } from '../../src/server/app';
import type { SaveReportResult, SidebarQuery } from '../../src/shared/sidebar-api';

const spring: SidebarQuery = { ...defaultQuery(), campaign: 'C1' };
const webinar: SidebarQuery = { ...defaultQuery(), campaign: 'C2', model: 'U-shaped' };

/** Every report a dashboard lists exists, and each report's dashboard is the one listing it. */
function expectConsistent(m: MemoryContext, r: SaveReportResult) {
  const state = getSidebarState(m.ctx);
  expect(r.savedReports).toEqual(state.savedReports);
  expect(r.dashboards).toEqual(state.dashboards);
  const names = new Set(r.savedReports.map((x) => x.name));
  for (const d of r.dashboards) for (const n of d.reports) expect(names.has(n), `${d.name} lists ${n}`).toBe(true);
  for (const s of r.savedReports) expect(s.dashboard).toBe(r.dashboards.find((d) => d.reports.includes(s.name))?.name ?? null);
}

describe('saved reports', () => {
  const m = memoryContext(tinyWorkbook(), NOW);
  const ctx = m.ctx;

  it('saves, then opens a report that is on no dashboard into its tab', () => {
    const r = saveReport(ctx, { name: 'Spring overview', report: 'overview', query: spring, dashboard: { mode: 'none' } });
    expect(r.savedReports.map((x) => [x.name, x.dashboard])).toEqual([['Spring overview', null]]);
    expectConsistent(m, r);
    m.tabs.clear();
    const opened = manageSavedReports(ctx, { kind: 'open', name: 'Spring overview' });
    expect(opened.tab).toBe('CS Overview');
    expect(m.tabs.get('CS Overview')!.title).toBe('Overview: Spring launch');
  });

  it('asks before replacing a taken name, and a replaced report keeps its dashboard', () => {
    let r = saveReport(ctx, { name: 'Credit', report: 'attribution', query: spring, dashboard: { mode: 'new', name: 'Weekly', visibility: 'owner' } });
    expect(r.tab).toBe('CS Dashboard: Weekly');
    expect(m.protections.get('CS Dashboard: Weekly')).toBe(true);
    expect(m.tabs.get('CS Dashboard: Weekly')!.blocks[0].title).toMatch(/^Credit: Credited to Spring launch/);
    r = saveReport(ctx, { name: 'Credit', report: 'attribution', query: webinar, dashboard: { mode: 'none' } });
    expect(r.exists).toBe(true);
    expect(r.savedReports.find((x) => x.name === 'Credit')!.query.campaign).toBe('C1');
    r = saveReport(ctx, { name: 'Credit', report: 'attribution', query: webinar, dashboard: { mode: 'none' }, replace: true });
    expect(r.exists).toBeUndefined();
    expect(r.savedReports.find((x) => x.name === 'Credit')).toMatchObject({ dashboard: 'Weekly', query: { campaign: 'C2' } });
    expect(r.dashboards).toEqual([{ name: 'Weekly', visibility: 'owner', reports: ['Credit'] }]);
    expect(m.tabs.get('CS Dashboard: Weekly')!.blocks[0].title).toMatch(/^Credit: Credited to Webinar/);
    expectConsistent(m, r);
  });

  it('puts a report on a dashboard and takes it off', () => {
    let r = manageSavedReports(ctx, { kind: 'move', name: 'Spring overview', dashboard: 'Weekly' });
    expect(r.dashboards[0].reports).toEqual(['Credit', 'Spring overview']);
    expect(m.tabs.get('CS Dashboard: Weekly')!.blocks.some((b) => b.title.startsWith('Spring overview: '))).toBe(true);
    expectConsistent(m, r);
    r = manageSavedReports(ctx, { kind: 'move', name: 'Spring overview', dashboard: null });
    expect(r.dashboards[0].reports).toEqual(['Credit']);
    expect(m.tabs.get('CS Dashboard: Weekly')!.blocks.some((b) => b.title.startsWith('Spring overview: '))).toBe(false);
    expectConsistent(m, r);
    expect(() => manageSavedReports(ctx, { kind: 'move', name: 'Spring overview', dashboard: 'Nope' })).toThrowError('No dashboard is named "Nope".');
  });

  it('renames a report everywhere it is listed, refusing a taken name', () => {
    expect(() => manageSavedReports(ctx, { kind: 'rename', name: 'Credit', to: 'Spring overview' })).toThrowError(/exists already/);
    const r = manageSavedReports(ctx, { kind: 'rename', name: 'Credit', to: 'Webinar credit' });
    expect(r.savedReports.map((x) => x.name)).toEqual(['Spring overview', 'Webinar credit']);
    expect(r.dashboards[0].reports).toEqual(['Webinar credit']);
    expect(m.tabs.get('CS Dashboard: Weekly')!.blocks[0].title).toMatch(/^Webinar credit: /);
    expectConsistent(m, r);
  });

  it('renames a dashboard (its tab moves) and deletes one (its tab goes, its reports stay)', () => {
    let r = manageSavedReports(ctx, { kind: 'rename-dashboard', name: 'Weekly', to: 'Monthly' });
    expect(r.dashboards.map((d) => d.name)).toEqual(['Monthly']);
    expect(m.tabs.has('CS Dashboard: Weekly')).toBe(false);
    expect(m.tabs.has('CS Dashboard: Monthly')).toBe(true);
    expect(m.protections.get('CS Dashboard: Monthly')).toBe(true);
    expectConsistent(m, r);
    r = manageSavedReports(ctx, { kind: 'delete-dashboard', name: 'Monthly' });
    expect(r.dashboards).toEqual([]);
    expect(m.tabs.has('CS Dashboard: Monthly')).toBe(false);
    expect(r.savedReports.map((x) => [x.name, x.dashboard])).toEqual([['Spring overview', null], ['Webinar credit', null]]);
    expectConsistent(m, r);
  });

  it('deletes a report, taking it off its dashboard', () => {
    saveReport(ctx, { name: 'Webinar credit', report: 'attribution', query: webinar, dashboard: { mode: 'new', name: 'Board', visibility: 'everyone' }, replace: true });
    const r = manageSavedReports(ctx, { kind: 'delete', name: 'Webinar credit' });
    expect(r.savedReports.map((x) => x.name)).toEqual(['Spring overview']);
    expect(r.dashboards).toEqual([{ name: 'Board', visibility: 'everyone', reports: [] }]);
    expectConsistent(m, r);
    expect(() => manageSavedReports(ctx, { kind: 'delete', name: 'Webinar credit' })).toThrowError('No saved report is named "Webinar credit".');
  });
});

describe('saved reports checked when loaded', () => {
  const stored = (m: MemoryContext, name: string, query: Partial<SidebarQuery>, report = 'overview') =>
    m.props.set(`cs.report:${name}`, JSON.stringify({ name, report, query: { ...spring, ...query }, dashboard: null }));

  it('marks a stored report that cannot run with what is accepted, and refuses to open it', () => {
    const m = memoryContext(tinyWorkbook(), NOW);
    stored(m, 'Bad model', { model: 'Gut feeling' });
    stored(m, 'Bad preset', { preset: 'fortnight' });
    stored(m, 'Bad type', { reportType: 'leads' as SidebarQuery['reportType'] });
    stored(m, 'Bad frequency', { frequency: 'weekly' as SidebarQuery['frequency'] });
    stored(m, 'Bad report', {}, 'pie');
    stored(m, 'Fine', {});
    const problems = Object.fromEntries(getSidebarState(m.ctx).savedReports.map((r) => [r.name, r.problem ?? null]));
    expect(problems).toEqual({
      'Bad frequency': 'Unknown frequency "weekly": use auto, daily or monthly.',
      'Bad model': expect.stringMatching(/^Unknown attribution model "Gut feeling": use one of First interaction, Last interaction, Linear/),
      'Bad preset': expect.stringMatching(/^Unknown date range "fortnight": use one of all, today, yesterday/),
      'Bad report': expect.stringMatching(/^Unknown report "pie": use one of overview, revenue/),
      'Bad type': 'Unknown report type "leads": use contact create, deal create or revenue.',
      Fine: null,
    });
    expect(() => manageSavedReports(m.ctx, { kind: 'open', name: 'Bad model' })).toThrowError(/^Saved report "Bad model" cannot run: Unknown attribution model "Gut feeling": use one of/);
    expect(() => saveReport(m.ctx, { name: 'New', report: 'overview', query: { ...spring, model: 'W-shaped', reportType: 'contact create' }, dashboard: { mode: 'none' } }))
      .toThrowError(/The W-shaped model does not serve contact create reports/);
  });

  it('a dashboard shows a broken report\'s problem and still refreshes the others', () => {
    const m = memoryContext(tinyWorkbook(), NOW);
    saveReport(m.ctx, { name: 'Fine', report: 'overview', query: spring, dashboard: { mode: 'new', name: 'D', visibility: 'everyone' } });
    stored(m, 'Broken', { model: 'Gut feeling' });
    const d = JSON.parse(m.props.get('cs.dashboard:D')!);
    m.props.set('cs.dashboard:D', JSON.stringify({ ...d, reports: ['Fine', 'Broken'] }));
    refreshReports(m.ctx, { scope: 'all', query: spring });
    const tab = m.tabs.get('CS Dashboard: D')!;
    expect(tab.blocks[0].title).toMatch(/^Fine: /);
    expect(tab.blocks.at(-1)).toMatchObject({ title: 'Broken: cannot run', rows: [[expect.stringMatching(/^Unknown attribution model/)]] });
  });
});

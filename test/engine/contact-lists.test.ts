/**
 * @fileoverview The contacts behind the counts (attribution-semantics §5): each list, solved by
 * hand on the tiny example (test/fixtures/tiny/README.md), and on a demo workbook every list's
 * length equals its count for every campaign and range.
 */
import { describe, expect, it } from 'vitest';
import { analysed, tinyWorkbook } from '../helpers/workbooks';
import { memoryContext } from '../helpers/memory-context';
import { contactList, contactListTable, CONTACT_LISTS } from '../../src/engine/metrics/contact-lists';
import { metricValue } from '../../src/engine/metrics/campaign-metrics';
import { buildReports } from '../../src/engine/reports/all-reports';
import { resolveQuery } from '../../src/engine/reports/query';
import { allData, dayRange, parseDay } from '../../src/engine/time/range';
import { generateDemoWorkbook } from '../../src/demo/generate';
import { refreshReports, defaultQuery } from '../../src/server/app';
import type { Analysis } from '../../src/engine/analysis';
import { runFormula } from '../../src/engine/formulas/formulas';
import { liveData } from '../../src/engine/formulas/live-data';
import { buildFormulaStore } from '../../src/engine/formula-store/store';
import { storeData } from '../../src/engine/formula-store/store-data';

const listRows = (a: Analysis, k: number, list: (typeof CONTACT_LISTS)[number], o = {}) => {
  const { entries } = contactList(a, k, list, allData(a.zone, a.now), o);
  return contactListTable(a, list, entries).rows;
};

describe('contact lists of the tiny example', () => {
  const a = analysed(tinyWorkbook());
  const SPRING = 0, WEBINAR = 1;

  it('new contacts: first touch P2 through I6; last touch P1 through I3, then P2', () => {
    expect(listRows(a, SPRING, 'new contacts', { contactAttribution: 'first touch' })).toEqual([
      ['P2', '2026-03-10 09:00', 'I6', 'form submission', 'Spring signup form'],
    ]);
    expect(listRows(a, SPRING, 'new contacts', { contactAttribution: 'last touch' })).toEqual([
      ['P1', '2026-03-05 10:00', 'I3', 'form submission', 'Spring signup form'],
      ['P2', '2026-03-10 09:00', 'I6', 'form submission', 'Spring signup form'],
    ]);
  });

  it('influenced contacts: each contact\'s first interaction with the campaign, of any type', () => {
    // I2 is a page view of the landing page's URL: the asset is found by URL.
    expect(listRows(a, SPRING, 'influenced contacts')).toEqual([
      ['P1', '2026-03-02 09:00', 'I2', 'page view', 'Spring landing page'],
      ['P2', '2026-03-10 09:00', 'I6', 'form submission', 'Spring signup form'],
    ]);
    expect(listRows(a, WEBINAR, 'influenced contacts')).toEqual([
      ['P1', '2026-03-08 12:00', 'I4', 'email click', 'Webinar invitation'],
      ['P2', '2026-03-09 12:00', 'I5', 'email open', 'Webinar invitation'],
    ]);
  });

  it('contacts with revenue and revenue-attribution contacts: D1\'s contacts through their first Spring interaction', () => {
    const rows = [
      ['P1', '2026-04-01 00:00', 'I2', 'page view', 'Spring landing page', 'D1'],
      ['P2', '2026-04-01 00:00', 'I6', 'form submission', 'Spring signup form', 'D1'],
    ];
    expect(listRows(a, SPRING, 'contacts with revenue')).toEqual(rows);
    expect(listRows(a, SPRING, 'revenue attribution contacts', { model: 'Linear' })).toEqual(rows);
    // J-shaped gives I2, I3 and I6 5% each: still both contacts.
    expect(listRows(a, SPRING, 'revenue attribution contacts', { model: 'J-shaped' }).map((r) => r[0])).toEqual(['P1', 'P2']);
    // First interaction credits I1 only, which has no campaign: Spring earns nothing.
    expect(listRows(a, SPRING, 'revenue attribution contacts', { model: 'First interaction' })).toEqual([]);
    expect(listRows(a, WEBINAR, 'revenue attribution contacts', { model: 'Linear' })).toEqual([
      ['P1', '2026-04-01 00:00', 'I4', 'email click', 'Webinar invitation', 'D1'],
    ]);
  });

  it('writes the CS Contacts tab with one block per list, its count in the title', () => {
    const [tab] = buildReports(a, resolveQuery(a, { campaign: 'C1', contactAttribution: 'last touch', model: 'First interaction' }), ['contacts']);
    expect(tab.name).toBe('CS Contacts');
    expect(tab.blocks.map((b) => [b.id, b.title, b.rows.length])).toEqual([
      ['new-contacts', 'New contacts (last touch): 2', 2],
      ['influenced-contacts', 'Influenced contacts: 2', 2],
      ['contacts-with-revenue', 'Contacts with revenue: 2 (last 365 days)', 2],
      ['revenue-attribution-contacts', 'Revenue attribution contacts (First interaction): 0', 0],
    ]);
    expect(tab.blocks[0].header).toEqual(['Contact ID', 'Created at', 'Interaction ID', 'Interaction type', 'Asset']);
  });

  it('the sidebar summary carries each count\'s list', () => {
    const m = memoryContext(tinyWorkbook(), a.now);
    const r = refreshReports(m.ctx, { scope: 'campaign', query: { ...defaultQuery(), campaign: 'C1', contactAttribution: 'last touch' } });
    expect(r.lists.map((l) => [l.label, l.total, l.rows.map((row) => row[0])])).toEqual([
      ['New contacts (last touch)', 2, ['P1', 'P2']],
      ['Influenced contacts', 2, ['P1', 'P2']],
      ['Contacts with revenue (last 365 days)', 2, ['P1', 'P2']],
    ]);
    for (const l of r.lists) expect(r.summary).toContainEqual([l.label, String(l.total)]);
    expect(r.tabs).toContain('CS Contacts');
    expect(m.tabs.get('CS Contacts')!.blocks[0].rows.length).toBe(2);
  });
});

describe('every list is as long as its count', () => {
  const a = analysed(generateDemoWorkbook({ seed: 7, contacts: 400, deals: 80, interactions: 6000, campaigns: 8 }), {}, Date.UTC(2026, 10, 1));
  const day = (s: string) => parseDay(s, a.zone)!;
  const ranges = [allData(a.zone, a.now), dayRange(day('2026-01-01'), day('2026-06-30'), a.zone), dayRange(day('2025-03-01'), day('2025-12-31'), a.zone)];

  it('for every campaign, range and contact attribution', () => {
    let nonEmpty = 0;
    for (const c of a.model.workbook.campaigns) {
      for (const r of ranges) {
        for (const ca of ['first touch', 'last touch'] as const) {
          const n = contactList(a, c.index, 'new contacts', r, { contactAttribution: ca }).entries.length;
          expect(n).toBe(metricValue(a, c.index, 'new contacts', r, ca));
        }
        const influenced = contactList(a, c.index, 'influenced contacts', r).entries;
        expect(influenced.length).toBe(metricValue(a, c.index, 'influenced contacts', r));
        expect(contactList(a, c.index, 'contacts with revenue', r).entries.length).toBe(metricValue(a, c.index, 'contacts with revenue', r));
        nonEmpty += influenced.length > 0 ? 1 : 0;
        // Sorted by the instant that made them count.
        expect(influenced.map((e) => e.when)).toEqual(influenced.map((e) => e.when).slice().sort((x, y) => x - y));
      }
      const q = resolveQuery(a, { campaign: c.id, model: 'U-shaped' });
      const [ra] = buildReports(a, q, ['revenue-attribution']);
      expect(contactList(a, c.index, 'revenue attribution contacts', allData(a.zone, a.now), { model: 'U-shaped' }).entries.length).toBe(ra.blocks[0].rows[0][3]);
    }
    expect(nonEmpty).toBeGreaterThan(5);
  });
});

describe('CAMPAIGN_CONTACTS', () => {
  const a = analysed(tinyWorkbook());

  it('returns the header and one row per contact, as many as CAMPAIGN_METRIC counts', () => {
    const data = liveData(a);
    const table = runFormula(data, 'CAMPAIGN_CONTACTS', ['Spring launch', 'new contacts', '', '', 'last touch']) as unknown[][];
    expect(table).toEqual([
      ['Contact ID', 'Created at', 'Interaction ID', 'Interaction type', 'Asset'],
      ['P1', '2026-03-05 10:00', 'I3', 'form submission', 'Spring signup form'],
      ['P2', '2026-03-10 09:00', 'I6', 'form submission', 'Spring signup form'],
    ]);
    for (const [metric, qualifier] of [['new contacts', ''], ['new contacts', 'last touch'], ['influenced contacts', ''], ['contacts with revenue', '']]) {
      for (const [from, to] of [['', ''], ['2026-03-06', '2026-03-31'], ['2026-04-02', '']]) {
        const rows = (runFormula(data, 'CAMPAIGN_CONTACTS', ['C1', metric, from, to, qualifier]) as unknown[][]).length - 1;
        expect(rows, `${metric} ${from}..${to}`).toBe(runFormula(data, 'CAMPAIGN_METRIC', ['C1', metric, from, to, qualifier]));
      }
    }
    // Contacts with revenue from 6 March: D1 closes 1 April, so both contacts; from 2 April: none.
    expect((runFormula(data, 'CAMPAIGN_CONTACTS', ['C1', 'contacts with revenue', '2026-04-02']) as unknown[][]).length).toBe(1);
  });

  it('takes the model for revenue attribution contacts, and says what is accepted', () => {
    const data = liveData(a);
    expect((runFormula(data, 'CAMPAIGN_CONTACTS', ['Webinar', 'revenue attribution contacts', '', '', 'U-shaped']) as unknown[][]).map((r) => r[0])).toEqual(['Contact ID', 'P1']);
    expect((runFormula(data, 'CAMPAIGN_CONTACTS', ['C1', 'attribution contacts', '', '', 'first interaction']) as unknown[][]).length).toBe(1);
    expect(() => runFormula(data, 'CAMPAIGN_CONTACTS', ['C1', 'sessions'])).toThrowError(/use one of new contacts, influenced contacts, contacts with revenue, revenue attribution contacts/);
    expect(() => runFormula(data, 'CAMPAIGN_CONTACTS', ['C1', 'influenced contacts', '', '', 'last touch'])).toThrowError(/takes no contact attribution/);
  });

  it('from a stored refresh, says why it cannot list contacts', () => {
    const store = buildFormulaStore(a);
    const data = storeData(store.meta, (ix) => ix.map((i) => store.series[i]));
    expect(() => runFormula(data, 'CAMPAIGN_CONTACTS', ['C1', 'new contacts'])).toThrowError(/use the CS Contacts tab/);
  });
});

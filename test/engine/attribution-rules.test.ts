/**
 * @fileoverview The rules of attribution-semantics §1-§3 end to end, each on a workbook small
 * enough to solve by hand.
 */
import { describe, expect, it } from 'vitest';
import { analysed, workbook } from '../helpers/workbooks';
import { attribute } from '../../src/engine/attribution/credit';
import { conversionsOf } from '../../src/engine/analysis';
import { allData, dayRange, parseDay } from '../../src/engine/time/range';
import { metricValue } from '../../src/engine/metrics/campaign-metrics';
import { runFormula } from '../../src/engine/formulas/formulas';
import { liveData } from '../../src/engine/formulas/live-data';
import type { RawCell } from '../../src/engine/workbook/raw';

const campaigns = [
  { 'Campaign ID': 'C1', Name: 'One', 'UTM campaign': 'one' },
  { 'Campaign ID': 'C2', Name: 'Two', 'UTM campaign': 'two' },
];
type Row = Record<string, RawCell>;
const touch = (ts: string, who: Row, type = 'page view', extra: Row = {}): Row => ({ Timestamp: ts, Type: type, ...who, ...extra });

describe('campaign of an interaction', () => {
  const raw = workbook({
    Campaigns: campaigns,
    Assets: [
      { 'Asset ID': 'A1', 'Campaign ID': 'C1', Type: 'landing page', URL: 'https://example.com/landing/', 'Associated at': '2026-03-01T12:00:00Z' },
      { 'Asset ID': 'A2', 'Campaign ID': 'C1', Type: 'blog post' },
      { 'Asset ID': 'A2', 'Campaign ID': 'C2', Type: 'blog post' },
    ],
    Contacts: [{ 'Contact ID': 'P1', 'Created at': '2026-04-01' }],
    Interactions: [
      touch('2026-03-01T11:59:59Z', { 'Contact ID': 'P1', 'Asset ID': 'A1', 'Interaction ID': 'before' }),
      touch('2026-03-01T12:00:00Z', { 'Contact ID': 'P1', 'Asset ID': 'A1', 'Interaction ID': 'at' }),
      touch('2026-03-01T12:00:01Z', { 'Contact ID': 'P1', 'Asset ID': 'A1', 'Interaction ID': 'after' }),
      touch('2026-03-02', { 'Contact ID': 'P1', 'Interaction ID': 'url', URL: 'HTTPS://Example.com/landing?utm_source=x#top' }),
      touch('2026-03-02', { 'Contact ID': 'P1', 'Interaction ID': 'url-not-page-view', URL: 'https://example.com/landing' }, 'cta click'),
      touch('2026-03-03', { 'Contact ID': 'P1', 'Asset ID': 'A2', 'Interaction ID': 'two-campaigns' }),
      touch('2026-03-04', { 'Contact ID': 'P1', 'Interaction ID': 'utm', 'UTM campaign': ' TWO ' }),
      touch('2026-02-01', { 'Contact ID': 'P1', 'Interaction ID': 'utm-before-association', 'Asset ID': 'A1', 'UTM campaign': 'one' }),
    ],
  });
  const a = analysed(raw);
  const campaignsOf = (id: string) => a.model.campaignsOf[a.model.interactions.findIndex((i) => i.id === id)];

  it('counts an asset interaction from its association on: just before no, at and after yes', () => {
    expect(campaignsOf('before')).toBeNull();
    expect(campaignsOf('at')).toEqual([0]);
    expect(campaignsOf('after')).toEqual([0]);
  });
  it('matches page views to assets by URL ignoring query, fragment, trailing slash and host case', () => {
    expect(campaignsOf('url')).toEqual([0]);
    expect(campaignsOf('url-not-page-view')).toBeNull();
  });
  it('an asset in two campaigns puts the interaction in both, in Campaigns-tab order', () => {
    expect(campaignsOf('two-campaigns')).toEqual([0, 1]);
  });
  it('matches UTM campaign values case-insensitively and trimmed, even before an association', () => {
    expect(campaignsOf('utm')).toEqual([1]);
    expect(campaignsOf('utm-before-association')).toEqual([0]);
  });
  it('gives an interaction with two campaigns its credit in full to each', () => {
    const raw2 = workbook({
      Campaigns: campaigns,
      Assets: [{ 'Asset ID': 'A2', 'Campaign ID': 'C1', Type: 'blog post' }, { 'Asset ID': 'A2', 'Campaign ID': 'C2', Type: 'blog post' }],
      Contacts: [{ 'Contact ID': 'P1', 'Created at': '2026-04-01' }],
      Interactions: [touch('2026-03-03', { 'Contact ID': 'P1', 'Asset ID': 'A2' })],
    });
    const att = attribute(analysed(raw2), 'contact create', 'Linear', allData(a.zone, a.now));
    expect(att.byCampaign.map((c) => c.credit)).toEqual([1, 1]);
    expect(att.noCampaign.credit).toBe(0);
  });
});

describe('conversions and paths', () => {
  const base = {
    Campaigns: campaigns,
    Contacts: [
      { 'Contact ID': 'P1', 'Created at': '2026-03-05T10:00:00Z', 'Visitor IDs': 'V1' },
      { 'Contact ID': 'P2', 'Created at': '2026-03-01T10:00:00Z' },
      { 'Contact ID': 'P3', 'Created at': '2026-03-09' },
    ],
    Interactions: [
      touch('2026-02-20', { 'Visitor ID': 'V1', 'Interaction ID': 'v1-anon' }, 'page view', { 'UTM campaign': 'one' }),
      touch('2026-03-05T10:00:00Z', { 'Visitor ID': 'V1', 'Interaction ID': 'v1-form' }, 'form submission', { 'UTM campaign': 'two' }),
      touch('2026-02-25', { 'Contact ID': 'P2', 'Interaction ID': 'p2-a' }, 'page view', { 'UTM campaign': 'two' }),
      touch('2026-03-01T10:00:00Z', { 'Contact ID': 'P2', 'Interaction ID': 'p2-b' }, 'page view', { 'UTM campaign': 'two' }),
      touch('2026-03-03', { 'Contact ID': 'P2', 'Interaction ID': 'p2-open' }, 'email open', { 'UTM campaign': 'one' }),
      touch('2026-03-06', { 'Contact ID': 'P1', 'Interaction ID': 'p1-meeting' }, 'meeting'),
      touch('2026-03-20', { 'Contact ID': 'P1', 'Interaction ID': 'p1-late' }, 'call', { 'UTM campaign': 'one' }),
      touch('2026-03-10', { 'Visitor ID': 'V-anon', 'Interaction ID': 'anon' }),
    ],
    Deals: [
      { 'Deal ID': 'D1', 'Contact IDs': 'P1; P2', 'Created at': '2026-03-10', Stage: 'closed won', 'Closed at': '2026-03-25', Amount: 1000 },
      { 'Deal ID': 'D2', 'Contact IDs': 'P3', 'Created at': '2026-03-10', Stage: 'closed lost', 'Closed at': '2026-03-12' },
      { 'Deal ID': 'D3', 'Contact IDs': 'P1', 'Created at': '2026-03-11', Stage: 'appointment scheduled' },
    ],
  };
  const a = analysed(workbook(base));
  const ids = (type: 'contact create' | 'deal create' | 'revenue', id: string) => {
    const c = conversionsOf(a, type).find((x) => x.id === id)!;
    return { path: Array.from(c.path, (p) => a.model.interactions[p].id), c };
  };

  it('stitches visitor interactions to the contact before and after creation', () => {
    expect(ids('contact create', 'P1').path).toEqual(['v1-anon', 'v1-form']);
  });
  it('keeps an interaction at the very second of creation; drops ineligible types', () => {
    expect(ids('contact create', 'P2').path).toEqual(['p2-a', 'p2-b']);
    expect(ids('deal create', 'D1').path).not.toContain('p2-open');
  });
  it('a contact with no interactions goes to (no interactions)', () => {
    const att = attribute(a, 'contact create', 'Linear', allData(a.zone, a.now));
    expect(att.noInteractions.credit).toBe(1);
  });
  it('a multi-contact deal: all contacts\' interactions; the oldest contact anchors contact creation', () => {
    const { path, c } = ids('deal create', 'D1');
    expect(path).toEqual(['v1-anon', 'p2-a', 'p2-b', 'v1-form', 'p1-meeting']);
    // P2 is older (created 1 March) although listed second; its last interaction at creation is p2-b.
    expect(path[c.contactCreation]).toBe('p2-b');
    expect(path[c.dealCreation]).toBe('p1-meeting');
    const rev = ids('revenue', 'D1');
    expect(rev.path).toEqual([...path, 'p1-late']);
    expect(rev.path[rev.c.dealCreation]).toBe('p1-meeting');
    expect(rev.path[rev.c.closedWon]).toBe('p1-late');
  });
  it('U-shaped deal create credits by anchors: first v1-anon (One) 40%, p2-b (Two) 40%, three others 20%/3', () => {
    const att = attribute(a, 'deal create', 'U-shaped', allData(a.zone, a.now));
    // D1: One .4, Two .4 + 2 x .2/3 (p2-a, v1-form), none .2/3 (meeting). D2 lost: (no interactions). D3 open: P1's path.
    const d3 = ids('deal create', 'D3');
    expect(d3.path).toEqual(['v1-anon', 'v1-form', 'p1-meeting']);
    // D3: first v1-anon .4; contact creation (P1) v1-form .4; meeting .2
    expect(att.byCampaign[0].credit).toBeCloseTo(0.4 + 0.4, 12);
    expect(att.byCampaign[1].credit).toBeCloseTo(0.4 + 0.4 / 3 + 0.4, 12);
    expect(att.noCampaign.credit).toBeCloseTo(0.2 / 3 + 0.2, 12);
    expect(att.noInteractions.credit).toBe(1);
    expect(att.conversions.map((c) => c.id)).toEqual(['D1', 'D2', 'D3']);
  });
  it('lost and open deals are deal-create conversions but never revenue', () => {
    expect(conversionsOf(a, 'deal create').map((c) => c.id)).toEqual(['D1', 'D2', 'D3']);
    expect(conversionsOf(a, 'revenue').map((c) => [c.id, c.value])).toEqual([['D1', 1000]]);
  });
  it('lookback keeps only interactions within N days before the conversion', () => {
    const b = analysed(workbook(base), { lookbackDays: 7 });
    const c = conversionsOf(b, 'revenue')[0];
    // Close 25 March: from 18 March on.
    expect(Array.from(c.path, (p) => b.model.interactions[p].id)).toEqual(['p1-late']);
    expect(c.contactCreation).toBe(-1);
  });
  it('time decay halves the weight every half-life', () => {
    const att = attribute(a, 'contact create', 'Time decay', allData(a.zone, a.now));
    // P2: p2-a 4 days + 10 h before creation, p2-b at creation; both Two.
    expect(att.byCampaign[1].credit).toBeGreaterThan(1);
    const b = analysed(workbook(base), { halfLifeDays: 1 });
    const p1 = attribute(b, 'contact create', 'Time decay', allData(b.zone, b.now));
    // P1: v1-anon (One) is 13 days 10 h old: weight 2^-13.4167; v1-form (Two) weight 1.
    const w = Math.pow(2, -(13 + 10 / 24));
    expect(p1.byCampaign[0].credit).toBeCloseTo(w / (1 + w), 12);
  });
});

describe('ranges are whole days in the workbook time zone', () => {
  const raw = workbook({
    Campaigns: campaigns,
    Contacts: [{ 'Contact ID': 'P1', 'Created at': '2026-02-01T00:00:00Z' }],
    Interactions: [touch('2026-02-01T00:00:00Z', { 'Contact ID': 'P1' }, 'form submission', { 'UTM campaign': 'one' })],
    Deals: [{ 'Deal ID': 'D1', 'Contact IDs': 'P1', 'Created at': '2026-03-01T07:30:00Z', Stage: 'won', 'Closed at': '2026-04-01T06:00:00Z', Amount: 500 }],
  });
  it('selects deals by creation and revenue by close date, local days', () => {
    for (const [tz, dealCreate, revenue] of [['America/Los_Angeles', 0, 500], ['UTC', 1, 0]] as const) {
      const a = analysed(raw, { timeZone: tz });
      // In Los Angeles the deal was created on 28 Feb at 23:30 and closed on 31 March at 23:00.
      const march = dayRange(parseDay('2026-03-01', a.zone), parseDay('2026-03-31', a.zone), a.zone);
      expect(attribute(a, 'deal create', 'Linear', march).byCampaign[0].credit, tz).toBe(dealCreate);
      expect(attribute(a, 'revenue', 'Linear', march).byCampaign[0].credit, tz).toBe(revenue);
      expect(runFormula(liveData(a), 'CAMPAIGN_ATTRIBUTION', ['One', 'revenue', 'linear', '2026-03-01', '2026-03-31']), tz).toBe(revenue);
    }
  });
  it('a range never cuts a path', () => {
    const a = analysed(raw);
    const april = dayRange(parseDay('2026-04-01', a.zone), parseDay('2026-04-30', a.zone), a.zone);
    expect(attribute(a, 'revenue', 'First interaction', april).byCampaign[0].credit).toBe(500);
  });
});

describe('sessions', () => {
  const raw = workbook({
    Campaigns: campaigns,
    Contacts: [{ 'Contact ID': 'P1', 'Created at': '2026-01-01', 'Visitor IDs': 'V1' }],
    Interactions: [
      touch('2026-03-01T10:00:00Z', { 'Visitor ID': 'V1', 'Session ID': 'S1' }, 'page view', { 'UTM campaign': 'one' }),
      touch('2026-03-01T12:00:00Z', { 'Visitor ID': 'V1', 'Session ID': 'S1' }, 'page view', { 'UTM campaign': 'one' }),
      touch('2026-03-02T10:00:00Z', { 'Visitor ID': 'V2' }, 'page view', { 'UTM campaign': 'one' }),
      touch('2026-03-02T10:30:00Z', { 'Visitor ID': 'V2' }, 'page view', { 'UTM campaign': 'one' }),
      touch('2026-03-02T11:00:01Z', { 'Visitor ID': 'V2' }, 'page view', { 'UTM campaign': 'one' }),
      touch('2026-03-02T11:05:00Z', { 'Visitor ID': 'V2' }, 'form submission', { 'UTM campaign': 'one' }),
      touch('2026-03-03T10:00:00Z', { 'Contact ID': 'P9' }, 'page view', { 'UTM campaign': 'two' }),
    ],
  });
  const a = analysed(raw);
  it('uses Session IDs when given, else splits a visitor\'s page views after more than 30 minutes', () => {
    const all = allData(a.zone, a.now);
    // V1: one session (S1) despite 2 h; V2: 10:00 and 10:30 together, 11:00:01 new.
    expect(metricValue(a, 0, 'sessions', all)).toBe(3);
    expect(metricValue(a, 0, 'views', all)).toBe(5);
    // V1's S1 and V2's first session are new visitor sessions; V2's second is not.
    expect(metricValue(a, 0, 'new visitor sessions', all)).toBe(2);
    // A contact ID without a visitor ID sessionizes by the contact.
    expect(metricValue(a, 1, 'sessions', all)).toBe(1);
  });
  it('reports an interaction with an unknown contact, counted as anonymous', () => {
    expect(a.model.workbook.check.findings).toContainEqual(expect.objectContaining({ severity: 'warning', value: 'P9', column: 'Contact ID' }));
  });
});

describe('influenced and new contacts', () => {
  const raw = workbook({
    Campaigns: campaigns,
    Contacts: [
      { 'Contact ID': 'P1', 'Created at': '2026-01-10' },
      { 'Contact ID': 'P2', 'Created at': '2026-03-10' },
    ],
    Interactions: [
      touch('2026-01-05', { 'Contact ID': 'P1' }, 'email open', { 'UTM campaign': 'one' }),
      touch('2026-03-05', { 'Contact ID': 'P1' }, 'page view', { 'UTM campaign': 'one' }),
      touch('2026-03-06', { 'Contact ID': 'P2' }, 'list membership', { 'UTM campaign': 'one' }),
      touch('2026-03-07', { 'Contact ID': 'P2' }, 'page view', { 'UTM campaign': 'two' }),
    ],
  });
  const a = analysed(raw);
  const march = dayRange(parseDay('2026-03-01', a.zone), parseDay('2026-03-31', a.zone), a.zone);
  it('counts only contacts whose first interaction with the campaign, of any type, is in the range', () => {
    expect(metricValue(a, 0, 'influenced contacts', march)).toBe(1); // P2 via a list membership; P1 first touched in January
    expect(metricValue(a, 0, 'influenced contacts', allData(a.zone, a.now))).toBe(2);
  });
  it('new contacts use eligible interactions only', () => {
    expect(metricValue(a, 0, 'new contacts', march, 'first touch')).toBe(0);
    expect(metricValue(a, 1, 'new contacts', march, 'first touch')).toBe(1);
  });
});

describe('equal timestamps keep row order', () => {
  const make = (first: string, second: string) => workbook({
    Campaigns: campaigns,
    Contacts: [{ 'Contact ID': 'P1', 'Created at': '2026-03-01T10:00:00Z' }],
    Interactions: [
      touch('2026-03-01T10:00:00Z', { 'Contact ID': 'P1' }, 'form submission', { 'UTM campaign': first }),
      touch('2026-03-01T10:00:00Z', { 'Contact ID': 'P1' }, 'page view', { 'UTM campaign': second }),
    ],
  });
  it('the earlier row is first, the later row last', () => {
    for (const [first, second] of [['one', 'two'], ['two', 'one']]) {
      const a = analysed(make(first, second));
      const all = allData(a.zone, a.now);
      const firstIdx = first === 'one' ? 0 : 1;
      expect(attribute(a, 'contact create', 'First interaction', all).byCampaign[firstIdx].credit).toBe(1);
      expect(attribute(a, 'contact create', 'Last interaction', all).byCampaign[1 - firstIdx].credit).toBe(1);
    }
  });
});

/**
 * @fileoverview Sources judged per session (attribution-semantics §2): a session's source is its
 * first page view's category; every interaction inside it takes that source; one outside every
 * session keeps its own. Checked in the model, the Traffic tab and the drill-downs, by hand.
 */
import { describe, expect, it } from 'vitest';
import { analysed, workbook } from '../helpers/workbooks';
import { SOURCE_CATEGORIES } from '../../src/engine/workbook/types';
import { buildReports } from '../../src/engine/reports/all-reports';
import { resolveQuery } from '../../src/engine/reports/query';
import { runFormula } from '../../src/engine/formulas/formulas';
import type { RawCell } from '../../src/engine/workbook/raw';

type Row = Record<string, RawCell>;
const at = (hm: string, day = '2026-03-02') => `${day}T${hm}:00Z`;
const PAID = 'https://example.com/lp?utm_campaign=one&utm_source=google&utm_medium=cpc';

// V1 is the visitor who becomes P1. Session 1 of V1 starts 10:00 from a Google ad (Paid search)
// and goes on with direct page views at 10:05 and 10:20: the session ends at 10:20 + 30 min.
const interactions: Row[] = [
  { 'Interaction ID': 'ad-view', Timestamp: at('10:00'), 'Visitor ID': 'V1', Type: 'page view', URL: PAID },
  { 'Interaction ID': 'direct-1', Timestamp: at('10:05'), 'Visitor ID': 'V1', Type: 'page view', URL: 'https://example.com/pricing' },
  // Logged with the contact ID only: the same person (P1 lists V1), inside the session.
  { 'Interaction ID': 'form', Timestamp: at('10:10'), 'Contact ID': 'P1', Type: 'form submission' },
  { 'Interaction ID': 'direct-2', Timestamp: at('10:20'), 'Visitor ID': 'V1', Type: 'page view', URL: 'https://example.com/demo' },
  // 10:50 is exactly 30 minutes after the last page view: still inside; 10:51 is outside.
  { 'Interaction ID': 'cta-edge', Timestamp: at('10:50'), 'Visitor ID': 'V1', Type: 'cta click' },
  { 'Interaction ID': 'click-after', Timestamp: at('10:51'), 'Contact ID': 'P1', Type: 'email click' },
  // The next day: an offline meeting outside every session, and a tagged email click outside too.
  { 'Interaction ID': 'meeting', Timestamp: at('09:00', '2026-03-03'), 'Contact ID': 'P1', Type: 'meeting' },
  { 'Interaction ID': 'email-click', Timestamp: at('09:05', '2026-03-03'), 'Contact ID': 'P1', Type: 'email click', URL: 'https://example.com/?utm_medium=email&utm_campaign=one' },
  // V2: a Google search visit, then within the session a page view tagged as email (stays Organic
  // search); two hours later a new, direct session.
  { 'Interaction ID': 'v2-search', Timestamp: at('12:00'), 'Visitor ID': 'V2', Type: 'page view', URL: 'https://example.com/', Referrer: 'https://www.google.com/' },
  { 'Interaction ID': 'v2-tagged', Timestamp: at('12:10'), 'Visitor ID': 'V2', Type: 'page view', URL: 'https://example.com/lp?utm_campaign=one&utm_medium=email&utm_source=newsletter' },
  { 'Interaction ID': 'v2-later', Timestamp: at('14:10'), 'Visitor ID': 'V2', Type: 'page view', URL: 'https://example.com/' },
  // V3: a session by Session ID spanning 50 minutes, from Facebook.
  { 'Interaction ID': 'v3-social', Timestamp: at('15:00'), 'Visitor ID': 'V3', Type: 'page view', URL: 'https://example.com/', Referrer: 'https://www.facebook.com/', 'Session ID': 'S9' },
  { 'Interaction ID': 'v3-late', Timestamp: at('15:50'), 'Visitor ID': 'V3', Type: 'page view', URL: 'https://example.com/pricing', 'Session ID': 'S9' },
];

const raw = workbook({
  Campaigns: [{ 'Campaign ID': 'C1', Name: 'One', 'UTM campaign': 'one' }],
  Contacts: [{ 'Contact ID': 'P1', 'Created at': at('10:10'), 'Visitor IDs': 'V1' }],
  Deals: [{ 'Deal ID': 'D1', Name: 'Deal one', 'Contact IDs': 'P1', 'Created at': at('09:30', '2026-03-03'), Stage: 'closed won', 'Closed at': '2026-03-10', Amount: 900 }],
  Interactions: interactions,
});

describe('sources judged per session', () => {
  const a = analysed(raw);
  const source = (id: string) => SOURCE_CATEGORIES[a.model.sourceOf[a.model.interactions.findIndex((i) => i.id === id)]];

  it('gives page views of a session the source of its first page view', () => {
    expect(source('ad-view')).toBe('Paid search');
    expect(source('direct-1')).toBe('Paid search');
    expect(source('direct-2')).toBe('Paid search');
    expect(source('v2-search')).toBe('Organic search');
    expect(source('v2-tagged')).toBe('Organic search');
    expect(source('v2-later')).toBe('Direct traffic');
    expect(source('v3-social')).toBe('Organic social');
    expect(source('v3-late')).toBe('Organic social');
  });

  it('gives other interactions inside a session (up to 30 minutes after its last page view) its source', () => {
    expect(source('form')).toBe('Paid search');
    expect(source('cta-edge')).toBe('Paid search');
  });

  it('judges interactions outside every session by their own signals', () => {
    expect(source('click-after')).toBe('Offline sources');
    expect(source('meeting')).toBe('Offline sources');
    expect(source('email-click')).toBe('Email marketing');
  });

  it('buckets the Traffic tab by session source', () => {
    const [traffic] = buildReports(a, resolveQuery(a, { campaign: 'C1' }), ['traffic']);
    const bySource = Object.fromEntries(traffic.blocks[0].rows.map((r) => [r[0], r[1]]));
    // Tagged page views: ad-view (Paid search session) and v2-tagged (Organic search session).
    expect(bySource['Paid search']).toBe(1);
    expect(bySource['Organic search']).toBe(1);
    expect(bySource['Email marketing']).toBe(0);
  });

  it('shows session sources in the drill-down', () => {
    const [rev] = buildReports(a, resolveQuery(a, { campaign: 'C1' }), ['revenue-attribution']);
    const drill = rev.blocks.find((b) => b.id === 'drill-down')!;
    const [id, src] = [drill.header.indexOf('Interaction'), drill.header.indexOf('Source')];
    const bySourceOf = Object.fromEntries(drill.rows.map((r) => [r[id], r[src]]));
    // D1's path: every eligible interaction of P1 up to 10 March; with campaign One: ad-view and email-click.
    expect(bySourceOf).toEqual({ 'ad-view': 'Paid search', 'email-click': 'Email marketing' });
  });

  it('TRAFFIC_SOURCE judges one URL and referrer as the first page view of a session', () => {
    expect(runFormula(null, 'TRAFFIC_SOURCE', [PAID])).toBe('Paid search');
    expect(runFormula(null, 'TRAFFIC_SOURCE', ['https://example.com/', 'https://www.google.com/'])).toBe('Organic search');
    expect(runFormula(null, 'TRAFFIC_SOURCE', ['https://example.com/'])).toBe('Direct traffic');
  });
});

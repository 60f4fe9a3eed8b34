/**
 * @fileoverview The CS Traffic tab, whole: page views tagged with the campaign's UTM value by the
 * source of their session, and the three breakdowns (paid search by term, organic social by
 * platform, other campaigns by source / medium). On the hand-solved tiny example
 * (test/fixtures/tiny/README.md, "CS Traffic") and on an inline workbook reaching every source
 * and breakdown (derived in the comments beside it). How sessions take their source is tested in
 * ../session-sources.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { analysed, tinyWorkbook, workbook } from '../../helpers/workbooks';
import { UTC_AS_OF, blockOf, reportTab } from '../../helpers/report-tabs';
import type { RawCell } from '../../../src/engine/workbook/raw';

const COLUMNS = ['Views', 'New visitor sessions', 'Contacts (first touch)'];
const FORMATS = ['text', 'integer', 'integer', 'integer'];

/** The by-source rows in the tab's order of the nine categories; unnamed ones are zero. */
const bySource = (counts: Record<string, [number, number, number]>) =>
  ['Organic search', 'Paid search', 'Paid social', 'Organic social', 'Email marketing', 'Referrals', 'Other campaigns', 'Direct traffic', 'Offline sources']
    .map((c) => [c, ...(counts[c] ?? [0, 0, 0])]);

describe('CS Traffic on the tiny example', () => {
  const a = analysed(tinyWorkbook());

  it('Spring launch over all data: I2, in an Organic social session that is not V1\'s first', () => {
    const tab = reportTab(a, 'traffic', { campaign: 'C1' });
    expect(tab.name).toBe('CS Traffic');
    expect(tab.key).toBe('traffic');
    expect(tab.title).toBe('Traffic: Spring launch');
    expect(tab.parameters).toEqual([['Campaign', 'Spring launch'], ['Date range', 'All data'], ...UTC_AS_OF]);
    expect(tab.blocks.map((b) => [b.id, b.title, b.header, b.formats])).toEqual([
      ['by-source', 'By source', ['Source', ...COLUMNS], FORMATS],
      ['paid-search-terms', 'Paid search by term', ['UTM term', ...COLUMNS], FORMATS],
      ['organic-social-platforms', 'Organic social by platform', ['Platform', ...COLUMNS], FORMATS],
      ['other-campaigns', 'Other campaigns by source / medium', ['Source / medium', ...COLUMNS], FORMATS],
    ]);
    expect(blockOf(tab, 'by-source').note).toBe('Page views tagged utm_campaign=spring, by the source of the session they belong to (its first page view\'s). Contacts: created in the range, whose first page view carried the tag.');
    expect(blockOf(tab, 'by-source').rows).toEqual(bySource({ 'Organic social': [1, 0, 0] }));
    expect(blockOf(tab, 'paid-search-terms').rows).toEqual([]);
    expect(blockOf(tab, 'organic-social-platforms').rows).toEqual([['linkedin', 1, 0, 0]]);
    expect(blockOf(tab, 'other-campaigns').rows).toEqual([]);
    expect(tab.charts).toEqual([{
      id: 'traffic-by-source', title: 'Traffic by source: Spring launch', type: 'column', blockId: 'by-source',
      domainColumn: 0, seriesColumns: [1, 2, 3], xTitle: 'Source', yTitle: 'Count',
    }]);
  });

  it('Webinar: no page view carries its tag', () => {
    const tab = reportTab(a, 'traffic', { campaign: 'C2' });
    expect(blockOf(tab, 'by-source').note).toMatch(/^Page views tagged utm_campaign=webinar,/);
    expect(blockOf(tab, 'by-source').rows).toEqual(bySource({}));
    expect(tab.blocks.slice(1).map((b) => b.rows)).toEqual([[], [], []]);
  });
});

/*
 * Launch (utm `launch` and `Launch-2026`), Other (`other`), Untagged (no UTM value). Each visitor's
 * first session is a new visitor session. By hand, session by session (all in June but T18):
 * - V1 (P1, created 1 Jun 09:30): T1 google/cpc, term crm: Paid search, new; T2 (09:05, tagged
 *   `LAUNCH`, term pricing) is in T1's session: Paid search, term crm. T17 (10 Jun) same tags: a
 *   second session, not new. T16 is an email click: not a page view, not counted.
 * - V2: T3, tagged through the UTM campaign column (`Launch-2026`), google/cpc, no term: Paid
 *   search, (not set). V13: T18 (15 July), Paid search, crm. V15: T21 carries the Source cell
 *   `Paid search` and term brand.
 * - V3 (P3, created 3 Jun): T4 social/facebook: Organic social, platform facebook. V4: T5
 *   social/lnkd.in with Platform `LinkedIn`: the Platform cell wins: linkedin. V5: T6 medium
 *   social, no source, from instagram.com: the referrer's host.
 * - V6 (P4, created 1 May): T7 partner/banner: Other campaigns. V7: T8 the tag alone: (not set) /
 *   (not set). V8: T9 newsletter/email: Email marketing. V9: T10 facebook/paid: Paid social.
 * - V10 (P2): T11 from google, untagged, opens an Organic search session; T12, tagged as email,
 *   belongs to it. V11: T13 from a blog opens a Referrals session; T14 (partner/banner) belongs to
 *   it, so it has no breakdown. V14: T19 direct, untagged; T20 tagged, in its session.
 * - V12: T15 tagged `other` only.
 * Contacts (first touch) count contacts created in the range whose first page view is tagged: P1
 * (T1), P3 (T4), P4 (T7); not P2 (first T11, untagged) nor P5 (no page view).
 */
type Row = Record<string, RawCell>;
const LP = 'https://ex.com/lp?';
const view = (id: string, ts: string, visitor: string, query: string, extra: Row = {}): Row =>
  ({ 'Interaction ID': id, Timestamp: `2026-${ts}:00Z`, 'Visitor ID': visitor, Type: 'page view', URL: query.startsWith('https') ? query : LP + query, ...extra });
const CPC_CRM = 'utm_campaign=launch&utm_source=google&utm_medium=cpc&utm_term=crm';

const launch = workbook({
  Campaigns: [
    { 'Campaign ID': 'C1', Name: 'Launch', 'UTM campaign': 'launch; Launch-2026' },
    { 'Campaign ID': 'C2', Name: 'Other', 'UTM campaign': 'other' },
    { 'Campaign ID': 'C3', Name: 'Untagged' },
  ],
  Contacts: [
    { 'Contact ID': 'P1', 'Created at': '2026-06-01T09:30:00Z', 'Visitor IDs': 'V1' },
    { 'Contact ID': 'P2', 'Created at': '2026-06-06T10:30:00Z', 'Visitor IDs': 'V10' },
    { 'Contact ID': 'P3', 'Created at': '2026-06-03T10:30:00Z', 'Visitor IDs': 'V3' },
    { 'Contact ID': 'P4', 'Created at': '2026-05-01T00:00:00Z', 'Visitor IDs': 'V6' },
    { 'Contact ID': 'P5', 'Created at': '2026-06-02T00:00:00Z' },
  ],
  Interactions: [
    view('T1', '06-01T09:00', 'V1', CPC_CRM),
    view('T2', '06-01T09:05', 'V1', 'utm_campaign=LAUNCH&utm_term=pricing'),
    view('T3', '06-02T10:00', 'V2', 'utm_source=google&utm_medium=cpc', { 'UTM campaign': 'Launch-2026' }),
    view('T4', '06-03T10:00', 'V3', 'utm_campaign=launch&utm_medium=social&utm_source=facebook'),
    view('T5', '06-03T11:00', 'V4', 'utm_campaign=launch&utm_medium=social&utm_source=lnkd.in', { Platform: 'LinkedIn' }),
    view('T6', '06-03T12:00', 'V5', 'utm_campaign=launch&utm_medium=social', { Referrer: 'https://www.instagram.com/' }),
    view('T7', '06-04T10:00', 'V6', 'utm_campaign=launch&utm_source=partner&utm_medium=banner'),
    view('T8', '06-04T11:00', 'V7', 'utm_campaign=launch'),
    view('T9', '06-05T10:00', 'V8', 'utm_campaign=launch&utm_medium=email&utm_source=newsletter'),
    view('T10', '06-05T11:00', 'V9', 'utm_campaign=launch&utm_source=facebook&utm_medium=paid'),
    view('T11', '06-06T10:00', 'V10', 'https://ex.com/', { Referrer: 'https://www.google.com/' }),
    view('T12', '06-06T10:10', 'V10', 'utm_campaign=launch&utm_medium=email'),
    view('T13', '06-06T12:00', 'V11', 'https://ex.com/', { Referrer: 'https://blog.example.org/post' }),
    view('T14', '06-06T12:05', 'V11', 'utm_campaign=launch&utm_source=partner&utm_medium=banner'),
    view('T15', '06-07T10:00', 'V12', 'utm_campaign=other'),
    { 'Interaction ID': 'T16', Timestamp: '2026-06-08T10:00:00Z', 'Visitor ID': 'V1', Type: 'email click', URL: `${LP}utm_campaign=launch` },
    view('T17', '06-10T09:00', 'V1', CPC_CRM),
    view('T18', '07-15T10:00', 'V13', CPC_CRM),
    view('T19', '06-09T10:00', 'V14', 'https://ex.com/'),
    view('T20', '06-09T10:01', 'V14', 'utm_campaign=launch'),
    view('T21', '06-09T12:00', 'V15', 'utm_campaign=launch&utm_term=brand', { Source: 'Paid search' }),
  ],
});

describe('CS Traffic by every source and breakdown', () => {
  const a = analysed(launch);

  it('reads the workbook without findings', () => {
    expect(a.model.workbook.check.findings).toEqual([]);
  });

  it('Launch over all data', () => {
    const tab = reportTab(a, 'traffic', { campaign: 'Launch' });
    expect(blockOf(tab, 'by-source').note).toMatch(/^Page views tagged utm_campaign=launch or launch-2026,/);
    expect(blockOf(tab, 'by-source').rows).toEqual(bySource({
      'Organic search': [1, 1, 0],
      // T1, T2, T3, T17, T18, T21; new: V1's first, V2's, V13's, V15's sessions.
      'Paid search': [6, 4, 1],
      'Paid social': [1, 1, 0],
      'Organic social': [3, 3, 1],
      'Email marketing': [1, 1, 0],
      'Referrals': [1, 1, 0],
      'Other campaigns': [2, 2, 1],
      'Direct traffic': [1, 1, 0],
    }));
    // Most views first; ties by name.
    expect(blockOf(tab, 'paid-search-terms').rows).toEqual([['crm', 4, 2, 1], ['(not set)', 1, 1, 0], ['brand', 1, 1, 0]]);
    expect(blockOf(tab, 'organic-social-platforms').rows).toEqual([['facebook', 1, 1, 1], ['instagram.com', 1, 1, 0], ['linkedin', 1, 1, 0]]);
    expect(blockOf(tab, 'other-campaigns').rows).toEqual([['(not set) / (not set)', 1, 1, 0], ['partner / banner', 1, 1, 1]]);
  });

  it('June leaves out T18 (15 July) and P4 (created in May)', () => {
    const tab = reportTab(a, 'traffic', { campaign: 'C1', preset: 'custom', from: '2026-06-01', to: '2026-06-30' });
    expect(tab.parameters).toContainEqual(['Date range', '2026-06-01 to 2026-06-30']);
    expect(blockOf(tab, 'by-source').rows).toEqual(bySource({
      'Organic search': [1, 1, 0],
      'Paid search': [5, 3, 1],
      'Paid social': [1, 1, 0],
      'Organic social': [3, 3, 1],
      'Email marketing': [1, 1, 0],
      'Referrals': [1, 1, 0],
      'Other campaigns': [2, 2, 0],
      'Direct traffic': [1, 1, 0],
    }));
    expect(blockOf(tab, 'paid-search-terms').rows).toEqual([['crm', 3, 1, 1], ['(not set)', 1, 1, 0], ['brand', 1, 1, 0]]);
    expect(blockOf(tab, 'other-campaigns').rows).toEqual([['(not set) / (not set)', 1, 1, 0], ['partner / banner', 1, 1, 0]]);
  });

  it('Other: T15 alone, an Other campaigns session of its own', () => {
    const tab = reportTab(a, 'traffic', { campaign: 'C2' });
    expect(blockOf(tab, 'by-source').rows).toEqual(bySource({ 'Other campaigns': [1, 1, 0] }));
    expect(blockOf(tab, 'other-campaigns').rows).toEqual([['(not set) / (not set)', 1, 1, 0]]);
    expect(blockOf(tab, 'paid-search-terms').rows).toEqual([]);
  });

  it('a campaign without a UTM value says why its traffic is empty', () => {
    const tab = reportTab(a, 'traffic', { campaign: 'C3' });
    expect(blockOf(tab, 'by-source').note).toBe('This campaign has no UTM campaign value in the Campaigns tab, so no traffic is tagged with it.');
    expect(blockOf(tab, 'by-source').rows).toEqual(bySource({}));
    expect(tab.blocks.slice(1).map((b) => b.rows)).toEqual([[], [], []]);
  });
});

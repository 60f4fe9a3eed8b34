/**
 * @fileoverview The CS Contacts & sessions tab, whole: the daily or monthly series of new
 * contacts, influenced contacts and sessions, and its line chart. On the hand-solved tiny example
 * (test/fixtures/tiny/README.md, "CS Contacts & sessions") and on an inline workbook in New York
 * time, whose days and months are the zone's (derived in the comments beside it).
 */
import { describe, expect, it } from 'vitest';
import { analysed, tinyWorkbook, workbook } from '../../helpers/workbooks';
import { UTC_AS_OF, blockOf, reportTab } from '../../helpers/report-tabs';
import type { ReportCell } from '../../../src/engine/report-tab/report-tab';

/** The rows with something in them. */
const active = (rows: ReportCell[][]) => rows.filter((r) => r.slice(1).some((v) => v !== 0));

describe('CS Contacts & sessions on the tiny example', () => {
  const a = analysed(tinyWorkbook());

  it('Spring launch over all data, daily: 250 days from the first data to today, two of them active', () => {
    const tab = reportTab(a, 'contacts-sessions', { campaign: 'C1', frequency: 'daily' });
    expect(tab.name).toBe('CS Contacts & sessions');
    expect(tab.key).toBe('contacts-sessions');
    expect(tab.title).toBe('Contacts and sessions: Spring launch');
    expect(tab.parameters).toEqual([
      ['Campaign', 'Spring launch'], ['Date range', 'All data'], ['Contact attribution', 'first touch'], ['Frequency', 'daily'], ...UTC_AS_OF,
    ]);
    expect(tab.blocks.map((b) => b.id)).toEqual(['series']);
    const series = blockOf(tab, 'series');
    expect(series.title).toBe('By day');
    expect(series.note).toBe('A session counts on the day of its first page view with the campaign; influenced contacts on the day of their first interaction with it.');
    expect(series.header).toEqual(['Date', 'New contacts (first touch)', 'Influenced contacts', 'Sessions']);
    expect(series.formats).toEqual(['date', 'integer', 'integer', 'integer']);
    expect(series.rows).toHaveLength(250);
    expect(series.rows[0]).toEqual(['2026-02-25', 0, 0, 0]);
    expect(series.rows[249]).toEqual(['2026-11-01', 0, 0, 0]);
    expect(active(series.rows)).toEqual([['2026-03-02', 0, 1, 1], ['2026-03-10', 1, 1, 0]]);
    expect(tab.charts).toEqual([{
      id: 'contacts-sessions', title: 'Contacts and sessions: Spring launch', type: 'line', blockId: 'series',
      domainColumn: 0, seriesColumns: [1, 2, 3], xTitle: 'Date', yTitle: 'Count',
    }]);
  });

  it('last touch adds P1\'s creation on 5 March', () => {
    const series = blockOf(reportTab(a, 'contacts-sessions', { campaign: 'C1', contactAttribution: 'last touch', frequency: 'daily' }), 'series');
    expect(series.header[1]).toBe('New contacts (last touch)');
    expect(active(series.rows)).toEqual([['2026-03-02', 0, 1, 1], ['2026-03-05', 1, 0, 0], ['2026-03-10', 1, 1, 0]]);
  });

  it('monthly over all data: February to November, all of it in March', () => {
    const tab = reportTab(a, 'contacts-sessions', { campaign: 'C1', frequency: 'monthly' });
    const series = blockOf(tab, 'series');
    expect(series.title).toBe('By month');
    expect(series.header[0]).toBe('Month');
    expect(series.formats[0]).toBe('month');
    expect(series.rows).toEqual([
      ['2026-02', 0, 0, 0], ['2026-03', 1, 2, 1], ['2026-04', 0, 0, 0], ['2026-05', 0, 0, 0], ['2026-06', 0, 0, 0],
      ['2026-07', 0, 0, 0], ['2026-08', 0, 0, 0], ['2026-09', 0, 0, 0], ['2026-10', 0, 0, 0], ['2026-11', 0, 0, 0],
    ]);
    expect(tab.charts[0].xTitle).toBe('Month');
  });

  it('1 to 5 March, daily: every day of the range, first and last touch', () => {
    const first = reportTab(a, 'contacts-sessions', { campaign: 'C1', from: '2026-03-01', to: '2026-03-05' });
    expect(first.parameters).toContainEqual(['Date range', '2026-03-01 to 2026-03-05']);
    expect(blockOf(first, 'series').rows).toEqual([
      ['2026-03-01', 0, 0, 0], ['2026-03-02', 0, 1, 1], ['2026-03-03', 0, 0, 0], ['2026-03-04', 0, 0, 0], ['2026-03-05', 0, 0, 0],
    ]);
    const last = reportTab(a, 'contacts-sessions', { campaign: 'C1', from: '2026-03-01', to: '2026-03-05', contactAttribution: 'last touch' });
    expect(blockOf(last, 'series').rows[4]).toEqual(['2026-03-05', 1, 0, 0]);
  });

  it('Webinar in March: P1 and P2 influenced on 8 and 9 March, nothing else', () => {
    const series = blockOf(reportTab(a, 'contacts-sessions', { campaign: 'C2', preset: 'custom', from: '2026-03-01', to: '2026-03-31' }), 'series');
    expect(series.rows).toHaveLength(31);
    expect(active(series.rows)).toEqual([['2026-03-08', 0, 1, 0], ['2026-03-09', 0, 1, 0]]);
  });
});

/*
 * New York (EDT, UTC-4 in June); campaign Launch tagged `c`. Local times in brackets. By hand:
 * - V1 (P1): N1 03:50Z [31 May 23:50] and N2 04:10Z [1 Jun 00:10], both tagged, 20 minutes apart:
 *   one new session, counted on 31 May, the day of its first page view with the campaign.
 * - V2: N3 [1 Jun 23:50] untagged opens a session; N4 [2 Jun 00:05] tagged, in it: the session
 *   counts on 2 June.
 * - V3 (P3): N7 [4 Jun 07:00] tagged: a session on 4 June.
 * - P1 created 2 Jun 02:00Z [1 Jun 22:00]: first touch N1, last touch N2: Launch both ways;
 *   influenced by N1 on 31 May.
 * - P2 created [3 Jun 08:00]: first and last touch the meeting N5: not Launch; influenced by the
 *   tagged email click N8 on 5 June.
 * - P3 created [4 Jun 08:00]: first touch the meeting N6: not Launch; last touch N7: Launch;
 *   influenced by N7 on 4 June.
 * All data ends today in New York: NOW (1 Nov 00:00Z) is 31 Oct 20:00 there, so months run from
 * May (31 May, the first data) to October.
 */
const newYork = workbook({
  Campaigns: [{ 'Campaign ID': 'C1', Name: 'Launch', 'UTM campaign': 'c' }],
  Contacts: [
    { 'Contact ID': 'P1', 'Created at': '2026-06-02T02:00:00Z', 'Visitor IDs': 'V1' },
    { 'Contact ID': 'P2', 'Created at': '2026-06-03T12:00:00Z' },
    { 'Contact ID': 'P3', 'Created at': '2026-06-04T12:00:00Z', 'Visitor IDs': 'V3' },
  ],
  Interactions: [
    { 'Interaction ID': 'N1', Timestamp: '2026-06-01T03:50:00Z', 'Visitor ID': 'V1', Type: 'page view', URL: 'https://ex.com/?utm_campaign=c' },
    { 'Interaction ID': 'N2', Timestamp: '2026-06-01T04:10:00Z', 'Visitor ID': 'V1', Type: 'page view', URL: 'https://ex.com/?utm_campaign=c' },
    { 'Interaction ID': 'N3', Timestamp: '2026-06-02T03:50:00Z', 'Visitor ID': 'V2', Type: 'page view', URL: 'https://ex.com/' },
    { 'Interaction ID': 'N4', Timestamp: '2026-06-02T04:05:00Z', 'Visitor ID': 'V2', Type: 'page view', URL: 'https://ex.com/?utm_campaign=c' },
    { 'Interaction ID': 'N5', Timestamp: '2026-06-03T10:00:00Z', 'Contact ID': 'P2', Type: 'meeting' },
    { 'Interaction ID': 'N6', Timestamp: '2026-06-04T09:00:00Z', 'Contact ID': 'P3', Type: 'meeting' },
    { 'Interaction ID': 'N7', Timestamp: '2026-06-04T11:00:00Z', 'Visitor ID': 'V3', Type: 'page view', URL: 'https://ex.com/?utm_campaign=c' },
    { 'Interaction ID': 'N8', Timestamp: '2026-06-05T12:00:00Z', 'Contact ID': 'P2', Type: 'email click', URL: 'https://ex.com/?utm_campaign=c' },
  ],
});

describe('CS Contacts & sessions in the workbook\'s time zone', () => {
  const a = analysed(newYork, { timeZone: 'America/New_York' });

  it('daily, 31 May to 5 June: each count on its local day', () => {
    const first = reportTab(a, 'contacts-sessions', { from: '2026-05-31', to: '2026-06-05' });
    expect(blockOf(first, 'series').rows).toEqual([
      ['2026-05-31', 0, 1, 1],
      ['2026-06-01', 1, 0, 0],
      ['2026-06-02', 0, 0, 1],
      ['2026-06-03', 0, 0, 0],
      ['2026-06-04', 0, 1, 1],
      ['2026-06-05', 0, 1, 0],
    ]);
    const last = reportTab(a, 'contacts-sessions', { from: '2026-05-31', to: '2026-06-05', contactAttribution: 'last touch' });
    expect(blockOf(last, 'series').rows.map((r) => r[1])).toEqual([0, 1, 0, 0, 1, 0]);
  });

  it('a session counts once, on the day of its first page view with the campaign, even when the range starts after it', () => {
    // V1's session continues with N2 on 1 June, but it counted on 31 May.
    expect(blockOf(reportTab(a, 'contacts-sessions', { from: '2026-06-01', to: '2026-06-02' }), 'series').rows)
      .toEqual([['2026-06-01', 1, 0, 0], ['2026-06-02', 0, 0, 1]]);
  });

  it('monthly over all data: May to October in New York', () => {
    const tab = reportTab(a, 'contacts-sessions', { frequency: 'monthly' });
    expect(tab.parameters).toEqual([
      ['Campaign', 'Launch'], ['Date range', 'All data'], ['Contact attribution', 'first touch'], ['Frequency', 'monthly'],
      ['Time zone', 'America/New_York'], ['Data as of', '2026-10-31 20:00'],
    ]);
    expect(blockOf(tab, 'series').rows).toEqual([
      ['2026-05', 0, 1, 1], ['2026-06', 1, 2, 2], ['2026-07', 0, 0, 0], ['2026-08', 0, 0, 0], ['2026-09', 0, 0, 0], ['2026-10', 0, 0, 0],
    ]);
  });
});

/**
 * @fileoverview The CS Assets tab, whole: the overview by type, one block per asset type with its
 * own measures, one chart per count measure where a type has two assets or more (none here: one
 * of each), and each asset's series and contacts. On the
 * hand-solved tiny example (test/fixtures/tiny/README.md, "CS Assets") and on an inline workbook
 * with the asset types the tiny example lacks (derived in the comments beside it). Emails with
 * recorded deliveries, forms, CTAs, ads and landing-page submissions are counted in
 * ../asset-kpis.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { analysed, tinyWorkbook, workbook } from '../../helpers/workbooks';
import { UTC_AS_OF, blockOf, reportTab } from '../../helpers/report-tabs';
import type { ReportTab } from '../../../src/engine/report-tab/report-tab';
import type { RawCell } from '../../../src/engine/workbook/raw';

const ids = (tab: ReportTab) => tab.blocks.map((b) => b.id);

describe('CS Assets on the tiny example', () => {
  const a = analysed(tinyWorkbook());

  it('Spring launch over all data: the landing page and the form, over their whole history', () => {
    const tab = reportTab(a, 'assets', { campaign: 'C1', frequency: 'daily' });
    expect(tab.name).toBe('CS Assets');
    expect(tab.key).toBe('assets');
    expect(tab.title).toBe('Assets: Spring launch');
    expect(tab.parameters).toEqual([['Campaign', 'Spring launch'], ['Date range', 'All data'], ['Frequency', 'daily'], ...UTC_AS_OF]);
    expect(ids(tab)).toEqual(['by-type', 'type-landing-page', 'type-form', 'asset-1-series', 'asset-1-contacts', 'asset-3-series', 'asset-3-contacts']);

    const byType = blockOf(tab, 'by-type');
    expect(byType.header).toEqual(['Type', 'Assets', 'Interactions', 'Contacts']);
    expect(byType.formats).toEqual(['text', 'integer', 'integer', 'integer']);
    expect(byType.rows).toEqual([['landing page', 1, 2, 1], ['form', 1, 2, 2]]);

    const pages = blockOf(tab, 'type-landing-page');
    expect(pages.title).toBe('Landing pages');
    expect(pages.header).toEqual(['Asset', 'Asset ID', 'Views', 'Sessions', 'Submissions', 'New contacts', 'Submission rate']);
    expect(pages.formats).toEqual(['text', 'text', 'integer', 'integer', 'integer', 'integer', 'percent']);
    // I1 counts although it came before A1 joined the campaign: asset reports show the whole history.
    expect(pages.rows).toEqual([['Spring landing page', 'A1', 2, 2, 0, 0, 0]]);

    const forms = blockOf(tab, 'type-form');
    expect(forms.title).toBe('Forms');
    expect(forms.header).toEqual(['Asset', 'Asset ID', 'Views', 'Submissions', 'Conversion rate']);
    expect(forms.rows).toEqual([['Spring signup form', 'A3', 0, 2, null]]);

    expect(blockOf(tab, 'asset-1-series')).toEqual({
      id: 'asset-1-series', title: 'Spring landing page (landing page, A1): by day, when active',
      note: '2 interactions from 2026-02-25 to 2026-03-02.', header: ['Date', 'Views'], formats: ['date', 'integer'],
      rows: [['2026-02-25', 1], ['2026-03-02', 1]],
    });
    expect(blockOf(tab, 'asset-1-contacts')).toEqual({
      id: 'asset-1-contacts', title: 'Spring landing page: contacts (1)', note: undefined,
      header: ['Contact ID', 'First interaction', 'Last interaction', 'Interactions'], formats: ['text', 'datetime', 'datetime', 'integer'],
      rows: [['P1', '2026-02-25 09:00', '2026-03-02 09:00', 2]],
    });
    const formSeries = blockOf(tab, 'asset-3-series');
    expect(formSeries.header).toEqual(['Date', 'Views', 'Submissions']);
    expect(formSeries.rows).toEqual([['2026-03-05', 0, 1], ['2026-03-10', 0, 1]]);
    expect(blockOf(tab, 'asset-3-contacts').rows).toEqual([['P1', '2026-03-05 10:00', '2026-03-05 10:00', 1], ['P2', '2026-03-10 09:00', '2026-03-10 09:00', 1]]);

    expect(tab.charts).toEqual([
      { id: 'interactions-by-type', title: 'Interactions by asset type: Spring launch', type: 'bar', blockId: 'by-type', domainColumn: 0, seriesColumns: [2], xTitle: 'Asset type', yTitle: 'Interactions' },
      { id: 'contacts-by-type', title: 'Contacts by asset type: Spring launch', type: 'bar', blockId: 'by-type', domainColumn: 0, seriesColumns: [3], xTitle: 'Asset type', yTitle: 'Contacts' },
    ]);
  });

  it('monthly, the landing page\'s views fall in February and March', () => {
    const tab = reportTab(a, 'assets', { campaign: 'C1', frequency: 'monthly' });
    expect(tab.parameters).toContainEqual(['Frequency', 'monthly']);
    const series = blockOf(tab, 'asset-1-series');
    expect(series.title).toBe('Spring landing page (landing page, A1): by month, when active');
    expect(series.header).toEqual(['Month', 'Views']);
    expect(series.formats).toEqual(['month', 'integer']);
    expect(series.rows).toEqual([['2026-02', 1], ['2026-03', 1]]);
  });

  it('a range: March keeps I2 of the landing page; February leaves the form with nothing', () => {
    const march = reportTab(a, 'assets', { campaign: 'C1', from: '2026-03-01', to: '2026-03-31' });
    expect(blockOf(march, 'type-landing-page').rows).toEqual([['Spring landing page', 'A1', 1, 1, 0, 0, 0]]);
    expect(blockOf(march, 'asset-1-series').rows).toEqual([['2026-03-02', 1]]);
    const february = reportTab(a, 'assets', { campaign: 'C1', from: '2026-02-01', to: '2026-02-28' });
    expect(blockOf(february, 'by-type').rows).toEqual([['landing page', 1, 1, 1], ['form', 1, 0, 0]]);
    expect(blockOf(february, 'type-form').rows).toEqual([['Spring signup form', 'A3', 0, 0, null]]);
    expect(blockOf(february, 'asset-3-series')).toEqual({ id: 'asset-3-series', title: 'Spring signup form: no interactions in the range', header: ['Asset ID'], formats: ['text'], rows: [['A3']] });
    expect(ids(february)).not.toContain('asset-3-contacts');
  });

  it('Webinar: the invitation, opened by P2 and clicked by P1, with no sends recorded', () => {
    const tab = reportTab(a, 'assets', { campaign: 'C2', frequency: 'daily' });
    expect(ids(tab)).toEqual(['by-type', 'type-marketing-email', 'asset-2-series', 'asset-2-contacts']);
    expect(blockOf(tab, 'by-type').rows).toEqual([['marketing email', 1, 2, 2]]);
    const emails = blockOf(tab, 'type-marketing-email');
    expect(emails.title).toBe('Marketing emails');
    expect(emails.note).toMatch(/^Opened and Clicked count people once/);
    expect(emails.header).toEqual(['Asset', 'Asset ID', 'Sent', 'Delivered', 'Bounced', 'Opened', 'Clicked', 'Open rate', 'Click rate', 'Click-through rate']);
    expect(emails.rows).toEqual([['Webinar invitation', 'A2', 0, 0, 0, 1, 1, null, null, 1]]);
    expect(blockOf(tab, 'asset-2-series').rows).toEqual([['2026-03-08', 0, 0, 0, 0, 1], ['2026-03-09', 0, 0, 0, 1, 0]]);
    expect(blockOf(tab, 'asset-2-contacts').rows).toEqual([['P1', '2026-03-08 12:00', '2026-03-08 12:00', 1], ['P2', '2026-03-09 12:00', '2026-03-09 12:00', 1]]);
    // One type, one asset: every chart would be one bar, so the tab has its tables and no chart.
    expect(tab.charts).toEqual([]);
  });
});

/*
 * Summer (C1) and Autumn (C2); P1 to P5 created 1 June; everything in July 2026. By hand:
 * - W1 (website page, in both campaigns): V1 views it twice ten minutes apart through its URL
 *   (trailing slash, query string and the host's case do not matter): one session; P1 views it
 *   by Asset ID the next day: a second session. 3 views, 2 sessions, 1 contact (V1 is anonymous).
 * - B1 (blog post, no name: shown by its ID): P2 once: 1 view, 1 session, 1 contact.
 * - E1 (email): sent to P1..P5, bounced for P4 and P5, no deliveries recorded: delivered 5 - 2 = 3.
 *   Opens: P1 twice, P2, P3: 3 people, open rate 3 / 3. Clicks: P1: click rate 1 / 3, click-through
 *   1 / 3. 12 interactions, 5 contacts.
 * - S1 (social post): clicks by P1 (twice) and the anonymous V2: 3 clicks, 1 contact.
 * - M1 (event): P1 attends twice, P2 once: 2 attendees (people), 3 interactions.
 * - L1 (static list): P1, P2, P3: 3 members. F1 (workflow): P1 and the anonymous V3: 1 enrolment.
 * - O1 (other): P1 and P2: 2 interactions, 2 contacts.
 * - X1 (video) belongs to Autumn only; N1 (document) to no campaign: neither is Summer's.
 * Asset indexes follow the Assets tab's rows (W1's second row joins the first): W1 1, B1 2,
 * E1 3, S1 4, M1 5, L1 6, F1 7, O1 8, X1 9, N1 10.
 */
type Row = Record<string, RawCell>;
const at = (day: string, hm = '10:00') => `2026-07-${day}T${hm}:00Z`;
const who = (id: string): Row => (id.startsWith('P') ? { 'Contact ID': id } : { 'Visitor ID': id });
const touches = (type: string, asset: string, list: [string, string][], extra: Row = {}): Row[] =>
  list.map(([person, ts]) => ({ Timestamp: ts, Type: type, 'Asset ID': asset, ...who(person), ...extra }));

const summer = workbook({
  Campaigns: [{ 'Campaign ID': 'C1', Name: 'Summer' }, { 'Campaign ID': 'C2', Name: 'Autumn' }],
  Assets: [
    { 'Asset ID': 'W1', 'Campaign ID': 'C1', Type: 'website page', Name: 'Pricing', URL: 'https://ex.com/pricing' },
    { 'Asset ID': 'W1', 'Campaign ID': 'C2', Type: 'website page', Name: 'Pricing', URL: 'https://ex.com/pricing' },
    { 'Asset ID': 'B1', 'Campaign ID': 'C1', Type: 'blog post', URL: 'https://ex.com/blog/post' },
    { 'Asset ID': 'E1', 'Campaign ID': 'C1', Type: 'marketing email', Name: 'Newsletter' },
    { 'Asset ID': 'S1', 'Campaign ID': 'C1', Type: 'social post', Name: 'Launch post' },
    { 'Asset ID': 'M1', 'Campaign ID': 'C1', Type: 'marketing event', Name: 'Webinar day' },
    { 'Asset ID': 'L1', 'Campaign ID': 'C1', Type: 'static list', Name: 'VIP list' },
    { 'Asset ID': 'F1', 'Campaign ID': 'C1', Type: 'workflow', Name: 'Nurture' },
    { 'Asset ID': 'O1', 'Campaign ID': 'C1', Type: 'other', Name: 'Podcast' },
    { 'Asset ID': 'X1', 'Campaign ID': 'C2', Type: 'video', Name: 'Demo video', URL: 'https://ex.com/video' },
    { 'Asset ID': 'N1', Type: 'document', Name: 'Price sheet' },
  ],
  Contacts: ['P1', 'P2', 'P3', 'P4', 'P5'].map((id) => ({ 'Contact ID': id, 'Created at': '2026-06-01' })),
  Interactions: [
    { Timestamp: at('01'), 'Visitor ID': 'V1', Type: 'page view', URL: 'https://ex.com/pricing/?ref=nav' },
    { Timestamp: at('01', '10:10'), 'Visitor ID': 'V1', Type: 'page view', URL: 'https://EX.com/pricing' },
    ...touches('page view', 'W1', [['P1', at('02', '09:00')]]),
    { Timestamp: at('03', '09:00'), 'Contact ID': 'P2', Type: 'page view', URL: 'https://ex.com/blog/post' },
    ...touches('social click', 'S1', [['P1', at('04')], ['V2', at('04', '11:00')], ['P1', at('05')]]),
    ...touches('event attendance', 'M1', [['P1', at('06')], ['P2', at('06')], ['P1', at('06', '15:00')]]),
    ...touches('list membership', 'L1', [['P1', at('07')], ['P2', at('07')], ['P3', at('07')]]),
    ...touches('workflow enrollment', 'F1', [['P1', at('08')], ['V3', at('08')]]),
    ...touches('other', 'O1', [['P1', at('09')], ['P2', at('09')]]),
    ...touches('email send', 'E1', ['P1', 'P2', 'P3', 'P4', 'P5'].map((p): [string, string] => [p, at('10', '08:00')])),
    ...touches('email bounce', 'E1', [['P4', at('10', '08:01')], ['P5', at('10', '08:01')]]),
    ...touches('email open', 'E1', [['P1', at('11', '09:00')], ['P2', at('11', '09:00')], ['P1', at('11', '10:00')], ['P3', at('12', '09:00')]]),
    ...touches('email click', 'E1', [['P1', at('11', '09:05')]]),
    { Timestamp: at('12'), 'Contact ID': 'P1', Type: 'page view', URL: 'https://ex.com/video' },
    ...touches('page view', 'N1', [['P2', at('13')]]),
  ],
});

describe('CS Assets for every other asset type', () => {
  const a = analysed(summer);

  it('reads the workbook without findings', () => {
    expect(a.model.workbook.check.findings).toEqual([]);
  });

  it('Summer over all data: by type, each type\'s own measures, and charts of two bars or more', () => {
    const tab = reportTab(a, 'assets', { campaign: 'Summer' });
    expect(blockOf(tab, 'by-type').rows).toEqual([
      ['website page', 1, 3, 1], ['blog post', 1, 1, 1], ['marketing email', 1, 12, 5], ['social post', 1, 3, 1],
      ['marketing event', 1, 3, 2], ['static list', 1, 3, 3], ['workflow', 1, 2, 1], ['other', 1, 2, 2],
    ]);
    const typeBlocks = tab.blocks.filter((b) => b.id.startsWith('type-'));
    expect(typeBlocks.map((b) => [b.id, b.title, b.header.slice(2), b.rows])).toEqual([
      ['type-website-page', 'Website pages', ['Views', 'Sessions', 'Contacts'], [['Pricing', 'W1', 3, 2, 1]]],
      ['type-blog-post', 'Blog posts', ['Views', 'Sessions', 'Contacts'], [['B1', 'B1', 1, 1, 1]]],
      ['type-marketing-email', 'Marketing emails', ['Sent', 'Delivered', 'Bounced', 'Opened', 'Clicked', 'Open rate', 'Click rate', 'Click-through rate'],
        [['Newsletter', 'E1', 5, 3, 2, 3, 1, 1, 1 / 3, 1 / 3]]],
      ['type-social-post', 'Social posts', ['Clicks', 'Contacts'], [['Launch post', 'S1', 3, 1]]],
      ['type-marketing-event', 'Marketing events', ['Attendees'], [['Webinar day', 'M1', 2]]],
      ['type-static-list', 'Static lists', ['Members'], [['VIP list', 'L1', 3]]],
      ['type-workflow', 'Workflows', ['Enrollments'], [['Nurture', 'F1', 1]]],
      ['type-other', 'Others', ['Interactions', 'Contacts'], [['Podcast', 'O1', 2, 2]]],
    ]);
    expect(blockOf(tab, 'type-marketing-email').formats).toEqual(['text', 'text', 'integer', 'integer', 'integer', 'integer', 'integer', 'percent', 'percent', 'percent']);
    expect(blockOf(tab, 'type-website-page').note).toBeUndefined();

    // One asset of each type: a chart of one bar would only repeat the row, so only the overview's charts.
    expect(tab.charts.map((c) => [c.id, c.blockId, c.seriesColumns])).toEqual([['interactions-by-type', 'by-type', [2]], ['contacts-by-type', 'by-type', [3]]]);
  });

  it('each asset\'s series counts its interactions of each measured type per active day, and lists its contacts', () => {
    const tab = reportTab(a, 'assets', { campaign: 'C1', frequency: 'daily' });
    const detail = (n: number) => {
      const series = blockOf(tab, `asset-${n}-series`);
      const contacts = blockOf(tab, `asset-${n}-contacts`);
      return { title: series.title, note: series.note, header: series.header, rows: series.rows, contactsTitle: contacts.title, contacts: contacts.rows };
    };
    expect(detail(1)).toEqual({
      title: 'Pricing (website page, W1): by day, when active', note: '3 interactions from 2026-07-01 to 2026-07-02.',
      header: ['Date', 'Views'], rows: [['2026-07-01', 2], ['2026-07-02', 1]],
      contactsTitle: 'Pricing: contacts (1)', contacts: [['P1', '2026-07-02 09:00', '2026-07-02 09:00', 1]],
    });
    expect(detail(2)).toMatchObject({
      title: 'B1 (blog post, B1): by day, when active',
      header: ['Date', 'Views'], rows: [['2026-07-03', 1]],
      contactsTitle: 'B1: contacts (1)', contacts: [['P2', '2026-07-03 09:00', '2026-07-03 09:00', 1]],
    });
    // The series counts the interactions recorded per type: no email delivery is recorded, so its
    // Delivered column stays 0, while the measure above falls back to sent less bounced (3); the
    // data contract states that fallback for the measure only.
    expect(detail(3)).toEqual({
      title: 'Newsletter (marketing email, E1): by day, when active', note: '12 interactions from 2026-07-10 to 2026-07-12.',
      header: ['Date', 'Sent', 'Delivered', 'Bounced', 'Opened', 'Clicked'],
      rows: [['2026-07-10', 5, 0, 2, 0, 0], ['2026-07-11', 0, 0, 0, 3, 1], ['2026-07-12', 0, 0, 0, 1, 0]],
      contactsTitle: 'Newsletter: contacts (5)',
      contacts: [
        ['P1', '2026-07-10 08:00', '2026-07-11 10:00', 4],
        ['P2', '2026-07-10 08:00', '2026-07-11 09:00', 2],
        ['P3', '2026-07-10 08:00', '2026-07-12 09:00', 2],
        ['P4', '2026-07-10 08:00', '2026-07-10 08:01', 2],
        ['P5', '2026-07-10 08:00', '2026-07-10 08:01', 2],
      ],
    });
    expect(detail(4)).toMatchObject({ header: ['Date', 'Clicks'], rows: [['2026-07-04', 2], ['2026-07-05', 1]], contacts: [['P1', '2026-07-04 10:00', '2026-07-05 10:00', 2]] });
    expect(detail(5)).toMatchObject({
      header: ['Date', 'Attendees'], rows: [['2026-07-06', 3]],
      contacts: [['P1', '2026-07-06 10:00', '2026-07-06 15:00', 2], ['P2', '2026-07-06 10:00', '2026-07-06 10:00', 1]],
    });
    expect(detail(6)).toMatchObject({ header: ['Date', 'Members'], rows: [['2026-07-07', 3]], contactsTitle: 'VIP list: contacts (3)' });
    expect(detail(7)).toMatchObject({ header: ['Date', 'Enrollments'], rows: [['2026-07-08', 2]], contacts: [['P1', '2026-07-08 10:00', '2026-07-08 10:00', 1]] });
    // "Other" measures no one type per day: its series counts all its interactions.
    expect(detail(8)).toMatchObject({ header: ['Date', 'Interactions'], rows: [['2026-07-09', 2]], contactsTitle: 'Podcast: contacts (2)' });
    expect(ids(tab).filter((id) => id.startsWith('asset-'))).toHaveLength(16);
  });

  it('1 to 5 July: the web pages and the social post only; the rest show zeros and no interactions', () => {
    const tab = reportTab(a, 'assets', { campaign: 'C1', from: '2026-07-01', to: '2026-07-05' });
    expect(blockOf(tab, 'by-type').rows).toEqual([
      ['website page', 1, 3, 1], ['blog post', 1, 1, 1], ['marketing email', 1, 0, 0], ['social post', 1, 3, 1],
      ['marketing event', 1, 0, 0], ['static list', 1, 0, 0], ['workflow', 1, 0, 0], ['other', 1, 0, 0],
    ]);
    expect(blockOf(tab, 'type-marketing-email').rows).toEqual([['Newsletter', 'E1', 0, 0, 0, 0, 0, null, null, null]]);
    expect(blockOf(tab, 'asset-3-series')).toMatchObject({ title: 'Newsletter: no interactions in the range', rows: [['E1']] });
    expect(ids(tab)).not.toContain('asset-3-contacts');
  });

  it('Autumn: the shared page with its whole history, and the video', () => {
    const tab = reportTab(a, 'assets', { campaign: 'C2' });
    expect(blockOf(tab, 'by-type').rows).toEqual([['website page', 1, 3, 1], ['video', 1, 1, 1]]);
    expect(blockOf(tab, 'type-video')).toMatchObject({ title: 'Videos', header: ['Asset', 'Asset ID', 'Views', 'Sessions', 'Contacts'], rows: [['Demo video', 'X1', 1, 1, 1]] });
    expect(ids(tab)).toEqual(['by-type', 'type-website-page', 'type-video', 'asset-1-series', 'asset-1-contacts', 'asset-9-series', 'asset-9-contacts']);
  });
});

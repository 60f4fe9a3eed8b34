/**
 * @fileoverview The CS Overview tab, whole: its header, its three blocks and every figure, on the
 * hand-solved tiny example (derived in test/fixtures/tiny/README.md, "CS Overview") and on an
 * inline workbook with budget, spend and goals (derived in the comments beside it).
 */
import { describe, expect, it } from 'vitest';
import { analysed, tinyWorkbook, workbook } from '../../helpers/workbooks';
import { UTC_AS_OF, blockOf, money, reportTab } from '../../helpers/report-tabs';

describe('CS Overview on the tiny example', () => {
  const a = analysed(tinyWorkbook());

  it('Spring launch over all data: every block, row and goal share', () => {
    const tab = reportTab(a, 'overview', { campaign: 'C1' });
    expect(tab.name).toBe('CS Overview');
    expect(tab.key).toBe('overview');
    expect(tab.title).toBe('Overview: Spring launch');
    expect(tab.parameters).toEqual([['Campaign', 'Spring launch'], ['Date range', 'All data'], ['Contact attribution', 'first touch'], ...UTC_AS_OF]);
    expect(tab.blocks.map((b) => b.id)).toEqual(['metrics', 'money', 'return']);
    expect(tab.charts).toEqual([]);

    const metrics = blockOf(tab, 'metrics');
    expect(metrics.title).toBe('Campaign metrics');
    expect(metrics.header).toEqual(['Metric', 'Value', 'Goal', 'Share of goal']);
    expect(metrics.formats).toEqual(['text', 'integer', 'integer', 'percent']);
    expect(metrics.note).toContain('New contacts (first touch): contacts created in the range whose first eligible interaction is with the campaign.');
    expect(metrics.rows).toEqual([
      ['Sessions', 1, 100, 0.01],
      ['New contacts (first touch)', 1, 10, 0.1],
      ['Influenced contacts', 2, 20, 0.1],
      ['Views', 1, null, null],
      ['New visitor sessions', 0, null, null],
      ['Deals with revenue (last 365 days)', 1, null, null],
      ['Contacts with revenue (last 365 days)', 2, null, null],
    ]);

    const revenue = blockOf(tab, 'money');
    expect(revenue.title).toBe('Revenue and spend');
    expect(revenue.header).toEqual(['Measure', 'Amount', 'Goal', 'Share of goal']);
    expect(revenue.formats).toEqual(['text', 'currency', 'currency', 'percent']);
    expect(revenue.note).toContain('closed-won deals closed in last 365 days');
    expect(revenue.rows).toEqual([
      ['Revenue (last 365 days)', money(5000), 50000, expect.closeTo(0.1, 12)],
      ['Budget', null, null, null],
      ['Spend', null, null, null],
      ['Cost per new contact', null, null, null],
    ]);

    const ratio = blockOf(tab, 'return');
    expect(ratio.header).toEqual(['Measure', 'Ratio']);
    expect(ratio.formats).toEqual(['text', 'ratio']);
    expect(ratio.rows).toEqual([['Return on spend (revenue / spend)', null]]);
  });

  it('last touch counts P1 too: 2 new contacts, 20% of the goal', () => {
    const tab = reportTab(a, 'overview', { campaign: 'Spring launch', contactAttribution: 'last touch' });
    expect(tab.parameters).toContainEqual(['Contact attribution', 'last touch']);
    expect(blockOf(tab, 'metrics').rows[1]).toEqual(['New contacts (last touch)', 2, 10, 0.2]);
    expect(blockOf(tab, 'metrics').note).toContain('whose last eligible interaction at or before creation is with the campaign');
  });

  it('Webinar: no goals, so no shares; an open influences P2; I4 earns a sixth of D1', () => {
    const tab = reportTab(a, 'overview', { campaign: 'C2' });
    expect(tab.title).toBe('Overview: Webinar');
    expect(blockOf(tab, 'metrics').rows).toEqual([
      ['Sessions', 0, null, null],
      ['New contacts (first touch)', 0, null, null],
      ['Influenced contacts', 2, null, null],
      ['Views', 0, null, null],
      ['New visitor sessions', 0, null, null],
      ['Deals with revenue (last 365 days)', 1, null, null],
      ['Contacts with revenue (last 365 days)', 1, null, null],
    ]);
    expect(blockOf(tab, 'money').rows[0]).toEqual(['Revenue (last 365 days)', money(10000 / 6), null, null]);
    expect(blockOf(reportTab(a, 'overview', { campaign: 'C2', contactAttribution: 'last touch' }), 'metrics').rows[1])
      .toEqual(['New contacts (last touch)', 0, null, null]);
  });

  it('a range reaching past today: net-new influence, and revenue labelled with the days it covers', () => {
    const tab = reportTab(a, 'overview', { campaign: 'C1', from: '2026-03-06', to: '2026-12-31' });
    expect(tab.parameters).toContainEqual(['Date range', '2026-03-06 to 2026-12-31']);
    expect(blockOf(tab, 'metrics').rows).toEqual([
      ['Sessions', 0, 100, 0],
      ['New contacts (first touch)', 1, 10, 0.1],
      ['Influenced contacts', 1, 20, 0.05],
      ['Views', 0, null, null],
      ['New visitor sessions', 0, null, null],
      ['Deals with revenue (2026-03-06 to 2026-11-01)', 1, null, null],
      ['Contacts with revenue (2026-03-06 to 2026-11-01)', 2, null, null],
    ]);
    expect(blockOf(tab, 'money').rows[0]).toEqual(['Revenue (2026-03-06 to 2026-11-01)', money(5000), 50000, expect.closeTo(0.1, 12)]);
  });

  it('March: D1 closed in April, so no revenue', () => {
    const tab = reportTab(a, 'overview', { campaign: 'C1', from: '2026-03-01', to: '2026-03-31' });
    expect(blockOf(tab, 'metrics').rows.map((r) => r.slice(0, 2))).toEqual([
      ['Sessions', 1], ['New contacts (first touch)', 1], ['Influenced contacts', 2], ['Views', 1], ['New visitor sessions', 0],
      ['Deals with revenue (2026-03-01 to 2026-03-31)', 0], ['Contacts with revenue (2026-03-01 to 2026-03-31)', 0],
    ]);
    expect(blockOf(tab, 'money').rows[0]).toEqual(['Revenue (2026-03-01 to 2026-03-31)', 0, 50000, 0]);
  });
});

/*
 * Launch (utm `launch`): goals 4 sessions, 2 new contacts, 0 influenced, 3,000 revenue; budget
 * 1,000, spend 600. By hand:
 * - Sessions (30-minute gaps): V1 O1 + O2 (ten minutes apart) = SA, V1's first: new. V2 O4 = SB,
 *   new; V2 O7 two days later = SC, not new. V3 O5 = SD, new. With Launch (tagged): SA (O1), SB,
 *   SC, SD. O2 is untagged but in SA.
 * - First touch: P1 O1 (Launch), P2 O4 (Launch), P3 O6 (a meeting: none). Last touch (last
 *   eligible at or before creation): P1 O3 (the untagged form, 10:00): none; P2 O4: Launch.
 * - Influenced (first Launch interaction): P1 O1 on 1 May, P2 O4 on 2 May.
 * - D1 (P2, closed 10 May, 3,000): path O4, O7, both Launch: linear gives Launch all 3,000.
 */
const launch = workbook({
  Campaigns: [{
    'Campaign ID': 'C1', Name: 'Launch', 'UTM campaign': 'launch', 'Goal sessions': 4, 'Goal new contacts': 2,
    'Goal influenced contacts': 0, 'Goal revenue': 3000, Budget: 1000, Spend: 600,
  }],
  Contacts: [
    { 'Contact ID': 'P1', 'Created at': '2026-05-01T10:00:00Z', 'Visitor IDs': 'V1' },
    { 'Contact ID': 'P2', 'Created at': '2026-05-02T10:00:00Z', 'Visitor IDs': 'V2' },
    { 'Contact ID': 'P3', 'Created at': '2026-05-03T10:00:00Z' },
  ],
  Deals: [{ 'Deal ID': 'D1', Name: 'First order', 'Contact IDs': 'P2', 'Created at': '2026-05-05', Stage: 'closed won', 'Closed at': '2026-05-10', Amount: 3000 }],
  Interactions: [
    { 'Interaction ID': 'O1', Timestamp: '2026-05-01T09:00:00Z', 'Visitor ID': 'V1', Type: 'page view', URL: 'https://ex.com/?utm_campaign=launch' },
    { 'Interaction ID': 'O2', Timestamp: '2026-05-01T09:10:00Z', 'Visitor ID': 'V1', Type: 'page view', URL: 'https://ex.com/pricing' },
    { 'Interaction ID': 'O3', Timestamp: '2026-05-01T10:00:00Z', 'Contact ID': 'P1', Type: 'form submission' },
    { 'Interaction ID': 'O4', Timestamp: '2026-05-02T09:00:00Z', 'Visitor ID': 'V2', Type: 'page view', URL: 'https://ex.com/?utm_campaign=launch' },
    { 'Interaction ID': 'O5', Timestamp: '2026-05-02T12:00:00Z', 'Visitor ID': 'V3', Type: 'page view', URL: 'https://ex.com/?utm_campaign=launch' },
    { 'Interaction ID': 'O6', Timestamp: '2026-05-03T09:00:00Z', 'Contact ID': 'P3', Type: 'meeting' },
    { 'Interaction ID': 'O7', Timestamp: '2026-05-04T09:00:00Z', 'Visitor ID': 'V2', Type: 'page view', URL: 'https://ex.com/?utm_campaign=launch' },
  ],
});

describe('CS Overview with budget, spend and goals', () => {
  const a = analysed(launch);

  it('all data: shares of goal, spend against budget, cost per new contact and return on spend', () => {
    const tab = reportTab(a, 'overview');
    expect(blockOf(tab, 'metrics').rows).toEqual([
      ['Sessions', 4, 4, 1],
      ['New contacts (first touch)', 2, 2, 1],
      // A goal of 0 has no share.
      ['Influenced contacts', 2, 0, null],
      ['Views', 4, null, null],
      ['New visitor sessions', 3, null, null],
      ['Deals with revenue (last 365 days)', 1, null, null],
      ['Contacts with revenue (last 365 days)', 1, null, null],
    ]);
    // Spend 600 of the 1,000 budget; 600 / 2 new contacts = 300; 3,000 / 600 = 5.
    expect(blockOf(tab, 'money').rows).toEqual([
      ['Revenue (last 365 days)', 3000, 3000, 1],
      ['Budget', 1000, null, null],
      ['Spend', 600, 1000, 0.6],
      ['Cost per new contact', 300, null, null],
    ]);
    expect(blockOf(tab, 'return').rows).toEqual([['Return on spend (revenue / spend)', 5]]);
  });

  it('last touch: only P2, so the cost per new contact doubles', () => {
    const tab = reportTab(a, 'overview', { contactAttribution: 'last touch' });
    expect(blockOf(tab, 'metrics').rows[1]).toEqual(['New contacts (last touch)', 1, 2, 0.5]);
    expect(blockOf(tab, 'money').rows[3]).toEqual(['Cost per new contact', 600, null, null]);
  });

  it('2 to 3 May: SB and SD, P2 new and influenced, no deal closed: revenue 0, return 0', () => {
    const tab = reportTab(a, 'overview', { from: '2026-05-02', to: '2026-05-03' });
    expect(blockOf(tab, 'metrics').rows).toEqual([
      ['Sessions', 2, 4, 0.5],
      ['New contacts (first touch)', 1, 2, 0.5],
      ['Influenced contacts', 1, 0, null],
      ['Views', 2, null, null],
      ['New visitor sessions', 2, null, null],
      ['Deals with revenue (2026-05-02 to 2026-05-03)', 0, null, null],
      ['Contacts with revenue (2026-05-02 to 2026-05-03)', 0, null, null],
    ]);
    expect(blockOf(tab, 'money').rows).toEqual([
      ['Revenue (2026-05-02 to 2026-05-03)', 0, 3000, 0],
      ['Budget', 1000, null, null],
      ['Spend', 600, 1000, 0.6],
      ['Cost per new contact', 600, null, null],
    ]);
    expect(blockOf(tab, 'return').rows).toEqual([['Return on spend (revenue / spend)', 0]]);
  });

  it('4 to 10 May: SC only, nobody new or newly influenced, so no cost per new contact; D1 closes', () => {
    const tab = reportTab(a, 'overview', { from: '2026-05-04', to: '2026-05-10' });
    expect(blockOf(tab, 'metrics').rows).toEqual([
      ['Sessions', 1, 4, 0.25],
      ['New contacts (first touch)', 0, 2, 0],
      ['Influenced contacts', 0, 0, null],
      ['Views', 1, null, null],
      ['New visitor sessions', 0, null, null],
      ['Deals with revenue (2026-05-04 to 2026-05-10)', 1, null, null],
      ['Contacts with revenue (2026-05-04 to 2026-05-10)', 1, null, null],
    ]);
    expect(blockOf(tab, 'money').rows[0]).toEqual(['Revenue (2026-05-04 to 2026-05-10)', 3000, 3000, 1]);
    expect(blockOf(tab, 'money').rows[3]).toEqual(['Cost per new contact', null, null, null]);
    expect(blockOf(tab, 'return').rows).toEqual([['Return on spend (revenue / spend)', 5]]);
  });
});

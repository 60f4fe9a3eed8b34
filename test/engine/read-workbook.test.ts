/**
 * @fileoverview Every reading rule of the data contract, and a bad-input case for each: a precise
 * finding (tab, row, column, value, expectation) while the rest of the data is still used.
 */
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../src/engine/workbook/read-workbook';
import { WorkbookError, type Finding } from '../../src/engine/workbook/data-check';
import { workbook } from '../helpers/workbooks';
import type { RawWorkbook } from '../../src/engine/workbook/raw';

const base = () =>
  workbook({
    Campaigns: [{ 'Campaign ID': 'C1', Name: 'Spring', 'UTM campaign': 'spring; Spring-2025' }],
    Assets: [{ 'Asset ID': 'A1', 'Campaign ID': 'C1', Type: 'Landing Page', URL: 'https://x.com/a' }],
    Contacts: [{ 'Contact ID': 'P1', 'Created at': '2026-03-01T10:00:00Z', 'Visitor IDs': 'V1, V2' }],
    Deals: [{ 'Deal ID': 'D1', 'Contact IDs': 'P1', 'Created at': '2026-03-02', Stage: 'won', 'Closed at': '2026-03-03', Amount: '$1,234.50' }],
    Interactions: [{ Timestamp: '2026-03-01 09:30', 'Visitor ID': 'V1', Type: 'Page View', URL: 'https://x.com/a?utm_campaign=spring&utm_source=linkedin' }],
  });

const findingAt = (f: Finding[], tab: string, row: number) => f.find((x) => x.tab === tab && x.row === row);

describe('reading rules', () => {
  it('matches tab and header names ignoring case, spaces, _, - and .', () => {
    const raw: RawWorkbook = {};
    for (const [tab, rows] of Object.entries(base())) {
      raw[tab.toUpperCase()] = [rows[0].map((h) => String(h).toLowerCase().replace(/ /g, '_')), ...rows.slice(1)];
    }
    raw.CONTACTS[0][0] = 'contactId';
    raw.DEALS[0][2] = 'Contact.IDs';
    const wb = readWorkbook(raw);
    expect(wb.contacts.map((c) => c.id)).toEqual(['P1']);
    expect(wb.deals[0].contacts).toEqual([0]);
  });

  it('takes the first non-empty row as the header, ignores unknown columns and column order', () => {
    const raw = base();
    const [h, ...rows] = raw.Contacts;
    raw.Contacts = [['', '', '', ''], ['Notes', ...h.slice().reverse()], ...rows.map((r) => ['my note', ...r.slice().reverse()])];
    const wb = readWorkbook(raw);
    expect(wb.contacts[0]).toMatchObject({ id: 'P1', visitorIds: ['V1', 'V2'], row: 3 });
    expect(wb.check.findings).toEqual([]);
  });

  it('skips empty rows and keeps row numbers as the user sees them', () => {
    const raw = base();
    raw.Contacts.push(['', '', ''], ['P2', '2026-03-05', '']);
    const wb = readWorkbook(raw);
    expect(wb.contacts.map((c) => [c.id, c.row])).toEqual([['P1', 2], ['P2', 4]]);
  });

  it('a missing required tab is one error naming it and the tabs found', () => {
    const raw = base();
    delete raw.Interactions;
    expect(() => readWorkbook(raw)).toThrowError(WorkbookError);
    expect(() => readWorkbook(raw)).toThrowError(/Missing tab "Interactions"\. Tabs found: "Campaigns", "Assets", "Contacts", "Deals"/);
  });

  it('a missing required column names it and lists the headers found', () => {
    const raw = base();
    raw.Deals = raw.Deals.map((r) => r.filter((_, i) => i !== 4));
    expect(() => readWorkbook(raw)).toThrowError(/Tab "Deals" has no column "Stage" \(header row 1\)\. Headers found: "Deal ID", "Name", "Contact IDs", "Created at", "Closed at", "Amount"/);
  });

  it('interactions need a Contact ID or a Visitor ID column', () => {
    const raw = base();
    raw.Interactions = raw.Interactions.map((r) => r.filter((_, i) => i !== 2 && i !== 3));
    expect(() => readWorkbook(raw)).toThrowError(/needs a "Contact ID" or a "Visitor ID" column/);
  });

  describe('dates', () => {
    const created = (cell: unknown, timeZone = 'UTC') => {
      const raw = base();
      raw.Contacts.push(['P2', cell as string, '']);
      const wb = readWorkbook(raw, { timeZone });
      return { wb, p2: wb.contacts.find((c) => c.id === 'P2') };
    };
    it('accepts a date cell, ISO text with and without offset, and a serial number', () => {
      expect(created(new Date('2026-03-01T09:30:00Z')).p2?.createdAt).toBe(Date.UTC(2026, 2, 1, 9, 30));
      expect(created('2026-03-01').p2?.createdAt).toBe(Date.UTC(2026, 2, 1));
      expect(created('2026-03-01T09:30:00Z').p2?.createdAt).toBe(Date.UTC(2026, 2, 1, 9, 30));
      expect(created('2026-03-01T09:30:00+02:00').p2?.createdAt).toBe(Date.UTC(2026, 2, 1, 7, 30));
      expect(created('2026-03-01 09:30').p2?.createdAt).toBe(Date.UTC(2026, 2, 1, 9, 30));
      expect(created(46082.5).p2?.createdAt).toBe(Date.UTC(2026, 2, 1, 12));
    });
    it('reads dates without an offset in the workbook time zone', () => {
      expect(created('2026-03-01 09:30', 'Europe/Paris').p2?.createdAt).toBe(Date.UTC(2026, 2, 1, 8, 30));
      expect(created('2026-07-01', 'America/New_York').p2?.createdAt).toBe(Date.UTC(2026, 6, 1, 4));
      expect(created(46082.5, 'Asia/Tokyo').p2?.createdAt).toBe(Date.UTC(2026, 2, 1, 3));
    });
    it('text that is not a date skips the row, never a guess', () => {
      for (const bad of ['03/01/2026', 'yesterday', '2026-02-30', '2026-13-01']) {
        const { wb, p2 } = created(bad);
        expect(p2).toBeUndefined();
        expect(wb.contacts.map((c) => c.id)).toEqual(['P1']);
        expect(findingAt(wb.check.findings, 'Contacts', 3)).toMatchObject({
          severity: 'error', column: 'Created at', value: bad, message: expect.stringMatching(/expected a date.*the row is skipped/),
        });
      }
    });
  });

  it('numbers: number cells, 1,234.50 text and currency symbols; bad text is reported', () => {
    const raw = base();
    raw.Deals.push(['D2', '', 'P1', '2026-03-02', 'closed won', '2026-03-04', '1234.5'], ['D3', '', 'P1', '2026-03-02', 'won', '2026-03-04', 'EUR 2,000'],
      ['D4', '', 'P1', '2026-03-02', 'won', '2026-03-04', 'lots'], ['D5', '', 'P1', '2026-03-02', 'won', '2026-03-04', 99]);
    const wb = readWorkbook(raw);
    expect(wb.deals.map((d) => d.amount)).toEqual([1234.5, 1234.5, 2000, null, 99]);
    expect(findingAt(wb.check.findings, 'Deals', 5)).toMatchObject({ column: 'Amount', value: 'lots', message: expect.stringMatching(/a number such as 1,234.50.*ignored/) });
    // The deal without a readable amount still counts for deal create.
    expect(wb.deals.find((d) => d.id === 'D4')?.stage).toBe('closed won');
  });

  it('lists split on ; and , with spaces trimmed', () => {
    const raw = base();
    raw.Contacts.push(['P2', '2026-03-05', ' V3 ;V4,  V5 ']);
    raw.Deals.push(['D2', '', 'P1 , P2', '2026-03-06', 'open', '', '']);
    const wb = readWorkbook(raw);
    expect(wb.contacts[1].visitorIds).toEqual(['V3', 'V4', 'V5']);
    expect(wb.deals[1].contacts).toEqual([0, 1]);
  });

  it('IDs are text: 00123 stays 00123 and the number 123 is 123', () => {
    const raw = base();
    raw.Contacts.push(['00123', '2026-03-05', ''], [123, '2026-03-05', '']);
    raw.Interactions.push(['', '2026-03-06', 123, '', 'meeting', '', '', '', '', '', '', '', '', '', '', '']);
    const wb = readWorkbook(raw);
    expect(wb.contacts.map((c) => c.id)).toEqual(['P1', '00123', '123']);
    expect(wb.interactions[1].contactId).toBe('123');
  });

  it('enumerations match case-insensitively with aliases; unknown values skip the row', () => {
    const raw = base();
    raw.Deals.push(['D2', '', 'P1', '2026-03-02', 'ClosedLost', '2026-03-04', ''], ['D3', '', 'P1', '2026-03-02', 'Negotiation', '', '']);
    raw.Interactions.push(['', '2026-03-06', 'P1', '', 'EMAIL_CLICK', '', '', '', '', '', '', '', '', '', '', ''],
      ['', '2026-03-06', 'P1', '', 'carrier pigeon', '', '', '', '', '', '', '', '', '', '', ''],
      ['', '2026-03-06', 'P1', '', 'page view', '', '', '', '', 'PAID SOCIAL', '', '', '', '', '', '']);
    const wb = readWorkbook(raw);
    expect(wb.deals.map((d) => d.stage)).toEqual(['closed won', 'closed lost', 'open']);
    expect(wb.interactions.map((i) => i.type)).toEqual(['page view', 'email click', 'page view']);
    expect(wb.interactions[2].source).toBe('Paid social');
    expect(findingAt(wb.check.findings, 'Interactions', 4)).toMatchObject({ column: 'Type', value: 'carrier pigeon', message: expect.stringMatching(/one of page view, form submission/) });
  });

  it('a cell holding a Sheets error is unreadable', () => {
    const raw = base();
    raw.Contacts.push(['#N/A', '2026-03-05', ''], ['P3', '#REF!', '']);
    const wb = readWorkbook(raw);
    expect(wb.contacts.map((c) => c.id)).toEqual(['P1']);
    expect(findingAt(wb.check.findings, 'Contacts', 3)).toMatchObject({ column: 'Contact ID', value: '#N/A', message: expect.stringMatching(/spreadsheet error #N\/A/) });
    expect(findingAt(wb.check.findings, 'Contacts', 4)).toMatchObject({ column: 'Created at', value: '#REF!' });
  });

  it('a blank required cell skips the row and names the column', () => {
    const raw = base();
    raw.Interactions.push(['', '', 'P1', '', 'meeting', '', '', '', '', '', '', '', '', '', '', ''],
      ['', '2026-03-06', '', '', 'meeting', '', '', '', '', '', '', '', '', '', '', '']);
    const wb = readWorkbook(raw);
    expect(wb.interactions).toHaveLength(1);
    expect(findingAt(wb.check.findings, 'Interactions', 3)).toMatchObject({ column: 'Timestamp', value: '', message: expect.stringMatching(/required/) });
    expect(findingAt(wb.check.findings, 'Interactions', 4)).toMatchObject({ column: 'Contact ID', message: expect.stringMatching(/Contact ID or a Visitor ID/) });
    expect(wb.check.rowsRead.Interactions).toBe(3);
    expect(wb.check.rowsUsed.Interactions).toBe(1);
  });

  it('fills blank UTM cells from the URL and names interactions without an ID by tab and row', () => {
    const wb = readWorkbook(base());
    expect(wb.interactions[0]).toMatchObject({ id: 'Interactions!2', utm: { campaign: 'spring', source: 'linkedin', medium: '' } });
    expect(wb.campaigns[0].utm).toEqual(['spring', 'spring-2025']);
  });

  describe('warnings', () => {
    it('duplicate IDs: the first row is used', () => {
      const raw = base();
      raw.Contacts.push(['P1', '2027-01-01', '']);
      raw.Campaigns.push(['C1', 'Other', '', '', '', '', '', '', '']);
      const wb = readWorkbook(raw);
      expect(wb.contacts).toHaveLength(1);
      expect(wb.contacts[0].createdAt).toBe(Date.UTC(2026, 2, 1, 10));
      expect(findingAt(wb.check.findings, 'Contacts', 3)).toMatchObject({ severity: 'warning', column: 'Contact ID', message: expect.stringMatching(/duplicate Contact ID: row 2/) });
      expect(findingAt(wb.check.findings, 'Campaigns', 3)).toMatchObject({ severity: 'warning' });
    });
    it('a visitor ID on two contacts stays with the first', () => {
      const raw = base();
      raw.Contacts.push(['P2', '2026-03-05', 'V2; V9']);
      const wb = readWorkbook(raw);
      expect(wb.contacts[1].visitorIds).toEqual(['V9']);
      expect(findingAt(wb.check.findings, 'Contacts', 3)).toMatchObject({ severity: 'warning', value: 'V2', message: expect.stringMatching(/also listed for contact P1/) });
    });
    it('a deal with unknown contacts keeps its known ones', () => {
      const raw = base();
      raw.Deals.push(['D2', '', 'P1; P404', '2026-03-02', 'open', '', ''], ['D3', '', 'P404', '2026-03-02', 'open', '', '']);
      const wb = readWorkbook(raw);
      expect(wb.deals.map((d) => d.contacts)).toEqual([[0], [0], []]);
      expect(findingAt(wb.check.findings, 'Deals', 3)).toMatchObject({ severity: 'warning', value: 'P404' });
      expect(findingAt(wb.check.findings, 'Deals', 4)?.message).toMatch(/counts for no conversion/);
    });
    it('an interaction with an unknown asset', () => {
      const raw = base();
      raw.Interactions.push(['', '2026-03-06', 'P1', '', 'cta click', 'A404', '', '', '', '', '', '', '', '', '', '']);
      const wb = readWorkbook(raw);
      expect(wb.interactions).toHaveLength(2);
      expect(findingAt(wb.check.findings, 'Interactions', 3)).toMatchObject({ severity: 'warning', column: 'Asset ID', value: 'A404' });
    });
    it('a closed-won deal without close date or amount counts for deal create only', () => {
      const raw = base();
      raw.Deals.push(['D2', '', 'P1', '2026-03-02', 'won', '', '']);
      const wb = readWorkbook(raw);
      expect(wb.deals[1]).toMatchObject({ stage: 'closed won', closedAt: null, amount: null });
      expect(wb.check.findings.filter((f) => f.row === 3).map((f) => f.column)).toEqual(['Closed at', 'Amount']);
    });
  });
});

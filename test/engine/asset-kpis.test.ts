/**
 * @fileoverview Each asset type's own measures in the Assets tab, its charts, and each asset's
 * detail (series and contacts), on a workbook counted by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { analysed, tinyExpected, workbook } from '../helpers/workbooks';
import { SOURCE_TEMPLATES } from '../../src/engine/workbook/templates';
import { runFormula } from '../../src/engine/formulas/formulas';
import { liveData } from '../../src/engine/formulas/live-data';
import { buildReports } from '../../src/engine/reports/all-reports';
import { resolveQuery } from '../../src/engine/reports/query';
import { conversionsOf } from '../../src/engine/analysis';
import { DEFAULT_ELIGIBLE_TYPES } from '../../src/engine/settings';
import type { RawCell } from '../../src/engine/workbook/raw';

type Row = Record<string, RawCell>;
const LP = 'https://ex.com/lp';
const t = (day: number, hm = '10:00') => `2026-03-0${day}T${hm}:00Z`;
const who = (id: string): Row => (id.startsWith('P') ? { 'Contact ID': id } : { 'Visitor ID': id });
const rows = (type: string, asset: string, list: [string, string][], extra: Row = {}): Row[] =>
  list.map(([person, ts]) => ({ Timestamp: ts, Type: type, 'Asset ID': asset, ...who(person), ...extra }));

const raw = workbook({
  Campaigns: [{ 'Campaign ID': 'C1', Name: 'Spring' }],
  Assets: [
    { 'Asset ID': 'E1', 'Campaign ID': 'C1', Type: 'marketing email', Name: 'Invite' },
    { 'Asset ID': 'F1', 'Campaign ID': 'C1', Type: 'form', Name: 'Signup' },
    { 'Asset ID': 'L1', 'Campaign ID': 'C1', Type: 'landing page', Name: 'Landing', URL: LP },
    { 'Asset ID': 'B1', 'Campaign ID': 'C1', Type: 'cta', Name: 'Button' },
    { 'Asset ID': 'AD1', 'Campaign ID': 'C1', Type: 'ad', Name: 'Banner' },
    { 'Asset ID': 'B2', 'Campaign ID': 'C1', Type: 'cta', Name: 'Popup' },
  ],
  Contacts: ['P1', 'P2', 'P3', 'P4'].map((id) => ({ 'Contact ID': id, 'Created at': id === 'P1' ? t(3, '10:05') : '2026-02-01' })),
  Interactions: [
    // E1: sent to four, bounced for P4, delivered to three; P1 opens twice, P2 once; P1 clicks.
    ...rows('email send', 'E1', [['P1', t(1)], ['P2', t(1)], ['P3', t(1)], ['P4', t(1)]]),
    ...rows('email bounce', 'E1', [['P4', t(1, '10:01')]]),
    ...rows('email delivery', 'E1', [['P1', t(1, '10:01')], ['P2', t(1, '10:01')], ['P3', t(1, '10:01')]]),
    ...rows('email open', 'E1', [['P1', t(2)], ['P1', t(2, '11:00')], ['P2', t(2)]]),
    ...rows('email click', 'E1', [['P1', t(2, '11:01')]]),
    // L1: V1 views twice in one session, V2 once; three views, two sessions.
    ...rows('page view', '', [['V1', t(3, '10:00')], ['V1', t(3, '10:03')], ['V2', t(3, '12:00')]], { URL: LP }),
    // F1: four views, one submission by P1 on the landing page, which creates P1 (10:05).
    ...rows('form view', 'F1', [['V1', t(3, '10:01')], ['V2', t(3, '12:01')], ['V3', t(3, '13:00')], ['P1', t(3, '10:04')]]),
    ...rows('form submission', 'F1', [['P1', t(3, '10:05')]], { URL: `${LP}?utm_source=x` }),
    // B1: two views, one click. AD1: ten impressions, clicks by P1 and the anonymous V2.
    ...rows('cta view', 'B1', [['V1', t(3)], ['V2', t(4)]]),
    ...rows('cta click', 'B1', [['V1', t(3, '10:02')]]),
    // B2: one view by V3, no click: the second CTA, so CTAs get their charts.
    ...rows('cta view', 'B2', [['V3', t(4, '09:00')]]),
    ...rows('ad impression', 'AD1', Array.from({ length: 10 }, (_, i): [string, string] => [`X${i}`, t(4)])),
    ...rows('ad click', 'AD1', [['P1', t(4, '11:00')], ['V2', t(4, '11:00')]]),
  ],
});

describe('asset measures by type', () => {
  const a = analysed(raw);
  const [tab] = buildReports(a, resolveQuery(a, { campaign: 'C1', frequency: 'daily' }), ['assets']);
  const block = (id: string) => tab.blocks.find((b) => b.id === id)!;

  it('emails: sent, delivered, bounced, opened, clicked and rates', () => {
    const b = block('type-marketing-email');
    expect(b.header).toEqual(['Asset', 'Asset ID', 'Sent', 'Delivered', 'Bounced', 'Opened', 'Clicked', 'Open rate', 'Click rate', 'Click-through rate']);
    expect(b.rows).toEqual([['Invite', 'E1', 4, 3, 1, 2, 1, 2 / 3, 1 / 3, 1 / 2]]);
    expect(b.formats.slice(7)).toEqual(['percent', 'percent', 'percent']);
  });

  it('forms, CTAs, ads and landing pages: their own measures', () => {
    expect(block('type-form').rows).toEqual([['Signup', 'F1', 4, 1, 0.25]]);
    expect(block('type-cta').rows).toEqual([['Button', 'B1', 2, 1, 0.5], ['Popup', 'B2', 1, 0, 0]]);
    // Contacts of an ad: known contacts who clicked (P1; V2 is anonymous).
    expect(block('type-ad').rows).toEqual([['Banner', 'AD1', 10, 2, 1, 0.2]]);
    // Views 3, sessions 2, one submission on its URL, which created P1; 1 of 3 views.
    expect(block('type-landing-page').rows).toEqual([['Landing', 'L1', 3, 2, 1, 1, 1 / 3]]);
  });

  it('one chart per count measure for a type of two assets or more, and an overview by type', () => {
    // The CTAs (two) get a chart per count (views, clicks; not the rate); the types of one asset none.
    expect(tab.charts.map((c) => c.id)).toEqual(['interactions-by-type', 'contacts-by-type', 'type-cta-views', 'type-cta-clicks']);
    expect(tab.charts.find((c) => c.id === 'type-cta-clicks')).toEqual({
      id: 'type-cta-clicks', title: 'Clicks: ctas of Spring', type: 'bar', blockId: 'type-cta', domainColumn: 0, seriesColumns: [3], xTitle: 'Asset', yTitle: 'Clicks',
    });
    // Landing page first (type order), then email, ad, cta, form; interactions and contacts per type.
    expect(block('by-type').rows).toEqual([['landing page', 1, 3, 0], ['marketing email', 1, 12, 4], ['ad', 1, 12, 1], ['cta', 2, 4, 0], ['form', 1, 5, 1]]);
  });

  it('each asset\'s detail: its series over its active days and its contacts', () => {
    const series = block('asset-1-series');
    expect(series.header).toEqual(['Date', 'Sent', 'Delivered', 'Bounced', 'Opened', 'Clicked']);
    expect(series.rows).toEqual([['2026-03-01', 4, 3, 1, 0, 0], ['2026-03-02', 0, 0, 0, 3, 1]]);
    expect(block('asset-1-contacts').rows).toEqual([
      ['P1', '2026-03-01 10:00', '2026-03-02 11:01', 5],
      ['P2', '2026-03-01 10:00', '2026-03-02 10:00', 3],
      ['P3', '2026-03-01 10:00', '2026-03-01 10:01', 2],
      ['P4', '2026-03-01 10:00', '2026-03-01 10:01', 2],
    ]);
  });

  it('the new types earn no attribution credit by default', () => {
    for (const type of ['email send', 'email delivery', 'email bounce', 'cta view', 'form view', 'ad impression']) expect(DEFAULT_ELIGIBLE_TYPES).not.toContain(type);
    const p1 = conversionsOf(a, 'contact create').find((c) => c.id === 'P1')!;
    // P1's eligible interactions up to creation: the email click, the form submission (not the send, delivery, opens or form view).
    expect(Array.from(p1.path, (p) => a.model.interactions[p].type)).toEqual(['email click', 'form submission']);
  });
});

describe('the source-tab templates', () => {
  const a = analysed(SOURCE_TEMPLATES);

  it('carry the asset measures, which change no attribution', () => {
    expect(a.model.workbook.check.findings).toEqual([]);
    const [tab] = buildReports(a, resolveQuery(a, { campaign: 'C2' }), ['assets']);
    // The invitation: sent to P1 and P2, delivered to both; P2 opened (I5), P1 clicked (I4).
    expect(tab.blocks.find((b) => b.id === 'type-marketing-email')!.rows).toEqual([['Webinar invitation', 'A2', 2, 2, 0, 1, 1, 0.5, 0.5, 1]]);
    const [spring] = buildReports(a, resolveQuery(a, { campaign: 'C1' }), ['assets']);
    // The signup form: viewed by V1 and P2, submitted by both (I3, I6).
    expect(spring.blocks.find((b) => b.id === 'type-form')!.rows).toEqual([['Spring signup form', 'A3', 2, 2, 1]]);
    const expected = tinyExpected('model-comparison-revenue.csv');
    const actual = runFormula(liveData(a), 'MODEL_COMPARISON', ['revenue']) as unknown[][];
    for (let r = 1; r < expected.length; r++) for (let c = 1; c < expected[r].length; c++) expect(actual[r][c] as number).toBeCloseTo(Number(expected[r][c]), 6);
  });
});

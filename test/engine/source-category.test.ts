/**
 * @fileoverview HubSpot's source rules in their order (attribution-semantics §2), one case each,
 * through TRAFFIC_SOURCE as users call it and through the engine for non-page-views.
 */
import { describe, expect, it } from 'vitest';
import { runFormula } from '../../src/engine/formulas/formulas';
import { analysed, workbook } from '../helpers/workbooks';
import { SOURCE_CATEGORIES } from '../../src/engine/workbook/types';

const source = (url: string, referrer = '') => runFormula(null, 'TRAFFIC_SOURCE', [url, referrer]);
const page = 'https://www.example.com/pricing';

describe('source categories', () => {
  it('1. medium social from a social network or site: Organic social', () => {
    expect(source(`${page}?utm_medium=social&utm_source=linkedin`)).toBe('Organic social');
    expect(source(`${page}?utm_medium=social&utm_source=newsletter`, 'https://www.facebook.com/')).toBe('Organic social');
    // medium social from a source that is no social network falls through to Other campaigns
    expect(source(`${page}?utm_medium=social&utm_source=partner`)).toBe('Other campaigns');
  });
  it('2. adwords, ppc, cpc or a gclid: Paid search; paid on a social network or paidsocial: Paid social', () => {
    expect(source(`${page}?utm_source=google&utm_medium=cpc`)).toBe('Paid search');
    expect(source(`${page}?utm_source=adwords`)).toBe('Paid search');
    expect(source(`${page}?utm_campaign=brand-ppc`)).toBe('Paid search');
    expect(source(`${page}?gclid=abc123`)).toBe('Paid search');
    expect(source(`${page}?utm_source=facebook&utm_medium=paid`)).toBe('Paid social');
    expect(source(`${page}?utm_source=linkedin&utm_medium=cpc`)).toBe('Paid social');
    expect(source(`${page}?utm_source=partner&utm_medium=cpc`, 'https://t.co/x')).toBe('Paid social');
    expect(source(`${page}?utm_source=newsletter&utm_medium=paidsocial`)).toBe('Paid social');
  });
  it('3. any utm value containing email: Email marketing', () => {
    expect(source(`${page}?utm_medium=email&utm_source=hubspot`)).toBe('Email marketing');
    expect(source(`${page}?utm_campaign=spring-email-blast`)).toBe('Email marketing');
  });
  it('4. any other utm value: Other campaigns', () => {
    expect(source(`${page}?utm_source=partner&utm_medium=display`)).toBe('Other campaigns');
    expect(source(`${page}?utm_term=shoes`)).toBe('Other campaigns');
  });
  it('5. by referrer: social, search, mail, other site, none', () => {
    expect(source(page, 'https://www.linkedin.com/feed/')).toBe('Organic social');
    expect(source(page, 'https://www.google.com/')).toBe('Organic search');
    expect(source(page, 'google.de')).toBe('Organic search');
    expect(source(page, 'https://duckduckgo.com/?q=x')).toBe('Organic search');
    expect(source(page, 'https://mail.google.com/mail/u/0/')).toBe('Direct traffic');
    expect(source(page, 'https://outlook.live.com/')).toBe('Direct traffic');
    expect(source(page, 'https://news.ycombinator.com/item?id=1')).toBe('Referrals');
    expect(source(page, '')).toBe('Direct traffic');
  });
  it('the Source cell wins; non-page-views with no signal are Offline sources', () => {
    const a = analysed(workbook({
      Campaigns: [{ 'Campaign ID': 'C1', Name: 'One' }],
      Contacts: [{ 'Contact ID': 'P1', 'Created at': '2026-01-01' }],
      Interactions: [
        { Timestamp: '2026-01-02', 'Contact ID': 'P1', Type: 'meeting' },
        { Timestamp: '2026-01-03', 'Contact ID': 'P1', Type: 'page view', Source: 'referrals', URL: `${page}?utm_medium=email` },
        { Timestamp: '2026-01-04', 'Contact ID': 'P1', Type: 'call', Referrer: 'https://www.bing.com/' },
      ],
    }));
    expect(Array.from(a.model.sourceOf, (s) => SOURCE_CATEGORIES[s])).toEqual(['Offline sources', 'Referrals', 'Organic search']);
  });
});

/**
 * @fileoverview HubSpot's source categories by first-match rules (attribution-semantics §2): UTM
 * parameters and click IDs first, then the referrer.
 */
import type { Interaction, SourceCategory } from '../workbook/types';
import { hostOf } from '../web/url';

export const SOCIAL_NETWORKS = ['facebook', 'fb', 'instagram', 'ig', 'linkedin', 'lnkd', 'twitter', 'x', 'youtube', 'pinterest',
  'reddit', 'tiktok', 'snapchat', 'quora', 'xing', 'tumblr', 'threads', 'mastodon', 'vk', 'whatsapp', 'bluesky'];
export const SOCIAL_HOSTS = ['facebook.com', 'fb.com', 'm.facebook.com', 'l.facebook.com', 'instagram.com', 'linkedin.com', 'lnkd.in',
  'twitter.com', 't.co', 'x.com', 'youtube.com', 'youtu.be', 'pinterest.com', 'reddit.com', 'tiktok.com', 'snapchat.com',
  'quora.com', 'xing.com', 'tumblr.com', 'threads.net', 'vk.com', 'bsky.app'];
export const SEARCH_HOSTS = ['google', 'bing.com', 'yahoo.com', 'duckduckgo.com', 'baidu.com', 'yandex', 'ecosia.org', 'ask.com',
  'aol.com', 'naver.com', 'seznam.cz', 'qwant.com', 'startpage.com', 'search.brave.com', 'sogou.com'];
export const MAIL_HOSTS = ['mail.google.com', 'outlook.live.com', 'outlook.office.com', 'outlook.office365.com', 'mail.yahoo.com',
  'mail.aol.com', 'mail.proton.me', 'webmail', 'mail.', 'gmx.', 'web.de', 'icloud.com'];

const matchesHost = (host: string, list: string[]) =>
  list.some((d) => (d.endsWith('.') ? host.startsWith(d) || host.includes('.' + d) : host === d || host.endsWith('.' + d) || (!d.includes('.') && host.split('.').includes(d))));

export const isSocialSource = (utmSource: string) => {
  const s = utmSource.toLowerCase().trim();
  return s !== '' && SOCIAL_NETWORKS.some((n) => s === n || s.startsWith(n + '.') || (n.length > 2 && s.includes(n)));
};
export const isSocialSite = (host: string) => host !== '' && matchesHost(host, SOCIAL_HOSTS);
export const isSearchEngine = (host: string) => host !== '' && matchesHost(host, SEARCH_HOSTS);
export const isMailDomain = (host: string) => host !== '' && matchesHost(host, MAIL_HOSTS);

export interface SourceSignals {
  utm: { campaign: string; source: string; medium: string; term: string; content: string };
  referrer: string;
  gclid: boolean;
  isPageView: boolean;
}

/** The category from UTM parameters, click IDs and referrer, without a `Source` cell. */
export function deriveSourceCategory(s: SourceSignals): SourceCategory {
  const source = s.utm.source.toLowerCase();
  const medium = s.utm.medium.toLowerCase();
  const values = [s.utm.campaign, source, medium, s.utm.term, s.utm.content].map((v) => v.toLowerCase());
  const host = hostOf(s.referrer);
  const socialSource = isSocialSource(source) || isSocialSite(host);

  if (medium === 'social' && socialSource) return 'Organic social';
  const paidSocial = (/paid|ppc|cpc/.test(medium) && socialSource) || /paidsocial|paid_social|paid-social/.test(source + ' ' + medium);
  if (paidSocial) return 'Paid social';
  if (values.some((v) => /adword|ppc|cpc/.test(v)) || s.gclid) return 'Paid search';
  if (values.some((v) => v.includes('email'))) return 'Email marketing';
  if (values.some((v) => v !== '')) return 'Other campaigns';
  if (!host) return s.isPageView ? 'Direct traffic' : 'Offline sources';
  if (isSocialSite(host)) return 'Organic social';
  if (isMailDomain(host)) return 'Direct traffic';
  if (isSearchEngine(host)) return 'Organic search';
  return 'Referrals';
}

/** Distinct signal combinations are few next to interactions: derive each once. */
const derived = new Map<string, SourceCategory>();

export function sourceCategory(i: Interaction): SourceCategory {
  if (i.source) return i.source;
  const u = i.utm;
  const isPageView = i.type === 'page view';
  // Most touches carry no signal at all: a visit typed in, a meeting, a follow-up page view.
  if (!i.referrer && !i.gclid && !u.campaign && !u.source && !u.medium && !u.term && !u.content) {
    return isPageView ? 'Direct traffic' : 'Offline sources';
  }
  const key = `${isPageView ? 1 : 0}${i.gclid ? 1 : 0}\u0001${i.referrer}\u0001${u.campaign}\u0001${u.source}\u0001${u.medium}\u0001${u.term}\u0001${u.content}`;
  let c = derived.get(key);
  if (c === undefined) {
    c = deriveSourceCategory({ utm: u, referrer: i.referrer, gclid: i.gclid, isPageView });
    if (derived.size > 100_000) derived.clear();
    derived.set(key, c);
  }
  return c;
}

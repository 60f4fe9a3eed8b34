/**
 * @fileoverview Client-side checks that mirror the server's, so most mistakes are shown beside
 * the field before a round trip; the server checks again and its message wins.
 */
import type { SidebarQuery, TrackingUrlRequest } from '../shared/sidebar-api';

/** The same shape the server's tracking URL builder accepts: http(s), a host with a dot. */
const WEB_URL = /^https?:\/\/[^\s/?#.]+\.[^\s/?#]+([/?#][^\s]*)?$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export function trackingErrors(req: TrackingUrlRequest): FieldErrors<'url' | 'campaign' | 'source' | 'medium'> {
  const errors: FieldErrors<'url' | 'campaign' | 'source' | 'medium'> = {};
  const url = req.url.trim();
  if (!url) errors.url = 'Enter the page URL the link should open.';
  else if (!WEB_URL.test(url)) errors.url = 'Enter a full web address starting with http:// or https://, such as https://www.example.com/page.';
  if (!req.campaign.trim()) errors.campaign = 'Choose a campaign.';
  if (!req.source.trim()) errors.source = 'Enter a source, such as google or newsletter.';
  if (!req.medium.trim()) errors.medium = 'Enter a medium, such as cpc or email.';
  return errors;
}

/** A custom range needs at least one end, as real days, in order; other presets need nothing. */
export function rangeError(q: Pick<SidebarQuery, 'preset' | 'from' | 'to'>): string | null {
  if (q.preset !== 'custom') return null;
  const from = q.from ?? '';
  const to = q.to ?? '';
  if (!from && !to) return 'Choose a start date, an end date, or both.';
  if ((from && !DAY.test(from)) || (to && !DAY.test(to))) return 'Enter dates as YYYY-MM-DD.';
  if (from && to && to < from) return 'The end date is before the start date.';
  return null;
}

export interface SettingsInput {
  halfLife: string;
  lookback: string;
  types: string[];
}

export function settingsErrors(s: SettingsInput): FieldErrors<'halfLife' | 'lookback' | 'types'> {
  const errors: FieldErrors<'halfLife' | 'lookback' | 'types'> = {};
  const h = Number(s.halfLife);
  if (s.halfLife.trim() === '' || !Number.isFinite(h) || h <= 0) errors.halfLife = 'Enter a number of days greater than 0.';
  if (s.lookback.trim() !== '') {
    const l = Number(s.lookback);
    if (!Number.isFinite(l) || l <= 0) errors.lookback = 'Enter a number of days greater than 0, or leave it blank for no limit.';
  }
  if (!s.types.length) errors.types = 'Choose at least one interaction type.';
  return errors;
}

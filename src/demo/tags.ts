/**
 * @fileoverview Tracking tags of each campaign's channels: the UTM sets and tagged landing-page
 * URLs its ads, posts, emails and partners use. Built once, so generating a row never builds a
 * URL string.
 */

import { CAMPAIGN_CHANNELS, Channel, OTHER_UTM_SOURCES, Platform, slugify } from './catalog';
import { Kind, StringTable, UtmTable } from './buffer';
import { Campaign } from './campaigns';
import { Asset } from './plan';
import { Rng } from './random';

export interface Tag {
  /** UTM set, or -1 for an auto-tagged (gclid only) link that has no UTM parameters. */
  utm: number;
  /** Tagged URL per landing page of the campaign. */
  urls: Int32Array;
  platform: number;
  /** Interaction type of the click that leads to the visit (ad or social click), or -1. */
  click: number;
}

export interface CampaignTags {
  /** [utm version][channel] -> tags; version 1 is the old utm value of a renamed campaign. */
  channels: Tag[][][];
  /** [utm version][position in campaign.emails] -> the email's link tag. */
  emails: Tag[][];
  /** Clean URL index per landing page. */
  landingUrls: Int32Array;
}

export function buildTags(rng: Rng, campaigns: Campaign[], assets: Asset[], urls: StringTable, utms: UtmTable): CampaignTags[] {
  return campaigns.map((c) => {
    const landing = c.landing.map((a) => assets[a].url);
    const make = (utm: string[] | null, query: string, platform: number, click: number): Tag => ({
      utm: utm ? utms.intern(utm[0], utm[1], utm[2], utm[3], utm[4]) : -1,
      urls: Int32Array.from(landing.map((u) => urls.intern(`${u}?${query}`))),
      platform,
      click,
    });
    const versions = c.utms.map((value) => channelTags(rng, c, value, make));
    const emails = c.utms.map((value) => c.emails.map((e) => emailTag(c, value, assets[e], make)));
    return { channels: versions, emails, landingUrls: Int32Array.from(landing.map((u) => urls.intern(u))) };
  });
}

type MakeTag = (utm: string[] | null, query: string, platform: number, click: number) => Tag;

function channelTags(rng: Rng, c: Campaign, value: string, make: MakeTag): Tag[][] {
  const byChannel: Tag[][] = Array.from({ length: CAMPAIGN_CHANNELS }, () => []);
  const tag = (ch: number, source: string, medium: string, term: string, content: string, platform: number, click: number) => {
    const utm = [value, source, medium, term, content];
    byChannel[ch].push(make(utm, utmQuery(utm), platform, click));
  };
  c.keywords.slice(0, 4).forEach((kw, k) => {
    tag(Channel.PaidSearch, 'google', 'cpc', kw, k % 2 ? 'ad-b' : 'ad-a', Platform.Google, Kind.AdClick);
    if (k === 0) tag(Channel.PaidSearch, 'bing', 'cpc', kw, 'text-ad', Platform.Bing, Kind.AdClick);
  });
  // Google auto-tagging: the click id alone, or added to manual UTM tags.
  for (let k = 0; k < 3; k++) {
    byChannel[Channel.PaidSearch].push(make(null, `gclid=${gclid(rng)}`, Platform.Google, Kind.AdClick));
  }
  const kw = c.keywords[0];
  const withGclid = [value, 'google', 'cpc', kw, 'ad-a'];
  byChannel[Channel.PaidSearch].push(make(withGclid, `${utmQuery(withGclid)}&gclid=${gclid(rng)}`, Platform.Google, Kind.AdClick));
  // Paid social mediums as teams really write them; `cpc` + a social source is the unambiguous one.
  tag(Channel.PaidSocial, 'linkedin', 'cpc', '', 'sponsored-post', Platform.Linkedin, Kind.AdClick);
  tag(Channel.PaidSocial, 'linkedin', 'paid_social', '', 'carousel', Platform.Linkedin, Kind.AdClick);
  tag(Channel.PaidSocial, 'facebook', 'paidsocial', '', 'video-ad', Platform.Facebook, Kind.AdClick);
  tag(Channel.PaidSocial, 'facebook', 'cpc', '', 'image-ad', Platform.Facebook, Kind.AdClick);
  tag(Channel.SocialUtm, 'linkedin', 'social', '', '', Platform.Linkedin, Kind.SocialClick);
  tag(Channel.SocialUtm, 'linkedin', 'social', '', 'company-page', Platform.Linkedin, Kind.SocialClick);
  tag(Channel.SocialUtm, 'twitter', 'social', '', '', Platform.Twitter, Kind.SocialClick);
  tag(Channel.SocialUtm, 'facebook', 'social', '', '', Platform.Facebook, Kind.SocialClick);
  for (const [source, medium] of OTHER_UTM_SOURCES) tag(Channel.OtherUtm, source, medium, '', '', -1, -1);
  return byChannel;
}

function emailTag(c: Campaign, value: string, email: Asset, make: MakeTag): Tag {
  const utm = [value, c.index === 1 ? 'newsletter' : 'hubspot', 'email', '', slugify(email.name)];
  return make(utm, utmQuery(utm), -1, -1);
}

function utmQuery(utm: string[]): string {
  const names = ['utm_campaign', 'utm_source', 'utm_medium', 'utm_term', 'utm_content'];
  const parts: string[] = [];
  for (let k = 0; k < names.length; k++) {
    if (utm[k]) parts.push(`${names[k]}=${encodeURIComponent(utm[k])}`);
  }
  return parts.join('&');
}

const GCLID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

function gclid(rng: Rng): string {
  let s = 'Cj0KCQiA';
  for (let k = 0; k < 24; k++) s += GCLID_CHARS[rng.int(GCLID_CHARS.length)];
  return s;
}

/**
 * @fileoverview Writing web sessions: where a visit comes from (campaign tags, search, social,
 * referral, direct), which pages it views, and the rows it leaves. Every row goes straight into
 * the columnar buffer; state lives in fields rather than per-row objects so 600,000 rows
 * allocate next to nothing.
 */

import { InteractionBuffer, Kind, StringTable } from './buffer';
import {
  Channel,
  MAIL_REFERRERS,
  Platform,
  REFERRAL_REFERRERS,
  SEARCH_REFERRERS,
  SITE,
  SOCIAL_REFERRERS,
  SOURCE_CATEGORIES,
} from './catalog';
import { Contacts, Deals, upperBound } from './people';
import { Campaign } from './campaigns';
import { Asset, Plan } from './plan';
import { Rng, cumulative } from './random';
import { CampaignTags, Tag } from './tags';
import { DAY, InstantSampler, SECOND, Timeline } from './time';

export const REFERRERS: readonly string[] = [...SEARCH_REFERRERS, ...SOCIAL_REFERRERS, ...REFERRAL_REFERRERS, ...MAIL_REFERRERS];
const REF_SEARCH = 0;
const REF_SOCIAL = SEARCH_REFERRERS.length;
const REF_REFERRAL = REF_SOCIAL + SOCIAL_REFERRERS.length;
const REF_MAIL = REF_REFERRAL + REFERRAL_REFERRERS.length;
const SOCIAL_REFERRER_PLATFORM = [Platform.Linkedin, Platform.Linkedin, Platform.Twitter, Platform.Facebook];
const REF_BY_PLATFORM = [REF_SEARCH, REF_SEARCH + 3, REF_SOCIAL, REF_SOCIAL + 3, REF_SOCIAL + 2];
const SRC_PAID_SOCIAL = SOURCE_CATEGORIES.indexOf('Paid social');

const CORE_PAGE_WEIGHTS: Record<string, number> = { [`${SITE}/`]: 8, [`${SITE}/pricing`]: 5, [`${SITE}/demo`]: 2, [`${SITE}/features`]: 3 };

export interface TrafficInput {
  rng: Rng;
  timeline: Timeline;
  plan: Plan;
  contacts: Contacts;
  deals: Deals;
  tags: CampaignTags[];
  urls: StringTable;
  /** Index of the first anonymous visitor and their count. */
  firstAnonymous: number;
  anonymousVisitors: number;
}

/** Timed assets (email sends, events) ordered by time, for "the next one after t" look-ups. */
export interface Timed {
  at: Float64Array;
  asset: Int32Array;
}

export class SessionWriter {
  protected readonly rng: Rng;
  protected readonly tl: Timeline;
  protected readonly sampler: InstantSampler;
  protected readonly campaigns: Campaign[];
  protected readonly assets: Asset[];
  protected readonly assetUrl: Int32Array;
  protected readonly coreUrl: Int32Array;
  protected readonly coreAsset: Int32Array;
  protected readonly coreCum: Float64Array;
  protected readonly poolAt: Float64Array;
  protected readonly poolAsset: Int32Array;
  protected readonly emails: Timed;
  protected readonly events: Timed;
  protected readonly siteForms: number[];
  protected readonly siteCtas: number[];
  protected readonly lists: number[];
  protected readonly workflows: number[];
  protected readonly others: number[];
  protected readonly activeList: Int16Array[] = [];
  /** Per asset, its campaign associations (campaign, from when; -Infinity: since always). */
  protected readonly links: { campaign: number; at: number }[][];
  protected readonly activeCum: Float64Array[] = [];

  // The session about to be written (set by the *Entry methods).
  protected eCampaign = -1;
  protected eUrl = -1;
  protected eUtm = -1;
  protected eRef = -1;
  protected ePlatform = -1;
  protected eClick = -1;
  protected eClickAsset = -1;
  protected eSource = -1;
  protected ePageUrl = -1;
  protected ePageAsset = -1;
  // Identity cells of the rows being written.
  protected idContact = -1;
  protected idVisitor = -1;
  // Outputs of the last page pick and the last session.
  protected pageUrl = -1;
  protected pageAsset = -1;
  protected lastT = 0;
  protected lastPageUrl = -1;
  protected sessions = 0;

  constructor(protected readonly input: TrafficInput, readonly buf: InteractionBuffer) {
    this.rng = input.rng;
    this.tl = input.timeline;
    this.sampler = new InstantSampler(input.rng);
    this.campaigns = input.plan.campaigns;
    this.assets = input.plan.assets;
    this.assetUrl = Int32Array.from(this.assets.map((a) => (a.url ? input.urls.intern(a.url) : -1)));
    const core = this.corePages();
    this.coreUrl = Int32Array.from(core.map((p) => p[0]));
    this.coreAsset = Int32Array.from(core.map((p) => p[1]));
    this.coreCum = cumulative(core.map((p) => CORE_PAGE_WEIGHTS[input.urls.values[p[0]]] ?? 1));
    const pool = this.assets.filter((a) => a.owner >= 0 && a.url !== '').sort((a, b) => a.publishedAt - b.publishedAt || a.index - b.index);
    this.poolAt = Float64Array.from(pool.map((a) => a.publishedAt));
    this.poolAsset = Int32Array.from(pool.map((a) => a.index));
    this.emails = this.timed('marketing email');
    this.events = this.timed('marketing event');
    const ofType = (type: string, site: boolean) => this.assets.filter((a) => a.type === type && (!site || a.owner < 0)).map((a) => a.index);
    this.siteForms = ofType('form', true);
    this.siteCtas = ofType('cta', true);
    this.lists = ofType('static list', false);
    this.workflows = ofType('workflow', false);
    this.others = ofType('other', false);
    this.indexActiveDays();
    this.links = this.assets.map(() => []);
    for (const l of input.plan.associations) {
      if (l.campaign >= 0) this.links[l.asset].push({ campaign: l.campaign, at: l.associatedAt ?? -Infinity });
    }
  }

  /**
   * A page can be visited at t unless it is with a campaign that is not running then: campaign
   * dates bound their traffic, also visits of their pages from search or links.
   */
  protected pageOk(asset: number, t: number): boolean {
    for (const l of this.links[asset]) if (l.at <= t && !this.isActive(l.campaign, t)) return false;
    return true;
  }

  // ---- set-up ----

  protected corePages(): [number, number][] {
    const urls = this.input.urls;
    const pages: [number, number][] = this.input.plan.plainPages.map(([, path]) => [urls.intern(SITE + path), -1]);
    for (const a of this.assets) if (a.owner < 0 && a.url) pages.push([this.assetUrl[a.index], a.index]);
    return pages;
  }

  protected timed(type: string): Timed {
    const list = this.assets.filter((a) => a.type === type && a.at > 0).sort((a, b) => a.at - b.at || a.index - b.index);
    return { at: Float64Array.from(list.map((a) => a.at)), asset: Int32Array.from(list.map((a) => a.index)) };
  }

  protected indexActiveDays(): void {
    const days = Math.ceil((this.tl.end - this.tl.start) / DAY);
    for (let d = 0; d < days; d++) {
      const from = this.tl.start + d * DAY;
      const active = this.campaigns.filter((c) => c.activeFrom < from + DAY && c.activeTo > from);
      this.activeList.push(Int16Array.from(active.map((c) => c.index)));
      this.activeCum.push(cumulative(active.map((c) => c.weight)));
    }
  }

  // ---- picking campaigns, pages and entries ----

  protected activeCampaign(t: number): number {
    const d = Math.floor((t - this.tl.start) / DAY);
    if (d < 0 || d >= this.activeList.length) return -1;
    const list = this.activeList[d];
    return list.length ? list[this.rng.weighted(this.activeCum[d])] : -1;
  }

  protected isActive(c: number, t: number): boolean {
    return c >= 0 && this.campaigns[c].activeFrom <= t && t < this.campaigns[c].activeTo;
  }

  /** Any published site page: core pages or content published by then. */
  protected pickPage(t: number): void {
    if (this.rng.chance(0.5)) {
      const k = upperBound(this.poolAt, t);
      if (k > 0) {
        const asset = this.poolAsset[this.rng.int(k)];
        if (this.pageOk(asset, t)) {
          this.pageAsset = asset;
          this.pageUrl = this.assetUrl[asset];
          return;
        }
      }
    }
    const i = this.rng.weighted(this.coreCum);
    this.pageUrl = this.coreUrl[i];
    this.pageAsset = this.coreAsset[i];
  }

  /** A page of campaign c (landing page or content) if one is live at t. */
  protected pickCampaignPage(c: Campaign, t: number): boolean {
    const n = c.landing.length + c.pages.length;
    const k = this.rng.int(n);
    const a = k < c.landing.length ? c.landing[k] : c.pages[k - c.landing.length];
    if (this.assets[a].publishedAt > t || !this.pageOk(a, t)) return false;
    this.pageAsset = a;
    this.pageUrl = this.assetUrl[a];
    return true;
  }

  protected resetEntry(): void {
    this.eCampaign = -1;
    this.eUtm = -1;
    this.eRef = -1;
    this.ePlatform = -1;
    this.eClick = -1;
    this.eClickAsset = -1;
    this.eSource = -1;
  }

  /** A visit with no campaign tag: search, direct, referral, social or webmail. */
  protected organicEntry(t: number): void {
    const rng = this.rng;
    this.resetEntry();
    this.pickPage(t);
    this.ePageUrl = this.eUrl = this.pageUrl;
    this.ePageAsset = this.pageAsset;
    const r = rng.next();
    if (r < 0.4) this.eRef = REF_SEARCH + rng.int(SEARCH_REFERRERS.length);
    else if (r < 0.68) this.eRef = -1;
    else if (r < 0.8) this.eRef = REF_REFERRAL + rng.int(REFERRAL_REFERRERS.length);
    else if (r < 0.95) {
      const k = rng.int(SOCIAL_REFERRERS.length);
      this.eRef = REF_SOCIAL + k;
      if (rng.chance(0.5)) this.ePlatform = SOCIAL_REFERRER_PLATFORM[k];
    } else this.eRef = REF_MAIL + rng.int(MAIL_REFERRERS.length);
  }

  protected pickChannel(c: number): number {
    return this.rng.weighted(this.campaigns[c].channelCum);
  }

  /** A tagged visit of campaign c through `channel`, possibly preceded by an ad or social click. */
  protected campaignEntry(c: number, t: number, channel: number, clickChance: number): void {
    const camp = this.campaigns[c];
    const ct = this.input.tags[c];
    const version = camp.utms.length > 1 && t < camp.renamedAt ? 1 : 0;
    let ch = channel;
    let list = ch === Channel.EmailUtm ? ct.emails[version] : ct.channels[version][ch];
    if (list.length === 0) {
      ch = Channel.SocialUtm;
      list = ct.channels[version][ch];
    }
    const tag = list[this.rng.int(list.length)];
    this.applyTag(camp, ct, tag, ch, this.rng.int(camp.landing.length));
    if (tag.click >= 0 && this.rng.chance(clickChance)) this.addClick(camp, tag);
  }

  protected applyTag(camp: Campaign, ct: CampaignTags, tag: Tag, ch: number, li: number): void {
    const rng = this.rng;
    this.resetEntry();
    this.eCampaign = camp.index;
    this.ePageUrl = ct.landingUrls[li];
    this.ePageAsset = camp.landing[li];
    // Most tools keep UTMs in the URL; some exports split them into columns.
    if (tag.utm >= 0 && rng.chance(0.25)) {
      this.eUrl = this.ePageUrl;
      this.eUtm = tag.utm;
    } else {
      this.eUrl = tag.urls[li];
    }
    this.ePlatform = tag.platform;
    if (ch === Channel.EmailUtm) {
      if (rng.chance(0.15)) this.eRef = REF_MAIL + rng.int(MAIL_REFERRERS.length);
    } else if (ch === Channel.OtherUtm) {
      if (rng.chance(0.3)) this.eRef = REF_REFERRAL + 4;
    } else if (tag.platform >= 0 && rng.chance(0.4)) {
      this.eRef = REF_BY_PLATFORM[tag.platform];
    }
  }

  protected addClick(camp: Campaign, tag: Tag): void {
    const pool = tag.click === Kind.AdClick ? camp.ads : camp.socials;
    if (pool.length === 0) return;
    let asset = pool[0];
    for (const a of pool) {
      if (this.assets[a].platform === tag.platform) {
        asset = a;
        break;
      }
    }
    this.eClick = tag.click;
    this.eClickAsset = asset;
    if (tag.click === Kind.AdClick && tag.platform === Platform.Linkedin && this.rng.chance(0.15)) this.eSource = SRC_PAID_SOCIAL;
  }

  /** Campaign traffic with probability `share` (or from `prefer` when it runs), else organic. */
  protected anyEntry(t: number, share: number, prefer: number): void {
    if (this.isActive(prefer, t) && this.rng.chance(0.5)) {
      this.campaignEntry(prefer, t, this.pickChannel(prefer), 0.5);
      return;
    }
    if (this.rng.chance(share)) {
      const c = this.activeCampaign(t);
      if (c >= 0) {
        this.campaignEntry(c, t, this.pickChannel(c), 0.5);
        return;
      }
    }
    this.organicEntry(t);
  }

  // ---- writing rows ----

  protected push(t: number, type: number, asset: number, url: number, session: number, referrer: number, utm: number, platform: number, source: number): void {
    this.buf.push(t, type, this.idContact, this.idVisitor, asset, url, session, referrer, utm, platform, source);
  }

  /** Writes the visit set up by the last *Entry call, at most `maxRows` rows, all before `limit`. */
  protected session(t0: number, maxRows: number, limit: number): number {
    const rng = this.rng;
    let rows = 0;
    let t = t0;
    const sid = rng.chance(0.45) ? this.sessions++ : -1;
    if (this.eClick >= 0 && maxRows > 1) {
      if (this.eClick === Kind.AdClick && maxRows > 2 && rng.chance(0.5)) {
        // The impression the click came from, seconds before.
        this.push(t - (5 + rng.int(60)) * SECOND, Kind.AdImpression, this.eClickAsset, -1, -1, -1, -1, this.ePlatform, -1);
        rows++;
      }
      this.push(t, this.eClick, this.eClickAsset, this.eUrl, -1, -1, this.eUtm, this.ePlatform, this.eSource);
      rows++;
      t += (3 + rng.int(20)) * SECOND;
      if (t >= limit) return this.endSession(t, this.ePageUrl, rows);
    }
    const platform = this.ePlatform >= 0 && rng.chance(0.5) ? this.ePlatform : -1;
    this.push(t, Kind.PageView, this.viewAsset(this.ePageAsset), this.eUrl, sid, this.eRef, this.eUtm, platform, -1);
    rows++;
    let url = this.ePageUrl;
    const more = rng.geometric(1.2);
    const camp = this.eCampaign >= 0 ? this.campaigns[this.eCampaign] : null;
    for (let k = 0; k < more && rows < maxRows; k++) {
      t += Math.min(25 * 60, Math.round(15 + rng.exp(100))) * SECOND; // under 30 min: one session
      if (t >= limit) return this.endSession(t, url, rows);
      if (!(camp && rng.chance(0.4) && this.pickCampaignPage(camp, t))) this.pickPage(t);
      url = this.pageUrl;
      this.push(t, Kind.PageView, this.viewAsset(this.pageAsset), url, sid, -1, -1, -1, -1);
      rows++;
    }
    if (rows < maxRows && rng.chance(0.14)) {
      const cta = camp && camp.ctas.length ? rng.pick(camp.ctas) : this.siteCtas.length ? rng.pick(this.siteCtas) : -1;
      t += (5 + rng.int(60)) * SECOND;
      if (cta >= 0 && t < limit) {
        this.push(t, Kind.CtaView, cta, url, -1, -1, -1, -1, -1);
        rows++;
        // Some views are clicked: the click rate the Assets tab shows.
        const click = t + (2 + rng.int(20)) * SECOND;
        if (rows < maxRows && click < limit && rng.chance(0.55)) {
          t = click;
          this.push(t, Kind.CtaClick, cta, url, -1, -1, -1, -1, -1);
          rows++;
        }
      }
    }
    return this.endSession(t, url, rows);
  }

  protected endSession(t: number, url: number, rows: number): number {
    this.lastT = t;
    this.lastPageUrl = url;
    return rows;
  }

  /** Exports name the asset of a page view only sometimes; the engine then matches the URL. */
  protected viewAsset(asset: number): number {
    return asset >= 0 && this.rng.chance(0.25) ? asset : -1;
  }

  /** Known person: the visitor cookie, the contact ID, or both, as different tools log them. */
  protected knownIdentity(ci: number): void {
    const c = this.input.contacts;
    const v = c.firstVisitor[ci] + (c.visitorCount[ci] > 1 && this.rng.chance(0.35) ? 1 : 0);
    const r = this.rng.next();
    this.idContact = r < 0.45 ? -1 : ci;
    this.idVisitor = r < 0.45 || r >= 0.85 ? v : -1;
  }

  protected contactOnly(ci: number): void {
    this.idContact = ci;
    this.idVisitor = -1;
  }
}

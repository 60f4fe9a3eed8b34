/**
 * @fileoverview Who did what, when: web sessions with their sources, the contact's journey
 * around its creation (anonymous visits, the converting form, emails, events, sales touches) and
 * anonymous visitors. Every row goes straight into the columnar buffer; state lives in fields
 * rather than per-row objects so 600,000 rows allocate next to nothing.
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
import { Contacts, Deals, DealStage, lowerBound, upperBound } from './people';
import { Asset, Campaign, Plan } from './plan';
import { Rng, cumulative } from './random';
import { CampaignTags, Tag } from './tags';
import { DAY, HOUR, InstantSampler, MINUTE, SECOND, Timeline } from './time';

export const REFERRERS: readonly string[] = [...SEARCH_REFERRERS, ...SOCIAL_REFERRERS, ...REFERRAL_REFERRERS, ...MAIL_REFERRERS];
const REF_SEARCH = 0;
const REF_SOCIAL = SEARCH_REFERRERS.length;
const REF_REFERRAL = REF_SOCIAL + SOCIAL_REFERRERS.length;
const REF_MAIL = REF_REFERRAL + REFERRAL_REFERRERS.length;
const SOCIAL_REFERRER_PLATFORM = [Platform.Linkedin, Platform.Linkedin, Platform.Twitter, Platform.Facebook];
const REF_BY_PLATFORM = [REF_SEARCH, REF_SEARCH + 3, REF_SOCIAL, REF_SOCIAL + 3, REF_SOCIAL + 2];
const SRC_PAID_SOCIAL = SOURCE_CATEGORIES.indexOf('Paid social');
const SRC_OFFLINE = SOURCE_CATEGORIES.indexOf('Offline sources');

// Post-creation activity mix: web, email, ad/social click, event, list, workflow, sales, other, form.
const ACTIVITY_WEIGHTS = cumulative([22, 42, 6, 4, 4, 4, 3, 3, 5]);
const DEAL_ACTIVITY_WEIGHTS = cumulative([20, 26, 4, 3, 2, 2, 36, 2, 4]);
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
interface Timed {
  at: Float64Array;
  asset: Int32Array;
}

export class TrafficGenerator {
  private readonly rng: Rng;
  private readonly tl: Timeline;
  private readonly sampler: InstantSampler;
  private readonly campaigns: Campaign[];
  private readonly assets: Asset[];
  private readonly assetUrl: Int32Array;
  private readonly coreUrl: Int32Array;
  private readonly coreAsset: Int32Array;
  private readonly coreCum: Float64Array;
  private readonly poolAt: Float64Array;
  private readonly poolAsset: Int32Array;
  private readonly emails: Timed;
  private readonly events: Timed;
  private readonly siteForms: number[];
  private readonly siteCtas: number[];
  private readonly lists: number[];
  private readonly workflows: number[];
  private readonly others: number[];
  private readonly activeList: Int16Array[] = [];
  private readonly activeCum: Float64Array[] = [];

  // The session about to be written (set by the *Entry methods).
  private eCampaign = -1;
  private eUrl = -1;
  private eUtm = -1;
  private eRef = -1;
  private ePlatform = -1;
  private eClick = -1;
  private eClickAsset = -1;
  private eSource = -1;
  private ePageUrl = -1;
  private ePageAsset = -1;
  // Identity cells of the rows being written.
  private idContact = -1;
  private idVisitor = -1;
  // Outputs of the last page pick and the last session.
  private pageUrl = -1;
  private pageAsset = -1;
  private lastT = 0;
  private lastPageUrl = -1;
  private sessions = 0;

  constructor(private readonly input: TrafficInput, readonly buf: InteractionBuffer) {
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
  }

  /** Writes every contact's journey within its quota, then spends the rest on anonymous visitors. */
  run(quotas: Int32Array): void {
    const contacts = this.input.contacts;
    for (let ci = 0; ci < contacts.count; ci++) {
      if (quotas[ci] > 0) this.journey(ci, Math.min(quotas[ci], this.buf.remaining));
    }
    this.anonymous(this.buf.remaining);
  }

  // ---- set-up ----

  private corePages(): [number, number][] {
    const urls = this.input.urls;
    const pages: [number, number][] = this.input.plan.plainPages.map(([, path]) => [urls.intern(SITE + path), -1]);
    for (const a of this.assets) if (a.owner < 0 && a.url) pages.push([this.assetUrl[a.index], a.index]);
    return pages;
  }

  private timed(type: string): Timed {
    const list = this.assets.filter((a) => a.type === type && a.at > 0).sort((a, b) => a.at - b.at || a.index - b.index);
    return { at: Float64Array.from(list.map((a) => a.at)), asset: Int32Array.from(list.map((a) => a.index)) };
  }

  private indexActiveDays(): void {
    const days = Math.ceil((this.tl.end - this.tl.start) / DAY);
    for (let d = 0; d < days; d++) {
      const from = this.tl.start + d * DAY;
      const active = this.campaigns.filter((c) => c.activeFrom < from + DAY && c.activeTo > from);
      this.activeList.push(Int16Array.from(active.map((c) => c.index)));
      this.activeCum.push(cumulative(active.map((c) => c.weight)));
    }
  }

  // ---- picking campaigns, pages and entries ----

  private activeCampaign(t: number): number {
    const d = Math.floor((t - this.tl.start) / DAY);
    if (d < 0 || d >= this.activeList.length) return -1;
    const list = this.activeList[d];
    return list.length ? list[this.rng.weighted(this.activeCum[d])] : -1;
  }

  private isActive(c: number, t: number): boolean {
    return c >= 0 && this.campaigns[c].activeFrom <= t && t < this.campaigns[c].activeTo;
  }

  /** Any published site page: core pages or content published by then. */
  private pickPage(t: number): void {
    if (this.rng.chance(0.5)) {
      const k = upperBound(this.poolAt, t);
      if (k > 0) {
        this.pageAsset = this.poolAsset[this.rng.int(k)];
        this.pageUrl = this.assetUrl[this.pageAsset];
        return;
      }
    }
    const i = this.rng.weighted(this.coreCum);
    this.pageUrl = this.coreUrl[i];
    this.pageAsset = this.coreAsset[i];
  }

  /** A page of campaign c (landing page or content) if one is live at t. */
  private pickCampaignPage(c: Campaign, t: number): boolean {
    const n = c.landing.length + c.pages.length;
    const k = this.rng.int(n);
    const a = k < c.landing.length ? c.landing[k] : c.pages[k - c.landing.length];
    if (this.assets[a].publishedAt > t) return false;
    this.pageAsset = a;
    this.pageUrl = this.assetUrl[a];
    return true;
  }

  private resetEntry(): void {
    this.eCampaign = -1;
    this.eUtm = -1;
    this.eRef = -1;
    this.ePlatform = -1;
    this.eClick = -1;
    this.eClickAsset = -1;
    this.eSource = -1;
  }

  /** A visit with no campaign tag: search, direct, referral, social or webmail. */
  private organicEntry(t: number): void {
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

  private pickChannel(c: number): number {
    return this.rng.weighted(this.campaigns[c].channelCum);
  }

  /** A tagged visit of campaign c through `channel`, possibly preceded by an ad or social click. */
  private campaignEntry(c: number, t: number, channel: number, clickChance: number): void {
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

  private applyTag(camp: Campaign, ct: CampaignTags, tag: Tag, ch: number, li: number): void {
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

  private addClick(camp: Campaign, tag: Tag): void {
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
  private anyEntry(t: number, share: number, prefer: number): void {
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

  private push(t: number, type: number, asset: number, url: number, session: number, referrer: number, utm: number, platform: number, source: number): void {
    this.buf.push(t, type, this.idContact, this.idVisitor, asset, url, session, referrer, utm, platform, source);
  }

  /** Writes the visit set up by the last *Entry call, at most `maxRows` rows, all before `limit`. */
  private session(t0: number, maxRows: number, limit: number): number {
    const rng = this.rng;
    let rows = 0;
    let t = t0;
    const sid = rng.chance(0.45) ? this.sessions++ : -1;
    if (this.eClick >= 0 && maxRows > 1) {
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
    if (rows < maxRows && rng.chance(0.08)) {
      const cta = camp && camp.ctas.length ? rng.pick(camp.ctas) : this.siteCtas.length ? rng.pick(this.siteCtas) : -1;
      t += (5 + rng.int(60)) * SECOND;
      if (cta >= 0 && t < limit) {
        this.push(t, Kind.CtaClick, cta, url, -1, -1, -1, -1, -1);
        rows++;
      }
    }
    return this.endSession(t, url, rows);
  }

  private endSession(t: number, url: number, rows: number): number {
    this.lastT = t;
    this.lastPageUrl = url;
    return rows;
  }

  /** Exports name the asset of a page view only sometimes; the engine then matches the URL. */
  private viewAsset(asset: number): number {
    return asset >= 0 && this.rng.chance(0.25) ? asset : -1;
  }

  /** Known person: the visitor cookie, the contact ID, or both, as different tools log them. */
  private knownIdentity(ci: number): void {
    const c = this.input.contacts;
    const v = c.firstVisitor[ci] + (c.visitorCount[ci] > 1 && this.rng.chance(0.35) ? 1 : 0);
    const r = this.rng.next();
    this.idContact = r < 0.45 ? -1 : ci;
    this.idVisitor = r < 0.45 || r >= 0.85 ? v : -1;
  }

  private contactOnly(ci: number): void {
    this.idContact = ci;
    this.idVisitor = -1;
  }

  // ---- contacts ----

  private journey(ci: number, quota: number): void {
    const T = this.input.contacts.created[ci];
    let rows = this.creation(ci, quota);
    const rest = quota - rows;
    if (rest <= 0) return;
    const pre = T - this.tl.start > DAY ? Math.round(rest * this.rng.range(0.1, 0.35)) : 0;
    rows += this.beforeCreation(ci, pre);
    this.afterCreation(ci, quota - rows);
  }

  /** The conversion itself: mostly a form submission after a visit, else an import or a sales touch. */
  private creation(ci: number, quota: number): number {
    const rng = this.rng;
    const contacts = this.input.contacts;
    const T = contacts.created[ci];
    const acquired = contacts.acquiredBy[ci];
    const camp = acquired >= 0 ? this.campaigns[acquired] : null;
    const kind = rng.next();
    if (kind < 0.86) return this.formCreation(ci, quota);
    this.contactOnly(ci);
    if (kind < 0.93) {
      const list = camp && camp.lists.length ? rng.pick(camp.lists) : this.lists.length ? rng.pick(this.lists) : -1;
      this.push(T, Kind.List, list, -1, -1, -1, -1, -1, -1);
    } else if (kind < 0.97) {
      this.push(T, rng.chance(0.5) ? Kind.Meeting : Kind.Call, -1, -1, -1, -1, -1, -1, rng.chance(0.1) ? SRC_OFFLINE : -1);
    } else {
      const event = camp && camp.events.length ? rng.pick(camp.events) : -1;
      this.push(T, Kind.Event, event, -1, -1, -1, -1, -1, rng.chance(0.3) ? SRC_OFFLINE : -1);
    }
    return 1;
  }

  private formCreation(ci: number, quota: number): number {
    const rng = this.rng;
    const contacts = this.input.contacts;
    const T = contacts.created[ci];
    let c = contacts.acquiredBy[ci];
    if (c < 0 && rng.chance(0.3)) c = this.activeCampaign(T);
    if (c >= 0) this.campaignEntry(c, T, this.pickChannel(c), 0.5);
    else this.organicEntry(T);
    let rows = 0;
    const pages = Math.min(quota - 1, 1 + rng.geometric(0.7), 6);
    let url = this.ePageUrl;
    if (pages > 0) {
      this.idContact = -1;
      this.idVisitor = contacts.firstVisitor[ci];
      const t0 = T - (pages * (60 + rng.int(120)) + 30 + rng.int(240)) * SECOND;
      rows += this.session(t0, pages, T);
      url = this.lastPageUrl;
    }
    const camp = c >= 0 ? this.campaigns[c] : null;
    const form = camp && camp.forms.length ? rng.pick(camp.forms) : this.siteForms.length ? rng.pick(this.siteForms) : -1;
    const r = rng.next();
    this.idContact = r < 0.4 ? -1 : ci;
    this.idVisitor = r < 0.4 || r >= 0.8 ? contacts.firstVisitor[ci] : -1;
    this.push(T, Kind.Form, form, url, -1, -1, -1, -1, -1);
    rows++;
    if (camp && camp.workflows.length && rows < quota && rng.chance(0.5)) {
      const t = T + (1 + rng.int(10)) * MINUTE;
      if (t < this.tl.end) {
        this.contactOnly(ci);
        this.push(t, Kind.Workflow, rng.pick(camp.workflows), -1, -1, -1, -1, -1, -1);
        rows++;
      }
    }
    return rows;
  }

  /** Anonymous visits of the contact's cookies, clustered in the weeks before conversion. */
  private beforeCreation(ci: number, budget: number): number {
    const contacts = this.input.contacts;
    const T = contacts.created[ci];
    const lo = Math.max(this.tl.start, T - 90 * DAY);
    const hi = T - 40 * MINUTE;
    if (hi - lo < HOUR) return 0;
    let rows = 0;
    for (let guard = 0; rows < budget && guard < 20; guard++) {
      let t = hi - this.rng.exp(15 * DAY);
      if (t < lo) t = lo + this.rng.next() * (hi - lo);
      t = this.sampler.sameDay(t, lo, hi);
      this.anyEntry(t, 0.35, contacts.acquiredBy[ci]);
      this.idContact = -1;
      this.idVisitor = contacts.firstVisitor[ci] + (contacts.visitorCount[ci] > 1 && this.rng.chance(0.3) ? 1 : 0);
      rows += this.session(t, budget - rows, hi);
    }
    return rows;
  }

  private afterCreation(ci: number, budget: number): void {
    const contacts = this.input.contacts;
    const T = contacts.created[ci];
    const lo = T + 10 * MINUTE;
    const hi = Math.min(this.tl.end, T + 300 * DAY);
    if (hi - lo < HOUR) return;
    const cum = contacts.deal[ci] >= 0 ? DEAL_ACTIVITY_WEIGHTS : ACTIVITY_WEIGHTS;
    let rest = budget;
    let salesDone = 0;
    for (let fails = 0; rest > 0 && fails < 8; ) {
      const activity = this.rng.weighted(cum);
      const n = this.activity(activity, ci, rest, lo, hi, salesDone);
      if (activity === 6) salesDone += n;
      if (n === 0) fails++;
      rest -= n;
    }
  }

  private activity(kind: number, ci: number, budget: number, lo: number, hi: number, salesDone: number): number {
    switch (kind) {
      case 1: return this.emailTouch(ci, budget, lo, hi);
      case 2: return this.clickVisit(ci, budget, lo, hi);
      case 3: return this.eventTouch(ci, budget, lo, hi);
      case 4: return this.simpleTouch(ci, Kind.List, this.lists, lo, hi);
      case 5: return this.simpleTouch(ci, Kind.Workflow, this.workflows, lo, hi);
      case 6: return this.salesTouch(ci, lo, hi, salesDone);
      case 7: return this.simpleTouch(ci, Kind.Other, this.others, lo, hi);
      case 8: return this.formVisit(ci, budget, lo, hi);
      default: return this.webVisit(ci, budget, lo, hi);
    }
  }

  /** When a known contact is active: soon after creation more often than months later. */
  private postTime(lo: number, hi: number): number {
    let t = lo + this.rng.exp(45 * DAY);
    if (t >= hi) t = lo + this.rng.next() * (hi - lo);
    return this.sampler.sameDay(t, lo, hi);
  }

  private webVisit(ci: number, budget: number, lo: number, hi: number): number {
    const t = this.postTime(lo, hi);
    this.anyEntry(t, 0.4, -1);
    this.knownIdentity(ci);
    return this.session(t, budget, hi);
  }

  private clickVisit(ci: number, budget: number, lo: number, hi: number): number {
    const t = this.postTime(lo, hi);
    const c = this.activeCampaign(t);
    if (c < 0) return this.webVisit(ci, budget, lo, hi);
    const r = this.rng.next();
    this.campaignEntry(c, t, r < 0.4 ? Channel.PaidSocial : r < 0.7 ? Channel.PaidSearch : Channel.SocialUtm, 1);
    this.knownIdentity(ci);
    return this.session(t, budget, hi);
  }

  /** Opens a marketing email sent around a random moment; some click through to the site. */
  private emailTouch(ci: number, budget: number, lo: number, hi: number): number {
    const rng = this.rng;
    const sends = this.emails;
    const first = lowerBound(sends.at, lo);
    const near = lowerBound(sends.at, this.postTime(lo, hi));
    const k = Math.max(first, near - 2 + rng.int(4));
    if (k >= sends.at.length || sends.at[k] >= hi) return this.webVisit(ci, budget, lo, hi);
    const email = sends.asset[k];
    const open = sends.at[k] + Math.round(rng.exp(5 * 3600)) * SECOND;
    if (open >= hi) return 0;
    this.contactOnly(ci);
    this.push(open, Kind.EmailOpen, email, -1, -1, -1, -1, -1, -1);
    if (budget < 2 || !rng.chance(0.4)) return 1;
    const click = open + (5 + rng.int(600)) * SECOND;
    if (click >= hi) return 1;
    const a = this.assets[email];
    const camp = this.campaigns[a.owner];
    const ct = this.input.tags[a.owner];
    const tag = ct.emails[camp.utms.length > 1 && click < camp.renamedAt ? 1 : 0][camp.emails.indexOf(email)];
    this.push(click, Kind.EmailClick, email, tag.urls[0], -1, -1, -1, -1, -1);
    if (budget < 3 || !rng.chance(0.85)) return 2;
    this.applyTag(camp, ct, tag, Channel.EmailUtm, 0);
    this.knownIdentity(ci);
    return 2 + this.session(click + (2 + rng.int(8)) * SECOND, budget - 2, hi);
  }

  private eventTouch(ci: number, budget: number, lo: number, hi: number): number {
    const rng = this.rng;
    const ev = this.events;
    const k = lowerBound(ev.at, lo) + rng.int(3);
    if (k >= ev.at.length || ev.at[k] >= hi) return this.webVisit(ci, budget, lo, hi);
    const event = ev.asset[k];
    const t = ev.at[k] + rng.int(40) * MINUTE;
    if (t >= hi) return 0;
    this.contactOnly(ci);
    this.push(t, Kind.Event, event, -1, -1, -1, -1, -1, rng.chance(0.3) ? SRC_OFFLINE : -1);
    const lists = this.campaigns[this.assets[event].owner].lists;
    if (budget > 1 && lists.length && rng.chance(0.5) && t + DAY < hi) {
      this.push(t + DAY, Kind.List, rng.pick(lists), -1, -1, -1, -1, -1, -1);
      return 2;
    }
    return 1;
  }

  /** List memberships, workflow enrollments and other touches: one row with an optional asset. */
  private simpleTouch(ci: number, type: number, pool: number[], lo: number, hi: number): number {
    const t = this.postTime(lo, hi);
    const c = this.activeCampaign(t);
    let asset = -1;
    if (c >= 0) {
      const own = type === Kind.List ? this.campaigns[c].lists : type === Kind.Workflow ? this.campaigns[c].workflows : this.campaigns[c].others;
      if (own.length) asset = this.rng.pick(own);
    }
    if (asset < 0 && pool.length && (type !== Kind.Other || this.rng.chance(0.5))) asset = this.rng.pick(pool);
    this.contactOnly(ci);
    this.push(t, type, asset, -1, -1, -1, -1, -1, -1);
    return 1;
  }

  /** Meetings, calls, sales emails and chats; on a deal they cluster around its life. */
  private salesTouch(ci: number, lo: number, hi: number, salesDone: number): number {
    const rng = this.rng;
    const { contacts, deals } = this.input;
    const d = contacts.deal[ci];
    this.contactOnly(ci);
    if (d < 0) {
      this.push(this.postTime(lo, hi), rng.chance(0.6) ? Kind.Conversation : Kind.Call, -1, -1, -1, -1, -1, -1, -1);
      return 1;
    }
    const created = deals.created[d];
    const closed = deals.closed[d];
    const dlo = Math.max(lo, created - 21 * DAY);
    const dhi = Math.min(hi, Number.isNaN(closed) ? this.tl.end : closed + (deals.stage[d] === DealStage.Won ? 0 : DAY));
    if (dhi - dlo < 10 * MINUTE) return 0;
    let t: number;
    let type: number;
    if (salesDone === 0 && contacts.dealPrimary[ci] && created - HOUR > dlo) {
      // The meeting that led to the deal: the deal-creation touch of position models.
      t = this.sampler.uniform(Math.max(dlo, created - 4 * DAY), created - HOUR);
      type = Kind.Meeting;
    } else {
      t = this.sampler.at(dlo, dhi);
      const r = rng.next();
      type = r < 0.3 ? Kind.Meeting : r < 0.55 ? Kind.Call : r < 0.9 ? Kind.SalesEmail : Kind.Conversation;
    }
    this.push(t, type, -1, -1, -1, -1, -1, -1, type === Kind.Call && rng.chance(0.1) ? SRC_OFFLINE : -1);
    return 1;
  }

  /** A return visit that ends in a gated-content form, for contacts already known. */
  private formVisit(ci: number, budget: number, lo: number, hi: number): number {
    const t = this.postTime(lo, hi);
    const c = this.activeCampaign(t);
    if (c < 0 || budget < 2 || this.campaigns[c].forms.length === 0) return this.webVisit(ci, budget, lo, hi);
    this.campaignEntry(c, t, this.pickChannel(c), 0.3);
    this.knownIdentity(ci);
    const rows = this.session(t, budget - 1, hi);
    const at = this.lastT + (30 + this.rng.int(150)) * SECOND;
    if (at >= hi) return rows;
    this.push(at, Kind.Form, this.rng.pick(this.campaigns[c].forms), this.lastPageUrl, -1, -1, -1, -1, -1);
    return rows + 1;
  }

  // ---- anonymous visitors ----

  /** Spends exactly `budget` rows on visitors who never convert, each visitor getting a share. */
  private anonymous(budget: number): void {
    const { firstAnonymous, anonymousVisitors: n } = this.input;
    if (n === 0) {
      this.spendOnContacts(budget);
      return;
    }
    let left = budget;
    for (let pass = 0; left > 0; pass++) {
      for (let v = 0; v < n && left > 0; v++) {
        const share = pass > 0 ? left : Math.max(1, Math.round((left / (n - v)) * this.rng.range(0.4, 1.6)));
        left -= this.visits(firstAnonymous + v, Math.min(left, share), pass > 0 ? 1 : 1 + this.rng.geometric(0.5));
      }
    }
  }

  private visits(visitor: number, budget: number, sessions: number): number {
    this.idContact = -1;
    this.idVisitor = visitor;
    let rows = 0;
    let t = this.sampler.at(this.tl.start, this.tl.end);
    for (let s = 0; s < sessions && rows < budget; s++) {
      this.anyEntry(t, 0.3, -1);
      rows += this.session(t, budget - rows, this.tl.end);
      const next = this.lastT + HOUR + Math.round(this.rng.exp(8 * 24 * 3600)) * SECOND;
      if (next >= this.tl.end) break;
      t = this.sampler.sameDay(next, next, this.tl.end);
    }
    return rows;
  }

  /** With no anonymous visitors asked for, leftover rows become extra visits of known contacts. */
  private spendOnContacts(budget: number): void {
    const contacts = this.input.contacts;
    const eligible = upperBound(contacts.created, this.tl.end - 2 * HOUR);
    let left = budget;
    for (let guard = 0; left > 0 && eligible > 0 && guard < budget * 4; guard++) {
      const ci = this.rng.int(eligible);
      const lo = contacts.created[ci] + 10 * MINUTE;
      const t = this.sampler.uniform(lo, this.tl.end);
      this.anyEntry(t, 0.4, -1);
      this.knownIdentity(ci);
      left -= this.session(t, left, this.tl.end);
    }
  }
}

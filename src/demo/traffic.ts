/**
 * @fileoverview Who did what, when: each contact's journey around its creation (anonymous visits,
 * the converting form, emails, events, sales touches), then anonymous visitors who never convert.
 */

import { Kind } from './buffer';
import { Channel, SOURCE_CATEGORIES } from './catalog';
import { DealStage, lowerBound, upperBound } from './people';
import { cumulative } from './random';
import { SessionWriter } from './sessions';
import { DAY, HOUR, MINUTE, SECOND } from './time';

const SRC_OFFLINE = SOURCE_CATEGORIES.indexOf('Offline sources');
// Post-creation activity mix: web, email, ad/social click, event, list, workflow, sales, other, form.
const ACTIVITY_WEIGHTS = cumulative([22, 42, 6, 4, 4, 4, 3, 3, 5]);
const DEAL_ACTIVITY_WEIGHTS = cumulative([20, 26, 4, 3, 2, 2, 36, 2, 4]);

export class TrafficGenerator extends SessionWriter {
  /** Writes every contact's journey within its quota, then spends the rest on anonymous visitors. */
  run(quotas: Int32Array): void {
    const contacts = this.input.contacts;
    for (let ci = 0; ci < contacts.count; ci++) {
      if (quotas[ci] > 0) this.journey(ci, Math.min(quotas[ci], this.buf.remaining));
    }
    this.anonymous(this.buf.remaining);
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
    if (form >= 0 && rows < quota - 1 && rng.chance(0.5)) {
      // The form was shown before it was filled in.
      this.push(T - (20 + rng.int(90)) * SECOND, Kind.FormView, form, url, -1, -1, -1, -1, -1);
      rows++;
    }
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
    let rows = 0;
    // The send and its delivery (or bounce), as email tools export them; a bounced email is not opened.
    if (budget >= 3 && sends.at[k] >= lo && rng.chance(0.6)) {
      this.push(sends.at[k], Kind.EmailSend, email, -1, -1, -1, -1, -1, -1);
      const bounced = rng.chance(0.04);
      this.push(sends.at[k] + (2 + rng.int(20)) * SECOND, bounced ? Kind.EmailBounce : Kind.EmailDelivery, email, -1, -1, -1, -1, -1, -1);
      if (bounced) return 2;
      rows = 2;
    }
    this.push(open, Kind.EmailOpen, email, -1, -1, -1, -1, -1, -1);
    rows++;
    if (budget < rows + 1 || !rng.chance(0.4)) return rows;
    const click = open + (5 + rng.int(600)) * SECOND;
    if (click >= hi) return rows;
    const a = this.assets[email];
    const camp = this.campaigns[a.owner];
    const ct = this.input.tags[a.owner];
    const tag = ct.emails[camp.utms.length > 1 && click < camp.renamedAt ? 1 : 0][camp.emails.indexOf(email)];
    this.push(click, Kind.EmailClick, email, tag.urls[0], -1, -1, -1, -1, -1);
    rows++;
    // A late click on an ended campaign's email lands on its page no more (the campaign is over).
    if (budget < rows + 1 || !rng.chance(0.85) || !this.isActive(a.owner, click)) return rows;
    this.applyTag(camp, ct, tag, Channel.EmailUtm, 0);
    this.knownIdentity(ci);
    return rows + this.session(click + (2 + rng.int(8)) * SECOND, budget - rows, hi);
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
    const form = this.rng.pick(this.campaigns[c].forms);
    this.push(at, Kind.Form, form, this.lastPageUrl, -1, -1, -1, -1, -1);
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


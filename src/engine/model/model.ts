/**
 * @fileoverview The engine's working form of a workbook, built once per read: interactions in time
 * order with their contact (identity stitching), asset, campaigns (association time and UTM),
 * session and source category resolved. Reports and attribution only look things up here.
 */
import type { Workbook, Interaction, SourceCategory } from '../workbook/types';
import { SOURCE_CATEGORIES } from '../workbook/types';
import { pageKey } from '../web/url';
import { sourceCategory } from './source-category';

/** A page view more than this long after the visitor's previous one starts a new session. */
export const SESSION_GAP_MS = 30 * 60_000;

export interface Model {
  workbook: Workbook;
  /** Interactions in time order; equal timestamps keep tab order. Positions below index this. */
  interactions: Interaction[];
  /** Per position: the timestamp, in a flat array for the hot loops (binary searches, time decay). */
  ts: Float64Array;
  /** Per position: the visitor (Visitor ID, else Contact ID) as an index below visitorCount. */
  visitorOf: Int32Array;
  visitorCount: number;
  /** Per position: contact index, or -1 for an anonymous interaction. */
  contactOf: Int32Array;
  /** Per position: the asset touched (by ID, or a page view's URL), or -1. */
  assetOf: Int32Array;
  /** Per position: campaign indexes in Campaigns-tab order, or null for none. */
  campaignsOf: (number[] | null)[];
  /** Per position: session index for page views, else -1. */
  sessionOf: Int32Array;
  sessionCount: number;
  /** Per session: 1 when it is its visitor's first session in the data. */
  sessionIsNew: Uint8Array;
  /** Per session: the position of its first page view. */
  sessionFirst: Int32Array;
  /**
   * Per position: index into SOURCE_CATEGORIES, judged per session (§2): an interaction inside a
   * session takes the category of the session's first page view, one outside every session its own.
   */
  sourceOf: Uint8Array;
  /** Per contact: positions of its interactions, in time order. */
  byContact: Int32Array[];
}

export function buildModel(workbook: Workbook): Model {
  const interactions = inTimeOrder(workbook.interactions);
  const n = interactions.length;
  const contactOf = resolveContacts(workbook, interactions);
  const assetOf = resolveAssets(workbook, interactions);
  const campaignsOf = resolveCampaigns(workbook, interactions, assetOf);
  const { visitorOf, visitorCount } = internVisitors(interactions);
  const { sessionOf, sessionCount, sessionIsNew } = sessionize(interactions, visitorOf, visitorCount);
  const sessionFirst = firstViews(sessionOf, sessionCount);
  const sourceOf = sessionSources(interactions, { visitorOf, visitorCount, contactOf, contactCount: workbook.contacts.length, sessionOf, sessionFirst });

  const counts = new Int32Array(workbook.contacts.length);
  for (let p = 0; p < n; p++) if (contactOf[p] >= 0) counts[contactOf[p]]++;
  const byContact = Array.from(counts, (c) => new Int32Array(c));
  counts.fill(0);
  for (let p = 0; p < n; p++) {
    const c = contactOf[p];
    if (c >= 0) byContact[c][counts[c]++] = p;
  }
  const ts = Float64Array.from(interactions, (i) => i.ts);
  return { workbook, interactions, ts, visitorOf, visitorCount, contactOf, assetOf, campaignsOf, sessionOf, sessionCount, sessionIsNew, sessionFirst, sourceOf, byContact };
}

/** Interactions by time, equal times in tab order. Exports are usually sorted already: check first. */
function inTimeOrder(list: Interaction[]): Interaction[] {
  let sorted = true;
  for (let i = 1; i < list.length && sorted; i++) sorted = list[i - 1].ts <= list[i].ts;
  return sorted ? list.slice() : list.slice().sort((a, b) => a.ts - b.ts || a.index - b.index);
}

/** Identity stitching: the Contact ID, else the contact listing the Visitor ID. */
function resolveContacts(workbook: Workbook, interactions: Interaction[]): Int32Array {
  const byId = new Map<string, number>();
  const byVisitor = new Map<string, number>();
  for (const c of workbook.contacts) {
    byId.set(c.id, c.index);
    for (const v of c.visitorIds) byVisitor.set(v, c.index);
  }
  const out = new Int32Array(interactions.length).fill(-1);
  const unknown = new Map<string, { row: number; count: number }>();
  interactions.forEach((i, p) => {
    if (i.contactId) {
      const c = byId.get(i.contactId);
      if (c !== undefined) out[p] = c;
      else {
        const u = unknown.get(i.contactId);
        if (u) u.count++;
        else unknown.set(i.contactId, { row: i.row, count: 1 });
      }
    } else {
      out[p] = byVisitor.get(i.visitorId) ?? -1;
    }
  });
  const tab = Object.keys(workbook.check.rowsRead).find((t) => t.toLowerCase() === 'interactions') ?? 'Interactions';
  for (const [id, u] of unknown) {
    workbook.check.findings.push({
      severity: 'warning', tab, row: u.row, column: 'Contact ID', value: id,
      message: `no contact has this ID in the Contacts tab; ${u.count === 1 ? 'the interaction counts' : `its ${u.count} interactions count`} as anonymous`,
    });
  }
  return out;
}

/** The asset by ID, or for a page view without one, the asset whose URL is the page's. */
function resolveAssets(workbook: Workbook, interactions: Interaction[]): Int32Array {
  const byId = new Map<string, number>();
  const byPage = new Map<string, number>();
  for (const a of workbook.assets) {
    byId.set(a.id, a.index);
    if (a.url) {
      const key = pageKey(a.url);
      if (!byPage.has(key)) byPage.set(key, a.index);
    }
  }
  const out = new Int32Array(interactions.length).fill(-1);
  let lastUrl = '';
  let lastAsset = -1;
  interactions.forEach((i, p) => {
    if (i.assetId) out[p] = byId.get(i.assetId) ?? -1;
    else if (i.type === 'page view' && i.url) {
      if (i.url !== lastUrl) {
        lastUrl = i.url;
        lastAsset = byPage.get(pageKey(i.url)) ?? -1;
      }
      out[p] = lastAsset;
    }
  });
  return out;
}

/** An interaction is with K through an association at or before it, or through K's UTM value. */
function resolveCampaigns(workbook: Workbook, interactions: Interaction[], assetOf: Int32Array): (number[] | null)[] {
  const byUtm = new Map<string, number[]>();
  for (const c of workbook.campaigns) {
    for (const u of c.utm) {
      const list = byUtm.get(u) ?? [];
      if (!list.includes(c.index)) list.push(c.index);
      byUtm.set(u, list);
    }
  }
  const assets = workbook.assets;
  return interactions.map((i, p) => {
    let found: number[] | null = null;
    const a = assetOf[p];
    if (a >= 0) {
      for (const assoc of assets[a].associations) {
        if (assoc.at <= i.ts) (found ??= []).push(assoc.campaign);
      }
    }
    if (i.utm.campaign) {
      const utm = byUtm.get(i.utm.campaign.trim().toLowerCase());
      if (utm) for (const c of utm) if (!found?.includes(c)) (found ??= []).push(c);
    }
    if (found && found.length > 1) found.sort((x, y) => x - y);
    return found;
  });
}

/**
 * Each interaction's visitor as a small integer: its Visitor ID, or without one its Contact ID (a
 * different key space). Sessions and anonymous journeys then index arrays instead of string maps.
 */
function internVisitors(interactions: Interaction[]): { visitorOf: Int32Array; visitorCount: number } {
  const byVisitorId = new Map<string, number>();
  const byContactId = new Map<string, number>();
  const visitorOf = new Int32Array(interactions.length);
  let next = 0;
  for (let p = 0; p < interactions.length; p++) {
    const i = interactions[p];
    const map = i.visitorId ? byVisitorId : byContactId;
    const key = i.visitorId || i.contactId;
    let v = map.get(key);
    if (v === undefined) map.set(key, (v = next++));
    visitorOf[p] = v;
  }
  return { visitorOf, visitorCount: next };
}

/**
 * Sessions of page views: the Session ID when given; else a visitor's (or, without a visitor ID, a
 * contact's) page views split where more than 30 minutes pass.
 */
function sessionize(interactions: Interaction[], visitorOf: Int32Array, visitorCount: number) {
  const n = interactions.length;
  const sessionOf = new Int32Array(n).fill(-1);
  const byId = new Map<string, number>();
  const lastView = new Float64Array(visitorCount);
  const openSession = new Int32Array(visitorCount).fill(-1);
  const seen = new Uint8Array(visitorCount);
  const isNew: number[] = [];
  for (let p = 0; p < n; p++) {
    const i = interactions[p];
    if (i.type !== 'page view') continue;
    const v = visitorOf[p];
    let s: number;
    if (i.sessionId) {
      const known = byId.get(i.sessionId);
      if (known !== undefined) s = known;
      else {
        s = isNew.length;
        byId.set(i.sessionId, s);
        isNew.push(seen[v] ? 0 : 1);
        seen[v] = 1;
      }
    } else if (openSession[v] >= 0 && i.ts - lastView[v] <= SESSION_GAP_MS) {
      s = openSession[v];
      lastView[v] = i.ts;
    } else {
      s = isNew.length;
      isNew.push(seen[v] ? 0 : 1);
      seen[v] = 1;
      openSession[v] = s;
      lastView[v] = i.ts;
    }
    sessionOf[p] = s;
  }
  return { sessionOf, sessionCount: isNew.length, sessionIsNew: Uint8Array.from(isNew) };
}

/** Per session, the position of its first page view (sessions are numbered in time order). */
function firstViews(sessionOf: Int32Array, sessionCount: number): Int32Array {
  const first = new Int32Array(sessionCount).fill(-1);
  for (let p = 0; p < sessionOf.length; p++) {
    const s = sessionOf[p];
    if (s >= 0 && first[s] < 0) first[s] = p;
  }
  return first;
}

interface SessionIndex {
  visitorOf: Int32Array;
  visitorCount: number;
  contactOf: Int32Array;
  contactCount: number;
  sessionOf: Int32Array;
  sessionFirst: Int32Array;
}

/**
 * Session-level sources (§2, HubSpot: "bucketed by the traffic source of the session where they
 * occurred"). A session's source is its first page view's category; a page view takes its
 * session's; any other interaction of the same visitor or contact from the session's first page
 * view to 30 minutes after its last takes the source of the latest such session; an interaction
 * outside every session keeps its own category.
 */
function sessionSources(interactions: Interaction[], ix: SessionIndex): Uint8Array {
  const n = interactions.length;
  const sourceIndex = new Map<SourceCategory, number>(SOURCE_CATEGORIES.map((c, i) => [c, i]));
  const own = (p: number) => sourceIndex.get(sourceCategory(interactions[p]))!;
  const { sessionOf, sessionFirst, visitorOf, contactOf } = ix;
  const sessions = sessionFirst.length;
  const sessionSource = new Uint8Array(sessions);
  const start = new Float64Array(sessions);
  const end = new Float64Array(sessions);
  for (let s = 0; s < sessions; s++) {
    sessionSource[s] = own(sessionFirst[s]);
    start[s] = interactions[sessionFirst[s]].ts;
  }
  for (let p = 0; p < n; p++) if (sessionOf[p] >= 0) end[sessionOf[p]] = interactions[p].ts;
  // Sessions per visitor and per contact, in order of their first page view.
  const byVisitor = groupSessions(sessionFirst, (p) => visitorOf[p], ix.visitorCount);
  const byContact = groupSessions(sessionFirst, (p) => contactOf[p], ix.contactCount);
  const visitorAt = new Int32Array(ix.visitorCount);
  const contactAt = new Int32Array(ix.contactCount);
  /** The latest session of the list started at or before t (advancing a cursor: t never decreases). */
  const latest = (lists: Int32Array[], cursor: Int32Array, owner: number, t: number): number => {
    if (owner < 0) return -1;
    const list = lists[owner];
    let k = cursor[owner];
    while (k < list.length && start[list[k]] <= t) k++;
    cursor[owner] = k;
    return k > 0 ? list[k - 1] : -1;
  };
  const out = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    const s = sessionOf[p];
    if (s >= 0) { out[p] = sessionSource[s]; continue; }
    const t = interactions[p].ts;
    let best = -1;
    for (const cand of [latest(byVisitor, visitorAt, visitorOf[p], t), latest(byContact, contactAt, contactOf[p], t)]) {
      if (cand >= 0 && t <= end[cand] + SESSION_GAP_MS && (best < 0 || start[cand] > start[best])) best = cand;
    }
    out[p] = best >= 0 ? sessionSource[best] : own(p);
  }
  return out;
}

function groupSessions(sessionFirst: Int32Array, ownerOf: (p: number) => number, owners: number): Int32Array[] {
  const counts = new Int32Array(owners);
  for (let s = 0; s < sessionFirst.length; s++) { const o = ownerOf(sessionFirst[s]); if (o >= 0) counts[o]++; }
  const lists = Array.from(counts, (c) => new Int32Array(c));
  counts.fill(0);
  for (let s = 0; s < sessionFirst.length; s++) { const o = ownerOf(sessionFirst[s]); if (o >= 0) lists[o][counts[o]++] = s; }
  return lists;
}

/**
 * @fileoverview The per-campaign figures (campaign-figures.ts) from a live analysis: credit splits
 * read conversion by conversion, assets and tagged page views counted interaction by interaction.
 * A warehouse computes the same figures in SQL.
 */
import { interactionsByAsset, type Analysis } from '../analysis';
import { attribute, campaignShare, splitOf } from '../attribution/credit';
import { modelServes, REPORT_TYPES, type AttributionModel, type ReportType } from '../attribution/catalog';
import { contactList, contactRows, type ContactList, type ContactListOptions } from '../metrics/contact-lists';
import { inRange, type DateRange } from '../time/range';
import { SOURCE_CATEGORIES, type Asset, type Interaction } from '../workbook/types';
import { hostOf } from '../web/url';
import { tallyAssets } from './asset-measures';
import {
  emptyCredit, type AssetCredit, type AssetFigures, type AssetInfo, type CreditedConversions, type DrillDown, type DrillEntry,
  type TrafficFigures, type TrafficTally,
} from './campaign-figures';
import type { ContactListPage } from './report-data';

const assetInfo = (x: Asset): AssetInfo => ({ index: x.index, id: x.id, type: x.type, name: x.name });

/** One entry per credited interaction of the campaign, newest conversions first. */
export function liveDrillDown(a: Analysis, type: ReportType, model: AttributionModel, range: DateRange, k: number, limit: number): DrillDown {
  const att = attribute(a, type, model, range);
  const { interactions, contactOf, assetOf, sourceOf, workbook } = a.model;
  const entries: DrillEntry[] = [];
  let total = 0;
  // Newest conversions first: what a marketer checks after a refresh.
  const order = att.conversions.map((_, i) => i).sort((x, y) => att.conversions[y].when - att.conversions[x].when);
  for (const ci of order) {
    const c = att.conversions[ci];
    const split = splitOf(att, ci);
    const deal = type === 'revenue' ? workbook.deals[c.key] : null;
    for (let e = 0; e < split.share.length; e++) {
      if (split.campaign[e] !== k || split.share[e] <= 0) continue;
      total++;
      if (entries.length >= limit) continue;
      const p = c.path[split.touch[e]];
      const i = interactions[p];
      const asset = assetOf[p] >= 0 ? workbook.assets[assetOf[p]] : null;
      entries.push({
        conversion: c.id, dealName: deal ? deal.name : null, when: c.when, value: c.value,
        contact: contactOf[p] >= 0 ? workbook.contacts[contactOf[p]].id : '', interaction: i.id, ts: i.ts, type: i.type,
        asset: asset ? asset.name || asset.id : '', source: sourceOf[p], share: split.share[e],
      });
    }
  }
  return { entries, total };
}

export function liveCreditedConversions(a: Analysis, type: ReportType, model: AttributionModel, range: DateRange, k: number): CreditedConversions {
  const att = attribute(a, type, model, range);
  const out: CreditedConversions = { count: 0, value: 0, times: [], credit: [], values: [] };
  att.conversions.forEach((c, ci) => {
    const share = campaignShare(splitOf(att, ci), k);
    if (share <= 0) return;
    out.count++;
    out.value += c.value;
    out.times.push(c.when);
    out.credit.push(share * c.value);
    out.values.push(c.value);
  });
  return out;
}

/** Credit the campaign's interactions earned per asset, for each report type the model serves. */
export function liveAssetCredit(a: Analysis, k: number, model: AttributionModel, range: DateRange): AssetCredit[] {
  const out = new Map<number, AssetCredit>();
  const { assetOf, workbook } = a.model;
  for (const type of REPORT_TYPES) {
    if (!modelServes(model, type)) continue;
    const att = attribute(a, type, model, range);
    att.conversions.forEach((c, ci) => {
      const split = splitOf(att, ci);
      for (let e = 0; e < split.share.length; e++) {
        if (split.campaign[e] !== k || split.share[e] <= 0) continue;
        const asset = assetOf[c.path[split.touch[e]]];
        let row = out.get(asset);
        if (!row) out.set(asset, (row = { asset: asset >= 0 ? assetInfo(workbook.assets[asset]) : null, credit: emptyCredit() }));
        row.credit[type] += split.share[e] * c.value;
      }
    });
  }
  return [...out.values()];
}

export function liveContactList(a: Analysis, k: number, list: ContactList, range: DateRange, o: ContactListOptions, limit: number): ContactListPage {
  const { entries, range: covers } = contactList(a, k, list, range, o);
  return { rows: contactRows(a, entries, limit), total: entries.length, range: covers };
}

/** The campaign's assets (any association), each over its whole history in the range. */
export function liveAssets(a: Analysis, k: number, range: DateRange, contactLimit: number): AssetFigures[] {
  const { interactions, contactOf, workbook } = a.model;
  const byAsset = interactionsByAsset(a);
  const assets = workbook.assets.filter((asset) => asset.associations.some((as) => as.campaign === k));
  const tallies = tallyAssets(a, assets.map((x) => x.index), byAsset, range);
  return assets.map((asset) => {
    const days = new Map<string, AssetFigures['days'][number]>();
    const who = new Map<number, { first: number; last: number; count: number }>();
    for (const p of byAsset[asset.index]) {
      const i = interactions[p];
      if (!inRange(i.ts, range)) continue;
      const day = a.zone.dayOf(i.ts);
      const key = `${day}|${i.type}`;
      const d = days.get(key);
      if (d) d.count++; else days.set(key, { day, type: i.type, count: 1 });
      const c = contactOf[p];
      if (c < 0) continue;
      const w = who.get(c);
      if (w) { w.last = i.ts; w.count++; } else who.set(c, { first: i.ts, last: i.ts, count: 1 });
    }
    const people = [...who].sort((x, y) => x[1].first - y[1].first || x[0] - y[0]);
    return {
      asset: assetInfo(asset),
      tally: tallies.get(asset.index)!,
      days: [...days.values()],
      contacts: people.slice(0, contactLimit).map(([c, w]) => ({ contact: workbook.contacts[c].id, ...w })),
      contactTotal: people.length,
    };
  });
}

/** Per contact, the position of its first page view, or -1. */
const firstPageViews = (a: Analysis) =>
  (a.cache.firstPageViews ??= Int32Array.from(a.model.byContact, (list) => {
    for (const p of list) if (a.model.interactions[p].type === 'page view') return p;
    return -1;
  }));

const NOT_SET = '(not set)';

/** The breakdown a page view of a source category falls in, and its key there. */
function trafficBreakdown(i: Interaction, category: string): ['term' | 'platform' | 'sourceMedium', string] | null {
  if (category === 'Paid search') return ['term', i.utm.term || NOT_SET];
  if (category === 'Organic social') return ['platform', i.platform || i.utm.source.toLowerCase() || hostOf(i.referrer) || NOT_SET];
  if (category === 'Other campaigns') return ['sourceMedium', `${i.utm.source || NOT_SET} / ${i.utm.medium || NOT_SET}`];
  return null;
}

export function liveTraffic(a: Analysis, k: number, range: DateRange): TrafficFigures {
  const { workbook, interactions, sourceOf, sessionOf, sessionIsNew, sessionFirst } = a.model;
  const utm = new Set(workbook.campaigns[k].utm);
  const tagged = (i: Interaction) => i.type === 'page view' && i.utm.campaign !== '' && utm.has(i.utm.campaign.trim().toLowerCase());
  interface Counting { views: number; sessions: Set<number>; contacts: number }
  const fresh = (): Counting => ({ views: 0, sessions: new Set(), contacts: 0 });
  const bySource = SOURCE_CATEGORIES.map(fresh);
  const maps = { term: new Map<string, Counting>(), platform: new Map<string, Counting>(), sourceMedium: new Map<string, Counting>() };
  const tally = (p: number): Counting | null => {
    const s = sessionOf[p];
    // The breakdown follows the session's source, so it reads the session's first page view.
    const bk = trafficBreakdown(s >= 0 ? interactions[sessionFirst[s]] : interactions[p], SOURCE_CATEGORIES[sourceOf[p]]);
    if (!bk) return null;
    const map = maps[bk[0]];
    let t = map.get(bk[1]);
    if (!t) map.set(bk[1], (t = fresh()));
    return t;
  };
  if (utm.size) {
    for (let p = 0; p < interactions.length; p++) {
      const i = interactions[p];
      if (!inRange(i.ts, range) || !tagged(i)) continue;
      const s = sessionOf[p];
      const isNew = s >= 0 && sessionIsNew[s] === 1;
      for (const t of [bySource[sourceOf[p]], tally(p)]) {
        if (!t) continue;
        t.views++;
        if (isNew) t.sessions.add(s);
      }
    }
    const firsts = firstPageViews(a);
    for (const c of workbook.contacts) {
      const p = firsts[c.index];
      if (p < 0 || !inRange(c.createdAt, range) || !tagged(interactions[p])) continue;
      bySource[sourceOf[p]].contacts++;
      const t = tally(p);
      if (t) t.contacts++;
    }
  }
  const done = (t: Counting): TrafficTally => ({ views: t.views, sessions: t.sessions.size, contacts: t.contacts });
  const doneMap = (m: Map<string, Counting>) => new Map([...m].map(([key, t]) => [key, done(t)]));
  return { bySource: bySource.map(done), term: doneMap(maps.term), platform: doneMap(maps.platform), sourceMedium: doneMap(maps.sourceMedium) };
}

/**
 * @fileoverview The report tabs' data from a live analysis of the source tabs: the formulas' live
 * data plus the report-only figures (assets, traffic, drill-down, credited conversions, journeys),
 * counted from the engine's model. A warehouse provides the same figures from SQL.
 */
import { interactionsByAsset, type Analysis } from '../analysis';
import { attribute, campaignShare, creditedConversions, splitOf } from '../attribution/credit';
import { journeyCounts, removalEffects } from '../attribution/data-driven';
import { metricEvents } from '../metrics/campaign-metrics';
import { bucketSums, buckets, dataSpanOf } from '../metrics/trend';
import { liveData } from '../formulas/live-data';
import type { ReportCell } from '../report-tab/report-tab';
import { inRange } from '../time/range';
import { dateTimeText } from '../time/zone';
import { hostOf } from '../web/url';
import { ASSET_TYPES, SOURCE_CATEGORIES, type Interaction, type InteractionType } from '../workbook/types';
import type { AssetFigures, ReportData, TrafficFigures, TrafficTally } from './report-data';

const CLICKS: ReadonlySet<InteractionType> = new Set(['email click', 'cta click', 'ad click', 'social click']);

export function liveReportData(a: Analysis): ReportData {
  return {
    ...liveData(a),
    currency: a.settings.currency,
    campaignDetails: a.model.workbook.campaigns,
    check: a.model.workbook.check,
    trend(campaign, metric, range, frequency, touch = 'first touch') {
      const b = buckets(a, range, frequency, () => dataSpanOf(a));
      return { labels: b.labels, values: bucketSums(b, metricEvents(a, campaign, metric, range, touch)) };
    },
    conversionTotals(type, range) {
      const att = attribute(a, type, 'Linear', range);
      return { count: att.conversions.length, value: att.totalValue };
    },
    credited(type, model, range, k) {
      const att = attribute(a, type, model, range);
      let conversions = 0, value = 0;
      const contacts = new Set<number>();
      att.conversions.forEach((c, ci) => {
        const split = splitOf(att, ci);
        if (campaignShare(split, k) > 0) { conversions++; value += c.value; }
        for (let e = 0; e < split.share.length; e++) {
          if (split.campaign[e] === k && split.share[e] > 0) contacts.add(a.model.contactOf[c.path[split.touch[e]]]);
        }
      });
      return { conversions, value, contacts: contacts.size };
    },
    drillDown: (type, model, range, k, limit) => drillDownRows(a, type, model, range, k, limit),
    assets: (k, range) => assetFigures(a, k, range),
    traffic: (k, range) => trafficFigures(a, k, range),
    shapleyConversions: (type, range) => creditedConversions(a, type, 'Shapley', range),
    journeys(type) {
      const { journeys, converting } = journeyCounts(a, type);
      return { journeys, converting, conversionProbability: removalEffects(a, type).conversionProbability };
    },
  };
}

/** One drill-down row per credited interaction of the campaign, newest conversions first. */
function drillDownRows(a: Analysis, type: Parameters<typeof attribute>[1], model: Parameters<typeof attribute>[2], range: Parameters<typeof attribute>[3], k: number, limit: number): { rows: ReportCell[][]; total: number } {
  const att = attribute(a, type, model, range);
  const { interactions, contactOf, assetOf, sourceOf, workbook } = a.model;
  const rows: ReportCell[][] = [];
  let total = 0;
  // Newest conversions first: what a marketer checks after a refresh.
  const order = att.conversions.map((_, i) => i).sort((x, y) => att.conversions[y].when - att.conversions[x].when);
  for (const ci of order) {
    const c = att.conversions[ci];
    const split = splitOf(att, ci);
    for (let e = 0; e < split.share.length; e++) {
      if (split.campaign[e] !== k || split.share[e] <= 0) continue;
      total++;
      if (rows.length >= limit) continue;
      const p = c.path[split.touch[e]];
      const i = interactions[p];
      const asset = assetOf[p] >= 0 ? workbook.assets[assetOf[p]] : null;
      rows.push([
        c.id,
        contactOf[p] >= 0 ? workbook.contacts[contactOf[p]].id : '',
        i.id,
        dateTimeText(i.ts, a.zone),
        i.type,
        asset ? asset.name || asset.id : '',
        SOURCE_CATEGORIES[sourceOf[p]],
        split.share[e],
        split.share[e] * c.value,
      ]);
    }
  }
  return { rows, total };
}

/** Each asset of the campaign over its whole history in the range (association time does not limit it). */
function assetFigures(a: Analysis, k: number, range: Parameters<typeof inRange>[1]): AssetFigures[] {
  const { workbook, interactions, sessionOf, contactOf } = a.model;
  const byAsset = interactionsByAsset(a);
  return workbook.assets
    .filter((asset) => asset.associations.some((as) => as.campaign === k))
    .sort((x, y) => ASSET_TYPES.indexOf(x.type) - ASSET_TYPES.indexOf(y.type) || (x.name || x.id).localeCompare(y.name || y.id))
    .map((asset) => {
      let views = 0, forms = 0, clicks = 0, opens = 0;
      const sessions = new Set<number>();
      const contacts = new Set<number>();
      for (const p of byAsset[asset.index]) {
        const i = interactions[p];
        if (!inRange(i.ts, range)) continue;
        if (i.type === 'page view') { views++; if (sessionOf[p] >= 0) sessions.add(sessionOf[p]); }
        else if (i.type === 'form submission') forms++;
        else if (i.type === 'email open') opens++;
        else if (CLICKS.has(i.type)) clicks++;
        if (contactOf[p] >= 0) contacts.add(contactOf[p]);
      }
      return { type: asset.type, name: asset.name || asset.id, id: asset.id, views, sessions: sessions.size, forms, clicks, opens, contacts: contacts.size };
    });
}

/** Per contact, the position of its first page view, or -1. */
const firstPageViews = (a: Analysis) =>
  (a.cache.firstPageViews ??= Int32Array.from(a.model.byContact, (list) => {
    for (const p of list) if (a.model.interactions[p].type === 'page view') return p;
    return -1;
  }));

const NOT_SET = '(not set)';

/** Page views tagged with the campaign's UTM value, by source category, with three breakdowns. */
function trafficFigures(a: Analysis, k: number, range: Parameters<typeof inRange>[1]): TrafficFigures {
  const { workbook, interactions, sourceOf, sessionOf, sessionIsNew } = a.model;
  const utm = new Set(workbook.campaigns[k].utm);
  const tagged = (i: Interaction) => i.type === 'page view' && i.utm.campaign !== '' && utm.has(i.utm.campaign.trim().toLowerCase());
  interface Tally { views: number; sessions: Set<number>; contacts: number }
  const bySource = SOURCE_CATEGORIES.map((): Tally => ({ views: 0, sessions: new Set(), contacts: 0 }));
  const breakdowns = { term: new Map<string, Tally>(), platform: new Map<string, Tally>(), sourceMedium: new Map<string, Tally>() };
  const breakdownKey = (i: Interaction, category: string): [Map<string, Tally>, string] | null => {
    if (category === 'Paid search') return [breakdowns.term, i.utm.term || NOT_SET];
    if (category === 'Organic social') return [breakdowns.platform, i.platform || i.utm.source.toLowerCase() || hostOf(i.referrer) || NOT_SET];
    if (category === 'Other campaigns') return [breakdowns.sourceMedium, `${i.utm.source || NOT_SET} / ${i.utm.medium || NOT_SET}`];
    return null;
  };
  const tally = (map: Map<string, Tally>, key: string) => {
    let t = map.get(key);
    if (!t) map.set(key, (t = { views: 0, sessions: new Set(), contacts: 0 }));
    return t;
  };
  if (utm.size) {
    for (let p = 0; p < interactions.length; p++) {
      const i = interactions[p];
      if (!inRange(i.ts, range) || !tagged(i)) continue;
      const category = SOURCE_CATEGORIES[sourceOf[p]];
      const s = sessionOf[p];
      const isNew = s >= 0 && sessionIsNew[s] === 1;
      const bucket = bySource[sourceOf[p]];
      bucket.views++;
      if (isNew) bucket.sessions.add(s);
      const bk = breakdownKey(i, category);
      if (bk) {
        const t = tally(bk[0], bk[1]);
        t.views++;
        if (isNew) t.sessions.add(s);
      }
    }
    const firsts = firstPageViews(a);
    for (const c of workbook.contacts) {
      const p = firsts[c.index];
      if (p < 0 || !inRange(c.createdAt, range) || !tagged(interactions[p])) continue;
      const category = SOURCE_CATEGORIES[sourceOf[p]];
      bySource[sourceOf[p]].contacts++;
      const bk = breakdownKey(interactions[p], category);
      if (bk) tally(bk[0], bk[1]).contacts++;
    }
  }
  const plain = (t: Tally): TrafficTally => ({ views: t.views, newVisitorSessions: t.sessions.size, contacts: t.contacts });
  const list = (m: Map<string, Tally>): [string, TrafficTally][] => [...m].map(([key, t]) => [key, plain(t)]);
  return { bySource: bySource.map(plain), term: list(breakdowns.term), platform: list(breakdowns.platform), sourceMedium: list(breakdowns.sourceMedium) };
}

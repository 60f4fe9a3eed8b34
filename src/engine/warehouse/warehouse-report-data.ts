/**
 * @fileoverview The report tabs' data (reports/report-data.ts) from a warehouse: the formula data
 * over the store made from its results, plus per-campaign figures asked of the warehouse. The tab
 * builders are synchronous, so a run is a few passes: each pass builds the tabs on what has been
 * fetched, noting what is missing; the missing queries run; the last pass misses nothing.
 */
import { isDataDriven } from '../attribution/data-driven';
import { REPORT_TYPES, type AttributionModel, type ReportType } from '../attribution/catalog';
import type { PlayerFigures } from '../formulas/formula-data';
import type { FormulaStore } from '../formula-store/store';
import { metricSlot } from '../formula-store/store-layout';
import { dayBuckets } from '../metrics/trend';
import type { ReportCell } from '../report-tab/report-tab';
import type { AssetFigures, CampaignDetails, ReportData, TrafficFigures, TrafficTally } from '../reports/report-data';
import type { DateRange } from '../time/range';
import { dateTimeText } from '../time/zone';
import type { DataCheck } from '../workbook/data-check';
import { ASSET_TYPES, SOURCE_CATEGORIES, type AssetType } from '../workbook/types';
import type { Dialect } from './dialect';
import { assetsStatement, campaignConversionsStatement, drillTouchesStatement, trafficStatement, type Bounds } from './report-sql';
import { campaignsOf, fitDataDriven, rowsOf, setShares, type DataDrivenFit, type Results } from './results';
import type { ResultRow } from './runner';
import { contactsWithRevenueStatement, NONE_PLAYER_SQL, weightColumn, type Statement } from './statements';
import { warehouseData } from './warehouse-data';

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const bounds = (r: DateRange): Bounds => ({ from: Number.isFinite(r.from) ? r.from : null, to: Number.isFinite(r.to) ? r.to : null });
const rangeKey = (r: DateRange) => `${r.from}:${r.to}`;

/** A query the tabs need, by a key naming what it answers. */
export interface Request {
  key: string;
  statement: Statement;
}

/** Answers fetched so far, by request key. */
export type Fetched = Map<string, ResultRow[]>;

export interface WarehouseReportInput {
  dialect: Dialect;
  store: FormulaStore;
  results: Results;
  currency: string;
  check: DataCheck;
}

/** What is derived once from the results: campaign details, fitted models, player shares per set. */
export interface Prepared extends WarehouseReportInput {
  campaignDetails: CampaignDetails[];
  fits: Record<ReportType, DataDrivenFit>;
  shares(rt: number, setKey: string): { markov: Map<number, number>; shapley: Map<number, number> };
}

export function prepare(input: WarehouseReportInput): Prepared {
  const rows = rowsOf(input.results, 'campaigns');
  const k = rows.length;
  const fits = fitDataDriven(input.results, k);
  const cache = new Map<string, { markov: Map<number, number>; shapley: Map<number, number> }>();
  const goal = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    ...input,
    fits,
    campaignDetails: rows.map((r, i) => ({
      id: campaignsOf(input.results)[i].id,
      name: String(r.name),
      utm: [...new Set(String(r.utm_campaign ?? '').split(/[;,]/).map((u) => u.trim().toLowerCase()).filter(Boolean))],
      goals: { sessions: goal(r.goal_sessions), newContacts: goal(r.goal_new_contacts), influencedContacts: goal(r.goal_influenced_contacts), revenue: goal(r.goal_revenue) },
      budget: goal(r.budget),
      spend: goal(r.spend),
    })),
    shares(rt, setKey) {
      const key = `${rt}|${setKey}`;
      let s = cache.get(key);
      if (!s) {
        const players = setKey.split(',').map((p) => (Number(p) === NONE_PLAYER_SQL ? k : Number(p)));
        const fit = fits[REPORT_TYPES[rt]];
        s = { markov: setShares(players, fit.markov.removalEffects), shapley: setShares(players, fit.shapley.valuesFor(players)) };
        cache.set(key, s);
      }
      return s;
    },
  };
}

/** The report data of one pass: what `fetched` holds, noting missing requests in `missing`. */
export function warehouseReportData(p: Prepared, fetched: Fetched, missing: Map<string, Request>): ReportData {
  const { dialect: d, store } = p;
  const k = p.campaignDetails.length;
  const need = (key: string, statement: () => Statement): ResultRow[] | null => {
    const rows = fetched.get(key);
    if (rows) return rows;
    if (!missing.has(key)) missing.set(key, { key, statement: statement() });
    return null;
  };
  const cwr = new Map<string, number[]>();
  for (const [key, rows] of fetched) {
    if (!key.startsWith('cwr|')) continue;
    const values = new Array<number>(k).fill(0);
    for (const r of rows) values[num(r.campaign_idx)] = num(r.contacts);
    cwr.set(key.slice(4), values);
  }
  const cwrMissing = new Map<string, DateRange>();
  const base = warehouseData(store, cwr, cwrMissing);
  const daySpan = (r: DateRange) => [r.fromDay ?? -Infinity, r.toDay ?? Infinity] as const;
  const setDays = (type: ReportType, range: DateRange) => {
    const rt = REPORT_TYPES.indexOf(type);
    const [lo, hi] = daySpan(range);
    return rowsOf(p.results, 'converting_set_days').filter((r) => num(r.rt) === rt && num(r.day) >= lo && num(r.day) <= hi);
  };
  const conversionsOf = (type: ReportType, campaign: number, range: DateRange) =>
    need(`conv|${type}|${campaign}|${rangeKey(range)}`, () => campaignConversionsStatement(d, REPORT_TYPES.indexOf(type), campaign, bounds(range)));
  /** Per touched conversion: the touches credited under the model (0: none) and the share of each. */
  const creditOf = (type: ReportType, model: AttributionModel, r: ResultRow, campaign: number): { touches: number; share: number | null; contacts: string } => {
    if (isDataDriven(model)) {
      const shares = p.shares(REPORT_TYPES.indexOf(type), String(r.set_key));
      const s = (model === 'Markov' ? shares.markov : shares.shapley).get(campaign) ?? 0;
      return s > 0 ? { touches: num(r.k_touches), share: s / num(r.k_touches), contacts: String(r.contacts ?? '') } : { touches: 0, share: null, contacts: '' };
    }
    return { touches: num(r[weightColumn(model)]), share: null, contacts: String(r[`c_${weightColumn(model)}`] ?? '') };
  };

  const data: ReportData = {
    ...base,
    metric(campaign, metric, range, touch) {
      const v = base.metric(campaign, metric, range, touch);
      for (const [key, r] of cwrMissing) need(`cwr|${key}`, () => contactsWithRevenueStatement(d, [bounds(r)]));
      cwrMissing.clear();
      return v;
    },
    currency: p.currency,
    campaignDetails: p.campaignDetails,
    check: p.check,
    trend(campaign, metric, range, frequency, touch = 'first touch') {
      if (metric !== 'new contacts' || touch === 'first touch') return base.trend(campaign, metric, range, frequency);
      const s = store.series[store.layout.metric(metricSlot(metric, touch), campaign)];
      const b = dayBuckets(base.zone, range, frequency, () => store.meta.dataDays);
      const values = new Array<number>(b.labels.length).fill(0);
      const lo = Math.max(0, (range.fromDay ?? store.meta.firstDay) - store.meta.firstDay);
      const hi = Math.min(store.meta.days - 1, (range.toDay ?? store.meta.firstDay + store.meta.days - 1) - store.meta.firstDay);
      for (let day = lo; s && day <= hi; day++) {
        if (!s[day]) continue;
        const i = b.indexOf(base.zone.startOfDay(store.meta.firstDay + day));
        if (i >= 0) values[i] += s[day];
      }
      return { labels: b.labels, values };
    },
    conversionTotals(type, range) {
      const rt = REPORT_TYPES.indexOf(type);
      const [lo, hi] = daySpan(range);
      let count = 0, value = 0;
      for (const r of rowsOf(p.results, 'conversion_days')) {
        if (num(r.rt) !== rt || num(r.day) < lo || num(r.day) > hi) continue;
        count += num(r.conversions);
        value += num(r.value);
      }
      return { count, value };
    },
    credited(type, model, range, campaign) {
      const rows = conversionsOf(type, campaign, range);
      let conversions = 0, value = 0;
      const contacts = new Set<string>();
      for (const r of rows ?? []) {
        const c = creditOf(type, model, r, campaign);
        if (c.touches === 0) continue;
        conversions++;
        value += num(r.value);
        for (const id of c.contacts.split(',')) if (id) contacts.add(id);
      }
      return { conversions, value, contacts: contacts.size };
    },
    drillDown(type, model, range, campaign, limit) {
      const rows = conversionsOf(type, campaign, range) ?? [];
      let total = 0;
      const chosen: { r: ResultRow; share: number | null }[] = [];
      for (const r of rows) {
        const c = creditOf(type, model, r, campaign);
        if (c.touches === 0) continue;
        if (total < limit) chosen.push({ r, share: c.share });
        total += c.touches;
      }
      const keys = chosen.map((c) => num(c.r.conv_key));
      const touches = need(`drill|${type}|${campaign}|${keys.join(',')}`, () => drillTouchesStatement(d, REPORT_TYPES.indexOf(type), campaign, keys));
      const out: ReportCell[][] = [];
      if (!touches) return { rows: out, total };
      const byConversion = new Map<number, ResultRow[]>();
      for (const t of touches) {
        const list = byConversion.get(num(t.conv_key)) ?? [];
        list.push(t);
        byConversion.set(num(t.conv_key), list);
      }
      for (const { r, share } of chosen) {
        for (const t of byConversion.get(num(r.conv_key)) ?? []) {
          const s = share ?? num(t[weightColumn(model)]);
          if (!(s > 0) || out.length >= limit) continue;
          out.push([String(r.conv_id), String(t.contact_id ?? ''), String(t.interaction_id), dateTimeText(num(t.ts_ms), base.zone), String(t.type), String(t.asset ?? ''),
            SOURCE_CATEGORIES[num(t.source_idx)], s, s * num(r.value)]);
        }
      }
      return { rows: out, total };
    },
    assets(campaign, range) {
      const rows = need(`assets|${campaign}|${rangeKey(range)}`, () => assetsStatement(d, campaign, bounds(range))) ?? [];
      const figures: AssetFigures[] = rows.map((r) => ({
        type: String(r.type) as AssetType, name: String(r.name || r.asset_id), id: String(r.asset_id),
        views: num(r.views), sessions: num(r.sessions), forms: num(r.forms), clicks: num(r.clicks), opens: num(r.opens), contacts: num(r.contacts),
      }));
      return figures.sort((x, y) => ASSET_TYPES.indexOf(x.type) - ASSET_TYPES.indexOf(y.type) || x.name.localeCompare(y.name));
    },
    traffic(campaign, range): TrafficFigures {
      const rows = need(`traffic|${campaign}|${rangeKey(range)}`, () => trafficStatement(d, campaign, bounds(range))) ?? [];
      const bySource = SOURCE_CATEGORIES.map((): TrafficTally => ({ views: 0, newVisitorSessions: 0, contacts: 0 }));
      const maps: Record<string, Map<string, TrafficTally>> = { term: new Map(), platform: new Map(), 'source / medium': new Map() };
      for (const r of rows) {
        const t = r.breakdown === 'source' ? bySource[num(r.breakdown_key)] : (() => {
          const m = maps[String(r.breakdown)];
          let x = m.get(String(r.breakdown_key));
          if (!x) m.set(String(r.breakdown_key), (x = { views: 0, newVisitorSessions: 0, contacts: 0 }));
          return x;
        })();
        t.views += num(r.views);
        t.newVisitorSessions += num(r.sessions);
        t.contacts += num(r.contacts);
      }
      return { bySource, term: [...maps.term], platform: [...maps.platform], sourceMedium: [...maps['source / medium']] };
    },
    shapleyConversions(type, range): PlayerFigures {
      const out = new Float64Array(k + 1);
      for (const r of setDays(type, range)) {
        for (const [player, share] of p.shares(REPORT_TYPES.indexOf(type), String(r.set_key)).shapley) out[player] += share * num(r.conversions);
      }
      return out;
    },
    journeys(type) {
      const fit = p.fits[type];
      return { journeys: fit.journeys, converting: fit.converting, conversionProbability: fit.markov.conversionProbability };
    },
  };
  return data;
}

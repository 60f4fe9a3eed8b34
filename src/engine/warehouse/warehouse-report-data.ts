/**
 * @fileoverview The report tabs' data (reports/report-data.ts) from a warehouse: the formula data
 * over the store made from its results, plus per-campaign figures asked of the warehouse. The tab
 * builders are synchronous, so a run is a few passes: each pass builds the tabs on what has been
 * fetched, noting what is missing; the missing queries run; the last pass misses nothing.
 */
import { REPORT_TYPES, type ReportType } from '../attribution/catalog';
import type { PlayerFigures } from '../formulas/formula-data';
import type { FormulaStore } from '../formula-store/store';
import { metricSlot } from '../formula-store/store-layout';
import { dayBuckets } from '../metrics/trend';
import type { CampaignDetails, ReportData } from '../reports/report-data';
import type { DateRange } from '../time/range';
import type { DataCheck } from '../workbook/data-check';
import type { Dialect } from './dialect';
import type { Bounds } from './report-sql';
import { campaignsOf, fitDataDriven, rowsOf, setShares, type DataDrivenFit, type Results } from './results';
import type { ResultRow } from './runner';
import { contactsWithRevenueStatement, NONE_PLAYER_SQL, type Statement } from './statements';
import { warehouseData } from './warehouse-data';

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const bounds = (r: DateRange): Bounds => ({ from: Number.isFinite(r.from) ? r.from : null, to: Number.isFinite(r.to) ? r.to : null });

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

/**
 * @fileoverview The report tabs' data (reports/report-data.ts) from a warehouse: the formula data
 * over the store made from its results, plus per-campaign figures asked of the warehouse. The tab
 * builders are synchronous, so a run is a few passes: each pass builds the tabs on what has been
 * fetched, noting what is missing; the missing queries run; the last pass misses nothing.
 */
import { DEFAULT_MODEL, modelServes, REPORT_TYPES, type AttributionModel, type ReportType } from '../attribution/catalog';
import { isDataDriven } from '../attribution/data-driven';
import { contactRowsTable, type ContactRow } from '../metrics/contact-lists';
import {
  emptyCredit, type AssetCredit, type AssetFigures, type AssetInfo, type AssetTally, type CreditedConversions, type DrillDown,
  type TrafficFigures, type TrafficTally,
} from '../reports/campaign-figures';
import { revenueRange } from '../time/range';
import { SOURCE_CATEGORIES, type AssetType, type InteractionType } from '../workbook/types';
import type { PlayerFigures } from '../formulas/formula-data';
import type { FormulaStore } from '../formula-store/store';
import { metricSlot } from '../formula-store/store-layout';
import { dayBuckets } from '../metrics/trend';
import type { CampaignDetails, ReportData } from '../reports/report-data';
import type { DateRange } from '../time/range';
import type { DataCheck } from '../workbook/data-check';
import type { Dialect } from './dialect';
import {
  assetContactsStatement, assetCreditStatement, assetDaysStatement, assetTotalsStatement, contactListStatement, creditedConversionsStatement,
  drillDownStatement, trafficStatement, type Bounds, type CampaignCredit,
} from './report-sql';
import { campaignsOf, fitDataDriven, rowsOf, setShares, type DataDrivenFit, type Results } from './results';
import type { ResultRow } from './runner';
import { contactsWithRevenueStatement, NONE_PLAYER_SQL, type Statement } from './statements';
import { warehouseData } from './warehouse-data';

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const key = (...parts: unknown[]) => JSON.stringify(parts, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
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
  /** A data-driven model's share of the campaign in conversions with this player set. */
  setShare(rt: number, model: AttributionModel, setKey: string, campaign: number): number;
  /** How SQL tells the campaign's credited touches under the model (data-driven: the sets sharing it). */
  creditOf(rt: number, model: AttributionModel, campaign: number): CampaignCredit;
}

export function prepare(input: WarehouseReportInput): Prepared {
  const rows = rowsOf(input.results, 'campaigns');
  const k = rows.length;
  const fits = fitDataDriven(input.results, k);
  const cache = new Map<string, { markov: Map<number, number>; shapley: Map<number, number> }>();
  const goal = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const shares = (rt: number, setKey: string) => {
    const key = `${rt}|${setKey}`;
    let s = cache.get(key);
    if (!s) {
      const players = setKey.split(',').map((p) => (Number(p) === NONE_PLAYER_SQL ? k : Number(p)));
      const fit = fits[REPORT_TYPES[rt]];
      s = { markov: setShares(players, fit.markov.removalEffects), shapley: setShares(players, fit.shapley.valuesFor(players)) };
      cache.set(key, s);
    }
    return s;
  };
  const setShare = (rt: number, model: AttributionModel, setKey: string, campaign: number) =>
    (model === 'Markov' ? shares(rt, setKey).markov : shares(rt, setKey).shapley).get(campaign) ?? 0;
  // Converting player sets per report type, to pick those sharing credit with a campaign.
  const converting = REPORT_TYPES.map(() => new Set<string>());
  for (const r of rowsOf(input.results, 'converting_set_days')) converting[num(r.rt)].add(String(r.set_key));
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
    shares,
    setShare,
    creditOf(rt, model, campaign) {
      if (!isDataDriven(model)) return { model };
      const positiveSets = [...converting[rt]].filter((set) => set.split(',').includes(String(campaign)) && setShare(rt, model, set, campaign) > 0).sort();
      return { model, positiveSets };
    },
  };
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const infoOf = (r: ResultRow): AssetInfo => ({ index: num(r.asset_idx), id: text(r.asset_id), type: text(r.type) as AssetType, name: text(r.name) });

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
    drillDown(type, model, range, campaign, limit): DrillDown {
      const rt = REPORT_TYPES.indexOf(type);
      const rows = need(key('drill', rt, model, range, campaign, limit), () => drillDownStatement(d, rt, campaign, bounds(range), p.creditOf(rt, model, campaign), limit));
      if (!rows) return { entries: [], total: 0 };
      const dataDriven = isDataDriven(model);
      return {
        total: rows.length ? num(rows[0].total) : 0,
        entries: rows.map((r) => ({
          conversion: text(r.conv_id), dealName: type === 'revenue' ? text(r.deal_name) : null, when: num(r.when_ms), value: num(r.value),
          contact: text(r.contact_id), interaction: text(r.interaction_id), ts: num(r.ts_ms), type: text(r.type), asset: text(r.asset),
          source: num(r.source_idx), share: (dataDriven ? p.setShare(rt, model, text(r.set_key), campaign) : 1) * num(r.weight),
        })),
      };
    },
    creditedConversions(type, model, range, campaign): CreditedConversions {
      const rt = REPORT_TYPES.indexOf(type);
      const out: CreditedConversions = { count: 0, value: 0, times: [], credit: [], values: [] };
      const rows = need(key('credited', rt, model, range, campaign), () => creditedConversionsStatement(d, rt, campaign, bounds(range), p.creditOf(rt, model, campaign)));
      for (const r of rows ?? []) {
        const value = num(r.value);
        out.count += num(r.conversions);
        out.value += value;
        out.times.push(base.zone.startOfDay(num(r.day)));
        out.credit.push(isDataDriven(model) ? p.setShare(rt, model, text(r.set_key), campaign) * value : num(r.credit));
        out.values.push(value);
      }
      return out;
    },
    assetCredit(campaign, model, range): AssetCredit[] {
      const out = new Map<number, AssetCredit>();
      REPORT_TYPES.forEach((type, rt) => {
        if (!modelServes(model, type)) return;
        const rows = need(key('asset-credit', rt, model, range, campaign), () => assetCreditStatement(d, rt, campaign, bounds(range), p.creditOf(rt, model, campaign)));
        for (const r of rows ?? []) {
          const asset = r.asset_idx === null || r.asset_idx === undefined ? -1 : num(r.asset_idx);
          let row = out.get(asset);
          if (!row) {
            out.set(asset, (row = {
              asset: asset < 0 ? null : { index: asset, id: text(r.asset_id), type: text(r.asset_type) as AssetType, name: text(r.asset_name) },
              credit: emptyCredit(),
            }));
          }
          row.credit[type] += (isDataDriven(model) ? p.setShare(rt, model, text(r.set_key), campaign) : 1) * num(r.credit);
        }
      });
      return [...out.values()];
    },
    contactList(campaign, list, range, options, limit) {
      const covers = list === 'contacts with revenue' ? revenueRange(range, base.zone, base.now) : range;
      const model = options.model ?? DEFAULT_MODEL;
      const touch = options.contactAttribution ?? 'first touch';
      // At least one row, so the count of all comes back with it.
      const asked = Math.max(1, limit);
      const rows = need(key('contacts', campaign, list, covers, model, touch, asked), () =>
        contactListStatement(d, campaign, bounds(covers), { list, contactAttribution: touch, credit: p.creditOf(2, model, campaign) }, asked));
      const out: ContactRow[] = (rows ?? []).slice(0, limit).map((r) => ({
        contact: text(r.contact_id), when: num(r.when_ms), interaction: text(r.interaction_id), type: text(r.type), asset: text(r.asset), deal: text(r.deal_id),
      }));
      return { rows: out, total: rows?.length ? num(rows[0].total) : 0, range: covers };
    },
    contacts(campaign, list, range, options) {
      return contactRowsTable(list, data.contactList(campaign, list, range, options, Infinity).rows, base.zone);
    },
    assets(campaign, range, contactLimit): AssetFigures[] {
      const b = bounds(range);
      const totals = need(key('asset-totals', campaign, range), () => assetTotalsStatement(d, campaign, b));
      const days = need(key('asset-days', campaign, range), () => assetDaysStatement(d, campaign, b));
      const contacts = need(key('asset-contacts', campaign, range, contactLimit), () => assetContactsStatement(d, campaign, b, contactLimit));
      if (!totals || !days || !contacts) return [];
      const out = new Map<number, AssetFigures>();
      for (const r of totals) {
        const tally: AssetTally = {
          count: new Map(), people: new Map(), contactsByType: new Map(), sessions: num(r.sessions), contacts: num(r.contacts),
          submissions: num(r.submissions), newContacts: num(r.new_contacts), interactions: num(r.interactions),
        };
        out.set(num(r.asset_idx), { asset: infoOf(r), tally, days: [], contacts: [], contactTotal: 0 });
      }
      for (const r of days) {
        const f = out.get(num(r.asset_idx));
        if (!f) continue;
        const type = text(r.type) as InteractionType;
        if (r.day === null || r.day === undefined) {
          f.tally.count.set(type, num(r.interactions));
          f.tally.people.set(type, num(r.people));
          f.tally.contactsByType.set(type, num(r.contacts));
        } else {
          f.days.push({ day: num(r.day), type, count: num(r.interactions) });
        }
      }
      for (const r of contacts) {
        const f = out.get(num(r.asset_idx));
        if (!f) continue;
        f.contacts.push({ contact: text(r.contact_id), first: num(r.first_ms), last: num(r.last_ms), count: num(r.interactions) });
        f.contactTotal = num(r.total);
      }
      return [...out.values()];
    },
    traffic(campaign, range): TrafficFigures {
      const fresh = (): TrafficTally => ({ views: 0, sessions: 0, contacts: 0 });
      const out: TrafficFigures = { bySource: SOURCE_CATEGORIES.map(fresh), term: new Map(), platform: new Map(), sourceMedium: new Map() };
      const rows = need(key('traffic', campaign, range), () => trafficStatement(d, campaign, bounds(range)));
      for (const r of rows ?? []) {
        const breakdown = text(r.breakdown);
        let t: TrafficTally;
        if (breakdown === 'source') {
          t = out.bySource[num(r.breakdown_key)];
        } else {
          const map = out[breakdown as 'term' | 'platform' | 'sourceMedium'];
          const k = text(r.breakdown_key);
          t = map.get(k) ?? fresh();
          map.set(k, t);
        }
        t.views += num(r.views);
        t.sessions += num(r.sessions);
        t.contacts += num(r.contacts);
      }
      return out;
    },
  };
  return data;
}

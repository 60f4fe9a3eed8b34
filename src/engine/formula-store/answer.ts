/**
 * @fileoverview Formulas answered from a stored refresh: the same arguments and results as the live
 * formulas (test/engine/formula-store.test.ts holds them equal), from day series summed over the
 * range instead of the source tabs.
 */
import { assertModelServes, modelsFor, parseModel, parseReportType } from '../attribution/catalog';
import { parseContactAttribution, parseMetric } from '../metrics/campaign-metrics';
import { dayBuckets, parseFrequency } from '../metrics/trend';
import { attributionColumns, NO_CAMPAIGN, NO_INTERACTIONS } from '../reports/attribution';
import { campaignIndexOf } from '../reports/query';
import type { ReportCell } from '../report-tab/report-tab';
import { presetRange, rangeFromArgs, revenueRange, type DateRange } from '../time/range';
import { timeZone } from '../time/zone';
import { dateArg, text, type FormulaArg } from '../formulas/arguments';
import { checkArguments, eachFirstCell, formulaByName, runFormula, type FormulaResult } from '../formulas/formulas';
import {
  contactsWithRevenueKey, creditKey, markovCountKey, metricKey, NO_INTERACTIONS_PLAYER, NONE_PLAYER, touchedKey,
  touchedValueKey, type StoreMeta,
} from './store';

/** Reads stored series by key (missing keys read as all zeros). */
export interface StoreReader {
  meta: StoreMeta;
  series(keys: string[]): Float64Array[];
}

const REVENUE_METRICS = new Set(['revenue', 'deals with revenue', 'contacts with revenue']);

export function answerFromStore(store: StoreReader, name: string, args: FormulaArg[]): FormulaResult {
  const spec = formulaByName(name);
  if (!spec.needsWorkbook) return runFormula(null, name, args);
  return eachFirstCell(spec, args, (cellArgs) => answerOne(store, spec.name, cellArgs));
}

function answerOne(store: StoreReader, name: string, args: FormulaArg[]): FormulaResult {
  const spec = formulaByName(name);
  checkArguments(spec, args);
  const m = store.meta;
  const zone = timeZone(m.timeZone);
  const range = (from: FormulaArg, to: FormulaArg, fallback: 'all' | 'last 365 days' = 'all') =>
    rangeFromArgs(dateArg(from, 'from'), dateArg(to, 'to'), zone, m.now, fallback);
  const span = (r: DateRange): [number, number] => [
    Math.max(0, (r.fromDay ?? m.firstDay) - m.firstDay),
    Math.min(m.days - 1, (r.toDay ?? m.firstDay + m.days - 1) - m.firstDay),
  ];
  const sums = (keys: string[], r: DateRange): number[] => {
    const [lo, hi] = span(r);
    return store.series(keys).map((s) => {
      let t = 0;
      for (let d = lo; d <= hi; d++) t += s[d];
      return t;
    });
  };
  const players = [...m.campaigns.map((_, k) => String(k)), NONE_PLAYER, NO_INTERACTIONS_PLAYER];
  const names = [...m.campaigns.map((c) => c.name), NO_CAMPAIGN, NO_INTERACTIONS];

  switch (spec.name) {
    case 'CAMPAIGN_METRIC': {
      const [campaign, metricArg, from, to, ca] = args;
      const k = campaignIndexOf(m.campaigns, text(campaign, 'campaign'));
      const metric = parseMetric(text(metricArg, 'metric'));
      const r = range(from, to, REVENUE_METRICS.has(metric) ? 'last 365 days' : 'all');
      if (metric === 'contacts with revenue') {
        // Revenue metrics cover the last 365 days at most (§5): a wider range answers as that.
        const covered = revenueRange(r, zone, m.now);
        for (const preset of ['all', 'last 365 days'] as const) {
          const p = presetRange(preset, zone, m.now);
          if (p.fromDay === covered.fromDay && p.toDay === covered.toDay) return m.scalars[contactsWithRevenueKey(k, preset)] ?? 0;
        }
        throw new Error('Contacts with revenue for a custom range needs the source tabs, too large to read in a formula here: use the default range, or the Revenue report tab.');
      }
      return sums([metricKey(metric, k, parseContactAttribution(text(ca, 'contact_attribution')))], r)[0];
    }
    case 'CAMPAIGN_ATTRIBUTION': {
      const [campaign, typeArg, modelArg, from, to] = args;
      const k = campaignIndexOf(m.campaigns, text(campaign, 'campaign'));
      const type = parseReportType(text(typeArg, 'report_type'));
      const model = parseModel(text(modelArg, 'model'));
      assertModelServes(model, type);
      return sums([creditKey(type, model, k)], range(from, to))[0];
    }
    case 'ATTRIBUTION_TABLE': {
      const [typeArg, modelArg, from, to] = args;
      const type = parseReportType(text(typeArg, 'report_type'));
      const model = parseModel(text(modelArg, 'model'));
      assertModelServes(model, type);
      const n = players.length;
      // One read for all three columns: contiguous store rows come back in one call.
      const all = sums([
        ...players.map((p) => creditKey(type, model, p)), ...players.map((p) => touchedKey(type, p)),
        ...(type === 'revenue' ? players.map((p) => touchedValueKey(type, p)) : []),
      ], range(from, to));
      const [credit, touched, value] = [all.slice(0, n), all.slice(n, 2 * n), all.slice(2 * n)];
      const rows: ReportCell[][] = names.map((n, i) => (type === 'revenue' ? [n, credit[i], touched[i], value[i]] : [n, credit[i], touched[i]]));
      return [attributionColumns(type).header, ...rows];
    }
    case 'MODEL_COMPARISON': {
      const [typeArg, from, to] = args;
      const type = parseReportType(text(typeArg, 'report_type'));
      const r = range(from, to);
      const models = modelsFor(type);
      const flat = sums(models.flatMap((model) => players.map((p) => creditKey(type, model, p))), r);
      const columns = models.map((_, i) => flat.slice(i * players.length, (i + 1) * players.length));
      return [['Campaign', ...models], ...names.map((n, i) => [n, ...columns.map((c) => c[i])])];
    }
    case 'CAMPAIGN_TREND': {
      const [campaign, metricArg, freqArg, from, to] = args;
      const k = campaignIndexOf(m.campaigns, text(campaign, 'campaign'));
      const metric = parseMetric(text(metricArg, 'metric'));
      if (metric === 'contacts with revenue') throw new Error('A trend of contacts with revenue needs the source tabs: use the Revenue report tab.');
      const f = parseFrequency(text(freqArg, 'frequency'));
      const r = range(from, to, REVENUE_METRICS.has(metric) ? 'last 365 days' : 'all');
      const b = dayBuckets(zone, r, f, () => m.dataDays);
      const [s] = store.series([metricKey(metric, k)]);
      const out = new Array<number>(b.labels.length).fill(0);
      const [lo, hi] = span(r);
      for (let d = lo; d <= hi; d++) {
        if (!s[d]) continue;
        const i = b.indexOf(zone.startOfDay(m.firstDay + d));
        if (i >= 0) out[i] += s[d];
      }
      return [[f === 'daily' ? 'Date' : 'Month', metric[0].toUpperCase() + metric.slice(1)], ...b.labels.map((l, i) => [l, out[i]])];
    }
    case 'REMOVAL_EFFECTS': {
      const [typeArg, from, to] = args;
      const type = parseReportType(text(typeArg, 'report_type'));
      const effects = m.removalEffects[type] ?? [];
      const counted = sums(players.slice(0, -1).map((p) => markovCountKey(type, p)), range(from, to));
      return [['Player', 'Removal effect', 'Conversions credited'], ...names.slice(0, -1).map((n, i) => [n, effects[i] ?? 0, counted[i]])];
    }
    default:
      throw new Error(`${spec.name} cannot be answered from a stored refresh.`);
  }
}

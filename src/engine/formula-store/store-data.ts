/**
 * @fileoverview The formulas' data from a stored refresh: sums of day series over the range instead
 * of the source tabs. A formula is answered in two passes: a dry run records which series it needs
 * (whatever the size of its range arguments), those rows are read with one call, then the formula
 * runs on them. So a formula call costs one read of the store, not one per cell.
 */
import type { AttributionModel, ReportType } from '../attribution/catalog';
import type { ContactAttribution, Metric } from '../metrics/campaign-metrics';
import { dayBuckets, type Frequency } from '../metrics/trend';
import { presetRange, revenueRange, type DateRange } from '../time/range';
import { timeZone } from '../time/zone';
import type { FormulaArg } from '../formulas/arguments';
import type { FormulaData, PlayerFigures } from '../formulas/formula-data';
import { formulaByName, runFormula, type FormulaResult } from '../formulas/formulas';
import type { StoreMeta } from './store';
import { decodeSeries, type StoredCells } from './store-cells';
import { metricSlot, storeLayout } from './store-layout';

/** Series by index; null reads as every day zero. */
type SeriesSource = (indexes: number[]) => (Float64Array | null)[];

export function storeData(meta: StoreMeta, series: SeriesSource): FormulaData {
  const zone = timeZone(meta.timeZone);
  const k = meta.campaigns.length;
  const layout = storeLayout(k, meta.models);
  const span = (r: DateRange): [number, number] => [
    Math.max(0, (r.fromDay ?? meta.firstDay) - meta.firstDay),
    Math.min(meta.days - 1, (r.toDay ?? meta.firstDay + meta.days - 1) - meta.firstDay),
  ];
  // A range argument asks for the same block once per cell: each block's sums are kept per range.
  const summed = new Map<string, Float64Array>();
  const sums = (indexes: number[], r: DateRange): Float64Array => {
    const [lo, hi] = span(r);
    const key = `${indexes[0]}:${indexes.length}:${lo}:${hi}`;
    let out = indexes.length > 1 ? summed.get(key) : undefined;
    if (out) return out;
    out = Float64Array.from(series(indexes), (s) => {
      let t = 0;
      if (s) for (let d = lo; d <= hi; d++) t += s[d];
      return t;
    });
    if (indexes.length > 1) summed.set(key, out);
    return out;
  };
  const players = (n: number, index: (p: number) => number) => Array.from({ length: n }, (_, p) => index(p));
  const modelIndex = (type: ReportType, model: AttributionModel) => {
    const i = meta.models[type].indexOf(model);
    if (i < 0) throw new Error(`The stored refresh has no ${model} figures for ${type}: refresh all reports.`);
    return i;
  };
  const summableSlot = (metric: Metric, touch: ContactAttribution, what: string) => {
    if (metric === 'contacts with revenue') {
      throw new Error(`${what} of contacts with revenue needs the source tabs, too large to read in a formula here: use the default range, or the Revenue report tab.`);
    }
    return metricSlot(metric, touch);
  };
  return {
    zone,
    now: meta.now,
    campaigns: meta.campaigns,
    dataDays: () => meta.dataDays,
    metric(campaign, metric, range, touch) {
      if (metric === 'contacts with revenue') {
        // Not a sum over days: stored for the two default ranges only. Revenue metrics cover the
        // last 365 days at most (§5), so any range reaching over all of them is answered too.
        const covered = revenueRange(range, zone, meta.now);
        for (const [preset, values] of [['all', meta.contactsWithRevenue.all], ['last 365 days', meta.contactsWithRevenue.last365]] as const) {
          const p = revenueRange(presetRange(preset, zone, meta.now), zone, meta.now);
          if (p.fromDay === covered.fromDay && p.toDay === covered.toDay) return values[campaign] ?? 0;
        }
      }
      return sums([layout.metric(summableSlot(metric, touch, 'A custom range'), campaign)], range)[0];
    },
    trend(campaign, metric, range, frequency: Frequency) {
      const slot = summableSlot(metric, 'first touch', 'A trend');
      const b = dayBuckets(zone, range, frequency, () => meta.dataDays);
      const [s] = series([layout.metric(slot, campaign)]);
      const values = new Array<number>(b.labels.length).fill(0);
      const [lo, hi] = span(range);
      if (s) {
        for (let d = lo; d <= hi; d++) {
          if (!s[d]) continue;
          const i = b.indexOf(zone.startOfDay(meta.firstDay + d));
          if (i >= 0) values[i] += s[d];
        }
      }
      return { labels: b.labels, values };
    },
    credit(type, model, range) {
      const mi = modelIndex(type, model);
      return sums(players(k + 2, (p) => layout.credit(type, mi, p)), range);
    },
    touched(type, range) {
      const all = sums([...players(k + 2, (p) => layout.touched(type, p)), ...players(k + 2, (p) => layout.touchedValue(type, p))], range);
      return { conversions: all.subarray(0, k + 2), value: all.subarray(k + 2) };
    },
    removalEffects: (type): PlayerFigures => Float64Array.from(meta.removalEffects[type] ?? []),
    markovConversions: (type, range) => sums(players(k + 1, (p) => layout.markov(type, p)), range),
    contacts() {
      throw new Error('CAMPAIGN_CONTACTS lists contacts, which only the source tabs hold, and this workbook is too large to read in a formula: use the CS Contacts tab (Refresh this campaign).');
    },
  };
}

/**
 * Answers a formula from the stored cells with a single `readSeries` call: a dry run on empty
 * series finds the rows the formula reads, then one block from the first to the last is read.
 */
export function answerFromStore(cells: StoredCells, name: string, args: FormulaArg[]): FormulaResult {
  if (!formulaByName(name).needsWorkbook) return runFormula(null, name, args);
  const wanted = new Set<number>();
  const dryRun = storeData(cells.meta, (indexes) => indexes.map((i) => {
    wanted.add(i);
    return null;
  }));
  try {
    runFormula(dryRun, name, args);
  } catch {
    // The same error comes back from the real run below.
  }
  const loaded = new Map<number, Float64Array>();
  if (wanted.size) {
    let first = Infinity;
    let last = -Infinity;
    for (const i of wanted) {
      if (i < first) first = i;
      if (i > last) last = i;
    }
    const block = cells.readSeries(first, last - first + 1);
    for (const i of wanted) loaded.set(i, decodeSeries(block[i - first] ?? [], cells.meta.days));
  }
  return runFormula(storeData(cells.meta, (indexes) => indexes.map((i) => loaded.get(i) ?? null)), name, args);
}

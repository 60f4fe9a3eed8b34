/**
 * @fileoverview Daily or monthly buckets of metric events in the workbook's time zone.
 */
import type { Analysis } from '../analysis';
import type { DateRange } from '../time/range';
import { dayText, monthStart, monthText, nextMonthStart, type TimeZone } from '../time/zone';
import type { MetricEvents } from './campaign-metrics';

export type Frequency = 'daily' | 'monthly';

export function parseFrequency(input: unknown): Frequency {
  const s = String(input ?? '').trim().toLowerCase();
  if (s === '' || s === 'daily' || s === 'day' || s === 'days') return 'daily';
  if (s === 'monthly' || s === 'month' || s === 'months') return 'monthly';
  throw new Error(`Unknown frequency "${String(input)}": use daily or monthly.`);
}

/**
 * A report's frequency as the user chose it: `daily`, `monthly`, or automatic (blank or `auto`:
 * the range decides, see defaultFrequency). Formulas keep parseFrequency, whose blank is daily.
 */
export function parseFrequencyChoice(input: unknown): Frequency | 'auto' {
  const s = String(input ?? '').trim().toLowerCase();
  if (s === '' || s === 'auto' || s === 'automatic') return 'auto';
  try {
    return parseFrequency(input);
  } catch {
    throw new Error(`Unknown frequency "${String(input)}": use auto, daily or monthly.`);
  }
}

export interface Buckets {
  /** Bucket labels: `2026-03-01` (daily) or `2026-03` (monthly). */
  labels: string[];
  /** First local day of each bucket. */
  days: number[];
  /** Maps an instant to its bucket index (or -1 outside). */
  indexOf(t: number): number;
}

/**
 * The buckets covering the range; an open end is closed at the data's first or last day, so "All
 * data" spans what the workbook holds.
 */
export function buckets(a: Analysis, range: DateRange, frequency: Frequency): Buckets {
  return dayBuckets(a.zone, range, frequency, () => dataDaysOf(a));
}

/** Buckets from the data's first and last local day, for callers without an analysis. */
export function dayBuckets(zone: TimeZone, range: DateRange, frequency: Frequency, dataDays: () => [number, number] | null): Buckets {
  const span = bucketDays(range, dataDays);
  if (!span) return { labels: [], days: [], indexOf: () => -1 };
  const [first, last] = span;
  const days: number[] = [];
  const labels: string[] = [];
  if (frequency === 'daily') {
    for (let d = first; d <= last; d++) { days.push(d); labels.push(dayText(d)); }
    return { labels, days, indexOf: (t) => { const i = zone.dayOf(t) - first!; return i >= 0 && i < days.length ? i : -1; } };
  }
  for (let d = monthStart(first); d <= last; d = nextMonthStart(d)) { days.push(d); labels.push(monthText(d)); }
  const index = new Map(days.map((d, i) => [d, i]));
  return { labels, days, indexOf: (t) => index.get(monthStart(zone.dayOf(t))) ?? -1 };
}

/** The first and last local day the buckets of a range cover: an open end is closed by the data's. */
export function bucketDays(range: DateRange, dataDays: () => [number, number] | null): [number, number] | null {
  let first = range.fromDay;
  let last = range.toDay;
  if (first === null || last === null) {
    const span = dataDays();
    if (!span) return null;
    first ??= span[0];
    last ??= span[1];
    if (range.toDay !== null) last = Math.min(last, range.toDay);
  }
  return [first, last];
}

/** Longest range shown day by day when no frequency is chosen; longer ranges are shown by month. */
export const DAILY_UP_TO_DAYS = 90;

/** Daily for up to 90 days, monthly beyond: a year of days is 365 points no one reads. */
export function defaultFrequency(range: DateRange, dataDays: () => [number, number] | null): Frequency {
  const span = bucketDays(range, dataDays);
  return span && span[1] - span[0] + 1 > DAILY_UP_TO_DAYS ? 'monthly' : 'daily';
}

/** The data's first and last local day (dataSpanOf in the workbook's zone). */
export function dataDaysOf(a: Analysis): [number, number] | null {
  const s = dataSpanOf(a);
  return s ? [a.zone.dayOf(s[0]), a.zone.dayOf(s[1])] : null;
}

export function bucketSums(b: Buckets, events: MetricEvents): number[] {
  const out = new Array<number>(b.labels.length).fill(0);
  for (let i = 0; i < events.times.length; i++) {
    const k = b.indexOf(events.times[i]);
    if (k >= 0) out[k] += events.amounts[i];
  }
  return out;
}

/** First and last instant of the workbook's data (interactions, contacts, deals). */
export function dataSpanOf(a: Analysis): [number, number] | null {
  let lo = Infinity, hi = -Infinity;
  const its = a.model.interactions;
  if (its.length) { lo = its[0].ts; hi = its[its.length - 1].ts; }
  for (const c of a.model.workbook.contacts) { if (c.createdAt < lo) lo = c.createdAt; if (c.createdAt > hi) hi = c.createdAt; }
  for (const d of a.model.workbook.deals) {
    const t = d.closedAt ?? d.createdAt;
    if (d.createdAt < lo) lo = d.createdAt;
    if (t > hi) hi = t;
  }
  hi = Math.min(hi, a.now);
  return lo <= hi ? [lo, hi] : null;
}

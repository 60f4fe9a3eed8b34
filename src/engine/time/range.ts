/**
 * @fileoverview Date ranges: whole days in the workbook's time zone, both ends included, from
 * formula arguments, CLI flags or sidebar presets.
 */
import { DAY_MS, dayNumber, dayText, monthStart, nextMonthStart, wallClockOfLocal, type TimeZone } from './zone';

export interface DateRange {
  /** First instant in the range, or -Infinity. */
  from: number;
  /** First instant after the range (exclusive), or +Infinity. */
  to: number;
  fromDay: number | null;
  toDay: number | null;
  label: string;
}

export type DateInput = string | number | Date | boolean | null | undefined;

const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;

/** A day from a date cell (`Date`), an ISO date text, or a spreadsheet serial; null when blank. */
export function parseDay(input: DateInput, zone: TimeZone, what = 'date'): number | null {
  if (input === null || input === undefined || input === '') return null;
  if (input instanceof Date) {
    if (isNaN(input.getTime())) throw new Error(`The ${what} is not a valid date.`);
    return zone.dayOf(input.getTime());
  }
  if (typeof input === 'number' && Number.isFinite(input) && input > 0 && input < 2958466) {
    return Math.floor(input) - 25569;
  }
  if (typeof input === 'string') {
    const m = DAY_TEXT.exec(input.trim());
    if (m) {
      const [y, mo, d] = [+m[1], +m[2], +m[3]];
      const day = dayNumber(y, mo, d);
      if (dayText(day) === `${m[1]}-${m[2]}-${m[3]}`) return day;
    }
  }
  throw new Error(`The ${what} "${String(input)}" is not a date: give a date cell or ISO text such as 2026-03-01.`);
}

/** The range of whole days fromDay..toDay; null ends are open. */
export function dayRange(fromDay: number | null, toDay: number | null, zone: TimeZone, label?: string): DateRange {
  if (fromDay !== null && toDay !== null && toDay < fromDay) {
    throw new Error(`The range ends (${dayText(toDay)}) before it starts (${dayText(fromDay)}).`);
  }
  return {
    from: fromDay === null ? -Infinity : zone.startOfDay(fromDay),
    to: toDay === null ? Infinity : zone.startOfDay(toDay + 1),
    fromDay,
    toDay,
    label: label ?? (fromDay === null && toDay === null ? 'All data' : `${fromDay === null ? 'start' : dayText(fromDay)} to ${toDay === null ? 'now' : dayText(toDay)}`),
  };
}

export const PRESETS = [
  'all', 'today', 'yesterday', 'this week', 'last week', 'last 7 days', 'last 30 days', 'last 90 days', 'last 365 days', 'this month', 'last month',
  'this quarter', 'last quarter', 'this year', 'last year', 'custom',
] as const;
export type RangePreset = (typeof PRESETS)[number];

/** A preset from loose input (case, spaces, `_` and `-` are free); blank is "all". */
export function parsePreset(input: unknown): RangePreset {
  if (input === undefined || input === null || String(input).trim() === '') return 'all';
  const key = String(input).toLowerCase().replace(/[\s_-]+/g, '');
  const p = PRESETS.find((x) => x.replace(/\s+/g, '') === key) ?? (key === 'alldata' ? 'all' : undefined);
  if (!p) throw new Error(`Unknown date range "${String(input)}": use one of ${PRESETS.join(', ')}.`);
  return p;
}

/** "All data" means all data up to now (attribution-semantics §1). */
export function allData(zone: TimeZone, now: number): DateRange {
  return { ...dayRange(null, zone.dayOf(now), zone), label: 'All data' };
}

/** The Monday of the day's week (ISO 8601 weeks; day 0, 1970-01-01, was a Thursday). */
export const weekStart = (day: number): number => day - ((((day + 3) % 7) + 7) % 7);

/** The sidebar's presets; "last N days" is today and the N-1 days before. */
export function presetRange(preset: RangePreset, zone: TimeZone, now: number, custom?: { from?: DateInput; to?: DateInput }): DateRange {
  const today = zone.dayOf(now);
  const w = wallClockOfLocal(today * DAY_MS);
  const quarterFirstMonth = Math.floor((w.month - 1) / 3) * 3 + 1;
  const label = preset[0].toUpperCase() + preset.slice(1);
  switch (preset) {
    case 'all': return allData(zone, now);
    case 'today': return dayRange(today, today, zone, label);
    case 'yesterday': return dayRange(today - 1, today - 1, zone, label);
    case 'this week': return dayRange(weekStart(today), weekStart(today) + 6, zone, label);
    case 'last week': return dayRange(weekStart(today) - 7, weekStart(today) - 1, zone, label);
    case 'last 7 days': return dayRange(today - 6, today, zone, label);
    case 'last 30 days': return dayRange(today - 29, today, zone, label);
    case 'last 90 days': return dayRange(today - 89, today, zone, label);
    case 'last 365 days': return dayRange(today - 364, today, zone, label);
    case 'this month': return dayRange(monthStart(today), nextMonthStart(today) - 1, zone, label);
    case 'last month': {
      const first = monthStart(monthStart(today) - 1);
      return dayRange(first, monthStart(today) - 1, zone, label);
    }
    case 'this quarter': {
      const first = dayNumber(w.year, quarterFirstMonth, 1);
      const next = quarterFirstMonth === 10 ? dayNumber(w.year + 1, 1, 1) : dayNumber(w.year, quarterFirstMonth + 3, 1);
      return dayRange(first, next - 1, zone, label);
    }
    case 'last quarter': {
      const thisFirst = dayNumber(w.year, quarterFirstMonth, 1);
      const first = quarterFirstMonth === 1 ? dayNumber(w.year - 1, 10, 1) : dayNumber(w.year, quarterFirstMonth - 3, 1);
      return dayRange(first, thisFirst - 1, zone, label);
    }
    case 'this year': return dayRange(dayNumber(w.year, 1, 1), dayNumber(w.year, 12, 31), zone, label);
    case 'last year': return dayRange(dayNumber(w.year - 1, 1, 1), dayNumber(w.year - 1, 12, 31), zone, label);
    case 'custom': {
      const from = parseDay(custom?.from, zone, 'start date');
      const to = parseDay(custom?.to, zone, 'end date');
      return from === null && to === null ? allData(zone, now) : dayRange(from, to ?? today, zone);
    }
    default:
      // Unreachable for typed callers; loose input goes through parsePreset first.
      throw new Error(`Unknown date range "${String(preset satisfies never)}": use one of ${PRESETS.join(', ')}.`);
  }
}

/** A range from optional from/to arguments; both blank gives `fallback`. */
export function rangeFromArgs(from: DateInput, to: DateInput, zone: TimeZone, now: number, fallback: 'all' | 'last 365 days' = 'all'): DateRange {
  const f = parseDay(from, zone, 'start date');
  const t = parseDay(to, zone, 'end date');
  if (f === null && t === null) return presetRange(fallback, zone, now);
  return dayRange(f, t ?? zone.dayOf(now), zone);
}

export const inRange = (t: number, r: DateRange) => t >= r.from && t < r.to;

/**
 * HubSpot's Revenue report is "limited to the last 365 days" (semantics §5): the part of `r` inside
 * the last 365 days, labelled with the days it really covers (All data gives "Last 365 days").
 */
export function revenueRange(r: DateRange, zone: TimeZone, now: number): DateRange {
  const last = presetRange('last 365 days', zone, now);
  const fromDay = Math.max(r.fromDay ?? last.fromDay!, last.fromDay!);
  const toDay = Math.min(r.toDay ?? last.toDay!, last.toDay!);
  if (toDay < fromDay) {
    // Nothing of r lies in the last 365 days: an empty range that says why.
    const at = zone.startOfDay(fromDay);
    return { from: at, to: at, fromDay, toDay: fromDay - 1, label: `${r.label}: none of it in the last 365 days` };
  }
  if (fromDay === last.fromDay && toDay === last.toDay) return last;
  if (fromDay === r.fromDay && toDay === r.toDay) return r;
  return dayRange(fromDay, toDay, zone);
}

/** A revenue range's label inside a sentence: `last 365 days`, `2026-03-01 to 2026-03-31`. */
export const revenueLabel = (r: DateRange): string => (r.label === 'Last 365 days' ? 'last 365 days' : r.label);

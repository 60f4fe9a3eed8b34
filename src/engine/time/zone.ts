/**
 * @fileoverview Wall-clock time in the workbook's time zone, with only `Intl` and `Date` (both exist
 * in Apps Script's V8). Offsets are cached per quarter hour of UTC: zone transitions fall on
 * quarter hours, and `Intl` is far too slow to call once per interaction.
 */

const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 900_000;

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

export interface TimeZone {
  readonly name: string;
  /** Offset of local time from UTC at instant `t`, in ms (UTC+2 -> +7,200,000). */
  offsetAt(t: number): number;
  /** The instant of a local wall-clock time (the earlier one in a DST overlap). */
  instantOf(w: WallClock): number;
  /** Local day number (days since 1970-01-01 in this zone) of an instant. */
  dayOf(t: number): number;
  /** The instant local day `day` starts. */
  startOfDay(day: number): number;
}

const zoneCache = new Map<string, TimeZone>();

/** A time zone by IANA name; throws a readable error for an unknown one. */
export function timeZone(name: string): TimeZone {
  const key = name.trim() || 'UTC';
  let zone = zoneCache.get(key);
  if (!zone) {
    zone = createZone(key);
    zoneCache.set(key, zone);
  }
  return zone;
}

function createZone(name: string): TimeZone {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new Error(`Unknown time zone "${name}": use an IANA name such as UTC, Europe/Paris or America/New_York.`);
  }
  const fixedZero = name === 'UTC' || name === 'Etc/UTC' || name === 'GMT';
  const offsets = new Map<number, number>();

  const computeOffset = (t: number): number => {
    const parts = format.formatToParts(new Date(t));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return asUtc - Math.floor(t / 1000) * 1000;
  };
  const offsetAt = (t: number): number => {
    if (fixedZero) return 0;
    const bucket = Math.floor(t / QUARTER_HOUR_MS);
    let off = offsets.get(bucket);
    if (off === undefined) {
      off = computeOffset(bucket * QUARTER_HOUR_MS);
      offsets.set(bucket, off);
    }
    return off;
  };
  const instantOf = (w: WallClock): number => {
    const local = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
    // The readings under the offsets a day before and a day after (no zone changes twice in a
    // day): in a fall-back overlap both are right and the earlier is the one meant; usually they
    // are one and the same.
    const before = local - offsetAt(local - DAY_MS);
    const after = local - offsetAt(local + DAY_MS);
    const beforeRight = before + offsetAt(before) === local;
    // One reading (no change of offset within a day, every time but twice a year): checked once.
    const afterRight = after === before ? beforeRight : after + offsetAt(after) === local;
    if (beforeRight || afterRight) return beforeRight && afterRight ? Math.min(before, after) : beforeRight ? before : after;
    // In a spring-forward gap no reading is right; the earlier of two guesses is the usual convention.
    const first = local - offsetAt(local);
    return Math.min(first, local - offsetAt(first));
  };
  return {
    name,
    offsetAt,
    instantOf,
    dayOf: (t) => Math.floor((t + offsetAt(t)) / DAY_MS),
    startOfDay: (day) => {
      const local = day * DAY_MS;
      return instantOf({ ...wallClockOfLocal(local) });
    },
  };
}

/** Wall-clock fields of a "local epoch" (ms since 1970 as if the zone were UTC). */
export function wallClockOfLocal(local: number): WallClock {
  const d = new Date(local);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2026-03-01` for a local day number. */
export function dayText(day: number): string {
  const w = wallClockOfLocal(day * DAY_MS);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** `2026-03` for a local day number's month. */
export function monthText(day: number): string {
  const w = wallClockOfLocal(day * DAY_MS);
  return `${w.year}-${pad(w.month)}`;
}

/** `2026-03-01 09:30` in the zone. */
export function dateTimeText(t: number, zone: TimeZone): string {
  const w = wallClockOfLocal(t + zone.offsetAt(t));
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** Day number of a calendar date (no zone involved). */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** Day number of the first day of the month holding `day`. */
export function monthStart(day: number): number {
  const w = wallClockOfLocal(day * DAY_MS);
  return dayNumber(w.year, w.month, 1);
}

/** Day number of the first day of the next month after the one holding `day`. */
export function nextMonthStart(day: number): number {
  const w = wallClockOfLocal(day * DAY_MS);
  return dayNumber(w.month === 12 ? w.year + 1 : w.year, w.month === 12 ? 1 : w.month + 1, 1);
}

export { DAY_MS };

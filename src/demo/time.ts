/**
 * @fileoverview Time span of the demo data and instants that look like real office activity:
 * more on weekdays and in working hours, whole seconds.
 */

import { Rng, cumulative } from './random';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface Timeline {
  /** First instant with data. */
  start: number;
  /** Exclusive end instant. */
  end: number;
}

export function makeTimeline(end: Date | undefined, days: number): Timeline {
  const endMs = end ? end.getTime() : todayUtc();
  return { start: endMs - days * DAY, end: endMs };
}

function todayUtc(): number {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

export function startOfDay(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

/** Truncates to whole seconds, as exports from web analytics and CRMs do. */
export function wholeSecond(t: number): number {
  return Math.floor(t / SECOND) * SECOND;
}

// UTC hour weights of an audience spread over Europe and the Americas.
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 11, 11, 10, 11, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2];

/** Draws office-like instants; one per generator so the hour table is built once. */
export class InstantSampler {
  private readonly hours = cumulative(HOUR_WEIGHTS);

  constructor(private readonly rng: Rng) {}

  /** An instant in [lo, hi), favouring weekdays and working hours when the window allows. */
  at(lo: number, hi: number): number {
    const rng = this.rng;
    if (hi - lo < 2 * DAY) return this.uniform(lo, hi);
    const first = startOfDay(lo);
    const days = Math.ceil((hi - first) / DAY);
    for (let tries = 0; tries < 4; tries++) {
      const day = first + rng.int(days) * DAY;
      const weekday = (Math.floor(day / DAY) + 4) % 7; // 1970-01-01 was a Thursday
      if ((weekday === 0 || weekday === 6) && rng.chance(0.7)) continue;
      const t = day + rng.weighted(this.hours) * HOUR + rng.int(3600) * SECOND;
      if (t >= lo && t < hi) return t;
    }
    return this.uniform(lo, hi);
  }

  /** An office-hours instant on the day of `t`, kept inside [lo, hi). */
  sameDay(t: number, lo: number, hi: number): number {
    const day = startOfDay(t);
    const candidate = day + this.rng.weighted(this.hours) * HOUR + this.rng.int(3600) * SECOND;
    if (candidate >= lo && candidate < hi) return candidate;
    return this.uniform(Math.max(lo, day), Math.min(hi, day + DAY));
  }

  /** Uniform in [lo, hi), a whole number of seconds after lo (lo itself for a sub-second window). */
  uniform(lo: number, hi: number): number {
    return lo + Math.floor((this.rng.next() * (hi - lo)) / SECOND) * SECOND;
  }
}

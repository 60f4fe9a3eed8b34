/**
 * @fileoverview Seeded pseudo-random numbers for the demo generator. mulberry32 is tiny, fast and
 * gives the same stream on every platform, so a seed always yields the same workbook (Math.random
 * cannot be seeded).
 */

export class Rng {
  private state: number;

  constructor(seed: number) {
    // Mixing the seed keeps nearby seeds (1, 2, 3) from starting on correlated streams.
    this.state = Math.imul((seed >>> 0) ^ 0x5bd1e995, 0x9e3779b1) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Exponentially distributed with the given mean. */
  exp(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Number of successes before the first failure, for a mean of `mean` (>= 0). */
  geometric(mean: number): number {
    const p = mean / (1 + mean);
    let n = 0;
    while (this.next() < p && n < 50) n++;
    return n;
  }

  /** Standard normal (Box-Muller, one of the pair is dropped: simplicity over speed here). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Index drawn from cumulative weights (`cum[i]` = sum of weights 0..i). */
  weighted(cum: ArrayLike<number>): number {
    const x = this.next() * cum[cum.length - 1];
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }
}

/** Running sums of `weights`, the form {@link Rng.weighted} expects. */
export function cumulative(weights: readonly number[]): Float64Array {
  const cum = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i];
    cum[i] = sum;
  }
  return cum;
}

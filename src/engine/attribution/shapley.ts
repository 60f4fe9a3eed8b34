/**
 * @fileoverview The Shapley model, exact at any size: for a conversion whose path has player set P,
 * the worth of S ⊆ P is the conversion rate of journeys whose player set is exactly S (0 where none
 * is). Since unobserved sets are worth 0, φ_i(P) = Σ over observed S ⊆ P of v(S)·c(S, i), with
 * c = (|S|-1)!(n-|S|)!/n! when i ∈ S and -|S|!(n-|S|-1)!/n! otherwise: the cost is the number of
 * observed subsets of P, never 2^|P|. Nothing is approximated; results are cached per player set.
 */
import type { Journey } from './journeys';

interface ObservedSet {
  words: Uint32Array;
  players: number[];
  worth: number;
}

export interface ShapleyGame {
  /** Shapley values of the game on `playerSet` (sorted, distinct); indexed by player. */
  valuesFor(playerSet: number[]): Float64Array;
}

export function createShapleyGame(journeys: Journey[], playerCount: number): ShapleyGame {
  const wordsPer = Math.max(1, Math.ceil(playerCount / 32));
  const tally = new Map<string, { words: Uint32Array; players: number[]; total: number; converted: number }>();
  for (const j of journeys) {
    if (j.players.length === 0) continue;
    const words = new Uint32Array(wordsPer);
    for (let i = 0; i < j.players.length; i++) { const p = j.players[i]; words[p >>> 5] |= 1 << (p & 31); }
    const key = words.join(',');
    let t = tally.get(key);
    if (!t) {
      const players = [...new Set(Array.from(j.players))].sort((x, y) => x - y);
      tally.set(key, (t = { words, players, total: 0, converted: 0 }));
    }
    t.total++;
    if (j.converted) t.converted++;
  }
  const observed: ObservedSet[] = [];
  for (const t of tally.values()) if (t.converted > 0) observed.push({ words: t.words, players: t.players, worth: t.converted / t.total });
  const cache = new Map<string, Float64Array>();

  return {
    valuesFor(playerSet) {
      const key = playerSet.join(',');
      const hit = cache.get(key);
      if (hit) return hit;
      const n = playerSet.length;
      const words = new Uint32Array(wordsPer);
      for (const p of playerSet) words[p >>> 5] |= 1 << (p & 31);
      const phi = new Float64Array(playerCount);
      const inside = coefficients(n, true);
      const outside = coefficients(n, false);
      for (const s of observed) {
        if (!isSubset(s.words, words)) continue;
        const size = s.players.length;
        const gain = s.worth * inside[size];
        const loss = size < n ? s.worth * outside[size] : 0;
        for (const p of playerSet) {
          if (s.words[p >>> 5] & (1 << (p & 31))) phi[p] += gain;
          else phi[p] -= loss;
        }
      }
      cache.set(key, phi);
      return phi;
    },
  };
}

function isSubset(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i] & ~b[i]) !== 0) return false;
  return true;
}

/**
 * Weights by coalition size s in a game of n players: inside = (s-1)!(n-s)!/n! = 1/(n·C(n-1, s-1));
 * outside = s!(n-s-1)!/n! = 1/(n·C(n-1, s)). Binomials as doubles stay exact enough up to n ≈ 1000.
 */
const coefficientCache = new Map<string, Float64Array>();
function coefficients(n: number, inside: boolean): Float64Array {
  const key = `${n}:${inside}`;
  let c = coefficientCache.get(key);
  if (c) return c;
  c = new Float64Array(n + 1);
  const binom = new Float64Array(n);
  binom[0] = 1;
  for (let k = 1; k < n; k++) binom[k] = (binom[k - 1] * (n - k)) / k;
  for (let s = 0; s <= n; s++) {
    const k = inside ? s - 1 : s;
    c[s] = k >= 0 && k < n ? 1 / (n * binom[k]) : 0;
  }
  coefficientCache.set(key, c);
  return c;
}

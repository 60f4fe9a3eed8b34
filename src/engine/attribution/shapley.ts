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
  type Tally = { words: Uint32Array; players: number[]; total: number; converted: number };
  const tally = new Map<string | number, Tally>();
  // Up to 52 players a set is one exact double (a sum of distinct powers of two): a cheap key.
  const numericKeys = playerCount <= 52;
  const seen = new Uint8Array(playerCount);
  for (const j of journeys) {
    const ps = j.players;
    if (ps.length === 0) continue;
    let key: string | number;
    if (numericKeys) {
      let k = 0;
      for (let i = 0; i < ps.length; i++) if (!seen[ps[i]]) { seen[ps[i]] = 1; k += 2 ** ps[i]; }
      for (let i = 0; i < ps.length; i++) seen[ps[i]] = 0;
      key = k;
    } else {
      const words = new Uint32Array(wordsPer);
      for (let i = 0; i < ps.length; i++) words[ps[i] >>> 5] |= 1 << (ps[i] & 31);
      key = words.join(',');
    }
    let t = tally.get(key);
    if (!t) {
      const players = [...new Set(Array.from(ps))].sort((x, y) => x - y);
      const words = new Uint32Array(wordsPer);
      for (const p of players) words[p >>> 5] |= 1 << (p & 31);
      tally.set(key, (t = { words, players, total: 0, converted: 0 }));
    }
    t.total++;
    if (j.converted) t.converted++;
  }
  const observed: ObservedSet[] = [];
  for (const t of tally.values()) if (t.converted > 0) observed.push({ words: t.words, players: t.players, worth: t.converted / t.total });
  const cache = new Map<string, Float64Array>();
  // Up to 52 players a set is exactly one double (a sum of distinct powers of two), so subsets of a
  // small path can be looked up instead of scanning every observed set.
  const numeric = playerCount <= 52;
  const bit = Float64Array.from({ length: Math.min(playerCount, 52) }, (_, p) => 2 ** p);
  const worthByKey = new Map<number, number>();
  if (numeric) for (const s of observed) worthByKey.set(s.players.reduce((k, p) => k + bit[p], 0), s.worth);

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
      if (numeric && n <= 20 && 2 ** n <= observed.length) {
        enumerateSubsets(playerSet, bit, worthByKey, inside, outside, phi);
        cache.set(key, phi);
        return phi;
      }
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

/** φ over the 2^n subsets of a small player set, each looked up by its numeric key. */
function enumerateSubsets(players: number[], bit: Float64Array, worthByKey: Map<number, number>, inside: Float64Array, outside: Float64Array, phi: Float64Array): void {
  const n = players.length;
  const size = 1 << n;
  const keys = new Float64Array(size);
  const count = new Uint8Array(size);
  for (let m = 1; m < size; m++) {
    const low = m & -m;
    const rest = m ^ low;
    keys[m] = keys[rest] + bit[players[31 - Math.clz32(low)]];
    count[m] = count[rest] + 1;
    const worth = worthByKey.get(keys[m]);
    if (worth === undefined) continue;
    const gain = worth * inside[count[m]];
    const loss = count[m] < n ? worth * outside[count[m]] : 0;
    for (let i = 0; i < n; i++) {
      if (m & (1 << i)) phi[players[i]] += gain;
      else phi[players[i]] -= loss;
    }
  }
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

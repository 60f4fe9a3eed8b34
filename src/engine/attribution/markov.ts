/**
 * @fileoverview The Markov model, solved exactly: a first-order chain START -> players ->
 * CONVERSION or NULL counted over all journeys, absorption probabilities from a linear solve, and
 * each player's removal effect 1 - P'(conversion) / P(conversion), where removing s sends every
 * transition into s to NULL (equivalently: s converts with probability 0).
 */
import type { Journey } from './journeys';

export interface MarkovResult {
  conversionProbability: number;
  /** Per player; 0 for players never seen. */
  removalEffects: Float64Array;
}

export function markovRemovalEffects(journeys: Journey[], playerCount: number): MarkovResult {
  const n = playerCount;
  // Rows 0..n-1: players; row n: START. Columns 0..n-1: players; n: CONVERSION; n+1: NULL.
  const width = n + 2;
  const counts = new Float64Array((n + 1) * width);
  for (const j of journeys) {
    const ps = j.players;
    if (ps.length === 0) continue;
    let from = n;
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i];
      // Consecutive repeats of one player collapse to one state.
      if (p === from) continue;
      counts[from * width + p]++;
      from = p;
    }
    counts[from * width + (j.converted ? n : n + 1)]++;
  }
  const prob = new Float64Array(counts.length);
  for (let r = 0; r <= n; r++) {
    let total = 0;
    for (let c = 0; c < width; c++) total += counts[r * width + c];
    if (total > 0) for (let c = 0; c < width; c++) prob[r * width + c] = counts[r * width + c] / total;
  }
  const seen: number[] = [];
  for (let p = 0; p < n; p++) {
    let out = 0;
    for (let c = 0; c < width; c++) out += counts[p * width + c];
    if (out > 0) seen.push(p);
  }
  const base = conversionFromStart(prob, width, n, seen, -1);
  const removalEffects = new Float64Array(n);
  if (base > 0) for (const s of seen) removalEffects[s] = Math.max(0, 1 - conversionFromStart(prob, width, n, seen, s) / base);
  return { conversionProbability: base, removalEffects };
}

/** P(conversion) from START, with player `removed` (or none: -1) converting with probability 0. */
function conversionFromStart(prob: Float64Array, width: number, n: number, seen: number[], removed: number): number {
  const states = seen.filter((s) => s !== removed);
  const m = states.length;
  const index = new Map(states.map((s, i) => [s, i]));
  // (I - T) x = b, x_i = P(conversion | at state i).
  const a = new Float64Array(m * (m + 1));
  states.forEach((s, i) => {
    a[i * (m + 1) + i] = 1;
    for (const [t, j] of index) a[i * (m + 1) + j] -= prob[s * width + t];
    a[i * (m + 1) + m] = prob[s * width + n];
  });
  const x = solve(a, m);
  let p = prob[n * width + n];
  for (const [t, j] of index) p += prob[n * width + t] * x[j];
  return p;
}

/** Gaussian elimination with partial pivoting on an m x (m+1) augmented matrix. */
function solve(a: Float64Array, m: number): Float64Array {
  const w = m + 1;
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r * w + col]) > Math.abs(a[pivot * w + col])) pivot = r;
    if (pivot !== col) for (let c = 0; c < w; c++) { const t = a[col * w + c]; a[col * w + c] = a[pivot * w + c]; a[pivot * w + c] = t; }
    const d = a[col * w + col];
    if (Math.abs(d) < 1e-300) continue;
    for (let r = 0; r < m; r++) {
      if (r === col) continue;
      const f = a[r * w + col] / d;
      if (f === 0) continue;
      for (let c = col; c < w; c++) a[r * w + c] -= f * a[col * w + c];
    }
  }
  const x = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const d = a[i * w + i];
    x[i] = Math.abs(d) < 1e-300 ? 0 : a[i * w + m] / d;
  }
  return x;
}

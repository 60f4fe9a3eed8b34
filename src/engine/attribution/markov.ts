/**
 * @fileoverview The Markov model, solved exactly: a first-order chain START -> players ->
 * CONVERSION or NULL counted over all journeys, and each player's removal effect
 * 1 - P'(conversion) / P(conversion), where removing s sends every transition into s to NULL.
 * One Gauss-Jordan inversion of (I - T) gives every removal effect at once; no simulation.
 */
import { journeySource, type Journey, type JourneySource } from './journeys';

export interface MarkovResult {
  /** Probability that a journey starting at START is absorbed in CONVERSION. */
  conversionProbability: number;
  /** Per player, in [0, 1]; 0 for players never seen, and all 0 when nothing converts. */
  removalEffects: Float64Array;
}

/**
 * Removal effects of every player. Consecutive repeats of one player collapse into one state, so
 * the chain has no self-loops from repeats; empty journeys are ignored.
 *
 * Why one inversion is enough: by the strong Markov property P(conv) = P(conv without ever
 * visiting s) + P(ever visit s) * x_s, where x_s = P(conv | at s). Removing s leaves exactly the
 * first term, so 1 - P'/P = h_s * x_s / P with h_s = P(ever visit s) = (expected visits to s from
 * START) / N_ss, N = (I - T)^-1 the fundamental matrix. This costs O(n^3) once instead of once per
 * player, and computing the effect as a product avoids the cancellation in 1 - P'/P.
 */
export function markovRemovalEffects(journeys: Journey[] | JourneySource, playerCount: number): MarkovResult {
  const n = playerCount;
  // Rows 0..n-1: players; row n: START. Columns 0..n-1: players; n: CONVERSION; n+1: NULL.
  const width = n + 2;
  const counts = new Float64Array((n + 1) * width);
  let k = 0;
  // Counted as they stream by: a source may reuse one buffer for every journey.
  journeySource(journeys)((ps, offset, len, converted) => {
    k++;
    if (len === 0) return;
    let from = n;
    for (let i = offset; i < offset + len; i++) {
      const p = ps[i];
      if (p === from) continue;
      // A bad index would silently land in another row; fail loudly instead.
      if (!(p >= 0 && p < n) || p !== (p | 0)) throw new RangeError(`Journey ${k - 1} has player ${p}, outside 0..${n - 1}`);
      counts[from * width + p]++;
      from = p;
    }
    counts[from * width + (converted ? n : n + 1)]++;
  });

  const removalEffects = new Float64Array(n);
  // States: players seen. Every seen player has an outgoing count (to the next player or to an
  // absorbing state), and from each one some counted journey reaches absorption, so I - T is
  // non-singular.
  const states: number[] = [];
  const rowTotal = new Float64Array(n + 1);
  for (let r = 0; r <= n; r++) {
    let total = 0;
    for (let c = 0; c < width; c++) total += counts[r * width + c];
    rowTotal[r] = total;
    if (r < n && total > 0) states.push(r);
  }
  if (rowTotal[n] === 0) return { conversionProbability: 0, removalEffects };
  const m = states.length;

  // Augmented [I - T | I], m x 2m, and b (one step into CONVERSION), s0 (START into each state).
  const w = 2 * m;
  const a = new Float64Array(m * w);
  const b = new Float64Array(m);
  const s0 = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const row = states[i] * width;
    const total = rowTotal[states[i]];
    for (let j = 0; j < m; j++) a[i * w + j] = (i === j ? 1 : 0) - counts[row + states[j]] / total;
    a[i * w + m + i] = 1;
    b[i] = counts[row + n] / total;
    s0[i] = counts[n * width + states[i]] / rowTotal[n];
  }
  invertInPlace(a, m);

  // x = N b; visits = s0^T N; P = s0 . x (START never goes straight to CONVERSION: journeys are non-empty).
  const x = new Float64Array(m);
  const visits = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let xi = 0;
    for (let j = 0; j < m; j++) xi += a[i * w + m + j] * b[j];
    x[i] = xi;
  }
  for (let j = 0; j < m; j++) {
    let v = 0;
    for (let i = 0; i < m; i++) v += s0[i] * a[i * w + m + j];
    visits[j] = v;
  }
  let p = 0;
  for (let i = 0; i < m; i++) p += s0[i] * x[i];
  if (!(p > 0)) return { conversionProbability: 0, removalEffects };
  for (let i = 0; i < m; i++) {
    const effect = ((visits[i] / a[i * w + m + i]) * x[i]) / p;
    // Mathematically in [0, 1]; clamp only rounding.
    removalEffects[states[i]] = effect < 0 ? 0 : effect > 1 ? 1 : effect;
  }
  return { conversionProbability: p, removalEffects };
}

/** Gauss-Jordan with partial pivoting on [A | I] (m x 2m): leaves A^-1 in the right half. */
function invertInPlace(a: Float64Array, m: number): void {
  const w = 2 * m;
  for (let col = 0; col < m; col++) {
    let pivot = col;
    let best = Math.abs(a[col * w + col]);
    for (let r = col + 1; r < m; r++) {
      const v = Math.abs(a[r * w + col]);
      if (v > best) { best = v; pivot = r; }
    }
    // Cannot happen for a chain counted from journeys (see above): a bug, not bad data.
    if (!(best > 1e-300)) throw new Error('Markov chain: singular system (a state that never reaches absorption)');
    if (pivot !== col) {
      for (let c = 0; c < w; c++) {
        const t = a[col * w + c];
        a[col * w + c] = a[pivot * w + c];
        a[pivot * w + c] = t;
      }
    }
    const inv = 1 / a[col * w + col];
    for (let c = col; c < w; c++) a[col * w + c] *= inv;
    for (let r = 0; r < m; r++) {
      if (r === col) continue;
      const f = a[r * w + col];
      if (f === 0) continue;
      for (let c = col; c < w; c++) a[r * w + c] -= f * a[col * w + c];
    }
  }
}

/**
 * @fileoverview The Shapley game against hand-solved games (the tiny example among them) and
 * against the textbook 2^n formula on random seeded data, including player indexes past 64 and
 * sets far too large to enumerate.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/demo/random';
import { createShapleyGame } from '../../src/engine/attribution/shapley';
import { playerSharesOfConversion } from '../helpers/data-driven-split';
import type { Journey, JourneySource } from '../../src/engine/attribution/journeys';

const J = (players: number[], converted: boolean): Journey => ({ players, converted });
/** `converting` of `total` journeys with exactly these players. */
const rate = (players: number[], converting: number, total: number): Journey[] =>
  Array.from({ length: total }, (_, k) => J(players, k < converting));

/** Seeded (the demo generator's PRNG), so failures reproduce. */
const mulberry32 = (seed: number) => {
  const rng = new Rng(seed);
  return () => rng.next();
};

/**
 * Reference for tests only: the textbook formula over all 2^n subsets (n ≤ 12),
 * φ_i = Σ over S ⊆ P \ {i} of |S|!(n-|S|-1)!/n! · (v(S ∪ {i}) − v(S)), with v read from a table of
 * conversion rates by exact player set.
 */
function shapleyReference(journeys: Journey[], players: number[]): Map<number, number> {
  const n = players.length;
  if (n > 12) throw new Error('reference is exponential: n <= 12');
  const rates = new Map<string, [number, number]>();
  for (const j of journeys) {
    if (!j.players.length) continue;
    const key = [...new Set(j.players)].sort((a, b) => a - b).join(',');
    const [c, t] = rates.get(key) ?? [0, 0];
    rates.set(key, [c + (j.converted ? 1 : 0), t + 1]);
  }
  const v = (mask: number) => {
    const r = rates.get(players.filter((_, i) => mask & (1 << i)).join(','));
    return r ? r[0] / r[1] : 0;
  };
  const fact = [1];
  for (let k = 1; k <= n; k++) fact[k] = fact[k - 1] * k;
  const out = new Map<number, number>();
  players.forEach((p, i) => {
    let phi = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
      if (mask & (1 << i)) continue;
      let s = 0;
      for (let b = 0; b < n; b++) if (mask & (1 << b)) s++;
      phi += (fact[s] * fact[n - s - 1]) / fact[n] * (v(mask | (1 << i)) - v(mask));
    }
    out.set(p, phi);
  });
  return out;
}

describe('Shapley values: hand-solved games', () => {
  it('a 3-player game with a different conversion rate for every set', () => {
    // v{0} = 1/2, v{1} = 1/4, v{2} = 1/5, v{01} = 2/3, v{02} = 1/3, v{12} = 3/4, v{012} = 1.
    // For 3 players φ_i = v(i)/3 + (v(ij) − v(j))/6 + (v(ik) − v(k))/6 + (v(ijk) − v(jk))/3:
    // φ0 = 1/6 + (2/3 − 1/4)/6 + (1/3 − 1/5)/6 + (1 − 3/4)/3 = (60 + 25 + 8 + 30)/360 = 41/120
    // φ1 = 1/12 + (2/3 − 1/2)/6 + (3/4 − 1/5)/6 + (1 − 1/3)/3 = (30 + 10 + 33 + 80)/360 = 17/40
    // φ2 = 1/15 + (1/3 − 1/2)/6 + (3/4 − 1/4)/6 + (1 − 2/3)/3 = (12 − 5 + 15 + 20)/180 = 7/30
    // (sum 1 = v{012}). On P = {1, 2}: φ1 = 1/8 + (3/4 − 1/5)/2 = 2/5, φ2 = 1/10 + (3/4 − 1/4)/2 = 7/20.
    const journeys = [
      ...rate([0], 1, 2), ...rate([1], 1, 4), ...rate([2], 1, 5), ...rate([0, 1], 2, 3),
      ...rate([2, 0], 1, 3), ...rate([1, 2, 2], 3, 4), ...rate([2, 1, 0, 1], 1, 1),
    ];
    const game = createShapleyGame(journeys, 3);
    const all = game.valuesFor([0, 1, 2]);
    expect(all[0]).toBeCloseTo(41 / 120, 14);
    expect(all[1]).toBeCloseTo(17 / 40, 14);
    expect(all[2]).toBeCloseTo(7 / 30, 14);
    const pair = game.valuesFor([1, 2]);
    expect(Array.from(pair)).toEqual([0, expect.closeTo(2 / 5, 14), expect.closeTo(7 / 20, 14)]);
    expect(game.worth([2, 1])).toBe(3 / 4);
    expect(game.observedSets).toBe(7);
    expect(game.convertingSets).toBe(7);
  });

  it('unobserved coalitions are worth 0 and can push a value negative', () => {
    // v{0} = 1/2 (1 of 2), v{1} = 0 (observed, never converts), v{01} = 1, v{012} = 1/2 (2 of 4);
    // {2}, {0,2}, {1,2} never occur. On P = {0,1,2}:
    // φ0 = (1/2)/3 + (1 − 0)/6 + 0/6 + (1/2 − 0)/3 = 1/2
    // φ1 = 0/3 + (1 − 1/2)/6 + 0/6 + (1/2 − 0)/3 = 1/4
    // φ2 = 0/3 + (0 − 1/2)/6 + 0/6 + (1/2 − 1)/3 = −1/4      (sum 1/2 = v{012})
    const journeys = [...rate([0], 1, 2), ...rate([1], 0, 1), ...rate([0, 1], 1, 1), ...rate([2, 0, 1], 2, 4)];
    const phi = createShapleyGame(journeys, 3).valuesFor([0, 1, 2]);
    expect(phi[0]).toBeCloseTo(0.5, 14);
    expect(phi[1]).toBeCloseTo(0.25, 14);
    expect(phi[2]).toBeCloseTo(-0.25, 14);
  });

  it("the tiny example: revenue and deal create share equally; contact create gives Spring 2, none 0", () => {
    const SPRING = 0, WEBINAR = 1, NONE = 2;
    // Only {none, Spring, Webinar} is ever seen: v = 1 there, 0 elsewhere, so a third each.
    const revenue = createShapleyGame([J([NONE, SPRING, WEBINAR, SPRING, NONE], true)], 3).valuesFor([0, 1, 2]);
    expect(Array.from(revenue)).toEqual([1 / 3, 1 / 3, 1 / 3].map((x) => expect.closeTo(x, 14)));
    const deal = createShapleyGame([J([NONE, SPRING, SPRING, WEBINAR, SPRING], true)], 3).valuesFor([0, 1, 2]);
    expect(Array.from(deal)).toEqual([1 / 3, 1 / 3, 1 / 3].map((x) => expect.closeTo(x, 14)));
    // v{Spring} = 1, v{none, Spring} = 1, v{none} = 0. On {none, Spring}: φ_Spring = (1 + (1 − 0))/2 = 1,
    // φ_none = (0 + (1 − 1))/2 = 0. On {Spring}: 1. Credit: Spring 2, none 0.
    const journeys = [J([NONE, SPRING, SPRING], true), J([SPRING], true)];
    const game = createShapleyGame(journeys, 3);
    const credit = new Map<number, number>();
    for (const j of journeys) {
      const set = [...new Set(j.players)].sort((a, b) => a - b);
      for (const [p, s] of playerSharesOfConversion(Array.from(j.players, (p) => [p]), game.valuesFor(set))) credit.set(p, (credit.get(p) ?? 0) + s);
    }
    expect(credit.get(SPRING)).toBeCloseTo(2, 14);
    expect(credit.get(NONE) ?? 0).toBeCloseTo(0, 14);
  });

  it('a set no journey has is still a game (on its observed subsets)', () => {
    // {0, 1} never occurs; on it v{0} = 1, v{1} = 1/2: φ0 = (1 + (0 − 1/2))/2 = 1/4, φ1 = (1/2 + (0 − 1))/2 = −1/4.
    const game = createShapleyGame([J([0], true), ...rate([1], 1, 2)], 2);
    const phi = game.valuesFor([0, 1]);
    expect(Array.from(phi)).toEqual([expect.closeTo(0.25, 14), expect.closeTo(-0.25, 14)]);
    expect(game.worth([0, 1])).toBe(0);
  });

  it('takes a streamed source that reuses one buffer, with the same result as the list', () => {
    const journeys = [...rate([0, 1], 1, 3), ...rate([2, 1, 1], 2, 3), J([], true), ...rate([1], 1, 2), ...rate([0, 2, 1], 1, 1)];
    const source: JourneySource = (visit) => {
      const buffer = new Int32Array(8).fill(2);
      for (const j of journeys) {
        buffer.set(j.players);
        visit(buffer, 0, j.players.length, j.converted);
        buffer.fill(0);
      }
    };
    const streamed = createShapleyGame(source, 3);
    const listed = createShapleyGame(journeys, 3);
    expect(streamed.observedSets).toBe(4);
    for (const set of [[0, 1, 2], [1, 2], [0, 1]]) expect(Array.from(streamed.valuesFor(set))).toEqual(Array.from(listed.valuesFor(set)));
  });

  it('normalises order and repeats, caches per set, ignores empty journeys, rejects bad players', () => {
    const game = createShapleyGame([J([1, 0], true), J([], true), J([0], false)], 2);
    expect(game.observedSets).toBe(2);
    const a = game.valuesFor([0, 1]);
    expect(game.valuesFor(Int32Array.from([1, 0, 1]))).toBe(a);
    expect(Array.from(game.valuesFor([]))).toEqual([0, 0]);
    expect(() => game.valuesFor([2])).toThrow(RangeError);
    expect(() => createShapleyGame([J([3], true)], 2)).toThrow(RangeError);
  });
});

describe('Shapley values: against the 2^n reference', () => {
  it('matches on random seeded games, every set a conversion has', () => {
    const rand = mulberry32(11);
    for (let round = 0; round < 8; round++) {
      const players = 4 + (round % 5);
      const journeys = Array.from({ length: 150 + Math.floor(rand() * 150) }, () =>
        J(Array.from({ length: 1 + Math.floor(rand() * 5) }, () => Math.floor(rand() * players)), rand() < 0.4));
      const game = createShapleyGame(journeys, players);
      const sets = new Set(journeys.filter((j) => j.converted).map((j) => [...new Set(j.players)].sort((a, b) => a - b).join(',')));
      sets.add(Array.from({ length: players }, (_, p) => p).join(','));
      for (const key of sets) {
        const set = key.split(',').map(Number);
        const expected = shapleyReference(journeys, set);
        const actual = game.valuesFor(set);
        for (const p of set) expect(actual[p], `round ${round} set {${key}} player ${p}`).toBeCloseTo(expected.get(p)!, 13);
      }
    }
  });

  it('matches with player indexes spread over several 32-bit words (up to 130)', () => {
    const rand = mulberry32(5);
    const pool = [0, 1, 31, 32, 33, 63, 64, 65, 100, 129];
    const journeys = Array.from({ length: 600 }, () =>
      J(Array.from({ length: 1 + Math.floor(rand() * 6) }, () => pool[Math.floor(rand() * pool.length)]), rand() < 0.35));
    const game = createShapleyGame(journeys, 130);
    for (const set of [pool, [1, 32, 64, 129], [31, 63, 65, 100, 129]]) {
      const expected = shapleyReference(journeys, set);
      const actual = game.valuesFor(set);
      for (const p of set) expect(actual[p]).toBeCloseTo(expected.get(p)!, 13);
      expect(actual.reduce((a, b) => a + b, 0)).toBeCloseTo(game.worth(set), 13);
    }
  });
});

describe('Shapley values: large sets, exact', () => {
  it('45 players: hand-solved', () => {
    const all = Array.from({ length: 45 }, (_, i) => i);
    const journeys = [J(all, true), J(all.slice(0, 44), false), J([44], true)];
    const phi = createShapleyGame(journeys, 45).valuesFor(all);
    // v(all) = 1, v({44}) = 1, everything else 0. Player 44 adds 1 when it comes first or last
    // (probability 2/45), else 0; the 44 others are symmetric and share the rest of v(all) = 1.
    expect(phi[44]).toBeCloseTo(2 / 45, 14);
    for (const p of [0, 17, 43]) expect(phi[p]).toBeCloseTo((1 - 2 / 45) / 44, 14);
  });

  it('60 players with nested observed sets: efficiency and symmetry hold', () => {
    // Observed: {0..k-1} for k = 1..60, each converting at rate 1/k. Efficiency: Σφ = v(all) = 1/60.
    // Closed form: player i first enters at set size i+1; φ_i = Σ_{k>i} v_k·in(k) − Σ_{k≤i} v_k·out(k).
    const n = 60;
    const journeys: Journey[] = [];
    for (let k = 1; k <= n; k++) journeys.push(...rate(Array.from({ length: k }, (_, i) => i), 1, k));
    const all = Array.from({ length: n }, (_, i) => i);
    const phi = createShapleyGame(journeys, n).valuesFor(all);
    expect(phi.reduce((a, b) => a + b, 0)).toBeCloseTo(1 / n, 14);
    // in(k) = 1 / (n·C(n−1, k−1)), out(k) = 1 / (n·C(n−1, k)), binomials as exact BigInts.
    const binom = (m: number, k: number) => { let r = 1n; for (let j = 1; j <= k; j++) r = (r * BigInt(m - k + j)) / BigInt(j); return r; };
    for (const i of [0, 1, 29, 58, 59]) {
      let expected = 0;
      for (let k = 1; k <= n; k++) {
        const v = 1 / k;
        if (k > i) expected += v / (n * Number(binom(n - 1, k - 1)));
        else expected -= v / (n * Number(binom(n - 1, k)));
      }
      expect(phi[i]).toBeCloseTo(expected, 14);
    }
  });

  it('efficiency holds on many long random paths (up to 23 of 41 players per set, far beyond 2^n enumeration)', () => {
    const rand = mulberry32(17);
    const journeys = Array.from({ length: 20_000 }, () =>
      J(Array.from({ length: 4 + Math.floor(rand() * 20) }, () => Math.floor(rand() * 41)), rand() < 0.3));
    const game = createShapleyGame(journeys, 41);
    for (const j of journeys) {
      if (!j.converted) continue;
      const set = [...new Set(j.players)].sort((a, b) => a - b);
      const phi = game.valuesFor(j.players);
      // Efficiency: the values on P add up to v(P).
      expect(Math.abs(phi.reduce((a, b) => a + b, 0) - game.worth(set))).toBeLessThan(1e-12);
    }
  });
});

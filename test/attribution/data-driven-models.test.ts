/**
 * @fileoverview Markov and Shapley against hand-solved chains and games, and against independent
 * computations (value iteration; the 2^n definition of the Shapley value).
 */
import { describe, expect, it } from 'vitest';
import { markovRemovalEffects } from '../../src/engine/attribution/markov';
import { createShapleyGame } from '../../src/engine/attribution/shapley';
import type { Journey } from '../../src/engine/attribution/journeys';

const J = (players: number[], converted: boolean): Journey => ({ players, converted });

describe('Markov removal effects', () => {
  it('the tiny example\'s revenue journey: none 1, Spring 0.5, Webinar 1/3', () => {
    // none(2) -> Spring(0) -> Webinar(1) -> Spring -> none -> conversion
    const r = markovRemovalEffects([J([2, 0, 1, 0, 2], true)], 3);
    expect(r.conversionProbability).toBeCloseTo(1, 12);
    expect(Array.from(r.removalEffects)).toEqual([expect.closeTo(0.5, 12), expect.closeTo(1 / 3, 12), expect.closeTo(1, 12)]);
  });

  it('collapses consecutive repeats and counts non-converting journeys', () => {
    // A A B -> conv; A -> null; B -> conv; B -> null.
    // START: A 1/2, B 1/2. A: B 1/2, NULL 1/2. B: CONV 2/3, NULL 1/3.
    // P = 1/2 * (1/2 * 2/3) + 1/2 * 2/3 = 1/6 + 1/3 = 1/2.
    // Without A: 1/2 * 2/3 = 1/3 -> effect 1/3. Without B: 0 -> effect 1.
    const r = markovRemovalEffects([J([0, 0, 1], true), J([0], false), J([1], true), J([1], false)], 2);
    expect(r.conversionProbability).toBeCloseTo(0.5, 12);
    expect(r.removalEffects[0]).toBeCloseTo(1 / 3, 12);
    expect(r.removalEffects[1]).toBeCloseTo(1, 12);
  });

  it('agrees with value iteration on a random chain with loops', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const players = 6;
    const journeys: Journey[] = Array.from({ length: 400 }, () =>
      J(Array.from({ length: 1 + Math.floor(rand() * 6) }, () => Math.floor(rand() * players)), rand() < 0.3));
    const exact = markovRemovalEffects(journeys, players);
    // Independent: transition counts, then iterate x = T x + b to convergence, per removal.
    const probability = (removed: number) => {
      const counts = new Map<string, number>();
      const totals = new Map<number, number>();
      for (const j of journeys) {
        let from = -1;
        for (const p of j.players) {
          if (p === from) continue;
          counts.set(`${from}>${p}`, (counts.get(`${from}>${p}`) ?? 0) + 1);
          totals.set(from, (totals.get(from) ?? 0) + 1);
          from = p;
        }
        const end = j.converted ? 'conv' : 'null';
        counts.set(`${from}>${end}`, (counts.get(`${from}>${end}`) ?? 0) + 1);
        totals.set(from, (totals.get(from) ?? 0) + 1);
      }
      const t = (a: number, b: number | string) => (counts.get(`${a}>${b}`) ?? 0) / (totals.get(a) ?? 1);
      let x = new Array(players).fill(0);
      for (let it = 0; it < 5000; it++) {
        x = x.map((_, i) => (i === removed ? 0 : t(i, 'conv') + x.reduce((s, xj, j) => s + t(i, j) * xj, 0)));
      }
      return x.reduce((s, xj, j) => s + t(-1, j) * xj, 0);
    };
    const base = probability(-1);
    expect(exact.conversionProbability).toBeCloseTo(base, 9);
    for (let s = 0; s < players; s++) expect(exact.removalEffects[s]).toBeCloseTo(Math.max(0, 1 - probability(s) / base), 9);
  });

  it('no conversions: every effect is 0', () => {
    expect(Array.from(markovRemovalEffects([J([0, 1], false)], 2).removalEffects)).toEqual([0, 0]);
  });
});

/** The textbook definition: average marginal contribution over all orders (n!), for tiny n. */
function shapleyByDefinition(worth: (set: number[]) => number, players: number[]): Map<number, number> {
  const out = new Map(players.map((p) => [p, 0]));
  const perms: number[][] = [];
  const permute = (rest: number[], acc: number[]) => (rest.length ? rest.forEach((p, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...acc, p])) : perms.push(acc));
  permute(players, []);
  for (const order of perms) {
    const seen: number[] = [];
    for (const p of order) {
      const before = worth([...seen].sort((a, b) => a - b));
      seen.push(p);
      out.set(p, out.get(p)! + worth([...seen].sort((a, b) => a - b)) - before);
    }
  }
  for (const p of players) out.set(p, out.get(p)! / perms.length);
  return out;
}

describe('Shapley values', () => {
  it('a hand-solved 3-player game', () => {
    // Sets and conversion rates: {0}: 1/2, {1}: 0/1, {0,1}: 1/1, {0,1,2}: 2/4.
    // Game on P = {0,1,2}: v0 = 1/2, v1 = 0, v2 = 0, v01 = 1, v02 = 0, v12 = 0, v012 = 1/2.
    // φ0 = 1/3·(1/2) + 1/6·(1 - 0) + 1/6·(0 - 0) + 1/3·(1/2 - 0) = 1/6 + 1/6 + 1/6 = 1/2
    // φ1 = 1/3·0 + 1/6·(1 - 1/2) + 1/6·0 + 1/3·(1/2 - 0) = 1/12 + 1/6 = 1/4
    // φ2 = 1/3·0 + 1/6·(0 - 1/2) + 1/6·0 + 1/3·(1/2 - 1) = -1/12 - 1/6 = -1/4   (sum = 1/2 = v012)
    const journeys = [J([0], true), J([0], false), J([1], false), J([0, 1], true), J([2, 0, 1], true), J([0, 1, 2], true), J([1, 2, 0], false), J([2, 1, 0], false)];
    const phi = createShapleyGame(journeys, 3).valuesFor([0, 1, 2]);
    expect(phi[0]).toBeCloseTo(0.5, 12);
    expect(phi[1]).toBeCloseTo(0.25, 12);
    expect(phi[2]).toBeCloseTo(-0.25, 12);
  });

  it('matches the definition over all orders on random games', () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 5; round++) {
      const n = 5;
      const journeys = Array.from({ length: 200 }, () => J(Array.from({ length: 1 + Math.floor(rand() * 4) }, () => Math.floor(rand() * n)), rand() < 0.4));
      const rate = new Map<string, [number, number]>();
      for (const j of journeys) {
        const key = [...new Set(j.players)].sort((a, b) => a - b).join(',');
        const [c, t] = rate.get(key) ?? [0, 0];
        rate.set(key, [c + (j.converted ? 1 : 0), t + 1]);
      }
      const worth = (set: number[]) => {
        const r = rate.get(set.join(','));
        return r ? r[0] / r[1] : 0;
      };
      const game = createShapleyGame(journeys, n);
      for (const players of [[0, 1, 2, 3, 4], [1, 3], [0, 2, 4]]) {
        const expected = shapleyByDefinition(worth, players);
        const actual = game.valuesFor(players);
        for (const p of players) expect(actual[p], `round ${round} set ${players} player ${p}`).toBeCloseTo(expected.get(p)!, 12);
      }
    }
  });

  it('stays exact on a set of 45 players (no 2^n enumeration)', () => {
    const all = Array.from({ length: 45 }, (_, i) => i);
    const journeys = [J(all, true), J(all.slice(0, 44), false), J([44], true)];
    const phi = createShapleyGame(journeys, 45).valuesFor(all);
    // v(all) = 1, v(all but 44) = 0, v({44}) = 1, every other coalition 0. Player 44 adds 1 when it
    // comes first (v({44}) - 0) or last (v(all) - v(all but 44)), else 0: φ44 = 2/45. The 44
    // others are symmetric and share the rest of v(all) = 1 (efficiency).
    expect(phi[44]).toBeCloseTo(2 / 45, 12);
    for (const p of [0, 17, 43]) expect(phi[p]).toBeCloseTo((1 - 2 / 45) / 44, 12);
  });
});

/**
 * @fileoverview The Markov removal effects against hand-solved chains (the tiny example among
 * them), exact path enumeration in rational arithmetic on acyclic chains, and value iteration with
 * literally redirected transitions on chains with loops; and the data-driven split of a conversion.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/demo/random';
import { markovRemovalEffects } from '../../src/engine/attribution/markov';
import { forEachDataDrivenShare, playerSharesOfConversion, splitConversion } from '../helpers/data-driven-split';
import type { Journey, JourneySource } from '../../src/engine/attribution/journeys';

const J = (players: number[], converted: boolean): Journey => ({ players, converted });

/** Seeded (the demo generator's PRNG), so failures reproduce. */
const mulberry32 = (seed: number) => {
  const rng = new Rng(seed);
  return () => rng.next();
};

// The tiny example's players: Spring launch, Webinar, (no campaign).
const SPRING = 0, WEBINAR = 1, NONE = 2;

describe('Markov removal effects: hand-solved chains', () => {
  it("the tiny example's revenue journey: none 1, Spring 0.5, Webinar 1/3", () => {
    // none -> Spring -> Webinar -> Spring -> none -> conversion.
    // none: Spring 1/2, CONV 1/2. Spring: Webinar 1/2, none 1/2. Webinar: Spring 1.
    // P = 1. Without none: START leads nowhere, 0. Without Spring: none converts half the time, 1/2.
    // Without Webinar: x_none = 1/2 + 1/2 x_Spring, x_Spring = 1/2 x_none, so x_none = 2/3.
    const r = markovRemovalEffects([J([NONE, SPRING, WEBINAR, SPRING, NONE], true)], 3);
    expect(r.conversionProbability).toBeCloseTo(1, 14);
    expect(r.removalEffects[NONE]).toBeCloseTo(1, 14);
    expect(r.removalEffects[SPRING]).toBeCloseTo(0.5, 14);
    expect(r.removalEffects[WEBINAR]).toBeCloseTo(1 / 3, 14);
  });

  it("the tiny example's deal-create journey: none 1, Spring 1, Webinar 0.5", () => {
    // none -> Spring -> Spring -> Webinar -> Spring -> conversion; the repeat collapses, so
    // Spring: Webinar 1/2, CONV 1/2; Webinar: Spring 1. Without Webinar only the direct half stays.
    const r = markovRemovalEffects([J([NONE, SPRING, SPRING, WEBINAR, SPRING], true)], 3);
    expect(r.conversionProbability).toBeCloseTo(1, 14);
    expect(Array.from(r.removalEffects)).toEqual([expect.closeTo(1, 14), expect.closeTo(0.5, 14), expect.closeTo(1, 14)]);
  });

  it("the tiny example's contact-create journeys: Spring 1, none 1/2", () => {
    // START: none 1/2, Spring 1/2; none -> Spring; Spring -> CONV. Without none half still converts.
    const r = markovRemovalEffects([J([NONE, SPRING, SPRING], true), J([SPRING], true)], 3);
    expect(r.removalEffects[SPRING]).toBeCloseTo(1, 14);
    expect(r.removalEffects[NONE]).toBeCloseTo(0.5, 14);
    expect(r.removalEffects[WEBINAR]).toBe(0);
  });

  it('a chain with a loop, non-converting journeys, a player that never matters and one never seen', () => {
    // A B -> conv; A C -> null; B A -> null. Players A=0, B=1, C=2, and 3 never appears.
    // START: A 2/3, B 1/3. A: B 1/3, C 1/3, NULL 1/3. B: CONV 1/2, A 1/2. C: NULL 1.
    // x_A = x_B / 3, x_B = 1/2 + x_A / 2  =>  x_A = 1/5, x_B = 3/5; P = 2/3·1/5 + 1/3·3/5 = 1/3.
    // Without A: x_B = 1/2, P' = 1/6, effect 1/2. Without B: x_A = 0, effect 1. Without C: nothing
    // changes (C only ever leads to NULL), effect 0.
    const r = markovRemovalEffects([J([0, 1], true), J([0, 2], false), J([1, 0], false)], 4);
    expect(r.conversionProbability).toBeCloseTo(1 / 3, 14);
    expect(r.removalEffects[0]).toBeCloseTo(1 / 2, 14);
    expect(r.removalEffects[1]).toBeCloseTo(1, 14);
    expect(r.removalEffects[2]).toBeCloseTo(0, 14);
    expect(r.removalEffects[3]).toBe(0);
  });

  it('collapses consecutive repeats only', () => {
    const collapsed = markovRemovalEffects([J([0, 1], true), J([1], false)], 2);
    const repeated = markovRemovalEffects([J([0, 0, 0, 1, 1], true), J([1, 1], false)], 2);
    expect(Array.from(repeated.removalEffects)).toEqual(Array.from(collapsed.removalEffects));
    expect(repeated.conversionProbability).toBe(collapsed.conversionProbability);
    // A B A is a loop, not a repeat: START: A 1; A: B 1/2, CONV 1/2; B: A 1. P = 1.
    // Without B: 1/2.
    const loop = markovRemovalEffects([J([0, 1, 0], true)], 2);
    expect(loop.removalEffects[1]).toBeCloseTo(0.5, 14);
  });

  it('accepts Int32Array players and ignores empty journeys', () => {
    const a = markovRemovalEffects([J([0, 1], true), J([1], false)], 2);
    const b = markovRemovalEffects([{ players: Int32Array.from([0, 1]), converted: true }, J([], true), J([1], false), J([], false)], 2);
    expect(b).toEqual(a);
  });

  it('takes a streamed source that reuses one buffer, with the same result as the list', () => {
    const journeys = [J([0, 1, 1, 2], true), J([2], false), J([1, 0], true), J([], false), J([0, 2, 0], false)];
    const source: JourneySource = (visit) => {
      const buffer = new Int32Array(8).fill(7);
      for (const j of journeys) {
        buffer.set(j.players);
        visit(buffer, 0, j.players.length, j.converted);
        buffer.fill(1);
      }
    };
    expect(markovRemovalEffects(source, 3)).toEqual(markovRemovalEffects(journeys, 3));
  });

  it('nothing converts, or no journeys at all: probability 0 and every effect 0', () => {
    const none = markovRemovalEffects([J([0, 1], false), J([1], false)], 3);
    expect(none.conversionProbability).toBe(0);
    expect(Array.from(none.removalEffects)).toEqual([0, 0, 0]);
    expect(Array.from(markovRemovalEffects([], 2).removalEffects)).toEqual([0, 0]);
    expect(markovRemovalEffects([J([], true)], 2).conversionProbability).toBe(0);
    expect(markovRemovalEffects([], 0).removalEffects.length).toBe(0);
  });

  it('rejects players outside 0..playerCount-1', () => {
    expect(() => markovRemovalEffects([J([0, 2], true)], 2)).toThrow(RangeError);
    expect(() => markovRemovalEffects([J([-1], true)], 2)).toThrow(RangeError);
    expect(() => markovRemovalEffects([J([0.5], true)], 2)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Independent computations.

/** Transition counts by `from -> to`, with START = -1 and the absorbing states 'conv' / 'null'. */
function countTransitions(journeys: Journey[]) {
  const counts = new Map<number, Map<number | 'conv' | 'null', number>>();
  const add = (from: number, to: number | 'conv' | 'null') => {
    let row = counts.get(from);
    if (!row) counts.set(from, (row = new Map()));
    row.set(to, (row.get(to) ?? 0) + 1);
  };
  for (const j of journeys) {
    if (!j.players.length) continue;
    let from = -1;
    for (const p of j.players) if (p !== from) { add(from, p); from = p; }
    add(from, j.converted ? 'conv' : 'null');
  }
  return counts;
}

/** Exact rationals for the path enumeration. */
interface Q { n: bigint; d: bigint }
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const q = (n: bigint, d: bigint): Q => { const g = gcd(n, d) || 1n; return { n: n / g, d: d / g }; };
const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const toNumber = (a: Q) => Number(a.n) / Number(a.d);

/**
 * P(conversion) on an acyclic chain by enumerating every path from START, as exact fractions;
 * removing s drops every path through s (they go to NULL).
 */
function enumeratePaths(journeys: Journey[], removed: number): Q {
  const counts = countTransitions(journeys);
  const walk = (from: number, depth: number): Q => {
    if (depth > 64) throw new Error('not acyclic');
    const row = counts.get(from);
    if (!row) return q(0n, 1n);
    let total = 0;
    for (const c of row.values()) total += c;
    let sum = q(0n, 1n);
    for (const [to, c] of row) {
      const step = q(BigInt(c), BigInt(total));
      if (to === 'conv') sum = add(sum, step);
      else if (to !== 'null' && to !== removed) sum = add(sum, mul(step, walk(to, depth + 1)));
    }
    return sum;
  };
  return walk(-1, 0);
}

/** P(conversion) by value iteration, with every transition into `removed` literally sent to NULL. */
function valueIteration(journeys: Journey[], players: number, removed: number): number {
  const counts = countTransitions(journeys);
  const prob = (from: number, to: number | 'conv') => {
    const row = counts.get(from);
    if (!row || to === removed) return 0;
    let total = 0;
    for (const c of row.values()) total += c;
    return (row.get(to) ?? 0) / total;
  };
  let x = new Float64Array(players);
  for (let it = 0; it < 200_000; it++) {
    const next = new Float64Array(players);
    let change = 0;
    for (let i = 0; i < players; i++) {
      let v = prob(i, 'conv');
      for (let j = 0; j < players; j++) v += prob(i, j) * x[j];
      next[i] = v;
      change = Math.max(change, Math.abs(v - x[i]));
    }
    x = next;
    if (change < 1e-15) break;
  }
  let p = 0;
  for (let j = 0; j < players; j++) p += prob(-1, j) * x[j];
  return p;
}

describe('Markov removal effects: independent checks', () => {
  it('equals exact path enumeration (rational arithmetic) on random acyclic chains', () => {
    const rand = mulberry32(2024);
    for (let round = 0; round < 10; round++) {
      const players = 6;
      // Players strictly increasing along each journey: the chain is a DAG.
      const journeys = Array.from({ length: 30 + Math.floor(rand() * 40) }, () => {
        const set = Array.from({ length: players }, (_, p) => p).filter(() => rand() < 0.45);
        return J(set.length ? set : [Math.floor(rand() * players)], rand() < 0.35);
      });
      const r = markovRemovalEffects(journeys, players);
      const base = enumeratePaths(journeys, -1);
      expect(r.conversionProbability).toBeCloseTo(toNumber(base), 12);
      for (let s = 0; s < players; s++) {
        const without = enumeratePaths(journeys, s);
        // 1 - P'/P, as an exact fraction.
        const expected = base.n === 0n ? 0 : 1 - toNumber(q(without.n * base.d, without.d * base.n));
        expect(r.removalEffects[s], `round ${round} player ${s}`).toBeCloseTo(expected, 12);
      }
    }
  });

  it('agrees with value iteration on random chains with loops (1e-9)', () => {
    const rand = mulberry32(7);
    for (let round = 0; round < 4; round++) {
      const players = 7;
      const journeys = Array.from({ length: 300 }, () =>
        J(Array.from({ length: 1 + Math.floor(rand() * 7) }, () => Math.floor(rand() * players)), rand() < 0.3));
      const r = markovRemovalEffects(journeys, players);
      const base = valueIteration(journeys, players, -1);
      expect(Math.abs(r.conversionProbability - base)).toBeLessThan(1e-9);
      for (let s = 0; s < players; s++) {
        const expected = 1 - valueIteration(journeys, players, s) / base;
        expect(Math.abs(r.removalEffects[s] - expected), `round ${round} player ${s}`).toBeLessThan(1e-9);
      }
    }
  });

  it('stays consistent at benchmark scale: 600,000 touches, 41 players', () => {
    const rand = mulberry32(99);
    const journeys: Journey[] = [];
    for (let k = 0; k < 200_000; k++) {
      const p = new Int32Array(3);
      for (let i = 0; i < 3; i++) p[i] = Math.floor(rand() * rand() * 41);
      journeys.push({ players: p, converted: rand() < 0.25 });
    }
    const r = markovRemovalEffects(journeys, 41);
    expect(r.conversionProbability).toBeCloseTo(0.25, 2);
    for (const e of r.removalEffects) expect(e >= 0 && e <= 1).toBe(true);
    // Spot-check two players against value iteration on the same chain.
    for (const s of [0, 40]) expect(Math.abs(r.removalEffects[s] - (1 - valueIteration(journeys, 41, s) / r.conversionProbability))).toBeLessThan(1e-9);
  });
});

describe('data-driven split of one conversion', () => {
  const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);

  it("the tiny example's revenue split: 5,454.55 / 2,727.27 / 1,818.18 of 10,000", () => {
    // I1 none, I2 Spring, I3 Spring, I4 Webinar, I6 Spring, I7 none; effects none 1, Spring 0.5,
    // Webinar 1/3: shares 6/11, 3/11, 2/11, then equally over each player's touches.
    const effects = markovRemovalEffects([J([NONE, SPRING, WEBINAR, SPRING, NONE], true)], 3).removalEffects;
    const path = [[NONE], [SPRING], [SPRING], [WEBINAR], [SPRING], [NONE]];
    const w = splitConversion(path, effects);
    expect(Array.from(w)).toEqual([3 / 11, 1 / 11, 1 / 11, 2 / 11, 1 / 11, 3 / 11].map((x) => expect.closeTo(x, 14)));
    const shares = playerSharesOfConversion(path, effects);
    expect(Math.round(shares.get(NONE)! * 10_000 * 100) / 100).toBe(5454.55);
    expect(Math.round(shares.get(SPRING)! * 10_000 * 100) / 100).toBe(2727.27);
    expect(Math.round(shares.get(WEBINAR)! * 10_000 * 100) / 100).toBe(1818.18);
  });

  it("the tiny example's deal-create split: 0.4 / 0.4 / 0.2", () => {
    const effects = markovRemovalEffects([J([NONE, SPRING, SPRING, WEBINAR, SPRING], true)], 3).removalEffects;
    const path = [[NONE], [SPRING], [SPRING], [WEBINAR], [SPRING]];
    const shares = playerSharesOfConversion(path, effects);
    expect(shares.get(NONE)).toBeCloseTo(0.4, 14);
    expect(shares.get(SPRING)).toBeCloseTo(0.4, 14);
    expect(shares.get(WEBINAR)).toBeCloseTo(0.2, 14);
    expect(Array.from(splitConversion(path, effects))).toEqual([0.4, 0.4 / 3, 0.4 / 3, 0.2, 0.4 / 3].map((x) => expect.closeTo(x, 14)));
  });

  it("the tiny example's contact-create credit: Spring 1.6667, none 0.3333", () => {
    const journeys = [J([NONE, SPRING, SPRING], true), J([SPRING], true)];
    const effects = markovRemovalEffects(journeys, 3).removalEffects;
    const credit = new Map<number, number>();
    for (const j of journeys) {
      for (const [p, s] of playerSharesOfConversion(Array.from(j.players, (p) => [p]), effects)) credit.set(p, (credit.get(p) ?? 0) + s);
    }
    expect(credit.get(SPRING)).toBeCloseTo(5 / 3, 14);
    expect(credit.get(NONE)).toBeCloseTo(1 / 3, 14);
  });

  it('a touch with two campaigns gets a share from each', () => {
    // Players 0 and 1 score 3 and 1: shares 3/4 and 1/4. Player 0 has two touches, 1 has one.
    const w = splitConversion([[0, 1], [0]], Float64Array.from([3, 1]));
    expect(Array.from(w)).toEqual([expect.closeTo(3 / 8 + 1 / 4, 14), expect.closeTo(3 / 8, 14)]);
    const entries: [number, number, number][] = [];
    forEachDataDrivenShare([[0, 1], [0]], [3, 1], (t, p, s) => entries.push([t, p, s]));
    expect(entries).toEqual([[0, 0, 3 / 8], [0, 1, 1 / 4], [1, 0, 3 / 8]]);
  });

  it('negative, NaN and missing scores count as 0; all zero splits equally', () => {
    const w = splitConversion([[0], [1], [2]], [-1, 2, NaN]);
    expect(Array.from(w)).toEqual([0, 1, 0]);
    const equal = splitConversion([[0], [0], [1], [2]], [0, -3, 0]);
    expect(Array.from(equal)).toEqual([1 / 6, 1 / 6, 1 / 3, 1 / 3]);
    expect(sum(splitConversion([[5]], []))).toBe(1);
  });

  it('weights sum to 1 on random paths; an empty path gets no weights', () => {
    const rand = mulberry32(3);
    for (let k = 0; k < 200; k++) {
      const path = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Array.from({ length: 1 + Math.floor(rand() * 2) }, () => Math.floor(rand() * 6)));
      const scores = Array.from({ length: 6 }, () => rand() - 0.3);
      expect(sum(splitConversion(path, scores))).toBeCloseTo(1, 14);
    }
    expect(splitConversion([], [1]).length).toBe(0);
  });
});

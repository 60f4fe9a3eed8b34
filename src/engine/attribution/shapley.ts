/**
 * @fileoverview The Shapley model, exact at any size. For a conversion whose path has player set P
 * (n = |P|), the worth of S ⊆ P is the conversion rate of the journeys whose player set is exactly
 * S, and 0 where no journey has exactly S. Because unobserved sets are worth 0,
 *
 *   φ_i(P) = Σ over observed S ⊆ P with v(S) > 0 of v(S)·c(|S|, i),
 *   c = (|S|-1)!(n-|S|)!/n! if i ∈ S,  -|S|!(n-|S|-1)!/n! if i ∉ S,
 *
 * so no 2^n enumeration is ever needed. Large sizes: nothing is approximated and there is no cap on
 * |P|. The cost per distinct P is the number of trie nodes (prefixes of converting player sets) that
 * are subsets of P, at most the total size of the converting sets; so the work grows with the number
 * of distinct converting player sets in the data, not with |P|. Results are cached per P.
 */
import { journeySource, type Journey, type JourneySource } from './journeys';

export interface ShapleyGame {
  /**
   * Shapley values of the game on `playerSet` (player indexes in any order, repeats allowed: a
   * journey's players can be passed as they are), indexed by player: length playerCount, 0 outside
   * the set. The array is cached and shared between calls: do not modify it.
   */
  valuesFor(playerSet: ArrayLike<number>): Float64Array;
  /** v(S): the conversion rate of journeys whose player set is exactly S (0 if none). */
  worth(playerSet: ArrayLike<number>): number;
  /** Distinct player sets among the (non-empty) journeys. */
  readonly observedSets: number;
  /** Those with at least one conversion (the only ones with worth > 0). */
  readonly convertingSets: number;
}

export function createShapleyGame(journeys: Journey[] | JourneySource, playerCount: number): ShapleyGame {
  const sets = new PlayerSetTable(playerCount);
  // Tally journeys by exact player set: per set id, journeys and conversions. Sets are copied into
  // the table as they stream by, so a source may reuse one buffer for every journey.
  let total: Float64Array = new Float64Array(64);
  let converted: Float64Array = new Float64Array(64);
  journeySource(journeys)((players, offset, length, isConverted) => {
    if (length === 0) return;
    const s = sets.intern(players, offset, length);
    if (s >= total.length) {
      total = grow(total, s + 1);
      converted = grow(converted, s + 1);
    }
    total[s]++;
    if (isConverted) converted[s]++;
  });
  const setCount = sets.size;

  let convertingSets = 0;
  let nodeCapacity = 1;
  for (let s = 0; s < setCount; s++) {
    if (converted[s] === 0) continue;
    convertingSets++;
    nodeCapacity += sets.sizeOf(s);
  }
  // The trie orders each set's players rarest first: a query P mostly lacks rare players, so
  // branches that cannot be subsets of P end nearer the root (on random 4-23-touch paths about
  // a quarter fewer nodes visited and 1.6x faster than index order; no loss on the demo data).
  const players: number[] = [];
  const frequency = new Float64Array(playerCount);
  for (let s = 0; s < setCount; s++) {
    if (converted[s] === 0) continue;
    sets.playersOf(s, players);
    for (const p of players) frequency[p]++;
  }
  const playerOfRank = Int32Array.from({ length: playerCount }, (_, p) => p).sort((a, b) => frequency[a] - frequency[b] || a - b);
  const rankOf = new Int32Array(playerCount);
  for (let r = 0; r < playerCount; r++) rankOf[playerOfRank[r]] = r;
  const ranks: number[] = [];
  const toRanks = () => {
    ranks.length = 0;
    for (const p of players) ranks.push(rankOf[p]);
    ranks.sort((a, b) => a - b);
    return ranks;
  };
  const trie = new SubsetTrie(playerOfRank, nodeCapacity);
  for (let s = 0; s < setCount; s++) {
    if (converted[s] === 0) continue;
    sets.playersOf(s, players);
    trie.add(toRanks(), converted[s] / total[s]);
  }

  // Cached by set id for observed sets (the usual case: a conversion's own path set is observed),
  // else by the set's words.
  const cacheById: (Float64Array | undefined)[] = [];
  const cacheOther = new Map<string, Float64Array>();
  /** φ on the set last loaded into `sets`. */
  const compute = (): Float64Array => {
    sets.playersOf(-1, players);
    return trie.shapley(toRanks());
  };
  return {
    observedSets: setCount,
    convertingSets,
    worth(playerSet) {
      const s = sets.find(playerSet);
      return s < 0 ? 0 : converted[s] / total[s];
    },
    valuesFor(playerSet) {
      const s = sets.find(playerSet);
      if (s >= 0) return (cacheById[s] ??= compute());
      const key = sets.scratchKey();
      let phi = cacheOther.get(key);
      if (!phi) cacheOther.set(key, (phi = compute()));
      return phi;
    },
  };
}

/**
 * The converting sets in a trie (player ranks ascending along each branch), so that the observed
 * subsets of P are found by walking only branches whose players are all in P. Children are a
 * sibling list plus a hash on (node, rank): a node is expanded either by scanning its children or
 * by looking up the players of P still ahead, whichever is fewer, so wide nodes stay cheap.
 */
class SubsetTrie {
  private readonly label: Int32Array;
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  private readonly childCount: Int32Array;
  private readonly worth: Float64Array;
  private nodes = 1;
  private readonly hashNode: Int32Array;
  private readonly hashLabel: Int32Array;
  private readonly hashChild: Int32Array;
  private readonly hashMask: number;
  // Query state, kept here so the recursion reads fields of one object rather than a closure.
  /** 1 + the position in P of each player in P, else 0. */
  private readonly positionOf: Int32Array;
  private readonly acc: Float64Array;
  private query: Int32Array;
  private queryLength = 0;
  private outSum = 0;
  private both: Float64Array = new Float64Array(0);
  private out: Float64Array = new Float64Array(0);
  private readonly bothBySize: Float64Array[] = [];
  private readonly outBySize: Float64Array[] = [];

  /** Trie labels are ranks; `playerOfRank` maps them back to players for the result. */
  constructor(private readonly playerOfRank: Int32Array, capacity: number) {
    const playerCount = playerOfRank.length;
    this.label = new Int32Array(capacity);
    this.firstChild = new Int32Array(capacity).fill(-1);
    this.nextSibling = new Int32Array(capacity).fill(-1);
    this.childCount = new Int32Array(capacity);
    this.worth = new Float64Array(capacity);
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.hashNode = new Int32Array(size).fill(-1);
    this.hashLabel = new Int32Array(size);
    this.hashChild = new Int32Array(size);
    this.hashMask = size - 1;
    this.positionOf = new Int32Array(playerCount);
    this.acc = new Float64Array(playerCount);
    this.query = new Int32Array(Math.max(1, playerCount));
  }

  private slot(node: number, player: number): number {
    let slot = (Math.imul(node, 0x9e3779b1) ^ Math.imul(player + 1, 0x85ebca6b)) & this.hashMask;
    while (this.hashNode[slot] >= 0 && (this.hashNode[slot] !== node || this.hashLabel[slot] !== player)) slot = (slot + 1) & this.hashMask;
    return slot;
  }

  /** Adds a set (ranks ascending, distinct) with its worth. */
  add(players: number[], worth: number): void {
    let node = 0;
    for (const p of players) {
      const slot = this.slot(node, p);
      let c = this.hashNode[slot] >= 0 ? this.hashChild[slot] : -1;
      if (c < 0) {
        c = this.nodes++;
        this.label[c] = p;
        this.nextSibling[c] = this.firstChild[node];
        this.firstChild[node] = c;
        this.childCount[node]++;
        this.hashNode[slot] = node;
        this.hashLabel[slot] = p;
        this.hashChild[slot] = c;
      }
      node = c;
    }
    this.worth[node] = worth;
  }

  /** Shapley values of the game on P (ranks ascending, distinct), indexed by player. */
  shapley(ranks: number[]): Float64Array {
    const phi = new Float64Array(this.playerOfRank.length);
    const n = ranks.length;
    if (n === 0) return phi;
    this.coefficients(n);
    this.outSum = 0;
    this.queryLength = n;
    for (let i = 0; i < n; i++) {
      this.query[i] = ranks[i];
      this.positionOf[ranks[i]] = i + 1;
    }
    this.visit(0, 0, 0);
    for (const r of ranks) {
      // φ_p = Σ_{S∋p} v·in − Σ_{S∌p} v·out = Σ_{S∋p} v·(in + out) − Σ_S v·out.
      phi[this.playerOfRank[r]] = this.acc[r] - this.outSum;
      this.acc[r] = 0;
      this.positionOf[r] = 0;
    }
    return phi;
  }

  /**
   * Sum of v(S)·(in + out) over the observed S ⊆ P whose branch passes through `node` (at `depth`),
   * adding it to acc of each player on the way; `from` is where in P the players after node's start.
   */
  private visit(node: number, depth: number, from: number): number {
    let sum = 0;
    const v = this.worth[node];
    if (v > 0) {
      sum = v * this.both[depth];
      this.outSum += v * this.out[depth];
    }
    if (this.childCount[node] <= this.queryLength - from) {
      for (let c = this.firstChild[node]; c >= 0; c = this.nextSibling[c]) {
        const p = this.label[c];
        const at = this.positionOf[p];
        if (at === 0) continue;
        const below = this.visit(c, depth + 1, at);
        this.acc[p] += below;
        sum += below;
      }
    } else {
      for (let i = from; i < this.queryLength; i++) {
        const p = this.query[i];
        const slot = this.slot(node, p);
        if (this.hashNode[slot] < 0) continue;
        const below = this.visit(this.hashChild[slot], depth + 1, i + 1);
        this.acc[p] += below;
        sum += below;
      }
    }
    return sum;
  }

  /** both[k] = in(k) + out(k) and out[k], in(k) = (k-1)!(n-k)!/n!, out(k) = k!(n-k-1)!/n!. */
  private coefficients(n: number): void {
    if (!this.bothBySize[n]) {
      const r = reciprocalBinomials(n - 1);
      const both = new Float64Array(n + 1);
      const out = new Float64Array(n + 1);
      for (let k = 1; k <= n; k++) {
        // in(k) = 1 / (n·C(n-1, k-1)), out(k) = 1 / (n·C(n-1, k)); no player is outside P itself.
        out[k] = k < n ? r[k] / n : 0;
        both[k] = r[k - 1] / n + out[k];
      }
      this.bothBySize[n] = both;
      this.outBySize[n] = out;
    }
    this.both = this.bothBySize[n];
    this.out = this.outBySize[n];
  }
}

function grow(a: Float64Array, atLeast: number): Float64Array {
  const b = new Float64Array(Math.max(atLeast, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Player sets as bitmasks of ceil(playerCount / 32) words, interned in an open-addressing hash
 * table: one pass of ORs per journey, no sorting, strings or per-journey allocation, and no limit
 * on the number of players.
 */
class PlayerSetTable {
  readonly words: number;
  size = 0;
  /** The last set passed to intern / find. */
  private readonly scratch: Uint32Array;
  private setWords: Uint32Array;
  private slots: Int32Array;
  private mask: number;

  constructor(private readonly playerCount: number) {
    this.words = Math.max(1, Math.ceil(playerCount / 32));
    this.scratch = new Uint32Array(this.words);
    this.setWords = new Uint32Array(64 * this.words);
    this.slots = new Int32Array(128).fill(-1);
    this.mask = 127;
  }

  private load(players: ArrayLike<number>, offset: number, length: number): number {
    const w = this.scratch;
    w.fill(0);
    for (let i = offset; i < offset + length; i++) {
      const p = players[i];
      // A bad index would silently alias another player; fail loudly instead.
      if (!(p >= 0 && p < this.playerCount) || p !== (p | 0)) throw new RangeError(`Player ${p} outside 0..${this.playerCount - 1}`);
      w[p >>> 5] |= 1 << (p & 31);
    }
    return hashWords(w, 0, w.length);
  }

  private probe(hash: number): number {
    const { scratch: w, words, setWords, slots } = this;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const s = slots[slot];
      if (s < 0) return ~slot;
      let same = true;
      for (let i = 0; i < words; i++) if (setWords[s * words + i] !== w[i]) { same = false; break; }
      if (same) return slot;
    }
  }

  /** Id of the set of the first `length` players (any order, repeats allowed), added if new. */
  intern(players: ArrayLike<number>, offset: number, length: number): number {
    const slot = this.probe(this.load(players, offset, length));
    if (slot >= 0) return this.slots[slot];
    const id = this.size++;
    if (this.setWords.length < this.size * this.words) {
      const bigger = new Uint32Array(this.setWords.length * 2);
      bigger.set(this.setWords);
      this.setWords = bigger;
    }
    this.setWords.set(this.scratch, id * this.words);
    this.slots[~slot] = id;
    if (this.size * 2 > this.mask) this.rehash();
    return id;
  }

  /** Id of the set of `players`, or -1; either way it stays loaded for `playersOf(-1)`. */
  find(players: ArrayLike<number>): number {
    const slot = this.probe(this.load(players, 0, players.length));
    return slot >= 0 ? this.slots[slot] : -1;
  }

  scratchKey(): string {
    return this.scratch.join(',');
  }

  sizeOf(id: number): number {
    let n = 0;
    for (let i = 0; i < this.words; i++) {
      let x = this.setWords[id * this.words + i];
      while (x !== 0) { x &= x - 1; n++; }
    }
    return n;
  }

  /** Players of set `id` (or of the loaded set: -1), ascending, into `out`. */
  playersOf(id: number, out: number[]): void {
    out.length = 0;
    for (let i = 0; i < this.words; i++) {
      let x = id < 0 ? this.scratch[i] : this.setWords[id * this.words + i];
      while (x !== 0) {
        const low = x & -x;
        out.push(i * 32 + 31 - Math.clz32(low));
        x ^= low;
      }
    }
  }

  private rehash(): void {
    const capacity = (this.mask + 1) * 2;
    const slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = hashWords(this.setWords, id * this.words, this.words) & this.mask;
      while (slots[slot] >= 0) slot = (slot + 1) & this.mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}

function hashWords(a: Uint32Array, from: number, count: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < from + count; i++) h = Math.imul(h ^ a[i], 0x9e3779b1) ^ (h >>> 15);
  return Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
}

/**
 * 1 / C(m, k) for k = 0..m, by the ratio recurrence: factorials would overflow past 170 and lose
 * exactness far earlier, while each step here costs one rounding.
 */
function reciprocalBinomials(m: number): Float64Array {
  const r = new Float64Array(m + 1);
  r[0] = 1;
  for (let k = 1; k <= m; k++) r[k] = (r[k - 1] * k) / (m - k + 1);
  return r;
}

/**
 * @fileoverview How a data-driven model splits one conversion: over the players on its path in
 * proportion to their scores (removal effects or Shapley values), then equally over each player's
 * touches on the path. Scores that are negative, NaN or missing count as 0; when every player on
 * the path scores 0 the players share equally.
 */

import type { CreditEntrySink } from './credit-entries';

/**
 * A splitter that reuses its buffers from one conversion to the next (a refresh splits hundreds of
 * thousands). A path is a list of keys; touch t's players are `playersOf[path[t]]`, or
 * `[fallback]` when that is null (the engine's "(no campaign)"). `scoresFor(players)` gives the
 * scores, given the path's distinct players in ascending order. With `skipZero`, entries with
 * share 0 are not pushed. The fallback's entries are pushed as player `fallbackOut` (the engine's
 * credit splits name "(no campaign)" NO_CAMPAIGN_ENTRY), so a sink needs no wrapper.
 */
export function createShareSplitter(playerCount: number) {
  const touches = new Int32Array(playerCount);
  const perTouch = new Float64Array(playerCount);
  const players: number[] = [];
  return (
    path: ArrayLike<number>,
    playersOf: ArrayLike<ArrayLike<number> | null>,
    fallback: number,
    scoresFor: (players: readonly number[]) => ArrayLike<number>,
    sink: CreditEntrySink,
    skipZero = false,
    fallbackOut = fallback,
  ): void => {
    const length = path.length;
    players.length = 0;
    for (let t = 0; t < length; t++) {
      const ps = playersOf[path[t]];
      if (!ps) { if (touches[fallback]++ === 0) players.push(fallback); continue; }
      for (let i = 0; i < ps.length; i++) if (touches[ps[i]]++ === 0) players.push(ps[i]);
    }
    if (players.length === 0) return;
    // Insertion sort: a path has a handful of distinct players, and Array#sort allocates.
    for (let i = 1; i < players.length; i++) {
      const v = players[i];
      let j = i - 1;
      for (; j >= 0 && players[j] > v; j--) players[j + 1] = players[j];
      players[j + 1] = v;
    }
    const scores = scoresFor(players);
    let total = 0;
    // `s > 0` is false for negatives, NaN and undefined alike.
    for (const p of players) total += scores[p] > 0 ? scores[p] : 0;
    for (const p of players) perTouch[p] = (total > 0 ? (scores[p] > 0 ? scores[p] : 0) / total : 1 / players.length) / touches[p];
    for (let t = 0; t < length; t++) {
      const ps = playersOf[path[t]];
      if (!ps) {
        if (!skipZero || perTouch[fallback] > 0) sink.push(t, fallbackOut, perTouch[fallback]);
        continue;
      }
      for (let i = 0; i < ps.length; i++) if (!skipZero || perTouch[ps[i]] > 0) sink.push(t, ps[i], perTouch[ps[i]]);
    }
    for (const p of players) {
      touches[p] = 0;
      perTouch[p] = 0;
    }
  };
}

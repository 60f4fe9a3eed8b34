/**
 * @fileoverview How a data-driven model splits one conversion: over the players on its path in
 * proportion to their scores (removal effects or Shapley values), then equally over each player's
 * touches on the path. Pure numbers in, numbers out.
 */

/**
 * Per (touch, player) share of one conversion, in path order and, within a touch, in the order of
 * its players. Scores that are negative, NaN or missing count as 0; when every player on the path
 * scores 0 the players share equally. Shares sum to 1 over a non-empty path; entries with share 0
 * are still emitted, so a caller that wants only credited entries filters them.
 *
 * `emit` is called only after the whole split is computed, so it may call back into this module.
 */
export function forEachDataDrivenShare(
  pathPlayers: ArrayLike<ArrayLike<number>>,
  playerScores: ArrayLike<number>,
  emit: (touch: number, player: number, share: number) => void,
): void {
  // Distinct players of the path and their touch counts, in first-seen order. A linear search:
  // paths hold a handful of distinct players, where a Map would cost more than it saves.
  const players: number[] = [];
  const touches: number[] = [];
  let entries = 0;
  for (let t = 0; t < pathPlayers.length; t++) {
    const ps = pathPlayers[t];
    for (let i = 0; i < ps.length; i++) {
      const slot = players.indexOf(ps[i]);
      if (slot < 0) {
        players.push(ps[i]);
        touches.push(1);
      } else touches[slot]++;
      entries++;
    }
  }
  if (entries === 0) return;
  let total = 0;
  const score = new Float64Array(players.length);
  for (let k = 0; k < players.length; k++) {
    const s = playerScores[players[k]];
    // `s > 0` is false for negatives, NaN and undefined alike.
    score[k] = s > 0 ? s : 0;
    total += score[k];
  }
  const perTouch = new Float64Array(players.length);
  for (let k = 0; k < players.length; k++) {
    const playerShare = total > 0 ? score[k] / total : 1 / players.length;
    perTouch[k] = playerShare / touches[k];
  }
  for (let t = 0; t < pathPlayers.length; t++) {
    const ps = pathPlayers[t];
    for (let i = 0; i < ps.length; i++) emit(t, ps[i], perTouch[players.indexOf(ps[i])]);
  }
}

/**
 * Weight per touch of one conversion (a touch with several players gets a share from each); sums
 * to 1 unless the path is empty (then every weight is 0).
 */
export function splitConversion(pathPlayers: ArrayLike<ArrayLike<number>>, playerScores: ArrayLike<number>): Float64Array {
  const weights = new Float64Array(pathPlayers.length);
  forEachDataDrivenShare(pathPlayers, playerScores, (touch, _player, share) => { weights[touch] += share; });
  return weights;
}

/**
 * Share of the conversion per player on the path (a map: paths are short and player indexes may
 * be many); sums to 1 over a non-empty path.
 */
export function playerSharesOfConversion(pathPlayers: ArrayLike<ArrayLike<number>>, playerScores: ArrayLike<number>): Map<number, number> {
  const shares = new Map<number, number>();
  forEachDataDrivenShare(pathPlayers, playerScores, (_touch, player, share) => shares.set(player, (shares.get(player) ?? 0) + share));
  return shares;
}

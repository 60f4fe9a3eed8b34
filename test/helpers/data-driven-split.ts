/**
 * @fileoverview The data-driven split on hand-written paths (each touch's players given as a list),
 * for tests: the engine itself splits conversions on its model (engine/attribution/data-driven-split.ts).
 */
import { createShareSplitter } from '../../src/engine/attribution/data-driven-split';

type ShareEmitter = (touch: number, player: number, share: number) => void;

/** One conversion's (touch, player, share) entries, with its per-touch players given as lists. */
export function forEachDataDrivenShare(pathPlayers: ArrayLike<ArrayLike<number>>, playerScores: ArrayLike<number>, emit: ShareEmitter): void {
  let max = -1;
  for (let t = 0; t < pathPlayers.length; t++) for (let i = 0; i < pathPlayers[t].length; i++) max = Math.max(max, pathPlayers[t][i]);
  const path = Array.from({ length: pathPlayers.length }, (_, t) => t);
  createShareSplitter(max + 1)(path, pathPlayers, -1, () => playerScores, { push: emit });
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

/** Share of the conversion per player on the path; sums to 1 over a non-empty path. */
export function playerSharesOfConversion(pathPlayers: ArrayLike<ArrayLike<number>>, playerScores: ArrayLike<number>): Map<number, number> {
  const shares = new Map<number, number>();
  forEachDataDrivenShare(pathPlayers, playerScores, (_touch, player, share) => shares.set(player, (shares.get(player) ?? 0) + share));
  return shares;
}

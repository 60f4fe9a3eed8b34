/**
 * @fileoverview The data-driven models on the engine's data: journeys of every conversion and of
 * every person who did not convert, fitted once per report type, then each conversion's split.
 */
import { conversionsOf, eligibility, memo, type Analysis } from '../analysis';
import type { AttributionModel, ReportType } from './catalog';
import type { Conversion } from './conversions';
import type { CreditSplit } from './credit';
import type { Journey } from './journeys';
import { markovRemovalEffects } from './markov';
import { createShapleyGame } from './shapley';

/** Players are campaign indexes, and one more index for "(no campaign)". */
export const noCampaignPlayer = (a: Analysis) => a.model.workbook.campaigns.length;

/** Players of a touch: its campaigns in Campaigns-tab order, or "(no campaign)". */
function touchPlayers(a: Analysis, position: number): number[] {
  return a.model.campaignsOf[position] ?? [noCampaignPlayer(a)];
}

function expand(a: Analysis, path: ArrayLike<number>): number[] {
  const players: number[] = [];
  for (let j = 0; j < path.length; j++) for (const p of touchPlayers(a, path[j])) players.push(p);
  return players;
}

/**
 * Converting journeys are the conversions' non-empty paths; every person with eligible
 * interactions and no conversion of this type adds one non-converting journey of all of them.
 */
export function journeysOf(a: Analysis, type: ReportType): Journey[] {
  return memo(a, `journeys:${type}`, () => {
    const conversions = conversionsOf(a, type);
    const journeys: Journey[] = [];
    const converted = new Uint8Array(a.model.workbook.contacts.length);
    for (const c of conversions) {
      for (const k of c.contacts) converted[k] = 1;
      if (c.path.length) journeys.push({ players: expand(a, c.path), converted: true });
    }
    const elig = eligibility(a);
    elig.byContact.forEach((list, k) => {
      if (!converted[k] && list.length) journeys.push({ players: expand(a, list), converted: false });
    });
    const anonymous = new Map<string, number[]>();
    const { interactions, contactOf } = a.model;
    for (let p = 0; p < interactions.length; p++) {
      if (contactOf[p] >= 0 || !elig.eligible[p]) continue;
      const i = interactions[p];
      const key = i.visitorId ? 'v:' + i.visitorId : 'c:' + i.contactId;
      let list = anonymous.get(key);
      if (!list) anonymous.set(key, (list = []));
      for (const pl of touchPlayers(a, p)) list.push(pl);
    }
    for (const players of anonymous.values()) journeys.push({ players, converted: false });
    return journeys;
  });
}

export function removalEffects(a: Analysis, type: ReportType) {
  return memo(a, `markov:${type}`, () => markovRemovalEffects(journeysOf(a, type), noCampaignPlayer(a) + 1));
}

export function shapleyGame(a: Analysis, type: ReportType) {
  return memo(a, `shapley:${type}`, () => createShapleyGame(journeysOf(a, type), noCampaignPlayer(a) + 1));
}

export const isDataDriven = (m: AttributionModel) => m === 'Markov' || m === 'Shapley';

/**
 * The conversion's value split over the players on its path in proportion to their removal effects
 * or Shapley values (negatives count as 0; all zero: equal), then equally over each player's touches.
 */
export function dataDrivenSplit(a: Analysis, model: AttributionModel, c: Conversion): CreditSplit {
  const none = noCampaignPlayer(a);
  const touch: number[] = [], campaign: number[] = [], share: number[] = [];
  if (c.path.length === 0) return { touch: new Int32Array(0), campaign: new Int32Array(0), share: new Float64Array(0) };
  const pathPlayers = Array.from(c.path, (p) => touchPlayers(a, p));
  const touches = new Map<number, number>();
  for (const ps of pathPlayers) for (const p of ps) touches.set(p, (touches.get(p) ?? 0) + 1);
  const players = [...touches.keys()].sort((x, y) => x - y);
  let scores: ArrayLike<number>;
  if (model === 'Markov') scores = removalEffects(a, c.type).removalEffects;
  else if (model === 'Shapley') scores = shapleyGame(a, c.type).valuesFor(players);
  else throw new Error(`${model} is not a data-driven model`);
  let total = 0;
  for (const p of players) total += Math.max(0, scores[p]);
  const playerShare = (p: number) => (total > 0 ? Math.max(0, scores[p]) / total : 1 / players.length);
  pathPlayers.forEach((ps, j) => {
    for (const p of ps) {
      const s = playerShare(p) / touches.get(p)!;
      if (s === 0) continue;
      touch.push(j);
      campaign.push(p === none ? -1 : p);
      share.push(s);
    }
  });
  return { touch: Int32Array.from(touch), campaign: Int32Array.from(campaign), share: Float64Array.from(share) };
}

/** Per player, the fraction of the conversion it earns (for the removal-effects explanation). */
export function playerShares(split: CreditSplit, playerCount: number): Float64Array {
  const out = new Float64Array(playerCount);
  for (let e = 0; e < split.share.length; e++) {
    const k = split.campaign[e];
    out[k < 0 ? playerCount - 1 : k] += split.share[e];
  }
  return out;
}

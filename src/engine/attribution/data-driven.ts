/**
 * @fileoverview The data-driven models on the engine's data: journeys of every conversion and of
 * every person who did not convert, fitted once per report type, then each conversion's split.
 */
import { conversionsOf, eligibility, memo, type Analysis } from '../analysis';
import type { AttributionModel, ReportType } from './catalog';
import type { Conversion } from './conversions';
import type { CreditSplit, SplitSink } from './credit';
import type { JourneySource } from './journeys';
import { markovRemovalEffects } from './markov';
import { createShapleyGame } from './shapley';

/** Players are campaign indexes, and one more index for "(no campaign)". */
export const noCampaignPlayer = (a: Analysis) => a.model.workbook.campaigns.length;

/** Players of a touch: its campaigns in Campaigns-tab order, or "(no campaign)". */
function touchPlayers(a: Analysis, position: number): readonly number[] {
  return a.model.campaignsOf[position] ?? memo(a, 'players:none', () => [noCampaignPlayer(a)]);
}

/**
 * The journeys of a report type, streamed: converting journeys are the conversions' non-empty
 * paths; every person with eligible interactions and no conversion of this type adds one
 * non-converting journey of all of them (anonymous visitors included).
 */
export function journeysOf(a: Analysis, type: ReportType): JourneySource {
  const conversions = conversionsOf(a, type);
  const elig = eligibility(a);
  const anonymous = anonymousPaths(a);
  const none = noCampaignPlayer(a);
  const { campaignsOf } = a.model;
  return (visit) => {
    let buffer = new Int32Array(256);
    const emit = (positions: ArrayLike<number>, from: number, to: number, converted: boolean) => {
      let n = 0;
      for (let j = from; j < to; j++) {
        const cs = campaignsOf[positions[j]];
        if (n + (cs ? cs.length : 1) > buffer.length) {
          const bigger = new Int32Array(buffer.length * 2 + (cs ? cs.length : 1));
          bigger.set(buffer.subarray(0, n));
          buffer = bigger;
        }
        if (!cs) buffer[n++] = none;
        else for (const k of cs) buffer[n++] = k;
      }
      if (n) visit(buffer, n, converted);
    };
    const converted = new Uint8Array(a.model.workbook.contacts.length);
    for (const c of conversions) {
      for (const k of c.contacts) converted[k] = 1;
      emit(c.path, 0, c.path.length, true);
    }
    elig.byContact.forEach((list, k) => {
      if (!converted[k]) emit(list, 0, list.length, false);
    });
    for (let v = 0; v + 1 < anonymous.start.length; v++) emit(anonymous.positions, anonymous.start[v], anonymous.start[v + 1], false);
  };
}

/** How many journeys there are, and how many convert. */
export function journeyCounts(a: Analysis, type: ReportType): { journeys: number; converting: number } {
  let journeys = 0, converting = 0;
  journeysOf(a, type)((_p, _n, converted) => {
    journeys++;
    if (converted) converting++;
  });
  return { journeys, converting };
}

/**
 * Anonymous visitors' eligible interactions grouped by visitor (a visitor's positions are
 * positions[start[v]..start[v+1]]), for every report type alike.
 */
function anonymousPaths(a: Analysis): { start: Int32Array; positions: Int32Array } {
  return memo(a, 'journeys:anonymous', () => {
    const elig = eligibility(a);
    const { contactOf, visitorOf } = a.model;
    const group = new Map<number, number>();
    const counts: number[] = [];
    for (let p = 0; p < contactOf.length; p++) {
      if (contactOf[p] >= 0 || !elig.eligible[p]) continue;
      let g = group.get(visitorOf[p]);
      if (g === undefined) { group.set(visitorOf[p], (g = counts.length)); counts.push(0); }
      counts[g]++;
    }
    const start = new Int32Array(counts.length + 1);
    for (let g = 0; g < counts.length; g++) start[g + 1] = start[g] + counts[g];
    const fill = start.slice(0, -1);
    const positions = new Int32Array(start[counts.length]);
    for (let p = 0; p < contactOf.length; p++) {
      if (contactOf[p] >= 0 || !elig.eligible[p]) continue;
      positions[fill[group.get(visitorOf[p])!]++] = p;
    }
    return { start, positions };
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
 * A splitter for one model and report type: each conversion's value split over the players on its
 * path in proportion to their removal effects or Shapley values (negatives count as 0; all zero:
 * equal), then equally over each player's touches. Made once per attribution: the per-conversion
 * work is plain array arithmetic.
 */
export function dataDrivenSplitter(a: Analysis, model: AttributionModel, type: ReportType): (c: Conversion, out: SplitSink) => void {
  const none = noCampaignPlayer(a);
  const { campaignsOf } = a.model;
  const markov = model === 'Markov' ? removalEffects(a, type).removalEffects : null;
  const shapley = model === 'Shapley' ? shapleyGame(a, type) : null;
  if (!markov && !shapley) throw new Error(`${model} is not a data-driven model`);
  const touches = new Int32Array(none + 1);
  const perTouch = new Float64Array(none + 1);
  return (c, out) => {
    if (c.path.length === 0) return;
    const players: number[] = [];
    for (let j = 0; j < c.path.length; j++) {
      const cs = campaignsOf[c.path[j]];
      if (!cs) { if (touches[none]++ === 0) players.push(none); }
      else for (const k of cs) if (touches[k]++ === 0) players.push(k);
    }
    players.sort((x, y) => x - y);
    const scores: ArrayLike<number> = markov ?? shapley!.valuesFor(players);
    let total = 0;
    for (const p of players) total += Math.max(0, scores[p]);
    for (const p of players) perTouch[p] = (total > 0 ? Math.max(0, scores[p]) / total : 1 / players.length) / touches[p];
    for (let j = 0; j < c.path.length; j++) {
      const cs = campaignsOf[c.path[j]];
      if (!cs) {
        if (perTouch[none] > 0) { out.touch.push(j); out.campaign.push(-1); out.share.push(perTouch[none]); }
        continue;
      }
      for (const k of cs) if (perTouch[k] > 0) { out.touch.push(j); out.campaign.push(k); out.share.push(perTouch[k]); }
    }
    for (const p of players) { touches[p] = 0; perTouch[p] = 0; }
  };
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

/**
 * @fileoverview The data-driven models on the engine's data: journeys of every conversion and of
 * every person who did not convert, fitted once per report type, then each conversion's split.
 */
import { conversionsOf, eligibility, memo, type Analysis } from '../analysis';
import type { AttributionModel, ReportType } from './catalog';
import type { Conversion } from './conversions';
import { SplitSink, type CreditSplit } from './credit';
import type { JourneySource } from './journeys';
import { markovRemovalEffects } from './markov';
import { createShapleyGame } from './shapley';
import { createShareSplitter } from './data-driven-split';

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
 * path by their removal effects or Shapley values, then over each player's touches
 * (data-driven-split.ts). Scores and buffers are set up once per attribution, not per conversion.
 */
export function dataDrivenSplitter(a: Analysis, model: AttributionModel, type: ReportType): (c: Conversion, out: SplitSink) => void {
  const none = noCampaignPlayer(a);
  const markov = model === 'Markov' ? removalEffects(a, type).removalEffects : null;
  const shapley = model === 'Shapley' ? shapleyGame(a, type) : null;
  if (!markov && !shapley) throw new Error(`${model} is not a data-driven model`);
  const split = createShareSplitter(none + 1);
  const scoresFor = markov ? () => markov : (players: readonly number[]) => shapley!.valuesFor(players);
  let path: Int32Array = new Int32Array(0);
  let out = new SplitSink();
  const playersAt = (touch: number) => touchPlayers(a, path[touch]);
  const emit = (touch: number, player: number, share: number) => {
    if (share <= 0) return;
    out.push(touch, player === none ? -1 : player, share);
  };
  return (c, sink) => {
    path = c.path;
    out = sink;
    split(c.path.length, playersAt, scoresFor, emit);
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

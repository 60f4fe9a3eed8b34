/**
 * @fileoverview The data-driven models on the engine's data: journeys of every conversion and of
 * every person who did not convert, fitted once per report type, then each conversion's split.
 */
import { conversionsOf, eligibility, type Analysis } from '../analysis';
import type { AttributionModel, ReportType } from './catalog';
import type { Conversion } from './conversions';
import { CreditEntries } from './credit-entries';
import { NO_CAMPAIGN_ENTRY } from './players';
import type { JourneySource } from './journeys';
import { markovRemovalEffects } from './markov';
import { createShapleyGame } from './shapley';
import { createShareSplitter } from './data-driven-split';

/** Players are campaign indexes, and one more index for "(no campaign)". */
export const noCampaignPlayer = (a: Analysis) => a.model.workbook.campaigns.length;


/**
 * The journeys of a report type: converting journeys are the conversions' non-empty paths; every
 * person with eligible interactions and no conversion of this type adds one non-converting journey
 * of all of them (anonymous visitors included). Kept as flat arrays (a few bytes a touch), read as
 * a stream by the solvers.
 */
export function journeysOf(a: Analysis, type: ReportType): JourneySource {
  const { players, start, converted } = (a.cache.journeys[type] ??= flatJourneys(a, type));
  return (visit) => {
    for (let j = 0; j + 1 < start.length; j++) visit(players, start[j], start[j + 1] - start[j], converted[j] === 1);
  };
}

/** Journeys as flat arrays: journey j's players are players[start[j]..start[j+1]]. */
export interface FlatJourneys {
  players: Int32Array;
  start: Int32Array;
  converted: Uint8Array;
}

function flatJourneys(a: Analysis, type: ReportType): FlatJourneys {
  const conversions = conversionsOf(a, type);
  const elig = eligibility(a, type);
  const anonymous = anonymousPaths(a, type);
  const none = noCampaignPlayer(a);
  const { campaignsOf } = a.model;
  // Every journey's positions, as (list, from, to): converting paths, then non-converting
  // contacts, then anonymous visitors. Counted first so the arrays are allocated once.
  const isConverting = new Uint8Array(a.model.workbook.contacts.length);
  for (const c of conversions) for (const k of c.contacts) isConverting[k] = 1;
  const lists: Int32Array[] = [];
  const converting = conversions.length;
  for (const c of conversions) lists.push(c.path);
  elig.byContact.forEach((list, k) => {
    if (!isConverting[k]) lists.push(list);
  });
  let width = 0;
  for (const list of lists) for (let j = 0; j < list.length; j++) width += campaignsOf[list[j]]?.length ?? 1;
  const aPositions = anonymous.positions;
  for (let j = 0; j < aPositions.length; j++) width += campaignsOf[aPositions[j]]?.length ?? 1;
  const journeys = lists.length + anonymous.start.length - 1;
  const players = new Int32Array(width);
  const start = new Int32Array(journeys + 1);
  const converted = new Uint8Array(journeys);
  let n = 0;
  let jn = 0;
  const add = (positions: Int32Array, from: number, to: number, isConverted: boolean) => {
    if (to <= from) return;
    for (let j = from; j < to; j++) {
      const cs = campaignsOf[positions[j]];
      if (cs === null) players[n++] = none;
      else for (let i = 0; i < cs.length; i++) players[n++] = cs[i];
    }
    converted[jn] = isConverted ? 1 : 0;
    start[++jn] = n;
  };
  for (let i = 0; i < lists.length; i++) add(lists[i], 0, lists[i].length, i < converting);
  for (let v = 0; v + 1 < anonymous.start.length; v++) add(aPositions, anonymous.start[v], anonymous.start[v + 1], false);
  // Empty lists make no journey.
  return { players, start: start.slice(0, jn + 1), converted: converted.slice(0, jn) };
}

/** How many journeys there are, and how many convert. */
export function journeyCounts(a: Analysis, type: ReportType): { journeys: number; converting: number } {
  let journeys = 0, converting = 0;
  journeysOf(a, type)((_p, _offset, _length, converted) => {
    journeys++;
    if (converted) converting++;
  });
  return { journeys, converting };
}

/**
 * Anonymous visitors' eligible interactions grouped by visitor (a visitor's positions are
 * positions[start[v]..start[v+1]]), kept with the eligible set they come from.
 */
function anonymousPaths(a: Analysis, type: ReportType): { start: Int32Array; positions: Int32Array } {
  const elig = eligibility(a, type);
  return (elig.anonymous ??= (() => {
    const { contactOf, visitorOf, visitorCount } = a.model;
    // A counting sort by visitor: visitors are already small integers.
    const count = new Int32Array(visitorCount);
    for (let p = 0; p < contactOf.length; p++) if (contactOf[p] < 0 && elig.eligible[p]) count[visitorOf[p]]++;
    const group = new Int32Array(visitorCount).fill(-1);
    const sizes: number[] = [];
    // Groups in order of each visitor's first eligible anonymous touch.
    for (let p = 0; p < contactOf.length; p++) {
      if (contactOf[p] >= 0 || !elig.eligible[p]) continue;
      const v = visitorOf[p];
      if (group[v] < 0) { group[v] = sizes.length; sizes.push(count[v]); }
    }
    const start = new Int32Array(sizes.length + 1);
    for (let g = 0; g < sizes.length; g++) start[g + 1] = start[g] + sizes[g];
    const fill = start.slice(0, -1);
    const positions = new Int32Array(start[sizes.length]);
    for (let p = 0; p < contactOf.length; p++) if (contactOf[p] < 0 && elig.eligible[p]) positions[fill[group[visitorOf[p]]]++] = p;
    return { start, positions };
  })());
}

export function removalEffects(a: Analysis, type: ReportType) {
  return (a.cache.markov[type] ??= markovRemovalEffects(journeysOf(a, type), noCampaignPlayer(a) + 1));
}

export function shapleyGame(a: Analysis, type: ReportType) {
  return (a.cache.shapley[type] ??= createShapleyGame(journeysOf(a, type), noCampaignPlayer(a) + 1));
}

export const isDataDriven = (m: AttributionModel) => m === 'Markov' || m === 'Shapley';

/**
 * A splitter for one model and report type: each conversion's value split over the players on its
 * path by their removal effects or Shapley values, then over each player's touches
 * (data-driven-split.ts). Scores and buffers are set up once per attribution, not per conversion.
 */
export function dataDrivenSplitter(a: Analysis, model: AttributionModel, type: ReportType): (c: Conversion, out: CreditEntries) => void {
  const none = noCampaignPlayer(a);
  const markov = model === 'Markov' ? removalEffects(a, type).removalEffects : null;
  const shapley = model === 'Shapley' ? shapleyGame(a, type) : null;
  if (!markov && !shapley) throw new Error(`${model} is not a data-driven model`);
  const split = createShareSplitter(none + 1);
  const scoresFor = markov ? () => markov : (players: readonly number[]) => shapley!.valuesFor(players);
  // "(no campaign)" is a player for the models and NO_CAMPAIGN_ENTRY in credit splits.
  return (c, out) => split(c.path, a.model.campaignsOf, none, scoresFor, out, true, NO_CAMPAIGN_ENTRY);
}

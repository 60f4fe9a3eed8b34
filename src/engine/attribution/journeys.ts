/**
 * @fileoverview Journeys, the data-driven models' input: each one's players in time order, either
 * as a list or, on large workbooks, streamed through one reused buffer so that hundreds of
 * thousands of journeys never exist as arrays at once.
 */

/**
 * One person's or one conversion's journey: the players of its touches in time order. A touch with
 * several campaigns has already been expanded into several consecutive players (Campaigns-tab
 * order). Players are small integers 0..playerCount-1 (campaigns, and one for "(no campaign)").
 */
export interface Journey {
  players: Int32Array | number[];
  converted: boolean;
}

/**
 * Receives one journey: players[offset..offset+length-1]. The array may be a reused buffer or one
 * flat array holding every journey, so that no journey costs an allocation of its own.
 */
export type JourneyVisitor = (players: ArrayLike<number>, offset: number, length: number, converted: boolean) => void;

/** Calls the visitor once per journey. */
export type JourneySource = (visit: JourneyVisitor) => void;

/** A list of journeys, as a source. */
export function journeySource(journeys: Journey[] | JourneySource): JourneySource {
  if (typeof journeys === 'function') return journeys;
  return (visit) => {
    for (const j of journeys) visit(j.players, 0, j.players.length, j.converted);
  };
}

/**
 * @fileoverview Journeys, the data-driven models' input: each one's players in time order.
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

/**
 * @fileoverview The nine rule-based models: position weights by anchor role, linear, and time decay.
 */
import type { AttributionModel } from './catalog';
import type { Conversion } from './conversions';

export type Role = 'first' | 'contactCreation' | 'dealCreation' | 'closedWon' | 'last';

/** Role weights and the share of interactions holding none of the model's roles. */
export const POSITION_WEIGHTS: Partial<Record<AttributionModel, { roles: Partial<Record<Role, number>>; others: number }>> = {
  'First interaction': { roles: { first: 1 }, others: 0 },
  'Last interaction': { roles: { last: 1 }, others: 0 },
  Linear: { roles: {}, others: 1 },
  'U-shaped': { roles: { first: 0.4, contactCreation: 0.4 }, others: 0.2 },
  'W-shaped': { roles: { first: 0.3, contactCreation: 0.3, dealCreation: 0.3 }, others: 0.1 },
  'Full path': { roles: { first: 0.225, contactCreation: 0.225, dealCreation: 0.225, closedWon: 0.225 }, others: 0.1 },
  'J-shaped': { roles: { first: 0.2, last: 0.6 }, others: 0.2 },
  'Inverse J': { roles: { first: 0.6, last: 0.2 }, others: 0.2 },
};

export const isPositionModel = (m: AttributionModel) => m in POSITION_WEIGHTS;

/** Each model's roles as a list, made once: this runs for every conversion. */
const ROLE_LISTS = new Map(
  Object.entries(POSITION_WEIGHTS).map(([m, spec]) => [m, { roles: Object.entries(spec!.roles) as [Role, number][], others: spec!.others }]),
);

/**
 * Position weights (ours, HubSpot does not document it): each role's weight goes to the interaction
 * holding it (summed when one holds several); the others' share is split equally among interactions
 * holding no role, or dropped when there are none; then weights are scaled to sum to 1.
 */
export function positionWeights(model: AttributionModel, c: Conversion): Float64Array {
  const w = new Float64Array(c.path.length);
  positionWeightsInto(model, c, w, new Uint8Array(c.path.length));
  return w;
}

/** The same into buffers at least as long as the path (their first n entries are overwritten). */
export function positionWeightsInto(model: AttributionModel, c: Conversion, w: Float64Array, holdsRole: Uint8Array): void {
  const spec = ROLE_LISTS.get(model);
  if (!spec) throw new Error(`${model} is not a position model`);
  const n = c.path.length;
  w.fill(0, 0, n);
  holdsRole.fill(0, 0, n);
  if (n === 0) return;
  for (const [role, weight] of spec.roles) {
    const j = c[role];
    if (j >= 0) {
      w[j] += weight;
      holdsRole[j] = 1;
    }
  }
  let others = 0;
  for (let j = 0; j < n; j++) if (!holdsRole[j]) others++;
  if (others > 0 && spec.others > 0) {
    const share = spec.others / others;
    for (let j = 0; j < n; j++) if (!holdsRole[j]) w[j] += share;
  }
  normalize(w, n);
}

/** Weight 2^(-age / half-life), age = conversion time - interaction time, into a buffer. */
export function timeDecayWeightsInto(c: Conversion, ts: ArrayLike<number>, halfLifeDays: number, w: Float64Array): void {
  const n = c.path.length;
  const halfLifeMs = halfLifeDays * 86_400_000;
  for (let j = 0; j < n; j++) w[j] = Math.pow(2, -(c.when - ts[c.path[j]]) / halfLifeMs);
  normalize(w, n);
}

/** Scales the first n weights to sum to 1 (all zero stays zero). */
export function normalize(w: Float64Array, n = w.length): Float64Array {
  let sum = 0;
  for (let j = 0; j < n; j++) sum += w[j];
  if (sum > 0) for (let j = 0; j < n; j++) w[j] /= sum;
  return w;
}

/**
 * @fileoverview The nine rule-based models: position weights by anchor role, linear, and time decay.
 */
import type { AttributionModel } from './catalog';
import type { Conversion } from './conversions';

type Role = 'first' | 'contactCreation' | 'dealCreation' | 'closedWon' | 'last';

/** Role weights and the share of interactions holding none of the model's roles. */
const POSITION_WEIGHTS: Partial<Record<AttributionModel, { roles: Partial<Record<Role, number>>; others: number }>> = {
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

/**
 * Position weights (ours, HubSpot does not document it): each role's weight goes to the interaction
 * holding it (summed when one holds several); the others' share is split equally among interactions
 * holding no role, or dropped when there are none; then weights are scaled to sum to 1.
 */
export function positionWeights(model: AttributionModel, c: Conversion): Float64Array {
  const spec = POSITION_WEIGHTS[model];
  if (!spec) throw new Error(`${model} is not a position model`);
  const n = c.path.length;
  const w = new Float64Array(n);
  if (n === 0) return w;
  const holdsRole = new Uint8Array(n);
  for (const [role, weight] of Object.entries(spec.roles) as [Role, number][]) {
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
  return normalize(w);
}

/** Weight 2^(-age / half-life), age = conversion time - interaction time. */
export function timeDecayWeights(c: Conversion, ts: (position: number) => number, halfLifeDays: number): Float64Array {
  const n = c.path.length;
  const w = new Float64Array(n);
  const halfLifeMs = halfLifeDays * 86_400_000;
  for (let j = 0; j < n; j++) w[j] = Math.pow(2, -(c.when - ts(c.path[j])) / halfLifeMs);
  return normalize(w);
}

export function normalize(w: Float64Array): Float64Array {
  let sum = 0;
  for (let j = 0; j < w.length; j++) sum += w[j];
  if (sum > 0) for (let j = 0; j < w.length; j++) w[j] /= sum;
  return w;
}

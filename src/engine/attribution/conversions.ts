/**
 * @fileoverview Conversions of each report type and their paths: the eligible interactions of the
 * converting people at or before the conversion (within the lookback window), with anchor roles.
 */
import type { Model } from '../model/model';
import type { ReportType } from './catalog';
import type { EngineSettings } from '../settings';
import type { InteractionType } from '../workbook/types';

export interface Conversion {
  type: ReportType;
  /** Contact index (contact create) or deal index. */
  key: number;
  id: string;
  when: number;
  /** 1 (a contact or a deal) or the revenue amount. */
  value: number;
  contacts: number[];
  /** Positions of the path's interactions, in time order. */
  path: Int32Array;
  /** Anchor roles as indexes into `path`; -1 when the role is absent. */
  first: number;
  contactCreation: number;
  dealCreation: number;
  closedWon: number;
  last: number;
}

export interface EligibleIndex {
  /** Per position: the interaction earns attribution credit. */
  eligible: Uint8Array;
  /** Per contact: positions of its eligible interactions, in time order. */
  byContact: Int32Array[];
  /** Anonymous visitors' eligible interactions by visitor (data-driven journeys), made on first use. */
  anonymous?: { start: Int32Array; positions: Int32Array };
}

/** The interactions of the given types, per contact. */
export function eligibleIndex(model: Model, eligibleTypes: readonly InteractionType[]): EligibleIndex {
  const types = new Set(eligibleTypes);
  const eligible = new Uint8Array(model.interactions.length);
  model.interactions.forEach((i, p) => (eligible[p] = types.has(i.type) ? 1 : 0));
  const byContact = model.byContact.map((list) => list.filter((p) => eligible[p] === 1));
  return { eligible, byContact };
}

/** Last index in sorted `positions` whose timestamp is at or before t, or -1. */
function lastAtOrBefore(model: Model, positions: Int32Array, t: number): number {
  let lo = 0, hi = positions.length - 1, ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (model.ts[positions[mid]] <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** A contact's eligible interactions at or before `when`, and at or after `when - lookback`. */
function slice(model: Model, list: Int32Array, when: number, lookbackMs: number): Int32Array {
  const end = lastAtOrBefore(model, list, when) + 1;
  let start = 0;
  if (lookbackMs < Infinity) {
    const from = when - lookbackMs;
    let lo = 0, hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (model.ts[list[mid]] < from) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  return list.subarray(start, Math.max(start, end));
}

function mergePaths(parts: Int32Array[]): Int32Array {
  if (parts.length === 1) return parts[0];
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Int32Array(total);
  let k = 0;
  for (const p of parts) { out.set(p, k); k += p.length; }
  // Positions are global time order, so sorting positions sorts by time with the row tie-break.
  return out.sort();
}

const DAY_MS = 86_400_000;

export function buildConversions(model: Model, elig: EligibleIndex, type: ReportType, settings: EngineSettings): Conversion[] {
  const lookbackMs = settings.lookbackDays === null ? Infinity : settings.lookbackDays * DAY_MS;
  const { contacts, deals } = model.workbook;
  const out: Conversion[] = [];
  if (type === 'contact create') {
    for (const c of contacts) {
      const path = slice(model, elig.byContact[c.index], c.createdAt, lookbackMs);
      const last = path.length - 1;
      out.push({ type, key: c.index, id: c.id, when: c.createdAt, value: 1, contacts: [c.index], path,
        first: path.length ? 0 : -1, contactCreation: last, dealCreation: -1, closedWon: -1, last });
    }
    return out;
  }
  for (const d of deals) {
    if (d.contacts.length === 0) continue;
    let when: number;
    let value: number;
    if (type === 'deal create') {
      when = d.createdAt;
      value = 1;
    } else {
      if (d.stage !== 'closed won' || d.closedAt === null || d.amount === null) continue;
      when = d.closedAt;
      value = d.amount;
    }
    const path = mergePaths(d.contacts.map((c) => slice(model, elig.byContact[c], when, lookbackMs)));
    const last = path.length - 1;
    const ts = (j: number) => model.ts[path[j]];
    // The oldest contact's own last interaction at or before its creation anchors "contact creation".
    let oldest = d.contacts[0];
    for (const c of d.contacts) if (contacts[c].createdAt < contacts[oldest].createdAt) oldest = c;
    const oldestCreated = contacts[oldest].createdAt;
    let contactCreation = -1;
    for (let j = last; j >= 0; j--) {
      if (model.contactOf[path[j]] === oldest && ts(j) <= oldestCreated) { contactCreation = j; break; }
    }
    let dealCreation = -1;
    for (let j = last; j >= 0; j--) if (ts(j) <= d.createdAt) { dealCreation = j; break; }
    out.push({ type, key: d.index, id: d.id, when, value, contacts: d.contacts, path,
      first: path.length ? 0 : -1, contactCreation, dealCreation,
      closedWon: type === 'revenue' ? last : -1, last });
  }
  return out;
}

/**
 * @fileoverview What the last refresh or data check left for the sidebar to show without reading
 * the workbook again: the data check summary, with when it was made. One document property, far
 * under the 9 KB a value may hold (messages are capped).
 */
import type { DataCheckSummary } from '../shared/sidebar-api';
import type { PropertyPort } from './ports';

const DATA_CHECK = 'cs.dataCheck';
/** Keeps the stored summary well under Properties' 9 KB per value. */
const MESSAGE_MAX_CHARS = 400;

export function storeDataCheck(p: PropertyPort, summary: DataCheckSummary, at: number): void {
  const kept: DataCheckSummary = {
    ...summary,
    messages: summary.messages.slice(0, 8).map((m) => (m.length > MESSAGE_MAX_CHARS ? `${m.slice(0, MESSAGE_MAX_CHARS - 1)}…` : m)),
    checkedAt: new Date(at).toISOString(),
  };
  p.set(DATA_CHECK, JSON.stringify(kept));
}

/** The last stored summary; before any, an empty one whose `checkedAt` is null. */
export function loadDataCheck(p: PropertyPort): DataCheckSummary {
  const text = p.get(DATA_CHECK);
  if (text) {
    try {
      return JSON.parse(text) as DataCheckSummary;
    } catch {
      // A damaged value reads as never checked.
    }
  }
  return { errors: 0, warnings: 0, messages: [], checkedAt: null };
}

/**
 * @fileoverview A full garbage collection between the phases of a large run. V8 sizes the heap
 * it lets grow before its next full collection from what it last found alive; once a million raw
 * cells are parsed they are garbage, but the heap they sized lets the computing phase grow to
 * ~1.5 GB before anything is collected (measured at 600,000 interactions: peak 1,500 MB without,
 * 1,170 MB with one collection after parsing). A bin cannot pass `--expose-gc` portably, so it is
 * switched on for one lookup and off again, as jest-leak-detector does.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (gc !== undefined) return gc;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return (gc = exposed);
  try {
    setFlagsFromString('--expose-gc');
    const found = runInNewContext('gc') as unknown;
    gc = typeof found === 'function' ? (found as () => void) : null;
  } catch {
    gc = null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  return gc;
}

/** Below this many cells a collection gains nothing worth its pause. */
export const COLLECT_ABOVE_CELLS = 1_000_000;

/** Collects the garbage now when the run is large enough to gain from it; true when it did. */
export function collectGarbage(cells: number): boolean {
  if (cells < COLLECT_ABOVE_CELLS) return false;
  const run = collector();
  run?.();
  return run !== null;
}

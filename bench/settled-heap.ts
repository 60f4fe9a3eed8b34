/**
 * @fileoverview The start of a CPU-time measurement: a full collection (with --expose-gc), then a
 * pause while V8's helper threads sweep what it freed. Their work counts in this process's CPU
 * time, and without the pause it would be charged to whatever is measured next (measured: six
 * attributions timed one by one, each after its own collection, summed to 2.9-3.6 s of CPU; timed
 * as one block, 1.6-2.2 s).
 */
const pause = new Int32Array(new SharedArrayBuffer(4));

export function settledHeap(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  gc();
  Atomics.wait(pause, 0, 0, 150);
}

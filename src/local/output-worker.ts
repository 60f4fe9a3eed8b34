/**
 * @fileoverview The output worker thread: runs write jobs one at a time for the local server, so
 * that drawing charts and building the xlsx never hold up the server's answers. Its modules load
 * as soon as it starts, while the first action computes.
 */
import { parentPort } from 'node:worker_threads';
import { createJobRunner, type OutputJob, type OutputJobResult } from './output-job';

/** What the worker says: progress of a job, its end, or its failure. */
export type WorkerReply =
  | { id: number; kind: 'progress'; message: string }
  | { id: number; kind: 'done'; result: OutputJobResult }
  | { id: number; kind: 'failed'; error: string };

const port = parentPort;
if (!port) throw new Error('output-worker.ts runs as a worker thread of the local sidebar server.');
let current = 0;
const run = createJobRunner((message) => port.postMessage({ id: current, kind: 'progress', message } satisfies WorkerReply));
// Warm up: the first page would otherwise wait for vega to load.
void import('../render/html-report');

port.on('message', (msg: { id: number; job: OutputJob }) => {
  current = msg.id;
  run(msg.job).then(
    (result) => port.postMessage({ id: msg.id, kind: 'done', result } satisfies WorkerReply),
    (e: unknown) => port.postMessage({ id: msg.id, kind: 'failed', error: (e as Error)?.message || String(e) } satisfies WorkerReply),
  );
});

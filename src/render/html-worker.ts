/**
 * @fileoverview The HTML report drawn in a worker thread: a command that also writes CSV and xlsx
 * draws the page on the machine's other core meanwhile, and loads vega while it computes.
 */
import { parentPort } from 'node:worker_threads';
import type { HtmlReportInput } from './html-report';

/** What the worker answers to one page. */
export type HtmlWorkerReply = { id: number; html: string; ms: number } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('html-worker.ts runs as a worker thread.');
// Loaded at once: the page is asked for only after the reports are computed.
const loaded = import('./html-report');
port.on('message', (msg: { id: number; input: HtmlReportInput }) => {
  const started = performance.now();
  loaded
    .then(({ renderHtmlReport }) => renderHtmlReport(msg.input))
    .then(
      (html) => port.postMessage({ id: msg.id, html, ms: performance.now() - started } satisfies HtmlWorkerReply),
      (e: unknown) => port.postMessage({ id: msg.id, error: (e as Error)?.message || String(e) } satisfies HtmlWorkerReply),
    );
});

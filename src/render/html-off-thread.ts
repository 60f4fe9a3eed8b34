/**
 * @fileoverview Draws the HTML report in a worker thread, started early: vega (half a second to
 * load) loads while the reports are computed, and the page is drawn while the caller writes its
 * other outputs. The page is the same as renderHtmlReport's; only the thread differs.
 */
import { Worker } from 'node:worker_threads';
import type { HtmlReportInput } from './html-report';
import type { HtmlWorkerReply } from './html-worker';

export interface RenderedPage {
  html: string;
  /** Time the worker spent drawing it (the caller's thread may have been busy when it arrived). */
  ms: number;
}

export interface HtmlRenderer {
  /** The page for `input` (its SVG cache, if any, stays in this thread and is not used). */
  render(input: HtmlReportInput): Promise<RenderedPage>;
  close(): Promise<void>;
}

export function startHtmlRenderer(): HtmlRenderer {
  const worker = new Worker(new URL('./html-worker.mjs', import.meta.url));
  // An idle worker must not keep the command alive.
  worker.unref();
  let nextId = 0;
  const pending = new Map<number, { done: (page: RenderedPage) => void; fail: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const p of pending.values()) p.fail(e);
    pending.clear();
  };
  worker.on('message', (m: HtmlWorkerReply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if ('html' in m) p.done({ html: m.html, ms: m.ms });
    else p.fail(new Error(m.error));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`The HTML report's worker stopped (exit code ${code}).`)));
  return {
    render(input) {
      const id = ++nextId;
      const { svgCache: _ignored, ...sendable } = input;
      return new Promise<RenderedPage>((done, fail) => {
        pending.set(id, { done, fail });
        worker.ref();
        worker.postMessage({ id, input: sendable });
      }).finally(() => {
        if (!pending.size) worker.unref();
      });
    },
    close: async () => {
      await worker.terminate();
    },
  };
}

/**
 * @fileoverview The local sidebar's output writer, off the request path: an action records which
 * tabs it changed and returns; the writes run in a worker thread, one at a time, the changes of
 * actions that arrive meanwhile gathered into the next write. The page polls the status.
 */
import { Worker } from 'node:worker_threads';
import type { RawWorkbook } from '../engine/workbook/raw';
import type { ModelVariants, ReportTab } from '../engine/report-tab/report-tab';
import { createJobRunner, type OutputJob, type OutputJobResult } from './output-job';
import type { WorkerReply } from './output-worker';

/** What the page shows about the outputs (the local server's `/outputs/status`). */
export interface OutputStatus {
  /** Absolute path of the out dir. */
  dir: string;
  /** Counts the changes recorded so far; `written` is the count the files hold. */
  version: number;
  written: number;
  state: 'idle' | 'writing' | 'failed';
  message: string;
  error: string | null;
  /** Files in the out dir that the writer made, by name. */
  files: string[];
  /** When the last write finished (UTC ms), or null. */
  writtenAt: number | null;
}

export interface OutputSnapshot {
  raw: RawWorkbook | null;
  tabs: ReportTab[];
  models: ModelVariants | null;
  generatedAt: number;
}

export interface OutputQueueOptions {
  outDir: string;
  timeZone: string;
  currency: string;
  /** Run jobs in this thread (tests of the context alone); default: a worker thread. */
  inThread?: boolean;
  log?: (message: string) => void;
  /** The state to write, taken when a write starts (so it holds every change so far). */
  snapshot: () => OutputSnapshot;
}

export interface OutputQueue {
  /** Records that these tabs changed and starts a write if none runs. */
  submit(changedTabs: string[]): void;
  status(): OutputStatus;
  /** Resolves once every recorded change is written, or the last write failed. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

type Runner = { run(job: OutputJob, progress: (m: string) => void): Promise<OutputJobResult>; close(): Promise<void> };

function workerRunner(): Runner {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { done: (r: OutputJobResult) => void; fail: (e: Error) => void; progress: (m: string) => void }>();
  const start = () => {
    const w = new Worker(new URL('./output-worker.mjs', import.meta.url));
    w.on('message', (m: WorkerReply) => {
      const p = pending.get(m.id);
      if (!p) return;
      if (m.kind === 'progress') p.progress(m.message);
      else {
        pending.delete(m.id);
        if (m.kind === 'done') p.done(m.result);
        else p.fail(new Error(m.error));
      }
    });
    const lost = (e: Error) => {
      // A worker that died takes its jobs with it; the next write starts a new one.
      if (worker === w) worker = null;
      for (const p of pending.values()) p.fail(e);
      pending.clear();
    };
    w.on('error', lost);
    w.on('exit', (code) => lost(new Error(`The output writer stopped (exit code ${code}).`)));
    // The server may exit while the worker idles.
    w.unref();
    return w;
  };
  worker = start();
  return {
    run(job, progress) {
      worker ??= start();
      const id = ++nextId;
      return new Promise<OutputJobResult>((done, fail) => {
        pending.set(id, { done, fail, progress });
        worker!.postMessage({ id, job });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}

function threadRunner(): Runner {
  let progress: (m: string) => void = () => {};
  const run = createJobRunner((m) => progress(m));
  return {
    run(job, p) {
      progress = p;
      return run(job);
    },
    close: async () => {},
  };
}

export function createOutputQueue(o: OutputQueueOptions): OutputQueue {
  const runner = o.inThread ? threadRunner() : workerRunner();
  const log = o.log ?? (() => {});
  let version = 0;
  let written = 0;
  let state: OutputStatus['state'] = 'idle';
  let message = '';
  let error: string | null = null;
  let writtenAt: number | null = null;
  const files = new Set<string>();
  /** Tabs changed since the last successful write. */
  const changed = new Set<string>();
  let running: Promise<void> | null = null;
  let closed = false;
  const rawIds = new WeakMap<RawWorkbook, number>();
  let sentRaw: RawWorkbook | null | undefined;
  let nextRawId = 0;

  async function loop(): Promise<void> {
    while (written < version && !closed) {
      const target = version;
      const names = [...changed];
      changed.clear();
      const snap = o.snapshot();
      let rawId = -1;
      if (snap.raw) {
        if (!rawIds.has(snap.raw)) rawIds.set(snap.raw, ++nextRawId);
        rawId = rawIds.get(snap.raw)!;
      }
      const job: OutputJob = {
        outDir: o.outDir, rawId, tabs: snap.tabs, changed: names, models: snap.models, timeZone: o.timeZone, currency: o.currency, generatedAt: snap.generatedAt,
        // The workbook crosses to the worker only when it changed: it is the biggest part.
        ...(sentRaw !== snap.raw ? { raw: snap.raw } : {}),
      };
      state = 'writing';
      message = 'Writing the outputs...';
      const started = performance.now();
      try {
        const result = await runner.run(job, (m) => (message = m));
        sentRaw = snap.raw;
        for (const f of result.files) files.add(f);
        written = target;
        writtenAt = Date.now();
        error = null;
        const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
        message = `Wrote ${result.files.length} files in ${s(performance.now() - started)} (CSV and xlsx ${s(result.ms.tables)}, report.html ${s(result.ms.html)}).`;
        log(message);
      } catch (e) {
        // Kept for the next write: the files still lack these changes.
        for (const n of names) changed.add(n);
        sentRaw = undefined;
        error = `The outputs could not be written: ${(e as Error).message}`;
        message = error;
        state = 'failed';
        log(error);
        return;
      }
    }
    state = 'idle';
  }

  function kick(): void {
    running ??= loop().finally(() => {
      running = null;
      // A change recorded after the loop last looked, while its promise settled.
      if (!closed && written < version && state !== 'failed') kick();
    });
  }

  return {
    submit(changedTabs) {
      if (closed) return;
      for (const n of changedTabs) changed.add(n);
      version++;
      kick();
    },
    status: () => ({ dir: o.outDir, version, written, state, message, error, files: [...files].sort(), writtenAt }),
    async settled() {
      while (running) await running;
    },
    async close() {
      closed = true;
      await running;
      await runner.close();
    },
  };
}

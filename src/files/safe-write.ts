/**
 * @fileoverview Writing outputs so that no file is ever half-written: every file of a run is
 * written to a temporary file beside it, and only when all are complete are they renamed over the
 * previous ones, together. Ctrl+C or a kill (SIGINT, SIGTERM) while files are being written abandons
 * them (the temporary files are removed, the previous outputs stay whole); during the renames,
 * which take milliseconds, the renames are finished first.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

type Phase = 'writing' | 'committing' | 'done';

/** How long a signal waits for writes in flight before removing the temporary files. */
const SETTLE_WAIT_MS = 2000;

const active = new Set<OutputBatch>();

/** Files written together: staged as temporary files, then renamed into place at once. */
export class OutputBatch {
  private readonly staged: { temp: string; final: string }[] = [];
  private phase: Phase = 'writing';
  private committing: Promise<void> | null = null;
  /** Writes in flight: a signal waits for them before removing their files (see settle). */
  private readonly pending = new Set<Promise<unknown>>();

  constructor() {
    active.add(this);
    watchSignals();
  }

  /** A temporary path in the same folder as `final` (so the rename is atomic), kept for commit. */
  tempFor(final: string): string {
    // Once a signal has abandoned the batch, nothing new is staged (it would outlive the cleanup).
    if (this.phase !== 'writing') throw new Error('The outputs were abandoned: the run was stopped.');
    const temp = join(dirname(final), `.${basename(final)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    this.staged.push({ temp, final });
    return temp;
  }

  async writeText(final: string, text: string): Promise<void> {
    await this.track(writeFile(this.tempFor(final), text, 'utf8'));
  }

  /** A write into one of this batch's temporary files, by a writer of its own (the xlsx's stream). */
  track<T>(write: Promise<T>): Promise<T> {
    this.pending.add(write);
    const done = () => void this.pending.delete(write);
    write.then(done, done);
    return write;
  }

  /** Renames every staged file into place; after this the batch is done. */
  commit(): Promise<void> {
    if (this.phase !== 'writing') return this.committing ?? Promise.resolve();
    this.phase = 'committing';
    this.committing = (async () => {
      try {
        for (const { temp, final } of this.staged) await rename(temp, final);
      } finally {
        this.phase = 'done';
        release(this);
      }
    })();
    return this.committing;
  }

  /** Removes the temporary files; the previous outputs are untouched. */
  async abandon(): Promise<void> {
    if (this.phase !== 'writing') return;
    this.phase = 'done';
    await Promise.all(this.staged.map(({ temp }) => unlink(temp).catch(() => {})));
    release(this);
  }

  /** On a signal: finish the renames if they started, else drop the temporary files. */
  async settle(): Promise<'finished' | 'abandoned' | 'none'> {
    if (this.phase === 'committing') {
      await this.committing?.catch(() => {});
      return 'finished';
    }
    if (this.phase === 'done') return 'none';
    this.phase = 'done';
    // A write in flight may create its file after an unlink that found nothing: wait for those
    // (a text file takes milliseconds; a large xlsx is given a moment, its file opened long since).
    await Promise.race([Promise.allSettled([...this.pending]), new Promise((r) => setTimeout(r, SETTLE_WAIT_MS))]);
    for (const { temp } of this.staged) {
      try {
        unlinkSync(temp);
      } catch {
        // Not created yet, or already renamed.
      }
    }
    release(this);
    return 'abandoned';
  }
}

let watching = false;

function watchSignals(): void {
  if (watching) return;
  watching = true;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function release(batch: OutputBatch): void {
  active.delete(batch);
  if (active.size === 0 && watching) {
    watching = false;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

let stopping = false;

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  const outcomes = await Promise.all([...active].map((b) => b.settle()));
  const finished = outcomes.includes('finished');
  process.stderr.write(
    `\nStopped (${signal}). ${finished ? 'The outputs being renamed into place were finished first' : 'Nothing was half-written'}: ` +
      'every output file is whole, either from this run or from the previous one.\n',
  );
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/**
 * @fileoverview A signal that arrives while files are being written leaves no temporary file,
 * even when a write has not yet created its file at the moment the signal is handled.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputBatch } from '../../src/files/safe-write';

describe('OutputBatch.settle', () => {
  it('waits for writes in flight, then removes every temporary file, and stages nothing after', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs-settle-'));
    const batch = new OutputBatch();
    // Started, not awaited: the files are opened on libuv's thread pool after settle begins.
    const writes = Array.from({ length: 20 }, (_, i) => batch.writeText(join(dir, `t${i}.csv`), 'x'.repeat(100_000)).catch((e: Error) => e));
    expect(await batch.settle()).toBe('abandoned');
    await Promise.all(writes);
    expect(await readdir(dir)).toEqual([]);
    await expect(batch.writeText(join(dir, 'late.csv'), 'x')).rejects.toThrow('The outputs were abandoned');
    expect(await readdir(dir)).toEqual([]);
  });

  it('finishes the renames when they have started', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs-settle-'));
    const batch = new OutputBatch();
    await batch.writeText(join(dir, 'a.csv'), 'a');
    await batch.writeText(join(dir, 'b.csv'), 'b');
    const committing = batch.commit();
    expect(await batch.settle()).toBe('finished');
    await committing;
    expect((await readdir(dir)).sort()).toEqual(['a.csv', 'b.csv']);
  });
});

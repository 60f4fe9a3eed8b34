/**
 * @fileoverview The local sidebar's workbook: a file or folder read again whenever it changed on
 * disk (or when the last read failed), so fixing a broken workbook and clicking "Try again" is
 * enough; or the generated demo workbook, which never changes. Each workbook read is frozen, so
 * the engine keeps its analysis until the files change.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RawWorkbook } from '../engine/workbook/raw';
import { freezeWorkbook } from '../engine/analysis';
import { readWorkbookPath } from '../files/read-workbook-files';

export interface WorkbookSource {
  /** What the sources are, for messages. */
  readonly label: string;
  /** The workbook as it is now: read again when its files changed, or when the last read failed. */
  load(): Promise<RawWorkbook>;
  /** How many times the files were read (tests see a re-read happen). */
  reads(): number;
}

/** Size and time of the file, or of every file in the folder: any change makes another stamp. */
async function stampOf(path: string): Promise<string> {
  const info = await stat(path).catch(() => null);
  if (!info) return 'missing';
  if (!info.isDirectory()) return `${info.size}:${info.mtimeMs}`;
  const names = (await readdir(path)).sort();
  const parts = await Promise.all(
    names.map(async (n) => {
      const s = await stat(join(path, n)).catch(() => null);
      return s ? `${n}:${s.size}:${s.mtimeMs}` : n;
    }),
  );
  return parts.join('|');
}

export function fileWorkbookSource(path: string, timeZone?: string): WorkbookSource {
  const full = resolve(path);
  let last: { stamp: string; raw: RawWorkbook } | null = null;
  let reads = 0;
  return {
    label: full,
    async load() {
      const stamp = await stampOf(full);
      if (last && last.stamp === stamp) return last.raw;
      reads++;
      const raw = freezeWorkbook(await readWorkbookPath(full, { timeZone }));
      // The stamp from before the read: a file changed during it is read again next time.
      last = { stamp, raw };
      return raw;
    },
    reads: () => reads,
  };
}

export function fixedWorkbookSource(raw: RawWorkbook, label: string): WorkbookSource {
  const frozen = freezeWorkbook(raw);
  return { label, load: async () => frozen, reads: () => 1 };
}

/**
 * @fileoverview Running the real command line in a child process, as a user would, with its peak
 * memory reported by a preload (`peak-rss.mjs`); and building a workbook folder from the tiny
 * example with some files replaced.
 */
import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TINY_DIR } from './workbooks';

export const BIN = join(__dirname, '..', '..', 'bin', 'campaign-sheets.mjs');
const PEAK = join(__dirname, 'peak-rss.mjs');
export const BAD_INPUT_DIR = join(__dirname, '..', 'fixtures', 'bad-input');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the child, in MB. */
  peakMb: number;
}

export function cli(args: string[], options: { timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', PEAK, BIN, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: options.timeoutMs ?? 0 },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: number }).code ?? 1) : 0;
        const peak = /peak-rss-mb (\d+)/.exec(stderr);
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr: stderr.replace(/peak-rss-mb \d+ cpu-ms \d+\n?/, ''), peakMb: peak ? Number(peak[1]) : NaN });
      });
  });
}

/** Starts the command line and returns the child, for tests that interrupt it. */
export function spawnCli(args: string[]) {
  return spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A temp folder holding the tiny workbook with the files of `fixture` (a bad-input folder) laid over it. */
export async function tinyWith(fixture?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `cs-${fixture ?? 'tiny'}-`));
  await cp(TINY_DIR, dir, { recursive: true });
  await rm(join(dir, 'expected'), { recursive: true, force: true });
  await rm(join(dir, 'README.md'), { force: true });
  if (fixture) {
    for (const f of await readdir(join(BAD_INPUT_DIR, fixture))) await cp(join(BAD_INPUT_DIR, fixture, f), join(dir, f));
  }
  return dir;
}

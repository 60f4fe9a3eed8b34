/**
 * @fileoverview Every package the lock file installs runs on the oldest Node the project says it
 * supports (package.json `engines`): a dependency bumped to one needing a newer Node fails here,
 * not on a user's machine (it did once: @google-cloud/bigquery 9 needs Node 22).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

const ROOT = join(__dirname, '..', '..');
const read = (f: string) => JSON.parse(readFileSync(join(ROOT, f), 'utf8')) as Record<string, unknown>;

describe('engines', () => {
  it('every installed package supports the oldest Node the project supports, and so does this one', () => {
    const ours = (read('package.json').engines as { node: string }).node;
    const oldest = semver.minVersion(ours)!.version;
    const packages = read('package-lock.json').packages as Record<string, { engines?: { node?: string } | string[]; optional?: boolean; dev?: boolean }>;
    const refused = Object.entries(packages)
      .filter(([path, p]) => path && !p.optional && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.satisfies(oldest, (p.engines as { node: string }).node))
      .map(([path, p]) => `${path} needs node ${(p.engines as { node: string }).node}`);
    expect(Object.keys(packages).length).toBeGreaterThan(100);
    expect(refused).toEqual([]);
    expect(semver.satisfies(process.version, ours), `this Node (${process.version}) is older than ${ours}`).toBe(true);
  });
});

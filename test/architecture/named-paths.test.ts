/**
 * @fileoverview Every repository path named in a comment, a doc or the README exists: a file that
 * moves takes its mentions with it, so a reader following a pointer never lands nowhere.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
// Fixtures hold test data, not pointers.
const SKIP = new Set(['node_modules', 'fixtures']);

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return SKIP.has(name) ? [] : filesUnder(path);
    return /\.(ts|mjs|md)$/.test(name) ? [path] : [];
  });
}

/** `src/…`, `test/…`, `docs/…` and the like ending in a file extension, not part of a longer path. */
const NAMED_PATH = /(?<![\w./-])((?:src|test|docs|bench|scripts|sql|bin)\/[\w./-]*\w\.(?:ts|mjs|md|sql|json|html|png))/g;

describe('paths named in code and docs', () => {
  it('all exist', () => {
    const files = [...['src', 'test', 'bench', 'scripts', 'docs'].flatMap(filesUnder), 'README.md', 'build.mjs'];
    expect(files.length).toBeGreaterThan(100);
    const missing: string[] = [];
    let named = 0;
    for (const file of files) {
      for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(NAMED_PATH)) {
        named++;
        if (!existsSync(join(ROOT, m[1]))) missing.push(`${file} names ${m[1]}`);
      }
    }
    expect(named).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});

/**
 * @fileoverview The command line and the local sidebar run from an install without devDependencies
 * (`npm install --omit=dev`): every package their code can load at run time, esbuild that bundles
 * it and tsx that runs the TypeScript when there is no bundle, must be a dependency, not a
 * devDependency.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { builtinModules } from 'node:module';
import { ENTRIES } from '../../bin/bundle.mjs';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Package names the entry's import graph loads (static and dynamic imports). */
async function packagesOf(entry: string): Promise<string[]> {
  const r = await esbuild.build({
    entryPoints: [join(root, entry)], bundle: true, platform: 'node', format: 'esm', write: false, metafile: true,
    packages: 'external', logLevel: 'silent', outdir: join(root, 'out', 'unused'),
  });
  const names = new Set<string>();
  for (const input of Object.values(r.metafile.inputs)) {
    for (const i of input.imports) {
      if (!i.external || builtins.has(i.path) || /^[./]/.test(i.path)) continue;
      const parts = i.path.split('/');
      names.add(i.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return [...names].sort();
}

describe('runtime dependencies', () => {
  for (const [name, entry] of Object.entries(ENTRIES)) {
    it(`the bundled ${name} (${entry}) loads only dependencies`, async () => {
      const used = await packagesOf(entry);
      // Every entry draws charts (vega); the .xlsx is written by src/files/xlsx-output.ts, and
      // exceljs only reads files back in tests, a devDependency.
      expect(used).toContain('vega');
      expect(used).not.toContain('exceljs');
      expect(used.filter((p) => !pkg.dependencies[p])).toEqual([]);
    });
  }

  it('the bins bundle with esbuild and fall back to tsx, both dependencies', async () => {
    for (const bin of ['bin/campaign-sheets.mjs', 'bin/local-sidebar.mjs']) {
      const used = await packagesOf(bin);
      expect(used).toEqual(['esbuild', 'tsx']);
    }
    for (const p of ['esbuild', 'tsx']) {
      expect(pkg.dependencies[p]).toBeDefined();
      expect(pkg.devDependencies[p]).toBeUndefined();
    }
  });
});

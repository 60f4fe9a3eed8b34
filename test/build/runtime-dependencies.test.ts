/**
 * @fileoverview The command line and the local sidebar run from an install without devDependencies
 * (`npm install --omit=dev`): every package their code can load at run time, and tsx that runs the
 * TypeScript, must be a dependency, not a devDependency.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { builtinModules } from 'node:module';

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
  for (const [bin, entry] of [['campaign-sheets', 'src/cli/main.ts'], ['local sidebar', 'src/local/main.ts']] as const) {
    it(`${bin} loads only dependencies`, async () => {
      const used = await packagesOf(entry);
      expect(used).toContain('exceljs');
      expect(used.filter((p) => !pkg.dependencies[p])).toEqual([]);
    });
  }

  it('the bins run TypeScript through tsx, a dependency', () => {
    for (const bin of ['bin/campaign-sheets.mjs', 'bin/local-sidebar.mjs']) {
      expect(readFileSync(join(root, bin), 'utf8')).toContain("from 'tsx/esm/api'");
    }
    expect(pkg.dependencies.tsx).toBeDefined();
    expect(pkg.devDependencies.tsx).toBeUndefined();
  });
});

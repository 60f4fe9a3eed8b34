/**
 * @fileoverview The layers of src/ and what each may import, checked on every source file: the
 * engine stays pure, the sidebar never reaches the engine, Apps Script code never reaches Node
 * hosts. Each tsconfig already withholds other hosts' types; this catches the imports a type check
 * cannot (a pure module importing a Node-only module that happens to type-check).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { builtinModules } from 'node:module';

const SRC = resolve(__dirname, '../../src');

/** Each layer (a folder of src/) and the layers it may import; itself always. */
const ALLOWED: Record<string, string[]> = {
  engine: [],
  demo: ['engine'],
  shared: [],
  server: ['engine', 'shared'],
  'apps-script': ['server', 'engine', 'shared'],
  sidebar: ['shared'],
  render: ['engine', 'shared'],
  files: ['engine', 'render', 'shared'],
  warehouse: ['engine', 'shared', 'files'],
  cli: ['files', 'engine', 'render', 'shared', 'demo', 'warehouse'],
  local: ['server', 'files', 'engine', 'shared', 'demo', 'render'],
};

/** Layers that run in Apps Script or the browser: no Node built-in, no npm package. */
const NO_PACKAGES = new Set(['engine', 'demo', 'shared', 'server', 'apps-script', 'sidebar']);

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|mts)$/.test(name) ? [p] : [];
  });
}

/** Static, type-only, re-export and dynamic imports. */
function importsOf(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
  for (const m of code.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

const layerOf = (file: string) => relative(SRC, file).split(/[\\/]/)[0];

/** Every import that breaks the rules, as "file: message". */
function layerViolations(files: { path: string; code: string }[]): string[] {
  const problems: string[] = [];
  for (const { path, code } of files) {
    const from = layerOf(path);
    const allowed = ALLOWED[from];
    if (!allowed) {
      problems.push(`${relative(SRC, path)}: src/${from}/ is not a known layer; add it to ALLOWED with what it may import`);
      continue;
    }
    for (const spec of importsOf(code)) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(path), spec);
        if (!target.startsWith(SRC)) {
          problems.push(`${relative(SRC, path)}: imports ${spec}, outside src/`);
          continue;
        }
        const to = layerOf(target);
        if (to !== from && !allowed.includes(to)) problems.push(`${relative(SRC, path)}: ${from} may not import ${to} (${spec})`);
      } else if (NO_PACKAGES.has(from)) {
        const kind = NODE_BUILTINS.has(spec) ? 'the Node built-in' : 'the package';
        problems.push(`${relative(SRC, path)}: ${from} runs outside Node and may not import ${kind} ${spec}`);
      }
    }
  }
  return problems;
}

describe('layers', () => {
  it('every source file imports only what its layer may', () => {
    const files = sourceFiles(SRC).map((path) => ({ path, code: readFileSync(path, 'utf8') }));
    expect(files.length).toBeGreaterThan(50);
    expect(layerViolations(files)).toEqual([]);
  });

  it('the check catches a layer reaching one it must not', () => {
    const at = (p: string) => join(SRC, p);
    expect(layerViolations([
      { path: at('engine/x.ts'), code: "import { main } from '../cli/main';" },
      { path: at('sidebar/x.ts'), code: "import type { Analysis } from '../engine/analysis';" },
      { path: at('apps-script/x.ts'), code: "const m = await import('../local/server');" },
      { path: at('engine/y.ts'), code: "import { readFileSync } from 'node:fs';" },
      { path: at('server/x.ts'), code: "export { z } from 'exceljs';" },
      { path: at('cli/x.ts'), code: "import { a } from '../engine/analysis';\nimport fs from 'node:fs';" },
    ])).toEqual([
      'engine/x.ts: engine may not import cli (../cli/main)',
      'sidebar/x.ts: sidebar may not import engine (../engine/analysis)',
      'apps-script/x.ts: apps-script may not import local (../local/server)',
      'engine/y.ts: engine runs outside Node and may not import the Node built-in node:fs',
      'server/x.ts: server runs outside Node and may not import the package exceljs',
    ]);
  });
});

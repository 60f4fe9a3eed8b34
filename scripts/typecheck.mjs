/**
 * @fileoverview `tsc --noEmit` on every tsconfig, two at a time: each layer alone with only its
 * host's types (so the engine cannot use `document`, `process` or `SpreadsheetApp`), then the
 * tests with all of them. vitest strips types without checking them; this is where they are checked.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
export const PROJECTS = ['src/engine/tsconfig.json', 'src/apps-script/tsconfig.json', 'src/sidebar/tsconfig.json', 'tsconfig.node.json', 'tsconfig.json'];

function check(project) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: root });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => done({ project, code, out }));
  });
}

const queue = [...PROJECTS];
const results = [];
await Promise.all([0, 1].map(async () => {
  while (queue.length) results.push(await check(queue.shift()));
}));
const failed = results.filter((r) => r.code !== 0);
for (const r of failed) process.stderr.write(`\nType errors in ${r.project}:\n${r.out}`);
process.stderr.write(`Type check: ${PROJECTS.length - failed.length} of ${PROJECTS.length} tsconfigs pass.\n`);
process.exit(failed.length ? 1 : 0);

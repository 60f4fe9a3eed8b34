/**
 * @fileoverview Installs the dependencies when a fresh clone lacks them, so that `npm start` and
 * `npm test` each work alone on a new machine.
 */
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const markers = ['node_modules/vitest', 'node_modules/tsx', 'node_modules/exceljs', 'node_modules/esbuild', 'node_modules/vega-lite'];
if (!markers.every((m) => existsSync(join(root, m)))) {
  process.stderr.write('Installing dependencies (npm ci)...\n');
  const cmd = existsSync(join(root, 'package-lock.json')) ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund';
  execSync(cmd, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

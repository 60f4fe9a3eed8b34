/**
 * @fileoverview Installs the dependencies when a fresh clone lacks them, so that `npm start` and
 * `npm test` each work alone on a new machine.
 */
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const markers = ['node_modules/vitest', 'node_modules/tsx', 'node_modules/exceljs', 'node_modules/esbuild', 'node_modules/vega-lite', 'node_modules/playwright-core'];
if (!markers.every((m) => existsSync(join(root, m)))) {
  const run = (cmd) => execSync(cmd, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  process.stderr.write('Installing dependencies (first run only)...\n');
  try {
    run('npm ci --no-audit --no-fund');
  } catch {
    // npm ci refuses a lock file that lacks another platform's optional packages (npm 11 and
    // vite's Windows-only helper); a plain install resolves them and installs the same versions.
    process.stderr.write('npm ci failed; retrying with npm install...\n');
    run('npm install --no-audit --no-fund');
  }
}

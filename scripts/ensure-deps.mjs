/**
 * @fileoverview Installs what a fresh clone on a fresh machine lacks, so that `npm start` and
 * `npm test` each work alone: the npm dependencies, and with `--chromium` (the tests) Debian's
 * Chromium for the browser tests. Never a browser downloaded by a test tool.
 */
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd) => execSync(cmd, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

const markers = ['vitest', 'tsx', 'exceljs', 'esbuild', 'vega-lite', 'playwright-core', 'eslint', 'typescript-eslint', 'typescript', '@duckdb/node-api', 'sql-parser-cst'];
if (!markers.every((m) => existsSync(join(root, 'node_modules', m)))) {
  process.stderr.write('Installing dependencies (first run only)...\n');
  run('npm ci --no-audit --no-fund');
}

if (process.argv.includes('--chromium')) {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
    if (!canInstall) {
      process.stderr.write(`The browser tests need Chromium at ${chromium}: install Debian's package (sudo apt-get install -y chromium) or set CHROMIUM_PATH.\n`);
      process.exit(1);
    }
    process.stderr.write("Installing Debian's chromium for the browser tests (first run only)...\n");
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null');
  }
}

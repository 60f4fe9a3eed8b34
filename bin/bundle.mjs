/**
 * @fileoverview The bins run from an esbuild bundle of src/, built on first use and again after
 * any change to the sources: loading TypeScript through tsx cost the demo about 3 s of CPU
 * (compiling every module on the way in, in the main thread and again in each worker), and one
 * bundle loads faster than vega's forty-odd packages.
 *
 * Each build goes to its own folder, node_modules/.cache/campaign-sheets/<key>/, named by the
 * sources it was built from (path, size and modification time of every file under src/, of
 * package.json, package-lock.json and this file): a stale bundle is never used, and a running
 * command that loads a chunk late (the HTML worker, the warehouse command) never finds it replaced
 * by another build's. Builds land by renaming a finished folder into place, and a lock file keeps
 * concurrent first runs (a test suite) from all building at once. Under node_modules the bundled
 * packages' code is treated as the packages' own (Node warns about their deprecated calls only from
 * outside node_modules), packages left out of the bundle resolve as from the sources, and a fresh
 * install starts with no stale build.
 *
 * When no bundle can be had (esbuild missing, node_modules not writable, a build error) the bins run
 * the sources through tsx as before; tsx then reports a source error the way a developer expects.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_DIR = join(ROOT, 'node_modules', '.cache', 'campaign-sheets');

/** Each bundled entry point: the output's name (in the build folder) and its source. */
export const ENTRIES = {
  'campaign-sheets': 'src/cli/main.ts',
  'local-sidebar': 'src/local/main.ts',
  // Workers are started by URL next to the module that starts them (`./html-worker.mjs`).
  'html-worker': 'src/render/html-worker.ts',
  'output-worker': 'src/local/output-worker.ts',
};

/**
 * Loaded from node_modules at run time: DuckDB is a native addon, and BigQuery's client is large
 * and needed only by the warehouse commands.
 */
const EXTERNAL = ['@duckdb/node-api', '@google-cloud/bigquery'];

/** Files whose change makes a new bundle. */
function inputFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(join(root, 'src'));
  files.push(join(root, 'package.json'), join(root, 'package-lock.json'), fileURLToPath(import.meta.url));
  return files.sort();
}

/** The name of the build made from the sources under `root` as they are now. */
export function bundleKey(root = ROOT) {
  const h = createHash('sha1');
  for (const f of inputFiles(root)) {
    const s = statSync(f, { throwIfNoEntry: false });
    h.update(`${relative(root, f)}\0${s ? `${s.size}\0${s.mtimeMs}` : '-'}\n`);
  }
  return h.digest('hex').slice(0, 16);
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
/** A build takes about a second; a lock this old was left by a process that died. */
const STALE_LOCK_MS = 60_000;
/** Builds unused this long are removed when a new one lands. */
const OLD_BUILD_MS = 24 * 3600_000;

/** Bundles `entries` (output name: source under the project) into `dir`, as the bins run them. */
export async function buildBundle(dir, entries = ENTRIES) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, src]) => [name, join(ROOT, src)])),
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // Bundled CommonJS packages (papaparse) require Node's built-ins; an ES module has no `require`.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    logLevel: 'silent',
  });
}

/** Removes other builds nobody started for a day (each run marks its own as used). */
function removeOldBuilds(keep) {
  const now = Date.now();
  for (const name of readdirSync(BUNDLE_DIR)) {
    if (name === keep) continue;
    const p = join(BUNDLE_DIR, name);
    const s = statSync(p, { throwIfNoEntry: false });
    if (s && now - s.mtimeMs > OLD_BUILD_MS) rmSync(p, { recursive: true, force: true });
  }
}

/** The folder of an up-to-date bundle, built if need be; null when none can be had. */
export async function bundleFolder() {
  let key;
  try {
    key = bundleKey();
  } catch {
    return null;
  }
  const dir = join(BUNDLE_DIR, key);
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 2 * STALE_LOCK_MS;
  while (Date.now() < deadline) {
    if (existsSync(join(dir, 'campaign-sheets.mjs'))) {
      try {
        const now = new Date();
        utimesSync(dir, now, now);
      } catch {
        // A read-only install still runs its bundle.
      }
      return dir;
    }
    let fd;
    try {
      mkdirSync(BUNDLE_DIR, { recursive: true });
      fd = openSync(lock, 'wx');
    } catch (e) {
      if (e.code !== 'EEXIST') return null;
      // Another process is building this very bundle: wait for it, unless it died.
      const s = statSync(lock, { throwIfNoEntry: false });
      if (s && Date.now() - s.mtimeMs > STALE_LOCK_MS) rmSync(lock, { force: true });
      await sleep(100);
      continue;
    }
    closeSync(fd);
    const tmp = `${dir}.${process.pid}.tmp`;
    try {
      rmSync(tmp, { recursive: true, force: true });
      await buildBundle(tmp);
      renameSync(tmp, dir);
      removeOldBuilds(key);
      return dir;
    } catch {
      rmSync(tmp, { recursive: true, force: true });
      return existsSync(join(dir, 'campaign-sheets.mjs')) ? dir : null;
    } finally {
      rmSync(lock, { force: true });
    }
  }
  return null;
}

/**
 * The module of entry `name` (an ENTRIES key): from the bundle, or its source through tsx when
 * there is no bundle to be had or CAMPAIGN_SHEETS_TSX is set (stack traces then name the sources).
 */
export async function importEntry(name) {
  const dir = process.env.CAMPAIGN_SHEETS_TSX ? null : await bundleFolder();
  if (dir) return import(pathToFileURL(join(dir, `${name}.mjs`)).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(ROOT, ENTRIES[name])).href);
}

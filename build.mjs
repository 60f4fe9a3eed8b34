/**
 * @fileoverview Builds what `clasp push` uploads into dist/: Code.js, appsscript.json and
 * Sidebar.html. Each step exists for an Apps Script rule (see docs/apps-script-gotchas.md):
 * - Apps Script has no modules: the bundle is one IIFE in a namespace global, and each export gets
 *   a top-level `function` that delegates to it, since only those are visible to menus, triggers,
 *   google.script.run and custom functions.
 * - esbuild drops JSDoc, and Sheets' autocomplete reads it: the wrappers carry it again, custom
 *   functions' straight from the formula catalogue so the help never drifts from the code.
 * - Class fields and other newer syntax fail Apps Script's check: target ES2020, unminified so
 *   stack traces stay readable.
 * - There is no Node on the server: a Node built-in import fails the build, as do `import`/`export`
 *   left in the output and a global ending in `_` (private in Apps Script, so never callable).
 * - Only HTML files can be served: the sidebar's script and styles are inlined into one file.
 *
 * `--warehouse` builds the warehouse flavour into dist-warehouse/ instead: the entry that enables
 * BigQuery (src/apps-script/main-warehouse.ts), and a manifest enabling the BigQuery advanced
 * service and adding its scope. The default build never bundles that entry, so it keeps its two
 * scopes and holds no BigQuery call.
 */
import * as esbuild from 'esbuild';
import { mkdir, readFile, rename, writeFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const distWarehouse = join(root, 'dist-warehouse');
const NAMESPACE = 'CampaignSheets';
const SERVER_ENTRY = join(root, 'src/apps-script/main.ts');
const WAREHOUSE_ENTRY = join(root, 'src/apps-script/main-warehouse.ts');
export const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery';
/** The manifest's entry for the advanced service: `BigQuery` in the code, API v2. */
export const BIGQUERY_SERVICE = { userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' };
const SIDEBAR_ENTRY = join(root, 'src/sidebar/main.ts');
const SIDEBAR_HTML = join(root, 'src/sidebar/index.html');

/** Fails on any Node built-in: it would not exist in Apps Script or the browser. */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.path.startsWith('node:') || builtins.has(args.path)) {
        return { errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer}: it does not exist in Apps Script or the browser.` }] };
      }
      return undefined;
    });
  },
};

const common = { bundle: true, target: 'es2020', platform: 'browser', minify: false, legalComments: 'none', plugins: [noNodeBuiltins], logLevel: 'silent' };

/** The entry's export names, from an ESM build's metafile. */
async function exportNames(entry) {
  const r = await esbuild.build({ ...common, entryPoints: [entry], format: 'esm', write: false, metafile: true, outfile: 'x.js' });
  return Object.values(r.metafile.outputs)[0].exports;
}

/** The formula catalogue, loaded from a throwaway ESM bundle of its module. */
async function formulaSpecs() {
  await mkdir(dist, { recursive: true });
  const tmp = join(dist, `.formulas-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.mjs`);
  await esbuild.build({ ...common, entryPoints: [join(root, 'src/engine/formulas/formulas.ts')], format: 'esm', outfile: tmp, write: true });
  try {
    return (await import(pathToFileURL(tmp).href + `?t=${Date.now()}`)).FORMULAS;
  } finally {
    await rm(tmp, { force: true });
  }
}

/** JSDoc and parameter names of each `export function NAME(...)` in the entry source. */
function jsdocOf(source) {
  const docs = new Map();
  const pattern = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*export\s+(?:async\s+)?function\s+(\w+)\s*\(([^)]*)\)/g;
  for (const m of source.matchAll(pattern)) {
    const params = [...m[3].matchAll(/(?:^|,)\s*(\w+)\??\s*:/g)].map((p) => p[1]);
    docs.set(m[2], { doc: m[1], params });
  }
  return docs;
}

function customFunctionDoc(spec) {
  const lines = [spec.summary, ''];
  for (const p of spec.params) lines.push(`@param {*} ${p.optional ? `[${p.name}]` : p.name} ${p.help}`);
  lines.push(`@return ${spec.returns}`, '@customfunction');
  return `/**\n${lines.map((l) => ` * ${l}`.trimEnd()).join('\n')}\n */`;
}

/** The bundle of an entry; JSDoc comes from main.ts, whose exports every entry re-exports. */
export async function buildServer(entry = SERVER_ENTRY, docsFrom = SERVER_ENTRY) {
  const names = await exportNames(entry);
  const bad = names.filter((n) => n.endsWith('_'));
  if (bad.length) throw new Error(`Exports ending in "_" are private in Apps Script and cannot be globals: ${bad.join(', ')}`);
  const specs = new Map((await formulaSpecs()).map((f) => [f.name, f]));
  const docs = jsdocOf(await readFile(docsFrom, 'utf8'));
  const bundle = await esbuild.build({ ...common, entryPoints: [entry], format: 'iife', globalName: NAMESPACE, write: false });
  const code = bundle.outputFiles[0].text;
  const wrappers = names.map((name) => {
    const spec = specs.get(name);
    const params = spec ? spec.params.map((p) => p.name) : docs.get(name)?.params ?? [];
    const doc = spec ? customFunctionDoc(spec) : docs.get(name)?.doc ?? `/** ${name}. */`;
    return `${doc}\nfunction ${name}(${params.join(', ')}) {\n  return ${NAMESPACE}.${name}.apply(this, arguments);\n}\n`;
  });
  const out = `// Campaign Sheets: generated by build.mjs, do not edit.\n${code}\n${wrappers.join('\n')}`;
  if (/^\s*(import|export)\s[^;\n]*(from\s+['"]|\{|\*)/m.test(out)) throw new Error('The server bundle still holds an import or export statement.');
  return { code: out, globals: names };
}

export async function buildSidebar() {
  const r = await esbuild.build({ ...common, entryPoints: [SIDEBAR_ENTRY], format: 'iife', write: false, outdir: 'out', loader: { '.css': 'css' } });
  const js = r.outputFiles.find((f) => f.path.endsWith('.js')).text;
  const css = r.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  const template = await readFile(SIDEBAR_HTML, 'utf8');
  // `</script` inside the bundle would end the inline script early.
  const safeJs = js.replace(/<\/script/gi, '<\\/script');
  const html = template.replace('<!-- STYLES -->', `<style>\n${css}</style>`).replace('<!-- SCRIPT -->', () => `<script>\n${safeJs}</script>`);
  if (/<script[^>]+src=|<link[^>]+href=["']https?:|@import\s+url/i.test(html)) throw new Error('Sidebar.html must not fetch anything from the network.');
  return html;
}

/** Write then rename: a reader (or a second build running at once) never sees half a file. */
async function writeAtomic(file, content) {
  const tmp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, file);
}

/** The warehouse flavour's manifest: the default one plus the BigQuery advanced service and its scope. */
export function warehouseManifest(manifest) {
  const services = (manifest.dependencies?.enabledAdvancedServices ?? []).filter((s) => s.serviceId !== BIGQUERY_SERVICE.serviceId);
  return {
    ...manifest,
    dependencies: { ...manifest.dependencies, enabledAdvancedServices: [...services, BIGQUERY_SERVICE] },
    oauthScopes: [...new Set([...manifest.oauthScopes, BIGQUERY_SCOPE])],
  };
}

export async function build({ warehouse = false } = {}) {
  const out = warehouse ? distWarehouse : dist;
  await mkdir(out, { recursive: true });
  const server = await buildServer(warehouse ? WAREHOUSE_ENTRY : SERVER_ENTRY);
  const sidebar = await buildSidebar();
  const manifest = await readFile(join(root, 'appsscript.json'), 'utf8');
  await writeAtomic(join(out, 'Code.js'), server.code);
  await writeAtomic(join(out, 'appsscript.json'), warehouse ? JSON.stringify(warehouseManifest(JSON.parse(manifest)), null, 2) + '\n' : manifest);
  await writeAtomic(join(out, 'Sidebar.html'), sidebar);
  return { ...server, dir: warehouse ? 'dist-warehouse' : 'dist' };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--warehouse');
  if (unknown.length) {
    process.stderr.write(`Unknown option ${unknown.join(' ')}: build.mjs takes --warehouse (the BigQuery flavour, into dist-warehouse/) or nothing.\n`);
    process.exit(2);
  }
  build({ warehouse: args.includes('--warehouse') }).then(
    (s) => process.stdout.write(`Built ${s.dir}/Code.js (${s.globals.length} globals), ${s.dir}/appsscript.json, ${s.dir}/Sidebar.html\n`),
    (e) => {
      process.stderr.write(`Build failed: ${e.message}\n`);
      process.exit(1);
    },
  );
}

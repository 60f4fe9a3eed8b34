/**
 * @fileoverview The built artefact as Apps Script loads it: dist/Code.js evaluated in a `node:vm`
 * context holding only the (fake) services, its exact globals and JSDoc, a call end to end; the
 * manifest; what clasp would push; a self-contained sidebar.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import vm from 'node:vm';
import { build, buildServer } from '../../build.mjs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createFakeAppsScript, GLOBAL_NAMES } from '../fakes';
import { tinyWorkbook } from '../helpers/workbooks';
import { FORMULAS } from '../../src/engine/formulas/formulas';

const root = join(__dirname, '..', '..');
const dist = join(root, 'dist');

const EXPECTED_GLOBALS = [
  'ATTRIBUTION_TABLE', 'CAMPAIGN_ATTRIBUTION', 'CAMPAIGN_CONTACTS', 'CAMPAIGN_METRIC', 'CAMPAIGN_TREND', 'MODEL_COMPARISON', 'REMOVAL_EFFECTS',
  'TRACKING_URL', 'TRAFFIC_SOURCE', 'checkData', 'getSidebarState', 'insertSourceTemplates', 'onEdit', 'onInstall', 'onOpen',
  'manageSavedReports', 'refreshAllReports', 'refreshReports', 'saveReport', 'saveSettings', 'saveTrackingUrl', 'showHelp', 'showSidebar',
];

describe('the build', () => {
  let code: string;
  beforeAll(async () => {
    await build();
    code = await readFile(join(dist, 'Code.js'), 'utf8');
  }, 120_000);

  function load() {
    const fake = createFakeAppsScript({ timeZone: 'UTC', sheets: tinyWorkbook(), htmlFiles: { Sidebar: 'x' } });
    // Apps Script has one realm; here the fakes live outside the vm, so the bundle shares their Date
    // (a Date from the vm's own realm would not be a Date to them, as it would be to Sheets).
    const context = vm.createContext({ ...fake.globals(), Date });
    vm.runInContext(code, context, { filename: 'Code.js' });
    return { fake, context: context as Record<string, unknown> };
  }

  it('defines exactly the Apps Script globals, none private', () => {
    const { context } = load();
    const defined = Object.keys(context).filter((k) => !(GLOBAL_NAMES as readonly string[]).includes(k) && k !== 'CampaignSheets' && k !== 'Date').sort();
    expect(defined).toEqual([...EXPECTED_GLOBALS].sort());
    expect(defined.every((k) => typeof context[k] === 'function' && !k.endsWith('_'))).toBe(true);
    // The whole bundle sits in one namespace; nothing else leaks.
    expect(typeof context.CampaignSheets).toBe('object');
  });

  it('carries each custom function\'s JSDoc with its parameters, so Sheets shows help', () => {
    for (const f of FORMULAS) {
      const at = code.indexOf(`\nfunction ${f.name}(${f.params.map((p) => p.name).join(', ')}) {`);
      expect(at, f.name).toBeGreaterThan(0);
      const doc = code.slice(code.lastIndexOf('/**', at), at);
      expect(doc, f.name).toContain('@customfunction');
      expect(doc).toContain(f.summary);
      for (const p of f.params) expect(doc, `${f.name} ${p.name}`).toContain(`@param {*} ${p.optional ? `[${p.name}]` : p.name} ${p.help}`);
    }
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\brequire\(/);
  });

  it('runs a custom function, the menu and a refresh end to end inside the vm', () => {
    const { fake, context } = load();
    const table = fake.asCustomFunction(() => (context.MODEL_COMPARISON as (t: string) => unknown[][])('revenue'));
    expect(table[0]).toEqual(['Campaign', 'First interaction', 'Last interaction', 'Linear', 'U-shaped', 'W-shaped', 'Full path', 'Time decay', 'J-shaped', 'Inverse J', 'Markov', 'Shapley']);
    expect(table[1][10]).toBeCloseTo(2727.272727, 5);
    fake.authMode = 'NONE';
    (context.onOpen as (e: unknown) => void)(fake.openEvent());
    expect(fake.ui.menuFunctionNames()).toContain('refreshAllReports');
    fake.authMode = 'FULL';
    (context.refreshAllReports as () => void)();
    expect(fake.snapshot().sheets.map((s) => s.name)).toContain('CS Model comparison');
  });

  it('refuses a Node built-in import and a private (`_`) global', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs-build-'));
    const nodeImport = join(dir, 'node-import.ts');
    await writeFile(nodeImport, "import { readFileSync } from 'node:fs';\nexport function onOpen() { readFileSync('x'); }\n");
    await expect(buildServer(nodeImport)).rejects.toThrow(/Node built-in "node:fs"/);
    const privateGlobal = join(dir, 'private.ts');
    await writeFile(privateGlobal, 'export function helper_() { return 1; }\nexport function onOpen() { return helper_(); }\n');
    await expect(buildServer(privateGlobal)).rejects.toThrow(/ending in "_".*helper_/);
  });

  it('ships a V8 manifest with exactly the two scopes', async () => {
    const manifest = JSON.parse(await readFile(join(dist, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
    ]);
  });

  it('clasp would push exactly the three dist files', () => {
    const out = execFileSync(join(root, 'node_modules/.bin/clasp'), ['status', '--json'], { cwd: root, encoding: 'utf8' });
    const status = JSON.parse(out.slice(out.indexOf('{')));
    expect([...status.filesToPush].sort()).toEqual(['dist/Code.js', 'dist/Sidebar.html', 'dist/appsscript.json']);
  });

  it('the sidebar is one self-contained HTML file', async () => {
    const html = await readFile(join(dist, 'Sidebar.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toMatch(/<script>[\s\S]+google\.script\.run[\s\S]+<\/script>/);
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).not.toMatch(/(src|href)=["']https?:/i);
    expect(html).not.toMatch(/\bfetch\(|XMLHttpRequest/);
    // HtmlService templates would read <? as a scriptlet; the file is served raw instead.
    expect(html).not.toContain('<?');
  });
});

/**
 * @fileoverview The local sidebar server over HTTP, without a browser: no page of it may be
 * framed; every malformed request is a 4xx with a plain message; an unusable properties.json
 * stops it and is never written over; the workbook is read again when its files change; actions
 * answer before their outputs are written, the server answers while they are, and only what an
 * action changed is written again.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { startLocalSidebar, SIDEBAR_CSP, type LocalSidebar } from '../../src/local/server';
import { FIXTURE_NOW, fixtureTabs, removeTempDirs, tempDir, writeCsvWorkbook } from '../browser/helpers';

const LONG = 240_000;
const QUERY = { campaign: 'C1', contactAttribution: 'first touch', preset: 'all', reportType: 'revenue', model: 'Linear', frequency: 'auto' };

/** The real sidebar template with an empty script: these tests speak HTTP only. */
function templatePage(): string {
  const template = readFileSync(new URL('../../src/sidebar/index.html', import.meta.url), 'utf8');
  const file = join(tempDir('template-'), 'Sidebar.html');
  writeFileSync(file, template.replace('<!-- STYLES -->', '').replace('<!-- SCRIPT -->', '<script></script>'), 'utf8');
  return file;
}

/** One raw HTTP/1.1 request, for what fetch would refuse or repair; answers the status code. */
function rawRequest(port: number, head: string): Promise<{ status: number; text: string }> {
  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${head}\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    socket.on('end', () => done({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1]), text }));
    socket.on('error', fail);
  });
}

describe('the local sidebar server over HTTP', () => {
  let sidebar: LocalSidebar;
  let workbook: string;
  let outDir: string;
  let page: string;

  beforeAll(async () => {
    page = templatePage();
    workbook = writeCsvWorkbook(fixtureTabs());
    outDir = tempDir('http-out-');
    sidebar = await startLocalSidebar({ workbookPath: workbook, outDir, port: 0, quiet: true, now: () => FIXTURE_NOW, sidebarHtmlPath: page });
  }, LONG);

  afterAll(async () => {
    await sidebar?.close();
    removeTempDirs();
  });

  const post = (name: string, args: unknown[]) =>
    fetch(`${sidebar.url}api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ args }) });
  const call = async (name: string, args: unknown[] = []) => (await (await post(name, args)).json()) as { ok: boolean; result?: never; error?: string };
  const status = async () => (await (await fetch(`${sidebar.url}outputs/status`)).json()) as { version: number; written: number; state: string; files: string[] };

  it('forbids framing on every answer', async () => {
    const answers = [
      await fetch(sidebar.url),
      await post('getSidebarState', []),
      await post('saveReport', [{ name: 5 }]),
      await fetch(`${sidebar.url}outputs/status`),
      await fetch(`${sidebar.url}outputs/`),
      await fetch(`${sidebar.url}nothing-here`),
    ];
    for (const r of answers) {
      expect(r.headers.get('x-frame-options'), r.url).toBe('DENY');
      expect(r.headers.get('content-security-policy'), r.url).toContain("frame-ancestors 'none'");
    }
    expect(answers[0].headers.get('content-security-policy')).toBe(SIDEBAR_CSP);
  }, LONG);

  it('answers a wrong argument with 400 and a plain sentence', async () => {
    const r = await post('saveReport', [{ name: 5, report: 'overview', query: QUERY, dashboard: { mode: 'none' } }]);
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ ok: false, error: 'The argument of saveReport.name must be a text, not number 5.' });
    for (const args of [[{ name: { trim: 1 } }], [null], ['x'], [[]], [1, 2]]) {
      const bad = await post('saveReport', args);
      expect(bad.status).toBe(400);
      const body = (await bad.json()) as { error: string };
      expect(body.error).not.toMatch(/is not a function|Cannot read|undefined/);
    }
    const notList = await fetch(`${sidebar.url}api/getSidebarState`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[1,2]' });
    expect(notList.status).toBe(400);
  });

  it('answers a malformed URL with 400', async () => {
    for (const path of ['/%E0%A4%A', '/api/%ZZ', '/outputs/%']) {
      const r = await rawRequest(sidebar.port, `GET ${path} HTTP/1.1`);
      expect(r.status, path).toBe(400);
      expect(r.text).toContain('The address is not a valid URL.');
    }
  });

  it('answers a body over 1 MB with 413, not a reset connection', async () => {
    const big = JSON.stringify({ args: [{ url: 'x'.repeat(2_000_000) }] });
    const r = await fetch(`${sidebar.url}api/saveTrackingUrl`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: big });
    expect(r.status).toBe(413);
    expect(((await r.json()) as { error: string }).error).toMatch(/too large/);
    // The server still answers.
    expect((await post('getSidebarState', [])).status).toBe(200);
  }, LONG);

  it('reads the workbook again when its files change', async () => {
    const names = async () => ((await call('getSidebarState')).result as unknown as { campaigns: { name: string }[] }).campaigns.map((c) => c.name);
    expect(await names()).toEqual(['Spring launch', 'Webinar', 'Autumn teaser']);
    const tabs = fixtureTabs({ spring: 'Spring relaunch' });
    writeFileSync(join(workbook, 'Campaigns.csv'), stringify(tabs.Campaigns), 'utf8');
    expect(await names()).toEqual(['Spring relaunch', 'Webinar', 'Autumn teaser']);
    // Broken (no Name column), then fixed: the error, then the workbook again, with no restart.
    writeFileSync(join(workbook, 'Campaigns.csv'), stringify(tabs.Campaigns.map((r) => [r[0], ...r.slice(2)])), 'utf8');
    const broken = await call('getSidebarState');
    expect(broken.ok).toBe(false);
    expect(broken.error).toMatch(/Campaigns/);
    writeFileSync(join(workbook, 'Campaigns.csv'), stringify(fixtureTabs().Campaigns), 'utf8');
    expect(await names()).toEqual(['Spring launch', 'Webinar', 'Autumn teaser']);
  }, LONG);

  it('answers an action before its outputs are written, and answers while they are', async () => {
    const before = await status();
    const r = await call('refreshReports', [{ scope: 'all', query: QUERY }]);
    expect(r.ok).toBe(true);
    // The write this action caused has not finished when the answer arrives...
    const during = await status();
    expect(during.version).toBeGreaterThan(before.version);
    expect(during.written).toBeLessThan(during.version);
    expect(during.state).toBe('writing');
    // ...and the server answers other requests meanwhile.
    const pageAnswer = await fetch(sidebar.url);
    expect(pageAnswer.status).toBe(200);
    await sidebar.local.outputs.settled();
    const after = await status();
    expect(after).toMatchObject({ state: 'idle', written: after.version });
    expect(after.files).toEqual(expect.arrayContaining(['overview--metrics.csv', 'attribution--campaign-credit.csv', 'campaign-sheets.xlsx', 'report.html']));
    // The page carries every revenue model's attribution tabs for its model selector.
    const html = readFileSync(join(outDir, 'report.html'), 'utf8');
    expect(html.match(/<select id="model-select"[\s\S]*?<\/select>/)![0].match(/<option/g)).toHaveLength(11);
    expect(html).toContain('data-model="Shapley"');
  }, LONG);

  it('writes again only what an action changed', async () => {
    await call('refreshReports', [{ scope: 'all', query: QUERY }]);
    await sidebar.local.outputs.settled();
    const stamp = (f: string) => statSync(join(outDir, f)).mtimeMs;
    const overview = stamp('overview--metrics.csv');
    const attribution = stamp('attribution--campaign-credit.csv');
    const saved = await call('saveTrackingUrl', [{ url: 'https://example.com/a', campaign: 'spring', category: 'Paid search', source: 'google', medium: 'cpc', term: '', content: '' }]);
    expect(saved.ok).toBe(true);
    await sidebar.local.outputs.settled();
    // Not a report tab: its file name carries a hash of the tab name (src/files/output-names.ts).
    const trackingCsv = readdirSync(outDir).filter((f) => /^tracking-urls-[0-9a-f]{8}--urls\.csv$/.test(f));
    expect(trackingCsv).toHaveLength(1);
    expect(readFileSync(join(outDir, trackingCsv[0]), 'utf8')).toContain('https://example.com/a?utm_campaign=spring');
    expect(readFileSync(join(outDir, 'report.html'), 'utf8')).toContain('https://example.com/a?utm_campaign=spring');
    expect(stamp('overview--metrics.csv')).toBe(overview);
    expect(stamp('attribution--campaign-credit.csv')).toBe(attribution);
    // No temporary file is left behind.
    expect(readdirSync(outDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, LONG);

  it('serves the outputs it wrote, and nothing else', async () => {
    await sidebar.local.outputs.settled();
    const list = await (await fetch(`${sidebar.url}outputs/`)).text();
    expect(list).toContain(outDir);
    expect(list).toContain('href="/outputs/report.html"');
    const report = await fetch(`${sidebar.url}outputs/report.html`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-security-policy')).toMatch(/^default-src 'none'.*frame-ancestors 'none'$/);
    expect(await report.text()).toContain('<!doctype html>');
    expect((await fetch(`${sidebar.url}outputs/overview--metrics.csv`)).headers.get('content-disposition')).toBe('attachment; filename="overview--metrics.csv"');
    for (const path of ['outputs/properties.json', 'outputs/..%2Fproperties.json', 'outputs/%2E%2E/properties.json', 'outputs/%252E%252E%252Fproperties.json', 'outputs/nothing.csv']) {
      expect((await fetch(`${sidebar.url}${path}`)).status, path).toBe(404);
    }
  }, LONG);

  it('stops every action on a properties.json that became unusable, and never writes over it', async () => {
    const file = join(outDir, 'properties.json');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, '[1,2]', 'utf8');
    for (const [name, args] of [['getSidebarState', []], ['saveSettings', [{ eligibleTypes: ['page view'], halfLifeDays: 3, lookbackDays: null, lastQuery: null }]], ['refreshReports', [{ scope: 'campaign', query: QUERY }]]] as const) {
      const r = await call(name, [...args]);
      expect(r.ok, name).toBe(false);
      expect(r.error).toContain(file);
      expect(r.error).toMatch(/fix the file .* or move it away/);
    }
    expect(readFileSync(file, 'utf8')).toBe('[1,2]');
    writeFileSync(file, good, 'utf8');
    expect((await call('getSidebarState')).ok).toBe(true);
  }, LONG);
});

describe('the out dir at start', () => {
  afterAll(() => removeTempDirs());

  it('loses the temporary files a killed server left, and nothing else', async () => {
    const outDir = tempDir('left-behind-');
    for (const f of ['.report.html.123.456.tmp', '.properties.json.123.7.tmp', '.notes.tmp', 'report.html.tmp']) writeFileSync(join(outDir, f), 'x', 'utf8');
    const s = await startLocalSidebar({ workbookPath: writeCsvWorkbook(fixtureTabs()), outDir, port: 0, quiet: true, sidebarHtmlPath: templatePage() });
    await s.close();
    expect(readdirSync(outDir).sort()).toEqual(['.notes.tmp', 'report.html.tmp']);
  }, LONG);
});

describe('an unusable properties.json at start', () => {
  afterAll(() => removeTempDirs());

  it.each([
    ['truncated', '{"cs.settings": "{'],
    ['null', 'null'],
    ['[1,2]', '[1,2]'],
    ['"hello"', '"hello"'],
  ])('stops the local sidebar when it is %s, naming the file, and leaves it as it is', async (_, content) => {
    const outDir = tempDir('bad-props-');
    const file = join(outDir, 'properties.json');
    writeFileSync(file, content, 'utf8');
    const started = startLocalSidebar({ workbookPath: writeCsvWorkbook(fixtureTabs()), outDir, port: 0, quiet: true, sidebarHtmlPath: templatePage() });
    await expect(started).rejects.toThrow(file);
    expect(readFileSync(file, 'utf8')).toBe(content);
  }, LONG);
});

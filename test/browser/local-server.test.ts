/**
 * @fileoverview The local sidebar server and its google.script.run bridge: loopback only, the
 * SidebarApi endpoints only, requests from other sites refused, one action at a time, and a
 * bridge that behaves like Apps Script's client (immutable runners, failure handlers, no Dates).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startLocalSidebar, type LocalSidebar } from '../../src/local/server';
import { BUSY_MESSAGE } from '../../src/local/local-context';
import { FIXTURE_NOW, fixtureTabs, launchChromium, removeTempDirs, tempDir, writeCsvWorkbook } from './helpers';

const LONG = 300_000;
const QUERY = { campaign: 'C1', contactAttribution: 'first touch', preset: 'all', reportType: 'revenue', model: 'Linear', frequency: 'daily' };

/** The real template with a stand-in script: the bridge must work under the sidebar's own CSP. */
function templatePage(): string {
  const template = readFileSync(new URL('../../src/sidebar/index.html', import.meta.url), 'utf8');
  const html = template.replace('<!-- STYLES -->', '').replace('<!-- SCRIPT -->', '<script>window.__sidebarRan = typeof google === "object";</script>');
  const file = join(tempDir('template-page-'), 'Sidebar.html');
  writeFileSync(file, html, 'utf8');
  return file;
}

describe('the local sidebar server', () => {
  let sidebar: LocalSidebar;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    sidebar = await startLocalSidebar({
      workbookPath: writeCsvWorkbook(fixtureTabs()), outDir: tempDir('server-out-'), port: 0, quiet: true, now: () => FIXTURE_NOW, sidebarHtmlPath: templatePage(),
    });
    page = await browser.newPage();
    await page.goto(sidebar.url);
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    await sidebar?.close();
    removeTempDirs();
  });

  const post = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sidebar.url}api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('listens on 127.0.0.1 only', async () => {
    expect(sidebar.url).toBe(`http://127.0.0.1:${sidebar.port}/`);
    const others = Object.values(networkInterfaces()).flat().filter((i) => i && i.family === 'IPv4' && !i.internal).map((i) => i!.address);
    for (const address of others) {
      const refused = await new Promise<boolean>((done) => {
        const socket = connect(sidebar.port, address);
        socket.once('connect', () => (socket.destroy(), done(false)));
        socket.once('error', () => done(true));
      });
      expect(refused, `port ${sidebar.port} answers on ${address}`).toBe(true);
    }
  });

  it('serves the page with the bridge before the sidebar script, under the page CSP', async () => {
    const response = await fetch(sidebar.url);
    const html = await response.text();
    expect(html.indexOf('window.google.script')).toBeGreaterThan(0);
    expect(html.indexOf('window.google.script')).toBeLessThan(html.indexOf('window.__sidebarRan'));
    expect(response.headers.get('content-security-policy')).toContain("script-src 'unsafe-inline'; img-src data:; connect-src 'self'");
    expect(await page.evaluate(() => (window as { __sidebarRan?: boolean }).__sidebarRan)).toBe(true);
    expect((await fetch(`${sidebar.url}nothing-here`)).status).toBe(404);
  });

  it('answers only the SidebarApi functions', async () => {
    const ok = await post('getSidebarState', { args: [] });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
    for (const name of ['refreshAll', 'checkData', 'insertTemplates', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const r = await post(name, { args: [] });
      expect(r.status, name).toBe(404);
      expect(await r.json()).toEqual({ ok: false, error: expect.stringContaining('Unknown server function') });
    }
    expect((await fetch(`${sidebar.url}api/getSidebarState`)).status).toBe(405);
  });

  it('refuses malformed calls and calls from other sites', async () => {
    expect((await post('getSidebarState', { args: {} })).status).toBe(400);
    const badJson = await fetch(`${sidebar.url}api/getSidebarState`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' });
    expect(badJson.status).toBe(400);
    const form = await fetch(`${sidebar.url}api/getSidebarState`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"args":[]}' });
    expect(form.status).toBe(415);
    expect((await post('getSidebarState', { args: [] }, { Origin: 'https://evil.example' })).status).toBe(403);
    // DNS rebinding: another name that resolves here is not this server's page.
    const rebound = await new Promise<number>((done, fail) => {
      const socket = connect(sidebar.port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('end', () => done(Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1])));
      socket.on('error', fail);
    });
    expect(rebound).toBe(403);
  });

  it('runs one action at a time: calls arriving together run one after the other, and the lock refuses re-entry', async () => {
    const [a, b] = await Promise.all([post('refreshReports', { args: [{ scope: 'all', query: QUERY }] }), post('refreshReports', { args: [{ scope: 'all', query: QUERY }] })]);
    const bodies = (await Promise.all([a.json(), b.json()])) as { ok: boolean; error?: string }[];
    expect(bodies.map((x) => x.ok)).toEqual([true, true]);
    // In-process, without HTTP: a lock inside the lock is refused.
    expect(() => sidebar.local.ctx.lock.withLock(() => sidebar.local.ctx.lock.withLock(() => 1))).toThrow(BUSY_MESSAGE);
  }, LONG);

  it('bridges google.script.run like Apps Script does', async () => {
    const results = await page.evaluate(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the runner's methods are dynamic, as in Apps Script
      const run = (window as any).google.script.run;
      const call = (make: (ok: (v: unknown) => void, bad: (e: unknown) => void) => void) =>
        new Promise((resolve) => make((v) => resolve({ ok: v }), (e) => resolve({ error: (e as Error).message, isError: e instanceof Error })));
      const withSuccess = run.withSuccessHandler(() => {});
      const state = (await call((ok, bad) => run.withSuccessHandler(ok).withFailureHandler(bad).getSidebarState())) as { ok: { campaigns: { id: string }[] } };
      const failed = await call((ok, bad) => run.withFailureHandler(bad).withSuccessHandler(ok).refreshReports({
        scope: 'campaign', query: { campaign: 'nope', contactAttribution: 'first touch', preset: 'all', reportType: 'revenue', model: 'Linear', frequency: 'auto' },
      }));
      const user = await new Promise((resolve) => run.withUserObject({ tag: 7 }).withSuccessHandler((_: unknown, u: unknown) => resolve(u)).getSidebarState());
      let posted = 0;
      const origFetch = window.fetch;
      window.fetch = (...a: Parameters<typeof fetch>) => (posted++, origFetch(...a));
      const dated = await call((ok, bad) => run.withSuccessHandler(ok).withFailureHandler(bad).saveSettings({ when: new Date() }));
      window.fetch = origFetch;
      return {
        fresh: withSuccess !== run && run.withSuccessHandler(() => {}) !== withSuccess,
        campaigns: state.ok.campaigns.map((c) => c.id),
        failed,
        user,
        dated,
        posted,
        exposed: ['getSidebarState', 'refreshReports', 'saveTrackingUrl', 'saveReport', 'manageSavedReports', 'saveSettings'].every((n) => typeof run[n] === 'function'),
        hidden: typeof run.refreshAll,
        returns: run.getSidebarState(),
      };
    });
    expect(results.fresh).toBe(true);
    expect(results.campaigns).toEqual(['C1', 'C2', 'C3']);
    expect(results.failed).toEqual({ error: expect.stringContaining('Unknown campaign "nope"'), isError: true });
    expect(results.user).toEqual({ tag: 7 });
    expect(results.dated).toEqual({ error: expect.stringContaining('A Date cannot be passed'), isError: true });
    expect(results.posted).toBe(0);
    expect(results.exposed).toBe(true);
    expect(results.hidden).toBe('undefined');
    expect(results.returns).toBeUndefined();

    // Only the local host has output files: the page can ask how their writes are going.
    const status = await page.evaluate(() => (window as unknown as { campaignSheetsLocal: { outputStatus(): Promise<{ dir: string; state: string }> } }).campaignSheetsLocal.outputStatus());
    expect(status).toMatchObject({ dir: sidebar.local.outputs.status().dir, state: expect.stringMatching(/^(idle|writing)$/) });

    await page.evaluate(() => (window as unknown as { google: { script: { host: { close(): void } } } }).google.script.host.close());
    expect(await page.textContent('body')).toContain('The sidebar was closed');
  }, LONG);
});

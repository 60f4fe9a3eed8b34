/**
 * @fileoverview Shared pieces of the browser tests: Chromium (a missing one fails the run, never
 * skips it), one build of dist/Sidebar.html per run even with test files in parallel, small CSV
 * workbooks written to temp dirs, and page helpers for the sidebar.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parseCsvText } from '../../src/files/read-workbook-files';
import type { RefreshResult } from '../../src/shared/sidebar-api';
import { startLocalSidebar, type LocalSidebar } from '../../src/local/server';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    // Failing, not skipping: a CI without Chromium must not look green.
    throw new Error(`Chromium is not installed at ${CHROMIUM}. The browser tests need it: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs f holding a lock directory: build.mjs's temp files clash when two builds overlap. */
async function withDirLock<T>(dir: string, f: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(dir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A lock left by a killed run is stale after two minutes.
      try {
        if (Date.now() - statSync(dir).mtimeMs > 120_000) rmSync(dir, { recursive: true, force: true });
      } catch { /* gone meanwhile */ }
      if (Date.now() - started > 240_000) throw new Error(`Timed out waiting for the build lock ${dir}.`, { cause: e });
      await sleep(200);
    }
  }
  try {
    return await f();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Builds with build.mjs and returns a private copy of the sidebar page, so a build started by
 * another test file cannot change the page under this file's server.
 */
export async function buildSidebarPage(): Promise<string> {
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  const html = await withDirLock(join(ROOT, 'out', '.browser-test-build.lock'), async () => {
    const { build } = (await import(pathToFileURL(join(ROOT, 'build.mjs')).href)) as { build(): Promise<unknown> };
    // Other test files (test/build) build without this lock: a clash fails a build or leaves
    // half a page, so try again a few times before failing.
    let lastError: unknown;
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        await build();
        const page = readFileSync(join(ROOT, 'dist', 'Sidebar.html'), 'utf8');
        if (/<\/html>\s*$/i.test(page)) return page;
        lastError = new Error('dist/Sidebar.html was incomplete after the build.');
      } catch (e) {
        lastError = e;
      }
      await sleep(500 + attempt * 500);
    }
    throw lastError;
  });
  const file = join(tempDir('sidebar-page-'), 'Sidebar.html');
  writeFileSync(file, html, 'utf8');
  return file;
}

const made: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cs-${prefix}`));
  made.push(dir);
  return dir;
}

/** Removes the temp dirs this test file made (call after its servers are closed). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export type Tabs = Record<string, (string | number)[][]>;

/** Writes one `<Tab>.csv` per tab into a fresh temp folder and returns the folder. */
export function writeCsvWorkbook(tabs: Tabs, prefix = 'wb-'): string {
  const dir = tempDir(prefix);
  for (const [name, rows] of Object.entries(tabs)) writeFileSync(join(dir, `${name}.csv`), stringify(rows), 'utf8');
  return dir;
}

/** A fixed "now" for the fixture: presets such as "last 7 days" then cut the data the same way every run. */
export const FIXTURE_NOW = Date.UTC(2026, 3, 15, 12);

/**
 * Three campaigns, two contacts and two won deals, arranged so that each sidebar choice changes
 * the numbers: P1's first touch is Spring launch and its last touch before creation is Webinar
 * (P2's are both Webinar);
 * April holds P2's whole journey, so short presets cut March away.
 */
export function fixtureTabs(names: { spring?: string; webinar?: string; assetName?: string; springUtm?: string } = {}): Tabs {
  const spring = names.spring ?? 'Spring launch';
  const webinar = names.webinar ?? 'Webinar';
  const springUtm = names.springUtm ?? 'spring';
  return {
    Campaigns: [
      ['Campaign ID', 'Name', 'UTM campaign', 'Start date', 'End date', 'Goal sessions', 'Goal new contacts', 'Goal influenced contacts', 'Goal revenue'],
      ['C1', spring, springUtm, '2026-02-01', '2026-04-30', 100, 10, 20, 50000],
      ['C2', webinar, 'webinar', '2026-03-01', '2026-04-30', '', '', '', ''],
      ['C3', 'Autumn teaser', 'autumn', '', '', '', '', '', ''],
    ],
    Assets: [
      ['Asset ID', 'Campaign ID', 'Type', 'Name', 'URL', 'Associated at'],
      ['A1', 'C1', 'landing page', names.assetName ?? 'Spring landing page', 'https://example.com/spring', ''],
      ['A2', 'C2', 'marketing email', 'Webinar invitation', '', ''],
      ['A3', 'C1', 'form', 'Spring signup form', '', ''],
      ['A4', 'C2', 'landing page', 'Webinar page', 'https://example.com/webinar', ''],
    ],
    Contacts: [
      ['Contact ID', 'Created at', 'Visitor IDs', 'Email'],
      ['P1', '2026-03-05T10:00:00Z', 'V1', 'ada@example.com'],
      ['P2', '2026-04-12T10:00:00Z', 'V2', 'bo@example.com'],
    ],
    Deals: [
      ['Deal ID', 'Name', 'Contact IDs', 'Created at', 'Stage', 'Closed at', 'Amount'],
      ['D1', 'Acme annual plan', 'P1', '2026-03-15T00:00:00Z', 'closed won', '2026-04-01T00:00:00Z', 10000],
      ['D2', 'Bolt pilot', 'P2', '2026-04-13T00:00:00Z', 'closed won', '2026-04-14T00:00:00Z', 4000],
    ],
    Interactions: [
      ['Interaction ID', 'Timestamp', 'Contact ID', 'Visitor ID', 'Type', 'Asset ID', 'URL', 'Session ID', 'Referrer', 'UTM campaign'],
      ['I1', '2026-02-25T09:00:00Z', '', 'V1', 'page view', '', 'https://example.com/spring?utm_campaign=spring&utm_source=google&utm_medium=cpc', '', '', ''],
      ['I2', '2026-03-05T09:00:00Z', '', 'V1', 'page view', '', 'https://example.com/webinar?utm_campaign=webinar&utm_source=newsletter&utm_medium=email', '', '', ''],
      ['I3', '2026-03-08T12:00:00Z', 'P1', '', 'email click', 'A2', '', '', '', ''],
      ['I4', '2026-03-20T12:00:00Z', 'P1', '', 'page view', '', 'https://example.com/spring?utm_campaign=spring&utm_source=linkedin&utm_medium=social', '', '', ''],
      ['I5', '2026-04-10T09:00:00Z', '', 'V2', 'page view', '', 'https://example.com/webinar?utm_campaign=webinar&utm_source=google&utm_medium=cpc', '', '', ''],
      ['I6', '2026-04-12T11:00:00Z', '', 'V2', 'page view', '', 'https://example.com/spring?utm_campaign=spring&utm_source=linkedin&utm_medium=social', '', '', ''],
      ['I7', '2026-04-13T08:00:00Z', 'P2', '', 'email click', 'A2', '', '', '', ''],
    ],
  };
}

/**
 * A report tab's CSV tables from the out dir (`<key>--parameters.csv`, then `<key>--<table>.csv`),
 * stacked as the tab shows them: title, parameter labels, their values, then each table.
 */
export function readReportCsv(outDir: string, key: string): string[][] {
  const read = (file: string) => parseCsvText(readFileSync(join(outDir, file), 'utf8')).map((r) => r.map((c) => String(c ?? '')));
  // A report's files start with its key; another tab's (a dashboard) with its key and a hash of its name.
  const stem = readdirSync(outDir).map((f) => new RegExp(`^(${key}(?:-[0-9a-f]{8})?)--parameters\\.csv$`).exec(f)?.[1]).find(Boolean);
  if (!stem) throw new Error(`No ${key}--parameters.csv in ${outDir}`);
  const [, [, title], ...listed] = read(`${stem}--parameters.csv`);
  const parameters = listed.filter((p) => !p[0].startsWith('Table '));
  const tables = readdirSync(outDir).filter((f) => f.startsWith(`${stem}--`) && f !== `${stem}--parameters.csv`).sort();
  const tableTitles = listed.filter((p) => p[0].startsWith('Table ')).map((p) => [p[1]]);
  return [[title], parameters.map((p) => p[0]), parameters.map((p) => p[1]), ...tableTitles, ...tables.flatMap(read)];
}

/** The header block's parameters (row 2 labels, row 3 values) of a report CSV. */
export function csvParameters(rows: string[][]): Record<string, string> {
  const out: Record<string, string> = {};
  rows[1].forEach((label, i) => {
    if (label) out[label] = rows[2][i];
  });
  return out;
}

/** Opens the sidebar and waits until the state has loaded (or the page shows why it could not). */
export async function openSidebar(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('app')?.getAttribute('aria-busy') === 'false', undefined, { timeout: SIGNAL_TIMEOUT });
}

/**
 * How long a browser test waits for one of the app's own signals. A refresh of the small fixture
 * takes well under a second; on this project's 2-core machine, shared and under load, the same
 * wait has been seen to take 20 times longer, so the margin is wide: a wait that ends does so at
 * the signal, never at the timeout.
 */
export const SIGNAL_TIMEOUT = 120_000;

/** The count of changes the server had recorded, as the sidebar last showed it (0 before any). */
export async function outputsVersion(page: Page): Promise<number> {
  return page.$eval('#outputs-status', (el) => Number((el as HTMLElement).dataset.version ?? 0));
}

/**
 * Waits until the sidebar says the outputs hold every change after `before` (its own signal,
 * polled from the server): then the files on disk are the action's.
 */
export async function outputsWritten(page: Page, before: number): Promise<void> {
  await page.waitForFunction(
    (b) => {
      const el = document.getElementById('outputs-status') as HTMLElement;
      const v = Number(el.dataset.version ?? 0);
      if (el.dataset.state === 'failed') throw new Error(el.textContent ?? 'The outputs could not be written.');
      return el.dataset.state === 'written' && v > b && Number(el.dataset.written) >= v;
    },
    before,
    { timeout: SIGNAL_TIMEOUT },
  );
}

/**
 * Clicks a refresh button (or presses a key on it) and returns the server's result once drawn
 * and its outputs written.
 */
export async function refresh(page: Page, scope: 'campaign' | 'all', press?: string): Promise<RefreshResult> {
  const button = scope === 'all' ? '#refresh-all' : '#refresh-campaign';
  const before = await outputsVersion(page);
  const [response] = await Promise.all([
    // The server answers once it has computed; the outputs are written after (outputsWritten below).
    page.waitForResponse((r) => r.url().endsWith('/api/refreshReports'), { timeout: SIGNAL_TIMEOUT }),
    press ? page.press(button, press) : page.click(button),
  ]);
  const body = (await response.json()) as { ok: boolean; result?: RefreshResult; error?: string };
  if (!body.ok) throw new Error(`refreshReports failed: ${body.error}`);
  await page.waitForFunction(
    () => document.getElementById('refresh-bar')!.hidden && /^Done/.test(document.getElementById('refresh-status')!.textContent ?? ''),
    undefined,
    { timeout: SIGNAL_TIMEOUT },
  );
  await outputsWritten(page, before);
  return body.result!;
}

/** The summary pairs the sidebar shows after a refresh, as drawn in the page. */
export async function shownSummary(page: Page): Promise<Record<string, string>> {
  return page.$$eval('#refresh-summary > div', (rows) =>
    Object.fromEntries(rows.map((r) => [r.querySelector('dt')!.textContent ?? '', r.querySelector('dd')!.textContent ?? ''])));
}

/** The built sidebar served on the fixture workbook, opened in Chromium at the sidebar's width. */
export interface SidebarSession {
  browser: Browser;
  sidebar: LocalSidebar;
  page: Page;
  outDir: string;
  /** Exceptions and CSP violations in the page, to be none after each test. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * A fresh local server on a fresh copy of the fixture workbook, opened in a new page: nothing
 * carries over from another session. Given a browser, the session shares it and leaves it open.
 */
export async function openSidebarSession(outPrefix: string, shared?: Browser): Promise<SidebarSession> {
  const [pagePath, browser] = await Promise.all([buildSidebarPage(), shared ?? launchChromium()]);
  const outDir = tempDir(outPrefix);
  const sidebar = await startLocalSidebar({
    workbookPath: writeCsvWorkbook(fixtureTabs()), outDir, port: 0, quiet: true, now: () => FIXTURE_NOW, sidebarHtmlPath: pagePath,
  });
  const context = await browser.newContext({ viewport: { width: 320, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(SIGNAL_TIMEOUT);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // A CSP violation is only a console message, not an exception.
  page.on('console', (m) => void (/Content Security Policy/i.test(m.text()) && pageErrors.push(m.text())));
  await openSidebar(page, sidebar.url);
  return {
    browser, sidebar, page, outDir, pageErrors,
    async close() {
      await (shared ? context.close() : browser.close());
      await sidebar.close();
      if (!shared) removeTempDirs();
    },
  };
}

/**
 * @fileoverview report.html opened from disk in Chromium, as a user opens it: every chart drawn,
 * tabs that switch by click and by arrow keys, and not one request beyond the file itself.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runLocalReport } from '../../src/files/run-report';
import { readWorkbookPath } from '../../src/files/read-workbook-files';
import { FIXTURE_NOW, fixtureTabs, launchChromium, removeTempDirs, tempDir, writeCsvWorkbook } from './helpers';

const LONG = 300_000;

describe('report.html in the browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let fileUrl: string;
  let chartCount: number;
  let tabNames: string[];
  const requests: string[] = [];
  const blocked: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    const outDir = tempDir('report-html-');
    const raw = await readWorkbookPath(writeCsvWorkbook(fixtureTabs()));
    const run = await runLocalReport({ raw, outDir, now: FIXTURE_NOW });
    chartCount = run.tabs.reduce((n, t) => n + t.charts.length, 0);
    // The strip names tabs without the sheets' "CS " prefix.
    tabNames = run.tabs.map((t) => t.name.replace(/^CS /, ''));
    fileUrl = pathToFileURL(join(outDir, 'report.html')).href;
    context = await browser.newContext();
    // Anything over the network would be a leak: refuse it, and remember it was tried.
    await context.route(/^(https?|wss?|ftp):/, (route) => {
      blocked.push(route.request().url());
      return route.abort();
    });
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(fileUrl);
    await page.waitForLoadState('load');
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    removeTempDirs();
  });

  it('draws every chart as inline SVG', async () => {
    expect(chartCount).toBeGreaterThan(0);
    expect(await page.$$eval('.chart-error', (e) => e.map((x) => x.textContent))).toEqual([]);
    // One figure per chart of the run, plus one per other model for the attribution tabs' charts.
    const shown = (sel: string) => page.$$eval(sel, (els) => els.filter((e) => !e.closest('.variant[hidden]')).length);
    expect(await shown('figure.chart')).toBe(chartCount);
    expect(await shown('figure.chart svg')).toBe(chartCount);
    expect(await page.$$eval('.variant[hidden] figure.chart svg', (s) => s.length)).toBeGreaterThan(0);
  });

  it('switches tabs on click', async () => {
    const tabs = page.locator('[role="tab"]');
    expect(await tabs.allTextContents()).toEqual(tabNames);
    const panelOf = async (i: number) => (await tabs.nth(i).getAttribute('aria-controls'))!;
    expect(await tabs.nth(0).getAttribute('aria-selected')).toBe('true');
    expect(await page.isVisible(`#${await panelOf(0)}`)).toBe(true);
    expect(await page.isVisible(`#${await panelOf(1)}`)).toBe(false);
    await tabs.nth(2).click();
    expect(await tabs.nth(2).getAttribute('aria-selected')).toBe('true');
    expect(await tabs.nth(0).getAttribute('aria-selected')).toBe('false');
    expect(await page.isVisible(`#${await panelOf(2)}`)).toBe(true);
    expect(await page.isVisible(`#${await panelOf(0)}`)).toBe(false);
  });

  it('moves between tabs with the arrow keys, Home and End', async () => {
    const selected = () => page.$eval('[role="tab"][aria-selected="true"]', (t) => t.textContent);
    const active = () => page.evaluate(() => document.activeElement?.textContent);
    await page.locator('[role="tab"]').nth(0).click();
    await page.locator('[role="tab"]').nth(0).focus();
    await page.keyboard.press('ArrowRight');
    expect(await selected()).toBe(tabNames[1]);
    expect(await active()).toBe(tabNames[1]);
    await page.keyboard.press('ArrowLeft');
    expect(await selected()).toBe(tabNames[0]);
    await page.keyboard.press('ArrowLeft');
    expect(await selected()).toBe(tabNames[tabNames.length - 1]);
    await page.keyboard.press('Home');
    expect(await selected()).toBe(tabNames[0]);
    await page.keyboard.press('End');
    expect(await selected()).toBe(tabNames[tabNames.length - 1]);
    expect(await page.isVisible(`#${await page.$eval('[role="tab"][aria-selected="true"]', (t) => t.getAttribute('aria-controls'))}`)).toBe(true);
  });

  it('fetches nothing but itself and runs without errors', () => {
    expect(requests).toContain(fileUrl);
    expect(blocked).toEqual([]);
    expect(requests.filter((u) => u !== fileUrl && !u.startsWith(`${fileUrl}#`))).toEqual([]);
    expect(errors).toEqual([]);
  });
});

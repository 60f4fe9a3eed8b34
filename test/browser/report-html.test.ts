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
import { renderHtmlReport } from '../../src/render/html-report';
import type { ReportTab } from '../../src/engine/report-tab/report-tab';
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

describe('a page whose tabs were computed with different models', () => {
  it('shows, for a model a tab lacks, the version its run made', async () => {
    const tab = (name: string, key: string, model: string, credit: number): ReportTab => ({
      name, key, title: `${name.slice(3)}: ${model}`, parameters: [['Model', model]],
      blocks: [{ id: 'b', title: 'Credit', header: ['Campaign', 'Credit'], formats: ['text', 'currency'], rows: [['Spring', credit]] }], charts: [],
    });
    const attribution = tab('CS Attribution', 'attribution', 'Linear', 1);
    const revenue = tab('CS Revenue attribution', 'revenue-attribution', 'Linear', 2);
    const html = await renderHtmlReport({
      title: 'Mixed', generatedAt: new Date(FIXTURE_NOW), timeZone: 'UTC', tabs: [attribution, revenue],
      models: {
        selected: 'Linear',
        variants: [
          { model: 'First interaction', tabs: [tab('CS Revenue attribution', 'revenue-attribution', 'First interaction', 3)] },
          { model: 'Linear', tabs: [attribution, revenue] },
          { model: 'Shapley', tabs: [tab('CS Attribution', 'attribution', 'Shapley', 4)] },
        ],
      },
    });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent(html);
      await page.waitForFunction(() => document.documentElement.getAttribute('data-ready') === 'true');
      const shown = (panel: string) => page.$eval(`#${panel} .variant:not([hidden]) h2`, (h) => h.textContent);
      await page.selectOption('#model-select', 'Shapley');
      expect(await shown('attribution')).toBe('Attribution: Shapley');
      expect(await page.$$eval('#revenue-attribution .variant:not([hidden])', (v) => v.length)).toBe(1);
      expect(await shown('revenue-attribution')).toBe('Revenue attribution: Linear');
      await page.selectOption('#model-select', 'First interaction');
      expect(await shown('revenue-attribution')).toBe('Revenue attribution: First interaction');
      expect(await shown('attribution')).toBe('Attribution: Linear');
    } finally {
      await browser.close();
    }
  }, LONG);
});

/**
 * @fileoverview The demo's report.html read in Chromium as a marketer reads it, at 1280 px and on
 * a 390 px phone: every tab reachable, one header, a model selector that switches every
 * attribution table and chart with no request, tables that sort, filter, page and keep their
 * header in view, IDs on one line, whole labels, tooltips, chart text of 11 px or more, tables
 * that say they scroll, and content near the top.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateDemoWorkbook } from '../../src/demo/generate';
import { runLocalReport } from '../../src/files/run-report';
import { SIGNAL_TIMEOUT, launchChromium, removeTempDirs, tempDir } from './helpers';

const LONG = 300_000;
/** The demo's data ends here, as in `npm run screenshots`. */
const NOW = Date.UTC(2026, 9, 1, 12);

let browser: Browser;
let context: BrowserContext;
let fileUrl: string;
const blocked: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  const outDir = tempDir('report-reading-');
  const raw = generateDemoWorkbook({ end: new Date(Date.UTC(2026, 9, 1)) });
  await runLocalReport({ raw, outDir, now: NOW, query: { campaign: 'CMP-001', preset: 'all' } });
  fileUrl = pathToFileURL(join(outDir, 'report.html')).href;
  context = await browser.newContext();
  context.setDefaultTimeout(SIGNAL_TIMEOUT);
  // Anything over the network would be a leak: refuse it, and remember it was tried.
  await context.route(/^(https?|wss?|ftp):/, (route) => {
    blocked.push(route.request().url());
    return route.abort();
  });
}, LONG);

afterAll(async () => {
  await browser?.close();
  removeTempDirs();
});

async function open(width: number, tab: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
  await page.goto(`${fileUrl}#${tab}`);
  await page.waitForFunction(() => document.documentElement.getAttribute('data-ready') === 'true');
  return page;
}

/** The texts of the visible table's rows in a block of the selected tab. */
const visibleRows = (page: Page, block: string) =>
  page.$$eval(`[role="tabpanel"]:not([hidden]) .variant:not([hidden]) [id$="_${block}_table"] tbody tr, [role="tabpanel"]:not([hidden]) > .block [id$="_${block}_table"] tbody tr`, (rows) =>
    rows.map((r) => Array.from(r.children, (c) => c.textContent ?? '')));

const money = (t: string) => Number(t.replace(/[^0-9.-]/g, ''));

describe('report.html at 1280 px', () => {
  let page: Page;
  beforeAll(async () => {
    page = await open(1280, 'attribution');
  }, LONG);

  it('shows every tab of the strip on screen, wrapping rather than cutting', async () => {
    const tabs = await page.$$eval('[role="tab"]', (ts) => ts.map((t) => { const r = t.getBoundingClientRect(); return { text: t.textContent, left: r.left, right: r.right }; }));
    expect(tabs.map((t) => t.text)).toContain('Removal effects');
    for (const t of tabs) {
      expect(t.left, t.text!).toBeGreaterThanOrEqual(0);
      expect(t.right, t.text!).toBeLessThanOrEqual(1280);
    }
  });

  it('shows the campaign, range and time zone once, in the header', async () => {
    for (const label of ['Campaign', 'Date range', 'Time zone', 'Data as of']) {
      const shown = await page.$$eval('dt', (dts, l) => dts.filter((d) => d.textContent === l && (d as HTMLElement).offsetParent !== null).length, label);
      expect(shown, label).toBe(1);
    }
  });

  it('shows every model\'s column of the model comparison, Markov and Shapley included', async () => {
    await page.click('[role="tab"][aria-controls="model-comparison"]');
    const wrap = '#model-comparison_comparison-revenue_table .table-wrap';
    expect(await page.$eval(wrap, (w) => w.scrollWidth - w.clientWidth)).toBeLessThanOrEqual(1);
    const right = await page.$eval(`${wrap} th:last-child`, (th) => th.getBoundingClientRect().right);
    expect(await page.textContent(`${wrap} th:last-child`)).toBe('Shapley');
    expect(right).toBeLessThanOrEqual(1280);
    await page.click('[role="tab"][aria-controls="attribution"]');
  });

  it('heads Removal effects as Removal effects', async () => {
    await page.click('[role="tab"][aria-controls="removal-effects"]');
    expect(await page.textContent('#removal-effects_title')).toBe('Removal effects');
    await page.click('[role="tab"][aria-controls="attribution"]');
  });

  it('switches every attribution table and chart to the chosen model, with no request', async () => {
    // The campaign's revenue credit under a model, as the model comparison in the same page has it.
    const credit = async () => money((await visibleRows(page, 'campaign-credit'))[0][2]);
    const comparison = await page.$$eval('#model-comparison_comparison-revenue_table script.table-data', (s) => JSON.parse(s[0].textContent!) as { r: unknown[][] });
    const header = await page.$$eval('#model-comparison_comparison-revenue_table thead th', (ths) => ths.map((t) => t.textContent));
    const campaignRow = comparison.r.find((row) => row[0] === 'Brand awareness (always on)')!;
    const compared = (model: string) => Math.round((campaignRow[header.indexOf(model)] as [string, number])[1] * 100) / 100;
    const linear = await credit();
    expect(linear).toBe(compared('Linear'));
    const chartBefore = await page.$eval('[role="tabpanel"]:not([hidden]) .variant:not([hidden]) figure.chart svg', (s) => s.outerHTML);
    const revenueSummary = () => page.$eval('#revenue-attribution .variant:not([hidden]) [id$="_summary_table"] tbody', (t) => t.textContent);
    const revenueBefore = await revenueSummary();

    const options = await page.$$eval('#model-select option', (os) => os.map((o) => o.textContent));
    expect(options).toEqual(['First interaction', 'Last interaction', 'Linear', 'U-shaped', 'W-shaped', 'Full path', 'Time decay', 'J-shaped', 'Inverse J', 'Markov', 'Shapley']);
    await page.selectOption('#model-select', 'Shapley');
    expect(await credit()).toBe(compared('Shapley'));
    expect(await credit()).not.toBe(linear);
    expect(await page.textContent('[role="tabpanel"]:not([hidden]) .variant:not([hidden]) h2')).toBe('Attribution: Brand awareness (always on), Shapley');
    expect(await page.$eval('[role="tabpanel"]:not([hidden]) .variant:not([hidden]) figure.chart svg', (s) => s.outerHTML)).not.toBe(chartBefore);
    // Revenue attribution follows the same selector.
    expect(await revenueSummary()).not.toBe(revenueBefore);
    expect(await page.$eval('#revenue-attribution .variant:not([hidden])', (v) => v.getAttribute('data-model'))).toBe('Shapley');
    expect(blocked).toEqual([]);
    await page.selectOption('#model-select', 'Linear');
  });

  it('sorts a table by any column, both ways', async () => {
    const table = '[role="tabpanel"]:not([hidden]) .variant:not([hidden]) [id$="_by-asset_table"]';
    const sortBy = (name: string) => page.click(`${table} th button:text-is("${name}")`);
    const column = async (c: number) => (await visibleRows(page, 'by-asset')).map((r) => r[c]);
    expect((await column(0)).length).toBeGreaterThan(3);
    await sortBy('Attributed revenue');
    let values = (await column(5)).map(money);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await sortBy('Attributed revenue');
    values = (await column(5)).map(money);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    await sortBy('Asset');
    const names = await column(1);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })));
  });

  it('filters a table and pages a long one', async () => {
    const drill = '[role="tabpanel"]:not([hidden]) .variant:not([hidden]) [id$="_drill-down_table"]';
    const total = Number((await page.textContent(`${drill} .count`))!.replace(/\D/g, ''));
    expect(total).toBeGreaterThan(100);
    expect(await visibleRows(page, 'drill-down')).toHaveLength(50);
    expect(await page.textContent(`${drill} .page`)).toBe(`Rows 1–50 of ${total.toLocaleString('en-US')}`);
    await page.click(`${drill} button[data-go="1"]`);
    expect(await page.textContent(`${drill} .page`)).toBe(`Rows 51–100 of ${total.toLocaleString('en-US')}`);
    const deal = (await visibleRows(page, 'drill-down'))[0][0];
    await page.fill(`${drill} input.filter`, deal);
    const rows = await visibleRows(page, 'drill-down');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.join(' ')).toContain(deal);
    expect(await page.textContent(`${drill} .count`)).toBe(`${rows.length} of ${total.toLocaleString('en-US')} rows`);
    await page.fill(`${drill} input.filter`, '');
  });

  it('keeps a long table\'s header in view while its rows scroll', async () => {
    const wrap = '[role="tabpanel"]:not([hidden]) .variant:not([hidden]) [id$="_drill-down_table"] .table-wrap';
    await page.$eval(wrap, (w) => w.scrollIntoView());
    await page.$eval(wrap, (w) => (w.scrollTop = 600));
    const [wrapTop, headTop, scrolled] = await page.$eval(wrap, (w) => [w.getBoundingClientRect().top, w.querySelector('thead th')!.getBoundingClientRect().top, w.scrollTop]);
    expect(scrolled).toBeGreaterThan(0);
    expect(Math.abs(headTop - wrapTop)).toBeLessThan(2);
  });

  it('keeps IDs on one line and numbers whole', async () => {
    const broken = await page.$$eval('[role="tabpanel"]:not([hidden]) .variant:not([hidden]) td.id, [role="tabpanel"]:not([hidden]) .variant:not([hidden]) td.num', (cells) =>
      cells.filter((c) => {
        const range = document.createRange();
        range.selectNodeContents(c);
        return new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size > 1;
      }).map((c) => c.textContent));
    expect(broken).toEqual([]);
  });

  it('shows labels and legends in full, a cut label with its full text as a tooltip, and a tooltip on every mark', async () => {
    for (const tab of ['attribution', 'revenue-attribution', 'model-comparison', 'contacts-sessions', 'assets', 'traffic', 'revenue']) {
      await page.click(`[role="tab"][aria-controls="${tab}"]`);
      const charts = await page.$$eval('[role="tabpanel"]:not([hidden]) .variant:not([hidden]) figure.chart svg, [role="tabpanel"]:not([hidden]) > .block figure.chart svg', (svgs) =>
        svgs.map((svg) => ({
          cut: Array.from(svg.querySelectorAll('text')).filter((t) => /…$/.test(t.textContent ?? '') && !t.querySelector('title')).map((t) => t.textContent),
          legendCut: Array.from(svg.querySelectorAll('.role-legend-label text')).filter((t) => /…/.test(t.textContent ?? '')).length,
          tooltips: svg.querySelectorAll('.role-mark path > title').length,
        })));
      expect(charts.length, tab).toBeGreaterThan(0);
      for (const c of charts) {
        expect(c.cut, tab).toEqual([]);
        expect(c.legendCut, tab).toBe(0);
        expect(c.tooltips, tab).toBeGreaterThan(0);
      }
    }
  });

  it('shows more than 90 days month by month unless asked otherwise', async () => {
    await page.click('[role="tab"][aria-controls="contacts-sessions"]');
    expect(await page.textContent('#contacts-sessions h3')).toMatch(/^By month/);
  });
});

describe('report.html on a 390 px phone', () => {
  let page: Page;
  beforeAll(async () => {
    page = await open(390, 'overview');
  }, LONG);

  it('starts the content near the top', async () => {
    const top = await page.$eval('#overview_title', (h) => h.getBoundingClientRect().top);
    expect(top).toBeLessThan(260);
  });

  it('shows that the tab strip scrolls', async () => {
    const strip = await page.$eval('[role="tablist"]', (t) => ({ over: t.scrollWidth > t.clientWidth, cls: t.className, shadow: getComputedStyle(t).boxShadow }));
    expect(strip.over).toBe(true);
    expect(strip.cls).toContain('overflows');
    expect(strip.shadow).not.toBe('none');
  });

  it('writes chart text at 11 px or more, and says where tables and charts scroll', async () => {
    for (const tab of ['contacts-sessions', 'attribution', 'model-comparison', 'traffic']) {
      await page.click(`[role="tab"][aria-controls="${tab}"]`);
      const smallest = await page.$$eval('[role="tabpanel"]:not([hidden]) figure.chart svg', (svgs) =>
        Math.min(...svgs.filter((s) => (s as unknown as HTMLElement).getClientRects().length).flatMap((svg) => {
          const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).width.baseVal.value;
          return Array.from(svg.querySelectorAll('text'), (t) => parseFloat(getComputedStyle(t).fontSize) * scale);
        })));
      expect(smallest, tab).toBeGreaterThanOrEqual(11);
      const unannounced = await page.$$eval('[role="tabpanel"]:not([hidden]) .table-wrap, [role="tabpanel"]:not([hidden]) .chart-box', (boxes) =>
        boxes.filter((b) => (b as HTMLElement).offsetParent !== null && b.scrollWidth > b.clientWidth + 1)
          .filter((b) => { const hint = b.previousElementSibling as HTMLElement | null; return !hint || !hint.classList.contains('scroll-hint') || hint.hidden; }).length);
      expect(unannounced, tab).toBe(0);
    }
    // The drill-down does not fit a phone: it says so.
    await page.click('[role="tab"][aria-controls="attribution"]');
    expect(await page.isVisible('[role="tabpanel"]:not([hidden]) .variant:not([hidden]) [id$="_drill-down_table"] .scroll-hint')).toBe(true);
  });
});

/**
 * @fileoverview The sidebar when things are not tidy: a workbook that cannot be read, rows the
 * data check rejects, markup in the user's data (shown as text, never run), keyboard-only use,
 * and one smoke run on the generated demo workbook.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startLocalSidebar, type LocalSidebar } from '../../src/local/server';
import {
  FIXTURE_NOW, SIGNAL_TIMEOUT, buildSidebarPage, fixtureTabs, launchChromium, openSidebar, readReportCsv, refresh, shownSummary, removeTempDirs, tempDir, writeCsvWorkbook,
} from './helpers';

const LONG = 300_000;
const XSS_CAMPAIGN = '<img src=x onerror="window.__xss=1">';
const XSS_SCRIPT_CAMPAIGN = '<script>window.__xss=2</script>';
const XSS_ASSET = '<img src=x onerror="window.__xss=3">';
const XSS_UTM = '<script>window.__xss=4</script>';
const XSS_BAD_CELL = '<img src=x onerror="window.__xss=5">';

let browser: Browser;
let pagePath: string;
const servers: LocalSidebar[] = [];

beforeAll(async () => {
  [pagePath, browser] = await Promise.all([buildSidebarPage(), launchChromium()]);
}, LONG);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  removeTempDirs();
});

async function serve(workbookPath: string | undefined, outDir = tempDir('safety-out-')): Promise<LocalSidebar> {
  const s = await startLocalSidebar({ workbookPath, outDir, port: 0, quiet: true, now: workbookPath ? () => FIXTURE_NOW : undefined, sidebarHtmlPath: pagePath });
  servers.push(s);
  return s;
}

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 320, height: 900 }, locale: 'en-US' });
  page.setDefaultTimeout(SIGNAL_TIMEOUT);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

describe('a workbook that cannot be read', () => {
  it('shows the reason in the error box and nothing else', async () => {
    const tabs = fixtureTabs();
    // Campaigns without its required Name column.
    tabs.Campaigns = tabs.Campaigns.map((r) => [r[0], ...r.slice(2)]);
    const workbook = writeCsvWorkbook(tabs);
    const s = await serve(workbook);
    const { page, errors } = await newPage();
    await openSidebar(page, s.url);
    await page.waitForSelector('#error:not([hidden])');
    const message = await page.textContent('#error-text');
    expect(message).toContain('The workbook could not be read');
    expect(message).toContain('Tab "Campaigns" has no column "Name"');
    expect(await page.getAttribute('#error', 'role')).toBe('alert');
    expect(await page.isVisible('#query-form')).toBe(false);
    expect(await page.isVisible('#loading')).toBe(false);
    // Nothing is behind the message: Dismiss would leave an empty sidebar, so only Try again is offered.
    expect(await page.isVisible('#error-dismiss')).toBe(false);
    expect(await page.isVisible('#error-retry')).toBe(true);
    // Try again asks the server again (the same message comes back: the file is unchanged).
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/getSidebarState')), page.click('#error-retry')]);
    expect(((await response.json()) as { ok: boolean }).ok).toBe(false);
    await page.waitForSelector('#error:not([hidden])');
    // Fixed on disk, Try again reads the workbook again: no restart.
    writeFileSync(join(workbook, 'Campaigns.csv'), stringify(fixtureTabs().Campaigns), 'utf8');
    await page.click('#error-retry');
    await page.waitForSelector('#query-form:not([hidden])');
    expect(await page.isVisible('#error')).toBe(false);
    expect(await page.$$eval('#campaign option', (os) => os.map((o) => o.textContent))).toEqual(['Spring launch', 'Webinar', 'Autumn teaser']);
    expect(errors).toEqual([]);
    await page.close();
  }, LONG);

  it('names an unusable properties.json, keeps it, and goes on once it is fixed', async () => {
    const outDir = tempDir('props-out-');
    const s = await serve(writeCsvWorkbook(fixtureTabs()), outDir);
    const { page, errors } = await newPage();
    await openSidebar(page, s.url);
    const file = join(outDir, 'properties.json');
    writeFileSync(file, '"hello"', 'utf8');
    await page.reload();
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error-text')).toContain(file);
    expect(await page.isVisible('#error-dismiss')).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('"hello"');
    writeFileSync(file, '{}', 'utf8');
    await page.click('#error-retry');
    await page.waitForSelector('#query-form:not([hidden])');
    expect(errors).toEqual([]);
    await page.close();
  }, LONG);

  it('shows the data check when a refresh skipped rows, as warnings of the refresh too', async () => {
    const tabs = fixtureTabs();
    tabs.Interactions.push(['I9', 'yesterday', '', 'V1', 'page view', '', '', '', '', '']);
    const s = await serve(writeCsvWorkbook(tabs));
    const { page, errors } = await newPage();
    await openSidebar(page, s.url);
    // Opening the sidebar reads no data: the check comes with the first refresh or check.
    expect(await page.isVisible('#data-check')).toBe(false);
    await refresh(page, 'campaign');
    expect(await page.isVisible('#data-check')).toBe(true);
    expect(await page.textContent('#data-check-counts')).toMatch(/^1 error, 0 warnings \(checked \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
    const messages = await page.$$eval('#data-check-messages li', (li) => li.map((x) => x.textContent));
    expect(messages).toEqual([expect.stringMatching(/Interactions, row 9, column "Timestamp": "yesterday"/)]);
    expect(await page.textContent('#refresh-check')).toBe('Data check: 1 error, 0 warnings.');
    expect(await page.$$eval('#refresh-warnings li', (li) => li.map((x) => x.textContent))).toEqual(messages);
    expect(errors).toEqual([]);
    await page.close();
  }, LONG);
});

describe('markup in the data', () => {
  it('is shown as text in the sidebar and in report.html, and never runs', async () => {
    const tabs = fixtureTabs({ spring: XSS_CAMPAIGN, webinar: XSS_SCRIPT_CAMPAIGN, assetName: XSS_ASSET, springUtm: XSS_UTM });
    tabs.Interactions.push(['I9', XSS_BAD_CELL, '', 'V1', 'page view', '', '', '', '', '']);
    const outDir = tempDir('xss-out-');
    const s = await serve(writeCsvWorkbook(tabs), outDir);
    const { page, errors } = await newPage();
    await openSidebar(page, s.url);

    const names = await page.$$eval('#campaign option', (os) => os.map((o) => o.textContent));
    expect(names).toEqual([XSS_CAMPAIGN, XSS_SCRIPT_CAMPAIGN, 'Autumn teaser']);
    expect(await page.$$eval('#tu-campaign option', (os) => os.map((o) => o.textContent))).toEqual(names);

    await refresh(page, 'all');
    expect(await page.textContent('#data-check-messages')).toContain(XSS_BAD_CELL);
    expect((await shownSummary(page)).Campaign).toBe(XSS_CAMPAIGN);
    expect(await page.textContent('#refresh-status')).toMatch(/^Done/);

    // A tracking link and a saved report whose texts are markup too.
    await page.fill('#tu-url', 'https://example.com/spring');
    await page.fill('#tu-content', XSS_UTM);
    await page.click('#tu-save');
    await page.waitForSelector('#tu-result:not([hidden])');
    expect(await page.textContent('#tu-list')).toContain(XSS_UTM);
    await page.fill('#sr-name', XSS_SCRIPT_CAMPAIGN);
    await page.selectOption('#sr-dashboard-mode', 'new');
    await page.fill('#sr-dashboard-name', XSS_CAMPAIGN);
    await page.click('#sr-save');
    await page.waitForFunction(() => /Saved/.test(document.getElementById('sr-status')!.textContent ?? ''));
    expect(await page.$$eval('#sr-reports .name', (e) => e.map((x) => x.textContent))).toEqual([XSS_SCRIPT_CAMPAIGN]);
    expect(await page.$$eval('#sr-dashboards .name', (e) => e.map((x) => x.textContent))).toEqual([XSS_CAMPAIGN]);

    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.$$eval('img', (i) => i.length)).toBe(0);
    // One script: the sidebar's own (the local bridge is the other, before it).
    expect(await page.$$eval('script', (s) => s.length)).toBe(2);
    expect(errors).toEqual([]);

    // The report the refresh wrote: the asset's name is in the Assets table as text.
    expect(readReportCsv(outDir, 'assets').some((r) => r.includes(XSS_ASSET))).toBe(true);
    const report = await browser.newPage();
    const reportErrors: string[] = [];
    report.on('pageerror', (e) => reportErrors.push(e.message));
    await report.goto(pathToFileURL(join(outDir, 'report.html')).href);
    const text = await report.evaluate(() => document.body.textContent ?? '');
    for (const t of [XSS_CAMPAIGN, XSS_SCRIPT_CAMPAIGN, XSS_ASSET]) expect(text).toContain(t);
    expect(await report.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(await report.$$eval('img', (i) => i.length)).toBe(0);
    expect(reportErrors).toEqual([]);
    await report.close();
    await page.close();
  }, LONG);
});

interface Focused {
  id: string;
  tag: string;
  label: string;
  outline: string;
}

/** What has the focus: its id, its label's text (or its own for buttons) and its focus ring. */
function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const label = (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent) || el.textContent || '';
    const style = getComputedStyle(el);
    return { id: el.id, tag: el.tagName.toLowerCase(), label: label.trim(), outline: `${style.outlineStyle} ${style.outlineWidth}` };
  });
}

describe('keyboard only', () => {
  it('reaches, labels and operates every control with Tab, Enter, Space and arrows', async () => {
    const s = await serve(writeCsvWorkbook(fixtureTabs()));
    const { page, errors } = await newPage();
    await openSidebar(page, s.url);

    // The replace prompt only appears when a save would replace a report of the same name.
    const controls = await page.$$eval('input, select, button, summary, textarea', (els) =>
      els.filter((e) => !e.closest('#error, #sr-confirm')).map((e) => e.id));
    // Every control has an id, and every field has its <label for>.
    expect(controls.every(Boolean)).toBe(true);
    const unlabelled = await page.$$eval('input, select, textarea', (els) =>
      els.filter((e) => !document.querySelector(`label[for="${e.id}"]`)).map((e) => e.id));
    expect(unlabelled).toEqual([]);

    const done = new Set<string>();
    const once = async (id: string, f: () => Promise<void>) => {
      if (done.has(id)) return;
      done.add(id);
      await f();
    };
    const keys = page.keyboard;
    // What a keyboard user does on reaching each control, the first time only.
    const actions: Record<string, () => Promise<void>> = {
      // Typing "c" picks "Custom range" in the closed select, which reveals the two dates.
      preset: async () => {
        await keys.type('c');
        await page.waitForSelector('#from:not([hidden])', { state: 'visible' });
        expect(await page.inputValue('#preset')).toBe('custom');
      },
      // Chromium's date field takes digits in its locale's order (en-US: month, day, year).
      from: () => keys.type('03012026'),
      to: () => keys.type('03312026'),
      model: async () => {
        await keys.press('ArrowDown');
        expect(await page.inputValue('#model')).not.toBe('Linear');
      },
      'refresh-campaign': async () => {
        await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/refreshReports')), keys.press('Space')]);
        await page.waitForSelector('#refresh-result:not([hidden])');
      },
      'tu-url': () => keys.type('https://example.com/keyboard'),
      'tu-save': async () => {
        await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/saveTrackingUrl')), keys.press('Enter')]);
        await page.waitForSelector('#tu-result:not([hidden])');
      },
      'sr-name': () => keys.type('Keyboard report'),
      'sr-dashboard-mode': async () => {
        await keys.press('End');
        await page.waitForSelector('#sr-dashboard-name', { state: 'visible' });
      },
      'sr-dashboard-name': () => keys.type('Keys'),
      'sr-save': async () => {
        // Saved to a new dashboard, the form switches to "existing", revealing that select.
        await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/saveReport')), keys.press('Enter')]);
        await page.waitForSelector('#sr-dashboard-existing', { state: 'visible' });
      },
      // Unchecking "the same types" reveals deal create's and revenue's own type lists.
      'st-deal-same': async () => {
        await keys.press('Space');
        await page.waitForSelector('#st-deal-types', { state: 'visible' });
      },
      'st-revenue-same': async () => {
        await keys.press('Space');
        await page.waitForSelector('#st-revenue-types', { state: 'visible' });
      },
      'settings-summary': async () => {
        await keys.press('Enter');
        await page.waitForSelector('#st-half-life', { state: 'visible' });
      },
    };

    const visited: Focused[] = [];
    let lastVisits = 0;
    // Two rounds: the first operates the controls, the second reaches what they revealed.
    for (let i = 0; i < 300 && lastVisits < 2; i++) {
      await keys.press('Tab');
      const f = await focused(page);
      if (!f) continue;
      visited.push(f);
      if (actions[f.id]) await once(f.id, actions[f.id]);
      if (f.id === 'st-save') lastVisits++;
    }
    const reached = new Set(visited.map((v) => v.id));
    expect(controls.filter((id) => !reached.has(id))).toEqual([]);
    // Each control shows where the focus is.
    const noRing = visited.filter((v) => v.outline.startsWith('none') || / 0px$/.test(v.outline));
    expect(noRing).toEqual([]);
    expect(visited.every((v) => v.label.length > 0)).toBe(true);
    // The operations landed: a tracking URL and a saved report on a new dashboard.
    expect(await page.inputValue('#from')).toBe('2026-03-01');
    expect(await page.textContent('#refresh-summary')).toContain('2026-03-01 to 2026-03-31');
    expect(await page.inputValue('#tu-built')).toContain('https://example.com/keyboard?utm_campaign=');
    expect(await page.textContent('#sr-dashboards')).toContain('Keys');
    expect(await page.isVisible('#st-types')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, LONG);
});

describe('the demo workbook', () => {
  it('loads in the sidebar and refreshes a campaign', async () => {
    const outDir = tempDir('demo-out-');
    const s = await serve(undefined, outDir);
    const { page, errors } = await newPage();
    await openSidebar(page, s.url);
    expect(await page.isVisible('#error')).toBe(false);
    const campaigns = await page.$$eval('#campaign option', (os) => os.length);
    expect(campaigns).toBeGreaterThanOrEqual(8);
    const result = await refresh(page, 'campaign');
    expect(result.tabs).toContain('CS Overview');
    const name = await page.$eval('#campaign', (s) => (s as HTMLSelectElement).selectedOptions[0].textContent);
    expect(readReportCsv(outDir, 'overview')[0][0]).toBe(`Overview: ${name}`);
    expect(readFileSync(join(outDir, 'report.html'), 'utf8')).toContain('<svg');
    expect(errors).toEqual([]);
    await page.close();
  }, LONG);
});

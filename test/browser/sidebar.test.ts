/**
 * @fileoverview The real sidebar page in Chromium against the local server: campaigns listed,
 * every report choice reaching what a refresh writes, the tracking URL builder, saved reports and
 * dashboards, and settings that persist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { LocalSidebar } from '../../src/local/server';
import {
  SIGNAL_TIMEOUT, csvParameters, launchChromium, openSidebar, openSidebarSession, outputsVersion, outputsWritten, readReportCsv, refresh, removeTempDirs,
  shownSummary, type SidebarSession,
} from './helpers';

const LONG = 300_000;

// Each test has a server and workbook of its own, so none depends on what another left behind.
describe('the sidebar on a small workbook', () => {
  let session: SidebarSession;
  let browser: Browser;
  let sidebar: LocalSidebar;
  let page: Page;
  let outDir: string;

  beforeAll(async () => {
    browser = await launchChromium();
  }, LONG);

  beforeEach(async () => {
    session = await openSidebarSession('sidebar-out-', browser);
    ({ sidebar, page, outDir } = session);
  }, LONG);

  afterEach(async () => {
    const errors = session.pageErrors;
    await session.close();
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    removeTempDirs();
  });

  it('lists the campaigns by name with their ids as values, and models per report type', async () => {
    const options = await page.$$eval('#campaign option', (os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
    expect(options).toEqual([['C1', 'Spring launch'], ['C2', 'Webinar'], ['C3', 'Autumn teaser']]);
    expect(await page.isVisible('#error')).toBe(false);
    expect(await page.isVisible('#data-check')).toBe(false);
    const models = () => page.$$eval('#model option', (os) => os.map((o) => o.textContent));
    expect(await models()).toContain('Full path');
    await page.selectOption('#report-type', 'contact create');
    expect(await models()).not.toContain('W-shaped');
    expect(await models()).not.toContain('Full path');
    await page.selectOption('#report-type', 'revenue');
    expect(await page.inputValue('#model')).toBe('Linear');
  });

  it('every report choice changes what a refresh writes', async () => {
    // Defaults: Spring launch, first touch, all data.
    let result = await refresh(page, 'campaign');
    expect(result.tabs).toEqual(expect.arrayContaining(['CS Overview', 'CS Contacts & sessions', 'CS Data check']));
    let overview = readReportCsv(outDir, 'overview');
    expect(overview[0][0]).toBe('Overview: Spring launch');
    expect(csvParameters(overview)).toMatchObject({ Campaign: 'Spring launch', 'Date range': 'All data', 'Contact attribution': 'first touch' });
    const all = await shownSummary(page);
    expect(all).toMatchObject({ Campaign: 'Spring launch', Sessions: '3', 'New contacts (first touch)': '1', 'Linear credit (revenue)': '$6,333.33' });
    expect(await page.$$eval('#refresh-tabs li', (li) => li.map((x) => x.textContent))).toEqual(result.tabs);

    // Campaign.
    await page.selectOption('#campaign', 'C2');
    await refresh(page, 'campaign');
    overview = readReportCsv(outDir, 'overview');
    expect(overview[0][0]).toBe('Overview: Webinar');
    expect(csvParameters(overview).Campaign).toBe('Webinar');
    expect(await shownSummary(page)).toMatchObject({ Campaign: 'Webinar', Sessions: '2', 'New contacts (first touch)': '1' });

    // Contact attribution: P2's last touch is also the webinar.
    await page.selectOption('#contact-attribution', 'last touch');
    await refresh(page, 'campaign');
    expect(csvParameters(readReportCsv(outDir, 'overview'))['Contact attribution']).toBe('last touch');
    expect(await shownSummary(page)).toMatchObject({ 'New contacts (last touch)': '2' });
    await page.selectOption('#campaign', 'C1');
    await refresh(page, 'campaign');
    expect(await shownSummary(page)).toMatchObject({ Campaign: 'Spring launch', 'New contacts (last touch)': '0' });

    // Date range preset: the last 7 days hold only April's sessions.
    await page.selectOption('#preset', 'last 7 days');
    await refresh(page, 'campaign');
    expect(csvParameters(readReportCsv(outDir, 'overview'))['Date range']).toBe('Last 7 days');
    expect(await shownSummary(page)).toMatchObject({ 'Date range': 'Last 7 days', Sessions: '1' });

    // Custom range: the date inputs appear, a backwards range is refused before any call.
    expect(await page.isVisible('#from')).toBe(false);
    await page.selectOption('#preset', 'custom');
    expect(await page.isVisible('#from')).toBe(true);
    await page.fill('#from', '2026-03-31');
    await page.fill('#to', '2026-03-01');
    let calls = 0;
    const count = (r: { url(): string }) => void (r.url().includes('/api/refreshReports') && calls++);
    page.on('request', count);
    await page.click('#refresh-campaign');
    await page.waitForSelector('#range-error:not([hidden])');
    expect(await page.textContent('#range-error')).toMatch(/before the start/);
    expect(await page.getAttribute('#from', 'aria-invalid')).toBe('true');
    expect(calls).toBe(0);
    page.off('request', count);
    await page.fill('#from', '2026-03-01');
    await page.fill('#to', '2026-03-31');
    await refresh(page, 'campaign');
    expect(await page.isVisible('#range-error')).toBe(false);
    expect(csvParameters(readReportCsv(outDir, 'overview'))['Date range']).toBe('2026-03-01 to 2026-03-31');
    expect(await shownSummary(page)).toMatchObject({ 'Date range': '2026-03-01 to 2026-03-31', Sessions: '1' });
    await page.selectOption('#preset', 'all');

    // Report type: all reports, so the Attribution tab is written too.
    await page.selectOption('#report-type', 'contact create');
    result = await refresh(page, 'all');
    expect(result.tabs).toEqual(expect.arrayContaining(['CS Attribution', 'CS Model comparison', 'CS Removal effects']));
    let attribution = readReportCsv(outDir, 'attribution');
    expect(csvParameters(attribution)).toMatchObject({ 'Report type': 'contact create', Model: 'Linear', Campaign: 'Spring launch' });
    expect(await shownSummary(page)).toMatchObject({ 'Linear credit (contact create)': '0.50' });

    // Model.
    await page.selectOption('#report-type', 'revenue');
    await page.selectOption('#model', 'First interaction');
    await refresh(page, 'all');
    attribution = readReportCsv(outDir, 'attribution');
    expect(csvParameters(attribution)).toMatchObject({ 'Report type': 'revenue', Model: 'First interaction' });
    expect(await shownSummary(page)).toMatchObject({ 'First interaction credit (revenue)': '$10,000.00' });

    // Frequency: one trend row per month instead of per day.
    const dailyRows = readReportCsv(outDir, 'contacts-sessions').length;
    expect(csvParameters(readReportCsv(outDir, 'contacts-sessions')).Frequency).toBe('daily');
    await page.selectOption('#frequency', 'monthly');
    await refresh(page, 'campaign');
    const monthly = readReportCsv(outDir, 'contacts-sessions');
    expect(csvParameters(monthly).Frequency).toBe('monthly');
    expect(monthly.length).toBeLessThan(dailyRows);

    // The outputs of every kept tab exist.
    for (const f of ['overview--metrics.csv', 'attribution--campaign-credit.csv', 'campaign-sheets.xlsx', 'report.html']) expect(existsSync(join(outDir, f))).toBe(true);
  }, LONG);

  it('restores the last choices when the sidebar opens again', async () => {
    await page.selectOption('#campaign', 'C2');
    await page.selectOption('#contact-attribution', 'last touch');
    await page.selectOption('#report-type', 'revenue');
    await page.selectOption('#model', 'First interaction');
    await page.selectOption('#frequency', 'monthly');
    await refresh(page, 'campaign');
    const again = await browser.newPage({ viewport: { width: 320, height: 900 } });
    again.setDefaultTimeout(SIGNAL_TIMEOUT);
    await openSidebar(again, sidebar.url);
    expect(await again.inputValue('#campaign')).toBe('C2');
    expect(await again.inputValue('#contact-attribution')).toBe('last touch');
    expect(await again.inputValue('#report-type')).toBe('revenue');
    expect(await again.inputValue('#model')).toBe('First interaction');
    expect(await again.inputValue('#frequency')).toBe('monthly');
    await again.close();
  }, LONG);

  it('the tracking URL builder refuses a bad URL, shows server errors, and saves a good one', async () => {
    let calls = 0;
    page.on('request', (r) => void (r.url().includes('/api/saveTrackingUrl') && calls++));
    // Only the categories a tag can produce are offered; choosing one fills source and medium.
    const categories = await page.$$eval('#tu-category option', (os) => os.map((o) => o.textContent));
    expect(categories).toEqual(expect.arrayContaining(['Paid search', 'Email marketing']));
    expect(categories).not.toContain('Direct traffic');
    await page.selectOption('#tu-category', 'Paid search');
    expect(await page.inputValue('#tu-source')).toBe('google');
    expect(await page.inputValue('#tu-medium')).toBe('cpc');

    await page.fill('#tu-url', 'example.com/spring');
    await page.click('#tu-save');
    await page.waitForSelector('#tu-url-error:not([hidden])');
    expect(await page.textContent('#tu-url-error')).toMatch(/http/);
    expect(await page.getAttribute('#tu-url', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tu-url');
    await page.fill('#tu-source', '');
    await page.click('#tu-save');
    await page.waitForSelector('#tu-source-error:not([hidden])');
    expect(calls).toBe(0);

    // The server's own check: these values make a different category than the one chosen.
    await page.fill('#tu-url', 'https://example.com/spring');
    await page.fill('#tu-source', 'newsletter');
    await page.fill('#tu-medium', 'email');
    await page.click('#tu-save');
    await page.waitForSelector('#tu-error:not([hidden])');
    expect(await page.textContent('#tu-error')).toMatch(/count this link as Email marketing/);
    expect(calls).toBe(1);

    await page.selectOption('#tu-campaign', 'C1');
    await page.selectOption('#tu-category', 'Email marketing');
    await page.fill('#tu-term', 'spring sale');
    const before = await outputsVersion(page);
    await page.click('#tu-save');
    await page.waitForSelector('#tu-result:not([hidden])');
    await outputsWritten(page, before);
    expect(await page.isVisible('#tu-error')).toBe(false);
    const built = await page.inputValue('#tu-built');
    expect(built).toMatch(/^https:\/\/example\.com\/spring\?utm_campaign=[^&]+&utm_source=newsletter&utm_medium=email&utm_term=spring%20sale$/);
    expect(await page.getAttribute('#tu-built', 'readonly')).not.toBeNull();
    expect(await page.textContent('#tu-built-category')).toBe('Email marketing');
    expect(await page.$$eval('#tu-list .url', (e) => e.map((x) => x.textContent))).toEqual([built]);
    const saved = readReportCsv(outDir, 'tracking-urls');
    expect(saved[0][0]).toBe('Tracking URLs');
    expect(saved.some((r) => r[0] === built && r[6] === 'Email marketing')).toBe(true);
    expect(readFileSync(join(outDir, 'report.html'), 'utf8')).toContain('CS Tracking URLs');

    // The copy button leaves the URL in the clipboard (or says how to copy it).
    await page.click('#tu-copy');
    await page.waitForFunction(() => /cop/i.test(document.getElementById('tu-status')!.textContent ?? ''));
  }, LONG);

  it('saves reports to a new and an existing dashboard, asks before replacing one, then opens, moves, renames and deletes them', async () => {
    // A name is required.
    await page.selectOption('#sr-report', 'overview');
    await page.click('#sr-save');
    await page.waitForSelector('#sr-name-error:not([hidden])');

    await page.fill('#sr-name', 'Spring overview');
    await page.selectOption('#sr-dashboard-mode', 'new');
    expect(await page.isVisible('#sr-dashboard-name')).toBe(true);
    expect(await page.isVisible('#sr-dashboard-existing')).toBe(false);
    await page.fill('#sr-dashboard-name', 'Weekly');
    await page.selectOption('#sr-dashboard-visibility', 'owner');
    let before = await outputsVersion(page);
    await page.click('#sr-save');
    await page.waitForFunction(() => /Saved/.test(document.getElementById('sr-status')!.textContent ?? ''));
    expect(await page.textContent('#sr-status')).toContain('CS Dashboard: Weekly');
    expect(await page.$$eval('#sr-dashboards .name', (e) => e.map((x) => x.textContent))).toEqual(['Weekly']);
    // The new dashboard is now the one offered.
    expect(await page.inputValue('#sr-dashboard-mode')).toBe('existing');
    expect(await page.inputValue('#sr-dashboard-existing')).toBe('Weekly');
    expect(sidebar.local.protections.get('CS Dashboard: Weekly')).toBe(true);

    await outputsWritten(page, before);

    await page.selectOption('#sr-report', 'attribution');
    await page.fill('#sr-name', 'Spring credit');
    before = await outputsVersion(page);
    await page.click('#sr-save');
    await page.waitForFunction(() => /Spring credit/.test(document.getElementById('sr-status')!.textContent ?? ''));
    await outputsWritten(page, before);
    expect(await page.$$eval('#sr-reports .name', (e) => e.map((x) => x.textContent))).toEqual(['Spring credit', 'Spring overview']);
    expect(await page.textContent('#sr-dashboards')).toContain('2 reports: Spring overview, Spring credit');

    const dashboard = readReportCsv(outDir, 'dashboard-weekly');
    expect(dashboard[0][0]).toBe('Dashboard: Weekly');
    // The tables' titles are listed in the dashboard's parameters file.
    const titles = dashboard.flat();
    expect(titles.some((t) => t.startsWith('Spring overview:'))).toBe(true);
    expect(titles.some((t) => t.startsWith('Spring credit:'))).toBe(true);
    expect(readFileSync(join(outDir, 'report.html'), 'utf8')).toContain('CS Dashboard: Weekly');

    // A second new dashboard with a taken name is the server's error, shown by the form.
    await page.selectOption('#sr-dashboard-mode', 'new');
    await page.fill('#sr-name', 'Again');
    await page.fill('#sr-dashboard-name', 'Weekly');
    await page.click('#sr-save');
    await page.waitForSelector('#sr-error:not([hidden])');
    expect(await page.textContent('#sr-error')).toMatch(/exists already/);

    const status = (re: RegExp) => page.waitForFunction((src) => new RegExp(src).test(document.getElementById('sr-status')!.textContent ?? ''), re.source);
    // Saving under a taken name asks; keeping the old one changes nothing.
    await page.selectOption('#sr-dashboard-mode', 'none');
    await page.fill('#sr-name', 'Spring credit');
    await page.click('#sr-save');
    await page.waitForSelector('#sr-confirm:not([hidden])');
    expect(await page.textContent('#sr-confirm-text')).toMatch(/exists already/);
    await page.click('#sr-keep');
    expect(await page.isVisible('#sr-confirm')).toBe(false);
    await page.fill('#sr-name', 'Spring credit');
    await page.click('#sr-save');
    await page.click('#sr-replace');
    await status(/Replaced/);
    // Replacing keeps the report on its dashboard.
    expect(await page.textContent('#sr-dashboards')).toContain('2 reports: Spring overview, Spring credit');

    // Open re-runs the report into its tab.
    await page.click('button[aria-label="Open Spring overview"]');
    await status(/Opened/);
    expect(await page.textContent('#sr-status')).toContain('CS Overview');

    // Off the dashboard, and renamed.
    await page.selectOption('select[aria-label="Dashboard of Spring overview"]', '');
    await status(/on no dashboard/);
    expect(await page.textContent('#sr-dashboards')).toContain('1 report: Spring credit');
    await page.click('button[aria-label="Rename Spring credit"]');
    await page.fill('input[aria-label="New name for Spring credit"]', 'Credit (spring)');
    await page.click('button[aria-label="New name for Spring credit: save"]');
    await status(/Renamed/);
    expect(await page.$$eval('#sr-reports .name', (e) => e.map((x) => x.textContent))).toEqual(['Credit (spring)', 'Spring overview']);
    expect(await page.textContent('#sr-dashboards')).toContain('1 report: Credit (spring)');

    // The dashboard renamed, then deleted; its report stays saved.
    await page.click('button[aria-label="Rename the dashboard Weekly"]');
    await page.fill('input[aria-label="New name for the dashboard Weekly"]', 'Monday');
    await page.click('button[aria-label="New name for the dashboard Weekly: save"]');
    await status(/Renamed the dashboard/);
    expect(sidebar.local.tabs().some((t) => t.name === 'CS Dashboard: Weekly')).toBe(false);
    expect(sidebar.local.tabs().some((t) => t.name === 'CS Dashboard: Monday')).toBe(true);
    await page.click('button[aria-label="Delete the dashboard Monday"]');
    await page.click('button[aria-label="Delete the dashboard “Monday” and its tab? Yes"]');
    await status(/Deleted the dashboard/);
    expect(await page.textContent('#sr-dashboards')).toContain('No dashboards yet.');

    // A report deleted.
    await page.click('button[aria-label="Delete Spring overview"]');
    await page.click('button[aria-label="Delete “Spring overview”? Yes"]');
    await status(/Deleted “Spring overview”/);
    expect(await page.$$eval('#sr-reports .name', (e) => e.map((x) => x.textContent))).toEqual(['Credit (spring)']);
  }, LONG);

  it('saves settings, which the next opening shows', async () => {
    await page.click('#settings-summary');
    const boxes = await page.$$eval('#st-types input', (bs) => bs.map((b) => [(b as HTMLInputElement).value, (b as HTMLInputElement).checked]));
    expect(boxes.length).toBeGreaterThan(5);
    // Every checkbox has its label.
    expect(await page.$$eval('#st-types input', (bs) => bs.every((b) => !!document.querySelector(`label[for="${b.id}"]`)))).toBe(true);

    await page.fill('#st-half-life', '0');
    await page.click('#st-save');
    await page.waitForSelector('#st-half-life-error:not([hidden])');

    await page.fill('#st-half-life', '3');
    await page.fill('#st-lookback', '30');
    await page.uncheck('#st-types input[value="call"]');
    await page.click('#st-save');
    await page.waitForFunction(() => /saved/i.test(document.getElementById('st-status')!.textContent ?? ''));
    const props = JSON.parse(readFileSync(join(outDir, 'properties.json'), 'utf8')) as Record<string, string>;
    const stored = JSON.parse(props['cs.settings']) as { halfLifeDays: number; lookbackDays: number; eligibleTypes: string[] };
    expect(stored).toMatchObject({ halfLifeDays: 3, lookbackDays: 30 });
    expect(stored.eligibleTypes).not.toContain('call');

    const again = await browser.newPage();
    again.setDefaultTimeout(SIGNAL_TIMEOUT);
    await openSidebar(again, sidebar.url);
    expect(await again.inputValue('#st-half-life')).toBe('3');
    expect(await again.inputValue('#st-lookback')).toBe('30');
    expect(await again.isChecked('#st-types input[value="call"]')).toBe(false);
    await again.close();
  }, LONG);
});

/**
 * @fileoverview The sidebar while it works: every action button disabled while one action runs,
 * a second click changing nothing (the running action keeps its progress in view), the outputs
 * folder shown as a link to the files, a note when a report type forces another model, and
 * money that stays on one line.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { openSidebarSession, outputsVersion, outputsWritten, refresh, type SidebarSession } from './helpers';

const LONG = 300_000;
const ACTION_BUTTONS = ['#refresh-campaign', '#refresh-all', '#tu-save', '#sr-save', '#st-save'];

describe('the sidebar while it works', () => {
  let session: SidebarSession;
  let page: Page;
  let outDir: string;

  beforeAll(async () => {
    session = await openSidebarSession('actions-out-');
    ({ page, outDir } = session);
  }, LONG);

  afterEach(() => {
    expect(session.pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('disables every action button while one runs; another click neither starts a call nor hides its progress', async () => {
    // Hold the refresh at the network, so its running state can be looked at for as long as needed.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let calls = 0;
    await page.route('**/api/refreshReports', async (route: Route) => {
      calls++;
      await held;
      await route.continue();
    });
    await page.click('#refresh-campaign');
    await page.waitForFunction(() => document.getElementById('app')!.dataset.action === 'running');
    for (const b of ACTION_BUTTONS) expect(await page.getAttribute(b, 'aria-disabled'), b).toBe('true');
    const progress = await page.textContent('#refresh-status');
    expect(progress).toMatch(/^Refreshing reports for Spring launch/);
    expect(await page.isVisible('#refresh-bar')).toBe(true);
    // A click on the other refresh button (forced: it looks disabled) changes nothing.
    await page.click('#refresh-all', { force: true });
    await page.click('#tu-save', { force: true });
    expect(calls).toBe(1);
    expect(await page.textContent('#refresh-status')).toMatch(/^Refreshing reports for Spring launch/);
    expect(await page.isVisible('#refresh-bar')).toBe(true);
    const before = await outputsVersion(page);
    release();
    await page.waitForFunction(() => /^Done/.test(document.getElementById('refresh-status')!.textContent ?? ''));
    await page.unroute('**/api/refreshReports');
    for (const b of ACTION_BUTTONS) expect(await page.getAttribute(b, 'aria-disabled'), b).toBeNull();
    expect(calls).toBe(1);
    await outputsWritten(page, before);
  }, LONG);

  it('shows where the outputs are, as a link to them', async () => {
    expect(await page.isVisible('#outputs')).toBe(true);
    expect(await page.textContent('#outputs-link')).toBe(outDir);
    expect(await page.getAttribute('#outputs-link', 'href')).toBe('/outputs/');
    expect(await page.textContent('#outputs-status')).toMatch(/^Up to date/);
    const [listing] = await Promise.all([page.context().waitForEvent('page'), page.click('#outputs-link')]);
    await listing.waitForLoadState();
    expect(await listing.textContent('body')).toContain(outDir);
    const [report] = await Promise.all([listing.waitForEvent('load'), listing.click('a[href="/outputs/report.html"]')]);
    expect(await report.title()).toBe('Campaign Sheets report');
    await listing.close();
  }, LONG);

  it('says so when a report type forces another model', async () => {
    await page.selectOption('#report-type', 'revenue');
    await page.selectOption('#model', 'Full path');
    expect(await page.isVisible('#model-note')).toBe(false);
    await page.selectOption('#report-type', 'contact create');
    expect(await page.inputValue('#model')).toBe('Linear');
    expect(await page.isVisible('#model-note')).toBe(true);
    expect(await page.textContent('#model-note')).toBe('Full path does not serve contact create reports: switched to Linear.');
    // A type that serves the model says nothing; choosing a model clears the note.
    await page.selectOption('#report-type', 'revenue');
    expect(await page.isVisible('#model-note')).toBe(false);
    await page.selectOption('#model', 'W-shaped');
    await page.selectOption('#report-type', 'contact create');
    expect(await page.isVisible('#model-note')).toBe(true);
    await page.selectOption('#model', 'Shapley');
    expect(await page.isVisible('#model-note')).toBe(false);
    await page.selectOption('#report-type', 'revenue');
  });

  it('keeps money on one line in the summary', async () => {
    await page.selectOption('#model', 'First interaction');
    await refresh(page, 'campaign');
    const values = await page.$$eval('#refresh-summary dd', (dds) =>
      dds.map((d) => {
        const range = document.createRange();
        range.selectNodeContents(d);
        return { text: d.textContent, lines: new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size, nowrap: getComputedStyle(d).whiteSpace };
      }));
    // Amounts (a count may open its list of contacts, which takes lines of its own).
    const amounts = values.filter((v) => /^-?\$[\d,.]+$/.test(v.text ?? ''));
    expect(amounts.length).toBeGreaterThan(0);
    for (const v of amounts) {
      expect(v.lines, v.text!).toBe(1);
      expect(v.nowrap).toBe('nowrap');
    }
  }, LONG);
});

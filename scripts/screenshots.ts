/**
 * @fileoverview `npm run screenshots`: the README's pictures, made from the demo workbook: the HTML
 * report's tabs at 1280 px (a laptop) and 390 px (a phone), and the real sidebar served locally
 * after a refresh, once its outputs are written. Each waits on the page's own signal of being
 * ready, never on a fixed delay.
 */
import { chromium, type Page } from 'playwright-core';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDemoWorkbook } from '../src/demo/generate';
import { runLocalReport } from '../src/files/run-report';
import { startLocalSidebar } from '../src/local/server';

const IMAGES = 'docs/images';
const OUT = 'out/screenshots';
/** The demo's data ends on this day: the pictures do not change from one day to the next. */
const NOW = Date.UTC(2026, 9, 1, 12);
const TIMEOUT = 180_000;

/** Which tabs at which width; the phone pictures show the whole first screen. */
const REPORT_SHOTS: { tab: string; width: number; model?: string }[] = [
  { tab: 'attribution', width: 1280 },
  { tab: 'model-comparison', width: 1280 },
  { tab: 'contacts-sessions', width: 1280 },
  { tab: 'attribution', width: 390, model: 'Shapley' },
];

async function shootReport(page: Page, file: string, shot: (typeof REPORT_SHOTS)[number]): Promise<void> {
  await page.setViewportSize({ width: shot.width, height: shot.width < 600 ? 844 : 900 });
  await page.goto(file);
  await page.waitForFunction(() => document.documentElement.getAttribute('data-ready') === 'true');
  await page.click(`[role="tab"][aria-controls="${shot.tab}"]`);
  if (shot.model) await page.selectOption('#model-select', shot.model);
  // From the top of the page: the header and the tab strip are part of what a reader sees. No
  // focus ring on the clicked control: a picture is not a keyboard session.
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const name = `report-${shot.tab}-${shot.width}.png`;
  await page.screenshot({ path: join(IMAGES, name) });
  process.stderr.write(`Wrote ${IMAGES}/${name}\n`);
}

async function main(): Promise<void> {
  await mkdir(IMAGES, { recursive: true });
  await rm(OUT, { recursive: true, force: true });
  // Pictures of an older layout would stay behind under names nothing refers to.
  for (const f of await readdir(IMAGES)) if (/^report-.*\.png$/.test(f)) await rm(join(IMAGES, f));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const raw = generateDemoWorkbook({ end: new Date(Date.UTC(2026, 9, 1)) });
    await runLocalReport({ raw, outDir: join(OUT, 'report'), now: NOW, query: { campaign: 'CMP-001', preset: 'all' } });
    const report = await browser.newPage();
    report.setDefaultTimeout(TIMEOUT);
    const file = pathToFileURL(join(OUT, 'report', 'report.html')).href;
    for (const shot of REPORT_SHOTS) await shootReport(report, file, shot);

    const sidebar = await startLocalSidebar({ outDir: join(OUT, 'sidebar'), port: 0, quiet: true, now: () => NOW });
    try {
      const page = await browser.newPage({ viewport: { width: 420, height: 1100 } });
      page.setDefaultTimeout(TIMEOUT);
      await page.goto(sidebar.url);
      await page.waitForFunction(() => document.getElementById('app')?.getAttribute('aria-busy') === 'false');
      await page.selectOption('#model', 'Shapley');
      await page.click('#refresh-campaign');
      await page.waitForFunction(() => /^Done/.test(document.getElementById('refresh-status')?.textContent ?? ''));
      await page.waitForFunction(() => document.getElementById('outputs-status')?.dataset.state === 'written' && Number(document.getElementById('outputs-status')?.dataset.version) > 0);
      await page.screenshot({ path: join(IMAGES, 'sidebar.png'), fullPage: true });
      process.stderr.write(`Wrote ${IMAGES}/sidebar.png\n`);
    } finally {
      await sidebar.close();
    }
  } finally {
    await browser.close();
  }
}

await main();

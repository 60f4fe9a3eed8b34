/**
 * @fileoverview `npm run screenshots`: the README's pictures, made from the demo workbook: the real
 * sidebar served locally after a refresh, and the HTML report's tabs with their charts.
 */
import { chromium } from 'playwright-core';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDemoWorkbook } from '../src/demo/generate';
import { runLocalReport } from '../src/files/run-report';
import { startLocalSidebar } from '../src/local/server';

const IMAGES = 'docs/images';
const OUT = 'out/screenshots';
/** The demo's data ends on this day: the pictures do not change from one day to the next. */
const NOW = Date.UTC(2026, 9, 1, 12);

async function main(): Promise<void> {
  await mkdir(IMAGES, { recursive: true });
  await rm(OUT, { recursive: true, force: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const raw = generateDemoWorkbook({ end: new Date(Date.UTC(2026, 9, 1)) });
    await runLocalReport({ raw, outDir: join(OUT, 'report'), now: NOW, query: { campaign: 'CMP-001', preset: 'all', frequency: 'monthly' } });
    const report = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const file = pathToFileURL(join(OUT, 'report', 'report.html')).href;
    for (const [tab, name] of [['overview', 'report-overview'], ['contacts-sessions', 'report-contacts-sessions'], ['attribution', 'report-attribution'], ['model-comparison', 'report-model-comparison']]) {
      await report.goto(`${file}#${tab}`);
      await report.waitForTimeout(200);
      await report.screenshot({ path: join(IMAGES, `${name}.png`) });
      process.stderr.write(`Wrote ${IMAGES}/${name}.png\n`);
    }

    const sidebar = await startLocalSidebar({ outDir: join(OUT, 'sidebar'), port: 0, quiet: true, now: () => NOW });
    try {
      const page = await browser.newPage({ viewport: { width: 420, height: 1100 } });
      await page.goto(sidebar.url);
      await page.waitForFunction(() => document.getElementById('app')?.getAttribute('aria-busy') === 'false');
      await page.selectOption('#model', 'Shapley');
      await page.click('#refresh-campaign');
      await page.waitForFunction(() => /^Done/.test(document.getElementById('refresh-status')?.textContent ?? ''), undefined, { timeout: 120_000 });
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

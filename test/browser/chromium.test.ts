/**
 * @fileoverview The browser the other browser tests need. Without it their beforeAll fails and
 * vitest counts their tests as skipped; this test makes the missing browser a failed test too,
 * so a CI summary of passed/failed tests cannot read green.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium } from './helpers';

describe('Chromium for the browser tests', () => {
  it('is installed and starts', async () => {
    expect(existsSync(CHROMIUM), `Chromium is not installed at ${CHROMIUM}: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`).toBe(true);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent('<p id="x">ok</p>');
      expect(await page.textContent('#x')).toBe('ok');
    } finally {
      await browser.close();
    }
  }, 60_000);
});

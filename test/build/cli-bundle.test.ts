/**
 * @fileoverview The bins' bundle (bin/bundle.mjs): a build is named by its sources, so an edit
 * makes a new one; the command line runs from it, printing what the sources run through tsx print
 * and no warning from a bundled package; the local sidebar runs from it, serving dist/Sidebar.html
 * and writing its outputs in the bundled output worker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_DIR, ENTRIES, bundleFolder, bundleKey } from '../../bin/bundle.mjs';
import { build } from '../../build.mjs';
import { removeTempDirs, tempDir, writeCsvWorkbook, fixtureTabs } from '../browser/helpers';

const root = join(__dirname, '..', '..');

function run(bin: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(root, 'bin', bin), ...args], { encoding: 'utf8', env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

afterAll(() => removeTempDirs());

describe('the bins bundle', () => {
  it('is named by its sources: an edited, added or touched file makes a new build', () => {
    const dir = tempDir('bundle-key-');
    mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
    writeFileSync(join(dir, 'src', 'cli', 'main.ts'), 'export const a = 1;\n');
    writeFileSync(join(dir, 'package.json'), '{}');
    writeFileSync(join(dir, 'package-lock.json'), '{}');
    const first = bundleKey(dir);
    expect(bundleKey(dir)).toBe(first);
    writeFileSync(join(dir, 'src', 'cli', 'main.ts'), 'export const a = 12;\n');
    const edited = bundleKey(dir);
    expect(edited).not.toBe(first);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'package-lock.json'), later, later);
    const touched = bundleKey(dir);
    expect(touched).not.toBe(edited);
    writeFileSync(join(dir, 'src', 'new.ts'), '');
    expect(bundleKey(dir)).not.toBe(touched);
  });

  it('runs the command line, printing what the sources run through tsx print', async () => {
    const args = ['eval', 'TRACKING_URL("https://example.com/a", "spring", "Paid search", "google", "cpc")'];
    const [bundled, sources] = await Promise.all([run('campaign-sheets.mjs', args), run('campaign-sheets.mjs', args, { CAMPAIGN_SHEETS_TSX: '1' })]);
    expect(bundled.code).toBe(0);
    expect(bundled.stdout).toContain('utm_campaign=spring');
    expect(bundled).toEqual(sources);
    const dir = await bundleFolder();
    expect(dir).toBe(join(BUNDLE_DIR, bundleKey()));
    for (const name of Object.keys(ENTRIES)) expect(existsSync(join(dir!, `${name}.mjs`))).toBe(true);
  }, 120_000);

  it('writes every output with no warning from a bundled package', async () => {
    const out = tempDir('bundle-report-');
    const r = await run('campaign-sheets.mjs', ['report', '--workbook', join(root, 'test', 'fixtures', 'tiny'), '--out', out]);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'campaign-sheets.xlsx'))).toBe(true);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<svg');
    expect(r.stderr).not.toMatch(/Warning/);
  }, 120_000);

  it('runs the local sidebar: the page from dist/, outputs written by the bundled worker', async () => {
    await build();
    const workbook = writeCsvWorkbook(fixtureTabs());
    const out = tempDir('bundle-sidebar-');
    const child = spawn(process.execPath, [join(root, 'bin', 'local-sidebar.mjs'), '--workbook', workbook, '--out', out, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((done, fail) => {
        let text = '';
        child.stdout.on('data', (d) => {
          text += String(d);
          const m = /sidebar: (http:\S+)/.exec(text);
          if (m) done(m[1]);
        });
        child.on('exit', (code) => fail(new Error(`The local sidebar stopped (exit code ${code}).`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      // The built page, before the bridge the server adds in place of google.script.run.
      const built = readFileSync(join(root, 'dist', 'Sidebar.html'), 'utf8');
      expect((await page.text()).startsWith(built.slice(0, built.indexOf('</main>')))).toBe(true);
      const query = { campaign: '', contactAttribution: 'first touch', preset: 'all', reportType: 'revenue', model: 'Linear', frequency: 'auto' };
      const answer = await fetch(`${url}api/refreshReports`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ args: [{ scope: 'all', query }] }),
      });
      expect(((await answer.json()) as { ok: boolean }).ok).toBe(true);
      let status = { version: 0, written: -1, state: '' };
      for (let i = 0; i < 600 && status.written !== status.version; i++) {
        await new Promise((done) => setTimeout(done, 200));
        status = (await (await fetch(`${url}outputs/status`)).json()) as typeof status;
        expect(status.state).not.toBe('failed');
      }
      expect(status.written).toBe(status.version);
      expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<svg');
    } finally {
      child.kill('SIGTERM');
    }
  }, 240_000);
});

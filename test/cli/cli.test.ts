/**
 * @fileoverview The command line as a user runs it: report and eval on the hand-solved workbook,
 * and a broken workbook's exit status and message.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TINY_DIR, tinyExpected } from '../helpers/workbooks';

const run = promisify(execFile);
const BIN = join(__dirname, '..', '..', 'bin', 'campaign-sheets.mjs');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('campaign-sheets', () => {
  it('report writes every tab as CSV, one xlsx and report.html', async () => {
    const out = await mkdtemp(join(tmpdir(), 'cs-report-'));
    const r = await cli(['report', '--workbook', TINY_DIR, '--out', out, '--campaign', 'Webinar', '--model', 'u-shaped', '--timezone', 'Europe/Paris']);
    expect(r.code, r.stderr).toBe(0);
    const files = await readdir(out);
    expect(files).toEqual(expect.arrayContaining(['overview.csv', 'revenue.csv', 'revenue-attribution.csv', 'contacts-sessions.csv', 'contacts.csv', 'assets.csv', 'traffic.csv', 'attribution.csv', 'model-comparison.csv', 'removal-effects.csv', 'data-check.csv', 'campaign-sheets.xlsx', 'report.html']));
    const attribution = await readFile(join(out, 'attribution.csv'), 'utf8');
    // Webinar under U-shaped: I4 earns 5% of D1's 10,000 (test/engine/campaign-attribution.test.ts).
    expect(attribution).toMatch(/^"Attribution: Webinar, U-shaped"/);
    expect(attribution).toContain('marketing email,Webinar invitation,A2,0,0.0666666667,500');
    const comparison = await readFile(join(out, 'model-comparison.csv'), 'utf8');
    expect(comparison).toContain('Spring launch,0,0,5000,5000,');
    expect(await readFile(join(out, 'overview.csv'), 'utf8')).toMatch(/^Overview: Webinar/);
    expect(r.stderr).toContain('Reading');
    // The contacts behind the counts, in the CSV and the HTML report (tiny README: Webinar influenced P1 via I4, P2 via I5).
    const contacts = await readFile(join(out, 'contacts.csv'), 'utf8');
    expect(contacts).toContain('P1,2026-03-08 13:00,I4,email click,Webinar invitation');
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Contacts: Webinar');
    expect(html).toContain('Influenced contacts: 2');
  }, 60_000);

  it('eval prints a formula result as CSV', async () => {
    const r = await cli(['eval', '--workbook', TINY_DIR, 'MODEL_COMPARISON("deal create")']);
    expect(r.code, r.stderr).toBe(0);
    const expected = tinyExpected('model-comparison-deal-create.csv');
    const lines = r.stdout.trim().split('\n').map((l) => l.split(','));
    expect(lines[0]).toEqual(expected[0]);
    expect(lines.map((l) => l[0])).toEqual(expected.map((l) => l[0]));
    expect(Number(lines[1][3])).toBeCloseTo(Number(expected[1][3]), 6);
  }, 60_000);

  it('exits non-zero naming the missing column and the headers found', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs-broken-'));
    await cp(TINY_DIR, dir, { recursive: true });
    const deals = (await readFile(join(dir, 'Deals.csv'), 'utf8')).replace('Stage,', 'Phase,');
    await writeFile(join(dir, 'Deals.csv'), deals);
    const r = await cli(['report', '--workbook', dir, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Tab "Deals" has no column "Stage"');
    expect(r.stderr).toContain('Headers found: "Deal ID", "Name", "Contact IDs", "Created at", "Phase", "Closed at", "Amount"');
  }, 60_000);

  it('reports skipped rows with tab, row and column, uses the rest, and exits 3 (0 with --allow-skipped)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs-badrow-'));
    await cp(TINY_DIR, dir, { recursive: true });
    const contacts = (await readFile(join(dir, 'Contacts.csv'), 'utf8')) + 'P3,not a date,,x@example.com\n';
    await writeFile(join(dir, 'Contacts.csv'), contacts);
    const r = await cli(['report', '--workbook', dir, '--out', join(dir, 'out')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Error: Contacts, row 4, column "Created at": "not a date": expected a date');
    expect(await readFile(join(dir, 'out', 'model-comparison.csv'), 'utf8')).toContain('Spring launch,0,0,5000,');
    expect((await cli(['report', '--workbook', dir, '--out', join(dir, 'out2'), '--allow-skipped'])).code).toBe(0);
  }, 60_000);

  it('rejects an unknown model with what is accepted', async () => {
    const r = await cli(['eval', '--workbook', TINY_DIR, 'CAMPAIGN_ATTRIBUTION("C1", "revenue", "gut feeling")']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown attribution model "gut feeling": use one of First interaction, Last interaction, Linear');
  }, 60_000);
});

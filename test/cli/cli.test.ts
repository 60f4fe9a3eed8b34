/**
 * @fileoverview The command line as a user runs it: report and eval on the hand-solved workbook,
 * and a broken workbook's exit status and message.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { TINY_DIR, tinyExpected } from '../helpers/workbooks';
import { cli } from '../helpers/cli';
import { parseCsvText } from '../../src/files/read-csv';
import ExcelJS from 'exceljs';

describe('campaign-sheets', () => {
  it('report writes every tab as CSV, one xlsx and report.html', async () => {
    const out = await mkdtemp(join(tmpdir(), 'cs-report-'));
    const r = await cli(['report', '--workbook', TINY_DIR, '--out', out, '--campaign', 'Webinar', '--model', 'u-shaped', '--timezone', 'Europe/Paris']);
    expect(r.code, r.stderr).toBe(0);
    const files = await readdir(out);
    expect(files).toEqual(expect.arrayContaining(['overview--parameters.csv', 'overview--metrics.csv', 'revenue--by-month.csv',
      'revenue-attribution--drill-down.csv', 'contacts-sessions--series.csv', 'contacts--influenced-contacts.csv', 'assets--by-type.csv',
      'traffic--by-source.csv', 'attribution--campaign-credit.csv', 'attribution--by-asset.csv', 'model-comparison--comparison-revenue.csv',
      'removal-effects--players.csv', 'data-check--findings.csv', 'campaign-sheets.xlsx', 'report.html']));
    // One table per file: a header row, then rows of the same width.
    const comparison = await readFile(join(out, 'model-comparison--comparison-revenue.csv'), 'utf8');
    expect(comparison.split('\n')[0]).toMatch(/^"Campaign","First interaction","Last interaction","Linear","U-shaped",/);
    const rows = parseCsvText(comparison) as string[][];
    expect(rows.every((row) => row.length === rows[0].length)).toBe(true);
    // Numbers at full precision: U-shaped's 40/40/20 weights give 4999.999999999999, not a rounded 5000.
    expect(rows[1][0]).toBe('Spring launch');
    expect(rows[1].slice(1, 4)).toEqual(['0', '0', '5000']);
    expect(Number(rows[1][4])).toBeCloseTo(5000, 9);
    // Webinar under U-shaped: I4 earns 5% of D1's 10,000 (test/engine/campaign-attribution.test.ts).
    const byAsset = parseCsvText(await readFile(join(out, 'attribution--by-asset.csv'), 'utf8')) as string[][];
    expect(byAsset[1].slice(0, 3)).toEqual(['marketing email', 'Webinar invitation', 'A2']);
    expect(Number(byAsset[1][5])).toBeCloseTo(500, 9);
    expect(await readFile(join(out, 'attribution--parameters.csv'), 'utf8')).toContain('"Report","Attribution: Webinar, U-shaped"');
    expect(await readFile(join(out, 'overview--parameters.csv'), 'utf8')).toContain('"Report","Overview: Webinar"');
    // The contacts behind the counts, in the CSV and the HTML report (tiny README: Webinar influenced P1 via I4, P2 via I5).
    expect(await readFile(join(out, 'contacts--influenced-contacts.csv'), 'utf8')).toContain('"P1","2026-03-08 13:00","I4","email click","Webinar invitation"');
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Contacts: Webinar');
    expect(html).toContain('Influenced contacts: 2');
    expect(r.stderr).toContain('Reading');
    // Read back: numbers are number cells with a number format, never numeric text; every report
    // tab has a frozen pane and a filter.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'campaign-sheets.xlsx'));
    const reportSheets = wb.worksheets.filter((w) => w.name.startsWith('CS '));
    expect(reportSheets).toHaveLength(11);
    for (const ws of reportSheets) {
      expect(ws.views[0]?.state, ws.name).toBe('frozen');
      if (ws.name !== 'CS Data check') expect(ws.autoFilter, ws.name).toBeTruthy();
      ws.eachRow((row) => row.eachCell((c) => {
        expect(typeof c.value === 'string' && /^-?\d+(\.\d+)?$/.test(c.value), `${ws.name}!${c.address} "${String(c.value)}"`).toBe(false);
        if (typeof c.value === 'number') expect(c.numFmt, `${ws.name}!${c.address}`).toMatch(/0/);
      }));
    }
    // Contacts & sessions has one table: its header row is the frozen one, and filtered.
    const ra = wb.getWorksheet('CS Contacts & sessions')!;
    const headerRow = ra.views[0] && 'ySplit' in ra.views[0] ? ra.views[0].ySplit! : 0;
    expect(ra.getRow(headerRow).getCell(1).font?.bold).toBe(true);
    expect(ra.autoFilter).toMatch(new RegExp(`^A${headerRow}:`));
    // Each phase with its time.
    expect(r.stdout).toMatch(/Timings: read files \d+ ms, parse \d+ ms, compute [\d.]+ m?s, write CSV \(\d+ files\) [\d.]+ m?s, write xlsx [\d.]+ m?s, write HTML [\d.]+ m?s; total/);
  }, 60_000);

  it('eval prints a formula result as CSV', async () => {
    const r = await cli(['eval', '--workbook', TINY_DIR, 'MODEL_COMPARISON("deal create")']);
    expect(r.code, r.stderr).toBe(0);
    const expected = tinyExpected('model-comparison-deal-create.csv');
    const lines = parseCsvText(r.stdout) as string[][];
    expect(lines[0]).toEqual(expected[0]);
    expect(lines.map((l) => l[0])).toEqual(expected.map((l) => l[0]));
    expect(Number(lines[1][3])).toBeCloseTo(Number(expected[1][3]), 6);
  }, 60_000);

  it('exits non-zero naming the missing column and the headers found', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs-broken-'));
    await cp(TINY_DIR, dir, { recursive: true });
    const deals = (await readFile(join(dir, 'Deals.csv'), 'utf8')).replace('Stage,', 'Phase,');
    await writeFile(join(dir, 'Deals.csv'), deals);
    const r = await cli(['report', '--workbook', dir, '--out', join(dir, '..', `${basename(dir)}-out`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Tab "Deals" has no column "Stage"');
    expect(r.stderr).toContain('Headers found: "Deal ID", "Name", "Contact IDs", "Created at", "Phase", "Closed at", "Amount"');
  }, 60_000);

  it('reports skipped rows with tab, row and column, uses the rest, and exits 3 (0 with --allow-skipped)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs-badrow-'));
    await cp(TINY_DIR, dir, { recursive: true });
    const contacts = (await readFile(join(dir, 'Contacts.csv'), 'utf8')) + 'P3,not a date,,x@example.com\n';
    await writeFile(join(dir, 'Contacts.csv'), contacts);
    const r = await cli(['report', '--workbook', dir, '--out', `${dir}-out`]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Error: Contacts, row 4, column "Created at": "not a date": expected a date');
    expect(await readFile(join(`${dir}-out`, 'model-comparison--comparison-revenue.csv'), 'utf8')).toContain('"Spring launch",0,0,5000,');
    expect((await cli(['report', '--workbook', dir, '--out', `${dir}-out2`, '--allow-skipped'])).code).toBe(0);
  }, 60_000);

  it('takes eligible interaction types per report type, and names an unknown one', async () => {
    const tiny = ['eval', '--workbook', TINY_DIR];
    const table = async (formula: string, ...flags: string[]) => {
      const r = await cli([...tiny, ...flags, formula]);
      expect(r.code, r.stderr).toBe(0);
      return parseCsvText(r.stdout) as string[][];
    };
    const pageViewsOnly = '--revenue-eligible=page view';
    const [revenue, revenuePageViews, deals, dealsPageViews] = await Promise.all([
      table('MODEL_COMPARISON("revenue")'), table('MODEL_COMPARISON("revenue")', pageViewsOnly),
      table('MODEL_COMPARISON("deal create")'), table('MODEL_COMPARISON("deal create")', pageViewsOnly),
    ]);
    // D1's path with page views alone is I1 (no campaign: untagged) and I2 (Spring launch, tagged):
    // last interaction gives Spring launch all $10,000, and the Webinar's email and form earn nothing.
    const lastInteraction = (t: string[][], campaign: string) => t.find((r) => r[0] === campaign)![t[0].indexOf('Last interaction')];
    expect(lastInteraction(revenue, 'Spring launch')).toBe('0');
    expect(lastInteraction(revenuePageViews, 'Spring launch')).toBe('10000');
    expect(revenuePageViews.find((r) => r[0] === 'Webinar')!.slice(1).every((v) => v === '0')).toBe(true);
    // Deal create keeps the default types.
    expect(dealsPageViews).toEqual(deals);
    const bad = await cli([...tiny, '--deal-create-eligible', 'page view;tweet', 'MODEL_COMPARISON("revenue")']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown interaction type "tweet" among deal create eligible types');
  }, 60_000);

  it('rejects an unknown model with what is accepted', async () => {
    const r = await cli(['eval', '--workbook', TINY_DIR, 'CAMPAIGN_ATTRIBUTION("C1", "revenue", "gut feeling")']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown attribution model "gut feeling": use one of First interaction, Last interaction, Linear');
  }, 60_000);
});

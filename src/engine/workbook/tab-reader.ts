/**
 * @fileoverview Finds a source tab and its columns by the contract's matching rules, and reads its
 * cells into the data check's terms: a bad required cell skips the row, a bad optional cell is
 * reported and read as blank.
 */
import { UnreadableCell, type RawCell, type RawTable, type RawWorkbook } from './raw';
import { WorkbookError, type Finding } from './data-check';
import { cellText, isBlank, isProblem, normalizeName, type CellProblem } from './cells';
import { columnLetter } from '../report-tab/layout';

export interface ColumnSpec {
  key: string;
  header: string;
  required?: boolean;
  aliases?: string[];
}

export interface TabSpec {
  tab: string;
  required: boolean;
  columns: ColumnSpec[];
}

export interface LocatedTab {
  /** The tab's name as the user spelled it. */
  name: string;
  table: RawTable;
  headerIndex: number;
  /** Column index per column key; -1 when the column is absent. */
  columns: Record<string, number>;
  /** Header text per column key, as the user spelled it. */
  headers: Record<string, string>;
}

/** Finds a tab by normalized name; null for an absent optional tab. */
export function locateTab(workbook: RawWorkbook, spec: TabSpec): LocatedTab | null {
  const wanted = normalizeName(spec.tab);
  const matches = Object.keys(workbook).filter((n) => normalizeName(n) === wanted);
  if (matches.length > 1) {
    // `Deals` and `-Deals` (a backup) both match: reading either could count the wrong data.
    throw new WorkbookError(
      `Tabs ${matches.map((n) => `"${n}"`).join(' and ')} both match the tab "${spec.tab}" (names compare without case, spaces, _ - and .). ` +
        'Rename or remove all but one.',
    );
  }
  const name = matches[0];
  if (name === undefined) {
    if (!spec.required) return null;
    const found = Object.keys(workbook);
    throw new WorkbookError(
      `Missing tab "${spec.tab}". Tabs found: ${found.length ? found.map((n) => `"${n}"`).join(', ') : 'none'}. ` +
        `Add a tab named "${spec.tab}" with the headers ${spec.columns.filter((c) => c.required).map((c) => `"${c.header}"`).join(', ')}.`,
    );
  }
  const table = workbook[name] ?? [];
  const headerIndex = table.findIndex((row) => row.some((c) => !isBlank(c)));
  const headerRow = headerIndex >= 0 ? table[headerIndex] : [];
  const byName = new Map<string, number>();
  const repeated = new Map<string, number[]>();
  headerRow.forEach((h, i) => {
    const key = normalizeName(h);
    if (!key) return;
    if (!byName.has(key)) byName.set(key, i);
    else repeated.set(key, [...(repeated.get(key) ?? [byName.get(key)!]), i]);
  });
  // A header the contract reads, given twice: which column holds the data is anybody's guess.
  for (const col of spec.columns) {
    for (const n of [col.header, ...(col.aliases ?? [])]) {
      const twice = repeated.get(normalizeName(n));
      if (!twice) continue;
      throw new WorkbookError(
        `Tab "${name}" has ${twice.length} columns headed "${col.header}": ` +
          twice.map((i) => `column ${columnLetter(i)} ("${cellText(headerRow[i]).trim()}")`).join(' and ') +
          (headerIndex >= 0 ? `, header row ${headerIndex + 1}` : '') + '. Rename or remove all but one.',
      );
    }
  }
  const columns: Record<string, number> = {};
  const headers: Record<string, string> = {};
  const missing: string[] = [];
  for (const col of spec.columns) {
    const names = [col.header, ...(col.aliases ?? [])].map(normalizeName);
    const idx = names.map((n) => byName.get(n)).find((i) => i !== undefined);
    columns[col.key] = idx ?? -1;
    headers[col.key] = idx !== undefined ? cellText(headerRow[idx]).trim() : col.header;
    if (idx === undefined && col.required) missing.push(col.header);
  }
  if (missing.length) {
    const found = headerRow.filter((h) => !isBlank(h)).map((h) => `"${cellText(h).trim()}"`);
    throw new WorkbookError(
      `Tab "${name}" has no column ${missing.map((m) => `"${m}"`).join(', ')}` +
        (headerIndex >= 0 ? ` (header row ${headerIndex + 1})` : '') +
        `. Headers found: ${found.length ? found.join(', ') : 'none (the tab is empty)'}.`,
    );
  }
  return { name, table, headerIndex, columns, headers };
}

/**
 * Reads one row's cells, collecting findings. `failed` turns true when a required cell was bad, and
 * the caller then skips the row.
 */
export class RowCursor {
  failed = false;
  row: RawCell[] = [];
  rowNumber = 0;
  constructor(
    private readonly tab: LocatedTab,
    private readonly findings: Finding[],
  ) {}

  /** The unreadable cell last reported in this row: a line that spans every column is reported once. */
  private reportedUnreadable: RawCell = null;

  at(index: number): this {
    this.row = this.tab.table[index];
    this.rowNumber = index + 1;
    this.failed = false;
    this.reportedUnreadable = null;
    return this;
  }

  has(key: string): boolean {
    const i = this.tab.columns[key];
    return i >= 0 && !isBlank(this.row[i]);
  }

  raw(key: string): RawCell {
    const i = this.tab.columns[key];
    return i >= 0 ? (this.row[i] ?? '') : '';
  }

  /** A required cell: blank or unreadable skips the row. */
  required<T>(key: string, read: (c: RawCell) => T | CellProblem, expected: string): T | undefined {
    const cell = this.raw(key);
    if (isBlank(cell)) {
      this.report(key, cell, `required: ${expected}; the row is skipped`);
      this.failed = true;
      return undefined;
    }
    const v = read(cell);
    if (isProblem(v)) {
      if (!(cell instanceof UnreadableCell && cell === this.reportedUnreadable)) this.report(key, cell, `expected ${v.problem}; the row is skipped`);
      if (cell instanceof UnreadableCell) this.reportedUnreadable = cell;
      this.failed = true;
      return undefined;
    }
    return v;
  }

  /** An optional cell: blank is null; unreadable is reported and read as blank. */
  optional<T>(key: string, read: (c: RawCell) => T | CellProblem): T | null {
    const cell = this.raw(key);
    if (isBlank(cell)) return null;
    const v = read(cell);
    if (isProblem(v)) {
      if (!(cell instanceof UnreadableCell && cell === this.reportedUnreadable)) this.report(key, cell, `expected ${v.problem}; the cell is ignored`);
      return null;
    }
    return v;
  }

  report(key: string | null, cell: RawCell, message: string, severity: Finding['severity'] = 'error'): void {
    this.findings.push({
      severity,
      tab: this.tab.name,
      row: this.rowNumber,
      column: key === null ? null : this.tab.headers[key],
      value: cellText(cell),
      message,
    });
  }
}

/** Data row indexes of a tab: after the header, skipping empty rows. */
export function dataRowIndexes(tab: LocatedTab): number[] {
  const out: number[] = [];
  const t = tab.table;
  for (let i = tab.headerIndex + 1; i < t.length; i++) {
    const row = t[i];
    if (row && row.some((c) => !isBlank(c))) out.push(i);
  }
  return out;
}

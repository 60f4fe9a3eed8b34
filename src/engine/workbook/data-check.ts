/**
 * @fileoverview What reading the workbook found wrong: skipped rows, unreadable cells and
 * warnings, each naming the tab, the row as the user sees it and the column.
 */

export type FindingSeverity = 'error' | 'warning';

export interface Finding {
  /** `error`: the row or cell was skipped. `warning`: used, but worth a look. */
  severity: FindingSeverity;
  tab: string;
  /** Sheet row number as the user sees it (1 = the first row of the tab). */
  row: number | null;
  column: string | null;
  /** The offending value as text ('' when blank). */
  value: string;
  /** What was expected, or what was done about it. */
  message: string;
}

export interface DataCheck {
  findings: Finding[];
  /** Data rows read per source tab (header and empty rows excluded). */
  rowsRead: Record<string, number>;
  /** Rows used per source tab. */
  rowsUsed: Record<string, number>;
}

/** Thrown for a missing required tab or column: the run stops with this one message. */
export class WorkbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookError';
  }
}

export function formatFinding(f: Finding): string {
  const where = [f.tab, f.row != null ? `row ${f.row}` : null, f.column ? `column "${f.column}"` : null]
    .filter(Boolean)
    .join(', ');
  const value = f.value === '' ? 'blank' : `"${f.value}"`;
  return `${f.severity === 'error' ? 'Error' : 'Warning'}: ${where}: ${value}: ${f.message}`;
}

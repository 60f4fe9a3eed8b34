/**
 * @fileoverview The Data check tab: rows read and used per source tab, then every finding with
 * its tab, row and column, so a user can go straight to the cell.
 */
import { reportTabName } from './report-names';
import type { ReportData } from './report-data';
import type { ReportTab } from '../report-tab/report-tab';
import { dateTimeText } from '../time/zone';

export function dataCheckTab(a: ReportData): ReportTab {
  const check = a.check;
  const errors = check.findings.filter((f) => f.severity === 'error').length;
  const warnings = check.findings.length - errors;
  return {
    name: reportTabName('data-check'),
    key: 'data-check',
    title: 'Data check',
    parameters: [
      ['Errors', String(errors)],
      ['Warnings', String(warnings)],
      ['Time zone', a.zone.name],
      ['Data as of', dateTimeText(a.now, a.zone)],
    ],
    blocks: [
      {
        id: 'tabs',
        title: 'Source tabs',
        header: ['Tab', 'Rows read', 'Rows used', 'Rows skipped'],
        formats: ['text', 'integer', 'integer', 'integer'],
        rows: Object.keys(check.rowsRead).map((t) => [t, check.rowsRead[t], check.rowsUsed[t], check.rowsRead[t] - check.rowsUsed[t]]),
      },
      {
        id: 'findings',
        title: errors + warnings === 0 ? 'No problems found' : 'Findings',
        note: 'Error: the row or cell was skipped; everything else was used. Warning: used as described.',
        header: ['Severity', 'Tab', 'Row', 'Column', 'Value', 'What was expected or done'],
        formats: ['text', 'text', 'integer', 'text', 'text', 'text'],
        rows: check.findings.map((f) => [f.severity, f.tab, f.row, f.column, f.value, f.message]),
      },
    ],
    charts: [],
  };
}

/**
 * @fileoverview Workbook files for the command line: reading the user's workbook (.xlsx or a
 * folder of CSV files) and writing a run's CSV and .xlsx outputs. One import for `main.ts`.
 */
export { readWorkbookPath, parseCsvText, dateToSerial } from './read-workbook';
export { writeReportOutputs, type WriteOptions, type WrittenOutputs } from './write-outputs';

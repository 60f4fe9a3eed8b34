/**
 * @fileoverview The onEdit simple trigger: it only records that a source tab changed, in a few
 * calls whatever the workbook's size, so formulas answering from the stored refresh stop taking it
 * for current. It cannot make formulas recompute (a script's own writes fire nothing, and Sheets
 * recomputes a custom function only when its arguments change); the next full refresh does, for
 * formulas given the version cell.
 *
 * In AuthMode.NONE an add-on may use neither Properties nor the file, so the edit goes unrecorded
 * and the trigger returns at once; the store's fingerprint still sees rows added or removed. No
 * lock: the trigger writes one property, a new value each time, which nothing reads and rewrites.
 */
import { DATA_VERSION, isSourceTabName } from './formula-store-sheet';

export interface EditEventLike {
  authMode?: unknown;
  range?: GoogleAppsScript.Spreadsheet.Range;
}

export function recordSourceEdit(e: EditEventLike | undefined): void {
  if (!e?.range || String(e.authMode) === 'NONE') return;
  if (!isSourceTabName(e.range.getSheet().getName())) return;
  PropertiesService.getDocumentProperties().setProperty(DATA_VERSION, Utilities.getUuid());
}

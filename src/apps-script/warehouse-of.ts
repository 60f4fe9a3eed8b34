/**
 * @fileoverview The document's warehouse setting as the Apps Script side needs it (which store is
 * current, where formulas answer from), read straight from the document properties.
 */
import { loadSettings } from '../server/settings-store';
import { warehouseName } from '../server/warehouse-setting';

/** The warehouse setting as `project.dataset`, or null when refreshes read the source tabs. */
export function warehouseOf(properties: GoogleAppsScript.Properties.Properties): string | null {
  // loadSettings reads one key; the other PropertyPort methods are never called.
  const w = loadSettings({ get: (k) => properties.getProperty(k), set: () => undefined, delete: () => undefined, keys: () => [] }).warehouse;
  return w ? warehouseName(w) : null;
}

/**
 * @fileoverview The other ports on Apps Script services: document properties, the document lock,
 * progress as toasts, BigQuery where the warehouse flavour enabled it, and the context that bundles
 * them for the server actions.
 */
import type { LockPort, PropertyPort, ServerContext, WarehousePort } from '../server/ports';
import { spreadsheetWorkbook } from './spreadsheet-workbook';

/** How long a second refresh waits for the first before saying it is busy. */
export const LOCK_WAIT_MS = 20_000;

export function documentProperties(p: GoogleAppsScript.Properties.Properties = PropertiesService.getDocumentProperties()): PropertyPort {
  return {
    get: (k) => p.getProperty(k),
    set: (k, v) => void p.setProperty(k, v),
    delete: (k) => void p.deleteProperty(k),
    keys: () => p.getKeys(),
  };
}

export function documentLock(): LockPort {
  return {
    withLock(f) {
      // Null outside a containing document (Class LockService): an add-on always has one.
      const lock: GoogleAppsScript.Lock.Lock | null = LockService.getDocumentLock();
      if (!lock) throw new Error('Campaign Sheets runs inside a spreadsheet: open it from the spreadsheet\'s Extensions menu.');
      if (!lock.tryLock(LOCK_WAIT_MS)) {
        throw new Error('Another refresh of this spreadsheet is running. Try again when it has finished.');
      }
      try {
        const result = f();
        // Pending writes land before another execution may take the lock.
        SpreadsheetApp.flush();
        return result;
      } finally {
        lock.releaseLock();
      }
    },
  };
}

/** Set by the warehouse flavour's entry (main-warehouse.ts) only: the default build has no BigQuery. */
let warehouse: WarehousePort | undefined;

export function enableWarehouse(port: WarehousePort): void {
  warehouse = port;
}

export function appsScriptContext(): ServerContext {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const props = PropertiesService.getDocumentProperties();
  return {
    workbook: spreadsheetWorkbook(ss, props),
    warehouse,
    properties: documentProperties(props),
    lock: documentLock(),
    progress: (message) => ss.toast(message, 'Campaign Sheets', 5),
    now: () => Date.now(),
  };
}

/**
 * @fileoverview The formulas as Sheets custom functions. Each call is its own execution (30 s, read
 * only). A workbook small enough is read whole and answered live; a larger one is answered from the
 * formula store its last refresh wrote, unless the sources changed since: then the cell says so.
 * With the warehouse setting, always from the store of the last refresh on that warehouse.
 * Date arguments are read back in the spreadsheet's zone (see `fromScriptZone`).
 */
import { analyse } from '../engine/analysis';
import { formulaByName, runFormula, type FormulaResult } from '../engine/formulas/formulas';
import type { FormulaArg } from '../engine/formulas/arguments';
import { answerFromStore } from '../engine/formula-store/store-data';
import { liveData } from '../engine/formulas/live-data';
import { settingsKey } from '../engine/formula-store/store';
import { currencyOfLocale } from '../engine/report-tab/number-formats';
import { timeZone, wallClockOfLocal, type TimeZone } from '../engine/time/zone';
import { documentProperties } from './services';
import { engineSettings } from '../server/settings-store';
import { currentStore, LIVE_CELL_LIMIT, readStamp, sourceShape, sourceTabs, storeSheetReader, warehouseFingerprint } from './formula-store-sheet';
import { warehouseOf } from './warehouse-of';
import type { RawTable, RawWorkbook } from '../engine/workbook/raw';

/**
 * "Times and dates in Sheets become Date objects in Apps Script. If the spreadsheet and the script
 * use different time zones ... the custom function will need to compensate" (Custom Functions
 * guide). The script's zone is the manifest's, the same for every user, so it rarely matches the
 * spreadsheet's: a date cell arrives as its wall-clock time in the script's zone, and is turned
 * back into that wall-clock time in the spreadsheet's zone. Ranges are compensated cell by cell.
 */
export function fromScriptZone(arg: FormulaArg, script: TimeZone, sheet: TimeZone): FormulaArg {
  if (Array.isArray(arg)) return arg.map((row) => row.map((cell) => fromScriptZone(cell, script, sheet)));
  if (!(arg instanceof Date)) return arg;
  const t = arg.getTime();
  return new Date(sheet.instantOf(wallClockOfLocal(t + script.offsetAt(t))));
}

/** Sheets shows a thrown Error's message in the cell's tooltip, after #ERROR!. */
export function callFormula(name: string, given: FormulaArg[]): FormulaResult {
  if (!formulaByName(name).needsWorkbook) return runFormula(null, name, given);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const props = PropertiesService.getDocumentProperties();
  const zone = ss.getSpreadsheetTimeZone() || 'UTC';
  const args = given.some((a) => a instanceof Date || Array.isArray(a))
    ? given.map((a) => fromScriptZone(a, timeZone(Session.getScriptTimeZone()), timeZone(zone)))
    : given;
  const settings = engineSettings(documentProperties(props), { timeZone: zone, currency: currencyOfLocale(ss.getSpreadsheetLocale()) });
  const warehouse = warehouseOf(props);
  if (warehouse) return spillable(answerFromWarehouseStore(ss, props, warehouse, settingsKey(settings), name, args));
  // The tabs are listed once, for their size and (on a small workbook) their cells.
  const tabs = sourceTabs(ss);
  const shape = sourceShape(props, tabs);
  let result: FormulaResult;
  if (shape.cells <= LIVE_CELL_LIMIT) {
    const raw: RawWorkbook = Object.fromEntries(tabs.map((t) => [t.name, t.sheet.getDataRange().getValues() as RawTable]));
    const a = analyse(raw, settings);
    result = runFormula(liveData(a), name, args);
  } else {
    const store = currentStore(ss, props, shape);
    if (!store || store.meta.settingsKey !== settingsKey(settings)) {
      throw new Error(`The source tabs (${shape.cells.toLocaleString('en-US')} cells) changed since the last full refresh, and are too large to read within a formula's 30 seconds. Use Extensions > Campaign Sheets > Refresh all reports; formulas given CS_VERSION as their last argument then update.`);
    }
    result = answerFromStore(store, name, args);
  }
  return spillable(result);
}

/** A spilled table must be rectangular and hold no nulls. */
const spillable = (result: FormulaResult): FormulaResult => (Array.isArray(result) ? result.map((row) => row.map((c) => (c === null ? '' : c))) : result);

/**
 * With the warehouse setting, the store of the last refresh from that warehouse: a custom function
 * may not call BigQuery (it runs without the user's authorization), and the source tabs are not
 * the data.
 */
function answerFromWarehouseStore(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: GoogleAppsScript.Properties.Properties, warehouse: string,
  key: string, name: string, args: FormulaArg[]): FormulaResult {
  const stamp = readStamp(props);
  const store = stamp && stamp.fingerprint === warehouseFingerprint(warehouse) ? storeSheetReader(ss, stamp) : null;
  if (!store || store.meta.settingsKey !== key) {
    throw new Error(`Formulas answer from the last Refresh all reports on BigQuery ${warehouse}, and there is none for these settings yet: use Extensions > Campaign Sheets > Refresh all reports.`);
  }
  return answerFromStore(store, name, args);
}

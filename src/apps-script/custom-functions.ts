/**
 * @fileoverview The formulas as Sheets custom functions. Each call is its own execution (30 s, read
 * only). A workbook small enough is read whole and answered live; a larger one is answered from the
 * formula store its last refresh wrote, unless the sources changed since: then the cell says so.
 */
import { analyse } from '../engine/analysis';
import { formulaByName, runFormula, type FormulaResult } from '../engine/formulas/formulas';
import type { FormulaArg } from '../engine/formulas/arguments';
import { answerFromStore } from '../engine/formula-store/store-data';
import { liveData } from '../engine/formulas/live-data';
import { settingsKey } from '../engine/formula-store/store';
import { currencyOfLocale } from '../engine/report-tab/number-formats';
import { spreadsheetWorkbook } from './spreadsheet-workbook';
import { documentProperties } from './services';
import { engineSettings } from '../server/settings-store';
import { currentStore, LIVE_CELL_LIMIT, sourceShape } from './formula-store-sheet';

/** Sheets shows a thrown Error's message in the cell's tooltip, after #ERROR!. */
export function callFormula(name: string, args: FormulaArg[]): FormulaResult {
  if (!formulaByName(name).needsWorkbook) return runFormula(null, name, args);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const props = PropertiesService.getDocumentProperties();
  const settings = engineSettings(documentProperties(props), { timeZone: ss.getSpreadsheetTimeZone() || 'UTC', currency: currencyOfLocale(ss.getSpreadsheetLocale()) });
  const shape = sourceShape(ss, props);
  let result: FormulaResult;
  if (shape.cells <= LIVE_CELL_LIMIT) {
    const a = analyse(spreadsheetWorkbook(ss, props).readSources(), settings);
    result = runFormula(liveData(a), name, args);
  } else {
    const store = currentStore(ss, props, shape);
    if (!store || store.meta.settingsKey !== settingsKey(settings)) {
      throw new Error(`The source tabs (${shape.cells.toLocaleString('en-US')} cells) changed since the last full refresh, and are too large to read within a formula's 30 seconds. Use Extensions > Campaign Sheets > Refresh all reports; this formula then updates.`);
    }
    result = answerFromStore(store, name, args);
  }
  // A spilled table must be rectangular and hold no nulls.
  return Array.isArray(result) ? result.map((row) => row.map((c) => (c === null ? '' : c))) : result;
}

/**
 * @fileoverview The formulas as Sheets custom functions. Each call is its own execution: it reads
 * the source tabs (one batch call each), answers, and turns any error into a readable message.
 */
import { analyse } from '../engine/analysis';
import { runFormula, type FormulaResult } from '../engine/formulas/formulas';
import type { FormulaArg } from '../engine/formulas/arguments';
import { currencyOfLocale } from './sheet-cells';
import { spreadsheetWorkbook } from './spreadsheet-workbook';
import { documentProperties } from './services';
import { loadSettings } from '../server/settings-store';
import type { EngineSettings } from '../engine/settings';

/** Sheets shows a thrown Error's message in the cell's tooltip, after #ERROR!. */
export function callFormula(name: string, args: FormulaArg[]): FormulaResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const needsWorkbook = name !== 'TRACKING_URL' && name !== 'TRAFFIC_SOURCE';
  if (!needsWorkbook) return runFormula(null, name, args);
  const props = PropertiesService.getDocumentProperties();
  const settings = loadSettings(documentProperties(props));
  const raw = spreadsheetWorkbook(ss, props).readSources();
  const a = analyse(raw, {
    timeZone: ss.getSpreadsheetTimeZone() || 'UTC',
    currency: currencyOfLocale(ss.getSpreadsheetLocale()),
    eligibleTypes: settings.eligibleTypes as EngineSettings['eligibleTypes'],
    halfLifeDays: settings.halfLifeDays,
    lookbackDays: settings.lookbackDays,
  });
  const result = runFormula(a, name, args);
  // A spilled table must be rectangular and hold no nulls.
  return Array.isArray(result) ? result.map((row) => row.map((c) => (c === null ? '' : c))) : result;
}

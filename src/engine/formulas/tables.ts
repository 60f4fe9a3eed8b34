/**
 * @fileoverview The attribution tables shared by formulas and report tabs (ATTRIBUTION_TABLE and the
 * Attribution tab, MODEL_COMPARISON and the Model comparison tab, REMOVAL_EFFECTS and the Removal
 * effects tab), built from FormulaData so the live analysis and the store give the same table.
 */
import { modelsFor, type AttributionModel, type ReportType } from '../attribution/catalog';
import { NO_CAMPAIGN, playerNames } from '../attribution/players';
import type { CellFormat, ReportCell } from '../report-tab/report-tab';
import type { DateRange } from '../time/range';
import type { FormulaData } from './formula-data';

export interface Table {
  header: string[];
  rows: ReportCell[][];
  formats: CellFormat[];
}

export const creditFormat = (type: ReportType): CellFormat => (type === 'revenue' ? 'currency' : 'decimal');
export const creditLabel = (type: ReportType) => (type === 'revenue' ? 'Attributed revenue' : type === 'deal create' ? 'Attributed deals' : 'Attributed contacts');
const valueLabel = (type: ReportType) => (type === 'revenue' ? 'Associated deal value' : type === 'deal create' ? 'Deals touched' : 'Contacts touched');

/** Header and formats of an attribution table: revenue adds the associated deal value. */
export function attributionColumns(type: ReportType): { header: string[]; formats: CellFormat[] } {
  return type === 'revenue'
    ? { header: ['Campaign', creditLabel(type), 'Deals touched', valueLabel(type)], formats: ['text', 'currency', 'integer', 'currency'] }
    : { header: ['Campaign', creditLabel(type), valueLabel(type)], formats: ['text', 'decimal', 'integer'] };
}

/** Rows: each campaign in Campaigns-tab order, then (no campaign), then (no interactions). */
export function attributionTable(data: FormulaData, type: ReportType, model: AttributionModel, range: DateRange): Table {
  const credit = data.credit(type, model, range);
  const touched = data.touched(type, range);
  return {
    ...attributionColumns(type),
    rows: playerNames(data.campaigns).map((name, p) => (type === 'revenue'
      ? [name, credit[p], touched.conversions[p], touched.value[p]]
      : [name, credit[p], touched.conversions[p]])),
  };
}

/** `Campaign`, then one column per model serving the type; cells are credit. */
export function modelComparisonTable(data: FormulaData, type: ReportType, range: DateRange): Table {
  const models = modelsFor(type);
  const credits = models.map((m) => data.credit(type, m, range));
  return {
    header: ['Campaign', ...models],
    formats: ['text', ...models.map(() => creditFormat(type))],
    rows: playerNames(data.campaigns).map((name, p) => [name, ...credits.map((c) => c[p])]),
  };
}

/** Per player (campaigns, then "(no campaign)"): the Markov removal effect and conversions credited. */
export function removalEffectsTable(data: FormulaData, type: ReportType, range: DateRange): Table {
  const effects = data.removalEffects(type);
  const credited = data.markovConversions(type, range);
  return {
    header: ['Player', 'Removal effect', 'Conversions credited'],
    formats: ['text', 'percent', 'decimal'],
    rows: [...data.campaigns.map((c) => c.name), NO_CAMPAIGN].map((name, p) => [name, effects[p] ?? 0, credited[p]]),
  };
}

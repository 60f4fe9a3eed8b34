/**
 * @fileoverview The report types and attribution models by name, which models serve which report
 * type, and the forgiving spelling rules of formula arguments.
 */
import { normalizeName } from '../workbook/cells';

export const REPORT_TYPES = ['contact create', 'deal create', 'revenue'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const RULE_BASED_MODELS = [
  'First interaction', 'Last interaction', 'Linear', 'U-shaped', 'W-shaped', 'Full path', 'Time decay',
  'J-shaped', 'Inverse J',
] as const;
export const DATA_DRIVEN_MODELS = ['Markov', 'Shapley'] as const;
export const MODELS = [...RULE_BASED_MODELS, ...DATA_DRIVEN_MODELS] as const;
export type AttributionModel = (typeof MODELS)[number];

/** HubSpot's default model. */
export const DEFAULT_MODEL: AttributionModel = 'Linear';

export function modelServes(model: AttributionModel, type: ReportType): boolean {
  if (model === 'W-shaped') return type !== 'contact create';
  if (model === 'Full path') return type === 'revenue';
  return true;
}

/** The models of a report type, in the semantics' table order, data-driven last. */
export const modelsFor = (type: ReportType): AttributionModel[] => MODELS.filter((m) => modelServes(m, type));

const MODEL_ALIASES = new Map<string, AttributionModel>([
  ...MODELS.map((m) => [normalizeName(m), m] as [string, AttributionModel]),
  ['first', 'First interaction'], ['firsttouch', 'First interaction'], ['last', 'Last interaction'],
  ['lasttouch', 'Last interaction'], ['ushape', 'U-shaped'], ['wshape', 'W-shaped'], ['jshape', 'J-shaped'],
  ['inversej', 'Inverse J'], ['inversejshaped', 'Inverse J'], ['decay', 'Time decay'], ['fullpathshaped', 'Full path'],
  ['zshaped', 'Full path'], ['positionbased', 'U-shaped'], ['markovchain', 'Markov'],
]);

export function parseModel(input: unknown): AttributionModel {
  if (input === undefined || input === null || input === '') return DEFAULT_MODEL;
  const m = MODEL_ALIASES.get(normalizeName(input));
  if (!m) throw new Error(`Unknown attribution model "${String(input)}": use one of ${MODELS.join(', ')}.`);
  return m;
}

export function parseReportType(input: unknown): ReportType {
  if (input === undefined || input === null || input === '') return 'revenue';
  const key = normalizeName(input);
  const t = REPORT_TYPES.find((r) => normalizeName(r) === key)
    ?? (key === 'contacts' || key === 'contact' || key === 'contactcreation' ? 'contact create'
      : key === 'deals' || key === 'deal' || key === 'dealcreation' ? 'deal create' : undefined);
  if (!t) throw new Error(`Unknown report type "${String(input)}": use contact create, deal create or revenue.`);
  return t;
}

export function assertModelServes(model: AttributionModel, type: ReportType): void {
  if (!modelServes(model, type)) {
    throw new Error(`The ${model} model does not serve ${type} reports: it needs ${
      model === 'Full path' ? 'a closed-won deal (revenue reports only)' : 'a deal (deal create and revenue reports only)'}. Models for ${type}: ${modelsFor(type).join(', ')}.`);
  }
}

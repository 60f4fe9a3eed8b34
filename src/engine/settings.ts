/**
 * @fileoverview Settings a user keeps per workbook: which interactions earn attribution credit, the
 * time-decay half-life, the optional lookback window, the time zone and currency.
 */
import { INTERACTION_TYPES, type InteractionType } from './workbook/types';
import { normalizeName } from './workbook/cells';
import { INTERACTION_TYPE_NAMES } from './workbook/schema';

/**
 * HubSpot: opens, static lists and workflows influence contacts but earn no attribution credit;
 * sends, deliveries, bounces, views and impressions only measure assets.
 */
export const NOT_ELIGIBLE_BY_DEFAULT: ReadonlySet<InteractionType> = new Set<InteractionType>([
  'email open', 'list membership', 'workflow enrollment',
  'email send', 'email delivery', 'email bounce', 'cta view', 'form view', 'ad impression',
]);
export const DEFAULT_ELIGIBLE_TYPES: InteractionType[] = INTERACTION_TYPES.filter((t) => !NOT_ELIGIBLE_BY_DEFAULT.has(t));

export interface EngineSettings {
  timeZone: string;
  currency: string;
  /** The document-wide set: contact create attribution, new contacts and every type without its own set. */
  eligibleTypes: InteractionType[];
  /** Deal create attribution's own set (HubSpot sets them per report); null: the document-wide set. */
  dealCreateEligibleTypes: InteractionType[] | null;
  /** Revenue attribution's own set; null: the document-wide set. */
  revenueEligibleTypes: InteractionType[] | null;
  /** Time decay: weight halves every this many days. */
  halfLifeDays: number;
  /** Only interactions this many days before a conversion count; null: no limit (HubSpot). */
  lookbackDays: number | null;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  timeZone: 'UTC',
  currency: 'USD',
  eligibleTypes: DEFAULT_ELIGIBLE_TYPES,
  dealCreateEligibleTypes: null,
  revenueEligibleTypes: null,
  halfLifeDays: 7,
  lookbackDays: null,
};

/** Validates and completes user-given settings, with messages that say what is accepted. */
export function resolveSettings(partial: Partial<EngineSettings> = {}): EngineSettings {
  const s = { ...DEFAULT_SETTINGS, ...stripUndefined(partial) };
  if (!(typeof s.halfLifeDays === 'number' && s.halfLifeDays > 0 && Number.isFinite(s.halfLifeDays))) {
    throw new Error(`Time-decay half-life must be a number of days greater than 0, not "${s.halfLifeDays}".`);
  }
  if (s.lookbackDays !== null && !(typeof s.lookbackDays === 'number' && s.lookbackDays > 0 && Number.isFinite(s.lookbackDays))) {
    throw new Error(`Lookback window must be a number of days greater than 0, or blank for none, not "${s.lookbackDays}".`);
  }
  if (!/^[A-Z]{3}$/.test(s.currency)) throw new Error(`Currency must be an ISO 4217 code such as USD or EUR, not "${s.currency}".`);
  return {
    ...s,
    eligibleTypes: typeSet(s.eligibleTypes, 'eligible types'),
    dealCreateEligibleTypes: s.dealCreateEligibleTypes == null ? null : typeSet(s.dealCreateEligibleTypes, 'deal create eligible types'),
    revenueEligibleTypes: s.revenueEligibleTypes == null ? null : typeSet(s.revenueEligibleTypes, 'revenue eligible types'),
  };
}

function typeSet(types: readonly string[], what: string): InteractionType[] {
  const out: InteractionType[] = [];
  for (const t of types) {
    const v = INTERACTION_TYPE_NAMES.get(normalizeName(t));
    if (!v) throw new Error(`Unknown interaction type "${t}" among ${what}: use ${INTERACTION_TYPES.join(', ')}.`);
    if (!out.includes(v)) out.push(v);
  }
  if (!out.length) throw new Error(`Choose at least one interaction type among ${what}.`);
  return out;
}

/** The interaction types that earn credit in a report type's attribution. */
export function eligibleTypesFor(s: EngineSettings, type: 'contact create' | 'deal create' | 'revenue'): InteractionType[] {
  if (type === 'deal create') return s.dealCreateEligibleTypes ?? s.eligibleTypes;
  if (type === 'revenue') return s.revenueEligibleTypes ?? s.eligibleTypes;
  return s.eligibleTypes;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

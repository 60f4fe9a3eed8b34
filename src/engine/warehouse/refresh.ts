/**
 * @fileoverview The statements of one warehouse refresh for given settings and "now", and the
 * formula store made from their results: what `eval --warehouse`, the add-on's warehouse flavour
 * and the tests all run.
 */
import type { ReportType } from '../attribution/catalog';
import { eligibleTypesFor, type EngineSettings } from '../settings';
import { timeZone } from '../time/zone';
import type { InteractionType } from '../workbook/types';
import type { Dialect } from './dialect';
import { contactsWithRevenueStatement, warehouseStatements, type SqlParameters, type Statement } from './statements';
import { storeRevenueRanges } from './results';

/** The SQL's parameters from the engine's settings. */
export function sqlParameters(settings: EngineSettings): SqlParameters {
  const eligible: Record<ReportType, readonly InteractionType[]> = {
    'contact create': eligibleTypesFor(settings, 'contact create'), 'deal create': eligibleTypesFor(settings, 'deal create'), revenue: eligibleTypesFor(settings, 'revenue'),
  };
  return { timeZone: settings.timeZone, eligible, halfLifeDays: settings.halfLifeDays, lookbackDays: settings.lookbackDays };
}

const finite = (t: number) => (Number.isFinite(t) ? t : null);

/** Stages, results, and contacts with revenue for the ranges the store keeps. */
export function refreshStatements(d: Dialect, settings: EngineSettings, now: number): Statement[] {
  const ranges = storeRevenueRanges(timeZone(settings.timeZone), now).map((range) => ({ from: finite(range.from), to: finite(range.to) }));
  return [...warehouseStatements(d, sqlParameters(settings)), contactsWithRevenueStatement(d, ranges)];
}

/**
 * @fileoverview One analysis of a workbook: the model plus settings, with conversions, eligibility
 * and per-campaign indexes computed on first use and kept, so that a refresh computing every report
 * and a formula computing one number share the work.
 */
import type { RawWorkbook } from './workbook/raw';
import { readWorkbook } from './workbook/read-workbook';
import type { Workbook } from './workbook/types';
import { buildModel, type Model } from './model/model';
import { resolveSettings, type EngineSettings } from './settings';
import { timeZone, type TimeZone } from './time/zone';
import { buildConversions, eligibleIndex, type Conversion, type EligibleIndex } from './attribution/conversions';
import type { ReportType } from './attribution/catalog';

export interface Analysis {
  model: Model;
  settings: EngineSettings;
  zone: TimeZone;
  /** "Now" for default ranges; fixed per analysis so every report agrees. */
  now: number;
  /** Memo of derived data, keyed by what it depends on. */
  memo: Map<string, unknown>;
}

export function analyse(raw: RawWorkbook, settings: Partial<EngineSettings> = {}, now = Date.now()): Analysis {
  const s = resolveSettings(settings);
  const wb = readWorkbook(raw, { timeZone: s.timeZone });
  return analyseWorkbook(wb, s, now);
}

export function analyseWorkbook(wb: Workbook, settings: EngineSettings, now = Date.now()): Analysis {
  return { model: buildModel(wb), settings, zone: timeZone(settings.timeZone), now, memo: new Map() };
}

/** Computes `make()` once per analysis and key. */
export function memo<T>(a: Analysis, key: string, make: () => T): T {
  if (a.memo.has(key)) return a.memo.get(key) as T;
  const v = make();
  a.memo.set(key, v);
  return v;
}

export const eligibility = (a: Analysis): EligibleIndex => memo(a, 'eligible', () => eligibleIndex(a.model, a.settings));

export const conversionsOf = (a: Analysis, type: ReportType): Conversion[] =>
  memo(a, `conversions:${type}`, () => buildConversions(a.model, eligibility(a), type, a.settings));

/** Positions of each campaign's interactions (all types), in time order. */
export const interactionsByCampaign = (a: Analysis): Int32Array[] =>
  memo(a, 'byCampaign', () => {
    const k = a.model.workbook.campaigns.length;
    const lists: number[][] = Array.from({ length: k }, () => []);
    a.model.campaignsOf.forEach((cs, p) => cs?.forEach((c) => lists[c].push(p)));
    return lists.map((l) => Int32Array.from(l));
  });

/** Positions of each asset's interactions (its whole history), in time order. */
export const interactionsByAsset = (a: Analysis): Int32Array[] =>
  memo(a, 'byAsset', () => {
    const lists: number[][] = a.model.workbook.assets.map(() => []);
    a.model.assetOf.forEach((asset, p) => asset >= 0 && lists[asset].push(p));
    return lists.map((l) => Int32Array.from(l));
  });

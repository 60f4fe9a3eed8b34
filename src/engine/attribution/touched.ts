/**
 * @fileoverview Which campaigns a conversion's path touches: the same for every model, so counted
 * once per report type and range (conversions touched, their full value) and reused by every
 * attribution and by the formula store.
 */
import { NO_CAMPAIGN_ENTRY } from './players';
import { conversionsOf, forRange, type Analysis } from '../analysis';
import type { ReportType } from './catalog';
import type { Conversion } from './conversions';
import { inRange, type DateRange } from '../time/range';

/** "(no campaign)": a touch with no campaign. */

/**
 * Calls `visit` once per campaign on the conversion's path, and once with NO_CAMPAIGN_ENTRY when a touch has
 * no campaign. `seen` (one slot per campaign, plus one) must differ from `stamp` before the call.
 */
export function forEachTouched(campaignsOf: (number[] | null)[], c: Conversion, seen: Int32Array, stamp: number, visit: (k: number) => void): void {
  for (let j = 0; j < c.path.length; j++) {
    const cs = campaignsOf[c.path[j]];
    if (!cs) {
      if (seen[0] !== stamp) { seen[0] = stamp; visit(NO_CAMPAIGN_ENTRY); }
      continue;
    }
    for (const k of cs) if (seen[k + 1] !== stamp) { seen[k + 1] = stamp; visit(k); }
  }
}

export interface TouchedTotals {
  /** Index k + 1 for campaign k, 0 for "(no campaign)". */
  conversions: Float64Array;
  value: Float64Array;
  /** Conversions with an empty path, and their value. */
  empty: number;
  emptyValue: number;
}

export function touchedTotals(a: Analysis, type: ReportType, range: DateRange): TouchedTotals {
  return forRange((a.cache.touched[type] ??= new Map()), range, () => {
    const slots = a.model.workbook.campaigns.length + 1;
    const t: TouchedTotals = { conversions: new Float64Array(slots), value: new Float64Array(slots), empty: 0, emptyValue: 0 };
    const seen = new Int32Array(slots).fill(-1);
    conversionsOf(a, type).forEach((c, ci) => {
      if (!inRange(c.when, range)) return;
      if (c.path.length === 0) {
        t.empty++;
        t.emptyValue += c.value;
        return;
      }
      forEachTouched(a.model.campaignsOf, c, seen, ci, (k) => {
        t.conversions[k + 1]++;
        t.value[k + 1] += c.value;
      });
    });
    return t;
  });
}

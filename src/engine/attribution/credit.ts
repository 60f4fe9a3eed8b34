/**
 * @fileoverview Attributed credit: each conversion's value split over its path by a model, then
 * summed per campaign. Rule-based models give an interaction with several campaigns its weight in
 * full for each (§1); the data-driven models split between players. Interactions with no campaign
 * credit "(no campaign)", empty paths "(no interactions)".
 */
import { conversionsOf, forRange, type Analysis } from '../analysis';
import { assertModelServes, type AttributionModel, type ReportType } from './catalog';
import type { Conversion } from './conversions';
import { isPositionModel, positionWeightsInto, timeDecayWeightsInto } from './rule-based';
import { inRange, type DateRange } from '../time/range';
import { NO_CAMPAIGN_ENTRY, playerOfEntry } from './players';
import { CreditEntries, type CreditSplit } from './credit-entries';
import { dataDrivenSplitter, isDataDriven } from './data-driven';

export { CreditEntries, type CreditSplit };

/** What a player earns under a model (conversions it touched, independent of the model: touched.ts). */
export interface CampaignCredit {
  /** Credited value: revenue, or fractional contacts / deals. */
  credit: number;
}

export interface Attribution {
  type: ReportType;
  model: AttributionModel;
  range: DateRange;
  /** Conversions whose time lies in the range. */
  conversions: Conversion[];
  /**
   * Every conversion's split in flat arrays (entries splitStart[ci]..splitStart[ci+1]): millions
   * of small typed arrays would cost more memory than the data itself. Read with `splitOf`.
   */
  splitStart: Int32Array;
  splitTouch: Int32Array;
  splitCampaign: Int32Array;
  splitShare: Float64Array;
  byCampaign: CampaignCredit[];
  noCampaign: CampaignCredit;
  noInteractions: CampaignCredit;
  totalValue: number;
}


/** Rule-based split: each touch's weight goes in full to each of its campaigns. Buffers are reused. */
function ruleBasedSplitter(a: Analysis, model: AttributionModel): (c: Conversion, out: CreditEntries) => void {
  if (model !== 'Time decay' && !isPositionModel(model)) throw new Error(`${model} is not a rule-based model`);
  let w = new Float64Array(64);
  let holds = new Uint8Array(64);
  const { campaignsOf, ts } = a.model;
  const halfLife = a.settings.halfLifeDays;
  return (c, out) => {
    const n = c.path.length;
    if (n > w.length) {
      w = new Float64Array(n * 2);
      holds = new Uint8Array(n * 2);
    }
    if (model === 'Time decay') timeDecayWeightsInto(c, ts, halfLife, w);
    else positionWeightsInto(model, c, w, holds);
    for (let j = 0; j < n; j++) {
      if (w[j] === 0) continue;
      const cs = campaignsOf[c.path[j]];
      if (!cs) { out.push(j, NO_CAMPAIGN_ENTRY, w[j]); continue; }
      for (const k of cs) out.push(j, k, w[j]);
    }
  };
}

/** Appends each conversion's split under the model to `out`. */
export function splitter(a: Analysis, model: AttributionModel, type: ReportType): (c: Conversion, out: CreditEntries) => void {
  if (isDataDriven(model)) return dataDrivenSplitter(a, model, type);
  return ruleBasedSplitter(a, model);
}

export function attribute(a: Analysis, type: ReportType, model: AttributionModel, range: DateRange): Attribution {
  assertModelServes(model, type);
  return forRange(((a.cache.attribution[type] ??= {})[model] ??= new Map()), range, () => {
    const conversions = conversionsOf(a, type).filter((c) => inRange(c.when, range));
    const k = a.model.workbook.campaigns.length;
    // Credit per player (campaigns, "(no campaign)", "(no interactions)") in one typed array.
    const credit = new Float64Array(k + 2);
    const starts = new Int32Array(conversions.length + 1);
    const out = new CreditEntries();
    const split = splitter(a, model, type);
    let totalValue = 0;
    for (let ci = 0; ci < conversions.length; ci++) {
      const c = conversions[ci];
      totalValue += c.value;
      const from = out.length;
      split(c, out);
      starts[ci + 1] = out.length;
      if (c.path.length === 0) {
        credit[k + 1] += c.value;
        continue;
      }
      const { campaign, share } = out;
      for (let e = from; e < out.length; e++) credit[playerOfEntry(campaign[e], k)] += share[e] * c.value;
    }
    const byCampaign = Array.from({ length: k }, (_, i) => ({ credit: credit[i] }));
    const noCampaign = { credit: credit[k] };
    const noInteractions = { credit: credit[k + 1] };
    return {
      type, model, range, conversions, byCampaign, noCampaign, noInteractions, totalValue,
      splitStart: starts, splitTouch: out.touch.slice(0, out.length), splitCampaign: out.campaign.slice(0, out.length),
      splitShare: out.share.slice(0, out.length),
    };
  });
}

/** Conversion `ci`'s split, as views on the flat arrays. */
export function splitOf(att: Attribution, ci: number): CreditSplit {
  const from = att.splitStart[ci];
  const to = att.splitStart[ci + 1];
  return { touch: att.splitTouch.subarray(from, to), campaign: att.splitCampaign.subarray(from, to), share: att.splitShare.subarray(from, to) };
}

/** The campaign's share of a conversion's value (0 when it earned none). */
export function campaignShare(split: CreditSplit, k: number): number {
  let s = 0;
  for (let e = 0; e < split.share.length; e++) if (split.campaign[e] === k) s += split.share[e];
  return s;
}

/** Credit per player (campaigns, "(no campaign)", "(no interactions)"). */
export function creditByPlayer(att: Attribution): Float64Array {
  const k = att.byCampaign.length;
  const out = new Float64Array(k + 2);
  att.byCampaign.forEach((c, i) => (out[i] = c.credit));
  out[k] = att.noCampaign.credit;
  out[k + 1] = att.noInteractions.credit;
  return out;
}

/**
 * Conversions credited per player (campaigns, then "(no campaign)"): each conversion counts 1,
 * split as the model splits its value. For the data-driven models this is what REMOVAL_EFFECTS shows.
 */
export function creditedConversions(a: Analysis, type: ReportType, model: AttributionModel, range: DateRange): Float64Array {
  const att = attribute(a, type, model, range);
  const k = a.model.workbook.campaigns.length;
  const total = new Float64Array(k + 1);
  const { splitCampaign, splitShare } = att;
  for (let e = 0; e < splitShare.length; e++) total[playerOfEntry(splitCampaign[e], k)] += splitShare[e];
  return total;
}

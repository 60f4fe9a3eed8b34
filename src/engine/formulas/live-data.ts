/**
 * @fileoverview The formulas' data from a live analysis of the source tabs: every figure computed
 * by the engine on demand (and kept in the analysis' cache).
 */
import type { Analysis } from '../analysis';
import { attribute, creditByPlayer, creditedConversions } from '../attribution/credit';
import { removalEffects } from '../attribution/data-driven';
import { touchedTotals } from '../attribution/touched';
import { metricEvents, metricValue } from '../metrics/campaign-metrics';
import { bucketSums, buckets, dataDaysOf } from '../metrics/trend';
import type { FormulaData } from './formula-data';
import { contactList, contactListTable } from '../metrics/contact-lists';

export function liveData(a: Analysis): FormulaData {
  const campaigns = a.model.workbook.campaigns.map((c) => ({ id: c.id, name: c.name }));
  const k = campaigns.length;
  return {
    zone: a.zone,
    now: a.now,
    campaigns,
    dataDays: () => dataDaysOf(a),
    metric: (campaign, metric, range, touch) => metricValue(a, campaign, metric, range, touch),
    trend(campaign, metric, range, frequency) {
      const b = buckets(a, range, frequency);
      return { labels: b.labels, values: bucketSums(b, metricEvents(a, campaign, metric, range)) };
    },
    credit: (type, model, range) => creditByPlayer(attribute(a, type, model, range)),
    touched(type, range) {
      const t = touchedTotals(a, type, range);
      // touchedTotals keeps "(no campaign)" first; figures put it after the campaigns.
      const conversions = new Float64Array(k + 2);
      const value = new Float64Array(k + 2);
      conversions.set(t.conversions.subarray(1), 0);
      value.set(t.value.subarray(1), 0);
      conversions[k] = t.conversions[0];
      value[k] = t.value[0];
      conversions[k + 1] = t.empty;
      value[k + 1] = t.emptyValue;
      return { conversions, value };
    },
    removalEffects: (type) => Float64Array.from(removalEffects(a, type).removalEffects),
    markovConversions: (type, range) => creditedConversions(a, type, 'Markov', range),
    contacts(campaign, list, range, options) {
      return contactListTable(a, list, contactList(a, campaign, list, range, options).entries);
    },
  };
}

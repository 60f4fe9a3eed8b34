/**
 * @fileoverview The report data from a live analysis of the source tabs: the formulas' live data
 * plus the report-only figures (trends by contact attribution, Shapley-credited conversions,
 * journeys), counted from the engine's model. A warehouse provides the same figures from SQL.
 */
import type { Analysis } from '../analysis';
import { creditedConversions } from '../attribution/credit';
import { journeyCounts, removalEffects } from '../attribution/data-driven';
import { metricEvents } from '../metrics/campaign-metrics';
import { bucketSums, buckets, dataSpanOf } from '../metrics/trend';
import { liveData } from '../formulas/live-data';
import type { ReportData } from './report-data';

export function liveReportData(a: Analysis): ReportData {
  return {
    ...liveData(a),
    currency: a.settings.currency,
    campaignDetails: a.model.workbook.campaigns,
    check: a.model.workbook.check,
    trend(campaign, metric, range, frequency, touch = 'first touch') {
      const b = buckets(a, range, frequency, () => dataSpanOf(a));
      return { labels: b.labels, values: bucketSums(b, metricEvents(a, campaign, metric, range, touch)) };
    },
    shapleyConversions: (type, range) => creditedConversions(a, type, 'Shapley', range),
    journeys(type) {
      const { journeys, converting } = journeyCounts(a, type);
      return { journeys, converting, conversionProbability: removalEffects(a, type).conversionProbability };
    },
  };
}

/**
 * @fileoverview The report data from a live analysis of the source tabs: the formulas' live data
 * plus the report-only figures (trends by contact attribution, Shapley-credited conversions,
 * journeys, and the per-campaign figures of live-campaign-figures.ts), counted from the engine's model. A warehouse provides the same figures from SQL.
 */
import type { Analysis } from '../analysis';
import { creditedConversions } from '../attribution/credit';
import { journeyCounts, removalEffects } from '../attribution/data-driven';
import { metricEvents } from '../metrics/campaign-metrics';
import { bucketSums, buckets } from '../metrics/trend';
import { liveData } from '../formulas/live-data';
import type { ReportData } from './report-data';
import { liveAssetCredit, liveAssets, liveContactList, liveCreditedConversions, liveDrillDown, liveTraffic } from './live-campaign-figures';

export function liveReportData(a: Analysis): ReportData {
  return {
    ...liveData(a),
    currency: a.settings.currency,
    campaignDetails: a.model.workbook.campaigns,
    check: a.model.workbook.check,
    trend(campaign, metric, range, frequency, touch = 'first touch') {
      const b = buckets(a, range, frequency);
      return { labels: b.labels, values: bucketSums(b, metricEvents(a, campaign, metric, range, touch)) };
    },
    shapleyConversions: (type, range) => creditedConversions(a, type, 'Shapley', range),
    journeys(type) {
      const { journeys, converting } = journeyCounts(a, type);
      return { journeys, converting, conversionProbability: removalEffects(a, type).conversionProbability };
    },
    drillDown: (type, model, range, campaign, limit) => liveDrillDown(a, type, model, range, campaign, limit),
    creditedConversions: (type, model, range, campaign) => liveCreditedConversions(a, type, model, range, campaign),
    assetCredit: (campaign, model, range) => liveAssetCredit(a, campaign, model, range),
    contactList: (campaign, list, range, options, limit) => liveContactList(a, campaign, list, range, options, limit),
    assets: (campaign, range, contactLimit) => liveAssets(a, campaign, range, contactLimit),
    traffic: (campaign, range) => liveTraffic(a, campaign, range),
  };
}

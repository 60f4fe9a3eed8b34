/**
 * @fileoverview The Removal effects tab and REMOVAL_EFFECTS: what the data-driven models see, per
 * player (campaign or "(no campaign)"): the Markov removal effect and the conversions each model
 * credits to it.
 */
import { reportTabName } from './report-names';
import type { Analysis } from '../analysis';
import { attribute, splitOf } from '../attribution/credit';
import { journeyCounts, playerShares, removalEffects, noCampaignPlayer } from '../attribution/data-driven';
import type { ReportType } from '../attribution/catalog';
import type { ReportCell, ReportTab } from '../report-tab/report-tab';
import type { DateRange } from '../time/range';
import { NO_CAMPAIGN } from './attribution';
import { rangeOf, reportParameters, type ReportQuery } from './query';

/** Conversions credited per player: each conversion counts 1, split by the model. */
function creditedConversions(a: Analysis, type: ReportType, model: 'Markov' | 'Shapley', range: DateRange): Float64Array {
  const att = attribute(a, type, model, range);
  const n = noCampaignPlayer(a) + 1;
  const total = new Float64Array(n);
  for (let ci = 0; ci < att.conversions.length; ci++) {
    const s = playerShares(splitOf(att, ci), n);
    for (let p = 0; p < n; p++) total[p] += s[p];
  }
  return total;
}

export function removalEffectsTable(a: Analysis, type: ReportType, range: DateRange): { header: string[]; rows: ReportCell[][] } {
  const effects = removalEffects(a, type).removalEffects;
  const markov = creditedConversions(a, type, 'Markov', range);
  const names = [...a.model.workbook.campaigns.map((c) => c.name), NO_CAMPAIGN];
  return {
    header: ['Player', 'Removal effect', 'Conversions credited'],
    rows: names.map((name, p) => [name, effects[p] ?? 0, markov[p]]),
  };
}

export function removalEffectsTab(a: Analysis, q: ReportQuery): ReportTab {
  const range = rangeOf(a, q);
  const type = q.reportType;
  const table = removalEffectsTable(a, type, range);
  const shapley = creditedConversions(a, type, 'Shapley', range);
  const { journeys, converting } = journeyCounts(a, type);
  const { conversionProbability } = removalEffects(a, type);
  return {
    name: reportTabName('removal-effects'),
    key: 'removal-effects',
    title: `Data-driven attribution explained: ${type}`,
    parameters: reportParameters(a, q, ['reportType', 'range'], range),
    blocks: [
      {
        id: 'journeys',
        title: 'Journeys the models learn from',
        note: 'Every conversion\'s path is a converting journey; every person with eligible interactions and no such conversion is a non-converting one. The models are fitted on all data; the range selects the conversions credited.',
        header: ['Journeys', 'Converting', 'Not converting', 'Conversion probability (Markov chain)'],
        formats: ['integer', 'integer', 'integer', 'percent'],
        rows: [[journeys, converting, journeys - converting, conversionProbability]],
      },
      {
        id: 'players',
        title: 'Removal effects and credited conversions',
        note: 'Removal effect: the share of conversions lost if the campaign were removed from every journey (Markov chain, solved exactly). Each conversion is split over its campaigns in proportion to removal effects (Markov) or Shapley values.',
        header: [...table.header.slice(0, 2), 'Conversions credited (Markov)', 'Conversions credited (Shapley)'],
        formats: ['text', 'percent', 'decimal', 'decimal'],
        rows: table.rows.map((r, p) => [...r, shapley[p]]),
      },
    ],
    charts: [{ id: 'removal-effects', title: `Removal effects: ${type}`, type: 'bar', blockId: 'players', domainColumn: 0, seriesColumns: [1], xTitle: 'Campaign', yTitle: 'Removal effect' }],
  };
}

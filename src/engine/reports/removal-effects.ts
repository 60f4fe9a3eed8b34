/**
 * @fileoverview The Removal effects tab and REMOVAL_EFFECTS: what the data-driven models see, per
 * player (campaign or "(no campaign)"): the Markov removal effect and the conversions each model
 * credits to it.
 */
import { reportTabName } from './report-names';
import type { Analysis } from '../analysis';
import { creditedConversions } from '../attribution/credit';
import { journeyCounts, removalEffects } from '../attribution/data-driven';
import type { ReportTab } from '../report-tab/report-tab';
import { removalEffectsTable } from '../formulas/tables';
import { liveData } from '../formulas/live-data';
import { rangeOf, reportParameters, type ReportQuery } from './query';

export function removalEffectsTab(a: Analysis, q: ReportQuery): ReportTab {
  const range = rangeOf(a, q);
  const type = q.reportType;
  const table = removalEffectsTable(liveData(a), type, range);
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

/**
 * @fileoverview The Attribution tab (every campaign's credit under one model, with drill-down) and
 * the Model comparison tab (every model side by side). The same tables serve ATTRIBUTION_TABLE
 * and MODEL_COMPARISON.
 */
import { reportTabName } from './report-names';
import { assertModelServes, REPORT_TYPES, type ReportType } from '../attribution/catalog';
import type { ChartSpec, ReportBlock, ReportTab } from '../report-tab/report-tab';
import { attributionTable, creditFormat, creditLabel, modelComparisonTable } from '../formulas/tables';
import { DRILL_DOWN_LIMIT } from './revenue';
import type { ReportData } from './report-data';
import { rangeOf, reportParameters, type ReportQuery } from './query';

export { NO_CAMPAIGN, NO_INTERACTIONS } from '../attribution/players';
export { creditFormat, attributionColumns } from '../formulas/tables';

const conversionWord = (type: ReportType, n: number) =>
  type === 'contact create' ? (n === 1 ? 'contact created' : 'contacts created') : type === 'deal create' ? (n === 1 ? 'deal created' : 'deals created') : n === 1 ? 'closed-won deal closed' : 'closed-won deals closed';

export function attributionTab(d: ReportData, q: ReportQuery): ReportTab {
  assertModelServes(q.model, q.reportType);
  const range = rangeOf(d, q);
  const type = q.reportType;
  const table = attributionTable(d, type, q.model, range);
  const totals = d.conversionTotals(type, range);
  const campaign = d.campaigns[q.campaign];
  const drill = d.drillDown(type, q.model, range, q.campaign, DRILL_DOWN_LIMIT);
  const chartRows = table.rows.length;
  return {
    name: reportTabName('attribution'),
    key: 'attribution',
    title: `Attribution: ${type}, ${q.model}`,
    parameters: reportParameters(d, q, ['reportType', 'model', 'range', 'campaign'], range),
    blocks: [
      {
        id: 'by-campaign',
        title: `${creditLabel(type)} by campaign`,
        note: `${totals.count.toLocaleString('en-US')} ${conversionWord(type, totals.count)} in the range${type === 'revenue' ? `, ${totals.value.toLocaleString('en-US', { style: 'currency', currency: d.currency })} of revenue` : ''}. An interaction with several campaigns counts in full for each.`,
        header: table.header,
        formats: table.formats,
        rows: table.rows,
      },
      {
        id: 'drill-down',
        title: `Credited interactions of ${campaign.name}`,
        note: drill.total > drill.rows.length ? `Showing ${drill.rows.length.toLocaleString('en-US')} of ${drill.total.toLocaleString('en-US')} credited interactions, newest conversions first.` : undefined,
        header: [type === 'contact create' ? 'Contact created' : 'Deal', 'Contact', 'Interaction', 'Time', 'Type', 'Asset', 'Source', 'Credit share', 'Credit'],
        formats: ['text', 'text', 'text', 'datetime', 'text', 'text', 'text', 'percent', creditFormat(type)],
        rows: drill.rows,
      },
    ],
    charts: chartRows ? [{ id: 'attribution-by-campaign', title: `${creditLabel(type)} by campaign (${q.model})`, type: 'bar', blockId: 'by-campaign', domainColumn: 0, seriesColumns: [1], xTitle: 'Campaign', yTitle: creditLabel(type) }] : [],
  };
}


/** One block per report type, the chosen type first and charted. */
export function modelComparisonTab(d: ReportData, q: ReportQuery): ReportTab {
  const range = rangeOf(d, q);
  const types = [q.reportType, ...REPORT_TYPES.filter((t) => t !== q.reportType)];
  const data = d;
  const blocks: ReportBlock[] = types.map((type) => {
    const t = modelComparisonTable(data, type, range);
    return {
      id: `comparison-${type.replace(' ', '-')}`,
      title: `${type[0].toUpperCase()}${type.slice(1)}: ${creditLabel(type).toLowerCase()} by model`,
      header: t.header,
      rows: t.rows,
      formats: t.formats,
    };
  });
  const charts: ChartSpec[] = [{
    id: 'model-comparison', title: `Model comparison: ${q.reportType}`, type: 'column', blockId: blocks[0].id,
    domainColumn: 0, seriesColumns: blocks[0].header.slice(1).map((_, i) => i + 1), xTitle: 'Campaign', yTitle: creditLabel(q.reportType),
  }];
  return {
    name: reportTabName('model-comparison'),
    key: 'model-comparison',
    title: 'Model comparison',
    parameters: reportParameters(d, q, ['reportType', 'range'], range),
    blocks,
    charts,
  };
}

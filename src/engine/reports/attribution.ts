/**
 * @fileoverview The Attribution tab (every campaign's credit under one model, with drill-down) and
 * the Model comparison tab (every model side by side). The same tables serve ATTRIBUTION_TABLE
 * and MODEL_COMPARISON.
 */
import { reportTabName } from './report-names';
import type { Analysis } from '../analysis';
import { attribute } from '../attribution/credit';
import { assertModelServes, REPORT_TYPES, type ReportType } from '../attribution/catalog';
import type { ChartSpec, ReportBlock, ReportTab } from '../report-tab/report-tab';
import { attributionTable, creditFormat, creditLabel, modelComparisonTable } from '../formulas/tables';
import { liveData } from '../formulas/live-data';
import { drillDownRows } from './revenue';
import { rangeOf, reportParameters, type ReportQuery } from './query';

export { NO_CAMPAIGN, NO_INTERACTIONS } from '../attribution/players';
export { creditFormat, attributionColumns } from '../formulas/tables';

const conversionWord = (type: ReportType, n: number) =>
  type === 'contact create' ? (n === 1 ? 'contact created' : 'contacts created') : type === 'deal create' ? (n === 1 ? 'deal created' : 'deals created') : n === 1 ? 'closed-won deal closed' : 'closed-won deals closed';

export function attributionTab(a: Analysis, q: ReportQuery): ReportTab {
  assertModelServes(q.model, q.reportType);
  const range = rangeOf(a, q);
  const type = q.reportType;
  const table = attributionTable(liveData(a), type, q.model, range);
  const att = attribute(a, type, q.model, range);
  const campaign = a.model.workbook.campaigns[q.campaign];
  const drill = drillDownRows(a, att, q.campaign);
  const chartRows = table.rows.length;
  return {
    name: reportTabName('attribution'),
    key: 'attribution',
    title: `Attribution: ${type}, ${q.model}`,
    parameters: reportParameters(a, q, ['reportType', 'model', 'range', 'campaign'], range),
    blocks: [
      {
        id: 'by-campaign',
        title: `${creditLabel(type)} by campaign`,
        note: `${att.conversions.length.toLocaleString('en-US')} ${conversionWord(type, att.conversions.length)} in the range${type === 'revenue' ? `, ${att.totalValue.toLocaleString('en-US', { style: 'currency', currency: a.settings.currency })} of revenue` : ''}. An interaction with several campaigns counts in full for each.`,
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
export function modelComparisonTab(a: Analysis, q: ReportQuery): ReportTab {
  const range = rangeOf(a, q);
  const types = [q.reportType, ...REPORT_TYPES.filter((t) => t !== q.reportType)];
  const data = liveData(a);
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
    parameters: reportParameters(a, q, ['reportType', 'range'], range),
    blocks,
    charts,
  };
}

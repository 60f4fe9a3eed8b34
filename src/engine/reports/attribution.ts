/**
 * @fileoverview The Attribution tab (every campaign's credit under one model, with drill-down) and
 * the Model comparison tab (every model side by side). The same tables serve ATTRIBUTION_TABLE
 * and MODEL_COMPARISON.
 */
import { reportTabName } from './report-names';
import type { Analysis } from '../analysis';
import { attribute, type CampaignCredit } from '../attribution/credit';
import { assertModelServes, modelsFor, REPORT_TYPES, type AttributionModel, type ReportType } from '../attribution/catalog';
import type { CellFormat, ChartSpec, ReportBlock, ReportCell, ReportTab } from '../report-tab/report-tab';
import type { DateRange } from '../time/range';
import { drillDownRows } from './revenue';
import { rangeOf, reportParameters, type ReportQuery } from './query';

export const NO_CAMPAIGN = '(no campaign)';
export const NO_INTERACTIONS = '(no interactions)';

export const creditFormat = (type: ReportType): CellFormat => (type === 'revenue' ? 'currency' : 'decimal');
const creditLabel = (type: ReportType) => (type === 'revenue' ? 'Attributed revenue' : type === 'deal create' ? 'Attributed deals' : 'Attributed contacts');
const valueLabel = (type: ReportType) => (type === 'revenue' ? 'Associated deal value' : type === 'deal create' ? 'Deals touched' : 'Contacts touched');

/** Header and formats of an attribution table: revenue adds the associated deal value. */
export function attributionColumns(type: ReportType): { header: string[]; formats: CellFormat[] } {
  return type === 'revenue'
    ? { header: ['Campaign', creditLabel(type), 'Deals touched', valueLabel(type)], formats: ['text', 'currency', 'integer', 'currency'] }
    : { header: ['Campaign', creditLabel(type), valueLabel(type)], formats: ['text', 'decimal', 'integer'] };
}

/** Rows: each campaign in Campaigns-tab order, then (no campaign), then (no interactions). */
export function attributionTable(a: Analysis, type: ReportType, model: AttributionModel, range: DateRange): { header: string[]; rows: ReportCell[][]; formats: CellFormat[] } {
  const att = attribute(a, type, model, range);
  const row = (name: string, c: CampaignCredit): ReportCell[] =>
    type === 'revenue' ? [name, c.credit, c.touched, c.touchedValue] : [name, c.credit, c.touched];
  return {
    ...attributionColumns(type),
    rows: [
      ...a.model.workbook.campaigns.map((c, k) => row(c.name, att.byCampaign[k])),
      row(NO_CAMPAIGN, att.noCampaign),
      row(NO_INTERACTIONS, att.noInteractions),
    ],
  };
}

/** `Campaign`, then one column per model serving the type; cells are credit. */
export function modelComparisonTable(a: Analysis, type: ReportType, range: DateRange): { header: string[]; rows: ReportCell[][] } {
  const models = modelsFor(type);
  const atts = models.map((m) => attribute(a, type, m, range));
  const rows: ReportCell[][] = a.model.workbook.campaigns.map((c, k) => [c.name, ...atts.map((t) => t.byCampaign[k].credit)]);
  rows.push([NO_CAMPAIGN, ...atts.map((t) => t.noCampaign.credit)]);
  rows.push([NO_INTERACTIONS, ...atts.map((t) => t.noInteractions.credit)]);
  return { header: ['Campaign', ...models], rows };
}

const conversionWord = (type: ReportType, n: number) =>
  type === 'contact create' ? (n === 1 ? 'contact created' : 'contacts created') : type === 'deal create' ? (n === 1 ? 'deal created' : 'deals created') : n === 1 ? 'closed-won deal closed' : 'closed-won deals closed';

export function attributionTab(a: Analysis, q: ReportQuery): ReportTab {
  assertModelServes(q.model, q.reportType);
  const range = rangeOf(a, q);
  const type = q.reportType;
  const table = attributionTable(a, type, q.model, range);
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
  const blocks: ReportBlock[] = types.map((type) => {
    const t = modelComparisonTable(a, type, range);
    return {
      id: `comparison-${type.replace(' ', '-')}`,
      title: `${type[0].toUpperCase()}${type.slice(1)}: ${creditLabel(type).toLowerCase()} by model`,
      header: t.header,
      rows: t.rows,
      formats: t.header.map((_, i) => (i === 0 ? 'text' : creditFormat(type))),
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

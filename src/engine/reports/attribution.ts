/**
 * @fileoverview The Attribution tab (what the chosen campaign earned under one model, per asset,
 * with drill-down) and the Model comparison tab (every campaign under every model). The tables of
 * all campaigns serve ATTRIBUTION_TABLE and MODEL_COMPARISON.
 */
import { reportTabName } from './report-names';
import type { Analysis } from '../analysis';
import { attribute, splitOf } from '../attribution/credit';
import { isDataDriven } from '../attribution/data-driven';
import { assertModelServes, modelServes, REPORT_TYPES, type AttributionModel, type ReportType } from '../attribution/catalog';
import type { CellFormat, ChartSpec, ReportBlock, ReportCell, ReportTab } from '../report-tab/report-tab';
import type { DateRange } from '../time/range';
import { creditLabel, modelComparisonTable } from '../formulas/tables';
import { liveData } from '../formulas/live-data';
import { creditedDeals, drillDownColumns, drillDownRows } from './revenue';
import { ASSET_TYPES } from '../workbook/types';
import { rangeOf, reportParameters, type ReportQuery } from './query';

export { NO_CAMPAIGN, NO_INTERACTIONS } from '../attribution/players';
export { creditFormat, attributionColumns } from '../formulas/tables';

/** Credit the campaign's interactions earned per asset, for each report type the model serves. */
interface AssetCredit { asset: number; credit: Record<ReportType, number> }

function creditByAsset(a: Analysis, k: number, model: AttributionModel, range: DateRange): Map<number, AssetCredit> {
  const out = new Map<number, AssetCredit>();
  for (const type of REPORT_TYPES) {
    if (!modelServes(model, type)) continue;
    const att = attribute(a, type, model, range);
    att.conversions.forEach((c, ci) => {
      const split = splitOf(att, ci);
      for (let e = 0; e < split.share.length; e++) {
        if (split.campaign[e] !== k || split.share[e] <= 0) continue;
        const asset = a.model.assetOf[c.path[split.touch[e]]];
        let row = out.get(asset);
        if (!row) out.set(asset, (row = { asset, credit: { 'contact create': 0, 'deal create': 0, revenue: 0 } }));
        row.credit[type] += split.share[e] * c.value;
      }
    });
  }
  return out;
}

const NO_ASSET = '(no asset)';

/**
 * The campaign's Attribution tab: the contacts, deals and revenue credited to the chosen campaign
 * under the chosen model, per asset and asset type, with the drill-down of the chosen report type.
 * All campaigns side by side are in the Model comparison tab (and ATTRIBUTION_TABLE).
 */
export function attributionTab(a: Analysis, q: ReportQuery): ReportTab {
  assertModelServes(q.model, q.reportType);
  const range = rangeOf(a, q);
  const type = q.reportType;
  const k = q.campaign;
  const { workbook } = a.model;
  const campaign = workbook.campaigns[k];
  const served = (t: ReportType) => modelServes(q.model, t);
  const credit = (t: ReportType) => (served(t) ? attribute(a, t, q.model, range).byCampaign[k].credit : null);
  const revenue = served('revenue') ? creditedDeals(attribute(a, 'revenue', q.model, range), k) : null;
  const att = attribute(a, type, q.model, range);
  const drill = drillDownRows(a, att, k);
  const assets = [...creditByAsset(a, k, q.model, range).values()].sort((x, y) => {
    const [ax, ay] = [workbook.assets[x.asset], workbook.assets[y.asset]];
    if (!ax || !ay) return ax ? -1 : ay ? 1 : 0;
    return ASSET_TYPES.indexOf(ax.type) - ASSET_TYPES.indexOf(ay.type) || (ax.name || ax.id).localeCompare(ay.name || ay.id);
  });
  const cells = (c: Record<ReportType, number>): ReportCell[] => REPORT_TYPES.map((t) => (served(t) ? c[t] : null));
  const byType = new Map<string, { assets: number; credit: Record<ReportType, number> }>();
  for (const row of assets) {
    const t = workbook.assets[row.asset]?.type ?? NO_ASSET;
    const g = byType.get(t) ?? { assets: 0, credit: { 'contact create': 0, 'deal create': 0, revenue: 0 } };
    g.assets++;
    for (const rt of REPORT_TYPES) g.credit[rt] += row.credit[rt];
    byType.set(t, g);
  }
  const unserved = REPORT_TYPES.filter((t) => !served(t));
  const creditHeader = ['Attributed contacts', 'Attributed deals', 'Attributed revenue'];
  const creditFormats: CellFormat[] = ['decimal', 'decimal', 'currency'];
  const splitNote = isDataDriven(q.model)
    ? `An interaction with several campaigns is split between them (${q.model} weighs each campaign on the path).`
    : 'An interaction with several campaigns counts in full for each.';
  return {
    name: reportTabName('attribution'),
    key: 'attribution',
    title: `Attribution: ${campaign.name}, ${q.model}`,
    parameters: reportParameters(a, q, ['campaign', 'model', 'reportType', 'range'], range),
    blocks: [
      {
        id: 'campaign-credit',
        title: `Credited to ${campaign.name} (${q.model})`,
        note: `Conversions in the range: contacts by creation, deals by creation, revenue by close. ${splitNote}${unserved.length ? ` ${q.model} does not serve ${unserved.join(' or ')} reports: blank.` : ''}`,
        header: [...creditHeader, 'Deals with revenue credit', 'Associated deal value'],
        formats: [...creditFormats, 'integer', 'currency'],
        rows: [[credit('contact create'), credit('deal create'), credit('revenue'), revenue?.count ?? null, revenue?.value ?? null]],
      },
      {
        id: 'by-asset-type',
        title: 'By asset type',
        header: ['Asset type', 'Assets', ...creditHeader],
        formats: ['text', 'integer', ...creditFormats],
        rows: [...byType].map(([t, g]) => [t, g.assets, ...cells(g.credit)]),
      },
      {
        id: 'by-asset',
        title: 'By asset',
        note: `Credit of the campaign's interactions on each asset; ${NO_ASSET}: interactions with no asset (a tagged visit of a page that is no asset, a meeting).`,
        header: ['Asset type', 'Asset', 'Asset ID', ...creditHeader],
        formats: ['text', 'text', 'text', ...creditFormats],
        rows: assets.map((row) => {
          const asset = workbook.assets[row.asset];
          return [asset?.type ?? NO_ASSET, asset ? asset.name || asset.id : NO_ASSET, asset?.id ?? '', ...cells(row.credit)];
        }),
      },
      {
        id: 'drill-down',
        title: `Credited interactions (${type})`,
        note: drill.total > drill.rows.length ? `Showing ${drill.rows.length.toLocaleString('en-US')} of ${drill.total.toLocaleString('en-US')} credited interactions, newest conversions first.` : undefined,
        ...drillDownColumns(type),
        rows: drill.rows,
      },
    ],
    charts: byType.size ? [{
      id: 'attribution-by-asset-type', title: `${creditLabel(type)} by asset type (${q.model}): ${campaign.name}`, type: 'bar', blockId: 'by-asset-type',
      domainColumn: 0, seriesColumns: [2 + REPORT_TYPES.indexOf(type)], xTitle: 'Asset type', yTitle: creditLabel(type),
    }] : [],
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

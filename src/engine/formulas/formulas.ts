/**
 * @fileoverview The formulas users call from cells (exposed as custom functions in Sheets and as
 * `campaign-sheets eval`). Each takes loose arguments, says what is accepted when one is wrong,
 * and returns a number, a text or a table with a header row.
 */
import { assertModelServes, parseModel, parseReportType } from '../attribution/catalog';
import { parseContactAttribution, parseMetric, type Metric } from '../metrics/campaign-metrics';
import { parseFrequency } from '../metrics/trend';
import { campaignIndexOf } from '../reports/query';
import type { ReportCell } from '../report-tab/report-tab';
import { rangeFromArgs, type DateRange } from '../time/range';
import { deriveSourceCategory } from '../model/source-category';
import { queryParams } from '../web/url';
import { dateArg, text, type FormulaArg } from './arguments';
import type { FormulaData } from './formula-data';
import { parseContactList, parseListQualifier } from '../metrics/contact-lists';
import { attributionTable, modelComparisonTable, removalEffectsTable } from './tables';

export type FormulaResult = number | string | ReportCell[][];

export interface FormulaParam {
  name: string;
  optional?: boolean;
  help: string;
}

export interface FormulaSpec {
  name: string;
  /** One value per call: given a range as its first argument, it answers each cell (a table). */
  scalar?: boolean;
  summary: string;
  params: FormulaParam[];
  returns: string;
  /** TRACKING_URL and TRAFFIC_SOURCE do not read the workbook. */
  needsWorkbook: boolean;
  /** Computes the answer from the workbook's data (null for formulas that do not read it). */
  run(data: FormulaData | null, args: FormulaArg[]): FormulaResult;
}

const PARAM = {
  campaign: { name: 'campaign', help: 'Campaign ID or name from the Campaigns tab, or a range of them (one answer per cell).' },
  from: { name: 'from', optional: true, help: 'First day of the range (a date or 2026-03-01); blank: all data (revenue metrics: last 365 days).' },
  to: { name: 'to', optional: true, help: 'Last day of the range, included; blank: today.' },
  reportType: { name: 'report_type', optional: true, help: '"contact create", "deal create" or "revenue" (default).' },
  model: { name: 'model', optional: true, help: 'Attribution model, default "Linear": First interaction, Last interaction, Linear, U-shaped, W-shaped, Full path, Time decay, J-shaped, Inverse J, Markov, Shapley.' },
  metric: { name: 'metric', help: 'sessions, new contacts, influenced contacts, revenue, deals with revenue, contacts with revenue, views or new visitor sessions.' },
  // Sheets recomputes a custom function only when an argument changes: a cell the add-on rewrites
  // at each refresh, passed here, is what makes the formula follow the data.
  version: { name: 'version', optional: true, help: 'Optional: the named range CS_VERSION, which each refresh updates, so the formula recalculates then. Its value is not used.' },
} satisfies Record<string, FormulaParam>;

const dataOf = (data: FormulaData | null): FormulaData => {
  if (!data) throw new Error('This formula needs the workbook.');
  return data;
};

const REVENUE_METRICS = new Set<Metric>(['revenue', 'deals with revenue', 'contacts with revenue']);

/** The range of from/to arguments in the data's zone; blank means the metric's default range. */
const rangeOfArgs = (data: FormulaData, from: FormulaArg, to: FormulaArg, fallback: 'all' | 'last 365 days' = 'all'): DateRange =>
  rangeFromArgs(dateArg(from, 'from'), dateArg(to, 'to'), data.zone, data.now, fallback);

const campaignArg = (data: FormulaData, arg: FormulaArg) => campaignIndexOf(data.campaigns, text(arg, 'campaign'));

const tableCells = (t: { header: string[]; rows: ReportCell[][] }): ReportCell[][] => [t.header, ...t.rows];

export const FORMULAS: FormulaSpec[] = [
  {
    name: 'CAMPAIGN_METRIC',
    scalar: true,
    summary: 'A campaign metric over a date range.',
    params: [
      PARAM.campaign,
      PARAM.metric,
      PARAM.from, PARAM.to,
      { name: 'contact_attribution', optional: true, help: '"first touch" (default) or "last touch", for new contacts.' },
      PARAM.version,
    ],
    returns: 'The metric\'s value.',
    needsWorkbook: true,
    run(d, [campaign, metric, from, to, ca]) {
      const data = dataOf(d);
      const k = campaignArg(data, campaign);
      const m = parseMetric(text(metric, 'metric'));
      const range = rangeOfArgs(data, from, to, REVENUE_METRICS.has(m) ? 'last 365 days' : 'all');
      return data.metric(k, m, range, parseContactAttribution(text(ca, 'contact_attribution')));
    },
  },
  {
    name: 'CAMPAIGN_CONTACTS',
    summary: 'The contacts behind a contact count, with the date and interaction that made each count.',
    params: [
      PARAM.campaign,
      { name: 'metric', help: 'new contacts, influenced contacts, contacts with revenue or revenue attribution contacts.' },
      PARAM.from, PARAM.to,
      { name: 'contact_attribution', optional: true, help: '"first touch" (default) or "last touch" for new contacts; the attribution model (default "Linear") for revenue attribution contacts.' },
      PARAM.version,
    ],
    returns: 'A table: Contact ID, the date that made it count, Interaction ID, type and asset (and the deal for revenue lists), as many rows as CAMPAIGN_METRIC counts.',
    needsWorkbook: true,
    run(d, [campaign, metric, from, to, qualifier]) {
      const data = dataOf(d);
      const k = campaignArg(data, campaign);
      const list = parseContactList(text(metric, 'metric'));
      const options = parseListQualifier(list, text(qualifier, 'contact_attribution'));
      // Revenue lists keep the last 365 days of the range themselves, as CAMPAIGN_METRIC does.
      return tableCells(data.contacts(k, list, rangeOfArgs(data, from, to), options));
    },
  },
  {
    name: 'CAMPAIGN_ATTRIBUTION',
    scalar: true,
    summary: 'The credit a campaign earns under an attribution model.',
    params: [PARAM.campaign, PARAM.reportType, PARAM.model, PARAM.from, PARAM.to, PARAM.version],
    returns: 'Attributed revenue, or fractional contacts or deals.',
    needsWorkbook: true,
    run(d, [campaign, type, model, from, to]) {
      const data = dataOf(d);
      const k = campaignArg(data, campaign);
      const t = parseReportType(text(type, 'report_type'));
      const m = parseModel(text(model, 'model'));
      assertModelServes(m, t);
      return data.credit(t, m, rangeOfArgs(data, from, to))[k];
    },
  },
  {
    name: 'ATTRIBUTION_TABLE',
    summary: 'Every campaign\'s credit, conversions touched and value under one model.',
    params: [PARAM.reportType, PARAM.model, PARAM.from, PARAM.to, PARAM.version],
    returns: 'A table: Campaign, credit, conversions touched (and for revenue, associated deal value).',
    needsWorkbook: true,
    run(d, [type, model, from, to]) {
      const data = dataOf(d);
      const t = parseReportType(text(type, 'report_type'));
      const m = parseModel(text(model, 'model'));
      assertModelServes(m, t);
      return tableCells(attributionTable(data, t, m, rangeOfArgs(data, from, to)));
    },
  },
  {
    name: 'MODEL_COMPARISON',
    summary: 'Every campaign\'s credit under every model that serves the report type.',
    params: [PARAM.reportType, PARAM.from, PARAM.to, PARAM.version],
    returns: 'A table: Campaign, then one column per model.',
    needsWorkbook: true,
    run(d, [type, from, to]) {
      const data = dataOf(d);
      return tableCells(modelComparisonTable(data, parseReportType(text(type, 'report_type')), rangeOfArgs(data, from, to)));
    },
  },
  {
    name: 'CAMPAIGN_TREND',
    summary: 'A campaign metric per day or month.',
    params: [
      PARAM.campaign,
      PARAM.metric,
      { name: 'frequency', optional: true, help: '"daily" (default) or "monthly".' },
      PARAM.from, PARAM.to, PARAM.version,
    ],
    returns: 'A table: Date (or Month), value.',
    needsWorkbook: true,
    run(d, [campaign, metric, frequency, from, to]) {
      const data = dataOf(d);
      const k = campaignArg(data, campaign);
      const m = parseMetric(text(metric, 'metric'));
      const f = parseFrequency(text(frequency, 'frequency'));
      const trend = data.trend(k, m, rangeOfArgs(data, from, to, REVENUE_METRICS.has(m) ? 'last 365 days' : 'all'), f);
      return [[f === 'daily' ? 'Date' : 'Month', m[0].toUpperCase() + m.slice(1)], ...trend.labels.map((l, i) => [l, trend.values[i]])];
    },
  },
  {
    name: 'REMOVAL_EFFECTS',
    summary: 'What the data-driven models see: each campaign\'s Markov removal effect and credited conversions.',
    params: [PARAM.reportType, PARAM.from, PARAM.to, PARAM.version],
    returns: 'A table: Player, removal effect, conversions credited (Markov).',
    needsWorkbook: true,
    run(d, [type, from, to]) {
      const data = dataOf(d);
      return tableCells(removalEffectsTable(data, parseReportType(text(type, 'report_type')), rangeOfArgs(data, from, to)));
    },
  },
  {
    name: 'TRACKING_URL',
    scalar: true,
    summary: 'A URL tagged with UTM parameters.',
    params: [
      { name: 'url', help: 'The landing page, http:// or https://, or a range of pages.' },
      { name: 'campaign', help: 'utm_campaign value (a campaign\'s UTM campaign).' },
      { name: 'source', help: 'utm_source, e.g. linkedin, google, newsletter.' },
      { name: 'medium', help: 'utm_medium, e.g. social, cpc, email.' },
      { name: 'term', optional: true, help: 'utm_term (paid search keyword).' },
      { name: 'content', optional: true, help: 'utm_content (which ad or link).' },
    ],
    returns: 'The tagged URL.',
    needsWorkbook: false,
    run(_a, [url, campaign, source, medium, term, content]) {
      return trackingUrl({
        url: text(url, 'url'), campaign: text(campaign, 'campaign'), source: text(source, 'source'),
        medium: text(medium, 'medium'), term: text(term, 'term'), content: text(content, 'content'),
      });
    },
  },
  {
    name: 'TRAFFIC_SOURCE',
    scalar: true,
    summary: 'The source category HubSpot\'s rules give a visit.',
    params: [
      { name: 'url', help: 'The page URL with its utm_ parameters if any, or a range of URLs.' },
      { name: 'referrer', optional: true, help: 'The referring URL or domain.' },
    ],
    returns: 'One of the nine source categories.',
    needsWorkbook: false,
    run(_a, [url, referrer]) {
      return trafficSource(text(url, 'url'), text(referrer, 'referrer'));
    },
  },
];

export interface TrackingUrlInput {
  url: string;
  campaign: string;
  source: string;
  medium: string;
  term?: string;
  content?: string;
}

/** Builds a tagged URL; rejects what would not track. */
export function trackingUrl(i: TrackingUrlInput): string {
  const url = i.url.trim();
  if (!/^https?:\/\/[^\s/?#.]+\.[^\s/?#]+([/?#][^\s]*)?$/i.test(url)) {
    throw new Error(`"${i.url}" is not a web address: give a full URL such as https://www.example.com/page.`);
  }
  for (const [name, v] of [['campaign', i.campaign], ['source', i.source], ['medium', i.medium]] as const) {
    if (!v.trim()) throw new Error(`The ${name} is required for a tracking URL.`);
  }
  const hashAt = url.indexOf('#');
  const base = hashAt < 0 ? url : url.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : url.slice(hashAt);
  const existing = queryParams(base);
  const pairs = ([['utm_campaign', i.campaign], ['utm_source', i.source], ['utm_medium', i.medium], ['utm_term', i.term ?? ''], ['utm_content', i.content ?? '']] as const)
    .filter(([k, v]) => v.trim() !== '' && !existing.has(k))
    .map(([k, v]) => `${k}=${encodeURIComponent(v.trim())}`);
  for (const k of ['utm_campaign', 'utm_source', 'utm_medium']) {
    if (existing.has(k)) throw new Error(`The URL already has ${k}: remove it, or use the URL as it is.`);
  }
  const sep = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return base + sep + pairs.join('&') + hash;
}

export function trafficSource(url: string, referrer = ''): string {
  const q = queryParams(url);
  return deriveSourceCategory({
    utm: { campaign: q.get('utm_campaign') ?? '', source: q.get('utm_source') ?? '', medium: q.get('utm_medium') ?? '', term: q.get('utm_term') ?? '', content: q.get('utm_content') ?? '' },
    referrer,
    gclid: q.has('gclid'),
    isPageView: true,
  });
}

export function formulaByName(name: string): FormulaSpec {
  const f = FORMULAS.find((x) => x.name === name.trim().toUpperCase());
  if (!f) throw new Error(`Unknown formula "${name}": use one of ${FORMULAS.map((x) => x.name).join(', ')}.`);
  return f;
}

/** Runs a formula on the workbook's data (null for the formulas that do not read the workbook). */
export function runFormula(data: FormulaData | null, name: string, args: FormulaArg[]): FormulaResult {
  const f = formulaByName(name);
  if (args.length > f.params.length) throw new Error(`${f.name} takes at most ${f.params.length} arguments: ${signature(f)}.`);
  return eachCell(f, args, (cellArgs) => {
    checkArguments(f, cellArgs);
    return f.run(data, cellArgs);
  });
}

const isBlank = (v: FormulaArg) => v === '' || v === null || v === undefined;
const isMultiCell = (v: FormulaArg): v is FormulaArg[][] => Array.isArray(v) && v.length > 0 && (v.length > 1 || (v[0] as FormulaArg[]).length > 1);

/**
 * A one-value formula given ranges (a column of campaigns, of URLs, of dates) answers every cell in
 * one call, shaped as the ranges: Sheets runs each formula call separately, so one call for a column
 * is far cheaper than one per row. Every range argument must have the same shape; a single value
 * applies to every cell. A cell whose first argument is blank stays blank; a cell that cannot be
 * answered shows its error message.
 */
export function eachCell(f: FormulaSpec, args: FormulaArg[], one: (args: FormulaArg[]) => FormulaResult): FormulaResult {
  if (!f.scalar) return one(args);
  const ranges = args.flatMap((arg, i) => (isMultiCell(arg) ? [{ arg, i }] : []));
  if (!ranges.length) return one(args);
  const [rows, cols] = [ranges[0].arg.length, ranges[0].arg[0].length];
  const nameOf = (i: number) => f.params[i]?.name ?? `argument ${i + 1}`;
  for (const { arg, i } of ranges) {
    if (arg.length !== rows || arg.some((row) => row.length !== cols)) {
      throw new Error(`${f.name}: ranges must have the same shape; ${nameOf(ranges[0].i)} is ${rows} x ${cols} cells, ${nameOf(i)} is ${arg.length} x ${arg[0]?.length ?? 0}.`);
    }
  }
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => {
    const cellArgs = args.map((arg) => (isMultiCell(arg) ? arg[r][c] : arg));
    if (isBlank(cellArgs[0])) return '';
    try {
      return one(cellArgs) as number | string;
    } catch (e) {
      return (e as Error).message;
    }
  }));
}

/** Too many arguments, or a required one blank: a message with the signature and the help. */
function checkArguments(f: FormulaSpec, args: FormulaArg[]): void {
  const required = f.params.filter((p) => !p.optional).length;
  if (args.length > f.params.length) throw new Error(`${f.name} takes at most ${f.params.length} arguments: ${signature(f)}.`);
  for (let i = 0; i < required; i++) {
    const v = args[i];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.flat().every((c) => c === '' || c === null))) {
      throw new Error(`${f.name} needs ${f.params[i].name}: ${signature(f)}. ${f.params[i].help}`);
    }
  }
}

export const signature = (f: FormulaSpec) =>
  `${f.name}(${f.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ')})`;

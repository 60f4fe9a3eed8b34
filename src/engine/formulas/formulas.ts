/**
 * @fileoverview The formulas users call from cells (exposed as custom functions in Sheets and as
 * `campaign-sheets eval`). Each takes loose arguments, says what is accepted when one is wrong,
 * and returns a number, a text or a table with a header row.
 */
import type { Analysis } from '../analysis';
import { attribute, type CampaignCredit } from '../attribution/credit';
import { assertModelServes, parseModel, parseReportType } from '../attribution/catalog';
import { metricEvents, metricValue, parseContactAttribution, parseMetric } from '../metrics/campaign-metrics';
import { bucketSums, buckets, dataSpanOf, parseFrequency } from '../metrics/trend';
import { attributionTable, modelComparisonTable } from '../reports/attribution';
import { removalEffectsTable } from '../reports/removal-effects';
import { findCampaign } from '../reports/query';
import type { ReportCell } from '../report-tab/report-tab';
import { rangeFromArgs } from '../time/range';
import { deriveSourceCategory } from '../model/source-category';
import { queryParams } from '../web/url';
import { dateArg, text, type FormulaArg } from './arguments';

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
  run(a: Analysis | null, args: FormulaArg[]): FormulaResult;
}

const P = {
  campaign: { name: 'campaign', help: 'Campaign ID or name from the Campaigns tab, or a range of them (one answer per cell).' },
  from: { name: 'from', optional: true, help: 'First day of the range (a date or 2026-03-01); blank: all data (revenue metrics: last 365 days).' },
  to: { name: 'to', optional: true, help: 'Last day of the range, included; blank: today.' },
  reportType: { name: 'report_type', optional: true, help: '"contact create", "deal create" or "revenue" (default).' },
  model: { name: 'model', optional: true, help: 'Attribution model, default "Linear": First interaction, Last interaction, Linear, U-shaped, W-shaped, Full path, Time decay, J-shaped, Inverse J, Markov, Shapley.' },
} satisfies Record<string, FormulaParam>;

const need = (a: Analysis | null): Analysis => {
  if (!a) throw new Error('This formula needs the workbook.');
  return a;
};

const REVENUE_METRICS = new Set(['revenue', 'deals with revenue', 'contacts with revenue']);

const creditRow = (c: CampaignCredit) => c.credit;

export const FORMULAS: FormulaSpec[] = [
  {
    name: 'CAMPAIGN_METRIC',
    scalar: true,
    summary: 'A campaign metric over a date range.',
    params: [
      P.campaign,
      { name: 'metric', help: 'sessions, new contacts, influenced contacts, revenue, deals with revenue, contacts with revenue, views or new visitor sessions.' },
      P.from, P.to,
      { name: 'contact_attribution', optional: true, help: '"first touch" (default) or "last touch", for new contacts.' },
    ],
    returns: 'The metric\'s value.',
    needsWorkbook: true,
    run(a0, [campaign, metric, from, to, ca]) {
      const a = need(a0);
      const k = findCampaign(a, text(campaign, 'campaign'));
      const m = parseMetric(text(metric, 'metric'));
      const range = rangeFromArgs(dateArg(from, 'from'), dateArg(to, 'to'), a.zone, a.now, REVENUE_METRICS.has(m) ? 'last 365 days' : 'all');
      return metricValue(a, k, m, range, parseContactAttribution(text(ca, 'contact_attribution')));
    },
  },
  {
    name: 'CAMPAIGN_ATTRIBUTION',
    scalar: true,
    summary: 'The credit a campaign earns under an attribution model.',
    params: [P.campaign, P.reportType, P.model, P.from, P.to],
    returns: 'Attributed revenue, or fractional contacts or deals.',
    needsWorkbook: true,
    run(a0, [campaign, type, model, from, to]) {
      const a = need(a0);
      const k = findCampaign(a, text(campaign, 'campaign'));
      const t = parseReportType(text(type, 'report_type'));
      const m = parseModel(text(model, 'model'));
      assertModelServes(m, t);
      return creditRow(attribute(a, t, m, rangeFromArgs(dateArg(from, 'from'), dateArg(to, 'to'), a.zone, a.now)).byCampaign[k]);
    },
  },
  {
    name: 'ATTRIBUTION_TABLE',
    summary: 'Every campaign\'s credit, conversions touched and value under one model.',
    params: [P.reportType, P.model, P.from, P.to],
    returns: 'A table: Campaign, credit, conversions touched (and for revenue, associated deal value).',
    needsWorkbook: true,
    run(a0, [type, model, from, to]) {
      const a = need(a0);
      const t = parseReportType(text(type, 'report_type'));
      const m = parseModel(text(model, 'model'));
      assertModelServes(m, t);
      const table = attributionTable(a, t, m, rangeFromArgs(dateArg(from, 'from'), dateArg(to, 'to'), a.zone, a.now));
      return [table.header, ...table.rows];
    },
  },
  {
    name: 'MODEL_COMPARISON',
    summary: 'Every campaign\'s credit under every model that serves the report type.',
    params: [P.reportType, P.from, P.to],
    returns: 'A table: Campaign, then one column per model.',
    needsWorkbook: true,
    run(a0, [type, from, to]) {
      const a = need(a0);
      const t = parseReportType(text(type, 'report_type'));
      const table = modelComparisonTable(a, t, rangeFromArgs(dateArg(from, 'from'), dateArg(to, 'to'), a.zone, a.now));
      return [table.header, ...table.rows];
    },
  },
  {
    name: 'CAMPAIGN_TREND',
    summary: 'A campaign metric per day or month.',
    params: [
      P.campaign,
      { name: 'metric', help: 'sessions, new contacts, influenced contacts, revenue, deals with revenue, contacts with revenue, views or new visitor sessions.' },
      { name: 'frequency', optional: true, help: '"daily" (default) or "monthly".' },
      P.from, P.to,
    ],
    returns: 'A table: Date (or Month), value.',
    needsWorkbook: true,
    run(a0, [campaign, metric, frequency, from, to]) {
      const a = need(a0);
      const k = findCampaign(a, text(campaign, 'campaign'));
      const m = parseMetric(text(metric, 'metric'));
      const f = parseFrequency(text(frequency, 'frequency'));
      const range = rangeFromArgs(dateArg(from, 'from'), dateArg(to, 'to'), a.zone, a.now, REVENUE_METRICS.has(m) ? 'last 365 days' : 'all');
      const b = buckets(a, range, f, () => dataSpanOf(a));
      const sums = bucketSums(b, metricEvents(a, k, m, range));
      return [[f === 'daily' ? 'Date' : 'Month', m[0].toUpperCase() + m.slice(1)], ...b.labels.map((l, i) => [l, sums[i]])];
    },
  },
  {
    name: 'REMOVAL_EFFECTS',
    summary: 'What the data-driven models see: each campaign\'s Markov removal effect and credited conversions.',
    params: [P.reportType, P.from, P.to],
    returns: 'A table: Player, removal effect, conversions credited (Markov).',
    needsWorkbook: true,
    run(a0, [type, from, to]) {
      const a = need(a0);
      const t = parseReportType(text(type, 'report_type'));
      const table = removalEffectsTable(a, t, rangeFromArgs(dateArg(from, 'from'), dateArg(to, 'to'), a.zone, a.now));
      return [table.header, ...table.rows];
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

/** Runs a formula; a table's cells are numbers, text or blank. */
export function runFormula(a: Analysis | null, name: string, args: FormulaArg[]): FormulaResult {
  return eachFirstCell(formulaByName(name), args, (cellArgs) => runOne(a, name, cellArgs));
}

/**
 * A one-value formula given a range as its first argument (a column of campaigns, of URLs) answers
 * every cell in one call, shaped as the range: Sheets runs each formula call separately, so one
 * call for a column is far cheaper than one per row. A cell that cannot be answered shows its
 * error message; blank cells stay blank.
 */
export function eachFirstCell(f: FormulaSpec, args: FormulaArg[], one: (args: FormulaArg[]) => FormulaResult): FormulaResult {
  const first = args[0];
  if (!f.scalar || !Array.isArray(first) || first.flat().length <= 1) return one(args);
  return first.map((row) => (row as FormulaArg[]).map((cell) => {
    if (cell === '' || cell === null || cell === undefined) return '';
    try {
      return one([cell, ...args.slice(1)]) as number | string;
    } catch (e) {
      return (e as Error).message;
    }
  }));
}

function runOne(a: Analysis | null, name: string, args: FormulaArg[]): FormulaResult {
  const f = formulaByName(name);
  checkArguments(f, args);
  return f.run(a, args);
}

/** Too many arguments, or a required one blank: a message with the signature and the help. */
export function checkArguments(f: FormulaSpec, args: FormulaArg[]): void {
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

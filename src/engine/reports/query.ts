/**
 * @fileoverview What a report run is asked for (campaign, range, model, ...), resolved from loose
 * user input, and the header block every report tab shows.
 */
import type { Analysis } from '../analysis';
import { DEFAULT_MODEL, parseModel, parseReportType, type AttributionModel, type ReportType } from '../attribution/catalog';
import { parseContactAttribution, type ContactAttribution } from '../metrics/campaign-metrics';
import { dataDaysOf, defaultFrequency, parseFrequencyChoice, type Frequency } from '../metrics/trend';
import { parsePreset, presetRange, rangeFromArgs, type DateInput, type DateRange } from '../time/range';
import { dateTimeText, timeZone, type TimeZone } from '../time/zone';
import type { ReportParameters } from '../report-tab/report-tab';

export interface ReportQuery {
  campaign: number;
  /** The range the user chose; null: each report's default (all data; revenue: last 365 days). */
  range: DateRange | null;
  contactAttribution: ContactAttribution;
  reportType: ReportType;
  model: AttributionModel;
  frequency: Frequency;
}

/** Loose input as it comes from the CLI, the sidebar or a saved report. */
export interface QueryInput {
  campaign?: string | number;
  from?: DateInput;
  to?: DateInput;
  /** A sidebar preset; overrides from/to unless `custom`. */
  preset?: string;
  contactAttribution?: string;
  reportType?: string;
  model?: string;
  /** `daily`, `monthly`, or blank / `auto`: daily for ranges up to 90 days, monthly beyond. */
  frequency?: string;
}

/** A campaign by ID or by name (case-insensitive); the first campaign when blank. */
export function findCampaign(a: Analysis, input: unknown): number {
  return campaignIndexOf(a.model.workbook.campaigns, input);
}

/** The same lookup on a plain campaign list (the formula store has no analysis). */
export function campaignIndexOf(campaigns: readonly { id: string; name: string }[], input: unknown): number {
  if (input === undefined || input === null || String(input).trim() === '') {
    if (!campaigns.length) throw new Error('The Campaigns tab has no campaigns.');
    return 0;
  }
  const text = String(input).trim();
  let k = campaigns.findIndex((c) => c.id === text);
  if (k < 0) k = campaigns.findIndex((c) => c.name.toLowerCase() === text.toLowerCase());
  if (k < 0) {
    const names = campaigns.slice(0, 10).map((c) => `${c.id} (${c.name})`).join(', ');
    throw new Error(`Unknown campaign "${text}": give a Campaign ID or a name from the Campaigns tab, such as ${names}${campaigns.length > 10 ? ', ...' : ''}.`);
  }
  return k;
}

export function resolveQuery(a: Analysis, input: QueryInput = {}): ReportQuery {
  return resolveQueryOn({ zone: a.zone, now: a.now, campaigns: a.model.workbook.campaigns, dataDays: () => dataDaysOf(a) }, input);
}

/** The same for report data that is not an analysis (a warehouse's). */
export function resolveQueryOn(a: QueryContext, input: QueryInput = {}): ReportQuery {
  let range: DateRange | null = null;
  const preset = input.preset === undefined || input.preset === '' ? null : parsePreset(input.preset);
  if (preset && preset !== 'custom') {
    range = presetRange(preset, a.zone, a.now);
  } else if ((input.from !== undefined && input.from !== '') || (input.to !== undefined && input.to !== '')) {
    range = rangeFromArgs(input.from, input.to, a.zone, a.now);
  } else if (preset === 'custom') {
    range = presetRange('all', a.zone, a.now);
  }
  return {
    campaign: campaignIndexOf(a.campaigns, input.campaign),
    range,
    contactAttribution: parseContactAttribution(input.contactAttribution),
    reportType: parseReportType(input.reportType),
    model: input.model ? parseModel(input.model) : DEFAULT_MODEL,
    frequency: frequencyOf(a, input.frequency, range),
  };
}

/** The zone and "now" that resolve default ranges: an analysis or a report's data. */
export interface Clock {
  zone: TimeZone;
  now: number;
}

/** What a query is resolved against: the clock, the campaigns, and the data's first and last local day. */
export interface QueryContext extends Clock {
  campaigns: readonly { id: string; name: string }[];
  dataDays: () => [number, number] | null;
}

/** The context of a formula store's data (the warehouse path has no analysis). */
export function storeQueryContext(meta: { timeZone: string; now: number; campaigns: readonly { id: string; name: string }[]; dataDays: [number, number] | null }): QueryContext {
  return { zone: timeZone(meta.timeZone), now: meta.now, campaigns: meta.campaigns, dataDays: () => meta.dataDays };
}

/** The chosen frequency, or the range's when none was chosen. */
function frequencyOf(a: QueryContext, input: string | undefined, range: DateRange | null): Frequency {
  const f = parseFrequencyChoice(input);
  return f === 'auto' ? defaultFrequency(range ?? presetRange('all', a.zone, a.now), a.dataDays) : f;
}

/** The query's range, or the report's default one. */
export function rangeOf(a: Clock, q: ReportQuery, fallback: 'all' | 'last 365 days' = 'all'): DateRange {
  return q.range ?? presetRange(fallback, a.zone, a.now);
}

export type ParameterName = 'campaign' | 'range' | 'contactAttribution' | 'reportType' | 'model' | 'frequency';

/** The header block: the chosen parameters, the time zone and when the data was read. */
export function reportParameters(a: Clock & ({ campaigns: readonly { name: string }[] } | Analysis), q: ReportQuery, names: ParameterName[], range?: DateRange): ReportParameters {
  const campaigns = 'campaigns' in a ? a.campaigns : a.model.workbook.campaigns;
  const out: ReportParameters = [];
  for (const n of names) {
    if (n === 'campaign') out.push(['Campaign', campaigns[q.campaign]?.name ?? '']);
    if (n === 'range') out.push(['Date range', (range ?? rangeOf(a, q)).label]);
    if (n === 'contactAttribution') out.push(['Contact attribution', q.contactAttribution]);
    if (n === 'reportType') out.push(['Report type', q.reportType]);
    if (n === 'model') out.push(['Model', q.model]);
    if (n === 'frequency') out.push(['Frequency', q.frequency]);
  }
  out.push(['Time zone', a.zone.name]);
  out.push(['Data as of', dateTimeText(a.now, a.zone)]);
  return out;
}

export { REPORT_PREFIX } from './report-names';

/**
 * @fileoverview Every model's version of the report tabs that depend on the attribution model,
 * built from the run's one analysis (its attributions are cached, so each extra model costs
 * little): what lets the HTML report switch models in the page, with no server.
 */
import type { Analysis } from '../analysis';
import { modelsFor } from '../attribution/catalog';
import type { ModelVariants, ReportTab } from '../report-tab/report-tab';
import { buildReports, type ReportKey } from './all-reports';
import type { ReportQuery } from './query';

/** The tabs whose numbers change with the model; the others show every model, or none. */
export const MODEL_DEPENDENT_REPORTS: readonly ReportKey[] = ['attribution', 'revenue-attribution'];

/**
 * Each model of the query's report type with its version of the model-dependent tabs the run
 * wrote (`runTabs`, whose own objects are the query's model's version); null when the run wrote
 * none of them.
 */
export function modelVariants(a: Analysis, q: ReportQuery, runTabs: readonly ReportTab[]): ModelVariants | null {
  const own = runTabs.filter((t) => (MODEL_DEPENDENT_REPORTS as readonly string[]).includes(t.key));
  if (!own.length) return null;
  const keys = own.map((t) => t.key as ReportKey);
  return {
    selected: q.model,
    variants: modelsFor(q.reportType).map((model) => ({ model, tabs: model === q.model ? own : buildReports(a, { ...q, model }, keys) })),
  };
}

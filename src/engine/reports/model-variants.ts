/**
 * @fileoverview Every model's version of the report tabs that depend on the attribution model,
 * built from the run's one analysis (its attributions are cached, so each extra model costs
 * little): what lets the HTML report switch models in the page, with no server.
 */
import type { Analysis } from '../analysis';
import { modelsFor } from '../attribution/catalog';
import type { ModelVariants } from '../report-tab/report-tab';
import { buildReports, type ReportKey } from './all-reports';
import type { ReportQuery } from './query';

/** The tabs whose numbers change with the model; the others show every model, or none. */
export const MODEL_DEPENDENT_REPORTS: readonly ReportKey[] = ['attribution', 'revenue-attribution'];

/**
 * Each model of the query's report type with its version of the model-dependent tabs among
 * `keys` (the tabs the run wrote); null when the run wrote none of them.
 */
export function modelVariants(a: Analysis, q: ReportQuery, keys: readonly ReportKey[]): ModelVariants | null {
  const wanted = MODEL_DEPENDENT_REPORTS.filter((k) => keys.includes(k));
  if (!wanted.length) return null;
  return {
    selected: q.model,
    variants: modelsFor(q.reportType).map((model) => ({
      model,
      tabs: model === q.model ? [] : buildReports(a, { ...q, model }, wanted),
    })),
  };
}

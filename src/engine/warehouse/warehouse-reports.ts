/**
 * @fileoverview Report tabs and formula answers from a warehouse: the same builders and formulas as
 * the workbook path on warehouse report data, passes repeated until every per-campaign query they
 * need has been run (two or three passes: figures, then what depends on them). Each is a plan
 * (runner.ts) that Node drives asynchronously and the add-on synchronously.
 */
import { buildReportsFrom, REPORT_KEYS, type ReportKey } from '../reports/all-reports';
import type { ReportData } from '../reports/report-data';
import type { ReportQuery } from '../reports/query';
import type { ModelVariants, ReportTab } from '../report-tab/report-tab';
import { modelVariantsFrom } from '../reports/model-variants';
import type { FormulaArg } from '../formulas/arguments';
import { formulaByName, runFormula, type FormulaResult } from '../formulas/formulas';
import { drive, type StatementRunner, type Timing, type WarehousePlan } from './runner';
import { warehouseReportData, type Fetched, type Prepared, type Request } from './warehouse-report-data';

const MAX_PASSES = 5;

/**
 * Anything computed from report data (tabs, a summary, a formula), asking the warehouse for what it
 * lacks. A pass on incomplete data may fail (a formula on empty figures); only the last pass's
 * error counts.
 */
export function* reportDataPlan<T>(p: Prepared, compute: (d: ReportData) => T): WarehousePlan<T> {
  const fetched: Fetched = new Map();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const missing = new Map<string, Request>();
    let value: T;
    try {
      value = compute(warehouseReportData(p, fetched, missing));
    } catch (e) {
      if (!missing.size) throw e;
    }
    if (!missing.size) return value!;
    for (const r of missing.values()) fetched.set(r.key, yield r.statement);
  }
  throw new Error('The report kept asking the warehouse for more; this is a bug.');
}

export const warehouseReportsPlan = (p: Prepared, q: ReportQuery, keys: readonly ReportKey[] = REPORT_KEYS): WarehousePlan<ReportTab[]> =>
  reportDataPlan(p, (d) => buildReportsFrom(d, q, keys));

export function buildWarehouseReports(runner: StatementRunner, p: Prepared, q: ReportQuery, keys: readonly ReportKey[] = REPORT_KEYS,
  timing?: Timing): Promise<ReportTab[]> {
  return drive(warehouseReportsPlan(p, q, keys), (s) => runner.run(s), timing);
}

/** Every model's version of the model-dependent tabs the run wrote, for the HTML report's model selector. */
export const modelVariantsPlan = (p: Prepared, q: ReportQuery, runTabs: readonly ReportTab[]): WarehousePlan<ModelVariants | null> =>
  reportDataPlan(p, (d) => modelVariantsFrom(q, runTabs, (model, keys) => buildReportsFrom(d, { ...q, model }, keys)));

export function warehouseModelVariants(runner: StatementRunner, p: Prepared, q: ReportQuery, runTabs: readonly ReportTab[],
  timing?: Timing): Promise<ModelVariants | null> {
  return drive(modelVariantsPlan(p, q, runTabs), (s) => runner.run(s), timing);
}

/**
 * A formula answered from the warehouse's results and, for what no store holds (contact lists,
 * contacts with revenue over any range), its queries.
 */
export function* formulaPlan(p: Prepared, name: string, args: FormulaArg[]): WarehousePlan<FormulaResult> {
  if (!formulaByName(name).needsWorkbook) return runFormula(null, name, args);
  return yield* reportDataPlan(p, (d) => runFormula(d, name, args));
}

export function answerFormulaFromWarehouse(runner: StatementRunner, p: Prepared, name: string, args: FormulaArg[]): Promise<FormulaResult> {
  return drive(formulaPlan(p, name, args), (s) => runner.run(s));
}

/**
 * @fileoverview Report tabs and formula answers from a warehouse: the same builders and formulas as
 * the workbook path on warehouse report data, passes repeated until every per-campaign query they
 * need has been run (two or three passes: figures, then what depends on them).
 */
import { buildReportsFrom, REPORT_KEYS, type ReportKey } from '../reports/all-reports';
import type { ReportQuery } from '../reports/query';
import type { ReportData } from '../reports/report-data';
import type { ModelVariants, ReportTab } from '../report-tab/report-tab';
import { modelVariantsFrom } from '../reports/model-variants';
import type { FormulaArg } from '../formulas/arguments';
import { formulaByName, runFormula, type FormulaResult } from '../formulas/formulas';
import type { StatementRunner } from './runner';
import { warehouseReportData, type Fetched, type Prepared, type Request } from './warehouse-report-data';

const MAX_PASSES = 5;

/**
 * Runs `use` on the warehouse's report data until it asks for nothing more. A pass on incomplete
 * data may fail (a formula on empty figures); only the last pass's error counts.
 */
export async function onWarehouse<T>(runner: StatementRunner, p: Prepared, use: (d: ReportData) => T,
  timing?: (name: string, ms: number) => void): Promise<T> {
  const fetched: Fetched = new Map();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const missing = new Map<string, Request>();
    let out: T;
    try {
      out = use(warehouseReportData(p, fetched, missing));
    } catch (e) {
      if (!missing.size) throw e;
    }
    if (!missing.size) return out!;
    for (const r of missing.values()) {
      const t0 = Date.now();
      fetched.set(r.key, await runner.run(r.statement));
      timing?.(r.statement.name, Date.now() - t0);
    }
  }
  throw new Error('The report kept asking the warehouse for more; this is a bug.');
}

export function buildWarehouseReports(runner: StatementRunner, p: Prepared, q: ReportQuery, keys: readonly ReportKey[] = REPORT_KEYS,
  timing?: (name: string, ms: number) => void): Promise<ReportTab[]> {
  return onWarehouse(runner, p, (d) => buildReportsFrom(d, q, keys), timing);
}

/** Every model's version of the model-dependent tabs the run wrote, for the HTML report's model selector. */
export function warehouseModelVariants(runner: StatementRunner, p: Prepared, q: ReportQuery, runTabs: readonly ReportTab[],
  timing?: (name: string, ms: number) => void): Promise<ModelVariants | null> {
  return onWarehouse(runner, p, (d) => modelVariantsFrom(q, runTabs, (model, keys) => buildReportsFrom(d, { ...q, model }, keys)), timing);
}

/** A formula answered from the warehouse's results and, for what no store holds (contact lists, contacts with revenue over any range), its queries. */
export async function answerFormulaFromWarehouse(runner: StatementRunner, p: Prepared, name: string, args: FormulaArg[]): Promise<FormulaResult> {
  if (!formulaByName(name).needsWorkbook) return runFormula(null, name, args);
  return onWarehouse(runner, p, (d) => runFormula(d, name, args));
}

import { generateDemoWorkbook } from '../src/demo/generate';
import { analyse } from '../src/engine/analysis';
import { buildReports, REPORT_KEYS } from '../src/engine/reports/all-reports';
import { resolveQuery } from '../src/engine/reports/query';
import { layoutTab } from '../src/engine/report-tab/layout';
const raw = generateDemoWorkbook({});
console.log(Object.values(raw).reduce((n, t) => n + t.length * t[0].length, 0), 'demo cells');
const a = analyse(raw, {});
for (const t of buildReports(a, resolveQuery(a, {}), REPORT_KEYS)) {
  const l = layoutTab(t);
  console.log(t.key, l.placements.map((p) => `${p.blockId}@${p.headerRow}x${p.rowCount}`).join(' '), JSON.stringify(t.parameters));
}

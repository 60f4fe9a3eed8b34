/**
 * @fileoverview A report tab's native charts: where they sit (right of the tables, one under the
 * other, inside the tab's grid, which is sized to hold them) and keeping one chart per spec,
 * found again by the id stored for it and updated in place rather than duplicated.
 */
import type { ChartSpec, ReportTab, TabLayout } from '../engine/report-tab/report-tab';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Properties = GoogleAppsScript.Properties.Properties;

const CHART_IDS = 'cs.charts:';
/** A chart is 640 x 360 px: about 7 default columns (100 px) and 18 rows (21 px). */
const CHART_COLUMNS = 7;
const CHART_ROWS = 18;
/** Rows from one chart's anchor to the next. */
const CHART_STEP = 20;

export interface ChartPlace {
  row: number;
  column: number;
}

/** Anchors for `count` charts beside a layout, and the grid that holds the tables and charts. */
export function chartPlaces(layout: TabLayout, count: number): { places: ChartPlace[]; rows: number; columns: number } {
  const column = layout.width + 2;
  const places = Array.from({ length: count }, (_, i) => ({ row: layout.frozenRows + 2 + i * CHART_STEP, column }));
  const last = places[places.length - 1];
  return {
    places,
    rows: last ? Math.max(layout.grid.length, last.row + CHART_ROWS) : layout.grid.length,
    columns: last ? column + CHART_COLUMNS - 1 : layout.width,
  };
}

const CHART_TYPES = (): Record<ChartSpec['type'], GoogleAppsScript.Charts.ChartType> => ({
  line: Charts.ChartType.LINE, column: Charts.ChartType.COLUMN, bar: Charts.ChartType.BAR, pie: Charts.ChartType.PIE,
});

/** One chart per spec, found again by the id stored for it: updated, never duplicated. */
export function syncCharts(sheet: Sheet, properties: Properties, tab: ReportTab, layout: TabLayout): void {
  const key = CHART_IDS + tab.name;
  const stored: Record<string, number> = JSON.parse(properties.getProperty(key) ?? '{}');
  const existing = new Map(sheet.getCharts().map((c) => [c.getChartId(), c]));
  const next: Record<string, number> = {};
  const specs = tab.charts.filter((spec) => layout.placements.some((p) => p.blockId === spec.blockId));
  const { places } = chartPlaces(layout, specs.length);
  specs.forEach((spec, i) => {
    const place = layout.placements.find((p) => p.blockId === spec.blockId)!;
    const lastRow = place.headerRow + Math.max(place.rowCount, 1);
    const column = (c: number) => sheet.getRange(place.headerRow + 1, c + 1, lastRow - place.headerRow, 1);
    const old = existing.get(stored[spec.id]);
    let builder = old ? old.modify().clearRanges() : sheet.newChart();
    builder = builder.setChartType(CHART_TYPES()[spec.type]).addRange(column(spec.domainColumn));
    for (const c of spec.seriesColumns) builder = builder.addRange(column(c));
    builder = builder
      .setPosition(places[i].row, places[i].column, 0, 0)
      .setOption('title', spec.title)
      .setOption('isStacked', spec.stacked ?? false)
      .setOption('hAxis.title', spec.xTitle ?? '')
      .setOption('vAxis.title', spec.yTitle ?? '')
      .setOption('width', 640)
      .setOption('height', 360);
    if (old) {
      sheet.updateChart(builder.build());
      next[spec.id] = old.getChartId()!;
      existing.delete(old.getChartId());
    } else {
      const chart = builder.build();
      sheet.insertChart(chart);
      const all = sheet.getCharts();
      const inserted = all[all.length - 1];
      next[spec.id] = inserted?.getChartId() ?? chart.getChartId()!;
    }
  });
  // Charts this tab no longer has; charts the user added by hand are theirs and stay.
  for (const id of Object.values(stored)) {
    const chart = existing.get(id);
    if (chart && !Object.values(next).includes(id)) sheet.removeChart(chart);
  }
  properties.setProperty(key, JSON.stringify(next));
}

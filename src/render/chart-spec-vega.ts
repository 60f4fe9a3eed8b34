/**
 * @fileoverview Turns a report ChartSpec and the rows of its block into a Vega-Lite spec. Pure
 * data in, pure data out: the HTML report compiles and draws it, and the same ChartSpec also
 * drives the native Sheets chart, so both show the same series over the same domain. The page
 * chooses the mark that reads best at its size (bars for long category names, dots for many
 * series), keeps every text at 11 px or more, and gives every mark a tooltip.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CellFormat, ChartSpec, ReportBlock, ReportCell } from '../engine/report-tab/report-tab';
import { formatCell, type DisplayOptions } from '../engine/report-tab/display-format';
import { vegaLocale } from './vega-locale';

export { vegaLocale };

export interface VegaChartOptions extends DisplayOptions {
  /** Width of the plot area in px (bands grow it for many categories). */
  width?: number;
  /** Height of the plot area in px (horizontal bars grow it for many categories). */
  height?: number;
  /** CSS font-family of every text in the chart. */
  font?: string;
  /**
   * Top of the value axis. Charts a reader switches between (one per model) share one, so a bar
   * keeps its scale when the model changes. Default: this chart's own top with headroom.
   */
  valueMax?: number;
}

/** One datum of the chart. Field names are fixed and harmless: Vega-Lite reads `.` and `[` in a
 * field name as a nested path, so header text never becomes a field name, only a value. */
export interface ChartDatum {
  /** Domain: UTC ms of the wall-clock text for a time axis, a number, or the cell as displayed. */
  x: string | number | null;
  /** Series label (the series column's header); absent for a pie. */
  series?: string;
  value: number | null;
  /** Series index: keeps stacks and legends in column order. */
  i: number;
  /** Row index: keeps pie slices in row order. */
  r: number;
  /** The datum as the table shows it (category, series, formatted value): its tooltip. */
  tip: string;
}

export const DEFAULT_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const DEFAULT_WIDTH = 600;
const DEFAULT_HEIGHT = 260;
/** Every text of a chart: at least 11 px when the chart is shown at its own size. */
export const CHART_FONT_PX = 12;
/** A generous average glyph width at CHART_FONT_PX, to size label areas and legend columns. */
const CHAR_PX = 7;
/** Category labels on the left of bars wrap at this many characters, on up to LABEL_LINES lines. */
const BAR_LABEL_CHARS = 28;
const LABEL_LINES = 3;
/** Beyond this many series side by side, bars become too thin: each value is a dot instead. */
const MANY_SERIES = 6;
const TIME_FORMATS: ReadonlySet<CellFormat> = new Set<CellFormat>(['date', 'month', 'datetime']);

/**
 * The instant, as UTC ms, whose UTC wall clock is the given text (`2026-03-01`, `2026-03`,
 * `2026-03-01 09:30`). Charts run on a UTC scale so the axis shows exactly the workbook's wall
 * clock, whatever zone renders the page. Null for text that is not such a date.
 */
export function wallClockMs(text: string): number | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?)?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d = '1', h = '0', mi = '0', s = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return Number.isFinite(ms) ? ms : null;
}

/** Which kind of x axis a line chart gets from its domain column's format. */
function lineDomainType(format: CellFormat | undefined): 'temporal' | 'quantitative' | 'ordinal' {
  if (format && TIME_FORMATS.has(format)) return 'temporal';
  if (format === 'integer' || format === 'decimal') return 'quantitative';
  return 'ordinal';
}

function numberOrNull(cell: ReportCell | undefined): number | null {
  return typeof cell === 'number' && Number.isFinite(cell) ? cell : null;
}

/** Series labels from headers, made unique: two series with one label would merge into one. */
function seriesLabels(chart: ChartSpec, block: ReportBlock): string[] {
  const seen = new Map<string, number>();
  return chart.seriesColumns.map((c, i) => {
    const base = block.header[c] ?? `Series ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** The chart's data in long form (one datum per row and series), ready for Vega-Lite. */
export function chartData(chart: ChartSpec, block: ReportBlock, options: DisplayOptions = {}): ChartDatum[] {
  const domainFormat = block.formats[chart.domainColumn];
  const temporal = chart.type === 'line' && lineDomainType(domainFormat) === 'temporal';
  const quantitative = chart.type === 'line' && lineDomainType(domainFormat) === 'quantitative';
  const labels = seriesLabels(chart, block);
  const valueTitle = chart.yTitle ?? labels[0];
  const data: ChartDatum[] = [];
  block.rows.forEach((row, r) => {
    const cell = row[chart.domainColumn];
    const xText = formatCell(cell, domainFormat, options);
    let x: string | number | null;
    if (temporal) x = typeof cell === 'string' ? wallClockMs(cell) : null;
    else if (quantitative) x = numberOrNull(cell);
    else x = xText;
    if (chart.type === 'pie') {
      // A pie shows parts of a whole: only the first series, only positive parts.
      const c = chart.seriesColumns[0];
      const value = numberOrNull(row[c]);
      if (value !== null && value > 0) data.push({ x, value, i: 0, r, tip: `${xText}\n${valueTitle}: ${formatCell(value, block.formats[c], options)}` });
      return;
    }
    chart.seriesColumns.forEach((c, i) => {
      const value = numberOrNull(row[c]);
      const shown = value === null ? 'no value' : formatCell(value, block.formats[c], options);
      data.push({ x, series: labels[i], value, i, r, tip: `${xText}\n${labels.length > 1 ? labels[i] : valueTitle}: ${shown}` });
    });
  });
  return chart.type === 'pie' ? foldSmallSlices(data, chart, block, options) : data;
}

/** Most slices a pie draws; the smallest beyond them become one "Other" slice. */
export const MAX_PIE_SLICES = 20;

/**
 * Keeps the largest slices (in row order) and sums the rest into "Other": past twenty the
 * colours repeat and the slivers cannot be told apart anyway. The table keeps every row.
 */
function foldSmallSlices(data: ChartDatum[], chart: ChartSpec, block: ReportBlock, options: DisplayOptions): ChartDatum[] {
  if (data.length <= MAX_PIE_SLICES) return data;
  const keep = new Set(
    [...data]
      .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.r - b.r)
      .slice(0, MAX_PIE_SLICES - 1)
      .map((d) => d.r),
  );
  const kept = data.filter((d) => keep.has(d.r));
  const rest = data.filter((d) => !keep.has(d.r));
  const taken = new Set(kept.map((d) => d.x));
  let label = `Other (${rest.length})`;
  while (taken.has(label)) label += ' ';
  const sum = rest.reduce((s, d) => s + (d.value ?? 0), 0);
  const c = chart.seriesColumns[0];
  const tip = `${label.trim()}\n${chart.yTitle ?? block.header[c] ?? 'Value'}: ${formatCell(sum, block.formats[c], options)}`;
  return [...kept, { x: label, value: sum, i: 0, r: Number.MAX_SAFE_INTEGER, tip }];
}

/** The largest value the value axis must show: the tallest stack, or the largest value. */
export function chartValueExtent(chart: ChartSpec, block: ReportBlock): number {
  if (chart.type === 'pie') return 0;
  let max = 0;
  for (const row of block.rows) {
    let stack = 0;
    for (const c of chart.seriesColumns) {
      const v = numberOrNull(row[c]);
      if (v === null) continue;
      if (chart.stacked) stack += Math.max(0, v);
      else max = Math.max(max, v);
    }
    max = Math.max(max, stack);
  }
  return max;
}

/**
 * A round top for a value axis, at least 8% above the largest value, so the tallest bar never
 * touches the frame and the last tick is labelled. Undefined when there is nothing above zero.
 */
export function axisTop(max: number): number | undefined {
  if (!(max > 0) || !Number.isFinite(max)) return undefined;
  const target = max * 1.08;
  const step = 10 ** Math.floor(Math.log10(target));
  for (const f of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (f * step >= target) return Number((f * step).toPrecision(12));
  }
  return 10 * step;
}

/**
 * A label as lines of at most `width` characters, breaking at spaces, at most `maxLines` of
 * them; a word longer than a line is cut when `cutWords`. A label that still does not fit ends
 * in an ellipsis (the full text is in the tooltip and the table).
 */
export function wrapLabel(text: string, width: number, maxLines = LABEL_LINES, cutWords = true): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (cutWords && word.length > width) {
      if (line) lines.push(line);
      line = '';
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (!word) continue;
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines.length ? lines : [''];
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1].slice(0, Math.max(1, width - 1)).trimEnd()}…`;
  return kept;
}

/** The name of the Vega signal holding wrapped category labels (see `labelExpr`). */
export const LABEL_LINES_PARAM = 'labelLines';

/**
 * Wrapped labels as a signal value and the axis expression that reads it. Keys carry a prefix so
 * that a category named `__proto__` or `constructor` is looked up as data, never as a property
 * of every object.
 */
function wrappedLabels(categories: string[], width: number, cutWords: boolean): { lines: Map<string, string[]>; param: Record<string, string[]> } {
  const lines = new Map<string, string[]>();
  const param: Record<string, string[]> = {};
  for (const c of categories) {
    const l = wrapLabel(c, width, LABEL_LINES, cutWords);
    lines.set(c, l);
    if (l.length > 1 || l[0] !== c) param[`k${c}`] = l;
  }
  return { lines, param };
}

const labelExpr = `${LABEL_LINES_PARAM}['k' + datum.label] || datum.label`;
/** Line height of wrapped labels; a label of n lines on a vertical axis moves up by half of n - 1 lines to stay centred. */
const LINE_PX = 14;
const centredLabels = {
  labelLineHeight: LINE_PX,
  labelOffset: { expr: `${LABEL_LINES_PARAM}['k' + datum.label] ? ${-LINE_PX / 2} * (length(${LABEL_LINES_PARAM}['k' + datum.label]) - 1) : 0` },
};

/**
 * d3-format specifier of a value axis. Without a precision, Vega derives one from the tick step,
 * so ticks 0.05 apart read `5%`, `10%` rather than `5.000000%`. `$` is the locale's currency.
 */
function valueAxisFormat(format: CellFormat | undefined): string | undefined {
  switch (format) {
    case 'percent':
      return '%';
    case 'currency':
      return '$,f';
    case 'integer':
    case 'decimal':
      return ',f';
    default:
      return undefined;
  }
}

function timeAxisFormat(format: CellFormat | undefined): string | undefined {
  if (format === 'date') return '%b %-d';
  if (format === 'month') return '%b %Y';
  return undefined;
}

/**
 * A tick count for a date or month axis no larger than the number of days or months it spans:
 * left alone, a short range gets ticks at 03 AM, 06 AM, which no daily figure has. (An interval
 * tick count such as every 9 days restarts each month and spaces ticks unevenly.)
 */
function timeTickCount(format: CellFormat | undefined, data: ChartDatum[]): number | undefined {
  if (format !== 'date' && format !== 'month') return undefined;
  const xs = data.map((d) => d.x).filter((x): x is number => typeof x === 'number');
  if (xs.length === 0) return undefined;
  const span = Math.max(...xs) - Math.min(...xs);
  const units = format === 'date' ? Math.round(span / 86_400_000) + 1 : Math.round(span / (30.44 * 86_400_000)) + 1;
  return Math.min(units, format === 'date' ? 10 : 12);
}

/** Ten colours while they suffice, twenty beyond: a repeated colour would make two series one. */
function colorScheme(count: number): 'tableau10' | 'tableau20' {
  return count > 10 ? 'tableau20' : 'tableau10';
}

/** How the page draws a chart: the spec's type, or what reads better at the page's size. */
export type ChartLayout = 'line' | 'columns' | 'bars' | 'dots' | 'pie';

export function chartLayout(chart: ChartSpec, seriesCount: number, categories: string[]): ChartLayout {
  if (!['line', 'pie', 'bar', 'column'].includes(chart.type)) {
    throw new Error(`Unknown chart type "${String(chart.type)}" in chart "${chart.id}".`);
  }
  if (chart.type === 'line' || chart.type === 'pie') return chart.type;
  if (seriesCount > MANY_SERIES && !chart.stacked) return 'dots';
  if (chart.type === 'bar') return 'bars';
  // Columns under long names would need slanted or cut labels; bars show them in full on the left.
  const longest = Math.max(0, ...categories.map((c) => c.length));
  return categories.length > 6 && longest > 12 ? 'bars' : 'columns';
}

/** Columns of a bottom legend so that its entries fit the chart's width, labels in full. */
function legendColumns(labels: string[], width: number): number {
  const entry = Math.max(...labels.map((l) => l.length)) * CHAR_PX + 40;
  return Math.max(1, Math.min(labels.length, Math.floor(width / entry)));
}

/** The Vega-Lite spec of one chart drawn from its block. */
export function vegaLiteSpec(chart: ChartSpec, block: ReportBlock, options: VegaChartOptions = {}): TopLevelSpec {
  const data = chartData(chart, block, options);
  const labels = seriesLabels(chart, block);
  const domainFormat = block.formats[chart.domainColumn];
  const valueFormat = block.formats[chart.seriesColumns[0]];
  const domainTitle = chart.xTitle ?? block.header[chart.domainColumn] ?? '';
  const valueTitle = chart.yTitle ?? (labels.length === 1 ? labels[0] : null);
  const multi = labels.length > 1;
  const stacked = Boolean(chart.stacked) && multi;
  const categories = [...new Set(data.map((d) => String(d.x)))];
  const layout = chartLayout(chart, labels.length, categories);
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  const axisFormat = valueAxisFormat(valueFormat);
  const top = options.valueMax ?? axisTop(chartValueExtent(chart, block));
  // About one labelled tick per 110 px across, or per 45 px up: labels never collide, so none is dropped.
  const valueAxisLength = layout === 'bars' || layout === 'dots' ? width : height;
  const valueAxis = {
    title: valueTitle,
    tickCount: Math.max(2, Math.round(valueAxisLength / (layout === 'bars' || layout === 'dots' ? 110 : 45))),
    ...(axisFormat ? { format: axisFormat } : {}),
    ...(valueFormat === 'integer' ? { tickMinStep: 1 } : {}),
  };
  // A fixed, round top leaves headroom above the tallest mark; nice would move it again.
  const valueScale = top !== undefined ? { scale: { domainMax: top, nice: false } } : {};
  const seriesColor = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: labels, scheme: colorScheme(labels.length) },
    legend: { title: null, orient: 'bottom' as const, direction: 'horizontal' as const, columns: legendColumns(labels, width) },
  };
  const tooltip = { field: 'tip', type: 'nominal' as const };

  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // The title is the figure's caption in the page: it wraps there and stays readable on a phone.
    description: chart.title,
    data: { values: data },
    background: 'white',
    config: {
      font: options.font ?? DEFAULT_FONT,
      // The block's table is the accessible form of the numbers; per-mark labels would only
      // repeat it and bloat the SVG. Tooltips are added as <title>s by the renderer.
      aria: false,
      locale: vegaLocale(options.locale, options.currency),
      view: { stroke: null },
      axis: { labelFontSize: CHART_FONT_PX, titleFontSize: CHART_FONT_PX, titleFontWeight: 'normal' as const, titlePadding: 8 },
      legend: { labelFontSize: CHART_FONT_PX, titleFontSize: CHART_FONT_PX, labelLimit: 0, symbolSize: 90 },
    },
  };

  switch (layout) {
    case 'line': {
      const kind = lineDomainType(domainFormat);
      const tickCount = kind === 'temporal' ? timeTickCount(domainFormat, data) : undefined;
      const timeFormat = timeAxisFormat(domainFormat);
      // Points carry the tooltips; past 60 rows they are invisible but still answer the pointer.
      const few = block.rows.length <= 60;
      return {
        ...base,
        width,
        height,
        mark: { type: 'line', point: { filled: true, size: few ? 40 : 30, opacity: few ? 1 : 0 } },
        encoding: {
          x: {
            field: 'x',
            type: kind,
            title: domainTitle,
            ...(kind === 'temporal' ? { scale: { type: 'utc' } } : {}),
            ...(kind === 'ordinal' ? { sort: null } : {}),
            axis: {
              ...(timeFormat ? { format: timeFormat } : {}),
              ...(tickCount ? { tickCount } : {}),
              ...(kind === 'ordinal' ? { labelAngle: 0, labelOverlap: true } : {}),
            },
          },
          y: { field: 'value', type: 'quantitative', axis: valueAxis, ...valueScale },
          ...(multi ? { color: seriesColor } : {}),
          tooltip,
        },
      } as TopLevelSpec;
    }
    case 'columns':
    case 'bars': {
      const horizontal = layout === 'bars';
      const bandsPerCategory = multi && !stacked ? labels.length : 1;
      const bands = categories.length * bandsPerCategory;
      const columnsWidth = Math.max(width, Math.min(bands * 14, 1100));
      // Column labels break only at spaces, as wide as a column; bar labels at a fixed width.
      const labelChars = horizontal ? BAR_LABEL_CHARS : Math.max(6, Math.floor(columnsWidth / Math.max(1, categories.length) / CHAR_PX));
      const wrapped = wrappedLabels(categories, labelChars, horizontal);
      const maxLines = Math.max(1, ...[...wrapped.lines.values()].map((l) => l.length));
      const domain = {
        field: 'x',
        type: 'nominal' as const,
        sort: null,
        title: domainTitle,
        axis: {
          labelExpr,
          labelLimit: 0,
          ...(horizontal ? centredLabels : { labelAngle: 0, labelOverlap: 'parity' as const, labelLineHeight: LINE_PX }),
        },
      };
      const value = { field: 'value', type: 'quantitative' as const, stack: stacked ? ('zero' as const) : null, axis: valueAxis, ...valueScale };
      const offset = multi && !stacked ? { field: 'series', type: 'nominal' as const, scale: { domain: labels } } : null;
      const step = Math.max(bandsPerCategory * 16, maxLines * LINE_PX + 8);
      return {
        ...base,
        params: [{ name: LABEL_LINES_PARAM, value: wrapped.param }],
        width: horizontal ? width : columnsWidth,
        height: horizontal ? Math.min(Math.max(categories.length * step, 80), 2400) : height,
        mark: { type: 'bar' },
        encoding: {
          [horizontal ? 'y' : 'x']: domain,
          [horizontal ? 'x' : 'y']: value,
          ...(multi ? { color: seriesColor, order: { field: 'i', type: 'quantitative' as const } } : {}),
          ...(offset ? { [horizontal ? 'yOffset' : 'xOffset']: offset } : {}),
          tooltip,
        },
      } as TopLevelSpec;
    }
    case 'dots': {
      // One row per category, one dot per series: eleven models side by side stay legible.
      const wrapped = wrappedLabels(categories, BAR_LABEL_CHARS, true);
      const maxLines = Math.max(1, ...[...wrapped.lines.values()].map((l) => l.length));
      return {
        ...base,
        params: [{ name: LABEL_LINES_PARAM, value: wrapped.param }],
        width,
        height: Math.min(Math.max(categories.length * Math.max(26, maxLines * LINE_PX + 8), 80), 2400),
        mark: { type: 'point', filled: true, size: 80, opacity: 0.9 },
        encoding: {
          y: { field: 'x', type: 'nominal', sort: null, title: domainTitle, axis: { labelExpr, labelLimit: 0, grid: true, ...centredLabels } },
          x: { field: 'value', type: 'quantitative', axis: valueAxis, ...valueScale },
          color: seriesColor,
          tooltip,
        },
      } as TopLevelSpec;
    }
    case 'pie': {
      const side = Math.min(width, height);
      return {
        ...base,
        width: side,
        height: side,
        mark: { type: 'arc' },
        encoding: {
          theta: { field: 'value', type: 'quantitative', stack: true },
          color: {
            field: 'x',
            type: 'nominal',
            title: domainTitle,
            scale: { domain: categories, scheme: colorScheme(categories.length) },
            legend: { orient: 'right', labelLimit: 0 },
          },
          order: { field: 'r', type: 'quantitative' },
          tooltip,
        },
      } as TopLevelSpec;
    }
  }
}

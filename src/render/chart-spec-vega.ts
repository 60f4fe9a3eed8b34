/**
 * @fileoverview Turns a report ChartSpec and the rows of its block into a Vega-Lite spec. Pure
 * data in, pure data out: the HTML report compiles and draws it, and the same ChartSpec also
 * drives the native Sheets chart, so both show the same series over the same domain.
 */
import type { Locale, NumberLocale, TimeLocale } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import type { CellFormat, ChartSpec, ReportBlock, ReportCell } from '../engine/report-tab/report-tab';
import { DEFAULT_CURRENCY, DEFAULT_LOCALE, formatCell, type DisplayOptions } from '../engine/report-tab/display-format';

export interface VegaChartOptions extends DisplayOptions {
  /** Width of the plot area in px (bands grow it for many categories). */
  width?: number;
  /** Height of the plot area in px (horizontal bars grow it for many categories). */
  height?: number;
  /** CSS font-family of every text in the chart. */
  font?: string;
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
}

export const DEFAULT_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const DEFAULT_WIDTH = 640;
const DEFAULT_HEIGHT = 280;
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
  const data: ChartDatum[] = [];
  block.rows.forEach((row, r) => {
    const cell = row[chart.domainColumn];
    let x: string | number | null;
    if (temporal) x = typeof cell === 'string' ? wallClockMs(cell) : null;
    else if (quantitative) x = numberOrNull(cell);
    else x = formatCell(cell, domainFormat, options);
    if (chart.type === 'pie') {
      // A pie shows parts of a whole: only the first series, only positive parts.
      const value = numberOrNull(row[chart.seriesColumns[0]]);
      if (value !== null && value > 0) data.push({ x, value, i: 0, r });
      return;
    }
    chart.seriesColumns.forEach((c, i) => {
      data.push({ x, series: labels[i], value: numberOrNull(row[c]), i, r });
    });
  });
  return chart.type === 'pie' ? foldSmallSlices(data) : data;
}

/** Most slices a pie draws; the smallest beyond them become one "Other" slice. */
export const MAX_PIE_SLICES = 20;

/**
 * Keeps the largest slices (in row order) and sums the rest into "Other": past twenty the
 * colours repeat and the slivers cannot be told apart anyway. The table keeps every row.
 */
function foldSmallSlices(data: ChartDatum[]): ChartDatum[] {
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
  return [...kept, { x: label, value: sum, i: 0, r: Number.MAX_SAFE_INTEGER }];
}

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

// Two dozen Intl formatters per locale: worth building once per report, not once per chart.
const localeCache = new Map<string, Locale>();

/** The Vega locale (separators, currency affixes, month names) of an Intl locale and currency. */
export function vegaLocale(locale = DEFAULT_LOCALE, currency = DEFAULT_CURRENCY): Locale {
  const key = `${locale}|${currency}`;
  let cached = localeCache.get(key);
  if (!cached) {
    cached = buildVegaLocale(locale, currency);
    localeCache.set(key, cached);
  }
  // A copy, so a spec edited by its caller cannot change the next chart's locale.
  return structuredClone(cached);
}

function buildVegaLocale(locale: string, currency: string): Locale {
  const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(-1234567.5);
  const first = (type: string, fallback: string) => parts.find((p) => p.type === type)?.value ?? fallback;
  const numberStart = parts.findIndex((p) => p.type === 'integer');
  const numberEnd = parts.map((p) => p.type).lastIndexOf('fraction');
  const affix = (ps: Intl.NumberFormatPart[]) =>
    ps.filter((p) => p.type !== 'minusSign').map((p) => p.value).join('');
  const prefix = affix(parts.slice(0, numberStart));
  const suffix = affix(parts.slice((numberEnd < 0 ? numberStart : numberEnd) + 1));
  const digits = new Intl.NumberFormat(locale, { useGrouping: false });
  const numerals = Array.from({ length: 10 }, (_, d) => digits.format(d));
  const percent = new Intl.NumberFormat(locale, { style: 'percent' }).formatToParts(1).find((p) => p.type === 'percentSign')?.value;

  const name = (opts: Intl.DateTimeFormatOptions) => {
    const f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: 'UTC' });
    return (d: Date) => f.format(d);
  };
  const monthLong = name({ month: 'long' });
  const monthShort = name({ month: 'short' });
  const dayLong = name({ weekday: 'long' });
  const dayShort = name({ weekday: 'short' });
  const hour = new Intl.DateTimeFormat(locale, { hour: 'numeric', hour12: true, timeZone: 'UTC' });
  const period = (h: number) =>
    hour.formatToParts(new Date(Date.UTC(2026, 0, 1, h))).find((p) => p.type === 'dayPeriod')?.value ?? (h < 12 ? 'AM' : 'PM');
  const months = Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2026, m, 15)));
  // 2026-03-01 is a Sunday: d3 lists week days from Sunday.
  const days = Array.from({ length: 7 }, (_, d) => new Date(Date.UTC(2026, 2, 1 + d)));

  return {
    number: {
      decimal: first('decimal', '.'),
      thousands: first('group', ','),
      grouping: [3],
      currency: [prefix, suffix] as [string, string],
      minus: first('minusSign', '-'),
      ...(percent ? { percent } : {}),
      ...(numerals.join('') !== '0123456789' ? { numerals: numerals as NumberLocale['numerals'] } : {}),
    },
    time: {
      dateTime: '%x, %X',
      date: '%Y-%m-%d',
      time: '%H:%M:%S',
      periods: [period(1), period(13)] as [string, string],
      days: days.map(dayLong) as TimeLocale['days'],
      shortDays: days.map(dayShort) as TimeLocale['shortDays'],
      months: months.map(monthLong) as TimeLocale['months'],
      shortMonths: months.map(monthShort) as TimeLocale['shortMonths'],
    },
  };
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
  const categories = new Set(data.map((d) => d.x)).size;
  const bandsPerCategory = multi && !stacked ? labels.length : 1;
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  const axisFormat = valueAxisFormat(valueFormat);
  const valueAxis = {
    title: valueTitle,
    ...(axisFormat ? { format: axisFormat } : {}),
    ...(valueFormat === 'integer' ? { tickMinStep: 1 } : {}),
  };
  const seriesColor = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: labels, scheme: colorScheme(labels.length) },
    legend: { title: null, orient: 'bottom' as const, direction: 'horizontal' as const },
  };

  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: chart.title,
    description: chart.title,
    data: { values: data },
    background: 'white',
    config: {
      font: options.font ?? DEFAULT_FONT,
      // The block's table is the accessible form of the numbers; per-mark labels would only
      // repeat it and bloat the SVG.
      aria: false,
      locale: vegaLocale(options.locale, options.currency),
      view: { stroke: null },
      axis: { labelLimit: 180, titleFontWeight: 'normal' as const },
      title: { anchor: 'start' as const, fontSize: 14 },
    },
  };

  switch (chart.type) {
    case 'line': {
      const kind = lineDomainType(domainFormat);
      const tickCount = kind === 'temporal' ? timeTickCount(domainFormat, data) : undefined;
      const timeFormat = timeAxisFormat(domainFormat);
      return {
        ...base,
        width,
        height,
        mark: { type: 'line', point: block.rows.length <= 60 },
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
          y: { field: 'value', type: 'quantitative', axis: valueAxis },
          ...(multi ? { color: seriesColor } : {}),
        },
      };
    }
    case 'column':
    case 'bar': {
      const horizontal = chart.type === 'bar';
      const domain = {
        field: 'x',
        type: 'nominal' as const,
        sort: null,
        title: domainTitle,
        // Slanted labels are far apart along their slant though their bounding boxes overlap, so
        // Vega's overlap check would hide most of them.
        ...(horizontal
          ? {}
          : { axis: categories > 8 ? { labelAngle: -45, labelOverlap: false, labelLimit: 140 } : { labelAngle: 0, labelOverlap: true } }),
      };
      const value = {
        field: 'value',
        type: 'quantitative' as const,
        stack: stacked ? ('zero' as const) : null,
        axis: valueAxis,
      };
      const offset = multi && !stacked ? { field: 'series', type: 'nominal' as const, scale: { domain: labels } } : null;
      const bands = categories * bandsPerCategory;
      return {
        ...base,
        width: horizontal ? width : Math.max(width, Math.min(bands * 14, 1600)),
        height: horizontal ? Math.min(Math.max(bands * 18, 120), 1400) : height,
        mark: { type: 'bar' },
        encoding: {
          [horizontal ? 'y' : 'x']: domain,
          [horizontal ? 'x' : 'y']: value,
          ...(multi ? { color: seriesColor, order: { field: 'i', type: 'quantitative' as const } } : {}),
          ...(offset ? { [horizontal ? 'yOffset' : 'xOffset']: offset } : {}),
        },
      } as TopLevelSpec;
    }
    case 'pie': {
      const slices = [...new Set(data.map((d) => String(d.x)))];
      return {
        ...base,
        width: Math.min(width, height),
        height: Math.min(width, height),
        mark: { type: 'arc' },
        encoding: {
          theta: { field: 'value', type: 'quantitative', stack: true },
          color: {
            field: 'x',
            type: 'nominal',
            title: domainTitle,
            scale: { domain: slices, scheme: colorScheme(slices.length) },
            legend: { orient: 'right', labelLimit: 220 },
          },
          order: { field: 'r', type: 'quantitative' },
        },
      };
    }
    default:
      throw new Error(`Unknown chart type "${String((chart as ChartSpec).type)}" in chart "${chart.id}".`);
  }
}

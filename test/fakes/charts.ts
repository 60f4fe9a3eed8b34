/**
 * @fileoverview Fake embedded charts: `sheet.newChart()` gives a builder, `build()` an
 * EmbeddedChart, and the sheet stores inserted charts by a stable id. A chart object is a snapshot
 * of a configuration; nothing changes on the sheet until `insertChart` / `updateChart` /
 * `removeChart`, as in the real service. Also the `Charts` service (its `ChartType` enum).
 */
import { asReal, enumOf, exception, instrument, int, type FakeContext, type RealPart } from './core';
import type { ChartConfig, ChartPosition, SpreadsheetEnv, SheetModel } from './model';

type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type EmbeddedChartBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type ContainerInfo = GoogleAppsScript.Spreadsheet.ContainerInfo;
type ChartType = GoogleAppsScript.Charts.ChartType;

export const CHART_TYPES = [
  'TIMELINE', 'AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM',
  'RADAR', 'LINE', 'ORG', 'PIE', 'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TREEMAP', 'WATERFALL',
] as const;
const ChartTypeEnum = enumOf<typeof GoogleAppsScript.Charts.ChartType>(CHART_TYPES);

export function copyConfig(config: ChartConfig): ChartConfig {
  return {
    type: config.type,
    ranges: config.ranges.map((r) => ({ ...r })),
    position: { ...config.position },
    options: new Map(config.options),
    numHeaders: config.numHeaders,
    transposeRowsAndColumns: config.transposeRowsAndColumns,
  };
}

export function emptyChartConfig(): ChartConfig {
  // Without setPosition the fake anchors the chart at A1.
  return { type: null, ranges: [], position: { row: 1, column: 1, offsetX: 0, offsetY: 0 }, options: new Map(), numHeaders: -1, transposeRowsAndColumns: false };
}

export class FakeEmbeddedChartBuilder {
  readonly ctx: FakeContext;
  constructor(
    private readonly env: SpreadsheetEnv,
    private readonly sheet: SheetModel,
    private readonly config: ChartConfig,
    /** `null` for `newChart()`; the chart's id for `modify()`. */
    private readonly chartId: number | null,
  ) {
    this.ctx = env.ctx;
  }
  private self(): EmbeddedChartBuilder {
    return asReal<EmbeddedChartBuilder>(this);
  }

  addRange(range: GoogleAppsScript.Spreadsheet.Range): EmbeddedChartBuilder {
    this.config.ranges.push(this.env.refOf(range, 'EmbeddedChartBuilder.addRange'));
    return this.self();
  }
  removeRange(range: GoogleAppsScript.Spreadsheet.Range): EmbeddedChartBuilder {
    const ref = this.env.refOf(range, 'EmbeddedChartBuilder.removeRange');
    this.config.ranges = this.config.ranges.filter(
      (r) => !(r.sheet === ref.sheet && r.row === ref.row && r.column === ref.column && r.numRows === ref.numRows && r.numColumns === ref.numColumns),
    );
    return this.self();
  }
  clearRanges(): EmbeddedChartBuilder {
    this.config.ranges = [];
    return this.self();
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.config.ranges.map((r) => this.env.rangeOf(r));
  }
  setChartType(type: ChartType): EmbeddedChartBuilder {
    if (!(CHART_TYPES as readonly unknown[]).includes(type)) throw exception(`Invalid argument: type`);
    this.config.type = type as unknown as string;
    return this.self();
  }
  getChartType(): ChartType {
    return this.config.type as unknown as ChartType;
  }
  setOption(option: string, value: unknown): EmbeddedChartBuilder {
    this.config.options.set(String(option), value);
    return this.self();
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilder {
    const position: ChartPosition = {
      row: int(anchorRowPos),
      column: int(anchorColPos),
      offsetX: int(offsetX),
      offsetY: int(offsetY),
    };
    if (position.row < 1 || position.column < 1) throw exception('Invalid argument: anchor position');
    this.config.position = position;
    return this.self();
  }
  getContainer(): ContainerInfo {
    return asReal<ContainerInfo>(new FakeContainerInfo(this.ctx, this.config.position));
  }
  setNumHeaders(headers: number): EmbeddedChartBuilder {
    this.config.numHeaders = int(headers);
    return this.self();
  }
  setTransposeRowsAndColumns(transpose: boolean): EmbeddedChartBuilder {
    this.config.transposeRowsAndColumns = Boolean(transpose);
    return this.self();
  }
  build(): EmbeddedChart {
    return asReal<EmbeddedChart>(new FakeEmbeddedChart(this.env, this.sheet, copyConfig(this.config), this.chartId));
  }
}
instrument(FakeEmbeddedChartBuilder, 'EmbeddedChartBuilder');
void (null as unknown as FakeEmbeddedChartBuilder satisfies RealPart<FakeEmbeddedChartBuilder, EmbeddedChartBuilder>);

export class FakeEmbeddedChart {
  readonly ctx: FakeContext;
  constructor(
    private readonly env: SpreadsheetEnv,
    /** The sheet whose builder made it; `modify()` builds on the same sheet. */
    readonly sheet: SheetModel,
    readonly config: ChartConfig,
    readonly chartId: number | null,
  ) {
    this.ctx = env.ctx;
  }
  /** Null until the chart is in a sheet, like the real one (read ids back via `getCharts()`). */
  getChartId(): number | null {
    return this.chartId;
  }
  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    return asReal<GoogleAppsScript.Charts.ChartOptions>(new FakeChartOptions(this.ctx, new Map(this.config.options)));
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.config.ranges.map((r) => this.env.rangeOf(r));
  }
  getContainerInfo(): ContainerInfo {
    return asReal<ContainerInfo>(new FakeContainerInfo(this.ctx, this.config.position));
  }
  getNumHeaders(): number {
    return this.config.numHeaders;
  }
  getTransposeRowsAndColumns(): boolean {
    return this.config.transposeRowsAndColumns;
  }
  modify(): EmbeddedChartBuilder {
    return asReal<EmbeddedChartBuilder>(new FakeEmbeddedChartBuilder(this.env, this.sheet, copyConfig(this.config), this.chartId));
  }
}
instrument(FakeEmbeddedChart, 'EmbeddedChart');
void (null as unknown as FakeEmbeddedChart satisfies RealPart<FakeEmbeddedChart, EmbeddedChart>);

export class FakeChartOptions {
  constructor(
    readonly ctx: FakeContext,
    private readonly options: Map<string, unknown>,
  ) {}
  /** The option's value, or null when it was never set. */
  get(option: string): unknown {
    return this.options.has(option) ? this.options.get(option) : null;
  }
}
instrument(FakeChartOptions, 'ChartOptions');
void (null as unknown as FakeChartOptions satisfies RealPart<FakeChartOptions, GoogleAppsScript.Charts.ChartOptions>);

export class FakeContainerInfo {
  constructor(
    readonly ctx: FakeContext,
    private readonly position: ChartPosition,
  ) {}
  getAnchorRow(): number {
    return this.position.row;
  }
  getAnchorColumn(): number {
    return this.position.column;
  }
  getOffsetX(): number {
    return this.position.offsetX;
  }
  getOffsetY(): number {
    return this.position.offsetY;
  }
}
instrument(FakeContainerInfo, 'ContainerInfo');
void (null as unknown as FakeContainerInfo satisfies RealPart<FakeContainerInfo, ContainerInfo>);

/** The `Charts` global: only its `ChartType` enum is faked. */
export class FakeCharts {
  constructor(readonly ctx: FakeContext) {}
  get ChartType(): typeof GoogleAppsScript.Charts.ChartType {
    return ChartTypeEnum;
  }
}
instrument(FakeCharts, 'Charts');
void (null as unknown as FakeCharts satisfies RealPart<FakeCharts, GoogleAppsScript.Charts.Charts>);

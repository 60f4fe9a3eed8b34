/**
 * @fileoverview The one description of a report tab: plain data that every output renders
 * (CSV, .xlsx, native Google Sheets tabs and charts, the HTML report). JSON-safe on purpose: it
 * crosses `google.script.run` and is stored as is.
 */

/** A cell of a report. Dates are local wall-clock text in the workbook's time zone
 * (`2026-03-01` or `2026-03-01 09:30`), typed by the column's format. */
export type ReportCell = string | number | boolean | null;

/** How a column's numbers are shown; every renderer maps these to its own number formats. */
export type CellFormat =
  | 'text'
  | 'integer'
  | 'decimal'
  | 'percent'
  | 'currency'
  /** A multiple, such as return on spend: 17.2×. */
  | 'ratio'
  | 'date'
  | 'month'
  | 'datetime';

/** A table inside a report tab: a header row, data rows, and one format per column. */
export interface ReportBlock {
  /** Stable key (unique in the tab); charts and named ranges refer to it. */
  id: string;
  /** Shown bold above the table. */
  title: string;
  /** One line under the title explaining the rule behind the numbers (rules marked *ours*). */
  note?: string;
  header: string[];
  rows: ReportCell[][];
  formats: CellFormat[];
}

export type ChartType = 'line' | 'column' | 'bar' | 'pie';

/** A chart drawn from one block: the domain column and one series per listed column. */
export interface ChartSpec {
  /** Stable key (unique in the tab): the Sheets adapter finds its existing chart by it. */
  id: string;
  title: string;
  type: ChartType;
  blockId: string;
  /** Column index of the domain (x axis / pie labels). */
  domainColumn: number;
  /** Column indexes of the series. */
  seriesColumns: number[];
  stacked?: boolean;
  /** Axis titles. */
  xTitle?: string;
  yTitle?: string;
}

/** The parameters a report was computed with, shown in its header block. */
export type ReportParameters = Array<[label: string, value: string]>;

/** A whole report tab. */
export interface ReportTab {
  /** Sheet name, with the product prefix so it never collides with a user's tab. */
  name: string;
  /** Short key for file names and the HTML tab strip (`overview`, `revenue`, ...). */
  key: string;
  title: string;
  parameters: ReportParameters;
  blocks: ReportBlock[];
  charts: ChartSpec[];
}

/** Where a block's header row and first data row land on the sheet (0-based). */
export interface BlockPlacement {
  blockId: string;
  titleRow: number;
  noteRow: number | null;
  headerRow: number;
  firstDataRow: number;
  rowCount: number;
  columnCount: number;
}

export interface TabLayout {
  /** Every cell of the tab, rows padded to the same width. */
  grid: ReportCell[][];
  /** Per grid cell, the format of the cell (null: text / label). Same shape as grid. */
  formats: (CellFormat | null)[][];
  /** Rows that are titles or header rows (shown bold). */
  boldRows: number[];
  /** Rows to freeze at the top (the header block). */
  frozenRows: number;
  placements: BlockPlacement[];
  width: number;
}

/**
 * Every model's version of the report tabs that depend on the model, for an output that lets the
 * reader switch between them (the HTML report's model selector).
 */
export interface ModelVariants {
  /** The model the run was asked for: its version shows first. */
  selected: string;
  /**
   * Each model of the report type, in display order, with its version of those tabs (matched by
   * name). A tab a model has no version of shows the version the run wrote.
   */
  variants: { model: string; tabs: ReportTab[] }[];
}

/**
 * @fileoverview The workbook as the engine receives it: tables shaped like `Range.getValues()`
 * output, whatever the source (Google Sheets, .xlsx, a folder of CSV files, a generator).
 */

/**
 * A cell the file holds but that has no value to read: the hidden part of a merged range, a formula
 * saved without its result, a CSV line whose quote never closes. The data check names it for what
 * it is instead of reading it as blank. `text` is what the file shows there (the formula, the line).
 */
export class UnreadableCell {
  constructor(
    /** What the cell is, as the data check says it: `a merged cell (part of B4:B6)`. */
    readonly what: string,
    readonly text = '',
  ) {}

  toString(): string {
    return this.text;
  }
}

/**
 * One cell as `getValues()` returns it: text, number, boolean, a `Date`, or `''` for blank; files
 * may also hold an `UnreadableCell`.
 */
export type RawCell = string | number | boolean | Date | null | UnreadableCell;

/** A rectangular (or ragged) grid of cells, row 0 being sheet row 1. */
export type RawTable = RawCell[][];

/** Tabs by the name the user gave them (matched to the contract case-insensitively). */
export type RawWorkbook = Record<string, RawTable>;

/** The five source tabs of the data contract, in their canonical spelling. */
export const SOURCE_TABS = ['Campaigns', 'Assets', 'Interactions', 'Contacts', 'Deals'] as const;
export type SourceTab = (typeof SOURCE_TABS)[number];

/** Cells of the source tabs, blanks included (rows may be ragged). */
export function sourceCellCount(source: RawWorkbook): number {
  let n = 0;
  for (const table of Object.values(source)) for (const row of table) n += row.length;
  return n;
}

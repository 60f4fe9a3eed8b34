/**
 * @fileoverview The workbook as the engine receives it: tables shaped like `Range.getValues()`
 * output, whatever the source (Google Sheets, .xlsx, a folder of CSV files, a generator).
 */

/** One cell as `getValues()` returns it: text, number, boolean, a `Date`, or `''` for blank. */
export type RawCell = string | number | boolean | Date | null;

/** A rectangular (or ragged) grid of cells, row 0 being sheet row 1. */
export type RawTable = RawCell[][];

/** Tabs by the name the user gave them (matched to the contract case-insensitively). */
export type RawWorkbook = Record<string, RawTable>;

/** The five source tabs of the data contract, in their canonical spelling. */
export const SOURCE_TABS = ['Campaigns', 'Assets', 'Interactions', 'Contacts', 'Deals'] as const;
export type SourceTab = (typeof SOURCE_TABS)[number];

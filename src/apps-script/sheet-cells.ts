/**
 * @fileoverview A report tab's layout turned into what `setValues`, `setNumberFormats` and
 * `setFontWeights` take: dates as real dates in the spreadsheet's zone, formula-like text kept as
 * text, and number formats from the shared table (engine/report-tab/number-formats.ts).
 */
import type { TabLayout } from '../engine/report-tab/report-tab';
import type { TimeZone } from '../engine/time/zone';
import { numberPattern } from '../engine/report-tab/number-formats';

/**
 * setValues parses text as if typed: `=x` becomes a formula, `00123` the number 123, `2026-03` a
 * date. A leading apostrophe keeps any text as it is, and Sheets does not show it.
 */
export const asLiteralText = (s: string) => (s === '' ? s : `'${s}`);

const WALL = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?: (\d{2}):(\d{2}))?$/;

export interface SheetBlock {
  values: (string | number | boolean | Date)[][];
  numberFormats: string[][];
  fontWeights: ('bold' | 'normal')[][];
}

export function sheetBlock(layout: TabLayout, zone: TimeZone, currency: string): SheetBlock {
  const bold = new Set(layout.boldRows);
  const values = layout.grid.map((row, r) => row.map((cell, c) => {
    if (cell === null) return '';
    if (typeof cell !== 'string') return cell;
    const f = layout.formats[r][c];
    if (f === 'date' || f === 'month' || f === 'datetime') {
      const m = WALL.exec(cell);
      if (m) {
        return new Date(zone.instantOf({ year: +m[1], month: +m[2], day: m[3] ? +m[3] : 1, hour: m[4] ? +m[4] : 0, minute: m[5] ? +m[5] : 0, second: 0, ms: 0 }));
      }
    }
    return asLiteralText(cell);
  }));
  return {
    values,
    numberFormats: layout.formats.map((row) => row.map((f) => numberPattern(f, currency))),
    fontWeights: layout.grid.map((row, r) => row.map(() => (bold.has(r) ? 'bold' : 'normal'))),
  };
}

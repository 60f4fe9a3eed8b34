/**
 * @fileoverview The output .xlsx: the source tabs (when copied) with a bold, frozen, filtered
 * header row, then the report tabs laid out as in Sheets, each table's numbers in the shared number
 * formats, the main table's header frozen and filtered. Written by hand (spreadsheet-xml.ts makes
 * the XML, zip-writer.ts deflates it to disk a megabyte at a time as the rows come): exceljs's
 * streaming writer spent most of its time in per-cell machinery (cell objects, style registry, row
 * commits) for a file this simple.
 */
import { UnreadableCell, type RawCell, type RawWorkbook } from '../engine/workbook/raw';
import type { CellFormat, ReportCell, TabLayout } from '../engine/report-tab/report-tab';
import { columnLetter, mainTable } from '../engine/report-tab/layout';
import { currencyOf, numberPattern, type Currency } from '../engine/report-tab/number-formats';
import { DAY_MS, timeZone as zoneNamed } from '../engine/time/zone';
import { plainNumber } from './csv-text';
import { ZipWriter, type ZipEntryWriter } from './zip-writer';
import { wallClockSerial } from './excel-serial';
import {
  CellStyles, blankCell, booleanCell, contentTypesXml, corePropsXml, numberCell, rootRelsXml, sheetEnd, sheetPath, sheetStart,
  textCell, workbookRelsXml, workbookXml, type SheetFrame,
} from './spreadsheet-xml';

/** Excel refuses to open (or "repairs") a file with a longer cell. */
const MAX_CELL_CHARS = 32_767;
const MIN_WIDTH = 8;
const MAX_WIDTH = 50;
/** Rows of a source tab looked at to size its columns. */
const WIDTH_SAMPLE_ROWS = 1_000;

export interface XlsxContent {
  /** Source tabs to copy first; null: report tabs only. */
  source: RawWorkbook | null;
  reports: { name: string; layout: TabLayout }[];
  /** IANA zone of the workbook: source `Date` cells are shown as wall-clock time there. */
  timeZone: string;
  currency: string;
}

/** One tab to write: its frame and filter, known before its rows are, and how to write the rows. */
interface SheetPlan extends SheetFrame {
  name: string;
  autoFilter: string | null;
  writeRows(out: RowWriter, styles: CellStyles): Promise<void>;
}

export async function writeXlsx(file: string, content: XlsxContent): Promise<void> {
  const used = new Set<string>();
  const plans: SheetPlan[] = [
    ...Object.entries(content.source ?? {}).map(([name, table]) => sourceSheet(uniqueSheetName(name, used), table, content.timeZone)),
    ...content.reports.map(({ name, layout }) => reportSheet(uniqueSheetName(name, used), layout, content.currency)),
  ];
  const zip = await ZipWriter.create(file);
  try {
    await zip.add('[Content_Types].xml', contentTypesXml(plans.length));
    await zip.add('_rels/.rels', rootRelsXml());
    await zip.add('docProps/core.xml', corePropsXml('Campaign Sheets', new Date()));
    await zip.add('xl/workbook.xml', workbookXml(plans));
    await zip.add('xl/_rels/workbook.xml.rels', workbookRelsXml(plans.length));
    const styles = new CellStyles();
    for (const [i, plan] of plans.entries()) {
      const entry = zip.entry(sheetPath(i));
      await entry.write(sheetStart(plan));
      const rows = new RowWriter(entry, plan.columns);
      await plan.writeRows(rows, styles);
      await rows.finish();
      await entry.write(sheetEnd(plan.autoFilter));
      await entry.end();
    }
    await zip.add('xl/styles.xml', styles.xml());
    await zip.close();
  } catch (err) {
    await zip.abandon();
    throw err;
  }
}

/**
 * Writes a sheet's rows in order, one cell at a time, each row only if it holds a cell. Column
 * letters are made once per sheet.
 */
class RowWriter {
  private readonly letters: string[];
  private row = '';
  private rowNumber = 0;

  constructor(private readonly entry: ZipEntryWriter, columns: number) {
    this.letters = Array.from({ length: columns }, (_, c) => columnLetter(c));
  }

  /** Starts row `r` (0-based), ending the one before. */
  startRow(r: number): Promise<void> | undefined {
    const wait = this.endRow();
    this.rowNumber = r + 1;
    return wait;
  }

  ref(c: number): string {
    return (this.letters[c] ?? columnLetter(c)) + this.rowNumber;
  }

  number(c: number, s: number, n: number): void {
    this.row += Number.isFinite(n) ? numberCell(this.ref(c), s, n) : s ? blankCell(this.ref(c), s) : '';
  }

  text(c: number, s: number, text: string): void {
    this.row += text ? textCell(this.ref(c), s, clip(text)) : s ? blankCell(this.ref(c), s) : '';
  }

  boolean(c: number, s: number, b: boolean): void {
    this.row += booleanCell(this.ref(c), s, b);
  }

  async finish(): Promise<void> {
    await this.endRow();
  }

  private endRow(): Promise<void> | undefined {
    if (!this.row) return undefined;
    const xml = `<row r="${this.rowNumber}">${this.row}</row>`;
    this.row = '';
    return this.entry.write(xml);
  }
}

// ---------------------------------------------------------------------------------------------
// Source tabs

function sourceSheet(name: string, table: RawCell[][], timeZone: string): SheetPlan {
  const headerIndex = table.findIndex((row) => row.some((c) => !isBlankCell(c)));
  const width = table.reduce((w, row) => Math.max(w, row.length), 0);
  const lengths = new Array<number>(width).fill(0);
  for (let r = 0; r < Math.min(table.length, WIDTH_SAMPLE_ROWS); r++) {
    table[r].forEach((v, c) => (lengths[c] = Math.max(lengths[c], v instanceof Date ? 16 : isBlankCell(v) ? 0 : String(v).length)));
  }
  return {
    name,
    rows: table.length,
    columns: width,
    frozenRows: headerIndex + 1,
    widths: lengths.map(columnWidth),
    autoFilter: headerIndex >= 0 && width > 0 ? `A${headerIndex + 1}:${columnLetter(width - 1)}${Math.max(table.length, headerIndex + 1)}` : null,
    writeRows: async (out, styles) => {
      // A source `Date` is an instant (as Sheets' `getValues()` returns it); Excel has no zones, so
      // it gets the wall-clock time of the workbook's zone.
      const zone = zoneNamed(timeZone);
      const dateStyle = styles.numberFormat(numberPattern('date'));
      const dateTimeStyle = styles.numberFormat(numberPattern('datetime'));
      for (let r = 0; r < table.length; r++) {
        const wait = out.startRow(r);
        if (wait) await wait;
        const src = table[r];
        const s = r === headerIndex ? CellStyles.BOLD : CellStyles.PLAIN;
        for (let c = 0; c < src.length; c++) {
          const value = src[c];
          if (isBlankCell(value)) continue;
          if (typeof value === 'string') out.text(c, s, value);
          else if (typeof value === 'number') out.number(c, s, value);
          else if (typeof value === 'boolean') out.boolean(c, s, value);
          else if (value instanceof Date) {
            const t = value.getTime();
            const local = t + zone.offsetAt(t);
            out.number(c, local % DAY_MS === 0 ? dateStyle : dateTimeStyle, wallClockSerial(local));
          } else if (value instanceof UnreadableCell) out.text(c, s, value.text);
          else out.text(c, s, String(value));
        }
      }
    },
  };
}

const isBlankCell = (c: RawCell | undefined) => c === '' || c === null || c === undefined;

// ---------------------------------------------------------------------------------------------
// Report tabs

function reportSheet(name: string, layout: TabLayout, currency: string): SheetPlan {
  const main = mainTable(layout);
  const filtered = main ?? [...layout.placements].sort((a, b) => b.rowCount - a.rowCount)[0];
  return {
    name,
    rows: layout.grid.length,
    columns: layout.width,
    frozenRows: main ? main.headerRow + 1 : layout.frozenRows,
    widths: reportWidths(layout, currency).map(columnWidth),
    autoFilter: filtered && filtered.rowCount >= 1
      ? `A${filtered.headerRow + 1}:${columnLetter(filtered.columnCount - 1)}${filtered.firstDataRow + filtered.rowCount}`
      : null,
    writeRows: async (out, styles) => {
      const bold = new Set(layout.boldRows);
      const formatStyles = new Map<CellFormat, number>();
      const styleOf = (format: CellFormat) => {
        let st = formatStyles.get(format);
        if (st === undefined) formatStyles.set(format, (st = styles.numberFormat(numberPattern(format, currency))));
        return st;
      };
      // Row 3 holds the parameters' values: typed like any cell (numbers as numbers, dates as dates).
      const parameterRow = 2;
      for (let r = 0; r < layout.grid.length; r++) {
        const wait = out.startRow(r);
        if (wait) await wait;
        const s = bold.has(r) ? CellStyles.BOLD : CellStyles.PLAIN;
        const cells = layout.grid[r];
        const formats = layout.formats[r];
        for (let c = 0; c < cells.length; c++) {
          const value = cells[c];
          if (value === null) continue;
          let format = formats?.[c] ?? null;
          let v: string | number | boolean = value;
          if (r === parameterRow && typeof value === 'string') [v, format] = typedParameter(value);
          if (typeof v === 'boolean') out.boolean(c, s, v);
          else if (typeof v === 'number') out.number(c, format !== null && format !== 'text' && Number.isFinite(v) ? styleOf(format) : s, v);
          else {
            const serial = format === 'date' || format === 'month' || format === 'datetime' ? wallClockTextSerial(v) : null;
            if (serial !== null) out.number(c, styleOf(format!), serial);
            else out.text(c, s, v);
          }
        }
      }
    },
  };
}

/** A parameter's text as the number or date it is (`2`, `2026-03-01 09:30`), else as text. */
function typedParameter(text: string): [string | number, CellFormat | null] {
  if (/^-?\d+(\.\d+)?$/.test(text)) return [Number(text), Number.isInteger(Number(text)) ? 'integer' : 'decimal'];
  if (wallClockTextSerial(text) !== null) return [text, text.length > 10 ? 'datetime' : text.length === 7 ? 'month' : 'date'];
  return [text, null];
}

/**
 * The Excel serial of `2026-03-01`, `2026-03`, `2026-03-01 09:30[:ss]` (or with `T`) read as
 * wall-clock time, which Excel shows as exactly the text; null for anything else. Read digit by
 * digit: report tabs hold thousands of dates.
 */
export function wallClockTextSerial(text: string): number | null {
  let t = text;
  if (t.charCodeAt(0) <= 32 || t.charCodeAt(t.length - 1) <= 32) t = t.trim();
  const n = t.length;
  if (n !== 7 && n !== 10 && n !== 16 && n !== 19) return null;
  const digits = (at: number, count: number): number => {
    let v = 0;
    for (let i = at; i < at + count; i++) {
      const d = t.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return -1;
      v = v * 10 + d;
    }
    return v;
  };
  const y = digits(0, 4);
  const mo = digits(5, 2);
  if (y < 0 || mo < 1 || mo > 12 || t[4] !== '-') return null;
  let d = 1, h = 0, mi = 0, sec = 0;
  if (n >= 10) {
    d = digits(8, 2);
    if (t[7] !== '-' || d < 1) return null;
  }
  if (n >= 16) {
    h = digits(11, 2);
    mi = digits(14, 2);
    if ((t[10] !== ' ' && t[10] !== 'T') || t[13] !== ':' || h < 0 || h > 23 || mi < 0 || mi > 59) return null;
  }
  if (n === 19) {
    sec = digits(17, 2);
    if (t[16] !== ':' || sec < 0 || sec > 59) return null;
  }
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec);
  // Date.UTC rolls 2026-02-30 over to March; such text is not a date.
  if (new Date(ms).getUTCDate() !== d) return null;
  return wallClockSerial(ms);
}

function clip(text: string): string {
  if (text.length <= MAX_CELL_CHARS) return text;
  // Never half a surrogate pair: an emoji at the cut goes whole.
  const high = text.charCodeAt(MAX_CELL_CHARS - 1);
  return text.slice(0, high >= 0xd800 && high <= 0xdbff ? MAX_CELL_CHARS - 1 : MAX_CELL_CHARS);
}

/** Characters each column shows; titles and notes spill over empty neighbours, so they do not count. */
function reportWidths(layout: TabLayout, currency: string): number[] {
  const spillRows = new Set<number>([0]);
  for (const p of layout.placements) {
    spillRows.add(p.titleRow);
    if (p.noteRow !== null) spillRows.add(p.noteRow);
  }
  const lengths = new Array<number>(layout.width).fill(0);
  const money = currencyOf(currency);
  layout.grid.forEach((row, r) => {
    if (spillRows.has(r)) return;
    const formats = layout.formats[r];
    for (let c = 0; c < row.length; c++) lengths[c] = Math.max(lengths[c], displayLength(row[c], formats?.[c] ?? null, money));
  });
  return lengths;
}

/** Roughly how many characters Excel shows for a cell, to size its column. */
function displayLength(value: ReportCell, format: CellFormat | null, money: Currency): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'string') return value.includes('\n') ? Math.max(...value.split(/\r?\n/).map((l) => l.length)) : value.length;
  if (!Number.isFinite(value)) return 0;
  switch (format) {
    case 'integer': return groupedLength(value, 0);
    case 'decimal': return groupedLength(value, 2);
    case 'percent': return groupedLength(value * 100, 1) + 1;
    case 'currency': return groupedLength(value, money.decimals) + money.symbol.length;
    case 'ratio': return groupedLength(value, 1) + 1;
    case 'date': return 10;
    case 'month': return 7;
    case 'datetime': return 16;
    default: return plainNumber(value).length;
  }
}

/**
 * The length of `n` as en-US shows it with thousands separators and `decimals` places, counted
 * without formatting it: toLocaleString per cell took most of the xlsx's time on the demo.
 */
export function groupedLength(n: number, decimals: number): number {
  const fixed = Math.abs(n).toFixed(decimals);
  // toFixed gives an exponent from 1e21: count those digits plainly.
  const intDigits = fixed.includes('e') ? Math.floor(Math.log10(Math.abs(n))) + 1 : decimals ? fixed.indexOf('.') : fixed.length;
  return (n < 0 ? 1 : 0) + intDigits + Math.floor((intDigits - 1) / 3) + (decimals ? decimals + 1 : 0);
}

const columnWidth = (len: number) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, len + 2));

/**
 * Excel sheet names: at most 31 characters, none of `[]:*?/\`, no leading/trailing `'`, unique
 * ignoring case, and never `History` (reserved by Excel).
 */
export function uniqueSheetName(name: string, used: Set<string>): string {
  let base = name.replace(/[[\]:*?/\\]/g, '-').replace(/^'+|'+$/g, '').trim().slice(0, 31).trim();
  if (!base) base = 'Sheet';
  let candidate = base;
  for (let n = 2; used.has(candidate.toLowerCase()) || candidate.toLowerCase() === 'history'; n++) {
    const suffix = ` (${n})`;
    candidate = base.slice(0, 31 - suffix.length).trimEnd() + suffix;
  }
  used.add(candidate.toLowerCase());
  return candidate;
}

/**
 * @fileoverview Reads one CSV file into a tab: the encoding from its bytes (UTF-8 with or without a
 * BOM, UTF-16 with a BOM or by its zero bytes; anything else refused with a message), the separator
 * from the first line, and the cells by Papa Parse (the fastest well-kept parser measured on the
 * bench's files, see the README). A quote that never closes skips that one line, never the rest.
 */
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { UnreadableCell, type RawCell, type RawTable } from '../engine/workbook/raw';
import { WorkbookError } from '../engine/workbook/data-check';

/** Excel's and the xlsx format's widest sheet (column XFD). */
export const MAX_COLUMNS = 16_384;
/** Beyond this many broken quotes a file is refused rather than read line by line. */
const MAX_QUOTE_PROBLEMS = 100;

/** Reads and decodes a CSV file, then parses it (see `parseCsvText`). */
export async function readCsvFile(path: string): Promise<RawTable> {
  const bytes = await readFile(path).catch((err: Error) => {
    throw new WorkbookError(`Cannot read ${path}: ${err.message}`);
  });
  return parseCsvText(decodeCsv(bytes, path), path);
}

/**
 * The text of a CSV file's bytes. A BOM says the encoding; without one, zero bytes in every other
 * position say UTF-16 (what Excel's "Unicode Text" saves), and anything else must be UTF-8.
 */
export function decodeCsv(bytes: Buffer, path = 'CSV'): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3), path);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return swapBytes(bytes.subarray(2)).toString('utf16le');
  const zeros = utf16Zeros(bytes);
  if (zeros === 'le') return bytes.toString('utf16le');
  if (zeros === 'be') return swapBytes(bytes).toString('utf16le');
  return utf8(bytes, path);
}

function utf8(bytes: Buffer, path: string): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  const at = firstInvalidUtf8(bytes);
  const line = countLines(bytes, at);
  throw new WorkbookError(
    `${basename(path)} is not UTF-8 text: line ${line} has the byte 0x${bytes[at].toString(16).toUpperCase().padStart(2, '0')}, ` +
      'which UTF-8 does not allow there (files saved as Windows-1252, "ANSI" or Latin-1 have such bytes). ' +
      'Save the file as "CSV UTF-8" (Excel: File > Save As > CSV UTF-8) and try again.',
  );
}

/** Zero bytes in the odd (little-endian) or even (big-endian) positions of the first kilobyte. */
function utf16Zeros(bytes: Buffer): 'le' | 'be' | null {
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 2) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.3 && even < pairs * 0.05) return 'le';
  if (even > pairs * 0.3 && odd < pairs * 0.05) return 'be';
  return null;
}

function swapBytes(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes.subarray(0, bytes.length & ~1));
  return copy.swap16();
}

/** Offset of the first byte that breaks UTF-8 (only called on text that does). */
function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const len = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > b.length) return i;
    for (let k = 1; k < len; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return 0;
}

function countLines(b: Buffer, end: number): number {
  let line = 1;
  for (let i = b.indexOf(10); i >= 0 && i < end; i = b.indexOf(10, i + 1)) line++;
  return line;
}

/**
 * Parses one CSV file's text; every cell stays text because the engine types values itself. Blank
 * lines are kept so the data check's row numbers are the ones a spreadsheet shows.
 */
export function parseCsvText(text: string, pathForErrors = 'CSV'): RawTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = guessDelimiter(text);
  const rows: RawCell[][] = [];
  let pos = 0;
  let problems = 0;
  while (pos < text.length) {
    const rest = pos === 0 ? text : text.slice(pos);
    const result = Papa.parse<string[]>(rest, { delimiter, skipEmptyLines: false });
    const quote = result.errors.filter((e) => e.type === 'Quotes').sort((a, b) => (a.index ?? 0) - (b.index ?? 0))[0];
    if (!quote) {
      for (const r of result.data) rows.push(r);
      break;
    }
    if (++problems > MAX_QUOTE_PROBLEMS) {
      throw new WorkbookError(`${basename(pathForErrors)} has more than ${MAX_QUOTE_PROBLEMS} quotes that do not close; fix the quoting and try again.`);
    }
    // The record holding the broken quote starts on the quote's line, if the records before it
    // parse cleanly up to there; otherwise the file is refused rather than guessed at.
    const quoteAt = pos + Math.max(0, (quote.index ?? 1) - 1);
    const lineStart = Math.max(pos, lastLineBreak(text, quoteAt) + 1);
    const before = lineStart > pos ? Papa.parse<string[]>(text.slice(pos, lineStart), { delimiter, skipEmptyLines: false }) : null;
    const beforeRows = before ? trimTrailingEmptyRecord(before.data) : [];
    if (before && (before.errors.some((e) => e.type === 'Quotes') || beforeRows.length !== quote.row)) {
      throw new WorkbookError(
        `${basename(pathForErrors)} line ${lineNumber(text, quoteAt)}: a quote opens a field that never closes properly; fix the quoting and try again.`,
      );
    }
    for (const r of beforeRows) rows.push(r);
    const lineEnd = nextLineBreak(text, quoteAt);
    const line = text.slice(lineStart, lineEnd);
    const what = `a line whose quote does not close (line ${lineNumber(text, lineStart)} of ${basename(pathForErrors)}; ` +
      'close the quote or double it as "")';
    const cell = new UnreadableCell(what, line);
    rows.push(line.split(delimiter).map(() => cell));
    pos = lineEnd + (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? 2 : 1);
  }
  return toRectangle(rows, pathForErrors);
}

/** Papa gives a last empty record for the line break that ends a text. */
function trimTrailingEmptyRecord(rows: string[][]): string[][] {
  const last = rows[rows.length - 1];
  return last && last.length === 1 && last[0] === '' ? rows.slice(0, -1) : rows;
}

function lastLineBreak(text: string, at: number): number {
  return Math.max(text.lastIndexOf('\n', at), text.lastIndexOf('\r', at));
}

function nextLineBreak(text: string, at: number): number {
  const n = text.indexOf('\n', at);
  const r = text.indexOf('\r', at);
  const first = n < 0 ? r : r < 0 ? n : Math.min(n, r);
  return first < 0 ? text.length : first;
}

function lineNumber(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Excel saves "CSV" with `;` in locales whose decimal mark is a comma, so the separator is taken
 * from the first non-empty line: whichever of `,` `;` tab occurs most outside quotes (`,` on ties).
 */
function guessDelimiter(text: string): string {
  const head = text.slice(0, 65_536);
  const line = head.split(/\r?\n|\r/).find((l) => l.trim() !== '') ?? '';
  const unquoted = line.replace(/"[^"]*"/g, '');
  const count = (ch: string) => unquoted.split(ch).length - 1;
  let best = ',';
  for (const d of [';', '\t']) if (count(d) > count(best)) best = d;
  return best;
}

/**
 * Drops trailing blank rows and columns, as `getDataRange()` would, and pads rows to one width;
 * a tab wider than a spreadsheet can be is refused, naming it.
 */
export function toRectangle(rows: RawCell[][], pathForErrors = 'CSV'): RawTable {
  const isBlank = (c: RawCell) => c === '' || c === null || c === undefined;
  let height = rows.length;
  while (height > 0 && rows[height - 1].every(isBlank)) height--;
  let width = 0;
  for (let r = 0; r < height; r++) {
    const row = rows[r];
    for (let c = row.length - 1; c >= width; c--) {
      if (!isBlank(row[c])) {
        width = c + 1;
        break;
      }
    }
  }
  if (width > MAX_COLUMNS) {
    throw new WorkbookError(
      `${basename(pathForErrors)} has ${width.toLocaleString('en-US')} columns; a spreadsheet tab holds at most ` +
        `${MAX_COLUMNS.toLocaleString('en-US')} (Excel's limit). Remove the extra columns, or check the separator.`,
    );
  }
  const table: RawTable = new Array(height);
  for (let r = 0; r < height; r++) {
    const src = rows[r];
    if (src.length === width) {
      table[r] = src;
      continue;
    }
    const row: RawCell[] = src.length > width ? src.slice(0, width) : src.slice();
    for (let c = row.length; c < width; c++) row.push('');
    table[r] = row;
  }
  return table;
}

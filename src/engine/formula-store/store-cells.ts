/**
 * @fileoverview The store as spreadsheet cells and back. Google Sheets refuses a cell of more than
 * 50,000 characters, so every text is cut into chunks below that: the metadata's JSON over as many
 * rows as it needs, each series' day values over as many cells of its row as it needs. A series is
 * sparse (days with nothing are skipped) and its days are delta-coded, so a campaign's quiet years
 * cost nothing.
 */
import type { FormulaStore, StoreMeta } from './store';
import { STORE_VERSION } from './store';
import { playerNames } from '../attribution/players';

/** Google Sheets' limit on the characters in one cell. */
export const MAX_CELL_CHARS = 50_000;
/** Chunks leave room for the apostrophe that keeps text literal when it is written. */
export const MAX_CHUNK_CHARS = MAX_CELL_CHARS - 1;

export interface StoreCells {
  /** Rows to write, each `width` cells: the metadata rows first (key "meta"), then one row per series. */
  rows: string[][];
  metaRows: number;
  width: number;
}

/** What a reader of the written cells provides: the metadata, and series rows by position. */
export interface StoredCells {
  meta: StoreMeta;
  /** The cells after the key of series rows first..first+count-1 (0 is the first series). */
  readSeries(first: number, count: number): string[][];
}

/** Day values as `gap:value` tokens (just `value` for the next day), cut into chunks. */
export function encodeSeries(values: Float64Array | null, limit = MAX_CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  if (!values) return chunks;
  let chunk = '';
  let prev = -1;
  for (let d = 0; d < values.length; d++) {
    const v = values[d];
    if (v === 0) continue;
    const n = String(+v.toPrecision(15));
    const token = d - prev === 1 ? n : `${d - prev}:${n}`;
    prev = d;
    if (chunk.length + token.length + 1 > limit && chunk) {
      chunks.push(chunk);
      chunk = token;
    } else chunk = chunk ? `${chunk},${token}` : token;
  }
  if (chunk) chunks.push(chunk);
  return chunks;
}

export function decodeSeries(chunks: readonly unknown[], days: number): Float64Array {
  const out = new Float64Array(days);
  let d = -1;
  for (const chunk of chunks) {
    const text = String(chunk ?? '');
    if (!text) continue;
    for (const token of text.split(',')) {
      const colon = token.indexOf(':');
      d += colon < 0 ? 1 : Number(token.slice(0, colon));
      if (d >= 0 && d < days) out[d] = Number(colon < 0 ? token : token.slice(colon + 1));
    }
  }
  return out;
}

/** Cuts any text into chunks of at most `limit` characters. */
export function chunkText(text: string, limit = MAX_CHUNK_CHARS): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += limit) out.push(text.slice(i, i + limit));
  return out.length ? out : [''];
}

export function storeCells(store: FormulaStore, limit = MAX_CHUNK_CHARS): StoreCells {
  const meta = chunkText(JSON.stringify(store.meta), limit);
  const series = store.series.map((s) => encodeSeries(s, limit));
  const width = 1 + Math.max(1, ...series.map((c) => c.length));
  const pad = (cells: string[]) => [...cells, ...new Array<string>(width - cells.length).fill('')];
  const names = playerNames(store.meta.campaigns);
  return {
    rows: [
      ...meta.map((chunk) => pad(['meta', chunk])),
      ...series.map((chunks, i) => pad([store.layout.name(i, names), ...chunks])),
    ],
    metaRows: meta.length,
    width,
  };
}

/** The metadata from its chunks; null when it is not a store this version can read. */
export function parseStoreMeta(chunks: readonly unknown[]): StoreMeta | null {
  try {
    const meta = JSON.parse(chunks.map((c) => String(c ?? '')).join('')) as StoreMeta;
    return meta && meta.version === STORE_VERSION ? meta : null;
  } catch {
    return null;
  }
}

/**
 * @fileoverview One report block as a table in the page: the first page of rows as markup (what a
 * reader without scripts sees), and every row as JSON for the page script, which sorts by any
 * column, filters, and pages through long tables. Cells are formatted here, once, exactly as the
 * workbook shows them; numeric cells also carry their value so they sort as numbers.
 */
import type { ReportBlock } from '../engine/report-tab/report-tab';
import { cellFormatter, isNumericFormat, type DisplayOptions } from '../engine/report-tab/display-format';
import { escapeHtml, scriptJson } from './html-text';
import { PAGE_SIZE_ATTRIBUTE } from './page-script';

/** Rows per page of a long table. */
export const PAGE_SIZE = 50;
/** Tables longer than this get a filter box. */
export const FILTER_FROM = 10;
/** Tables with this many number columns or more are set tighter, to fit a laptop screen. */
const DENSE_FROM = 8;
/** A text column whose every cell is one token of at most this many characters holds IDs. */
const ID_MAX_CHARS = 40;

/** How a column's cells are laid out: numbers and dates right or whole, IDs never broken. */
export type ColumnKind = 'num' | 'when' | 'id' | '';

export function columnKinds(block: ReportBlock): ColumnKind[] {
  return block.header.map((_, c) => {
    const f = block.formats[c];
    if (isNumericFormat(f)) return 'num';
    if (f === 'date' || f === 'month' || f === 'datetime') return 'when';
    const cells = block.rows.map((r) => r[c]).filter((v) => v !== null && v !== undefined && v !== '');
    // IDs such as DEAL-00012 must not break at the hyphen: a column of single short tokens.
    const ids = cells.length > 0 && cells.every((v) => typeof v === 'string' && v.length <= ID_MAX_CHARS && !/\s/.test(v));
    return ids ? 'id' : '';
  });
}

/** A cell for the page script: its text, or [text, value] for a number (sorted by value). */
export type TableCell = string | [string, number];

const classOf = (kind: ColumnKind) => (kind ? ` class="${kind}"` : '');
const rowsWord = (n: number) => `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;

export interface TableIds {
  /** The table's own id (the page script finds its parts inside it). */
  tableId: string;
  /** The block's title element, which labels the table. */
  titleId: string;
}

export function renderTable(block: ReportBlock, ids: TableIds, display: DisplayOptions): string {
  const kinds = columnKinds(block);
  const width = Math.max(1, block.header.length);
  const formatters = block.header.map((_, c) => cellFormatter(block.formats[c], display));
  const plain = cellFormatter(null, display);
  const cells: TableCell[][] = block.rows.map((row) => {
    const out: TableCell[] = [];
    for (let c = 0; c < Math.max(width, row.length); c++) {
      const v = row[c];
      const text = (formatters[c] ?? plain)(v);
      out.push(kinds[c] === 'num' && typeof v === 'number' && Number.isFinite(v) ? [text, v] : text);
    }
    return out;
  });
  const n = cells.length;
  const sortable = n > 1;
  const head = block.header
    .map((h, c) => `<th scope="col"${classOf(kinds[c])}>${sortable ? `<button type="button" class="sort" data-col="${c}" title="Sort by ${escapeHtml(h)}">${escapeHtml(h)}</button>` : escapeHtml(h)}</th>`)
    .join('');
  const body =
    n === 0
      ? `<tr><td colspan="${width}" class="empty">No rows</td></tr>`
      : cells
          .slice(0, PAGE_SIZE)
          .map((row) => `<tr>${row.map((cell, c) => `<td${classOf(kinds[c] ?? '')}>${escapeHtml(typeof cell === 'string' ? cell : cell[0])}</td>`).join('')}</tr>`)
          .join('\n');
  const paged = n > PAGE_SIZE;
  const tools =
    n > FILTER_FROM
      ? `<div class="table-tools"><label>Filter <input type="search" class="filter" aria-controls="${ids.tableId}_t" autocomplete="off" spellcheck="false"></label>` +
        `<span class="count" aria-live="polite">${rowsWord(n)}</span></div>`
      : '';
  const pager = paged
    ? `<nav class="pager" aria-label="Pages of ${escapeHtml(block.title)}"><button type="button" data-go="-1" disabled>Previous</button>` +
      `<span class="page">Rows 1–${PAGE_SIZE} of ${n.toLocaleString('en-US')}</span><button type="button" data-go="1">Next</button></nav>` +
      `<noscript><p class="note">The first ${PAGE_SIZE} of ${rowsWord(n)}; the CSV file has them all.</p></noscript>`
    : '';
  const data = sortable ? `<script type="application/json" class="table-data">${scriptJson({ k: kinds, r: cells })}</script>` : '';
  return (
    `<div class="table${kinds.filter((k) => k === 'num').length >= DENSE_FROM ? ' dense' : ''}" id="${ids.tableId}" ${PAGE_SIZE_ATTRIBUTE}="${PAGE_SIZE}">${tools}` +
    `<p class="scroll-hint" hidden>Scroll sideways for more columns →</p>` +
    `<div class="table-wrap" role="region" aria-labelledby="${ids.titleId}" tabindex="0">` +
    `<table id="${ids.tableId}_t" aria-labelledby="${ids.titleId}"><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>` +
    `${pager}${data}</div>`
  );
}

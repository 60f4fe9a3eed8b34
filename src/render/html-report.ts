/**
 * @fileoverview Writes the report as one self-contained HTML page: header, tab strip, every
 * block as a table and every chart as inline SVG drawn with Vega at generation time. It opens
 * from disk and fetches nothing; a strict Content-Security-Policy keeps it that way even if
 * some text escaped our escaping.
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { columnLetter, layoutTab } from '../engine/report-tab/layout';
import type { ChartSpec, ReportBlock, ReportParameters, ReportTab } from '../engine/report-tab/report-tab';
import { dateTimeText, timeZone } from '../engine/time/zone';
import { vegaLiteSpec, type VegaChartOptions } from './chart-spec-vega';
import { formatCell, isNumericFormat, numberFormatter, type DisplayOptions } from '../engine/report-tab/display-format';

export interface HtmlReportInput {
  title: string;
  generatedAt: Date;
  /** IANA zone the generation time is shown in (the workbook's). */
  timeZone: string;
  /** The run's parameters, shown in the page header. */
  parameters: [string, string][];
  tabs: ReportTab[];
  /** Locale of number formats; `en-US` when absent. */
  locale?: string;
  /** ISO 4217 code of currency cells; `USD` when absent. */
  currency?: string;
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe both between tags and inside a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// Generation must never read a file or the network, whatever a spec asks for: the page promises
// to be made of the data given and nothing else.
const refuse = async (uri: string): Promise<never> => {
  throw new Error(`Report charts load nothing (a chart asked for "${uri}").`);
};
const NO_LOADER = { load: refuse, sanitize: refuse, http: refuse, file: refuse };

/**
 * One chart as an SVG string. Ids inside the SVG (clip paths, gradients) are prefixed with
 * `idPrefix`: Vega numbers them per render, and two inline SVGs with the same `clip1` would clip
 * each other's marks.
 */
export async function renderChartSvg(
  chart: ChartSpec,
  block: ReportBlock,
  options: VegaChartOptions & { idPrefix?: string } = {},
): Promise<string> {
  const spec = vegaLiteSpec(chart, block, options);
  const { spec: vgSpec } = compile(spec, { logger: vega.logger(vega.Error) });
  const view = new vega.View(vega.parse(vgSpec), {
    renderer: 'none',
    loader: NO_LOADER,
    logLevel: vega.Error,
  });
  try {
    const svg = await view.toSVG();
    return scopeSvgIds(svg, options.idPrefix ?? `c-${chart.id}`)
      // Vega escapes & < > " in SVG text; quote the apostrophe too so every text from the data
      // is escaped the same way in the whole page.
      .replace(/'/g, '&#39;');
  } finally {
    view.finalize();
  }
}

function scopeSvgIds(svg: string, prefix: string): string {
  const safe = prefix.replace(/[^A-Za-z0-9_-]/g, '-');
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${safe}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${safe}-${id})`)
    .replace(/\bhref="#([^"]+)"/g, (_, id: string) => `href="#${safe}-${id}"`);
}

/** An id token of [a-z0-9-] only, so `_` can join tokens into ids that never collide. */
function idToken(text: string, fallback: string): string {
  const t = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(t) ? t : `${fallback}${t ? `-${t}` : ''}`;
}

function uniqueTokens(texts: string[], fallback: string): string[] {
  const seen = new Set<string>();
  return texts.map((text) => {
    const base = idToken(text, fallback);
    let t = base;
    for (let n = 2; seen.has(t); n++) t = `${base}-${n}`;
    seen.add(t);
    return t;
  });
}

function renderParameters(parameters: ReportParameters, label: string): string {
  if (parameters.length === 0) return '';
  const items = parameters
    .map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`)
    .join('');
  return `<dl class="params" aria-label="${escapeHtml(label)}">${items}</dl>`;
}

function renderTable(block: ReportBlock, titleId: string, display: DisplayOptions): string {
  const cls = (c: number) => {
    const f = block.formats[c];
    return isNumericFormat(f) ? ' class="num"' : f === 'date' || f === 'month' || f === 'datetime' ? ' class="when"' : '';
  };
  const head = block.header.map((h, c) => `<th scope="col"${cls(c)}>${escapeHtml(h)}</th>`).join('');
  const width = Math.max(1, block.header.length);
  const body =
    block.rows.length === 0
      ? `<tr><td colspan="${width}" class="empty">No rows</td></tr>`
      : block.rows
          .map((row) => {
            const cells = [];
            for (let c = 0; c < Math.max(width, row.length); c++) {
              cells.push(`<td${cls(c)}>${escapeHtml(formatCell(row[c], block.formats[c], display))}</td>`);
            }
            return `<tr>${cells.join('')}</tr>`;
          })
          .join('\n');
  return (
    `<div class="table-wrap" role="region" aria-labelledby="${titleId}" tabindex="0">` +
    `<table aria-labelledby="${titleId}"><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`
  );
}

async function renderChart(
  chart: ChartSpec,
  block: ReportBlock | undefined,
  figureId: string,
  display: DisplayOptions,
): Promise<string> {
  const label = block
    ? `Chart: ${chart.title}. Its numbers are in the table "${block.title}".`
    : `Chart: ${chart.title}.`;
  let body: string;
  try {
    if (!block) throw new Error(`it draws block "${chart.blockId}", which this tab does not have`);
    body = await renderChartSvg(chart, block, { ...display, idPrefix: figureId });
  } catch (e) {
    // One chart that cannot be drawn must not cost the reader the rest of the report.
    const message = `Chart "${chart.title}" could not be drawn: ${(e as Error).message}`;
    return `<p class="chart-error" id="${figureId}">${escapeHtml(message)}</p>`;
  }
  return `<figure class="chart" id="${figureId}" role="img" aria-label="${escapeHtml(label)}">${body}</figure>`;
}

async function renderTab(tab: ReportTab, panelId: string, display: DisplayOptions): Promise<string> {
  const layout = layoutTab(tab);
  const placements = new Map(layout.placements.map((p) => [p.blockId, p]));
  const blockTokens = uniqueTokens(tab.blocks.map((b) => b.id), 'block');
  const chartTokens = uniqueTokens(tab.charts.map((c) => c.id), 'chart');
  const blockIds = new Set(tab.blocks.map((b) => b.id));
  const parts: string[] = [
    `<h2 id="${panelId}_title">${escapeHtml(tab.title)}</h2>`,
    renderParameters(tab.parameters, `Parameters of ${tab.title}`),
  ];

  for (const [b, block] of tab.blocks.entries()) {
    const blockId = `${panelId}_${blockTokens[b]}`;
    const titleId = `${blockId}_title`;
    const place = placements.get(block.id);
    // Where the same table sits in the workbook tab, so a reader can find it there.
    const range =
      place && place.columnCount > 0
        ? `A${place.headerRow + 1}:${columnLetter(place.columnCount - 1)}${place.firstDataRow + Math.max(place.rowCount, 1)}`
        : '';
    parts.push(
      `<section class="block" id="${blockId}" aria-labelledby="${titleId}">` +
        `<h3 id="${titleId}">${escapeHtml(block.title)}` +
        (range ? ` <span class="where" title="Cells of this table in the sheet ${escapeHtml(tab.name)}">${range}</span>` : '') +
        `</h3>` +
        (block.note ? `<p class="note">${escapeHtml(block.note)}</p>` : ''),
    );
    // The chart first: a long daily table would push it out of sight.
    for (const [c, chart] of tab.charts.entries()) {
      if (chart.blockId === block.id) parts.push(await renderChart(chart, block, `${panelId}_${chartTokens[c]}`, display));
    }
    parts.push(renderTable(block, titleId, display), '</section>');
  }
  for (const [c, chart] of tab.charts.entries()) {
    if (!blockIds.has(chart.blockId)) parts.push(await renderChart(chart, undefined, `${panelId}_${chartTokens[c]}`, display));
  }
  return parts.join('\n');
}

/** The whole report page. */
export async function renderHtmlReport(input: HtmlReportInput): Promise<string> {
  const display: DisplayOptions = { locale: input.locale, currency: input.currency };
  // Fail on a bad locale or currency before drawing anything, with the readable message.
  numberFormatter('currency', display);
  const zone = timeZone(input.timeZone);
  const generated = dateTimeText(input.generatedAt.getTime(), zone);
  const panelIds = uniqueTokens(input.tabs.map((t) => t.key || t.name), 'tab');

  const tabStrip = input.tabs
    .map(
      (tab, i) =>
        `<a role="tab" id="tab_${panelIds[i]}" href="#${panelIds[i]}" aria-controls="${panelIds[i]}"` +
        ` aria-selected="${i === 0}" tabindex="${i === 0 ? 0 : -1}">${escapeHtml(tab.name)}</a>`,
    )
    .join('');
  const panels: string[] = [];
  for (const [i, tab] of input.tabs.entries()) {
    panels.push(
      `<section role="tabpanel" id="${panelIds[i]}" aria-labelledby="tab_${panelIds[i]}" tabindex="0">\n` +
        (await renderTab(tab, panelIds[i], display)) +
        `\n</section>`,
    );
  }

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Campaign Sheets">
<title>${escapeHtml(input.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="report-header">
<h1>${escapeHtml(input.title)}</h1>
<p class="generated">Generated <time datetime="${escapeHtml(input.generatedAt.toISOString())}">${escapeHtml(generated)}</time> (${escapeHtml(zone.name)})</p>
${renderParameters(input.parameters, 'Report parameters')}
</header>
<nav class="tabs" aria-label="Report tabs"><div role="tablist" aria-label="Report tabs">${tabStrip}</div></nav>
<main>
${panels.join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

// Without this script every panel shows, stacked, and the tab strip's links jump to them; with
// it, one panel shows at a time (WAI-ARIA tabs: arrows, Home, End; the URL hash remembers it).
const SCRIPT = `
(function () {
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  if (!tabs.length) return;
  document.documentElement.className += ' js';
  function panelOf(tab) { return document.getElementById(tab.getAttribute('aria-controls')); }
  function select(tab, focus, keepHash) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      panelOf(t).hidden = !on;
    });
    if (focus) tab.focus();
    if (!keepHash) {
      try { history.replaceState(null, '', '#' + tab.getAttribute('aria-controls')); } catch (e) { /* file: URLs may refuse */ }
    }
  }
  function tabOfHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    var panel = el && el.closest('[role="tabpanel"]');
    if (!panel) return null;
    return tabs.filter(function (t) { return t.getAttribute('aria-controls') === panel.id; })[0] || null;
  }
  tabs.forEach(function (tab, i) {
    tab.addEventListener('click', function (e) { e.preventDefault(); select(tab, false); });
    tab.addEventListener('keydown', function (e) {
      var n = null;
      if (e.key === 'ArrowRight') n = (i + 1) % tabs.length;
      else if (e.key === 'ArrowLeft') n = (i - 1 + tabs.length) % tabs.length;
      else if (e.key === 'Home') n = 0;
      else if (e.key === 'End') n = tabs.length - 1;
      else if (e.key === ' ') n = i;
      if (n === null) return;
      e.preventDefault();
      select(tabs[n], true);
    });
  });
  function showHash() {
    var tab = tabOfHash();
    if (!tab) return false;
    select(tab, false, true);
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (el && el.getAttribute('role') !== 'tabpanel') el.scrollIntoView();
    return true;
  }
  if (!showHash()) select(tabs[0], false, true);
  window.addEventListener('hashchange', showHash);
})();
`;

const STYLE = `
:root {
  --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --zebra: #f6f8fa; --accent: #0b57d0; --bg: #fff;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--fg); background: var(--bg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
h1, h2, h3 { line-height: 1.25; margin: 0; }
h1 { font-size: 1.5rem; }
h2 { font-size: 1.3rem; margin-bottom: .5rem; }
h3 { font-size: 1.05rem; margin-bottom: .25rem; }
.report-header { padding: 1.25rem 1.5rem .75rem; }
.generated { color: var(--muted); margin: .25rem 0 .5rem; }
.params { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin: .5rem 0 1rem; }
.params dt { color: var(--muted); font-size: .8rem; }
.params dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
nav.tabs {
  position: sticky; top: 0; z-index: 10; background: var(--bg);
  border-bottom: 1px solid var(--line); padding: 0 1.5rem;
}
[role="tablist"] { display: flex; gap: .25rem; overflow-x: auto; scrollbar-width: thin; }
[role="tab"] {
  flex: none; padding: .6rem .9rem; color: var(--muted); text-decoration: none; white-space: nowrap;
  border-bottom: 3px solid transparent;
}
[role="tab"]:hover { color: var(--fg); }
[role="tab"][aria-selected="true"] { color: var(--accent); border-bottom-color: var(--accent); font-weight: 600; }
html:not(.js) [role="tab"][aria-selected="true"] { color: var(--muted); border-bottom-color: transparent; font-weight: normal; }
[role="tab"]:focus-visible, [role="tabpanel"]:focus-visible, .table-wrap:focus-visible {
  outline: 2px solid var(--accent); outline-offset: 2px;
}
main { padding: 0 1.5rem 2rem; }
[role="tabpanel"] { padding-top: 1.25rem; scroll-margin-top: 3rem; }
html:not(.js) [role="tabpanel"] + [role="tabpanel"] { border-top: 2px solid var(--line); margin-top: 2rem; }
.block { margin: 1.5rem 0 2rem; scroll-margin-top: 3rem; }
.where { color: var(--muted); font-weight: normal; font-size: .75rem; margin-left: .5rem; font-variant-numeric: tabular-nums; }
.note { color: var(--muted); margin: 0 0 .5rem; max-width: 60rem; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: .3rem .75rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--line); font-weight: 600; background: var(--bg); }
tbody tr:nth-child(even) { background: var(--zebra); }
.num { text-align: right; white-space: nowrap; }
.when { white-space: nowrap; }
td.empty { color: var(--muted); font-style: italic; }
figure.chart { margin: 1rem 0 0; max-width: 100%; overflow-x: auto; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
.chart-error { color: #b3261e; }
@media (max-width: 600px) {
  .report-header, main { padding-left: .75rem; padding-right: .75rem; }
  nav.tabs { padding: 0 .75rem; }
}
@media print {
  nav.tabs { display: none; }
  body { font-size: 10pt; }
  [role="tabpanel"], [role="tabpanel"][hidden] { display: block !important; }
  [role="tabpanel"] + [role="tabpanel"] { break-before: page; border-top: 0; margin-top: 0; }
  .table-wrap, figure.chart { overflow: visible; }
  tr, figure.chart, h3 { break-inside: avoid; }
  h3, .note { break-after: avoid; }
  tbody tr:nth-child(even) { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/**
 * @fileoverview The report page's style sheet, as text (inlined: the page loads nothing). System
 * fonts; a tab strip that wraps on wide screens and scrolls with a visible edge on phones; tables
 * with sticky headers and first column; charts shown at their own size so no text shrinks below
 * 11 px, scrolling sideways where the screen is narrower.
 */

export const PAGE_STYLE = `
:root {
  --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --zebra: #f6f8fa; --accent: #0b57d0; --bg: #fff;
  color-scheme: light;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--fg); background: var(--bg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
h1, h2, h3 { line-height: 1.25; margin: 0; }
h1 { font-size: 1.35rem; }
h2 { font-size: 1.25rem; }
h3 { font-size: 1.05rem; margin-bottom: .25rem; }
.report-header { padding: 1rem 1.25rem .5rem; }
.generated { color: var(--muted); margin: .25rem 0 0; }
.params { display: flex; flex-wrap: wrap; gap: .35rem 1.5rem; margin: .5rem 0 0; }
.params dt { color: var(--muted); font-size: .8rem; }
.params dd { margin: 0; font-weight: 600; }
.params select { font: inherit; font-weight: 600; padding: .1rem .25rem; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); }
html:not(.js) .model-choice select { display: none; }
.js .model-choice .no-js { display: none; }
.model-note { font-weight: normal; color: var(--muted); font-size: .8rem; display: block; }
nav.tabs {
  position: sticky; top: 0; z-index: 10; background: var(--bg);
  border-bottom: 1px solid var(--line); padding: 0 1.25rem;
}
[role="tablist"] { display: flex; flex-wrap: wrap; column-gap: .1rem; }
[role="tab"] {
  flex: none; padding: .5rem .7rem; color: var(--muted); text-decoration: none; white-space: nowrap;
  border-bottom: 3px solid transparent;
}
[role="tab"]:hover { color: var(--fg); }
[role="tab"][aria-selected="true"] { color: var(--accent); border-bottom-color: var(--accent); font-weight: 600; }
html:not(.js) [role="tab"][aria-selected="true"] { color: var(--muted); border-bottom-color: transparent; font-weight: normal; }
[role="tab"]:focus-visible, [role="tabpanel"]:focus-visible, .table-wrap:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible {
  outline: 2px solid var(--accent); outline-offset: 2px;
}
main { padding: 0 1.25rem 2rem; }
[role="tabpanel"] { padding-top: 1rem; scroll-margin-top: 3rem; }
html:not(.js) [role="tabpanel"] + [role="tabpanel"] { border-top: 2px solid var(--line); margin-top: 2rem; }
.subtitle { color: var(--muted); margin: .2rem 0 0; font-size: 1rem; }
.tab-params { margin-top: .4rem; }
.block { margin: 1.25rem 0 2rem; scroll-margin-top: 3rem; }
.where { color: var(--muted); font-weight: normal; font-size: .75rem; margin-left: .5rem; font-variant-numeric: tabular-nums; }
.note { color: var(--muted); margin: 0 0 .5rem; max-width: 60rem; }
.table-tools { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem 1rem; margin: .25rem 0 .4rem; }
.table-tools input { font: inherit; padding: .2rem .4rem; border: 1px solid var(--line); border-radius: 4px; width: 14rem; max-width: 60vw; }
.count, .page, .scroll-hint { color: var(--muted); font-size: .85rem; }
.scroll-hint { margin: 0 0 .25rem; }
.table-wrap { overflow: auto; max-width: 100%; max-height: 70vh; border-bottom: 1px solid var(--line); }
.table-wrap.overflows:not(.at-end) { box-shadow: inset -12px 0 10px -10px rgba(0, 0, 0, .35); }
table { border-collapse: separate; border-spacing: 0; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { padding: .3rem .55rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; background: var(--bg); }
thead th { position: sticky; top: 0; z-index: 2; border-bottom: 2px solid var(--line); font-weight: 600; vertical-align: bottom; }
tbody tr:nth-child(even) td { background: var(--zebra); }
tr > :first-child { position: sticky; left: 0; z-index: 1; }
thead tr > :first-child { z-index: 3; }
th button.sort { all: unset; cursor: pointer; display: inline; }
th button.sort::after { content: "\\2195"; color: var(--line); margin-left: .25rem; font-weight: normal; }
th[aria-sort="ascending"] button.sort::after { content: "\\2191"; color: var(--accent); }
th[aria-sort="descending"] button.sort::after { content: "\\2193"; color: var(--accent); }
th button.sort:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.dense table { font-size: 12px; }
.dense th, .dense td { padding: .25rem .4rem; }
.num { text-align: right; white-space: nowrap; }
.when, .id { white-space: nowrap; }
td.empty { color: var(--muted); font-style: italic; }
.pager { display: flex; align-items: center; gap: .75rem; margin: .4rem 0 0; }
.pager button { font: inherit; padding: .2rem .6rem; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--accent); cursor: pointer; }
.pager button:disabled { color: var(--muted); cursor: default; opacity: .6; }
figure.chart { margin: .75rem 0 1rem; max-width: 100%; }
figure.chart figcaption { font-weight: 600; margin-bottom: .25rem; }
.chart-box { overflow-x: auto; max-width: 100%; }
.chart-box.overflows:not(.at-end) { box-shadow: inset -12px 0 10px -10px rgba(0, 0, 0, .35); }
.chart-box svg { display: block; max-width: none; height: auto; }
.chart-error { color: #b3261e; }
@media (max-width: 600px) {
  body { font-size: 13px; }
  .report-header { padding: .6rem .75rem .25rem; }
  h1 { font-size: 1.1rem; }
  h2 { font-size: 1.1rem; }
  .params { gap: .1rem .9rem; margin-top: .3rem; }
  .params dt { font-size: .75rem; }
  .model-note { display: none; }
  main { padding-left: .75rem; padding-right: .75rem; }
  nav.tabs { padding: 0 .75rem; }
  [role="tablist"] { flex-wrap: nowrap; overflow-x: auto; scrollbar-width: thin; }
  [role="tablist"].overflows:not(.at-end) { box-shadow: inset -14px 0 10px -10px rgba(0, 0, 0, .35); }
  [role="tab"] { padding: .45rem .55rem; }
  .table-wrap { max-height: 80vh; }
}
@media print {
  nav.tabs, .table-tools, .pager, .scroll-hint { display: none; }
  body { font-size: 10pt; }
  [role="tabpanel"], [role="tabpanel"][hidden] { display: block !important; }
  [role="tabpanel"] + [role="tabpanel"] { break-before: page; border-top: 0; margin-top: 0; }
  .table-wrap, .chart-box { overflow: visible; max-height: none; box-shadow: none; }
  thead th, tr > :first-child { position: static; }
  tr, figure.chart, h3 { break-inside: avoid; }
  h3, .note { break-after: avoid; }
  tbody tr:nth-child(even) td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/**
 * @fileoverview Writes the report as one self-contained HTML page: one header with the run's
 * parameters (and the model selector), a tab strip, and each tab's blocks as tables with their
 * charts as inline SVG drawn with Vega at generation time. With model variants, every
 * attribution tab is there once per model and the selector shows one. It opens from disk and
 * fetches nothing; a strict Content-Security-Policy keeps it that way even if some text escaped
 * our escaping.
 */
import { columnLetter, layoutTab } from '../engine/report-tab/layout';
import type { ChartSpec, ModelVariants, ReportBlock, ReportParameters, ReportTab } from '../engine/report-tab/report-tab';
import { REPORT_PREFIX } from '../engine/reports/report-names';
import { dateTimeText, timeZone } from '../engine/time/zone';
import { numberFormatter, type DisplayOptions } from '../engine/report-tab/display-format';
import { axisTop, chartValueExtent, vegaLiteSpec, type VegaChartOptions } from './chart-spec-vega';
import { createChartDrawer, type ChartDrawer, type SvgCache } from './chart-svg';
import { escapeHtml, uniqueTokens } from './html-text';
import { renderTable } from './html-table';
import { PAGE_SCRIPT } from './page-script';
import { PAGE_STYLE } from './page-style';

export { escapeHtml };

export interface HtmlReportInput {
  title: string;
  generatedAt: Date;
  /** IANA zone the generation time is shown in (the workbook's). */
  timeZone: string;
  /**
   * Parameters for the page header, before the tabs' own. The header shows each label once
   * (its first value); a tab repeats only those of its parameters whose value differs.
   */
  parameters?: ReportParameters;
  tabs: ReportTab[];
  /** Locale of number formats; `en-US` when absent. */
  locale?: string;
  /** ISO 4217 code of currency cells; `USD` when absent. */
  currency?: string;
  /** Every model's version of the model-dependent tabs: the header's selector switches them. */
  models?: ModelVariants | null;
  /** Charts drawn by earlier renders, reused when their spec is unchanged. */
  svgCache?: SvgCache;
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/** The label of the model parameter, which the model selector stands in for. */
const MODEL_LABEL = 'Model';

/** Let the event loop run between charts: a server rendering the page keeps answering. */
const breathe = () => new Promise<void>((done) => setImmediate(done));

interface PageContext {
  display: DisplayOptions;
  drawer: ChartDrawer;
  /** The header's parameters by label: a tab leaves out those it shares. */
  header: Map<string, string>;
}

/** Each label once, with its first value, in order of appearance. */
function mergeParameters(lists: ReportParameters[]): ReportParameters {
  const seen = new Map<string, string>();
  for (const list of lists) for (const [k, v] of list) if (!seen.has(k)) seen.set(k, v);
  return [...seen];
}

function renderParameters(parameters: ReportParameters, label: string, className = 'params'): string {
  if (parameters.length === 0) return '';
  const items = parameters.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('');
  return `<dl class="${className}" aria-label="${escapeHtml(label)}">${items}</dl>`;
}

/** The tab's name in the strip and as its heading: the sheet name without the product prefix. */
function displayName(tab: ReportTab): string {
  return tab.name.startsWith(REPORT_PREFIX) ? tab.name.slice(REPORT_PREFIX.length) : tab.name;
}

async function renderChart(chart: ChartSpec, block: ReportBlock | undefined, figureId: string, ctx: PageContext, valueMax?: number): Promise<string> {
  const label = block ? `Chart: ${chart.title}. Its numbers are in the table "${block.title}".` : `Chart: ${chart.title}.`;
  let body: string;
  try {
    if (!block) throw new Error(`it draws block "${chart.blockId}", which this tab does not have`);
    const options: VegaChartOptions = { ...ctx.display, ...(valueMax !== undefined ? { valueMax } : {}) };
    body = await ctx.drawer.draw(vegaLiteSpec(chart, block, options), figureId);
  } catch (e) {
    // One chart that cannot be drawn must not cost the reader the rest of the report.
    const message = `Chart "${chart.title}" could not be drawn: ${(e as Error).message}`;
    return `<p class="chart-error" id="${figureId}">${escapeHtml(message)}</p>`;
  }
  await breathe();
  return (
    `<figure class="chart" id="${figureId}" aria-labelledby="${figureId}_caption">` +
    `<figcaption id="${figureId}_caption">${escapeHtml(chart.title)}</figcaption>` +
    `<p class="scroll-hint" hidden>Scroll sideways to see the whole chart →</p>` +
    `<div class="chart-box" role="img" aria-label="${escapeHtml(label)}">${body}</div></figure>`
  );
}

/** The tab's heading: its title when that starts with the tab's name, else the name over the title. */
function heading(tab: ReportTab, id: string): string {
  const name = displayName(tab);
  const plain = (t: string) => t.toLowerCase().replace(/\s*&\s*/g, ' and ');
  if (plain(tab.title).startsWith(plain(name))) return `<h2 id="${id}">${escapeHtml(tab.title)}</h2>`;
  return `<h2 id="${id}">${escapeHtml(name)}</h2><p class="subtitle">${escapeHtml(tab.title)}</p>`;
}

/**
 * One version of a tab's content. `scope` prefixes every id in it (the panel's id, or the panel
 * and the model for another model's version); `valueMax` gives charts shared by every version
 * their common axis top.
 */
async function renderTabContent(tab: ReportTab, scope: string, ctx: PageContext, valueMax: Map<string, number>, hasModels: boolean): Promise<string> {
  const layout = layoutTab(tab);
  const placements = new Map(layout.placements.map((p) => [p.blockId, p]));
  const blockTokens = uniqueTokens(tab.blocks.map((b) => b.id), 'block');
  const chartTokens = uniqueTokens(tab.charts.map((c) => c.id), 'chart');
  const blockIds = new Set(tab.blocks.map((b) => b.id));
  // Only what this tab does not share with the page header; the model is the header's selector.
  const own = tab.parameters.filter(([k, v]) => ctx.header.get(k) !== v && !(hasModels && k === MODEL_LABEL));
  const parts: string[] = [heading(tab, `${scope}_title`), renderParameters(own, `Parameters of ${tab.title}`, 'params tab-params')];

  for (const [b, block] of tab.blocks.entries()) {
    const blockId = `${scope}_${blockTokens[b]}`;
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
      if (chart.blockId === block.id) parts.push(await renderChart(chart, block, `${scope}_fig-${chartTokens[c]}`, ctx, valueMax.get(chart.id)));
    }
    parts.push(renderTable(block, { tableId: `${blockId}_table`, titleId }, ctx.display), '</section>');
  }
  for (const [c, chart] of tab.charts.entries()) {
    if (!blockIds.has(chart.blockId)) parts.push(await renderChart(chart, undefined, `${scope}_fig-${chartTokens[c]}`, ctx));
  }
  return parts.join('\n');
}

/** The versions of a tab, one per model, or just the tab when it does not depend on the model. */
function versionsOf(tab: ReportTab, models: ModelVariants | null | undefined): { model: string | null; tab: ReportTab }[] {
  if (!models) return [{ model: null, tab }];
  const versions = models.variants
    .map((v) => ({ model: v.model, tab: v.tabs.find((t) => t.name === tab.name) }))
    .filter((v): v is { model: string; tab: ReportTab } => !!v.tab);
  // One version or none: the tab does not change with the model.
  return versions.length > 1 ? versions : [{ model: null, tab }];
}

/** The axis top of each chart, shared by the tab's versions so bars keep their scale across models. */
function sharedValueMax(versions: { tab: ReportTab }[]): Map<string, number> {
  const max = new Map<string, number>();
  for (const { tab } of versions) {
    for (const chart of tab.charts) {
      const block = tab.blocks.find((b) => b.id === chart.blockId);
      if (block) max.set(chart.id, Math.max(max.get(chart.id) ?? 0, chartValueExtent(chart, block)));
    }
  }
  const tops = new Map<string, number>();
  for (const [id, m] of max) {
    const top = axisTop(m);
    if (top !== undefined) tops.set(id, top);
  }
  return tops;
}

async function renderPanel(tab: ReportTab, panelId: string, ctx: PageContext, models: ModelVariants | null | undefined): Promise<string> {
  const versions = versionsOf(tab, models);
  if (versions.length === 1 && versions[0].model === null) return renderTabContent(tab, panelId, ctx, sharedValueMax(versions), false);
  const valueMax = sharedValueMax(versions);
  const tokens = uniqueTokens(versions.map((v) => v.model ?? ''), 'model');
  // The run's own version stands in for a model this tab was not computed with.
  const fallback = versions.find((v) => v.tab === tab) ?? versions[0];
  const shown = versions.find((v) => v.model === models!.selected) ?? fallback;
  const parts: string[] = [];
  for (const [i, v] of versions.entries()) {
    // The shown version keeps the plain ids, so links into the page find it.
    const scope = v === shown ? panelId : `${panelId}_m-${tokens[i]}`;
    parts.push(
      `<div class="variant" data-model="${escapeHtml(v.model ?? '')}"${v === fallback ? ' data-fallback="true"' : ''}${v === shown ? '' : ' hidden'}>\n` +
        (await renderTabContent(v.tab, scope, ctx, valueMax, true)) +
        `\n</div>`,
    );
  }
  return `<div class="variants">\n${parts.join('\n')}\n</div>`;
}

function modelSelector(models: ModelVariants, value: string): string {
  const options = models.variants
    .map((v) => `<option value="${escapeHtml(v.model)}"${v.model === models.selected ? ' selected' : ''}>${escapeHtml(v.model)}</option>`)
    .join('');
  return (
    `<div class="model-choice"><dt><label for="model-select">${MODEL_LABEL}</label></dt>` +
    `<dd><select id="model-select" aria-describedby="model-note">${options}</select><span class="no-js">${escapeHtml(value)}</span>` +
    `<span class="model-note" id="model-note">switches every attribution table and chart</span></dd></div>`
  );
}

/** The whole report page. */
export async function renderHtmlReport(input: HtmlReportInput): Promise<string> {
  const display: DisplayOptions = { locale: input.locale, currency: input.currency };
  // Fail on a bad locale or currency before drawing anything, with the readable message.
  numberFormatter('currency', display);
  const zone = timeZone(input.timeZone);
  const generated = dateTimeText(input.generatedAt.getTime(), zone);
  const panelIds = uniqueTokens(input.tabs.map((t) => t.key || t.name), 'tab');
  const models = input.models && input.models.variants.length > 1 ? input.models : null;
  const headerParameters = mergeParameters([input.parameters ?? [], ...input.tabs.map((t) => t.parameters)]);
  const ctx: PageContext = { display, drawer: createChartDrawer(input.svgCache), header: new Map(headerParameters) };

  const tabStrip = input.tabs
    .map(
      (tab, i) =>
        `<a role="tab" id="tab_${panelIds[i]}" href="#${panelIds[i]}" aria-controls="${panelIds[i]}"` +
        ` aria-selected="${i === 0}" tabindex="${i === 0 ? 0 : -1}" title="${escapeHtml(tab.name)}">${escapeHtml(displayName(tab))}</a>`,
    )
    .join('');
  const panels: string[] = [];
  try {
    for (const [i, tab] of input.tabs.entries()) {
      panels.push(
        `<section role="tabpanel" id="${panelIds[i]}" aria-labelledby="tab_${panelIds[i]}" tabindex="0">\n` +
          (await renderPanel(tab, panelIds[i], ctx, models)) +
          `\n</section>`,
      );
    }
  } finally {
    ctx.drawer.close();
  }

  const params = headerParameters
    .map(([k, v]) =>
      k === MODEL_LABEL && models ? modelSelector(models, v) : `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`)
    .join('');
  const hasDataTime = headerParameters.some(([k]) => k === 'Data as of');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Campaign Sheets">
<title>${escapeHtml(input.title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header class="report-header">
<h1>${escapeHtml(input.title)}</h1>
${hasDataTime ? '' : `<p class="generated">Generated <time datetime="${escapeHtml(input.generatedAt.toISOString())}">${escapeHtml(generated)}</time> (${escapeHtml(zone.name)})</p>\n`}${params ? `<dl class="params" aria-label="Report parameters">${params}</dl>` : ''}
</header>
<nav class="tabs" aria-label="Report tabs"><div role="tablist" aria-label="Report tabs">${tabStrip}</div></nav>
<main>
${panels.join('\n')}
</main>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}



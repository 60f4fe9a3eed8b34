/**
 * @fileoverview Draws Vega-Lite specs as SVG text at generation time, with each mark's tooltip
 * as an SVG <title> (browsers show it on hover, no script needed). Compiling a spec (Vega-Lite to
 * Vega, then Vega's parse) costs more than drawing it, so specs of one shape share one compiled
 * spec: those that differ only in their data, size, titles, value-axis tops and parameter values
 * (one chart per attribution model, one per measure), which each chart's view takes as data and
 * signals; charts of one shape are drawn in turn in one view, emptied between them, since making
 * a view (its dataflow, its expressions) costs about as much as drawing in it. An SVG already
 * drawn for the same spec comes from a cache, so a page re-rendered after a small change redraws
 * only the charts whose numbers changed.
 */
import { createHash } from 'node:crypto';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { LABEL_LINES_PARAM } from './chart-spec-vega';

// Generation must never read a file or the network, whatever a spec asks for: the page promises
// to be made of the data given and nothing else.
const refuse = async (uri: string): Promise<never> => {
  throw new Error(`Report charts load nothing (a chart asked for "${uri}").`);
};
const NO_LOADER = { load: refuse, sanitize: refuse, http: refuse, file: refuse };

/** SVGs by spec, least recently used first out. */
export class SvgCache {
  private readonly entries = new Map<string, string>();
  constructor(private readonly limit = 400) {}
  get(key: string): string | undefined {
    const svg = this.entries.get(key);
    if (svg !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, svg);
    }
    return svg;
  }
  set(key: string, svg: string): void {
    this.entries.delete(key);
    this.entries.set(key, svg);
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }
  get size(): number {
    return this.entries.size;
  }
}

export interface ChartDrawer {
  /** The chart as SVG text, its ids prefixed with `idPrefix` (unique in the page). */
  draw(spec: TopLevelSpec, idPrefix: string): Promise<string>;
  /** How many charts were drawn, not taken from the cache (for tests and timings). */
  drawn(): number;
  /** How many shapes were compiled for them (for tests and timings). */
  compiled(): number;
  /** How many views were made to draw them (for tests and timings). */
  views(): number;
  /** Frees the compiled shapes. */
  close(): void;
}

const hash = (text: string) => createHash('sha1').update(text).digest('base64');

/** One shape of chart, compiled and parsed: each chart of it is a new view of this. */
interface CompiledShape {
  runtime: vega.Runtime;
  /** The dataset holding the spec's inline values. */
  dataName: string;
  /** The view that drew this shape's last chart, emptied before the next one. */
  view: vega.View | null;
}

type Encoding = Record<string, { title?: unknown; scale?: { domainMax?: unknown }; axis?: { title?: unknown } | null } | undefined>;
type Param = { name: string; value?: unknown; bind?: unknown; select?: unknown };
type Spec = { data?: { values?: object[] }; description?: string; width?: unknown; height?: unknown; params?: Param[]; encoding?: Encoding };

/** Prefix of the signals a shape's values are lifted into (not a name our specs use). */
const LIFTED = 'cs_lifted_';

/** A spec as one shape of chart and the values that make it this chart. */
interface Lifted {
  /** What to compile: values in signals, inline values the caller's. */
  spec: TopLevelSpec;
  /** The spec with every lifted value left out: specs with one key share a compiled spec. */
  key: string;
  /** Signal values: the spec's own parameters and the lifted ones. */
  signals: [string, unknown][];
  width?: number;
  height?: number;
}

/**
 * Moves what varies between charts of one shape into signals: each channel's and axis's title and
 * each value-axis top becomes a signal that the spec refers to, the plain parameters' values are
 * signals already, and the size is the view's width and height. The description is left out: it
 * is not drawn (the page's caption and aria-label carry the title).
 */
function lift(spec: TopLevelSpec): Lifted {
  const { data, description: _notDrawn, ...rest } = spec as Spec;
  const copy = structuredClone(rest);
  const signals: [string, unknown][] = [];
  const keyParams: Param[] = [];
  const added: Param[] = [];
  for (const p of copy.params ?? []) {
    const plain = p.value !== undefined && p.bind === undefined && p.select === undefined;
    if (plain) signals.push([p.name, p.value]);
    keyParams.push(plain ? { ...p, value: null } : p);
  }
  const signal = (value: unknown) => {
    const name = `${LIFTED}${added.length}`;
    added.push({ name, value });
    signals.push([name, value]);
    return name;
  };
  for (const channel of Object.values(copy.encoding ?? {})) {
    if (typeof channel?.scale?.domainMax === 'number') channel.scale.domainMax = { expr: signal(channel.scale.domainMax) };
    if (typeof channel?.title === 'string') channel.title = { signal: signal(channel.title) };
    if (typeof channel?.axis?.title === 'string') channel.axis.title = { signal: signal(channel.axis.title) };
  }
  const width = typeof copy.width === 'number' ? copy.width : undefined;
  const height = typeof copy.height === 'number' ? copy.height : undefined;
  const params = [...(copy.params ?? []), ...added];
  const key = JSON.stringify({
    ...copy,
    params: [...keyParams, ...added.map((p) => ({ ...p, value: null }))],
    ...(width !== undefined ? { width: null } : {}),
    ...(height !== undefined ? { height: null } : {}),
  });
  return { spec: { ...copy, ...(params.length ? { params } : {}), data } as TopLevelSpec, key, signals, width, height };
}

type SceneNode = { items?: SceneNode[]; mark?: { marktype: string }; tooltip?: unknown; description?: string; aria?: boolean };

/** Marks whose one item stands for many data (a line's path): their tooltip would name only one. */
const NO_TOOLTIP = new Set(['line', 'area', 'trail', 'group', 'text', 'rule']);

function tooltipText(tooltip: unknown): string {
  if (tooltip === null || typeof tooltip !== 'object') return String(tooltip);
  return Object.entries(tooltip as Record<string, unknown>).map(([k, v]) => `${k}: ${String(v)}`).join('\n');
}

/** Hands each mark's tooltip to the SVG writer as its description (turned into <title> below). */
function describeTooltips(node: SceneNode): void {
  if (node.tooltip != null && node.tooltip !== '' && node.mark && !NO_TOOLTIP.has(node.mark.marktype)) {
    node.description = tooltipText(node.tooltip);
    node.aria = true;
  }
  for (const child of node.items ?? []) describeTooltips(child);
}

/** `aria-label` of a mark (only tooltips have one: the chart's aria is off) as a <title> child. */
function tooltipsAsTitles(svg: string): string {
  return svg.replace(
    /<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="[^"]*"([^>]*?)\/>/g,
    (_, label: string, rest: string) => `<path${rest}><title>${label}</title></path>`,
  );
}

const xmlText = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A category label cut short (it ends in …) gets its full text as a <title>, and the axis labels
 * take the pointer so that the title shows on hover.
 */
function cutLabelTitles(svg: string, spec: TopLevelSpec): string {
  const params = (spec as { params?: { name: string; value: unknown }[] }).params ?? [];
  const lines = params.find((p) => p.name === LABEL_LINES_PARAM)?.value as Record<string, string[]> | undefined;
  if (!lines) return svg;
  let out = svg;
  let cut = false;
  for (const [key, l] of Object.entries(lines)) {
    if (!l[l.length - 1].endsWith('…')) continue;
    const shown = l.length === 1 ? `>${xmlText(l[0])}</text>` : `>${xmlText(l[l.length - 1])}</tspan></text>`;
    const end = out.indexOf(shown);
    if (end < 0) continue;
    const start = out.lastIndexOf('<text', end);
    const open = out.indexOf('>', start);
    out = `${out.slice(0, open + 1)}<title>${xmlText(key.slice(1))}</title>${out.slice(open + 1)}`;
    cut = true;
  }
  return cut ? out.replace(/(class="mark-text role-axis-label") pointer-events="none"/g, '$1') : out;
}

/** Ids inside the SVG (clip paths, gradients) prefixed: two inline SVGs with `clip1` would clip each other. */
export function scopeSvgIds(svg: string, prefix: string): string {
  const safe = prefix.replace(/[^A-Za-z0-9_-]/g, '-');
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${safe}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${safe}-${id})`)
    .replace(/\bhref="#([^"]+)"/g, (_, id: string) => `href="#${safe}-${id}"`);
}

export function createChartDrawer(cache: SvgCache = new SvgCache()): ChartDrawer {
  const shapes = new Map<string, CompiledShape>();
  let drawn = 0;
  let views = 0;

  function compiled(lifted: Lifted, key: string): CompiledShape {
    let c = shapes.get(key);
    if (!c) {
      const { spec: vgSpec } = compile({ ...lifted.spec, data: { values: [] } } as TopLevelSpec, { logger: vega.logger(vega.Error) });
      const dataName = (vgSpec.data ?? []).find((d) => Array.isArray((d as { values?: unknown }).values))?.name;
      if (!dataName) throw new Error('The chart has no inline data.');
      c = { runtime: vega.parse(vgSpec), dataName, view: null };
      shapes.set(key, c);
    }
    return c;
  }

  async function render(spec: TopLevelSpec): Promise<string> {
    const lifted = lift(spec);
    const c = compiled(lifted, hash(lifted.key));
    // The shape's last view, taken while this chart draws in it (a chart of the same shape drawn
    // meanwhile gets a view of its own). Emptied first: a view drawn again would keep its earlier
    // marks, in their old order, and so draw the chart otherwise than a new view does.
    let view = c.view;
    c.view = null;
    if (view) {
      view.data(c.dataName, []);
      await view.runAsync();
    } else {
      view = new vega.View(c.runtime, { renderer: 'none', loader: NO_LOADER, logLevel: vega.Error });
      views++;
    }
    try {
      view.data(c.dataName, (lifted.spec as { data: { values: object[] } }).data.values);
      for (const [name, value] of lifted.signals) view.signal(name, value);
      if (lifted.width !== undefined) view.width(lifted.width);
      if (lifted.height !== undefined) view.height(lifted.height);
      // Autosizing runs on a view's first update only unless asked again.
      view.resize();
      await view.runAsync();
      describeTooltips((view.scenegraph() as unknown as { root: SceneNode }).root);
      drawn++;
      const svg = cutLabelTitles(tooltipsAsTitles(await view.toSVG()), spec);
      if (c.view) view.finalize();
      else c.view = view;
      return svg;
    } catch (err) {
      view.finalize();
      throw err;
    }
  }

  return {
    async draw(spec, idPrefix) {
      const key = hash(JSON.stringify(spec));
      let svg = cache.get(key);
      if (svg === undefined) {
        svg = await render(spec);
        cache.set(key, svg);
      }
      // Vega escapes & < > " in SVG text; quote the apostrophe too so every text from the data
      // is escaped the same way in the whole page.
      return scopeSvgIds(svg, idPrefix).replace(/'/g, '&#39;');
    },
    drawn: () => drawn,
    compiled: () => shapes.size,
    views: () => views,
    close() {
      for (const c of shapes.values()) c.view?.finalize();
      shapes.clear();
    },
  };
}

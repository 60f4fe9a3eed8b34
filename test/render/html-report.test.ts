/**
 * @fileoverview The HTML report: one self-contained page that fetches nothing, shows every tab,
 * table and chart, formats numbers as the workbook does, and escapes every text from the data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChartSpec, ReportBlock, ReportTab } from '../../src/engine/report-tab/report-tab';
import { MAX_PIE_SLICES, chartData, vegaLiteSpec, wallClockMs } from '../../src/render/chart-spec-vega';
import { CONTENT_SECURITY_POLICY, escapeHtml, renderHtmlReport } from '../../src/render/html-report';

const XSS_SCRIPT = '<script>alert(1)</script>';
const XSS_IMG = '<img src=x onerror=alert(1)>';
const QUOTED = `O'Brien & "Sons"`;

const daily: ReportBlock = {
  id: 'daily',
  title: 'Daily totals',
  note: 'Revenue of deals closed won that day, attributed linearly (ours).',
  header: ['Day', 'Sessions', 'Leads', 'Revenue', 'Conversion'],
  formats: ['date', 'integer', 'integer', 'currency', 'percent'],
  rows: Array.from({ length: 14 }, (_, d) => [
    `2026-03-${String(d + 1).padStart(2, '0')}`,
    1000 + d * 37,
    20 + (d % 5),
    d === 3 ? 1234.5 : 500 + d * 10,
    d === 3 ? 0.123 : 0.05 + d / 1000,
  ]),
};

const campaigns: ReportBlock = {
  id: 'campaigns',
  title: 'Campaigns',
  header: ['Campaign', 'Revenue', 'Influenced', 'Share', 'Deals'],
  formats: ['text', 'currency', 'currency', 'percent', 'integer'],
  rows: [
    ['Spring launch', 1234.5, 2000, 0.123, 4],
    [XSS_SCRIPT, 800, 950.25, 0.08, 2],
    [XSS_IMG, 300, null, 0.03, 1],
    [QUOTED, 0, 120, 0, 0],
  ],
};

const overview: ReportTab = {
  name: 'CS Overview',
  key: 'overview',
  title: 'Overview',
  parameters: [
    ['Date range', '2026-03-01 to 2026-03-14'],
    ['Campaign filter', XSS_SCRIPT],
  ],
  blocks: [daily, campaigns],
  charts: [
    { id: 'sessions', title: 'Sessions and leads', type: 'line', blockId: 'daily', domainColumn: 0, seriesColumns: [1, 2] },
    { id: 'revenue-by-campaign', title: 'Revenue by campaign', type: 'column', blockId: 'campaigns', domainColumn: 0, seriesColumns: [1, 2] },
    { id: 'share', title: 'Revenue share', type: 'pie', blockId: 'campaigns', domainColumn: 0, seriesColumns: [1] },
  ],
};

const monthly: ReportBlock = {
  id: 'monthly',
  title: 'Revenue by month and source',
  header: ['Month', 'Organic search', 'Paid search', 'Email'],
  formats: ['month', 'currency', 'currency', 'currency'],
  rows: [
    ['2026-01', 1000, 2000, 300],
    ['2026-02', 1500, 1800, 450.75],
    ['2026-03', 1250, 2100, 500],
  ],
};

const revenue: ReportTab = {
  name: 'CS Revenue',
  key: 'revenue',
  title: 'Revenue',
  parameters: [['Model', 'Linear']],
  blocks: [monthly],
  charts: [
    { id: 'stacked', title: 'Revenue by month', type: 'column', blockId: 'monthly', domainColumn: 0, seriesColumns: [1, 2, 3], stacked: true },
    { id: 'trend', title: 'Revenue trend', type: 'line', blockId: 'monthly', domainColumn: 0, seriesColumns: [1, 2, 3] },
    { id: 'by-source', title: 'Organic vs paid', type: 'bar', blockId: 'monthly', domainColumn: 0, seriesColumns: [1, 2], yTitle: 'Revenue' },
  ],
};

const dataCheck: ReportTab = {
  name: 'CS Data check',
  key: 'data-check',
  title: 'Data check',
  parameters: [],
  blocks: [
    {
      id: 'findings',
      title: 'Findings',
      header: ['Severity', 'Tab', 'Row', 'Message'],
      formats: ['text', 'text', 'integer', 'text'],
      rows: [['warning', 'Assets', 12, `Unknown asset type "${XSS_IMG}"`]],
    },
  ],
  charts: [],
};

const tabs = [overview, revenue, dataCheck];
const chartCount = tabs.reduce((n, t) => n + t.charts.length, 0);

let html = '';
beforeAll(async () => {
  html = await renderHtmlReport({
    title: 'Campaign report <Q1>',
    generatedAt: new Date('2026-03-15T09:30:00Z'),
    timeZone: 'Europe/Paris',
    parameters: [
      ['Workbook', QUOTED],
      ['Attribution', 'Linear'],
    ],
    tabs,
  });
}, 30_000);

/** Markup only: the style and script texts name roles and attributes too. */
const markupOf = (page: string) => page.replace(/<(style|script)>[\s\S]*?<\/\1>/g, '<$1></$1>');

/** [name, value] of every attribute of every tag, quoted values read as a browser does. */
function attributes(page: string): [string, string][] {
  const out: [string, string][] = [];
  for (const [tag] of markupOf(page).matchAll(/<[a-zA-Z][^\s/>]*(?:\s+[^\s=>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*\s*\/?>/g)) {
    for (const m of tag.matchAll(/\s([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      out.push([m[1], m[2] ?? m[3] ?? m[4] ?? '']);
    }
  }
  return out;
}

const count = (text: string, needle: string | RegExp) =>
  typeof needle === 'string' ? text.split(needle).length - 1 : (text.match(needle) ?? []).length;

describe('renderHtmlReport', () => {
  it('is one page with a strict Content-Security-Policy', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:",
    );
  });

  it('fetches nothing: no script src, no remote URL in src, href or url()', () => {
    expect(html).not.toMatch(/<script[^>]*\bsrc\s*=/i);
    // One script runs; the others are table data (JSON), which a browser never executes.
    expect(count(html, /<script>/gi)).toBe(1);
    expect(count(html, /<script\b/gi)).toBe(1 + count(html, '<script type="application/json" class="table-data">'));
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import/i);
    const refs = attributes(html)
      .filter(([name]) => /^(?:src|href|xlink:href|action|formaction|poster|srcset|data)$/i.test(name))
      .map(([, value]) => value);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref, ref).toMatch(/^#/);
    const urls = [...html.matchAll(/url\(\s*['"]?([^)'"]*)/gi)].map((m) => m[1]);
    for (const url of urls) expect(url, url).toMatch(/^#/);
    expect(html).not.toMatch(/\bfetch\(|XMLHttpRequest|import\(/);
  });

  it('shows the header: title, parameters and generation time in the zone', () => {
    expect(html).toContain('<title>Campaign report &lt;Q1&gt;</title>');
    expect(html).toContain('<time datetime="2026-03-15T09:30:00.000Z">2026-03-15 10:30</time> (Europe/Paris)');
    expect(html).toContain('<dt>Workbook</dt><dd>O&#39;Brien &amp; &quot;Sons&quot;</dd>');
  });

  it('shows each parameter once: in the header, and in a tab only when its value differs', () => {
    const header = /<header class="report-header">([\s\S]*?)<\/header>/.exec(html)![1];
    // Every tab's parameters are in the header once, with the first value seen.
    for (const label of ['Workbook', 'Attribution', 'Date range', 'Campaign filter', 'Model']) expect(count(header, `<dt>${label}</dt>`), label).toBe(1);
    const main = /<main>([\s\S]*?)<\/main>/.exec(html)![1];
    expect(main).not.toContain('<dt>Date range</dt>');
    expect(main).not.toContain('<dt>Campaign filter</dt>');
  });

  it('has a tab strip with one tab and one tabpanel per report tab', () => {
    const markup = markupOf(html);
    expect(count(markup, 'role="tablist"')).toBe(1);
    expect(count(markup, 'role="tab"')).toBe(tabs.length);
    expect(count(markup, 'role="tabpanel"')).toBe(tabs.length);
    expect(count(markup, 'aria-selected="true"')).toBe(1);
    for (const key of ['overview', 'revenue', 'data-check']) {
      expect(html).toContain(`<a role="tab" id="tab_${key}" href="#${key}" aria-controls="${key}"`);
      expect(html).toContain(`<section role="tabpanel" id="${key}" aria-labelledby="tab_${key}"`);
    }
    // The strip names tabs without the sheets' prefix (a title shows the sheet name).
    expect(html).toContain(' title="CS Data check">Data check</a>');
  });

  it('ships a tab script that parses and handles the arrow keys', () => {
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(() => new Function(script)).not.toThrow();
    for (const key of ['ArrowRight', 'ArrowLeft', 'Home', 'End', 'aria-selected', 'hidden']) expect(script).toContain(key);
  });

  it('draws every chart as inline SVG under its title as a caption', () => {
    expect(count(html, '<svg')).toBe(chartCount);
    expect(count(html, '<figure class="chart"')).toBe(chartCount);
    expect(html).not.toContain('class="chart-error"');
    for (const chart of tabs.flatMap((t) => t.charts)) expect(html).toContain(`>${escapeHtml(chart.title)}</figcaption>`);
  });

  it('gives every mark of every chart a tooltip, as an SVG title', () => {
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(chartCount);
    for (const svg of svgs) expect(count(svg, '<title>'), svg.slice(0, 200)).toBeGreaterThan(0);
    // The line of 14 days with two series: one point per day and series, each with its value.
    const line = svgs.find((s) => s.includes('Sessions: 1,000'))!;
    expect(line).toContain('<title>2026-03-01&#xA;Sessions: 1,000</title>');
    // A pie slice names its category and value as the table shows it.
    expect(html).toContain('<title>Spring launch&#xA;Revenue: $1,234.50</title>');
  });

  it('writes chart text at 11 px or more', () => {
    const sizes = [...html.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
  });

  it('keeps every id unique and every in-page reference resolvable', () => {
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const idSet = new Set(ids);
    const refs = [
      ...[...html.matchAll(/\b(?:aria-controls|aria-labelledby)="([^"]+)"/g)].map((m) => m[1]),
      ...[...html.matchAll(/(?:href="#|url\(#)([^")]+)/g)].map((m) => m[1]),
    ];
    for (const ref of refs) expect(idSet.has(ref), ref).toBe(true);
  });

  it('lays out each block as a table with title, note, header and formatted rows', () => {
    expect(count(html, '<table')).toBe(4);
    expect(html).toContain('>Daily totals <span class="where"');
    // The workbook tab: 3 header rows, a blank row, the title, the note, then the header row 7.
    expect(html).toContain('>A7:E21</span>');
    expect(html).toContain('<p class="note">Revenue of deals closed won that day, attributed linearly (ours).</p>');
    expect(html).toContain('<th scope="col" class="num"><button type="button" class="sort" data-col="3" title="Sort by Revenue">Revenue</button></th>');
    expect(html).toContain('<td class="when">2026-03-04</td><td class="num">1,111</td><td class="num">23</td><td class="num">$1,234.50</td><td class="num">12.3%</td>');
    expect(html).toContain('<td class="num">$950.25</td><td class="num">8.0%</td>');
    // Null is an empty cell.
    expect(html).toContain('<td class="num">$300.00</td><td class="num"></td>');
    expect(html).toContain('<td class="when">2026-02</td><td class="num">$1,500.00</td>');
  });

  it('escapes every text from the data, in tables and in SVG', () => {
    expect(html).not.toContain(XSS_SCRIPT);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('onerror=alert(1)>');
    expect(html).not.toContain(QUOTED);
    expect(html).toContain('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(html).toContain('<td>&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html).toContain('<td>O&#39;Brien &amp; &quot;Sons&quot;</td>');
    expect(html).toContain('<dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd>');
    expect(html).toContain('Unknown asset type &quot;&lt;img src=x onerror=alert(1)&gt;&quot;');
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    const pie = /Revenue share<\/figcaption>[\s\S]*?(<svg[\s\S]*?<\/svg>)/.exec(html)?.[1] ?? '';
    // Legend labels are whole.
    expect(pie).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(pie).toContain('&lt;img src=x onerror=alert(1)&gt;');
    for (const svg of svgs) {
      expect(svg).not.toMatch(/<(?!\/?(?:svg|g|path|rect|line|text|tspan|title|defs|clipPath)\b)[a-z]/i);
      expect(svg).not.toContain("'");
    }
    // Table data for the page script: JSON that no text can break out of.
    for (const [, json] of html.matchAll(/<script type="application\/json" class="table-data">([\s\S]*?)<\/script>/g)) {
      expect(json).not.toMatch(/[<>&]/);
      expect(() => JSON.parse(json)).not.toThrow();
    }
    const campaignsData = [...html.matchAll(/<script type="application\/json" class="table-data">([\s\S]*?)<\/script>/g)]
      .map(([, json]) => JSON.parse(json) as { r: unknown[][] }).find((d) => JSON.stringify(d).includes('Spring launch'))!;
    expect(campaignsData.r.map((r) => r[0])).toEqual(['Spring launch', XSS_SCRIPT, XSS_IMG, QUOTED]);
  });

  it('shows a chart it cannot draw as a message, not a broken page', async () => {
    const page = await renderHtmlReport({
      title: 'Broken',
      generatedAt: new Date('2026-03-15T09:30:00Z'),
      timeZone: 'UTC',
      parameters: [],
      tabs: [{ ...dataCheck, charts: [{ id: 'x', title: 'Lost <chart>', type: 'pie', blockId: 'nope', domainColumn: 0, seriesColumns: [1] }] }],
    });
    expect(page).toContain('Chart &quot;Lost &lt;chart&gt;&quot; could not be drawn: it draws block &quot;nope&quot;');
    expect(page).not.toContain('<svg');
  });

  it('formats currency of the locale and currency given', async () => {
    const page = await renderHtmlReport({
      title: 'EUR',
      generatedAt: new Date('2026-03-15T09:30:00Z'),
      timeZone: 'UTC',
      parameters: [],
      tabs: [{ ...revenue, charts: [] }],
      locale: 'de-DE',
      currency: 'EUR',
    });
    // de-DE separators; the symbol where the sheet's [$€] pattern puts it.
    expect(page).toContain('<td class="num">€450,75</td>');
  });

  it('rejects an unknown time zone or currency with a readable error', async () => {
    const base = { title: 't', generatedAt: new Date(), parameters: [], tabs: [] };
    await expect(renderHtmlReport({ ...base, timeZone: 'Mars/Olympus' })).rejects.toThrow(/Unknown time zone/);
    await expect(renderHtmlReport({ ...base, timeZone: 'UTC', currency: 'XXXX' })).rejects.toThrow(/currency/);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('vegaLiteSpec', () => {
  const chart = (c: Partial<ChartSpec>): ChartSpec => ({
    id: 'c',
    title: 'T',
    type: 'line',
    blockId: 'daily',
    domainColumn: 0,
    seriesColumns: [1],
    ...c,
  });
  // The spec is plain data; reading it as such keeps the assertions free of Vega-Lite's unions.
  const enc = (spec: unknown) => (spec as { encoding: Record<string, Record<string, unknown>> }).encoding;
  const mark = (spec: unknown) => (spec as { mark: { type: string } }).mark.type;

  it('draws a line over dates on a UTC time axis, one colour per series', () => {
    const spec = vegaLiteSpec(chart({ seriesColumns: [1, 2] }), daily);
    expect(mark(spec)).toBe('line');
    const e = enc(spec);
    expect(e.x).toMatchObject({ field: 'x', type: 'temporal', scale: { type: 'utc' }, title: 'Day' });
    expect(e.y).toMatchObject({ field: 'value', type: 'quantitative', axis: { format: ',f', tickMinStep: 1 } });
    expect(e.color).toMatchObject({ field: 'series', type: 'nominal', scale: { domain: ['Sessions', 'Leads'] } });
    const values = (spec as { data: { values: unknown[] } }).data.values;
    expect(values).toHaveLength(28);
    expect(values[0]).toEqual({ x: Date.UTC(2026, 2, 1), series: 'Sessions', value: 1000, i: 0, r: 0, tip: '2026-03-01\nSessions: 1,000' });
  });

  it('draws a line over text categories on an ordinal axis, in row order', () => {
    const spec = vegaLiteSpec(chart({ blockId: 'campaigns', seriesColumns: [3] }), campaigns);
    const e = enc(spec);
    expect(e.x).toMatchObject({ type: 'ordinal', sort: null });
    expect(e.y).toMatchObject({ axis: { title: 'Share', format: '%' } });
    expect(e.color).toBeUndefined();
  });

  it('draws columns grouped side by side, or stacked', () => {
    const grouped = enc(vegaLiteSpec(chart({ type: 'column', seriesColumns: [1, 2] }), monthly));
    expect(grouped.x).toMatchObject({ field: 'x', type: 'nominal', sort: null });
    expect(grouped.y).toMatchObject({ field: 'value', type: 'quantitative', stack: null, axis: { format: '$,f' } });
    expect(grouped.xOffset).toMatchObject({ field: 'series' });
    expect(grouped.color).toMatchObject({ field: 'series' });

    const stacked = enc(vegaLiteSpec(chart({ type: 'column', seriesColumns: [1, 2, 3], stacked: true }), monthly));
    expect(stacked.y).toMatchObject({ stack: 'zero' });
    expect(stacked.xOffset).toBeUndefined();
    expect(stacked.order).toMatchObject({ field: 'i' });
  });

  it('draws bars horizontally with the domain on y', () => {
    const spec = vegaLiteSpec(chart({ type: 'bar', seriesColumns: [1, 2], xTitle: 'When', yTitle: 'Money' }), monthly);
    expect(mark(spec)).toBe('bar');
    const e = enc(spec);
    expect(e.y).toMatchObject({ field: 'x', type: 'nominal', title: 'When' });
    expect(e.x).toMatchObject({ field: 'value', type: 'quantitative', axis: { title: 'Money' } });
    expect(e.yOffset).toMatchObject({ field: 'series' });
  });

  it('draws a pie of the first series, positive parts only, slices in row order', () => {
    const c = chart({ type: 'pie', blockId: 'campaigns', seriesColumns: [1] });
    const spec = vegaLiteSpec(c, campaigns);
    expect(mark(spec)).toBe('arc');
    const e = enc(spec);
    expect(e.theta).toMatchObject({ field: 'value', type: 'quantitative' });
    expect(e.color).toMatchObject({ field: 'x', type: 'nominal', scale: { domain: ['Spring launch', XSS_SCRIPT, XSS_IMG] } });
    expect(e.order).toMatchObject({ field: 'r' });
    expect(chartData(c, campaigns).map((d) => d.value)).toEqual([1234.5, 800, 300]);
  });

  it('folds the smallest slices of a big pie into one "Other" slice', () => {
    const block: ReportBlock = {
      id: 'many',
      title: 'Many',
      header: ['Campaign', 'Revenue'],
      formats: ['text', 'currency'],
      rows: Array.from({ length: 25 }, (_, r) => [`C${r}`, r === 0 ? 1 : 100 + r]),
    };
    const data = chartData(chart({ type: 'pie', blockId: 'many', seriesColumns: [1] }), block);
    expect(data).toHaveLength(MAX_PIE_SLICES);
    expect(data.slice(0, 2).map((d) => d.x)).toEqual(['C6', 'C7']);
    expect(data[MAX_PIE_SLICES - 1]).toMatchObject({ x: 'Other (6)', value: 1 + 101 + 102 + 103 + 104 + 105 });
    const e = enc(vegaLiteSpec(chart({ type: 'pie', blockId: 'many', seriesColumns: [1] }), block));
    expect(e.color).toMatchObject({ scale: { scheme: 'tableau20' } });
  });

  it('keeps header text out of field names and tells apart series with one header', () => {
    const block: ReportBlock = {
      id: 'b',
      title: 'b',
      header: ['a.b[0]', 'x.y', 'x.y'],
      formats: ['text', 'decimal', 'decimal'],
      rows: [['k', 1, 2]],
    };
    const data = chartData(chart({ type: 'column', blockId: 'b', seriesColumns: [1, 2] }), block);
    expect(data.map((d) => d.series)).toEqual(['x.y', 'x.y (2)']);
    expect(Object.keys(data[0]).sort()).toEqual(['i', 'r', 'series', 'tip', 'value', 'x']);
  });

  it('uses the locale and currency for axis numbers', () => {
    const spec = vegaLiteSpec(chart({ type: 'column', seriesColumns: [1] }), monthly, { locale: 'fr-FR', currency: 'EUR' });
    const locale = (spec as { config: { locale: { number: { decimal: string; currency: string[] } } } }).config.locale;
    expect(locale.number.decimal).toBe(',');
    expect(locale.number.currency).toEqual(['', '\u00a0€']);
  });

  it('reads wall-clock texts as UTC instants', () => {
    expect(wallClockMs('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
    expect(wallClockMs('2026-03')).toBe(Date.UTC(2026, 2, 1));
    expect(wallClockMs('2026-03-01 09:30')).toBe(Date.UTC(2026, 2, 1, 9, 30));
    expect(wallClockMs('March')).toBeNull();
  });
});

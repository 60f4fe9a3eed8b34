/**
 * @fileoverview The report page as a reader uses it, checked on its markup: one header with the
 * model selector, one version of each attribution tab per model, headings that name the tab,
 * long tables paged with their data for sorting and filtering, IDs that never break, and charts
 * whose labels and legends are whole, with headroom above the tallest bar.
 */
import { describe, expect, it } from 'vitest';
import type { ChartSpec, ModelVariants, ReportBlock, ReportTab } from '../../src/engine/report-tab/report-tab';
import { renderHtmlReport } from '../../src/render/html-report';
import { PAGE_SIZE, columnKinds } from '../../src/render/html-table';
import { axisTop, chartLayout, vegaLiteSpec, wrapLabel } from '../../src/render/chart-spec-vega';
import { SvgCache, createChartDrawer } from '../../src/render/chart-svg';
import { startHtmlRenderer } from '../../src/render/html-off-thread';

const count = (text: string, needle: string) => text.split(needle).length - 1;

function attributionTab(model: string, credit: number[]): ReportTab {
  return {
    name: 'CS Attribution',
    key: 'attribution',
    title: `Attribution: revenue, ${model}`,
    parameters: [['Report type', 'revenue'], ['Model', model], ['Time zone', 'UTC']],
    blocks: [
      {
        id: 'by-campaign',
        title: 'Attributed revenue by campaign',
        header: ['Campaign', 'Attributed revenue'],
        formats: ['text', 'currency'],
        rows: [['Spring launch', credit[0]], ['Partners & Resellers program for the whole of Europe, Q4 2025', credit[1]]],
      },
      {
        id: 'drill-down',
        title: 'Credited interactions',
        header: ['Deal', 'Contact', 'Time', 'Credit'],
        formats: ['text', 'text', 'datetime', 'currency'],
        rows: Array.from({ length: 120 }, (_, i) => [`DEAL-${String(i).padStart(5, '0')}`, `CT-${i}`, `2026-03-${String((i % 28) + 1).padStart(2, '0')} 09:30`, i * 10]),
      },
    ],
    charts: [{ id: 'by-campaign', title: `Attributed revenue by campaign (${model})`, type: 'bar', blockId: 'by-campaign', domainColumn: 0, seriesColumns: [1] }],
  };
}

const removal: ReportTab = {
  name: 'CS Removal effects',
  key: 'removal-effects',
  title: 'Data-driven attribution explained: revenue',
  parameters: [['Report type', 'revenue'], ['Time zone', 'UTC']],
  blocks: [{ id: 'players', title: 'Removal effects', header: ['Player', 'Removal effect'], formats: ['text', 'percent'], rows: [['Spring launch', 0.4]] }],
  charts: [],
};

const LINEAR = attributionTab('Linear', [5000, 5000]);

const models: ModelVariants = {
  selected: 'Linear',
  variants: [
    { model: 'First interaction', tabs: [attributionTab('First interaction', [9000, 1000])] },
    { model: 'Linear', tabs: [LINEAR] },
    { model: 'Shapley', tabs: [attributionTab('Shapley', [4000, 6000])] },
  ],
};

const page = () =>
  renderHtmlReport({
    title: 'Report',
    generatedAt: new Date('2026-04-15T12:00:00Z'),
    timeZone: 'UTC',
    tabs: [LINEAR, removal],
    models,
  });

describe('the report page with a model selector', () => {
  it('has one selector in the header listing every model, the run\'s model selected', async () => {
    const html = await page();
    const header = /<header class="report-header">([\s\S]*?)<\/header>/.exec(html)![1];
    expect(count(html, '<select id="model-select"')).toBe(1);
    expect(header).toContain('<select id="model-select"');
    expect([...header.matchAll(/<option value="([^"]+)"( selected)?>/g)].map((m) => [m[1], !!m[2]])).toEqual([
      ['First interaction', false], ['Linear', true], ['Shapley', false],
    ]);
    // The header holds the model; no tab repeats it, nor the other shared parameters.
    const main = /<main>([\s\S]*?)<\/main>/.exec(html)![1];
    expect(main).not.toContain('<dt>Model</dt>');
    expect(main).not.toContain('<dt>Time zone</dt>');
  });

  it('carries each model\'s version of the attribution tab, only the selected one shown', async () => {
    const html = await page();
    const variants = [...html.matchAll(/<div class="variant" data-model="([^"]+)"(?: data-fallback="true")?( hidden)?>/g)].map((m) => [m[1], !!m[2]]);
    expect(variants).toEqual([['First interaction', true], ['Linear', false], ['Shapley', true]]);
    expect(html).toContain('Attribution: revenue, Shapley</h2>');
    expect(html).toContain('$9,000.00');
    expect(html).toContain('$6,000.00');
    // One chart per model, all on one value axis: the largest credit of any model sets its top.
    expect(count(html, '<figure class="chart"')).toBe(3);
    // Ids stay unique across versions; the selected one keeps the plain ids.
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids).toContain('attribution_by-campaign');
    expect(ids).toContain('attribution_m-shapley_by-campaign');
    // A tab that does not depend on the model is there once.
    expect(count(html, 'Removal effects</h2>')).toBe(1);
  });

  it('marks the run\'s own version to stand in for a model a tab was not computed with', async () => {
    // The local sidebar keeps tabs from several refreshes: Revenue attribution here has no Shapley.
    const revenueAttribution: ReportTab = { ...attributionTab('Linear', [1, 2]), name: 'CS Revenue attribution', key: 'revenue-attribution' };
    const html = await renderHtmlReport({
      title: 'Mixed', generatedAt: new Date('2026-04-15T12:00:00Z'), timeZone: 'UTC', tabs: [LINEAR, revenueAttribution],
      models: {
        selected: 'Shapley',
        variants: [
          { model: 'Linear', tabs: [LINEAR, revenueAttribution] },
          { model: 'Shapley', tabs: [attributionTab('Shapley', [4000, 6000])] },
        ],
      },
    });
    // One version: the tab shows as it is, with no selector of its own to follow.
    const panelOf = (id: string) => html.split('<section role="tabpanel" ').find((p) => p.startsWith(`id="${id}"`))!.split('</main>')[0];
    const panel = panelOf('revenue-attribution');
    expect(panel).toContain('Attribution: revenue, Linear');
    expect(panel).not.toContain('class="variant"');
    const attribution = panelOf('attribution');
    expect(attribution).toContain('<div class="variant" data-model="Linear" data-fallback="true" hidden>');
    expect(attribution).toContain('<div class="variant" data-model="Shapley">');
  });

  it('shares one axis top between the versions of a chart', () => {
    const chart = attributionTab('Linear', [1, 1]).charts[0];
    const spec = (credit: number[]) => vegaLiteSpec(chart, attributionTab('x', credit).blocks[0], { valueMax: axisTop(9000) });
    const top = (s: unknown) => (s as { encoding: { x: { scale: { domainMax: number } } } }).encoding.x.scale.domainMax;
    expect(top(spec([5000, 5000]))).toBe(top(spec([9000, 1000])));
    expect(top(spec([5000, 5000]))).toBeGreaterThan(9000);
  });

  it('heads a tab with its name, and its own title under it when that says something else', async () => {
    const html = await page();
    expect(html).toContain('<h2 id="removal-effects_title">Removal effects</h2><p class="subtitle">Data-driven attribution explained: revenue</p>');
    expect(html).toContain('<h2 id="attribution_title">Attribution: revenue, Linear</h2>');
  });
});

describe('the page drawn in a worker thread', () => {
  it('is the same page, and a failure comes back as an error', async () => {
    const renderer = startHtmlRenderer();
    try {
      const input = { title: 'Report', generatedAt: new Date('2026-04-15T12:00:00Z'), timeZone: 'UTC', tabs: [LINEAR, removal], models };
      const page = await renderer.render(input);
      expect(page.html).toBe(await renderHtmlReport(input));
      expect(page.ms).toBeGreaterThan(0);
      await expect(renderer.render({ ...input, timeZone: 'Mars/Olympus' })).rejects.toThrow(/Unknown time zone/);
    } finally {
      await renderer.close();
    }
  }, 120_000);
});

describe('tables in the page', () => {
  it('pages a long table, with every row as data for sorting and filtering', async () => {
    const html = await page();
    const drill = /<div class="table" id="attribution_drill-down_table"[\s\S]*?<\/script><\/div>/.exec(html)![0];
    expect(count(drill.split('<tbody>')[1].split('</tbody>')[0], '<tr>')).toBe(PAGE_SIZE);
    expect(drill).toContain('<input type="search" class="filter"');
    expect(drill).toContain(`Rows 1–${PAGE_SIZE} of 120`);
    const data = JSON.parse(/<script type="application\/json" class="table-data">([\s\S]*?)<\/script>/.exec(drill)![1]) as { k: string[]; r: unknown[][] };
    expect(data.r).toHaveLength(120);
    expect(data.k).toEqual(['id', 'id', 'when', 'num']);
    // Numbers carry their value, so they sort as numbers whatever their text.
    expect(data.r[119][3]).toEqual(['$1,190.00', 1190]);
    // Every header sorts.
    expect(count(drill, '<button type="button" class="sort"')).toBe(4);
  });

  it('keeps IDs whole: a column of single short tokens never wraps', () => {
    const block: ReportBlock = {
      id: 'b', title: 'b', header: ['Deal', 'Name', 'Source', 'When', 'Amount'], formats: ['text', 'text', 'text', 'datetime', 'currency'],
      rows: [['DEAL-00012', 'Acme annual plan', 'Paid search', '2026-03-01 09:30', 5], ['DEAL-00013', 'Bolt', 'Direct', '2026-03-02 10:00', 6]],
    };
    expect(columnKinds(block)).toEqual(['id', '', '', 'when', 'num']);
  });
});

const LONG_NAME = 'Partners & Resellers program for the whole of Europe, the Middle East, Africa and the Americas, Q4 2025';

describe('chart labels and scales', () => {
  const block: ReportBlock = {
    id: 'b', title: 'b', header: ['Campaign', 'Credit'], formats: ['text', 'currency'],
    rows: Array.from({ length: 8 }, (_, i) => [i === 0 ? LONG_NAME : `Campaign number ${i}`, 100 * (i + 1)]),
  };
  const column: ChartSpec = { id: 'c', title: 'c', type: 'column', blockId: 'b', domainColumn: 0, seriesColumns: [1] };

  it('wraps a long label on up to three lines, cutting only what still does not fit', () => {
    expect(wrapLabel('Partners & Resellers program Q4 2025', 28)).toEqual(['Partners & Resellers program', 'Q4 2025']);
    expect(wrapLabel('Short', 28)).toEqual(['Short']);
    const cut = wrapLabel('Partners & Resellers program for the whole of Europe, the Middle East, Africa and the Americas, Q4 2025', 28);
    expect(cut).toHaveLength(3);
    expect(cut[2].endsWith('…')).toBe(true);
    // A word longer than a line is cut into lines.
    expect(wrapLabel('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)).toEqual(['ABCDEFGHIJ', 'KLMNOPQRST', 'UVWXYZ012…']);
  });

  it('draws long category names as bars with wrapped labels, and a cut one with its full name as a title', async () => {
    expect(chartLayout(column, 1, block.rows.map((r) => String(r[0])))).toBe('bars');
    const spec = vegaLiteSpec(column, block);
    expect((spec as { mark: { type: string } }).mark.type).toBe('bar');
    const drawer = createChartDrawer();
    const svg = await drawer.draw(spec, 'x');
    drawer.close();
    expect(svg).toContain('>Campaign number 1</text>');
    expect(svg).toContain(`<title>${LONG_NAME.replace('&', '&amp;')}</title>`);
    expect(svg).toContain('<tspan>Partners &amp; Resellers program</tspan>');
  });

  it('draws many series side by side as dots, and lists every series in the legend in full', async () => {
    const many: ReportBlock = {
      id: 'm', title: 'm', header: ['Campaign', ...Array.from({ length: 11 }, (_, i) => `New contacts (first touch) model ${i}`)],
      formats: ['text', ...Array.from({ length: 11 }, () => 'decimal' as const)],
      rows: [['A', ...Array.from({ length: 11 }, (_, i) => i)], ['B', ...Array.from({ length: 11 }, (_, i) => 11 - i)]],
    };
    const chart: ChartSpec = { id: 'm', title: 'm', type: 'column', blockId: 'm', domainColumn: 0, seriesColumns: Array.from({ length: 11 }, (_, i) => i + 1) };
    const spec = vegaLiteSpec(chart, many);
    expect((spec as { mark: { type: string } }).mark.type).toBe('point');
    const drawer = createChartDrawer();
    const svg = await drawer.draw(spec, 'm');
    drawer.close();
    for (let i = 0; i < 11; i++) expect(svg).toContain(`>New contacts (first touch) model ${i}</text>`);
    expect(svg).not.toContain('…');
  });

  it('leaves headroom above the tallest bar, at a round value', () => {
    expect(axisTop(544)).toBe(600);
    expect(axisTop(500)).toBe(600);
    expect(axisTop(0.62)).toBe(0.8);
    expect(axisTop(1_380_000)).toBe(1_500_000);
    expect(axisTop(1_390_000)).toBe(2_000_000);
    expect(axisTop(0)).toBeUndefined();
    const spec = vegaLiteSpec({ ...column, type: 'bar' }, block);
    const x = (spec as { encoding: { x: { scale: { domainMax: number; nice: boolean } } } }).encoding.x;
    expect(x.scale).toEqual({ domainMax: 1000, nice: false });
  });

  it('compiles one shape for charts that differ in data, size, titles, axis tops and labels, draws them in one view, each as if alone', async () => {
    const bar: ChartSpec = { ...column, type: 'bar' };
    const other: ReportBlock = { ...block, header: ['Asset', 'Views'], rows: [[LONG_NAME.toUpperCase(), 7], ['Blog', 3000]] };
    // More bars, then fewer, then more again: a view drawn again must not keep the marks before.
    const specs = [
      vegaLiteSpec(bar, block, { valueMax: 1000 }),
      vegaLiteSpec({ ...bar, title: 'Views by asset', yTitle: 'Views' }, other),
      vegaLiteSpec(bar, { ...block, rows: block.rows.slice(2, 5) }, { valueMax: 5000 }),
      vegaLiteSpec(bar, { ...block, rows: [...block.rows].reverse() }, { valueMax: 1000 }),
    ];
    // Each part that varies above does vary.
    const heights = new Set(specs.map((s) => (s as { height: number }).height));
    expect(heights.size).toBe(3);
    const shared = createChartDrawer();
    const svgs: string[] = [];
    for (const spec of specs) svgs.push(await shared.draw(spec, 's'));
    expect(shared.compiled()).toBe(1);
    expect(shared.views()).toBe(1);
    expect(shared.drawn()).toBe(4);
    expect(svgs[1]).toContain('>Views</text>');
    expect(svgs[1]).toContain(`<title>${LONG_NAME.toUpperCase().replace('&', '&amp;')}</title>`);
    await shared.draw(vegaLiteSpec(column, { ...block, rows: block.rows.slice(1, 3) }), 's');
    expect(shared.compiled()).toBe(2);
    shared.close();
    for (const [i, spec] of specs.entries()) {
      const alone = createChartDrawer();
      expect(await alone.draw(spec, 's')).toBe(svgs[i]);
      alone.close();
    }
  });

  it('draws a chart again only when its spec changed, reusing one compiled shape for new data', async () => {
    const cache = new SvgCache();
    const drawer = createChartDrawer(cache);
    const spec = vegaLiteSpec(column, block, { valueMax: 1000 });
    const first = await drawer.draw(spec, 'a');
    expect(await drawer.draw(spec, 'b')).toBe(first.replace(/\ba-/g, 'b-'));
    expect(drawer.drawn()).toBe(1);
    const other = { ...block, rows: block.rows.map((r) => [r[0], (r[1] as number) / 2]) };
    const second = await drawer.draw(vegaLiteSpec(column, other, { valueMax: 1000 }), 'c');
    expect(drawer.drawn()).toBe(2);
    expect(second).not.toBe(first);
    expect(second).toContain('<title>Campaign number 1&#xA;Credit: $100.00</title>');
    drawer.close();
    // A new drawer on the same cache draws nothing it has drawn before.
    const again = createChartDrawer(cache);
    await again.draw(spec, 'd');
    expect(again.drawn()).toBe(0);
    again.close();
  });
});

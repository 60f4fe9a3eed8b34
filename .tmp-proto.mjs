import * as vega from 'vega';
import { compile } from 'vega-lite';
const spec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: 'Rev <b>&',
  width: 400, height: 200,
  data: { values: [
    {x: Date.UTC(2026,2,1), series: '<script>alert(1)</script>', value: 0.12, i: 0},
    {x: Date.UTC(2026,2,2), series: '<script>alert(1)</script>', value: 0.2, i: 0},
    {x: Date.UTC(2026,2,1), series: "<img src=x onerror=alert(1)> & 'q' \"", value: 0.3, i: 1},
    {x: Date.UTC(2026,2,2), series: "<img src=x onerror=alert(1)> & 'q' \"", value: 0.1, i: 1},
  ]},
  mark: { type: 'line', point: true },
  encoding: {
    x: { field: 'x', type: 'temporal', scale: { type: 'utc' }, title: 'Day' },
    y: { field: 'value', type: 'quantitative', axis: { format: '$,f' } },
    color: { field: 'series', type: 'nominal', sort: null },
  },
  config: { locale: { number: { decimal: ',', thousands: '.', grouping: [3], currency: ['', ' €'] } } },
};
const t0 = performance.now();
const vg = compile(spec).spec;
const view = new vega.View(vega.parse(vg), { renderer: 'none' });
const svg = await view.toSVG();
console.log(performance.now() - t0);
console.log(svg);

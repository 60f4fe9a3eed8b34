import { readWorkbookPath } from '../src/files/read-workbook-files';
const t0 = performance.now(); const c0 = process.cpuUsage();
const wb = await readWorkbookPath(process.argv[2], { timeZone: 'UTC' });
let cells = 0; for (const t of Object.values(wb)) for (const r of t) cells += r.length;
console.log("read ms", (performance.now() - t0).toFixed(0), "cpu", ((process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1000).toFixed(0), cells, Object.fromEntries(Object.entries(wb).map(([k, t]) => [k, t.length])), (process.resourceUsage().maxRSS / 1024).toFixed(0), 'MB');
console.log(wb.Interactions[1], wb.Deals[1]);

import { openZip } from '../src/files/zip-entries';
import { StringDecoder } from 'node:string_decoder';
const zip = await openZip(process.argv[2]);
for (const [name, e] of zip.entries) {
  if (!name.includes('sheet')) continue;
  const t0 = performance.now(); let n = 0; const d = new StringDecoder('utf8'); let chars = 0;
  for await (const c of await zip.stream(e)) { n += (c as Buffer).length; chars += d.write(c as Buffer).length; }
  console.log(name, (e.compressedSize / 1e6).toFixed(1), 'MB ->', (n / 1e6).toFixed(0), 'MB', (performance.now() - t0).toFixed(0), 'ms');
}

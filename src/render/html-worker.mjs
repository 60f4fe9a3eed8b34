// The HTML worker's entry: a worker thread starts with Node's own loader, so it registers tsx to
// run the TypeScript sources, as bin/campaign-sheets.mjs does for the command.
import { register } from 'tsx/esm/api';

register();
await import('./html-worker.ts');

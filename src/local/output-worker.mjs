// The output worker's entry when the sources run through tsx (the tests, CAMPAIGN_SHEETS_TSX=1): a
// worker thread starts with Node's own loader, so it registers tsx to run the TypeScript. The
// bins' bundle has its own output-worker.mjs, built from output-worker.ts (bin/bundle.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./output-worker.ts');

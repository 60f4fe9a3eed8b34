// The HTML worker's entry when the sources run through tsx (the tests, CAMPAIGN_SHEETS_TSX=1): a
// worker thread starts with Node's own loader, so it registers tsx to run the TypeScript. The
// bins' bundle has its own html-worker.mjs, built from html-worker.ts (bin/bundle.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./html-worker.ts');

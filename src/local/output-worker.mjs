// The output worker's entry: a worker thread starts with Node's own loader, so it registers tsx
// to run the TypeScript sources, as bin/local-sidebar.mjs does for the server.
import { register } from 'tsx/esm/api';

register();
await import('./output-worker.ts');

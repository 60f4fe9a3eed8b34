#!/usr/bin/env node
// The local sidebar runs the TypeScript server actions through tsx; the page itself is built by build.mjs.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/local/main.ts');
const code = await main(process.argv.slice(2));
// 0 means the server is up: let it run until Ctrl+C.
if (code !== 0) process.exit(code);

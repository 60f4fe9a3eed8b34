#!/usr/bin/env node
// The local sidebar runs its server from a bundle of the sources, rebuilt whenever they change
// (bundle.mjs); the page itself is built by build.mjs.
import { importEntry } from './bundle.mjs';

const { main } = await importEntry('local-sidebar');
const code = await main(process.argv.slice(2));
// 0 means the server is up: let it run until Ctrl+C.
if (code !== 0) process.exit(code);

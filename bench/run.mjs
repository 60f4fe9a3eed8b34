#!/usr/bin/env node
// Runs the TypeScript benchmark through tsx, like the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./bench.ts');
process.exitCode = await main(process.argv.slice(2));

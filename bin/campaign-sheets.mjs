#!/usr/bin/env node
// The command line runs from a bundle of the sources, rebuilt whenever they change (bundle.mjs).
import { importEntry } from './bundle.mjs';

const { main } = await importEntry('campaign-sheets');
process.exitCode = await main(process.argv.slice(2));

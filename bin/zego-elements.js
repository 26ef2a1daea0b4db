#!/usr/bin/env node
// The package's command line: `zego-elements serve` and `zego-elements token`.
import { main } from '../dist/server/cli.js';

process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// The installed entry point: runs the compiled CLI (built by `npm ci` through the root `prepare` script).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));

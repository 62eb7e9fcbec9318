#!/usr/bin/env node
// Runs the TypeScript CLI in place, so `npx crosscheck` uses exactly the engine in lib/.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../lib/cli.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// `npm run test:e2e`. The harness and suites are TypeScript, type-checked with
// the rest of the project; tsx compiles them in this process.
import { register } from 'tsx/esm/api';

register();
await import('./runner.ts');

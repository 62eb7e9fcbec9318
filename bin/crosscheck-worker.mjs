// A worker thread of the CLI: loads the TypeScript in place through tsx, as bin/crosscheck.mjs does.
import { tsImport } from 'tsx/esm/api';

await tsImport('../lib/cli-worker.ts', import.meta.url);

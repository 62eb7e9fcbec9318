/**
 * Bundles scripts/bench/page-entry.ts (the engine, Dexie, Readability, the
 * content script's painter) into one IIFE for a plain page, with the same
 * Vite the extension is built with, in memory.
 */
import { build, type Rollup } from 'vite';
import { join } from 'node:path';
import { ROOT } from './common';

export async function bundlePageLib(): Promise<string> {
  const result = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    // Libraries read process.env.NODE_ENV; a page has no `process`.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      emptyOutDir: false,
      minify: true,
      target: 'es2022',
      reportCompressedSize: false,
      lib: { entry: join(ROOT, 'scripts', 'bench', 'page-entry.ts'), formats: ['iife'], name: 'crosscheckBenchLib', fileName: () => 'bench.js' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o): o is Rollup.OutputChunk => o.type === 'chunk');
  if (!chunk) throw new Error('vite produced no chunk for the bench page library');
  return chunk.code;
}

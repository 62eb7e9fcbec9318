/**
 * Checking a batch of files: one at a time in this thread, or spread over
 * worker threads, each with its own engine on the same corpus. Either way
 * the results come back in the order the files were given, so the output of
 * `--jobs 2` is byte for byte that of `--jobs 1`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readPageFile, type NotChecked } from './cli-input';
import { Engine } from './engine';
import { loadKnowledgeBase } from './kb/index';
import type { Analysis, Article, Finding } from './schema';

export interface FileReport {
  file: string;
  publishedAt: Analysis['publishedAt'];
  matched: Analysis['matched'];
  findings: Finding[];
}

export type FileOutcome = { checked: FileReport } | { notChecked: NotChecked };

export function checkFile(engine: Engine, file: string, date?: string): FileOutcome {
  try {
    const page = readPageFile(file);
    if ('reason' in page) return { notChecked: page };
    const analysis = engine.analyse(page, date ? { date } : {});
    return { checked: { file, publishedAt: analysis.publishedAt, matched: analysis.matched, findings: analysis.findings } };
  } catch (e) {
    // One page the engine fails on must not cost the reader the rest of the batch.
    return { notChecked: { file, reason: 'failed', message: `could not be checked: ${e instanceof Error ? e.message : String(e)}` } };
  }
}

/** About what a worker takes to be ready on the 2-core machine of BENCHMARKS.md (1.4 s), and a little more. */
const WORKER_START_MS = 2000;

/**
 * The worker's code as one ES module, bundled by esbuild (which tsx itself
 * runs on): through tsx's loader a worker spends 1.4 s of CPU on an idle
 * machine, and 4 s on a busy one, loading the two hundred modules of the
 * engine one by one; from one file it is ready in 0.2 s. The bundle is kept
 * in the system's temporary folder, like tsx's own cache, with the files it
 * was built from, and built again when any of them changed (esbuild's
 * metafile lists them). Without esbuild, workers load the TypeScript through
 * tsx as this thread does.
 */
async function workerEntry(): Promise<URL> {
  const source = fileURLToPath(new URL('./cli-worker.ts', import.meta.url));
  const dir = join(tmpdir(), 'crosscheck-cli');
  const key = createHash('sha1').update(source).digest('hex').slice(0, 16);
  const file = join(dir, `worker-${key}.mjs`);
  const manifest = join(dir, `worker-${key}.json`);
  const stamp = (path: string) => {
    const st = statSync(path, { throwIfNoEntry: false });
    return st ? `${st.size}:${st.mtimeMs}` : 'missing';
  };
  try {
    const inputs = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, string>;
    if (existsSync(file) && Object.entries(inputs).every(([path, was]) => stamp(path) === was)) return pathToFileURL(file);
  } catch {
    // no bundle yet, or a damaged manifest: built below
  }
  try {
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [source],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      metafile: true,
      absWorkingDir: dirname(source),
      logLevel: 'silent',
      // Bundled CommonJS dependencies call require(); an ES module has none of its own.
      banner: { js: "import { createRequire as __ccRequire } from 'node:module'; const require = __ccRequire(import.meta.url);" },
    });
    mkdirSync(dir, { recursive: true });
    const inputs = Object.fromEntries(
      Object.keys(out.metafile.inputs).map((p) => {
        const path = resolve(dirname(source), p);
        return [path, stamp(path)];
      }),
    );
    // Written aside and renamed: two runs at once never load half a file.
    const part = `${file}.${process.pid}`;
    writeFileSync(part, out.outputFiles[0]!.contents);
    renameSync(part, file);
    writeFileSync(`${manifest}.${process.pid}`, JSON.stringify(inputs));
    renameSync(`${manifest}.${process.pid}`, manifest);
    return pathToFileURL(file);
  } catch {
    return new URL('../bin/crosscheck-worker.mjs', import.meta.url);
  }
}

/** What each worker needs to build its engine. Articles cross by structured clone, already validated. */
export interface WorkerSetup {
  articles: Article[];
  date?: string;
}

export interface WorkerTask {
  index: number;
  file: string;
}

/** A worker's answer to a task; its first message, null, says it is ready for tasks. */
export interface WorkerResult {
  index: number;
  outcome: FileOutcome;
}

/**
 * Checks `files`, calling `onResult` as each is done (in completion order;
 * the caller puts them in input order). `jobs` threads at most, never more
 * than there are files: this thread and jobs − 1 workers. This thread works
 * too because it has the engine's modules loaded already, while a worker
 * needs a second or more of CPU to load its own (tsx's loader, the engine,
 * linkedom), which on a busy machine slows this thread as much. So unless
 * `eager` (the user asked for N threads), workers are started only once the
 * files still to do would take this thread longer than that, at the pace of
 * the files done so far; workers still loading when the last file is done
 * are stopped.
 */
export async function checkAll(
  files: readonly string[],
  setup: WorkerSetup,
  jobs: number,
  onResult: (index: number, outcome: FileOutcome) => void,
  eager = true,
): Promise<void> {
  const threads = Math.max(1, Math.min(jobs, files.length));
  const engine = new Engine(loadKnowledgeBase(), setup.articles);
  if (threads === 1) {
    files.forEach((file, index) => onResult(index, checkFile(engine, file, setup.date)));
    return;
  }
  // Asked for on the first need: most batches are done before a worker would be worth starting.
  let entry: Promise<URL> | undefined;
  let next = 0;
  let inFlight = 0;
  let here = true;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolvePool, rejectPool) => {
      const finished = () => {
        if (next >= files.length && inFlight === 0 && !here) resolvePool();
      };
      const feed = (w: Worker) => {
        if (next >= files.length) return finished();
        const index = next++;
        const task: WorkerTask = { index, file: files[index]! };
        inFlight++;
        w.postMessage(task);
      };
      const start = () => {
        entry ??= workerEntry();
        entry.then((url) => {
          // Done before the bundle was: no worker is needed any more.
          if (next >= files.length) return;
          for (let t = 1; t < threads; t++) startWorker(url);
        }, rejectPool);
      };
      const startWorker = (url: URL) => {
        const w = new Worker(url, { workerData: setup });
        workers.push(w);
        // A worker says it is ready (null) once its engine is built, and then hands back one result per task.
        w.on('message', (r: WorkerResult | null) => {
          if (r) {
            inFlight--;
            onResult(r.index, r.outcome);
          }
          feed(w);
        });
        w.once('error', rejectPool);
        w.once('exit', (code) => {
          if (code !== 0) rejectPool(new Error(`a worker thread stopped with exit code ${code}`));
        });
      };
      let started = eager;
      if (eager) start();
      // The pace is taken after the first file, which pays for compiling the engine and reading the corpus's claims.
      let afterFirst = 0;
      let doneHere = 0;
      // This thread's share, a file at a time, letting the workers' messages in between.
      const step = () => {
        if (next >= files.length) {
          here = false;
          return finished();
        }
        const index = next++;
        onResult(index, checkFile(engine, files[index]!, setup.date));
        if (doneHere++ === 0) afterFirst = performance.now();
        if (!started && doneHere >= 4 && ((performance.now() - afterFirst) / (doneHere - 1)) * (files.length - next) > WORKER_START_MS) {
          started = true;
          start();
        }
        setImmediate(step);
      };
      setImmediate(step);
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

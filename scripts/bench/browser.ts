/**
 * `npm run bench:browser`: the engine and the extension in headless Chromium.
 *
 *   pages    per page: Readability, extraction, analysis, anchoring, painting, in a plain page
 *   index    the story index saved in IndexedDB, reloaded: read + loadStoryIndex; queries in the page
 *   restart  10k / 100k articles in the extension's schema: a restarted background's first
 *            analysis, and adding one report, the old way and through lib/index-store.ts
 *   import   10k articles into the extension's Dexie schema, articles/s
 *   content  the built extension on each page: main-thread time per stage, long tasks,
 *            page load with and without it
 *
 *   tsx scripts/bench/browser.ts [--smoke] [--only pages,index,restart,import,content]
 *
 * Every request to anything but 127.0.0.1 is refused, so the saved pages load
 * offline and fast. Prints Markdown tables, writes .bench-results/browser.json
 * (browser-smoke.json with --smoke). Chromium: CHROMIUM_PATH or /usr/bin/chromium;
 * the extension: CROSSCHECK_EXTENSION_DIR or .output/chrome-mv3 (built when missing).
 * Exit status: 0 when it ran; 2 when a full run missed a target; 1 on an error.
 * A --smoke run never fails on a target.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { createStoryIndex } from '../../lib/corpus/match-index';
import { startNewsServer, type NewsServer } from '../news-site';
import { bundlePageLib } from './bundle';
import type { Restarted } from './page-entry';
import {
  CHROMIUM_PATH,
  elapsed,
  finishRun,
  fmt,
  machine,
  machineLine,
  median,
  PAGES_DIR,
  parseFlags,
  ROOT,
  round,
  section,
  sum,
  summarise,
  table,
  wants,
  type Summary,
  type Target,
  ratioSummary,
  runMain,
} from './common';
import { benchPages, corpus, largePages, seedArticles, storyQueries, type BenchPage } from './inputs';
import { startTrace, summariseTrace, type Task } from './trace';

const SECTIONS = ['pages', 'index', 'restart', 'import', 'content'] as const;
const EXTENSION_DIR = process.env.CROSSCHECK_EXTENSION_DIR ?? join(ROOT, '.output', 'chrome-mv3');
const VIEWPORT = { width: 1280, height: 900 };
const STAGES = ['serialize', 'analyse', 'anchor', 'paint'] as const;
type Stage = (typeof STAGES)[number];

// ---------------------------------------------------------------------------
// Browsers

const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A persistent profile on disk even without the extension: an incognito-like
 * context keeps IndexedDB in memory, which would flatter the import and load figures.
 */
async function launch(extensionDir: string | null): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'crosscheck-bench-'));
  const args = [...BASE_ARGS];
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: VIEWPORT,
    timeout: 60_000,
    args,
  });
  await context.route(
    (url) => url.protocol.startsWith('http') && url.hostname !== '127.0.0.1',
    (route) => route.abort('blockedbyclient'),
  );
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** The renderer main thread's CPU time in ms (DevTools Performance.getMetrics, ThreadTime). */
async function threadMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000;
}

async function instrument(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return cdp;
}

/** Calls `__crosscheckBench.<call>` in the page; CPU is the main thread's, less the round trip's own cost. */
async function inPage<T>(page: Page, cdp: CDPSession, call: string, overheadMs = 0): Promise<{ value: T; cpu: number }> {
  const a = await threadMs(cdp);
  const value = (await page.evaluate(`globalThis.__crosscheckBench.${call}`)) as T;
  const b = await threadMs(cdp);
  return { value, cpu: Math.max(0, b - a - overheadMs) };
}

async function overhead(page: Page, cdp: CDPSession): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < 7; i++) xs.push((await inPage<number>(page, cdp, 'noop()')).cpu);
  return median(xs);
}

// ---------------------------------------------------------------------------
// 1. Per page, in a plain page

interface Timing {
  wall: Summary;
  cpu: Summary;
}

interface PageResult {
  name: string;
  kind: 'real' | 'seed' | 'large';
  chars: number;
  findings: number;
  anchored: number;
  readability: Timing;
  extract: Timing;
  analyse: Timing;
  engineInclExtraction: Timing;
  anchor: Timing;
  /** paint(): the call; `frame`: until the frame after it has run. */
  paint: Timing & { frame: Summary };
  ratioAnalysis: { wall: number; cpu: number };
  ratioInclExtraction: { wall: number; cpu: number };
}

async function benchPagesSection(ctx: BrowserContext, server: NewsServer, code: string, pages: BenchPage[], smoke: boolean): Promise<PageResult[]> {
  const warmups = smoke ? 1 : 2;
  const reps = smoke ? 2 : 10;
  const results: PageResult[] = [];
  for (const p of pages) {
    const page = await ctx.newPage();
    try {
      await page.goto(server.url + p.path, { waitUntil: 'load', timeout: 60_000 });
      await page.evaluate(code);
      await page.evaluate('globalThis.__crosscheckBench.setup()');
      const cdp = await instrument(page);
      const ov = await overhead(page, cdp);
      const w: Record<string, number[]> = { readability: [], extract: [], analyse: [], both: [], anchor: [], paint: [], frame: [] };
      const c: Record<string, number[]> = { readability: [], extract: [], analyse: [], both: [], anchor: [], paint: [] };
      let info = { findings: 0, shown: 0, matched: 0, chars: 0 };
      let anchored = 0;
      for (let i = 0; i < warmups + reps; i++) {
        const r = await inPage<number>(page, cdp, 'readability()', ov);
        const e = await inPage<number>(page, cdp, 'extract()', ov);
        const a = await inPage<{ ms: number; findings: number; shown: number; matched: number; chars: number }>(page, cdp, 'analyse()', ov);
        const an = await inPage<{ ms: number; anchored: number }>(page, cdp, 'anchor()', ov);
        const pt = await inPage<{ ms: number; frameMs: number }>(page, cdp, 'paint()', ov);
        info = a.value;
        anchored = an.value.anchored;
        if (i < warmups) continue;
        w.readability?.push(r.value);
        c.readability?.push(r.cpu);
        w.extract?.push(e.value);
        c.extract?.push(e.cpu);
        w.analyse?.push(a.value.ms);
        c.analyse?.push(a.cpu);
        w.both?.push(e.value + a.value.ms);
        c.both?.push(e.cpu + a.cpu);
        w.anchor?.push(an.value.ms);
        c.anchor?.push(an.cpu);
        w.paint?.push(pt.value.ms);
        w.frame?.push(pt.value.frameMs);
        c.paint?.push(pt.cpu);
      }
      const t = (k: string): Timing => ({ wall: summarise(w[k] ?? []), cpu: summarise(c[k] ?? []) });
      const rd = t('readability');
      const an = t('analyse');
      const both = t('both');
      results.push({
        name: p.name,
        kind: p.kind,
        chars: info.chars,
        findings: info.shown,
        anchored,
        readability: rd,
        extract: t('extract'),
        analyse: an,
        engineInclExtraction: both,
        anchor: t('anchor'),
        paint: { ...t('paint'), frame: summarise(w.frame ?? []) },
        ratioAnalysis: { wall: round(an.wall.median / rd.wall.median), cpu: round(an.cpu.median / rd.cpu.median) },
        ratioInclExtraction: { wall: round(both.wall.median / rd.wall.median), cpu: round(both.cpu.median / rd.cpu.median) },
      });
      process.stdout.write('.');
    } finally {
      await page.close().catch(() => {});
    }
  }
  process.stdout.write('\n');
  return results;
}

function pagesTable(rs: PageResult[]): string {
  const mp = (t: Timing) => `${fmt(t.wall.median)} / ${fmt(t.wall.p95)}`;
  return table(
    ['page', 'findings (anchored)', 'Readability med / p95', 'extract med', 'analysis only med / p95', 'engine incl. extraction med', 'anchor med / p95', 'paint call / to next frame', 'analysis / Readability (wall, CPU)', 'incl. extraction / Readability'],
    rs.map((r) => [
      r.name,
      `${r.findings} (${r.anchored})`,
      mp(r.readability),
      fmt(r.extract.wall.median),
      mp(r.analyse),
      fmt(r.engineInclExtraction.wall.median),
      mp(r.anchor),
      `${fmt(r.paint.wall.median)} / ${fmt(r.paint.frame.median)}`,
      `${fmt(r.ratioAnalysis.wall)}, ${fmt(r.ratioAnalysis.cpu)}`,
      fmt(r.ratioInclExtraction.wall),
    ]),
  );
}

// ---------------------------------------------------------------------------
// 2. The story index in IndexedDB

interface IndexResult {
  size: number;
  jsonBytes: number;
  putMs: number;
  open: Summary;
  get: Summary;
  load: Summary;
  /** get + loadStoryIndex: what a restarted background waits for. */
  total: Summary;
  totalCpu: Summary;
  query: Summary;
  slowest: { name: string; medianMs: number }[];
}

async function benchIndex(ctx: BrowserContext, assets: Assets, code: string, smoke: boolean): Promise<IndexResult[]> {
  const sizes = smoke ? [200] : [1000, 10000, 100000];
  const reps = smoke ? 2 : 5;
  const queries = storyQueries(smoke ? 2 : 20);
  assets.write('queries.json', JSON.stringify(queries));
  const results: IndexResult[] = [];
  for (const size of sizes) {
    const index = createStoryIndex();
    for (const a of corpus(size)) index.add(a);
    for (const a of seedArticles()) index.add(a);
    const json = JSON.stringify(index.toJSON());
    const file = `index-${size}.json`;
    assets.write(file, json);
    const db = `crosscheck-bench-index-${size}`;
    const page = await ctx.newPage();
    try {
      await page.goto(assets.url('bench.html'));
      await page.evaluate(code);
      const stored = (await page.evaluate(`globalThis.__crosscheckBench.storeIndex(${JSON.stringify(assets.url(file))}, ${JSON.stringify(db)})`)) as {
        putMs: number;
      };
      const open: number[] = [];
      const get: number[] = [];
      const load: number[] = [];
      const total: number[] = [];
      const totalCpu: number[] = [];
      for (let i = 0; i < reps; i++) {
        // A reload drops every object of the last round: the next one starts as a restarted worker would.
        await page.reload();
        await page.evaluate(code);
        const cdp = await instrument(page);
        const r = await inPage<{ openMs: number; getMs: number; loadMs: number; docs: number }>(page, cdp, `loadIndex(${JSON.stringify(db)})`);
        if (r.value.docs !== size + seedArticles().length) throw new Error(`index ${size}: loaded ${r.value.docs} documents`);
        open.push(r.value.openMs);
        get.push(r.value.getMs);
        load.push(r.value.loadMs);
        total.push(r.value.getMs + r.value.loadMs);
        totalCpu.push(r.cpu);
        await cdp.detach().catch(() => {});
      }
      const perQuery = (await page.evaluate(
        `globalThis.__crosscheckBench.queries(${JSON.stringify(assets.url('queries.json'))}, 2, ${smoke ? 3 : 10})`,
      )) as { name: string; ms: number[] }[];
      await page.evaluate(`globalThis.__crosscheckBench.dropDb(${JSON.stringify(db)})`);
      results.push({
        size,
        jsonBytes: json.length,
        putMs: round(stored.putMs, 1),
        open: summarise(open),
        get: summarise(get),
        load: summarise(load),
        total: summarise(total),
        totalCpu: summarise(totalCpu),
        query: summarise(perQuery.flatMap((q) => q.ms)),
        slowest: perQuery
          .map((q) => ({ name: q.name, medianMs: round(median(q.ms)) }))
          .sort((a, b) => b.medianMs - a.medianMs)
          .slice(0, 3),
      });
    } finally {
      await page.close().catch(() => {});
      assets.remove(file);
    }
    process.stdout.write(`  ${size}: done\n`);
  }
  return results;
}

function indexTable(rs: IndexResult[]): string {
  return table(
    ['articles', 'JSON', 'put (once)', 'IDB get med / p95', 'loadStoryIndex med / p95', 'get + load med / p95', 'main-thread CPU med', 'query med / p95'],
    rs.map((r) => [
      r.size.toLocaleString('en'),
      `${fmt(r.jsonBytes / 2 ** 20)} MB`,
      `${fmt(r.putMs)} ms`,
      `${fmt(r.get.median)} / ${fmt(r.get.p95)} ms`,
      `${fmt(r.load.median)} / ${fmt(r.load.p95)} ms`,
      `${fmt(r.total.median)} / ${fmt(r.total.p95)} ms`,
      `${fmt(r.totalCpu.median)} ms`,
      `${fmt(r.query.median)} / ${fmt(r.query.p95)} ms`,
    ]),
  );
}

// ---------------------------------------------------------------------------
// 2b. A restarted background, and adding one report

interface RestartPath {
  /** Open, read, load: until the engine can answer. */
  ready: Summary;
  /** The first analysis itself (a lazy engine reads its articles then). */
  first: Summary;
  /** ready + first, wall, and the main thread's CPU over the same call. */
  total: Summary;
  totalCpu: Summary;
  second: Summary;
  /** Adding one report: the row, the engine, the saved index. */
  add: Summary;
  addCpu: Summary;
  loaded: string;
  /** What the first analysis read from IndexedDB (lazy engine): bulkGet calls and articles of the last round, wait per round. */
  fetches: { calls: number; articles: number; ms: Summary };
  /** openEngine's steps, medians (ms): read (snapshot, log, keys), load, repair, save. */
  steps: Record<string, number>;
}

interface RestartResult {
  size: number;
  fillMs: number;
  before: RestartPath;
  after: RestartPath;
  /** The same, with a real page (a story of its own) as the first analysis and the seed page next. */
  afterReal: RestartPath;
  /** The one-time conversion of the old saved index (a restart of the new code on the old row). */
  convert: { totalMs: number; cpuMs: number; loaded: string };
  /** After the log was filled to one row short of its compaction. */
  fullLog: { rows: number; totalMs: number; cpuMs: number };
  compact: { ms: number; cpuMs: number; every: number };
  outcomes: Record<string, number>;
}

async function benchRestart(ctx: BrowserContext, assets: Assets, code: string, smoke: boolean): Promise<RestartResult[]> {
  // CROSSCHECK_RESTART_SIZES=10000 for a quicker run of this section alone.
  const sizes = smoke ? [200] : (process.env.CROSSCHECK_RESTART_SIZES?.split(',').map(Number) ?? [10000, 100000]);
  const reps = smoke ? 1 : 5;
  const beforeReps = smoke ? 1 : 3;
  const queries = storyQueries(smoke ? 1 : 2);
  // The first analysis: a seed page (finds itself and its story, so a lazy engine reads reports); then a real page.
  const firstQ = queries.findIndex((q) => q.name.startsWith('seed'));
  const secondQ = queries.findIndex((q) => !q.name.startsWith('seed'));
  assets.write('restart-queries.json', JSON.stringify(queries));
  const results: RestartResult[] = [];
  for (const size of sizes) {
    const articles = [...corpus(size), ...seedArticles()];
    const index = createStoryIndex();
    for (const a of articles) index.add(a);
    const files: string[] = [];
    for (let i = 0; i < articles.length; i += 5000) {
      const file = `restart-${size}-${i}.json`;
      assets.write(file, JSON.stringify(articles.slice(i, i + 5000)));
      files.push(file);
    }
    assets.write(`restart-index-${size}.json`, JSON.stringify(index.toJSON()));
    const beforeAdds = smoke ? 2 : size >= 100000 ? 5 : 10;
    const afterAdds = smoke ? 3 : 50;
    const logLimit = Math.max(256, Math.ceil(0.02 * (size + 5)));
    // Reports a reader keeps: other generated stories, stored with origin 'read'.
    const toAdd = corpus(beforeAdds + afterAdds + logLimit + 10, 3).map((a, i) => ({ ...a, id: `read-${i}-${a.id}`, origin: 'read' }));
    assets.write(`restart-add-${size}.json`, JSON.stringify(toAdd));
    const db = `crosscheck-bench-restart-${size}`;
    const page = await ctx.newPage();
    try {
      await page.goto(assets.url('bench.html'));
      await page.evaluate(code);
      const filled = (await page.evaluate(
        `globalThis.__crosscheckBench.fillCorpus(${JSON.stringify(files.map((f) => assets.url(f)))}, ${JSON.stringify(assets.url(`restart-index-${size}.json`))}, ${JSON.stringify(db)})`,
      )) as { ms: number; count: number };
      if (filled.count !== articles.length) throw new Error(`restart ${size}: stored ${filled.count} articles`);
      /** A reload drops every object of the last round: the page starts as a restarted worker would. */
      const fresh = async () => {
        await page.reload();
        await page.evaluate(code);
        await page.evaluate(`globalThis.__crosscheckBench.loadRestartInputs(${JSON.stringify(assets.url('restart-queries.json'))}, ${JSON.stringify(assets.url(`restart-add-${size}.json`))})`);
        const cdp = await instrument(page);
        return { cdp, over: await overhead(page, cdp) };
      };
      const path = async (how: 'before' | 'after', n: number, adds: number, addFrom: number, order = [firstQ, secondQ]): Promise<RestartPath> => {
        const [one, two] = order;
        const ready: number[] = [];
        const first: number[] = [];
        const total: number[] = [];
        const totalCpu: number[] = [];
        const second: number[] = [];
        const add: number[] = [];
        const addCpu: number[] = [];
        const fetched: Restarted['fetches'][] = [];
        const steps: Record<string, number[]> = {};
        let loaded = '';
        for (let i = 0; i < n; i++) {
          const { cdp, over } = await fresh();
          const r = await inPage<Restarted>(page, cdp, `restartAndAnalyse(${JSON.stringify(db)}, '${how}', ${one})`, over);
          if (r.value.matched === 0 && !smoke && one === firstQ) throw new Error(`restart ${size} ${how}: the seed page matched nothing`);
          ready.push(r.value.readyMs);
          first.push(r.value.firstMs);
          total.push(r.value.totalMs);
          totalCpu.push(r.cpu);
          loaded = r.value.loaded;
          fetched.push(r.value.fetches);
          if (r.value.timings) for (const [k, v] of Object.entries(r.value.timings)) (steps[k] ??= []).push(v);
          second.push((await inPage<{ ms: number }>(page, cdp, `analyseAgain(${two})`, over)).value.ms);
          if (i === n - 1) {
            for (let k = 0; k < adds; k++) {
              const a = await inPage<{ ms: number; outcome: string }>(page, cdp, `addOne(${addFrom + k})`, over);
              add.push(a.value.ms);
              addCpu.push(a.cpu);
              outcomes[`${how}: ${a.value.outcome}`] = (outcomes[`${how}: ${a.value.outcome}`] ?? 0) + 1;
            }
          }
          await page.evaluate('globalThis.__crosscheckBench.closeRestart()');
          await cdp.detach().catch(() => {});
        }
        const last = fetched.at(-1) ?? { calls: 0, articles: 0, ms: 0 };
        return {
          ready: summarise(ready),
          first: summarise(first),
          total: summarise(total),
          totalCpu: summarise(totalCpu),
          second: summarise(second),
          add: summarise(add),
          addCpu: summarise(addCpu),
          loaded,
          fetches: { calls: last.calls, articles: last.articles, ms: summarise(fetched.map((f) => f.ms)) },
          steps: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, round(median(v), 1)])),
        };
      };
      const outcomes: Record<string, number> = {};
      const before = await path('before', beforeReps, beforeAdds, 0);
      // The new code meets the old saved row once: it converts it to columns.
      const conv = await (async () => {
        const { cdp, over } = await fresh();
        const r = await inPage<Restarted>(page, cdp, `restartAndAnalyse(${JSON.stringify(db)}, 'after', ${firstQ})`, over);
        await page.evaluate('globalThis.__crosscheckBench.closeRestart()');
        await cdp.detach().catch(() => {});
        return { totalMs: round(r.value.totalMs, 1), cpuMs: round(r.cpu, 1), loaded: r.value.loaded };
      })();
      const after = await path('after', reps, afterAdds, beforeAdds);
      const afterReal = await path('after', reps, 0, 0, [secondQ, firstQ]);
      // The worst restart: a log one row short of compaction.
      const { cdp, over } = await fresh();
      await page.evaluate(`globalThis.__crosscheckBench.restartAndAnalyse(${JSON.stringify(db)}, 'after', ${firstQ})`);
      const { rows } = (await page.evaluate(`globalThis.__crosscheckBench.fillLog(${beforeAdds + afterAdds})`)) as { rows: number };
      const compact = await inPage<{ ms: number }>(page, cdp, 'compact()', over);
      await page.evaluate(`globalThis.__crosscheckBench.closeRestart()`);
      await cdp.detach().catch(() => {});
      // compact() emptied the log; fill it again for the restart with a full log.
      await fresh();
      await page.evaluate(`globalThis.__crosscheckBench.restartAndAnalyse(${JSON.stringify(db)}, 'after', ${firstQ})`);
      await page.evaluate(`globalThis.__crosscheckBench.fillLog(${beforeAdds + afterAdds})`);
      await page.evaluate(`globalThis.__crosscheckBench.closeRestart()`);
      const again = await fresh();
      const full = await inPage<Restarted>(page, again.cdp, `restartAndAnalyse(${JSON.stringify(db)}, 'after', ${firstQ})`, again.over);
      await page.evaluate(`globalThis.__crosscheckBench.closeRestart()`);
      await again.cdp.detach().catch(() => {});
      await page.evaluate(`globalThis.__crosscheckBench.dropDb(${JSON.stringify(db)})`);
      results.push({
        size,
        fillMs: round(filled.ms, 1),
        before,
        after,
        afterReal,
        convert: conv,
        fullLog: { rows: Math.max(rows, full.value.logRows), totalMs: round(full.value.totalMs, 1), cpuMs: round(full.cpu, 1) },
        compact: { ms: round(compact.value.ms, 1), cpuMs: round(compact.cpu, 1), every: logLimit },
        outcomes,
      });
    } finally {
      await page.close().catch(() => {});
      for (const f of [...files, `restart-index-${size}.json`, `restart-add-${size}.json`]) assets.remove(f);
    }
    process.stdout.write(`  ${size}: done\n`);
  }
  return results;
}

function restartTable(rs: RestartResult[]): string {
  const rows: string[][] = [];
  for (const r of rs) {
    for (const [label, p] of [
      ['before (all articles + whole index)', r.before],
      ['after (columns + log, lazy articles)', r.after],
      ['after, a real page first', r.afterReal],
    ] as const) {
      rows.push([
        r.size.toLocaleString('en'),
        label,
        `${fmt(p.ready.median)} / ${fmt(p.ready.p95)}`,
        `${fmt(p.first.median)} / ${fmt(p.first.p95)}`,
        `${fmt(p.total.median)} / ${fmt(p.total.p95)}`,
        `${fmt(p.totalCpu.median)} / ${fmt(p.totalCpu.p95)}`,
        `${fmt(p.second.median)}`,
        p.add.n ? `${fmt(p.add.median)} / ${fmt(p.add.p95)} (n ${p.add.n})` : '',
        p.add.n ? `${fmt(p.addCpu.median)} / ${fmt(p.addCpu.p95)}` : '',
      ]);
    }
  }
  return table(
    ['articles', 'path', 'ready med / p95', 'first analysis med / p95', 'restart → answer, wall', 'restart → answer, CPU', 'next analysis med', 'add one report, wall', 'add one, CPU'],
    rows,
  );
}

// ---------------------------------------------------------------------------
// 3. Import

interface ImportResult {
  articles: number;
  jsonBytes: number;
  bulkPut: { ms: Summary; perSecond: number };
  importArticles: { ms: Summary; perSecond: number };
}

async function benchImport(ctx: BrowserContext, assets: Assets, code: string, smoke: boolean): Promise<ImportResult> {
  const n = smoke ? 200 : 10000;
  const reps = smoke ? 1 : 3;
  const json = JSON.stringify(corpus(n, 2));
  assets.write('corpus.json', json);
  const page = await ctx.newPage();
  try {
    await page.goto(assets.url('bench.html'));
    await page.evaluate(code);
    const loaded = (await page.evaluate(`globalThis.__crosscheckBench.loadCorpus(${JSON.stringify(assets.url('corpus.json'))})`)) as number;
    if (loaded !== n) throw new Error(`import: the page read ${loaded} articles, not ${n}`);
    const ms: Record<'bulkPut' | 'importArticles', number[]> = { bulkPut: [], importArticles: [] };
    for (let i = 0; i < reps; i++) {
      for (const how of ['bulkPut', 'importArticles'] as const) {
        const r = (await page.evaluate(`globalThis.__crosscheckBench.importCorpus('crosscheck-bench-import', '${how}')`)) as { ms: number; count: number };
        if (r.count !== n) throw new Error(`import ${how}: ${r.count} rows stored, not ${n}`);
        ms[how].push(r.ms);
      }
    }
    await page.evaluate(`globalThis.__crosscheckBench.dropDb('crosscheck-bench-import')`);
    const res = (xs: number[]) => ({ ms: summarise(xs), perSecond: Math.round(n / (median(xs) / 1000)) });
    return { articles: n, jsonBytes: json.length, bulkPut: res(ms.bulkPut), importArticles: res(ms.importArticles) };
  } finally {
    await page.close().catch(() => {});
    assets.remove('corpus.json');
  }
}

// ---------------------------------------------------------------------------
// 4. The content script

/**
 * Installed before any page script: what the long-task API reports, kept to
 * show what it misses (see trace.ts).
 */
const OBSERVE_LONG_TASKS = `(() => {
  const seen = (globalThis.__benchLongTasks = []);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) seen.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

const LONG_TASK_MS = 50;

/** What the page itself reports about one load (readLoad). */
interface PageSide {
  dcl: number;
  load: number;
  /** Summed crosscheck:* measures (a page analysed twice counts twice). */
  stages: Partial<Record<Stage, number>>;
  runs: number;
  /** End of the last crosscheck:paint, from navigation start. */
  doneAt: number | null;
  /** Long tasks the PerformanceObserver saw. */
  apiLongTasks: number;
}

/** One load: what the page reports, and what its trace shows. */
interface Load extends PageSide {
  /** Main-thread tasks over 50 ms in the trace, of wall or of CPU time; the extension's marked. */
  longTasks: Task[];
  extensionMs: number;
  extensionCpuMs: number;
  injectMs: number;
  injectCpuMs: number;
  failed?: string;
}

interface ContentResult {
  name: string;
  kind: BenchPage['kind'];
  with: Load[];
  without: Load[];
  stages: Partial<Record<Stage, Summary>>;
  loadWith: number;
  loadWithout: number;
  loadRatio: number;
  doneAt: number | null;
  extensionMs: number;
  extensionCpuMs: number;
  injectMs: number;
  injectCpuMs: number;
  longTasksWith: number;
  longTasksWithout: number;
  apiLongTasksWith: number;
  /** Over all loads with the extension: over 50 ms of wall time, and over 50 ms of CPU time. */
  extensionLongTasks: Task[];
  maxExtensionLongTask: number;
  extensionCpuLongTasks: Task[];
  maxExtensionCpu: number;
}


async function readLoad(page: Page): Promise<PageSide> {
  return (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const measures = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('crosscheck:'));
    const stages = {};
    for (const m of measures) stages[m.name.slice(11)] = (stages[m.name.slice(11)] || 0) + m.duration;
    const paints = measures.filter((m) => m.name === 'crosscheck:paint');
    const last = paints[paints.length - 1];
    return {
      dcl: nav ? nav.domContentLoadedEventEnd : NaN,
      load: nav ? nav.loadEventEnd : NaN,
      stages,
      runs: measures.filter((m) => m.name === 'crosscheck:serialize').length,
      doneAt: last ? last.startTime + last.duration : null,
      apiLongTasks: (globalThis.__benchLongTasks || []).length,
    };
  })()`)) as PageSide;
}

const SETTLE_MS = 750;

async function loadOnce(ctx: BrowserContext, url: string, withExtension: boolean, marked: boolean): Promise<Load> {
  const page = await ctx.newPage();
  let failed: string | undefined;
  let connected = false;
  let gaveUp: string | null = null;
  page.on('console', (m) => {
    const text = m.text();
    if (text.startsWith('crosscheck: connected')) connected = true;
    if (/^crosscheck: (analysis failed|the background did not answer)/.test(text)) gaveUp = text;
  });
  try {
    const cdp = await ctx.newCDPSession(page);
    const stopTrace = await startTrace(cdp);
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    if (withExtension) {
      const deadline = Date.now() + 30_000;
      for (;;) {
        if (gaveUp) {
          failed = gaveUp;
          break;
        }
        if (marked) {
          // The end of a run: its paint (an empty page paints nothing, but still reaches show()).
          const done = (await page.evaluate(`performance.getEntriesByName('crosscheck:paint').length`)) as number;
          if (done > 0) break;
        } else if (connected) {
          // A build without the marks: no way to see the end but to wait.
          await page.waitForTimeout(3000);
          break;
        }
        if (Date.now() > deadline) {
          failed = connected ? 'no crosscheck:paint within 30 s' : 'the content script never connected';
          break;
        }
        await page.waitForTimeout(50);
      }
    }
    // Late tasks (the overlay's first render, a re-analysis) still count.
    await page.waitForTimeout(SETTLE_MS);
    const seen = await readLoad(page);
    const trace = summariseTrace(await stopTrace(), url);
    if (!trace) failed ??= 'the page was not found in the trace';
    return {
      ...seen,
      longTasks: (trace?.tasks ?? []).filter((t) => t.duration > LONG_TASK_MS || t.cpu > LONG_TASK_MS),
      extensionMs: trace?.extensionMs ?? NaN,
      extensionCpuMs: trace?.extensionCpuMs ?? NaN,
      injectMs: trace?.injectMs ?? NaN,
      injectCpuMs: trace?.injectCpuMs ?? NaN,
      ...(failed ? { failed } : {}),
    };
  } finally {
    await page.close().catch(() => {});
  }
}

async function benchContent(
  withExt: Browser,
  without: Browser,
  server: NewsServer,
  pages: BenchPage[],
  urlOf: (p: BenchPage) => string,
  smoke: boolean,
  marked: boolean,
): Promise<ContentResult[]> {
  const reps = smoke ? 1 : 3;
  for (const b of [withExt, without]) await b.context.addInitScript(OBSERVE_LONG_TASKS);
  // The background builds its engine on the first analysis, and each browser starts its
  // first renderer: paid here, not by the first page measured.
  const warm = server.pages[0];
  if (warm) {
    await loadOnce(withExt.context, warm.url, true, marked);
    await loadOnce(without.context, warm.url, false, marked);
  }
  const results: ContentResult[] = [];
  for (const p of pages) {
    const url = urlOf(p);
    const w: Load[] = [];
    const wo: Load[] = [];
    for (let i = 0; i < reps; i++) {
      // Alternating which goes first, so a slow spell does not always fall on the same side.
      if (i % 2 === 0) {
        w.push(await loadOnce(withExt.context, url, true, marked));
        wo.push(await loadOnce(without.context, url, false, marked));
      } else {
        wo.push(await loadOnce(without.context, url, false, marked));
        w.push(await loadOnce(withExt.context, url, true, marked));
      }
    }
    const stages: Partial<Record<Stage, Summary>> = {};
    for (const s of STAGES) {
      const xs = w.flatMap((l) => (l.stages[s] === undefined ? [] : [l.stages[s] ?? 0]));
      if (xs.length) stages[s] = summarise(xs);
    }
    const loadWith = median(w.map((l) => l.load));
    const loadWithout = median(wo.map((l) => l.load));
    const ext = w.flatMap((l) => l.longTasks.filter((t) => t.extension && t.duration > LONG_TASK_MS));
    const extCpu = w.flatMap((l) => l.longTasks.filter((t) => t.extension && t.cpu > LONG_TASK_MS));
    const wall = (l: Load) => l.longTasks.filter((t) => t.duration > LONG_TASK_MS).length;
    const done = w.flatMap((l) => (l.doneAt === null ? [] : [l.doneAt]));
    results.push({
      name: p.name,
      kind: p.kind,
      with: w,
      without: wo,
      stages,
      loadWith: round(loadWith, 1),
      loadWithout: round(loadWithout, 1),
      loadRatio: round(loadWith / loadWithout),
      doneAt: done.length ? round(median(done), 1) : null,
      extensionMs: round(median(w.map((l) => l.extensionMs)), 1),
      extensionCpuMs: round(median(w.map((l) => l.extensionCpuMs)), 1),
      injectMs: round(median(w.map((l) => l.injectMs)), 1),
      injectCpuMs: round(median(w.map((l) => l.injectCpuMs)), 1),
      longTasksWith: median(w.map(wall)),
      longTasksWithout: median(wo.map(wall)),
      apiLongTasksWith: median(w.map((l) => l.apiLongTasks)),
      extensionLongTasks: ext,
      maxExtensionLongTask: ext.length ? round(Math.max(...ext.map((t) => t.duration)), 1) : 0,
      extensionCpuLongTasks: extCpu,
      maxExtensionCpu: extCpu.length ? round(Math.max(...extCpu.map((t) => t.cpu)), 1) : 0,
    });
    const failures = w.flatMap((l) => (l.failed ? [l.failed] : []));
    process.stdout.write(failures.length ? `\n  ${p.name}: ${failures[0]}\n` : '.');
  }
  process.stdout.write('\n');
  return results;
}

function contentTable(rs: ContentResult[], reps: number): string {
  const st = (r: ContentResult, s: Stage) => (r.stages[s] ? fmt(r.stages[s]?.median) : 'n/a');
  const longs = (tasks: Task[], max: number) => {
    if (!tasks.length) return '0';
    const what = [...new Set(tasks.map((t) => t.what ?? '?'))].join(', ');
    return `${tasks.length}, max ${fmt(max)} (${what})`;
  };
  return table(
    [
      'page',
      'serialize',
      'analyse (round trip)',
      'anchor',
      'paint',
      'highlights at',
      'extension main thread, CPU (inject)',
      `extension tasks > 50 ms CPU, in ${reps} loads`,
      `extension tasks > 50 ms wall, in ${reps} loads`,
      'long tasks with / without',
      'longtask API saw',
      'load with / without',
      'ratio',
    ],
    rs.map((r) => [
      r.name,
      st(r, 'serialize'),
      st(r, 'analyse'),
      st(r, 'anchor'),
      st(r, 'paint'),
      r.doneAt === null ? 'n/a' : fmt(r.doneAt),
      `${fmt(r.extensionCpuMs)} (${fmt(r.injectCpuMs)})`,
      longs(r.extensionCpuLongTasks, r.maxExtensionCpu),
      longs(r.extensionLongTasks, r.maxExtensionLongTask),
      `${r.longTasksWith} / ${r.longTasksWithout}`,
      String(r.apiLongTasksWith),
      `${fmt(r.loadWith)} / ${fmt(r.loadWithout)}`,
      fmt(r.loadRatio),
    ]),
  );
}

// ---------------------------------------------------------------------------

interface Assets {
  url(file: string): string;
  write(file: string, text: string): void;
  remove(file: string): void;
  close(): Promise<void>;
}

/** Bench files (the blank page, index and corpus JSON) served from a temporary folder on 127.0.0.1. */
async function assetServer(): Promise<Assets> {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-assets-'));
  writeFileSync(join(dir, 'bench.html'), '<!doctype html><html><head><meta charset="utf-8"><title>crosscheck bench</title></head><body></body></html>\n');
  const server = await startNewsServer({ fixturesDir: dir });
  return {
    url: (file) => server.fixtureUrl(file),
    write: (file, text) => writeFileSync(join(dir, file), text),
    remove: (file) => rmSync(join(dir, file), { force: true }),
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function ensureExtension(): boolean {
  if (existsSync(join(EXTENSION_DIR, 'manifest.json'))) return true;
  if (process.env.CROSSCHECK_EXTENSION_DIR) throw new Error(`no extension build at ${EXTENSION_DIR}`);
  console.log('building .output/chrome-mv3: npx wxt build');
  const r = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npx wxt build failed');
  return true;
}

async function main(): Promise<void> {
  const started = performance.now();
  const flags = parseFlags(process.argv.slice(2), SECTIONS);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`);
  const m = machine();
  console.log(`crosscheck bench (Chromium)${flags.smoke ? ' --smoke' : ''}: ${machineLine(m)}`);
  const results: Record<string, unknown> = { machine: m, smoke: flags.smoke };
  const targets: Target[] = [];

  let t = performance.now();
  const code = await bundlePageLib();
  console.log(`page library bundled (${fmt(code.length / 1024)} KB) in ${elapsed(t)}`);
  const pagesServer = await startNewsServer(existsSync(PAGES_DIR) ? { fixturesDir: PAGES_DIR } : {});
  const assets = await assetServer();
  const plain = await launch(null);
  const cleanups: (() => Promise<void>)[] = [() => plain.close(), () => assets.close(), () => pagesServer.close()];
  try {
    if (wants(flags, 'pages')) {
      t = performance.now();
      console.log('\npages: Readability vs the engine, anchoring and painting, per page in a plain page');
      const pages = await benchPagesSection(plain.context, pagesServer, code, flags.smoke ? benchPages(2, 1) : benchPages(), flags.smoke);
      section('Per page in Chromium, ms', pagesTable(pages));
      const { summary, target } = ratioSummary(pages, 'Chromium', t);
      results.pages = { pages, summary };
      targets.push(target);
    }

    if (wants(flags, 'index')) {
      t = performance.now();
      console.log('\nindex: the story index saved in IndexedDB, page reloaded, read and rebuilt');
      const index = await benchIndex(plain.context, assets, code, flags.smoke);
      results.index = index;
      section('Story index from IndexedDB in Chromium', indexTable(index));
      for (const r of index) console.log(`  slowest queries at ${r.size}: ${r.slowest.map((s) => `${s.name} ${fmt(s.medianMs)} ms`).join(', ')}`);
      console.log(`section took ${elapsed(t)}`);
      for (const [size, limit] of [
        [10000, 10],
        [100000, 50],
      ] as const) {
        const r = index.find((x) => x.size === size);
        if (r) {
          targets.push({
            name: `match latency at ${size / 1000}k, p95 (Chromium page)`,
            limit: `≤ ${limit} ms`,
            measured: `median ${fmt(r.query.median)} / p95 ${fmt(r.query.p95)} ms`,
            met: r.query.p95 <= limit,
          });
        }
      }
    }

    if (wants(flags, 'restart')) {
      t = performance.now();
      console.log('\nrestart: a restarted background to its first analysis, and adding one report, before and after the index store');
      const restart = await benchRestart(plain.context, assets, code, flags.smoke);
      results.restart = restart;
      section('A restarted background and adding one report, Chromium page, extension schema (ms)', restartTable(restart));
      for (const r of restart) {
        console.log(
          `  ${r.size}: corpus stored in ${fmt(r.fillMs)} ms; conversion of the old saved index (once, restart → answer) ${fmt(r.convert.totalMs)} ms wall, ${fmt(r.convert.cpuMs)} ms CPU (${r.convert.loaded}); ` +
            `restart with a log of ${r.fullLog.rows} rows ${fmt(r.fullLog.totalMs)} ms wall, ${fmt(r.fullLog.cpuMs)} ms CPU; ` +
            `openEngine steps (median ms) ${JSON.stringify(r.after.steps)}; ` +
            `first analysis read ${r.after.fetches.articles} articles in ${r.after.fetches.calls} bulkGets, waiting ${fmt(r.after.fetches.ms.median)} ms (median); ` +
            `compaction ${fmt(r.compact.ms)} ms wall, ${fmt(r.compact.cpuMs)} ms CPU, once per ${r.compact.every} adds; outcomes ${JSON.stringify(r.outcomes)}`,
        );
      }
      console.log(`section took ${elapsed(t)}`);
      const big = restart.find((r) => r.size === 100000);
      if (big) {
        targets.push({
          name: 'first analysis after a restart, 100k articles (Chromium page, wall)',
          limit: '< 1000 ms',
          measured: `median ${fmt(big.after.total.median)} / p95 ${fmt(big.after.total.p95)} ms (CPU ${fmt(big.after.totalCpu.median)}); before ${fmt(big.before.total.median)} ms`,
          met: big.after.total.p95 < 1000,
        });
      }
    }

    if (wants(flags, 'import')) {
      t = performance.now();
      console.log('\nimport: articles into the extension schema in IndexedDB');
      const imp = await benchImport(plain.context, assets, code, flags.smoke);
      results.import = imp;
      section(
        `Import of ${imp.articles.toLocaleString('en')} articles (${fmt(imp.jsonBytes / 2 ** 20)} MB of JSON) into IndexedDB in Chromium`,
        table(
          ['how', 'time med / p95', 'articles/s'],
          [
            ['Dexie bulkPut, one transaction', `${fmt(imp.bulkPut.ms.median)} / ${fmt(imp.bulkPut.ms.p95)} ms`, imp.bulkPut.perSecond.toLocaleString('en')],
            ['importArticles (lib/db.ts: bulkGet, compare, bulkPut, count)', `${fmt(imp.importArticles.ms.median)} / ${fmt(imp.importArticles.ms.p95)} ms`, imp.importArticles.perSecond.toLocaleString('en')],
          ],
        ),
      );
      console.log(`section took ${elapsed(t)}`);
      targets.push({
        name: `import throughput, ${imp.articles} articles (importArticles)`,
        limit: '≥ 1,000 articles/s',
        measured: `${imp.importArticles.perSecond.toLocaleString('en')} /s (bulkPut alone ${imp.bulkPut.perSecond.toLocaleString('en')} /s)`,
        met: imp.importArticles.perSecond >= 1000,
      });
    }

    if (wants(flags, 'content')) {
      t = performance.now();
      ensureExtension();
      const script = readFileSync(join(EXTENSION_DIR, 'content-scripts', 'article.js'), 'utf8');
      const marked = script.includes('crosscheck:paint');
      console.log(
        `\ncontent: the extension (${EXTENSION_DIR}) on each page, with and without it` +
          (marked ? '' : '\nnote: this build has no crosscheck:* performance marks: stage times are n/a and the end of a run is guessed (3 s after it connects)'),
      );
      const withExt = await launch(EXTENSION_DIR);
      cleanups.unshift(() => withExt.close());
      const listed = flags.smoke ? benchPages(1, 0) : benchPages();
      const large = flags.smoke ? [] : largePages();
      for (const p of large) assets.write(p.path, p.html);
      const pages = [...(listed.length ? listed : benchPages(0, 1)), ...large];
      const urlOf = (p: BenchPage) => (p.kind === 'large' ? assets.url(p.path) : pagesServer.url + p.path);
      const content = await benchContent(withExt, plain, pagesServer, pages, urlOf, flags.smoke, marked);
      section(
        'The content script in Chromium (ms, medians of the loads; stages from performance.measure, tasks from a trace)',
        contentTable(content, flags.smoke ? 1 : 3),
      );
      const real = content.filter((r) => r.kind === 'real');
      const loads = real.length * (flags.smoke ? 1 : 3);
      const cpuOffenders = real.filter((r) => r.extensionCpuLongTasks.length > 0);
      const wallOffenders = real.filter((r) => r.extensionLongTasks.length > 0);
      const worstCpu = Math.max(0, ...real.map((r) => r.maxExtensionCpu));
      const worstWall = Math.max(0, ...real.map((r) => r.maxExtensionLongTask));
      const names = (rs: ContentResult[], f: (r: ContentResult) => number) => (rs.length ? rs.map((r) => `${r.name} (${fmt(f(r))} ms)`).join(', ') : 'none');
      for (const r of content.filter((x) => x.kind === 'large')) {
        console.log(`${r.name}: extension tasks over 50 ms of CPU: ${r.extensionCpuLongTasks.length}, longest ${fmt(r.maxExtensionCpu)} ms; serialize ${r.stages.serialize ? fmt(r.stages.serialize.median) : 'n/a'} ms`);
      }
      console.log(
        `\nload with / without the extension, median of the page ratios: ${fmt(median(content.map((r) => r.loadRatio)))}\n` +
          `real pages with an extension task over 50 ms of CPU: ${names(cpuOffenders, (r) => r.maxExtensionCpu)}\n` +
          `real pages with an extension task over 50 ms of wall time: ${wallOffenders.length} of ${real.length}\n` +
          `section took ${elapsed(t)}`,
      );
      results.content = { marked, pages: content };
      targets.push({
        name: 'extension tasks > 50 ms on real pages (main-thread CPU time; wall in brackets)',
        limit: 'none',
        measured:
          `${sum(real.map((r) => r.extensionCpuLongTasks.length))} in ${loads} loads, on ${cpuOffenders.length} of ${real.length} pages, longest ${fmt(worstCpu)} ms ` +
          `(wall: ${sum(real.map((r) => r.extensionLongTasks.length))} on ${wallOffenders.length} pages, longest ${fmt(worstWall)} ms)` +
          (marked ? '' : '; build without marks: only injection and script tasks are attributed'),
        met: cpuOffenders.length === 0,
      });
    }
  } finally {
    for (const c of cleanups) await c().catch(() => {});
  }

  finishRun('browser', flags.smoke, results, targets, started);
}

runMain(main);

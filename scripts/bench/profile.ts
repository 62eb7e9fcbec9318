/**
 * Where the time of a missed target goes: runs one workload under V8's
 * sampling profiler (node:inspector, so no extra flags) and prints the
 * functions with the most self time, and the same summed by file.
 *
 *   tsx scripts/bench/profile.ts analyse [PAGE...]   Engine.analyse on pages (default: all 40)
 *   tsx scripts/bench/profile.ts load [N]            loadStoryIndex of an N-article index (default 100000)
 *   tsx scripts/bench/profile.ts query [N]           the 25 story queries against an N-article index (default 100000)
 *   tsx scripts/bench/profile.ts content [PAGE]      the content script in Chromium on a real page (default aclu), 3 loads:
 *                                                    the renderer's profile, restricted to the extension's script
 *
 * `content` reads CROSSCHECK_EXTENSION_DIR (default .output/chrome-mv3). With an
 * unminified build (vite `build.minify: false`) the functions have their names
 * and the bundler's `// path` comments give each one its source module.
 *
 * --out FILE also writes the .cpuprofile (open it in Chrome DevTools).
 */
import { writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import { relative } from 'node:path';
import { parseHTML } from 'linkedom';
import { createStoryIndex, loadStoryIndex } from '../../lib/corpus/match-index';
import { Engine } from '../../lib/engine';
import { extractArticle } from '../../lib/extract/dom';
import { loadKnowledgeBase } from '../../lib/kb/index';
import { fmt, ROOT, table } from './common';
import { benchPages, canonicalOf, corpus, seedArticles, storyQueries } from './inputs';

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((ok, fail) => session.post(method, params ?? {}, (err, res) => (err ? fail(err) : ok(res as T))));
}

async function profile(work: () => void): Promise<Profiler.Profile> {
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(session, 'Profiler.start');
  work();
  const { profile: p } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
  session.disconnect();
  return p;
}

const label = (f: Profiler.ProfileNode['callFrame']) =>
  `${f.functionName || '(anonymous)'} ${f.url ? relative(ROOT, f.url.replace(/^file:\/\//, '')) : '(native)'}`;

function report(p: Profiler.Profile, top = 25): void {
  const self = new Map<number, number>();
  const ids = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  ids.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0) / 1000));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const node of p.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (!ms) continue;
    const f = node.callFrame;
    byFn.set(label(f), (byFn.get(label(f)) ?? 0) + ms);
    const file = f.url ? relative(ROOT, f.url.replace(/^file:\/\//, '')) : `(${f.functionName || 'native'})`;
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
  }
  // Inclusive time: a sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, ms] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = nodes.get(at);
      if (!n) break;
      const key = label(n.callFrame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
  const rows = (m: Map<string, number>, skip = (_: string) => false) =>
    [...m]
      .filter(([k]) => !skip(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => [k, fmt(ms), `${((100 * ms) / total).toFixed(1)}%`]);
  const outer = (k: string) => k.includes('(native)') || k.includes('scripts/bench/') || k.includes('node_modules/tsx');
  console.log(`\nsampled ${fmt(total)} ms`);
  console.log(`\n${table(['function (self time)', 'ms', 'share'], rows(byFn))}`);
  console.log(`\n${table(['function (inclusive time)', 'ms', 'share'], rows(inclusive, outer))}`);
  console.log(`\n${table(['file (self time)', 'ms', 'share'], rows(byFile))}`);
}

/** Line → source module, from the `\t// path` comments an unminified Vite/rolldown bundle keeps. */
function moduleLines(code: string): (line: number) => string {
  const starts: [number, string][] = [];
  code.split('\n').forEach((l, i) => {
    const m = /^\t\/\/ ((?:\\0)?[\w@./?-]+\.(?:m?js|tsx?|css\?inline|json))$/.exec(l);
    if (m) starts.push([i, m[1] ?? '']);
  });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = '(bundle prelude)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [at, name] = starts[mid] ?? [0, ''];
      if (at <= line) {
        found = name;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

async function profileContentScript(pageName: string): Promise<void> {
  const { chromium } = await import('playwright-core');
  const { startNewsServer } = await import('../news-site');
  const { CHROMIUM_PATH, PAGES_DIR } = await import('./common');
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const ext = process.env.CROSSCHECK_EXTENSION_DIR ?? join(ROOT, '.output', 'chrome-mv3');
  const code = readFileSync(join(ext, 'content-scripts', 'article.js'), 'utf8');
  const moduleOf = moduleLines(code);
  const profileDir = mkdtempSync(join(tmpdir(), 'crosscheck-profile-'));
  const server = await startNewsServer({ fixturesDir: PAGES_DIR });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
  });
  await context.route((u) => u.protocol.startsWith('http') && u.hostname !== '127.0.0.1', (r) => r.abort('blockedbyclient'));
  const self = new Map<string, number>();
  const byModule = new Map<string, number>();
  let extensionTotal = 0;
  try {
    // The first load also builds the background's engine; it is not profiled.
    for (let i = 0; i < 4; i++) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await page.goto(server.fixtureUrl(`${pageName}.html`), { waitUntil: 'load' });
      await page.waitForFunction(() => performance.getEntriesByName('crosscheck:paint').length > 0, undefined, { timeout: 30_000 });
      const { profile: p } = (await cdp.send('Profiler.stop')) as { profile: Profiler.Profile };
      await page.close();
      if (i === 0) continue;
      const dt = new Map<number, number>();
      (p.samples ?? []).forEach((id, k) => dt.set(id, (dt.get(id) ?? 0) + (p.timeDeltas?.[k] ?? 0) / 1000));
      for (const node of p.nodes) {
        const ms = dt.get(node.id) ?? 0;
        if (!ms || !node.callFrame.url.startsWith('chrome-extension://')) continue;
        const where = moduleOf(node.callFrame.lineNumber);
        const key = `${node.callFrame.functionName || '(anonymous)'} [${where}]`;
        self.set(key, (self.get(key) ?? 0) + ms / 3);
        byModule.set(where, (byModule.get(where) ?? 0) + ms / 3);
        extensionTotal += ms / 3;
      }
    }
  } finally {
    await context.close();
    await server.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, ms]) => [k, fmt(ms), `${((100 * ms) / extensionTotal).toFixed(1)}%`]);
  console.log(`content script on ${pageName}: ${fmt(extensionTotal)} ms of samples in the extension's script per load (mean of 3)`);
  console.log(`\n${table(['function (self time)', 'ms/load', 'share'], rows(self))}`);
  console.log(`\n${table(['source module (self time)', 'ms/load', 'share'], rows(byModule))}`);
}

async function main(argv: string[]): Promise<void> {
  const outAt = argv.indexOf('--out');
  const out = outAt >= 0 ? argv.splice(outAt, 2)[1] : undefined;
  const [what = 'analyse', ...rest] = argv;
  if (what === 'content') return profileContentScript(rest[0] ?? 'aclu');
  let work: () => void;
  if (what === 'analyse') {
    const engine = new Engine(loadKnowledgeBase(), seedArticles());
    const pages = benchPages().filter((p) => rest.length === 0 || rest.some((r) => p.name.startsWith(r)));
    const inputs = pages.map((p) => {
      const { document } = parseHTML(p.html);
      const doc = document as unknown as Document;
      return { article: extractArticle(doc, p.url), canonicalUrl: canonicalOf(doc) };
    });
    for (const i of inputs) engine.analyse(i.article, { canonicalUrl: i.canonicalUrl });
    work = () => {
      for (let rep = 0; rep < 5; rep++) for (const i of inputs) engine.analyse(i.article, { canonicalUrl: i.canonicalUrl });
    };
  } else if (what === 'load' || what === 'query') {
    const n = Number(rest[0] ?? 100000);
    const index = createStoryIndex();
    for (const a of corpus(n)) index.add(a);
    for (const a of seedArticles()) index.add(a);
    if (what === 'load') {
      const json = JSON.parse(JSON.stringify(index.toJSON())) as unknown;
      work = () => void loadStoryIndex(json);
    } else {
      const queries = storyQueries();
      for (const q of queries) index.query({ ...q.page, canonicalUrl: q.canonicalUrl });
      work = () => {
        for (let rep = 0; rep < 10; rep++) for (const q of queries) index.query({ ...q.page, canonicalUrl: q.canonicalUrl });
      };
    }
  } else throw new Error(`unknown workload ${what} (analyse, load, query, content)`);
  const t0 = performance.now();
  const p = await profile(work);
  console.log(`${what}: ${fmt(performance.now() - t0)} ms under the profiler`);
  report(p);
  if (out) {
    writeFileSync(out, JSON.stringify(p));
    console.log(`\nprofile: ${out}`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});

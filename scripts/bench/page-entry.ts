/**
 * The browser half of the benchmarks, bundled by scripts/bench/bundle.ts into
 * one IIFE that browser.ts evaluates in a page. It sets
 * `globalThis.__crosscheckBench`; each operation returns its own wall time,
 * measured inside the page so no DevTools round trip is counted.
 */
import { Readability } from '@mozilla/readability';
import highlightsCss from '../../entrypoints/article.content/highlights.css?inline';
import { clearPaint, paint, type Painted } from '../../entrypoints/article.content/paint';
import { anchorFindings } from '../../lib/anchor/findings';
import { bundledSeedArticles } from '../../lib/corpus/bundled-seeds';
import { loadStoryIndex, type StoryIndex } from '../../lib/corpus/match-index';
import { importArticles, loadSavedIndex, openDatabase, saveIndex, type CrosscheckDb } from '../../lib/db';
import { Engine } from '../../lib/engine';
import { openEngine, type IndexStore } from '../../lib/index-store';
import { extractArticle } from '../../lib/extract/index';
import { loadKnowledgeBase } from '../../lib/kb/index';
import { Settings, type Analysis, type Article, type ArticleText, type Finding } from '../../lib/schema';
import { shownFindings } from '../../lib/settings';

const now = () => performance.now();

let engine: Engine | null = null;
let article: ArticleText | null = null;
let findings: Finding[] = [];
let landmarks: string[] = [];
let painted: Painted[] = [];
let index: StoryIndex | null = null;

function nextFrame(): Promise<void> {
  // After the frame that shows the paint: rAF runs before it, a task after it.
  return new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
}

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json() as Promise<unknown>;
}

async function freshDb(name: string): Promise<CrosscheckDb> {
  const db = openDatabase(name);
  await db.delete();
  const reopened = openDatabase(name);
  await reopened.open();
  return reopened;
}

const bench = {
  /** The seeded engine, as the background builds it; not timed per page. */
  setup(): { ms: number } {
    const t0 = now();
    engine = new Engine(loadKnowledgeBase(), bundledSeedArticles());
    if (!document.getElementById('crosscheck-bench-css')) {
      const style = document.createElement('style');
      style.id = 'crosscheck-bench-css';
      style.textContent = highlightsCss;
      document.head.append(style);
    }
    return { ms: now() - t0 };
  },
  noop(): number {
    return 0;
  },
  readability(): number {
    const t0 = now();
    new Readability(document.cloneNode(true) as Document).parse();
    return now() - t0;
  },
  extract(): number {
    const t0 = now();
    article = extractArticle(document, location.href);
    return now() - t0;
  },
  analyse(): { ms: number; findings: number; shown: number; matched: number; chars: number } {
    if (!engine || !article) throw new Error('setup() and extract() first');
    const canonicalUrl = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href ?? null;
    const t0 = now();
    const analysis: Analysis = engine.analyse(article, { canonicalUrl });
    const ms = now() - t0;
    findings = shownFindings(analysis.findings, Settings.parse({}));
    landmarks = analysis.landmarks;
    return {
      ms,
      findings: analysis.findings.length,
      shown: findings.length,
      matched: analysis.matched.length,
      chars: article.blocks.reduce((n, b) => n + b.text.length, 0),
    };
  },
  /** As the content script anchors: async, yielding every 8 ms. */
  async anchor(): Promise<{ ms: number; anchored: number }> {
    const byId = new Map(findings.map((f) => [f.id, f]));
    const t0 = now();
    const anchored = await anchorFindings(document.body, findings, landmarks);
    painted = anchored.flatMap((a) => {
      const finding = a.range ? byId.get(a.id) : undefined;
      return finding && a.range ? [{ finding, range: a.range, words: a.words }] : [];
    });
    painted.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
    return { ms: now() - t0, anchored: painted.length };
  },
  /** The call itself, then the frame that renders it. */
  async paint(): Promise<{ ms: number; frameMs: number }> {
    clearPaint();
    await nextFrame();
    const t0 = now();
    paint(painted);
    const ms = now() - t0;
    await nextFrame();
    return { ms, frameMs: now() - t0 };
  },

  // -- story index in IndexedDB --------------------------------------------

  async storeIndex(url: string, dbName: string): Promise<{ fetchMs: number; putMs: number }> {
    const t0 = now();
    const json = await fetchJson(url);
    const t1 = now();
    const db = await freshDb(dbName);
    const t2 = now();
    await saveIndex(db, json);
    const t3 = now();
    db.close();
    return { fetchMs: t1 - t0, putMs: t3 - t2 };
  },
  /** What a restarted background does: read the saved index, rebuild it. */
  async loadIndex(dbName: string): Promise<{ openMs: number; getMs: number; loadMs: number; docs: number }> {
    const t0 = now();
    const db = openDatabase(dbName);
    await db.open();
    const t1 = now();
    const row = await db.meta.get('storyIndex');
    const t2 = now();
    index = loadStoryIndex(row?.value);
    const t3 = now();
    db.close();
    return { openMs: t1 - t0, getMs: t2 - t1, loadMs: t3 - t2, docs: index.size };
  },
  async queries(url: string, warmups: number, reps: number): Promise<{ name: string; ms: number[] }[]> {
    if (!index) throw new Error('loadIndex() first');
    const queries = (await fetchJson(url)) as { name: string; page: ArticleText; canonicalUrl: string | null }[];
    const out = queries.map((q) => ({ name: q.name, ms: [] as number[] }));
    for (let rep = 0; rep < warmups + reps; rep++) {
      queries.forEach((q, i) => {
        const t0 = now();
        index?.query({ ...q.page, canonicalUrl: q.canonicalUrl });
        if (rep >= warmups) out[i]?.ms.push(now() - t0);
      });
    }
    return out;
  },
  async dropDb(dbName: string): Promise<void> {
    await openDatabase(dbName).delete();
  },

  // -- restart and adding one report ------------------------------------------
  // What the background does, in the extension's schema: 'before' as getEngine
  // and syncEngine did until the index store (every article read, the whole
  // index rewritten per write), 'after' through lib/index-store.ts.

  restart: null as null | { db: CrosscheckDb; engine: Engine; store: IndexStore | null },
  restartQueries: [] as { name: string; page: ArticleText; canonicalUrl: string | null }[],
  toAdd: [] as Article[],
  async fillCorpus(urls: string[], indexUrl: string, dbName: string): Promise<{ ms: number; count: number }> {
    const db = await freshDb(dbName);
    const t0 = now();
    for (const url of urls) {
      const rows = (await fetchJson(url)) as Article[];
      await db.transaction('rw', db.articles, () => db.articles.bulkPut(rows));
    }
    await saveIndex(db, await fetchJson(indexUrl));
    const ms = now() - t0;
    const count = await db.articles.count();
    db.close();
    return { ms, count };
  },
  async loadRestartInputs(queriesUrl: string, addUrl: string): Promise<number> {
    bench.restartQueries = (await fetchJson(queriesUrl)) as typeof bench.restartQueries;
    bench.toAdd = (await fetchJson(addUrl)) as Article[];
    return bench.toAdd.length;
  },
  /** From a fresh page (a restarted worker) to the first analysis of query `q`. */
  async restartAndAnalyse(
    dbName: string,
    how: 'before' | 'after',
    q: number,
  ): Promise<Restarted> {
    const query = bench.restartQueries[q];
    if (!query) throw new Error(`no query ${q}`);
    const t0 = now();
    const db = openDatabase(dbName);
    await db.open();
    // Counted, not changed: how many reads the lazy engine's analysis makes, and how long they wait.
    const fetches = { calls: 0, articles: 0, ms: 0 };
    const bulkGet = db.articles.bulkGet.bind(db.articles);
    db.articles.bulkGet = ((keys: string[]) => {
      const started = now();
      fetches.calls++;
      fetches.articles += keys.length;
      return bulkGet(keys).finally(() => (fetches.ms += now() - started));
    }) as typeof db.articles.bulkGet;
    const kb = loadKnowledgeBase();
    let e: Engine;
    let store: IndexStore | null = null;
    let loaded: string;
    let logRows = 0;
    let timings: Record<string, number> | null = null;
    if (how === 'before') {
      const articles = await db.articles.toArray();
      const saved = await loadSavedIndex(db, articles.map((a) => a.id));
      loaded = saved ? 'loaded' : 'rebuilt';
      e = new Engine(kb, articles, saved ?? undefined);
    } else {
      const opened = await openEngine(db, kb);
      e = opened.engine;
      store = opened.store;
      loaded = opened.how;
      logRows = opened.logRows;
      timings = opened.timings;
    }
    const t1 = now();
    const loadFetches = { ...fetches };
    const analysis = await e.analyseAsync(query.page, { canonicalUrl: query.canonicalUrl });
    const t2 = now();
    bench.restart = { db, engine: e, store };
    return {
      readyMs: t1 - t0,
      firstMs: t2 - t1,
      totalMs: t2 - t0,
      matched: analysis.matched.length,
      loaded,
      logRows,
      size: e.size,
      fetches: { calls: fetches.calls - loadFetches.calls, articles: fetches.articles - loadFetches.articles, ms: fetches.ms - loadFetches.ms },
      timings,
    };
  },
  /** One more analysis on the same engine (query `q`), after the first. */
  async analyseAgain(q: number): Promise<{ ms: number; matched: number }> {
    const query = bench.restartQueries[q];
    if (!bench.restart || !query) throw new Error('restartAndAnalyse() first');
    const t0 = now();
    const analysis = await bench.restart.engine.analyseAsync(query.page, { canonicalUrl: query.canonicalUrl });
    return { ms: now() - t0, matched: analysis.matched.length };
  },
  /** Adds report `i` of toAdd as the background does for a page it keeps: the row, the engine, the saved index. */
  async addOne(i: number): Promise<{ ms: number; outcome: string }> {
    const r = bench.restart;
    const a = bench.toAdd[i];
    if (!r || !a) throw new Error('restartAndAnalyse() and loadRestartInputs() first');
    const article = { ...a, addedAt: Date.now() };
    const t0 = now();
    await r.db.articles.put(article);
    r.engine.add(article);
    let outcome = 'saved whole';
    if (r.store) outcome = await r.store.persist();
    else await saveIndex(r.db, r.engine.index.toJSON());
    return { ms: now() - t0, outcome };
  },
  /** Fills the change log up to one row short of its compaction (a restart's worst case), untimed. */
  async fillLog(from: number): Promise<{ rows: number }> {
    const r = bench.restart;
    if (!r?.store) throw new Error("restartAndAnalyse(…, 'after') first");
    const rows = await r.db.indexLog.count();
    const limit = r.store.logLimit;
    let i = from;
    for (let n = rows; n < limit - 1 && i < bench.toAdd.length; n++, i++) {
      const a = bench.toAdd[i]!;
      await r.db.articles.put(a);
      r.engine.add(a);
      await r.store.persist();
    }
    return { rows: await r.db.indexLog.count() };
  },
  async compact(): Promise<{ ms: number }> {
    if (!bench.restart?.store) throw new Error("restartAndAnalyse(…, 'after') first");
    const t0 = now();
    await bench.restart.store.compact();
    return { ms: now() - t0 };
  },
  closeRestart(): void {
    bench.restart?.db.close();
    bench.restart = null;
  },

  // -- import ----------------------------------------------------------------

  corpus: [] as Article[],
  async loadCorpus(url: string): Promise<number> {
    bench.corpus = (await fetchJson(url)) as Article[];
    return bench.corpus.length;
  },
  /**
   * `bulkPut`: one Dexie bulkPut in one transaction. `importArticles`: the
   * app's import (lib/db.ts: bulkGet to compare, then bulkPut, then count).
   */
  async importCorpus(dbName: string, how: 'bulkPut' | 'importArticles'): Promise<{ ms: number; count: number }> {
    const db = await freshDb(dbName);
    const rows = bench.corpus;
    const t0 = now();
    if (how === 'bulkPut') await db.transaction('rw', db.articles, () => db.articles.bulkPut(rows));
    else await importArticles(db, rows);
    const ms = now() - t0;
    const count = await db.articles.count();
    db.close();
    return { ms, count };
  },
};

(globalThis as unknown as { __crosscheckBench: typeof bench }).__crosscheckBench = bench;
/** What one restart measured, read back by scripts/bench/browser.ts. */
export interface Restarted {
  readyMs: number;
  firstMs: number;
  totalMs: number;
  matched: number;
  loaded: string;
  logRows: number;
  size: number;
  fetches: { calls: number; articles: number; ms: number };
  timings: Record<string, number> | null;
}

export type BenchApi = typeof bench;

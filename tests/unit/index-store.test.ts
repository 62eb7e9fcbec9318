/**
 * The story index on disk (lib/index-store.ts): column snapshots, the change
 * log, what a restart finds after a worker was stopped half-way, and the
 * lazy engine answering as the eager one does.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStoryIndex, type StoryIndex } from '../../lib/corpus/match-index';
import { readSeedArticles } from '../../lib/corpus/seeds-node';
import { openDatabase, saveIndex, type CrosscheckDb } from '../../lib/db';
import { Engine } from '../../lib/engine';
import { openEngine } from '../../lib/index-store';
import { loadKnowledgeBase } from '../../lib/kb/index';
import type { Article } from '../../lib/schema';
import { CLUSTERS_DIR, readClusters } from '../../scripts/judge/clusters';
import { generateCorpus } from '../../scripts/gen-corpus';

const kb = loadKnowledgeBase();
const seeds = readSeedArticles(resolve(__dirname, '../../seeds'));
const generated = generateCorpus(300, 5, { seeds, pageTexts: seeds.map((s) => s.blocks.map((b) => b.text)) });

let dbs = 0;
async function freshDb(articles: readonly Article[]): Promise<CrosscheckDb> {
  const db = openDatabase(`index-store-${Date.now()}-${dbs++}`);
  await db.open();
  await db.articles.bulkPut([...articles]);
  return db;
}

/** What a restarted worker sees: the same database opened by a new connection. */
async function restart(db: CrosscheckDb): Promise<CrosscheckDb> {
  db.close();
  const again = openDatabase(db.name);
  await again.open();
  return again;
}

function answers(index: StoryIndex, pages: readonly Article[]) {
  return pages.map((p) => index.query(p, { minScore: 0, limit: 20 }));
}

const probes = [...seeds, ...generated.slice(0, 30), ...generated.slice(150, 160).map((a) => ({ ...a, url: `https://mirror.example/${a.id}` }))];

describe('column snapshots', () => {
  it('load (after a structured clone) into an index that answers and changes exactly like the one saved', () => {
    const built = new Engine(kb, [...generated, ...seeds]).index;
    built.remove(generated[3]!.id);
    built.add({ ...generated[3]!, id: 'again-3' });
    const loaded = loadStoryIndex(structuredClone(built.toColumns()));
    expect(loaded.size).toBe(built.size);
    expect(answers(loaded, probes)).toEqual(answers(built, probes));
    for (const index of [built, loaded]) {
      for (const a of generated.slice(10, 40)) index.remove(a.id);
      for (const a of generated.slice(10, 20)) index.add({ ...a, id: `${a.id}-re` });
    }
    expect(answers(loaded, probes)).toEqual(answers(built, probes));
    expect(JSON.stringify(loaded.toJSON())).toBe(JSON.stringify(built.toJSON()));
  });

  it('reject damaged columns with a clear error', () => {
    const good = () => structuredClone(new Engine(kb, seeds).index.toColumns());
    expect(() => loadStoryIndex({ ...good(), version: 7 })).toThrow(/version: this build reads version 1/);
    expect(() => loadStoryIndex({ ...good(), termIds: new Int32Array(3) })).toThrow(/termIds: expected a Int32Array/);
    expect(typeof good().ids).toBe('string');
    const badTerm = good();
    badTerm.termIds[0] = badTerm.terms.length;
    expect(() => loadStoryIndex(badTerm)).toThrow(/termIds\[0\]: expected a term id below/);
    const twice = good();
    const ids = typeof twice.ids === 'string' ? twice.ids.split('\u0000') : twice.ids;
    ids[1] = ids[0]!;
    twice.ids = ids;
    expect(() => loadStoryIndex(twice)).toThrow(/duplicate id/);
  });
});

describe('the index on disk', () => {
  it('survives a restart through the change log, then through a compaction', async () => {
    let db = await freshDb(seeds);
    const first = await openEngine(db, kb);
    expect(first.how).toBe('rebuilt');
    const added = generated.slice(0, 40);
    for (const a of added) {
      await db.articles.put(a);
      first.engine.add(a);
      expect(await first.store.persist()).toBe('logged');
    }
    await db.articles.delete(seeds[1]!.id);
    first.engine.remove(seeds[1]!.id);
    await first.store.persist();
    expect(await db.indexLog.count()).toBe(41);

    db = await restart(db);
    const second = await openEngine(db, kb);
    expect(second.how).toBe('loaded');
    expect(second.logRows).toBe(41);
    expect(second.repaired).toEqual({ added: 0, removed: 0 });
    expect(second.engine.index.ids().sort()).toEqual(first.engine.index.ids().sort());
    expect(answers(second.engine.index, probes)).toEqual(answers(first.engine.index, probes));

    await second.store.compact();
    expect(await db.indexLog.count()).toBe(0);
    db = await restart(db);
    const third = await openEngine(db, kb);
    expect(third.how).toBe('loaded');
    expect(third.logRows).toBe(0);
    expect(answers(third.engine.index, probes)).toEqual(answers(first.engine.index, probes));
    db.close();
  });

  it('compacts by itself once the log passes its limit', async () => {
    const db = await freshDb(seeds);
    const { engine, store } = await openEngine(db, kb);
    const outcomes: string[] = [];
    for (const a of generated.slice(0, store.logLimit + 1)) {
      await db.articles.put(a);
      engine.add(a);
      outcomes.push(await store.persist());
    }
    expect(outcomes.at(-1)).toBe('compacted');
    expect(await db.indexLog.count()).toBe(0);
    const again = await openEngine(await restart(db), kb);
    expect(again.engine.index.ids().sort()).toEqual(engine.index.ids().sort());
  });

  it('a worker stopped between an article write and its log row leaves an index repaired on load', async () => {
    let db = await freshDb(seeds);
    const first = await openEngine(db, kb);
    // Written, never logged: the worker stopped before syncEngine persisted.
    await db.articles.bulkPut(generated.slice(0, 3));
    await db.articles.delete(seeds[0]!.id);
    db = await restart(db);
    const second = await openEngine(db, kb);
    expect(second.how).toBe('loaded');
    expect(second.repaired).toEqual({ added: 3, removed: 1 });
    const expected = [...seeds.slice(1), ...generated.slice(0, 3)].map((a) => a.id).sort();
    expect(second.engine.index.ids().sort()).toEqual(expected);
    // The repair itself was logged: the next start has nothing to repair.
    const third = await openEngine(await restart(db), kb);
    expect(third.repaired).toEqual({ added: 0, removed: 0 });
    expect(third.engine.index.ids().sort()).toEqual(expected);
    void first;
  });

  it('a compaction that fails leaves the old snapshot and a log that still holds every change', async () => {
    let db = await freshDb(seeds);
    const { engine, store } = await openEngine(db, kb);
    for (const a of generated.slice(0, 5)) {
      await db.articles.put(a);
      engine.add(a);
    }
    const put = db.meta.put.bind(db.meta);
    db.meta.put = (() => Promise.reject(new Error('quota exceeded'))) as unknown as typeof db.meta.put;
    await expect(store.compact()).rejects.toThrow(/quota/);
    db.meta.put = put;
    db = await restart(db);
    const again = await openEngine(db, kb);
    expect(again.repaired).toEqual({ added: 0, removed: 0 });
    expect(again.engine.index.ids().sort()).toEqual(engine.index.ids().sort());
    expect(answers(again.engine.index, probes)).toEqual(answers(engine.index, probes));
  });

  it('converts an index saved in the one-object format once, and rebuilds a damaged one', async () => {
    let db = await freshDb([...seeds, ...generated.slice(0, 50)]);
    const eager = new Engine(kb, [...seeds, ...generated.slice(0, 50)]);
    await saveIndex(db, eager.index.toJSON());
    const converted = await openEngine(db, kb);
    expect(converted.how).toBe('converted');
    expect(answers(converted.engine.index, probes)).toEqual(answers(eager.index, probes));
    db = await restart(db);
    const loaded = await openEngine(db, kb);
    expect(loaded.how).toBe('loaded');
    expect(answers(loaded.engine.index, probes)).toEqual(answers(eager.index, probes));

    await db.meta.put({ key: 'storyIndex', value: { format: 'crosscheck-story-index-columns', version: 1, terms: 'garbled' } });
    const rebuilt = await openEngine(await restart(db), kb);
    expect(rebuilt.how).toBe('rebuilt');
    expect(rebuilt.engine.index.size).toBe(55);
  });
});

describe('a lazy engine', () => {
  const clusters = existsSync(CLUSTERS_DIR) ? readClusters() : [];
  const clusterArticles = clusters.flatMap((c) => c.reports.map((r) => r.article));
  const corpus = [...seeds, ...clusterArticles, ...generated.slice(0, 100)];

  it('gives the same Analysis as the eager engine on the seeds and the cluster reports', async (ctx) => {
    if (!clusters.length) console.warn(`${CLUSTERS_DIR} is absent: comparing on the seeds only`);
    const eager = new Engine(kb, corpus);
    const db = await freshDb(corpus);
    // The same index as the eager engine's, as a restarted background loads it.
    await db.meta.put({ key: 'storyIndex', value: eager.index.toColumns() });
    const { engine: lazy, how } = await openEngine(db, kb);
    expect(how).toBe('loaded');
    expect(() => lazy.analyse(seeds[0]!)).toThrow(/not loaded; use analyseAsync/);
    const pages: [Article, { excludeId?: string; canonicalUrl?: string }][] = [
      ...seeds.map((s): [Article, { canonicalUrl: string }] => [{ ...s, url: `${s.url}#page` }, { canonicalUrl: s.url }]),
      ...seeds.map((s): [Article, { excludeId: string }] => [s, { excludeId: s.id }]),
      ...clusterArticles.map((a): [Article, { excludeId: string }] => [{ ...a, url: `${a.url}#page` }, { excludeId: a.id }]),
    ];
    let matched = 0;
    for (const [page, opts] of pages) {
      const expected = eager.analyse(page, opts);
      expect(await lazy.analyseAsync(page, opts)).toEqual(expected);
      if (expected.matched.length) matched++;
    }
    expect(matched).toBeGreaterThanOrEqual(clusters.length ? 40 : 5);
    ctx.annotate?.(`${pages.length} pages, ${matched} with matches`);
    db.close();
  }, 120_000);
});

/**
 * Corpus bundles: validation that names file and field, all-or-nothing
 * imports, and export → import round trips through the real database code
 * (fake-indexeddb).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  articleFromText,
  articleIdForUrl,
  checkUniqueAcrossFiles,
  ImportError,
  isPlaceholderUrl,
  makeBundle,
  parseJsonFile,
  placeholderUrl,
  sameArticleContent,
  serializeBundle,
  validateBundle,
} from '../../lib/corpus/bundle';
import { readSeedArticles } from '../../lib/corpus/seeds-node';
import { deleteArticles, importArticles, openDatabase, resetToSeeds, seedDatabase } from '../../lib/db';
import type { Article, CorpusBundle } from '../../lib/schema';

const seeds = readSeedArticles(resolve(__dirname, '../../seeds'));
let n = 0;
const freshDb = () => openDatabase(`bundle-test-${Date.now()}-${n++}`);
const AT = new Date('2025-10-21T12:00:00Z');

function article(i: number, extra: Partial<Article> = {}): Article {
  return {
    id: `a-${i}`,
    url: `https://example.org/news/${i}`,
    outlet: 'example.org',
    title: `Report ${i}`,
    byline: null,
    siteName: 'Example News',
    language: 'en',
    blocks: [{ kind: 'paragraph', text: `Report number ${i} says the talks continue in Cairo.` }],
    furniture: [],
    publishedAt: { from: '2025-10-07', to: '2025-10-07', source: 'meta', evidence: 'meta article:published_time' },
    citedSources: [],
    origin: 'imported',
    addedAt: 1_700_000_000_000 + i,
    ...extra,
  };
}

const bundle = (articles: unknown[], head: Partial<Record<keyof CorpusBundle, unknown>> = {}) => ({
  format: 'crosscheck-corpus',
  version: 1,
  exportedAt: AT.toISOString(),
  articles,
  ...head,
});

async function failure(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('expected the bundle to be refused');
}

const noPause = () => Promise.resolve();

describe('bundle validation', () => {
  it('accepts a good bundle and returns its articles as given', async () => {
    const articles = [article(1), article(2), ...seeds];
    const out = await validateBundle(JSON.parse(serializeBundle(makeBundle(articles, AT))), 'corpus.json', { pause: noPause });
    expect(out.map((a) => a.id).sort()).toEqual(articles.map((a) => a.id).sort());
    expect(out.find((a) => a.id === 'a-1')).toEqual(article(1));
  });

  it.each([
    ['a wrong version', bundle([], { version: 2 }), 'version', /expected 1/],
    ['a missing version', { format: 'crosscheck-corpus', exportedAt: AT.toISOString(), articles: [] }, 'version', /expected 1/],
    ['another kind of JSON file', { hello: 'world' }, 'format', /expected "crosscheck-corpus"/],
    ['a wrong format even with a wrong version', bundle([], { format: 'other', version: 9 }), 'format', /crosscheck-corpus/],
    ['a bad export time', bundle([], { exportedAt: 'yesterday' }), 'exportedAt', /ISO date/],
    ['articles that are not a list', bundle([], { articles: {} }), 'articles', /array/],
  ])('refuses %s, naming the field', async (_what, json, path, message) => {
    const error = await failure(validateBundle(json, 'corpus.json'));
    expect(error.file).toBe('corpus.json');
    expect(error.path).toBe(path);
    expect(error.reason).toMatch(message);
    expect(error.message).toBe(`corpus.json: ${path}: ${error.reason}`);
  });

  it('refuses a file that is not an object at all', async () => {
    expect((await failure(validateBundle([1, 2], 'list.json'))).path).toBe('(root)');
    expect((await failure(validateBundle(null, 'null.json'))).message).toMatch(/^null\.json: \(root\): expected a crosscheck corpus bundle/);
  });

  it('names the article and field of a bad URL, as the reader needs to find it', async () => {
    const articles = [article(0), article(1), article(2), { ...article(3), url: 'javascript:alert(1)' }];
    const error = await failure(validateBundle(bundle(articles), 'corpus.json', { pause: noPause }));
    expect(error.message).toBe('corpus.json: articles.3.url: expected an http(s) URL');
  });

  it('names missing fields and wrong types', async () => {
    const { outlet: _outlet, ...noOutlet } = article(0);
    expect((await failure(validateBundle(bundle([noOutlet]), 'c.json'))).path).toBe('articles.0.outlet');
    expect((await failure(validateBundle(bundle([article(0), { ...article(1), blocks: 'text' }]), 'c.json'))).path).toBe('articles.1.blocks');
    expect((await failure(validateBundle(bundle([{ ...article(0), addedAt: -1 }]), 'c.json'))).path).toBe('articles.0.addedAt');
    expect((await failure(validateBundle(bundle([{ ...article(0), origin: 'stolen' }]), 'c.json'))).path).toBe('articles.0.origin');
    expect((await failure(validateBundle(bundle([{ ...article(0), blocks: [{ kind: 'quote', text: 'x' }] }]), 'c.json'))).path).toBe('articles.0.blocks.0.kind');
    expect((await failure(validateBundle(bundle([{ ...article(0), publishedAt: { from: '7 Oct', to: '2025-10-07', source: 'meta', evidence: '' } }]), 'c.json'))).path).toBe(
      'articles.0.publishedAt.from',
    );
    expect((await failure(validateBundle(bundle(['just text']), 'c.json'))).path).toBe('articles.0');
  });

  it('counts further problems in the same article', async () => {
    const error = await failure(validateBundle(bundle([{ ...article(0), url: 'ftp://x', outlet: '' }]), 'c.json'));
    expect(error.reason).toMatch(/and 1 more problem in this article/);
  });

  it('refuses duplicate ids inside one bundle, naming both places', async () => {
    const error = await failure(validateBundle(bundle([article(0), article(1), article(0)]), 'dupes.json', { pause: noPause }));
    expect(error.message).toBe('dupes.json: articles.2.id: duplicate id "a-0" (also articles.0.id)');
  });

  it('refuses the same id in two files of one import', () => {
    expect(() =>
      checkUniqueAcrossFiles([
        { file: 'one.json', articles: [article(1)] },
        { file: 'page.txt', articles: [article(1)], paths: ['id'] },
      ]),
    ).toThrow('page.txt: id: duplicate id "a-1" (also in one.json: articles.0.id)');
  });

  it('validates in chunks, reporting progress and yielding between them', async () => {
    const articles = Array.from({ length: 250 }, (_, i) => article(i));
    const progress: Array<[number, number]> = [];
    let pauses = 0;
    const out = await validateBundle(bundle(articles), 'big.json', {
      chunkSize: 100,
      onProgress: (done, total) => progress.push([done, total]),
      pause: async () => void pauses++,
    });
    expect(out).toHaveLength(250);
    expect(progress).toEqual([
      [0, 250],
      [100, 250],
      [200, 250],
      [250, 250],
    ]);
    expect(pauses).toBe(2);
  });

  it('says when a file is not JSON', () => {
    expect(() => parseJsonFile('{"format": ', 'half.json')).toThrow(/^half\.json: \(file\): not valid JSON/);
    expect(parseJsonFile('\uFEFF{"a":1}', 'bom.json')).toEqual({ a: 1 });
  });
});

describe('articles from text', () => {
  it('derives a stable id from the URL, ignoring the fragment', () => {
    const id = articleIdForUrl('https://www.example.org/news/1?x=2#comments');
    expect(id).toBe(articleIdForUrl('https://www.example.org/news/1?x=2'));
    expect(id).toMatch(/^example\.org-[0-9a-f]{16}$/);
    expect(id).not.toBe(articleIdForUrl('https://www.example.org/news/2'));
  });

  it('builds an Article with the outlet from the site name, else the host', () => {
    const text = { ...article(1), siteName: null };
    const a = articleFromText(text, { origin: 'added', addedAt: 5, file: 'page' });
    expect(a.outlet).toBe('example.org');
    expect(a.origin).toBe('added');
    expect(a.id).toBe(articleIdForUrl(text.url));
    expect(articleFromText(article(1), { origin: 'added', addedAt: 5, file: 'page' }).outlet).toBe('Example News');
  });

  it('names the file when there is no text or no usable address', () => {
    expect(() => articleFromText({ ...article(1), blocks: [] }, { origin: 'imported', addedAt: 1, file: 'empty.txt' })).toThrow('empty.txt: blocks: no article text found');
    expect(() => articleFromText({ ...article(1), url: 'file:///tmp/x.html' }, { origin: 'imported', addedAt: 1, file: 'x.html' })).toThrow(
      'x.html: url: expected an http(s) URL',
    );
  });

  it('gives loose files a placeholder address that can never resolve', () => {
    const url = placeholderUrl('my notes.txt');
    expect(isPlaceholderUrl(url)).toBe(true);
    expect(new URL(url).hostname.endsWith('.invalid')).toBe(true);
    expect(articleFromText({ ...article(1), url, siteName: null }, { origin: 'imported', addedAt: 1, file: 'my notes.txt' }).outlet).toBe('local file');
  });
});

describe('importing into the database', () => {
  it('is all or nothing: a bad article at the end means nothing is written', async () => {
    const db = freshDb();
    await seedDatabase(db, seeds);
    const articles = [...Array.from({ length: 30 }, (_, i) => article(i)), { ...article(30), url: 'not a url' }];
    let written = false;
    try {
      const valid = await validateBundle(bundle(articles), 'corpus.json', { pause: noPause });
      await importArticles(db, valid);
      written = true;
    } catch (error) {
      expect((error as Error).message).toBe('corpus.json: articles.30.url: expected an http(s) URL');
    }
    expect(written).toBe(false);
    expect(await db.articles.count()).toBe(seeds.length);
  });

  it('rolls the whole transaction back when a write fails part-way', async () => {
    const db = freshDb();
    await seedDatabase(db, seeds);
    // An id IndexedDB cannot store as a key fails inside bulkPut, after the good rows were queued.
    const bad = { ...article(2), id: { not: 'a key' } } as unknown as Article;
    await expect(importArticles(db, [article(0), article(1), bad])).rejects.toThrow();
    expect(await db.articles.count()).toBe(seeds.length);
    expect(await db.articles.get('a-0')).toBeUndefined();
  });

  it('stores imports with origin "imported" and leaves identical articles alone', async () => {
    const db = freshDb();
    await seedDatabase(db, seeds);
    const first = await importArticles(db, [{ ...article(1), origin: 'added' }, seeds[0]!]);
    expect(first.written.map((a) => a.id)).toEqual(['a-1']);
    expect(first.unchanged).toBe(1);
    expect((await db.articles.get('a-1'))?.origin).toBe('imported');
    expect((await db.articles.get(seeds[0]!.id))?.origin).toBe('seed');
    const changed = await importArticles(db, [{ ...article(1), title: 'Corrected title' }]);
    expect(changed.written).toHaveLength(1);
    expect((await db.articles.get('a-1'))?.title).toBe('Corrected title');
  });

  it('refuses, inside the write, an id stored meanwhile for another page, and writes nothing of that import', async () => {
    const db = freshDb();
    await seedDatabase(db, seeds);
    // Another import got there first: the same id now names a different page.
    await importArticles(db, [{ ...article(1), url: 'https://example.org/other-page' }]);
    const before = await db.articles.toArray();
    await expect(importArticles(db, [article(0), article(1)])).rejects.toThrow(/articles\.1\.id: id "a-1" is already in the corpus for another page/);
    expect(await db.articles.toArray()).toEqual(before);
  });

  it('round-trips: export, reset to seeds, import the export, export again: identical', async () => {
    const db = freshDb();
    await seedDatabase(db, seeds);
    await importArticles(db, Array.from({ length: 40 }, (_, i) => article(i)));
    const exported = serializeBundle(makeBundle(await db.articles.toArray(), AT));

    const reset = await resetToSeeds(db, seeds);
    expect(reset).toMatchObject({ removed: 40, total: seeds.length });

    const articles = await validateBundle(parseJsonFile(exported, 'export.json'), 'export.json', { pause: noPause });
    const result = await importArticles(db, articles);
    expect(result).toMatchObject({ unchanged: seeds.length, total: seeds.length + 40 });
    expect(serializeBundle(makeBundle(await db.articles.toArray(), AT))).toBe(exported);
  });

  it('reset to seeds brings back a deleted seed and removes what was added', async () => {
    const db = freshDb();
    await seedDatabase(db, seeds);
    await db.articles.put({ ...article(1), origin: 'added' });
    await deleteArticles(db, [seeds[2]!.id]);
    expect(await db.articles.count()).toBe(seeds.length);
    const result = await resetToSeeds(db, seeds);
    expect(result).toEqual({ removed: 1, restored: 1, total: seeds.length });
    expect((await db.articles.toArray()).map((a) => a.id).sort()).toEqual(seeds.map((s) => s.id).sort());
  });

  it('compares content, not origin or date', () => {
    expect(sameArticleContent(article(1), { ...article(1), origin: 'seed', addedAt: 0 })).toBe(true);
    expect(sameArticleContent(article(1), { ...article(1), title: 'Other' })).toBe(false);
  });
});

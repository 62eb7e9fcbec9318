import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { openDatabase, readSettings, seedDatabase } from '../../lib/db';
import { readSeedArticles } from '../../lib/corpus/seeds-node';
import type { Article } from '../../lib/schema';

const seeds = readSeedArticles(resolve(__dirname, '../../seeds'));
let n = 0;
const freshDb = () => openDatabase(`test-${Date.now()}-${n++}`);

const userArticle: Article = {
  id: 'user-1',
  url: 'https://example.org/a',
  outlet: 'example.org',
  title: 'Added by the reader',
  byline: null,
  siteName: null,
  language: 'en',
  blocks: [{ kind: 'paragraph', text: 'Some text.' }],
  furniture: [],
  publishedAt: null,
  citedSources: [],
  origin: 'added',
  addedAt: 1,
};

describe('database seeding', () => {
  it('seeds five articles, and seeding again adds none', async () => {
    const db = freshDb();
    expect(await seedDatabase(db, seeds)).toEqual({ added: 5, updated: 0 });
    expect(await seedDatabase(db, seeds)).toEqual({ added: 0, updated: 0 });
    expect(await db.articles.count()).toBe(5);
  });

  it('keeps what the user added across re-seeding', async () => {
    const db = freshDb();
    await seedDatabase(db, seeds);
    await db.articles.put(userArticle);
    await seedDatabase(db, seeds);
    expect(await db.articles.count()).toBe(6);
    expect((await db.articles.get('user-1'))?.title).toBe('Added by the reader');
  });

  it('replaces a seed whose text changed in an update, keeping its id and date added', async () => {
    const db = freshDb();
    await seedDatabase(db, seeds.map((s) => ({ ...s, addedAt: 42 })));
    const changed = seeds.map((s, i) => (i === 0 ? { ...s, title: 'Corrected headline' } : s));
    expect(await seedDatabase(db, changed)).toEqual({ added: 0, updated: 1 });
    const first = await db.articles.get(seeds[0]!.id);
    expect(first?.title).toBe('Corrected headline');
    expect(first?.addedAt).toBe(42);
  });

  it('reads default settings when none are stored, and ignores a malformed row', async () => {
    const db = freshDb();
    expect((await readSettings(db)).pausedSites).toEqual([]);
    await db.settings.put({ key: 'settings', value: { pausedSites: 'not-a-list' } });
    expect((await readSettings(db)).minConfidence).toBe(0.5);
  });
});

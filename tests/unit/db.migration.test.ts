/** A database written by an earlier release opens under the current schema with nothing lost. */
import Dexie from 'dexie';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeedArticles } from '../../lib/corpus/seeds-node';
import { openDatabase, readSettings, seedDatabase } from '../../lib/db';
import type { Article } from '../../lib/schema';

const seeds = readSeedArticles(resolve(__dirname, '../../seeds'));

const userArticle: Article = {
  id: 'added-1',
  url: 'https://example.org/2025/10/08/talks',
  outlet: 'example.org',
  title: 'A page the reader added',
  byline: 'By A Reporter',
  siteName: 'Example',
  language: 'en',
  blocks: [{ kind: 'paragraph', text: 'Talks resumed on Wednesday.' }],
  furniture: [],
  publishedAt: { from: '2025-10-08', to: '2025-10-08', source: 'meta', evidence: 'meta article:published_time' },
  citedSources: [],
  origin: 'added',
  addedAt: 1_700_000_000_000,
};

describe('schema upgrades', () => {
  it('opens a version-1 database with its articles and settings intact, and seeding adds nothing twice', async () => {
    const name = `migration-${Date.now()}`;
    // The first release's schema, exactly as it shipped: articles and settings only.
    const v1 = new Dexie(name);
    v1.version(1).stores({ articles: 'id, url, outlet, origin, addedAt', settings: 'key' });
    await v1.table('articles').bulkPut([...seeds, userArticle]);
    await v1.table('settings').put({ key: 'settings', value: { pausedSites: ['example.com'], minConfidence: 0.7 } });
    v1.close();

    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThan(1);
    expect(await db.articles.count()).toBe(6);
    expect(await db.articles.get('added-1')).toEqual(userArticle);
    const settings = await readSettings(db);
    expect(settings.pausedSites).toEqual(['example.com']);
    expect(settings.minConfidence).toBe(0.7);
    // Tables added by later versions exist and start empty.
    expect(await db.meta.count()).toBe(0);
    expect(await seedDatabase(db, seeds)).toEqual({ added: 0, updated: 0 });
    expect(await db.articles.count()).toBe(6);
    db.close();
  });
});

/**
 * Keep what I read: which pages count as reports, which read reports the cap
 * lets go (oldest first, read reports only), and the database writes that
 * keep, cap and forget them in one transaction each.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pastCap, readsAsReport, whyNotKept, type KeepAsk } from '../../lib/corpus/reading';
import { readSeedArticles } from '../../lib/corpus/seeds-node';
import { enforceReadCap, forgetRead, importArticles, keepReadReport, openDatabase, seedDatabase } from '../../lib/db';
import type { Article, Block } from '../../lib/schema';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-03T12:00:00Z');
const seeds = readSeedArticles(resolve(__dirname, '../../seeds'));
let n = 0;
const freshDb = () => openDatabase(`reading-${Date.now()}-${n++}`);

const prose = (words: number, w = 'word') => Array.from({ length: words }, (_, i) => `${w}${i}`).join(' ');
const para = (words: number): Block => ({ kind: 'paragraph', text: prose(words) });

describe('readsAsReport', () => {
  it.each([
    ['three paragraphs of 60 words', [para(60), para(60), para(60)], true],
    ['wire-style short paragraphs', [para(14), para(19), para(25), para(22), para(30)], true],
    ['a long report', [{ kind: 'heading', text: 'Talks resume in Halvern' } as Block, ...Array.from({ length: 8 }, () => para(40))], true],
    ['two paragraphs, however long', [para(200), para(200)], false],
    ['many short lines (a section front, a menu)', Array.from({ length: 30 }, () => para(8)), false],
    ['a sign-in form', [para(6), para(4)], false],
    ['headings and list items only', [{ kind: 'heading', text: prose(30) } as Block, { kind: 'list-item', text: prose(40) } as Block, { kind: 'list-item', text: prose(40) } as Block, { kind: 'list-item', text: prose(40) } as Block], false],
  ])('%s → %s', (_label, blocks, expected) => {
    expect(readsAsReport({ blocks })).toBe(expected);
  });
});

describe('whyNotKept', () => {
  const page = { url: 'https://news.example/story#comments', blocks: [para(60), para(60), para(60)] };
  const ok: KeepAsk = { keepRead: true, incognito: false, paused: false, url: 'https://news.example/story', page, analysed: true, inCorpus: false };
  it.each<[string, Partial<KeepAsk>, string | null]>([
    ['a report read with the setting on', {}, null],
    ['the setting off', { keepRead: false }, 'Keep what I read is off'],
    ['a private window', { incognito: true }, 'a private window'],
    ['a paused site', { paused: true }, 'a paused site'],
    ['nothing extracted from the tab', { page: undefined }, 'no article was read from this page'],
    ['extracted but never analysed', { analysed: false }, 'no article was read from this page'],
    ['the tab has since moved to another page', { url: 'https://news.example/other' }, 'no article was read from this page'],
    ['a page that is not a report', { page: { ...page, blocks: [para(10), para(10)] } }, 'not a news report'],
    ['a report already in the corpus', { inCorpus: true }, 'already in your corpus'],
  ])('%s', (_label, change, reason) => {
    expect(whyNotKept({ ...ok, ...change })).toBe(reason);
  });
});

describe('pastCap', () => {
  const read = [
    { id: 'a', addedAt: NOW - 1 * DAY },
    { id: 'b', addedAt: NOW - 10 * DAY },
    { id: 'c', addedAt: NOW - 40 * DAY },
    { id: 'd', addedAt: NOW - 400 * DAY },
  ];
  it.each([
    ['within both limits', { readCapCount: 10, readCapDays: 1000 }, []],
    ['over the count: the oldest go', { readCapCount: 2, readCapDays: 1000 }, ['c', 'd']],
    ['over the age', { readCapCount: 10, readCapDays: 30 }, ['c', 'd']],
    ['both at once', { readCapCount: 1, readCapDays: 30 }, ['b', 'c', 'd']],
  ])('%s', (_label, cap, gone) => {
    expect(pastCap(read, cap, NOW).sort()).toEqual(gone);
  });
});

function readArticle(i: number, addedAt = NOW): Article {
  return {
    id: `read-${i}`,
    url: `https://news.example/story-${i}`,
    outlet: 'news.example',
    title: `Story ${i}`,
    byline: null,
    siteName: null,
    language: 'en',
    blocks: [para(60), para(60), para(60)],
    furniture: [],
    publishedAt: null,
    citedSources: [],
    origin: 'read',
    addedAt,
  };
}

describe('keeping, capping and forgetting read reports', () => {
  it('keeps a read report, and not twice under the same address', async () => {
    const db = freshDb();
    await seedDatabase(db, seeds);
    const cap = { readCapCount: 10, readCapDays: 30 };
    const first = await keepReadReport(db, readArticle(1), cap, NOW);
    expect(first.kept?.origin).toBe('read');
    const again = await keepReadReport(db, { ...readArticle(1), id: 'another-id' }, cap, NOW + 1000);
    expect(again.reason).toBe('read again');
    expect(await db.articles.where('origin').equals('read').count()).toBe(1);
    expect((await db.articles.get('read-1'))?.addedAt).toBe(NOW + 1000);
  });

  it('never stores a page already in the corpus by another origin', async () => {
    const db = freshDb();
    await seedDatabase(db, seeds);
    const seed = seeds[0]!;
    const result = await keepReadReport(db, { ...readArticle(9), url: seed.url }, { readCapCount: 10, readCapDays: 30 }, NOW);
    expect(result).toEqual({ kept: null, reason: 'already in your corpus', removed: [] });
    expect((await db.articles.get(seed.id))?.origin).toBe('seed');
  });

  it('past the cap removes the oldest read report and no seed, added or imported one', async () => {
    const db = freshDb();
    await seedDatabase(db, seeds);
    await importArticles(db, [{ ...readArticle(100, NOW - 900 * DAY), id: 'imp-1', url: 'https://elsewhere.example/x', origin: 'imported' }]);
    const cap = { readCapCount: 2, readCapDays: 30 };
    await keepReadReport(db, readArticle(1), cap, NOW - 3000);
    await keepReadReport(db, readArticle(2), cap, NOW - 2000);
    const third = await keepReadReport(db, readArticle(3), cap, NOW);
    expect(third.removed).toEqual(['read-1']);
    const ids = (await db.articles.toArray()).map((a) => a.id).sort();
    expect(ids).toEqual([...seeds.map((s) => s.id), 'imp-1', 'read-2', 'read-3'].sort());
  });

  it('a lowered cap applies at once', async () => {
    const db = freshDb();
    for (let i = 1; i <= 5; i++) await keepReadReport(db, readArticle(i), { readCapCount: 100, readCapDays: 365 }, NOW - (10 - i) * DAY);
    expect((await enforceReadCap(db, { readCapCount: 100, readCapDays: 7 }, NOW)).sort()).toEqual(['read-1', 'read-2']);
    expect(await db.articles.count()).toBe(3);
  });

  it('delete everything I read removes read reports only', async () => {
    const db = freshDb();
    await seedDatabase(db, seeds);
    for (let i = 1; i <= 3; i++) await keepReadReport(db, readArticle(i), { readCapCount: 100, readCapDays: 365 }, NOW);
    expect((await forgetRead(db)).sort()).toEqual(['read-1', 'read-2', 'read-3']);
    expect((await db.articles.toArray()).map((a) => a.origin)).toEqual(seeds.map(() => 'seed'));
  });
});

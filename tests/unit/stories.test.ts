/**
 * A corpus grouped into stories: on reports invented for these tests (one
 * event told three times, the same words a year later, an unrelated report),
 * on hand-made comparison tables for what counts as disputed, and on the real
 * clusters of ../shared/clusters (skipped, saying so, when they are absent).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeedArticles } from '../../lib/corpus/seeds-node';
import { disputedFacts, groupStories } from '../../lib/corpus/stories';
import { Engine } from '../../lib/engine';
import { loadKnowledgeBase } from '../../lib/kb/index';
import type { Article, ComparisonTable } from '../../lib/schema';
import { CLUSTERS_DIR, readClusters } from '../../scripts/judge/clusters';

const kb = loadKnowledgeBase();
const seeds = readSeedArticles(join(resolve(__dirname, '../..'), 'seeds'));

function report(id: string, outlet: string, date: string | null, title: string | null, text: string): Article {
  return {
    id,
    url: `https://${outlet}/${id}`,
    title,
    byline: null,
    siteName: outlet,
    language: 'en',
    blocks: text.split('\n').map((t) => ({ kind: 'paragraph' as const, text: t })),
    furniture: [],
    publishedAt: date ? { from: date, to: date, source: 'meta', evidence: date } : null,
    outlet,
    citedSources: [],
    origin: 'imported',
    addedAt: 0,
  };
}

const flood = (deaths: string) =>
  [
    `Floodwaters swept through the river town of Halvern on Tuesday, killing ${deaths} people and forcing 3,400 residents from their homes, regional officials said.`,
    'Mayor Mara Quell said the Ostrava Dam spillway had opened at dawn after three days of rain over the Brennick Hills.',
    'Rescue teams from the Halvern Fire Brigade pulled 212 people from flooded houses along the Tessel River, according to Quell.',
    'The Norland Weather Service said 180 millimetres of rain had fallen in 48 hours, the most since records began in 1911.',
  ].join('\n');

const invented = [
  report('flood-a', 'halvern-courier.example', '2031-04-15', 'Floods kill 14 in Halvern as dam spillway opens', flood('14')),
  // Nearly the same words: the index takes it for a copy of flood-a, so the two are linked only through flood-c.
  report('flood-b', 'norland-wire.example', '2031-04-15', 'Halvern flood: 14 dead', flood('14').replace('regional officials said', 'officials told reporters')),
  report('flood-c', 'river-times.example', '2031-04-16', 'Deadly flood hits Halvern', flood('41')),
  report('flood-later', 'halvern-courier.example', '2032-04-15', 'A year after the Halvern flood', flood('14')),
  report(
    'budget',
    'capital-post.example',
    '2031-04-15',
    'Parliament passes the Norland budget',
    [
      "Norland's parliament passed the 2032 budget on Tuesday by 88 votes to 61 after a debate of eleven hours.",
      'Finance Minister Teodor Brask said spending on schools would rise by 4 percent while defence would stay flat.',
      "The opposition Farmers' League voted against, saying fuel duties would hurt rural households.",
    ].join('\n'),
  ),
];

describe('groupStories on invented reports', () => {
  const stories = groupStories(kb, invented);

  it('joins the reports of one event, and keeps the same words a year later and an unrelated report apart', () => {
    expect(stories.map((s) => s.reports.map((r) => r.id))).toEqual([['flood-a', 'flood-b', 'flood-c'], ['flood-later'], ['budget']]);
  });

  it('joins a report to its story through another when the engine pairs it with only one of them', () => {
    const engine = new Engine(kb, invented);
    expect(engine.sameEventMatches('flood-b').matches.map((m) => m.articleId)).not.toContain('flood-a');
    expect(groupStories(engine)[0]!.reports.map((r) => r.id)).toContain('flood-b');
  });

  it('joins the same report stored twice under two addresses, which the engine compares with nothing', () => {
    const copy = { ...invented[0]!, id: 'flood-a-again', url: 'https://mirror.example/flood-a', publishedAt: null };
    const engine = new Engine(kb, [invented[0]!, copy]);
    expect(engine.sameEventMatches(copy.id)).toEqual({ copyOf: 'flood-a', matches: [] });
    expect(groupStories(engine).map((s) => s.reports.length)).toEqual([2]);
  });

  it('gives each story a headline, its reports with outlet, address and date, and the days they agree on', () => {
    const [story] = stories;
    expect(story!.title).toBe('Floods kill 14 in Halvern as dam spillway opens');
    expect(story!.reports[2]).toEqual({ id: 'flood-c', outlet: 'river-times.example', url: 'https://river-times.example/flood-c', title: 'Deadly flood hits Halvern', date: '2031-04-16' });
    expect(story!.dates).toEqual({ from: '2031-04-15', to: '2031-04-15' });
  });

  it('counts the toll one report gives otherwise as a disputed fact, and none for a story of one report', () => {
    expect(stories[0]!.disputedFacts).toBe(1);
    expect(stories[0]!.disputed[0]!.fact).toMatch(/^slot:count:.*killing/);
    expect(stories.slice(1).map((s) => s.disputedFacts)).toEqual([0, 0]);
    const agreeing = groupStories(kb, invented.filter((a) => a.id !== 'flood-c').concat(report('flood-d', 'river-times.example', '2031-04-16', 'Deadly flood hits Halvern', flood('14').replace('Tuesday', 'Tuesday morning'))));
    expect(agreeing[0]!.reports.length).toBe(3);
    expect(agreeing[0]!.disputedFacts).toBe(0);
  });

  it('is deterministic: the same stories and ids whatever the order of the articles; ids follow the members', () => {
    const again = groupStories(kb, [...invented].reverse());
    expect(again).toEqual(stories);
    const fewer = groupStories(kb, invented.filter((a) => a.id !== 'flood-c'));
    expect(fewer.map((s) => s.id)).not.toContain(stories[0]!.id);
    expect(fewer.find((s) => s.reports.some((r) => r.id === 'budget'))!.id).toBe(stories[2]!.id);
  });

  it('orders stories largest first, then the most recent first', () => {
    expect(stories.map((s) => s.reports.length)).toEqual([3, 1, 1]);
    // Both singletons have one report; the one dated a year later comes first.
    expect(stories[1]!.dates!.to > stories[2]!.dates!.to).toBe(true);
  });

  it('groups a subset of what the engine holds, and refuses an article it does not hold', () => {
    const engine = new Engine(kb, invented);
    const subset = (ids: string[]) => groupStories(engine, invented.filter((a) => ids.includes(a.id)), { disputes: false }).map((s) => s.reports.map((r) => r.id));
    expect(subset(['flood-a', 'flood-b'])).toEqual([['flood-a', 'flood-b']]);
    expect(subset(['flood-b', 'flood-later', 'budget']).map((ids) => ids.length)).toEqual([1, 1, 1]);
    expect(() => groupStories(engine, [report('elsewhere', 'x.example', null, null, 'Words.')])).toThrow(/holds no article "elsewhere"/);
  });

  it('the seeds are one story', () => {
    const s = groupStories(kb, seeds, { disputes: false });
    expect(s.length).toBe(1);
    expect(s[0]!.reports.length).toBe(seeds.length);
  });
});

describe('disputedFacts: what the stances of a comparison row say', () => {
  const cell = (stance: 'agree' | 'conflict' | 'unknown' | 'not-mentioned', value: string | null = stance === 'not-mentioned' ? null : 'x') => ({ value, stance, quote: null });
  const table = (rows: Array<{ fact: string; cells: Record<string, ReturnType<typeof cell>> }>): ComparisonTable => ({
    columns: [],
    rows: rows.map((r) => ({ ...r, label: r.fact })),
  });
  const members = new Set(['r1', 'r2']);

  it('a report that gives another value than the analysed one: disputed', () => {
    expect(disputedFacts(table([{ fact: 'venue', cells: { page: cell('unknown'), r1: cell('agree'), r2: cell('conflict'), kb: cell('not-mentioned') } }]), members)).toEqual([{ fact: 'venue', label: 'venue' }]);
  });

  it('against the record, only reports that split dispute each other', () => {
    const split = { page: cell('agree'), r1: cell('conflict'), r2: cell('agree'), kb: cell('agree', 'Mara Quell') };
    const allWrong = { page: cell('conflict'), r1: cell('conflict'), r2: cell('conflict'), kb: cell('agree', 'Mara Quell') };
    expect(disputedFacts(table([{ fact: 'office:a', cells: split }, { fact: 'office:b', cells: allWrong }]), members).map((d) => d.fact)).toEqual(['office:a']);
  });

  it('a row the analysed report says nothing of decides nothing, and columns of other stories do not count', () => {
    expect(disputedFacts(table([{ fact: 'venue', cells: { page: cell('not-mentioned'), r1: cell('unknown'), r2: cell('unknown'), kb: cell('not-mentioned') } }]), members)).toEqual([]);
    expect(disputedFacts(table([{ fact: 'venue', cells: { page: cell('unknown'), r1: cell('agree'), other: cell('conflict'), kb: cell('not-mentioned') } }]), members)).toEqual([]);
  });
});

describe.skipIf(!existsSync(CLUSTERS_DIR))(`groupStories on ${CLUSTERS_DIR} (skipped when it is absent)`, () => {
  it('puts each cluster in one story of its own, and the seeds in another', () => {
    const sets = readClusters();
    const articles = [...seeds, ...sets.flatMap((c) => c.reports.map((r) => r.article))];
    const stories = groupStories(kb, articles, { disputes: false });
    const clusterOf = (id: string) => (id.includes('/') ? id.split('/')[0]! : 'seeds');
    const got = stories.map((s) => [...new Set(s.reports.map((r) => clusterOf(r.id)))]);
    expect(got.every((c) => c.length === 1), JSON.stringify(got)).toBe(true);
    expect(got.map((c) => c[0]).sort()).toEqual([...sets.map((c) => c.cluster), 'seeds'].sort());
    for (const s of stories) expect(s.reports.length).toBe(clusterOf(s.reports[0]!.id) === 'seeds' ? seeds.length : sets.find((c) => c.cluster === clusterOf(s.reports[0]!.id))!.reports.length);
    for (const s of stories) {
      expect(s.dates, s.id).not.toBeNull();
      if (s.reports.some((r) => r.title)) expect(s.title, s.id).toBeTruthy();
    }
  }, 60_000);
});

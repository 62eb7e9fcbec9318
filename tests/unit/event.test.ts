/**
 * Same story means same event: the time-aware decision, the story's agreed
 * date, dating from a page's own lines, and sources weighed by their record —
 * each on pages made for it (the same report moved in time, a report that
 * names only the topic, a confirmed claim against many refuted reports).
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consensusWindow, eventRelation } from '../../lib/corpus/event';
import { readSeedArticles } from '../../lib/corpus/seeds-node';
import { sharedSpecifics, specificsOf } from '../../lib/corpus/specifics';
import { datelineOf } from '../../lib/compare/dating';
import { Engine } from '../../lib/engine';
import { loadKnowledgeBase } from '../../lib/kb/index';
import type { Article, ArticleText, DatedAs } from '../../lib/schema';

const kb = loadKnowledgeBase();
const seeds = readSeedArticles(join(resolve(__dirname, '../..'), 'seeds'));
const engine = new Engine(kb, seeds);
const seed = (p: string) => seeds.find((s) => s.id.startsWith(p))!;
const on = (d: string): DatedAs => ({ from: d, to: d, source: 'meta', evidence: d });

function page(text: string, date: string | null, url = 'https://news.example/story'): ArticleText {
  return {
    url,
    title: null,
    byline: 'By A Reporter',
    siteName: 'news.example',
    language: 'en',
    blocks: text.split('\n').map((t) => ({ kind: 'paragraph' as const, text: t })),
    furniture: [],
    publishedAt: date ? on(date) : null,
  };
}

describe('eventRelation', () => {
  const w = (from: string, to = from) => ({ from, to });
  const none = { figures: 0, names: 0, fullNames: 0 };
  const rewritten = { figures: 3, names: 3, fullNames: 0 };
  it.each([
    ['alike, dated the same day', 0.9, w('2025-10-08'), w('2025-10-08'), none, 'same-event'],
    ['alike, a year apart', 0.99, w('2025-10-08'), w('2024-10-08'), none, 'related'],
    ['alike, three weeks apart', 0.9, w('2025-10-08'), w('2025-10-29'), none, 'related'],
    ['unlike, a year apart', 0.1, w('2025-10-08'), w('2024-10-08'), none, 'unrelated'],
    ['little alike, a day apart', 0.25, w('2025-10-08'), w('2025-10-09'), none, 'same-event'],
    ['little alike, a week apart', 0.25, w('2025-10-08'), w('2025-10-15'), none, 'unrelated'],
    ['rewritten copy: figures and names shared, a day apart', 0.07, w('2025-10-08'), w('2025-10-09'), rewritten, 'same-event'],
    ['figures and names shared, but a week apart', 0.07, w('2025-10-08'), w('2025-10-15'), rewritten, 'unrelated'],
    ['undated, alike, with a full name in common', 0.8, null, w('2025-10-08'), { figures: 0, names: 2, fullNames: 1 }, 'same-event'],
    ['undated, alike in the topic only', 0.8, null, w('2025-10-08'), { figures: 0, names: 2, fullNames: 0 }, 'unrelated'],
    ['a week apart, alike in the topic only', 0.8, w('2025-10-01'), w('2025-10-08'), { figures: 0, names: 2, fullNames: 0 }, 'unrelated'],
  ] as const)('%s', (_what, score, a, b, shared, relation) => {
    expect(eventRelation(score, a, b, shared).relation).toBe(relation);
  });

  it('says why a related report was left out', () => {
    expect(eventRelation(0.99, w('2025-10-08'), w('2021-05-20')).why).toMatch(/4 years apart: another event/);
  });
});

describe('consensusWindow', () => {
  it.each([
    ['a day narrows a season', [{ from: '2025-07-09', to: '2026-01-05' }, { from: '2025-10-04', to: '2025-10-10' }], { from: '2025-10-04', to: '2025-10-10' }],
    ['overlapping weeks agree on their overlap', [{ from: '2025-10-01', to: '2025-10-10' }, { from: '2025-10-08', to: '2025-10-20' }], { from: '2025-10-08', to: '2025-10-10' }],
    ['an outlier is left out', [{ from: '2025-10-04', to: '2025-10-10' }, { from: '2021-05-20', to: '2021-05-20' }, { from: '2025-10-05', to: '2025-10-06' }], { from: '2025-10-05', to: '2025-10-06' }],
    ['nothing to go on', [], null],
  ])('%s', (_what, windows, expected) => {
    expect(consensusWindow(windows)).toEqual(expected);
  });
});

describe('specifics', () => {
  it('reads figures whatever their spelling, and names inside sentences', () => {
    const s = specificsOf({ title: null, blocks: [{ text: 'Leave won by 17.4 million votes to 16,141,241. Prime Minister David Cameron spoke in Downing Street on Friday.' }] });
    expect([...s.figures]).toEqual(['17400000', '16100000']);
    expect([...s.fullNameEnds]).toEqual(expect.arrayContaining(['cameron', 'street']));
    expect(sharedSpecifics(s, specificsOf({ title: null, blocks: [{ text: 'The count was 17.4m to 16.1m, and Cameron said he would resign.' }] }))).toMatchObject({ figures: 2, fullNames: 1 });
  });

  it('a possessive ends a name, and a sentence’s first word is none', () => {
    const s = specificsOf({ title: null, blocks: [{ text: 'Officials said Gaza’s Hamas-run ministry counted them. Recent polls differ.' }] });
    expect([...s.names].sort()).toEqual(['gaza', 'hama']);
  });
});

describe('the same report moved in time', () => {
  const report = seed('001');
  const at = (d: string) => engine.analyse({ ...report, publishedAt: on(d) }, { excludeId: report.id });

  it('dated in the week of its story, it is compared with the other reports', () => {
    expect(at('2025-10-08').matched.length).toBe(4);
  });

  it('dated a year later, the same words are another event: related coverage, never compared', () => {
    const a = at('2026-10-08');
    expect(a.matched).toEqual([]);
    expect(a.related.map((r) => r.why)).toEqual(Array(4).fill('about the same subject, but dated 12 months apart: another event'));
    expect(a.table.columns.filter((c) => c.id !== 'page' && c.id !== 'kb')).toEqual([]);
    expect(a.findings.some((f) => f.kind === 'disputed' || f.kind === 'contradiction')).toBe(false);
  });
});

describe('a report that names only the topic', () => {
  const topic = [
    'Israel and Hamas are holding talks on a ceasefire in Gaza, with mediators pushing for the release of hostages.',
    'The war in Gaza has killed many people, and aid groups say the humanitarian situation is dire.',
    'Negotiators said the talks would continue.',
  ].join('\n');

  it('undated, it is matched to no story', () => {
    expect(engine.analyse(page(topic, null)).matched).toEqual([]);
  });

  it('dated a week from the story, it is not taken for it either', () => {
    expect(engine.analyse(page(topic, '2025-10-20')).matched).toEqual([]);
  });
});

describe('sources weighed by their own record', () => {
  const extra = (id: string, text: string, date: string): Article => ({
    ...page(text, date, `https://${id}.example/story`),
    id,
    url: `https://${id}.example/story`,
    outlet: `${id}.example`,
    citedSources: [],
    origin: 'imported',
    addedAt: 0,
  });
  const refuted = ['a', 'b', 'c'].map((id) =>
    extra(
      id,
      `US President Joe Biden said on Tuesday that negotiators from Egypt and Qatar would meet Hamas officials in Cairo with special envoy Steve Witkoff.\nThe talks on the Gaza ceasefire plan resume on Wednesday in the Egyptian capital.`,
      '2025-11-04',
    ),
  );
  const corpus = new Engine(kb, refuted);
  // Its own words (not a copy of theirs, which would be taken for one of them): the same event, the right president.
  const mine = page(
    'Mediators from Egypt and Qatar will sit down with Hamas officials in Cairo alongside special envoy Steve Witkoff, US President Donald Trump told reporters.\nThe Gaza ceasefire plan is back on the table as the Egyptian capital hosts the delegations again.',
    '2025-11-05',
  );

  it('a claim the record confirms on the page’s date is never disputed, however many reports say otherwise', () => {
    const a = corpus.analyse(mine);
    expect(a.matched.length).toBe(3);
    expect(a.findings.filter((f) => f.claim?.surface.includes('Donald Trump'))).toEqual([]);
  });

  it('each refuted report counts for little, and its column says why', () => {
    const a = corpus.analyse(
      page('Mediators from Egypt and Qatar will sit down with Hamas officials in Cairo alongside special envoy Steve Witkoff, US President Donald Trump told reporters.\nThe talks resume soon.', '2025-11-05'),
    );
    expect(a.matched.length).toBe(3);
    for (const c of a.table.columns.filter((x) => ['a', 'b', 'c'].includes(x.id))) expect(c.signals).toContain('1 of its claims conflicts with the record');
    for (const c of a.table.columns.filter((x) => ['a', 'b', 'c'].includes(x.id))) expect(c.weight).toBeLessThanOrEqual(0.1);
  });

  it('beside their word in a finding’s evidence, the reader is told why it counted for little', () => {
    const a = corpus.analyse(
      page('Mediators from Egypt and Qatar will sit down with Hamas officials in Cairo alongside special envoy Steve Witkoff, President Kamala Harris told reporters.\nThe talks resume soon.', '2025-11-05'),
    );
    const f = a.findings.find((x) => x.kind === 'knowledge-conflict' && x.claim?.surface.includes('Harris'))!;
    const fromReports = f.evidence.filter((e) => ['a', 'b', 'c'].includes(e.article));
    expect(fromReports.length).toBe(3);
    for (const e of fromReports) expect(e.note).toBe('Counted for little: 1 of its claims conflicts with the record.');
    expect(f.evidence.find((e) => e.article === 'kb')?.note).toBeNull();
  });
});

describe('dating from the page’s own lines', () => {
  it.each([
    ['a date line', ['Kerry heads for NATO talks', 'April 1, 2014', 'US Secretary of State John Kerry said…'], { from: '2014-04-01', to: '2014-04-03' }],
    ['with its time', ['18 March 2025, 05:10'], { from: '2025-03-18', to: '2025-03-20' }],
    ['abbreviated', ['Jun. 22, 2025 • 2 min read'], { from: '2025-06-22', to: '2025-06-24' }],
    ['a site’s own date beside the article’s: the window spans both', ['Tuesday, September 26, 2023', 'Logo', 'Tuesday, October 10, 2017'], { from: '2017-10-10', to: '2023-09-28' }],
    ['a date inside a sentence tells what the sentence tells, not when the page was written', ['On October 7, 2023, Hamas militants attacked southern Israel and killed about 1,200 people, the deadliest day in its history.'], null],
  ])('%s', (_what, lines, expected) => {
    const d = datelineOf(lines);
    expect(d ? { from: d.from, to: d.to } : null).toEqual(expected);
  });

  it('an undated page whose claims fit another period says so once, never at high severity', () => {
    const a = engine.analyse(page('Secretary of State John Kerry met Israeli Prime Minister Benjamin Netanyahu as talks with Hamas in Cairo went on, with Egyptian mediators and Steve Witkoff.\nKerry said the ceasefire talks in Cairo would resume.\nSecretary of State John Kerry later left Cairo.', null));
    const conflicts = a.findings.filter((f) => f.kind !== 'provenance');
    expect(conflicts.every((f) => f.severity !== 'high')).toBe(true);
    expect(conflicts.filter((f) => /probably an older report/.test(f.explanation)).length).toBeLessThanOrEqual(1);
  });
});

describe('a report of the event told from another angle', () => {
  // Two reports tell the breach and the rescue; the page tells only the breach, the third report only the rescue.
  const breach = [
    'The Kelvar dam on the Morrow river gave way before dawn on Sunday, sending a wall of water through three valley towns.',
    'Engineers had warned for months that cracks in the spillway of the ageing dam were widening after heavy autumn rain.',
  ];
  const rescue = [
    'Floodwater from the broken Kelvar dam still covered the valley road on Monday.',
    'Rescue crews in orange boats pulled 212 stranded residents from rooftops in Hallin and Brevik by nightfall.',
    'Volunteers set up a shelter in the Brevik sports hall, where families waited for news of relatives still missing.',
  ];
  const report = (id: string, paras: string[], date: string): Article => ({
    ...page(paras.join('\n'), date, `https://${id}.example/news`),
    id,
    siteName: id,
    outlet: id,
    citedSources: [],
    origin: 'imported',
    addedAt: 0,
  });
  const both = [report('wire', [...breach, ...rescue], '2026-03-01'), report('daily', [breach[0]!, ...rescue, breach[1]!], '2026-03-01')];
  const matchedBy = (corpus: Article[]) => new Engine(kb, corpus).analyse(page(breach.join('\n'), '2026-03-01')).matched.map((m) => m.articleId).sort();

  it('joins the story when two of the page’s matched reports tell one event with it', () => {
    expect(matchedBy([...both, report('rescue', rescue, '2026-03-02')])).toEqual(['daily', 'rescue', 'wire']);
  });

  it('stays out when only one matched report could vouch for it', () => {
    expect(matchedBy([both[0]!, report('rescue', rescue, '2026-03-02')])).toEqual(['wire']);
  });

  it('stays out when it is dated more than a few days from the page, however its story’s reports tell it', () => {
    expect(matchedBy([...both, report('rescue', rescue, '2026-03-09')])).toEqual(['daily', 'wire']);
  });
});

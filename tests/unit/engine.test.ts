/**
 * The engine on the seed corpus, each seed analysed against the other four,
 * on real unrelated pages, and on articles written for these tests with other
 * office holders and dates (so no rule can pass by knowing the seeds).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSeedArticles } from '../../lib/corpus/seeds-node';
import { Engine } from '../../lib/engine';
import { extractFromHtml } from '../../lib/extract/html-node';
import { parsePlainText } from '../../lib/extract/plain-text';
import { loadKnowledgeBase } from '../../lib/kb/index';
import type { Analysis, Article, Finding } from '../../lib/schema';

const root = resolve(__dirname, '../..');
const seeds = readSeedArticles(join(root, 'seeds'));
const kb = loadKnowledgeBase();
const engine = new Engine(kb, seeds);

const seedById = (prefix: string): Article => seeds.find((s) => s.id.startsWith(prefix))!;
const analyseSeed = (prefix: string): Analysis => {
  const seed = seedById(prefix);
  return engine.analyse(seed, { excludeId: seed.id });
};
const on = (a: Analysis, words: string): Finding[] => a.findings.filter((f) => f.sentence.text.includes(words));
const kinds = (fs: Finding[]) => fs.map((f) => f.kind);
const otherSeedEvidence = (f: Finding) => f.evidence.filter((e) => seeds.some((s) => s.id === e.article));

describe('each seed against the other four', () => {
  const results = new Map<string, Analysis>();
  beforeAll(() => {
    for (const p of ['000', '001', '002', '003', '004']) results.set(p, analyseSeed(p));
  });

  it('matches every seed to the other four and not to itself', () => {
    for (const [p, a] of results) {
      expect(a.self, p).toBeNull();
      expect(a.matched.map((m) => m.articleId).sort(), p).toEqual(seeds.filter((s) => !s.id.startsWith(p)).map((s) => s.id).sort());
    }
  });

  it('003: flags "President Harris" with evidence from the other reports', () => {
    const f = on(results.get('003')!, 'President Harris');
    expect(kinds(f).some((k) => k === 'knowledge-conflict' || k === 'contradiction')).toBe(true);
    const main = f.find((x) => x.kind === 'knowledge-conflict' || x.kind === 'contradiction')!;
    expect(otherSeedEvidence(main).length).toBeGreaterThanOrEqual(2);
    expect(main.explanation).toMatch(/Trump/);
  });

  it('003: flags the Egyptian intelligence chief as a knowledge conflict', () => {
    const f = on(results.get('003')!, 'Abbas Kamel');
    expect(kinds(f)).toContain('knowledge-conflict');
    const kbEvidence = f.find((x) => x.kind === 'knowledge-conflict')!.evidence.find((e) => e.article === 'kb');
    expect(kbEvidence?.value).toMatch(/Rashad/);
  });

  it('002: provenance on the AI byline, the leaked prompt and the audio widget', () => {
    const a = results.get('002')!;
    const prov = a.findings.filter((f) => f.kind === 'provenance');
    expect(prov.some((f) => f.claim?.signal === 'ai-author' && f.sentence.text.includes('AI Journalist'))).toBe(true);
    expect(prov.some((f) => f.claim?.signal === 'llm-prompt' && f.sentence.text.startsWith('"You are'))).toBe(true);
    expect(prov.some((f) => f.claim?.signal === 'tts-widget')).toBe(true);
  });

  it('002: flags "The Biden administration is dispatching", dated by its own anniversary cue', () => {
    const a = results.get('002')!;
    expect(a.publishedAt?.source).toBe('text-cue');
    expect(a.publishedAt?.evidence).toMatch(/second anniversary/);
    expect(a.publishedAt!.from <= '2025-10-07' && a.publishedAt!.to >= '2025-10-07').toBe(true);
    const f = on(a, 'The Biden administration is dispatching');
    expect(kinds(f)).toContain('knowledge-conflict');
  });

  it('000: flags "former President Donald Trump" and "The Biden administration has walked a tightrope"', () => {
    const a = results.get('000')!;
    expect(kinds(on(a, 'former President Donald Trump')).length).toBeGreaterThan(0);
    expect(kinds(on(a, 'The Biden administration has walked a tightrope'))).toContain('knowledge-conflict');
  });

  it('001: internal inconsistency between "former President" and "his administration" / "Trump-led"', () => {
    const a = results.get('001')!;
    const f = on(a, 'former President Donald Trump').filter((x) => x.kind === 'internal-inconsistency');
    expect(f.length).toBe(1);
    const quotes = f[0]!.evidence.map((e) => e.quote).join(' ');
    expect(quotes).toMatch(/his administration|Trump-led/);
    expect(f[0]!.evidence.every((e) => e.article === 'self')).toBe(true);
  });

  it('004: "President Joe Biden" is at least disputed, with the other sources’ values', () => {
    const f = on(results.get('004')!, 'President Joe Biden');
    expect(f.length).toBeGreaterThan(0);
    expect(['disputed', 'contradiction', 'knowledge-conflict']).toContain(f[0]!.kind);
    const values = otherSeedEvidence(f[0]!).map((e) => e.value);
    expect(values.some((v) => /Trump|Harris/.test(v))).toBe(true);
  });

  it('leaves alone what nothing contradicts: Egypt as mediator, hedged casualty figures', () => {
    for (const [p, words] of [
      ['000', 'Egypt has long served as a critical mediator'],
      ['003', 'Egypt continues to play a pivotal role'],
      ['002', 'Cairo has long served as the principal intermediary'],
      ['001', 'at least 67,160 people'],
      ['001', 'about 1,200 people'],
      ['001', 'Israeli Prime Minister Benjamin Netanyahu refrained'],
    ] as const) {
      expect(on(results.get(p)!, words), `${p}: ${words}`).toEqual([]);
    }
  });

  it('gives the comparison table a row for the US presidency with each source’s value and the record', () => {
    const a = results.get('003')!;
    const row = a.table.rows.find((r) => r.label === 'President of the United States');
    expect(row).toBeDefined();
    expect(row!.cells.page?.value).toMatch(/Harris/);
    expect(row!.cells.page?.stance).toBe('conflict');
    expect(row!.cells.kb?.value).toMatch(/Trump/);
    const sourceCells = a.matched.map((m) => row!.cells[m.articleId]).filter((c) => c && c.value);
    expect(sourceCells.length).toBeGreaterThanOrEqual(3);
  });

  it('is deterministic', () => {
    expect(analyseSeed('003')).toEqual(results.get('003'));
  });
});

describe('generality: articles written for these tests', () => {
  const render = (body: string, published: string) =>
    `<!doctype html><html lang="en"><head><title>Talks</title><meta property="article:published_time" content="${published}T08:00:00Z"></head>
     <body><article><h1>Leaders meet on trade</h1>${body
       .split('\n')
       .map((p) => `<p>${p}</p>`)
       .join('')}</article></body></html>`;

  it('other office holders on another date give the time-correct findings', () => {
    const page = extractFromHtml(
      render(
        [
          'British Prime Minister Boris Johnson met German Chancellor Olaf Scholz in Berlin on Tuesday for talks on energy security.',
          'The two leaders spoke for two hours, officials said.',
          'French President Emmanuel Macron joined the talks by video link.',
        ].join('\n'),
        '2023-05-02',
      ),
      'https://example.org/2023/05/02/talks',
    );
    const a = engine.analyse(page);
    const johnson = on(a, 'Boris Johnson').find((f) => f.kind === 'knowledge-conflict');
    expect(johnson?.evidence.find((e) => e.article === 'kb')?.value).toMatch(/Sunak/);
    expect(on(a, 'Emmanuel Macron')).toEqual([]);
    expect(a.findings.filter((f) => f.sentence.text.includes('Olaf Scholz') && !f.sentence.text.includes('Johnson'))).toEqual([]);
    // Two years earlier, the same words are true.
    const earlier = engine.analyse(page, { date: '2021-06-01' });
    expect(on(earlier, 'Boris Johnson').filter((f) => f.kind === 'knowledge-conflict' && /Johnson/.test(f.claim?.value ?? ''))).toEqual([]);
  });

  it('a correct report of the same story dated October 2025 gets no finding on "President Donald Trump"', () => {
    const page = extractFromHtml(
      render(
        [
          'President Donald Trump said on Wednesday that Israel and Hamas had agreed to the first phase of a Gaza ceasefire after talks in Egypt.',
          'US special envoy Steve Witkoff and Jared Kushner joined the negotiations with Egyptian, Qatari and Turkish mediators.',
          'Israeli Prime Minister Benjamin Netanyahu said the hostages would come home.',
          'Hamas said it had handed over a list of prisoners it wants freed in exchange for the hostages held in Gaza.',
        ].join('\n'),
        '2025-10-09',
      ),
      'https://example.org/2025/10/09/gaza-deal',
    );
    const a = engine.analyse(page);
    expect(a.matched.length).toBeGreaterThan(0);
    expect(on(a, 'President Donald Trump')).toEqual([]);
    expect(on(a, 'Benjamin Netanyahu')).toEqual([]);
  });

  it('a plain-text report with a leaked prompt is flagged whatever the names', () => {
    const text = 'Markets rally\nYou are Ada Brooks, a seasoned financial journalist. Write with a confident tone.\nShares rose on Monday.';
    const a = engine.analyse({ ...parsePlainText(text, { url: 'https://example.net/x' }) });
    expect(a.findings.map((f) => f.claim?.signal)).toContain('llm-prompt');
  });
});

const pagesDir = resolve(root, '../shared/pages');
describe.skipIf(!existsSync(pagesDir))('real unrelated pages (../shared/pages)', () => {
  const files = existsSync(pagesDir) ? readdirSync(pagesDir).filter((f) => f.endsWith('.html')) : [];
  it.each(files)('%s matches no story and gets no finding but provenance', (file) => {
    const page = extractFromHtml(readFileSync(join(pagesDir, file), 'utf8'), `https://example.com/${file}`);
    const a = engine.analyse(page);
    expect(a.matched).toEqual([]);
    expect(a.findings.filter((f) => f.kind !== 'provenance').map((f) => `${f.kind}: ${f.sentence.text}`)).toEqual([]);
  });
});
if (!existsSync(pagesDir)) console.warn(`../shared/pages not found at ${pagesDir}: skipping the real-page engine tests`);

describe('the saved story index', () => {
  it('is reused when valid, and rebuilt when it comes from another build', () => {
    const saved = engine.index.toJSON();
    const reloaded = new Engine(kb, seeds, JSON.parse(JSON.stringify(saved)));
    const seed = seedById('003');
    expect(reloaded.analyse(seed, { excludeId: seed.id }).matched).toEqual(engine.analyse(seed, { excludeId: seed.id }).matched);
    const stale = new Engine(kb, seeds, { ...saved, version: 999 });
    expect(stale.analyse(seed, { excludeId: seed.id }).matched.length).toBe(4);
  });
});

describe('sameEventMatches', () => {
  it('is what analysing the stored report against the others matches, for every seed', () => {
    for (const seed of seeds) {
      const a = engine.analyse(seed, { excludeId: seed.id });
      expect(engine.sameEventMatches(seed.id), seed.id).toEqual({ copyOf: a.self, matches: a.matched });
    }
  });

  it('names the stored report another is a copy of, which the matches leave out', () => {
    const seed = seeds[0]!;
    const copy = { ...seed, id: 'copy-of-a-seed', url: 'https://copies.example/a-seed' };
    const twice = new Engine(kb, [...seeds, copy]);
    const links = twice.sameEventMatches(copy.id);
    expect(links.copyOf).toBe(seed.id);
    expect(links.matches.map((m) => m.articleId)).not.toContain(seed.id);
  });

  it('is empty for an id the engine does not hold', () => {
    expect(engine.sameEventMatches('no-such-report')).toEqual({ copyOf: null, matches: [] });
  });
});

describe('a correct wire report of the story', () => {
  it('gets no finding, although weaker reports disagree on the city and the president', () => {
    const html = `<html lang="en"><head><title>Talks in Egypt</title><meta property="article:published_time" content="2025-10-08T10:30:00Z"><meta name="author" content="Staff reporter"></head><body><article><h1>Israel and Hamas negotiators hold indirect talks in Egypt on Gaza plan</h1>
      <p>Israeli and Hamas negotiators held a third day of indirect talks in Sharm el-Sheikh on Wednesday on U.S. President Donald Trump's plan to end the war in Gaza and free the hostages.</p>
      <p>Trump's special envoy Steve Witkoff and his son-in-law Jared Kushner joined the negotiations, along with Qatar's Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani and Turkish intelligence chief Ibrahim Kalin.</p>
      <p>Egyptian intelligence chief Hassan Rashad has led the mediation between Israel and Hamas, officials said.</p>
      <p>Gaza's health ministry says at least 67,000 Palestinians have been killed in the two-year war.</p></article></body></html>`;
    const a = engine.analyse(extractFromHtml(html, 'https://wire.example/2025/10/08/talks'));
    expect(a.matched.length).toBeGreaterThanOrEqual(2);
    expect(a.findings.map((f) => `${f.kind}: ${f.sentence.text}`)).toEqual([]);
    const venue = a.table.rows.find((r) => r.fact === 'venue');
    expect(venue?.cells.page?.value).toBe('Sharm el-Sheikh');
  });
});

describe("the record's end", () => {
  it.each([
    ['dated within the record', '2025-10-08', null],
    ['dated on its last day', kb.currentTo, null],
    ['dated after it', '2026-11-30', kb.currentTo],
  ])('a page %s: recordEnds is %s', (_label, date, ends) => {
    const seed = seedById('003');
    expect(engine.analyse(seed, { excludeId: seed.id, date }).recordEnds).toBe(ends);
  });
});

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeedArticles, seedId } from '../../lib/corpus/seeds';
import { readSeedArticles } from '../../lib/corpus/seeds-node';
import { parsePlainText } from '../../lib/extract/plain-text';

const dir = resolve(__dirname, '../../seeds');
const seeds = readSeedArticles(dir);
const byPrefix = (p: string) => seeds.find((s) => s.id.startsWith(p))!;
const articleText = (p: string) => byPrefix(p).blocks.map((b) => b.text).join('\n');

describe('seed loader', () => {
  it('loads the five seeds with outlet and URL from sources.json', () => {
    const sources = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')).sources as Array<{ file: string; url: string; outlet: string }>;
    expect(seeds.map((s) => s.id)).toEqual(sources.map((s) => seedId(s.file)));
    for (const s of sources) {
      const a = seeds.find((x) => x.id === seedId(s.file))!;
      expect(a.url).toBe(s.url);
      expect(a.outlet).toBe(s.outlet);
      expect(a.origin).toBe('seed');
    }
  });

  it('reads the headline line as the title, and null where the text has none (003)', () => {
    expect(byPrefix('000').title).toBe('Behind-the-Scenes Diplomacy Heats Up');
    expect(byPrefix('001').title).toMatch(/^Trump’s Envoys Head to Egypt/);
    expect(byPrefix('002').title).toBe('U.S. Sends Reinforcements to Cairo for Israel-Hamas Negotiations');
    expect(byPrefix('003').title).toBeNull();
    expect(byPrefix('004').title).toMatch(/^Gaza Ceasefire Talks Resume in Qatar/);
  });

  it('keeps blocks in order with their kinds', () => {
    const a = byPrefix('000');
    expect(a.blocks[0]).toEqual({ kind: 'paragraph', text: expect.stringMatching(/^In a sudden escalation/) });
    expect(a.blocks.find((b) => b.text === 'Why Egypt?')?.kind).toBe('heading');
    expect(a.blocks.filter((b) => b.kind === 'list-item').map((b) => b.text.slice(0, 3))).toHaveLength(3);
    // 001 writes its list markers on a line of their own: the item still becomes one list item.
    const items001 = byPrefix('001').blocks.filter((b) => b.kind === 'list-item').map((b) => b.text);
    expect(items001).toEqual([
      'Establishing a permanent ceasefire.',
      'Exchanging Israeli hostages held by Hamas for Palestinian prisoners and detainees.',
      'Implementing a phased Israeli military withdrawal from Gaza.',
      'Ensuring unrestricted humanitarian aid deliveries to civilians.',
      'Outlining a post-war governance structure for the territory.',
    ]);
    expect(byPrefix('003').blocks.filter((b) => b.kind === 'list-item')).toHaveLength(4);
    expect(byPrefix('003').blocks.find((b) => b.text === 'High-Stakes Mediation Efforts')?.kind).toBe('heading');
  });

  it('lists the cited source of 000 and keeps it out of the article text', () => {
    const a = byPrefix('000');
    expect(a.citedSources).toEqual(['The New York Times: White House to send delegation to Egypt for Gaza cease-fire talks']);
    expect(articleText('000')).not.toMatch(/^Sources$/m);
    expect(byPrefix('002').citedSources).toContain('CBS News');
  });

  it('splits comment widgets and share counters off 004, keeping them as furniture', () => {
    const text = articleText('004');
    for (const widget of ['Subscribe', 'Notify of', 'guest', '0 Comments', 'Newest Most Voted', 'Inline Feedbacks', 'View all comments', 'Akismet']) {
      expect(text).not.toContain(widget);
    }
    expect(text.split('\n')).not.toContain('221');
    expect(byPrefix('004').furniture).toEqual(expect.arrayContaining(['0', '221', 'Subscribe', '0 Comments', 'View all comments']));
    expect(text).toMatch(/A high-stakes diplomatic ballet/);
  });

  it('keeps bylines, prompts and audio widgets as blocks for later judgement (002)', () => {
    const a = byPrefix('002');
    expect(a.byline).toBe('AI Journalist: James Thompson');
    const texts = a.blocks.map((b) => b.text);
    expect(texts).toContain('AI Journalist: James Thompson');
    expect(texts).toContain('Listen to Article');
    expect(texts.some((t) => t.startsWith('"You are James Thompson'))).toBe(true);
  });

  it('names the file and the field when sources.json is malformed', () => {
    expect(() => loadSeedArticles({}, { sources: [{ file: 'x.txt' }] })).toThrow(/sources\.json: sources\.0\.url/);
    expect(() =>
      loadSeedArticles({}, { sources: [{ file: 'x.txt', url: 'https://a.example/', outlet: 'a', publishedAt: null, citesSource: null }] }),
    ).toThrow(/x\.txt, which is missing/);
  });

  it('treats a first line that reads like a sentence as article text, not a title', () => {
    const a = parsePlainText('The minister resigned on Monday after a long dispute over the budget.\nMore follows.');
    expect(a.title).toBeNull();
    expect(a.blocks[0]?.kind).toBe('paragraph');
  });
});

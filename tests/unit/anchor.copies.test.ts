// @vitest-environment happy-dom
/**
 * Which copy of a repeated sentence gets the highlight: the article's own,
 * wherever else the page repeats it (teaser, pull quote, card, caption), and
 * another copy only when the article's cannot be found.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { anchorFindings, type AnchorableFinding } from '../../lib/anchor/findings';
import { bestCopy, copyPlaces, Place, placeOf, type CopyPlaces } from '../../lib/anchor/index';
import { buildTextIndexSync } from '../../lib/anchor/text-index';
import { articleLandmarks, sentenceContext } from '../../lib/compare/finding';
import { quoteWindow } from '../../components/ClaimQuote';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('placeOf and bestCopy', () => {
  const places: CopyPlaces = { article: { start: 100, end: 500 }, furniture: [{ start: 300, end: 350 }] };
  it.each([
    ['inside the article', 120, 180, Place.ArticleBody],
    ['in furniture inside the article', 305, 340, Place.ArticleFurniture],
    ['straddling furniture', 290, 310, Place.ArticleFurniture],
    ['before the article', 10, 60, Place.Elsewhere],
    ['running out of the article', 480, 520, Place.Elsewhere],
  ])('%s', (_label, start, end, place) => {
    expect(placeOf(places, start, end)).toBe(place);
  });

  it('with no article region, furniture is the last choice and the rest is equal', () => {
    const unknown: CopyPlaces = { article: null, furniture: [{ start: 0, end: 50 }] };
    expect(placeOf(unknown, 10, 20)).toBe(Place.Elsewhere);
    expect(placeOf(unknown, 60, 70)).toBe(Place.ArticleBody);
    expect(placeOf(undefined, 10, 20)).toBe(Place.ArticleBody);
  });

  it('prefers the better place over the better context, and the better context within a place', () => {
    const teaser = { start: 10, end: 60, rank: 1 };
    const body = { start: 120, end: 170, rank: 0.2 };
    const bodyBetter = { start: 200, end: 250, rank: 0.9 };
    expect(bestCopy([teaser, body], places)?.start).toBe(120);
    expect(bestCopy([teaser, body, bodyBetter], places)?.start).toBe(200);
    expect(bestCopy([teaser], places)?.start).toBe(10);
    expect(bestCopy([], places)).toBeNull();
  });
});

const FLAGGED = 'Minister Ada Varga told reporters in Halvern that the talks would resume on Monday.';
const OTHER = [
  'Delegations from both sides arrived in the capital late on Sunday after a week of shuttle diplomacy between the two camps.',
  'Officials said the draft agreement covered prisoner exchanges, the reopening of border crossings and a timetable for aid.',
  'The mediators, who asked not to be named, described the mood in the room as cautious but more constructive than last month.',
  'A spokesman for the opposition said it would study the text before deciding whether to send a delegation of its own.',
];

/** The article as the background extracts it: its paragraphs in order, the flagged one among them. */
function articleBlocks(flaggedAt: number, flaggedParagraph = FLAGGED): { kind: string; text: string }[] {
  const texts = [...OTHER];
  texts.splice(flaggedAt, 0, flaggedParagraph);
  return texts.map((text) => ({ kind: 'paragraph', text }));
}

/** A finding on FLAGGED with the context and claim words the engine gives it. */
function findingOn(blocks: { kind: string; text: string }[], surface = 'Minister Ada Varga'): AnchorableFinding {
  const block = blocks.findIndex((b) => b.text.includes(FLAGGED));
  const start = blocks[block]!.text.indexOf(FLAGGED);
  return { id: 'f1', sentence: { text: FLAGGED, ...sentenceContext(blocks, block, start, start + FLAGGED.length) }, claim: { surface } };
}

const p = (t: string) => `<p>${t}</p>`;

/** The page shapes a news site repeats a sentence in; `mark` is where the article's own copy is. */
const SHAPES: Array<{ name: string; at: number; body: (article: string) => string; paragraph?: string }> = [
  {
    name: 'a teaser before the article in DOM order (CSS order puts it after)',
    at: 0,
    body: (article) => `<div style="display:flex;flex-direction:column"><aside class="rail" style="order:2"><h3>Most read</h3><a href="/x"><p>${FLAGGED}</p></a></aside><article style="order:1">${article}</article></div>`,
  },
  {
    name: 'a pull quote inside the article, before its paragraph',
    at: 2,
    body: (article) => `<article>${article.replace('<p>Officials said', `<blockquote class="pullquote"><p>${FLAGGED}</p></blockquote><p>Officials said`)}</article>`,
  },
  {
    name: 'a related card after the article',
    at: 1,
    body: (article) => `<main><article>${article}</article><section><div class="story-card"><h4>Related</h4><p>${FLAGGED}</p></div></section></main>`,
  },
  {
    name: 'a photo caption with the same sentence, at the top of the article',
    at: 3,
    body: (article) => `<article><figure><img alt=""><figcaption>${FLAGGED}</figcaption></figure>${article}</article>`,
  },
  {
    name: 'the article copy split by <a>, <em> and a line break, a plain teaser before it',
    at: 1,
    body: (article) =>
      `<nav><ul><li>${FLAGGED}</li></ul></nav><article>${article.replace(
        `<p>${FLAGGED}</p>`,
        '<p>Minister <a href="/p/varga">Ada Varga</a> told reporters in <em>Halvern</em> that the talks<br>would resume on Monday.</p>',
      )}</article>`,
  },
];

function paintedPlace(range: Range | null): string {
  if (!range) return 'nowhere';
  const el = range.startContainer.parentElement;
  return el?.closest('aside, nav, figure, blockquote, .story-card') ? `a copy in <${el.closest('aside, nav, figure, blockquote, .story-card')!.localName}>` : el?.closest('article') ? 'the article' : 'outside the article';
}

describe('the article copy of a repeated sentence', () => {
  it.each(SHAPES)('$name', async ({ at, body }) => {
    const blocks = articleBlocks(at);
    document.body.innerHTML = body(blocks.map((b) => p(b.text)).join(''));
    const [anchor] = await anchorFindings(document.body, [findingOn(blocks)], articleLandmarks(blocks), { visibility: 'inline' });
    expect(paintedPlace(anchor!.range)).toBe('the article');
    // A <br> has no text of its own: the range's string runs its two lines together.
    expect(anchor!.range!.toString().replace(/\s+/g, '')).toBe(FLAGGED.replace(/\s+/g, ''));
    // The claim's words: inside the article's copy, exactly the words.
    expect(anchor!.words?.toString()).toBe('Minister Ada Varga');
    expect(anchor!.range!.compareBoundaryPoints(Range.START_TO_START, anchor!.words!)).toBeLessThanOrEqual(0);
  });

  it('a summary box before the article repeating its first paragraphs, context and all: the region decides', async () => {
    const blocks = articleBlocks(1);
    const summary = blocks.slice(0, 3).map((b) => p(b.text)).join('');
    document.body.innerHTML = `<div class="summary-box">${summary}</div><article>${blocks.map((b) => p(b.text)).join('')}</article>`;
    const [withRegion] = await anchorFindings(document.body, [findingOn(blocks)], articleLandmarks(blocks), { visibility: 'inline' });
    expect(paintedPlace(withRegion!.range)).toBe('the article');
    // What the landmarks are for: without them the two copies look alike, and the first in DOM order wins.
    const [without] = await anchorFindings(document.body, [findingOn(blocks)], [], { visibility: 'inline' });
    expect(paintedPlace(without!.range)).toBe('outside the article');
  });

  it('with no copy inside the article region, the copy elsewhere gets it', async () => {
    const blocks = articleBlocks(1);
    // The article paraphrases the sentence too far for a match; only the teaser has it word for word.
    const article = blocks.map((b) => p(b.text === FLAGGED ? 'Ada Varga, the minister, spoke of Monday.' : b.text)).join('');
    document.body.innerHTML = `<aside>${p(FLAGGED)}</aside><article>${article}</article>`;
    const [anchor] = await anchorFindings(document.body, [findingOn(blocks)], articleLandmarks(blocks), { visibility: 'inline' });
    expect(paintedPlace(anchor!.range)).toBe('a copy in <aside>');
  });

  it('an article copy with one word changed still beats an exact copy in the sidebar', async () => {
    const blocks = articleBlocks(1);
    const edited = FLAGGED.replace('told reporters', 'told journalists');
    document.body.innerHTML = `<aside>${p(FLAGGED)}</aside><article>${blocks.map((b) => p(b.text === FLAGGED ? edited : b.text)).join('')}</article>`;
    const [anchor] = await anchorFindings(document.body, [findingOn(blocks)], articleLandmarks(blocks), { visibility: 'inline' });
    expect(paintedPlace(anchor!.range)).toBe('the article');
  });

  it('without landmarks, a one-sentence paragraph is told apart by the neighbouring paragraphs', async () => {
    const blocks = articleBlocks(2);
    document.body.innerHTML = `<div class="rail">${p('Most read')}${p(FLAGGED)}${p('Weather')}</div><div>${blocks.map((b) => p(b.text)).join('')}</div>`;
    const [anchor] = await anchorFindings(document.body, [findingOn(blocks)], [], { visibility: 'inline' });
    expect(anchor!.range!.startContainer.parentElement!.closest('.rail')).toBeNull();
  });

  it('a landmark found twice says nothing; one found in a teaser alone does not widen the region to the page', () => {
    const blocks = articleBlocks(1);
    document.body.innerHTML = `<aside class="teaser">${p(OTHER[0]!)}</aside><article>${blocks.map((b) => p(b.text)).join('')}</article><footer>${p(OTHER[3]!)}</footer>`;
    const index = buildTextIndexSync(document.body, { visibility: 'inline' });
    const places = copyPlaces(index, articleLandmarks(blocks));
    const article = document.querySelector('article')!;
    expect(places.article).not.toBeNull();
    expect(index.text.slice(places.article!.start, places.article!.end).trim()).toBe(article.textContent!.replace(/\.(?=\S)/g, '. '));
  });

  it('words that are the whole sentence get no second mark', async () => {
    const blocks = articleBlocks(1);
    document.body.innerHTML = `<article>${blocks.map((b) => p(b.text)).join('')}</article>`;
    const [anchor] = await anchorFindings(document.body, [findingOn(blocks, FLAGGED)], articleLandmarks(blocks), { visibility: 'inline' });
    expect(anchor!.range).not.toBeNull();
    expect(anchor!.words).toBeNull();
  });
});

describe('sentenceContext', () => {
  const blocks = [{ text: 'First paragraph ends here.' }, { text: 'Only sentence.' }, { text: 'Third paragraph starts here, and it goes on for a good while longer.' }];
  it.each([
    ['a one-sentence paragraph reaches into both neighbours', 1, 0, 14, 'First paragraph ends here.\n\n', '\n\nThird paragraph starts here, a'],
    ['a sentence near its paragraph\'s start reaches back across short paragraphs', 2, 6, 15, 'ds here.\n\nOnly sentence.\n\nThird ', ' starts here, and it goes on for'],
    ['a sentence deep in its paragraph keeps its own', 2, 40, 48, 'ragraph starts here, and it goes', 'a good while longer.'],
    ['the first block has nothing before it', 0, 0, 5, '', ' paragraph ends here.\n\nOnly sent'],
  ])('%s', (_label, block, start, end, prefix, suffix) => {
    expect(sentenceContext(blocks, block, start, end)).toEqual({ prefix, suffix });
  });
});

describe('quoteWindow: the part of a long sentence a cut quote shows', () => {
  const text = 'Two senior figures, an envoy and an adviser of long standing, met former President Mara Quell in Dunmere on Monday.';
  const words = { start: text.indexOf('former'), end: text.indexOf(' in Dunmere') };
  it.each([
    ['words early enough: from the start', { start: 0, end: 10 }, 48, undefined, 0, text.length],
    ['words late: from a word shortly before them', words, 48, undefined, text.lastIndexOf(' ', words.start - 48) + 1, text.length],
    ['no words: from the start', null, 48, undefined, 0, text.length],
    ['unfolded (no lead limit): from the start', words, Number.POSITIVE_INFINITY, undefined, 0, text.length],
    ['cut to a length, never before the words end', words, 10, 12, text.lastIndexOf(' ', words.start - 10) + 1, words.end],
  ])('%s', (_label, at, lead, max, start, end) => {
    expect(quoteWindow(text, at, lead, max)).toEqual({ start, end });
  });
});

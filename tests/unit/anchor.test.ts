// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import {
  anchorQuotes,
  anchorQuotesSync,
  buildTextIndex,
  buildTextIndexSync,
  describeRange,
  foldQuote,
  indexIsCurrent,
  keyTokens,
  matchQuote,
  offsetsFromRange,
  rangeFromOffsets,
  textSegments,
  type QuoteSelector,
  type TextIndex,
} from '../../lib/anchor/index';
import { BitPattern, distanceEndingAt, distanceStartingAt, levenshtein } from '../../lib/anchor/edit-distance';

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

/** The folded form a quote is compared in. */
const fold = foldQuote;

function html(markup: string): HTMLElement {
  document.body.innerHTML = markup;
  return document.body;
}

// ---------------------------------------------------------------------------
// quote-match: pure strings
// ---------------------------------------------------------------------------

const ARTICLE =
  'Officials met in the capital on Monday. The mayor said the bridge would close for urgent repairs next month. ' +
  'Traffic will be diverted through the old town. Residents were not consulted, critics said.';

interface Found {
  name: string;
  text: string;
  selector: QuoteSelector;
  /** The text the match must cover (compared after folding). */
  expect: string;
  /** Where it must start, when the expected text occurs more than once. */
  at?: number;
  exactMatch: boolean;
}

const found: Found[] = [
  {
    name: 'exact, unique',
    text: ARTICLE,
    selector: { exact: 'The mayor said the bridge would close for urgent repairs next month.' },
    expect: 'The mayor said the bridge would close for urgent repairs next month.',
    exactMatch: true,
  },
  {
    name: 'duplicate chosen by prefix',
    text: 'In March: Prices rose sharply. In April: Prices rose sharply. In May: calm.',
    selector: { exact: 'Prices rose sharply.', prefix: 'In April: ' },
    expect: 'Prices rose sharply.',
    at: 'In March: Prices rose sharply. In April: '.length,
    exactMatch: true,
  },
  {
    name: 'duplicate chosen by suffix',
    text: 'Prices rose sharply. Then they fell. Prices rose sharply. Then nobody cared.',
    selector: { exact: 'Prices rose sharply.', suffix: ' Then nobody cared.' },
    expect: 'Prices rose sharply.',
    at: 'Prices rose sharply. Then they fell. '.length,
    exactMatch: true,
  },
  {
    name: 'duplicate chosen by prefix and suffix when each alone is ambiguous',
    text: 'A said it. No. B said it. Yes. A said it. Yes.',
    selector: { exact: 'said it.', prefix: 'A ', suffix: ' Yes.' },
    expect: 'said it.',
    at: 'A said it. No. B said it. Yes. A '.length,
    exactMatch: true,
  },
  {
    name: 'identical contexts: the position hint decides',
    text: 'Read more. Story one. Read more. Story two. Read more.',
    selector: { exact: 'Read more.', hint: 'Read more. Story one. '.length + 3 },
    expect: 'Read more.',
    at: 'Read more. Story one. '.length,
    exactMatch: true,
  },
  {
    name: 'context beats the hint',
    text: 'Alpha said no. Beta said no.',
    selector: { exact: 'said no.', prefix: 'Beta ', hint: 0 },
    expect: 'said no.',
    at: 'Alpha said no. Beta '.length,
    exactMatch: true,
  },
  {
    name: 'whitespace runs, newlines and NBSP in the page',
    text: 'Before.  The mayor\n   said the\u00a0bridge\twould close.  After.',
    selector: { exact: 'The mayor said the bridge would close.' },
    expect: 'The mayor said the bridge would close.',
    exactMatch: true,
  },
  {
    name: 'whitespace runs in the stored quote',
    text: 'The mayor said the bridge would close.',
    selector: { exact: '  The   mayor said\n\nthe bridge would close. ' },
    expect: 'The mayor said the bridge would close.',
    exactMatch: true,
  },
  {
    name: 'curly quotes, apostrophes and dashes on the page',
    text: 'He said \u201cit\u2019s over\u201d \u2014 and left.',
    selector: { exact: 'He said "it\'s over" - and left.' },
    expect: 'He said "it\'s over" - and left.',
    exactMatch: true,
  },
  {
    name: 'curly quotes in the stored quote',
    text: 'He said "it\'s over" -- fine.',
    selector: { exact: '\u201cit\u2019s over\u201d' },
    expect: '"it\'s over"',
    exactMatch: true,
  },
  {
    name: 'soft hyphen and zero-width space inside words on the page',
    text: 'The commit\u00adtee ap\u200bproved the budget.',
    selector: { exact: 'The committee approved the budget.' },
    expect: 'The committee approved the budget.',
    exactMatch: true,
  },
  {
    name: 'fuzzy: a typo fixed on the page',
    text: ARTICLE,
    selector: {
      exact: 'The mayor siad the bridge would close for urgnet repairs next month.',
      prefix: 'Officials met in the capital on Monday. ',
      suffix: ' Traffic will be diverted',
    },
    expect: 'The mayor said the bridge would close for urgent repairs next month.',
    exactMatch: false,
  },
  {
    name: 'fuzzy: a word changed',
    text: ARTICLE,
    selector: {
      exact: 'The mayor said the bridge would shut for urgent repairs next month.',
      prefix: 'Officials met in the capital on Monday. ',
      suffix: ' Traffic will be diverted',
    },
    expect: 'The mayor said the bridge would close for urgent repairs next month.',
    exactMatch: false,
  },
  {
    name: 'fuzzy: a word changed, no stored context',
    text: ARTICLE,
    selector: { exact: 'The mayor said the bridge would shut for urgent repairs next month.' },
    expect: 'The mayor said the bridge would close for urgent repairs next month.',
    exactMatch: false,
  },
  {
    name: 'fuzzy: a misspelt name corrected',
    text: 'Yesterday Minister John Smith told reporters the plan would cut costs by half. Nobody objected.',
    selector: { exact: 'Minister Jonh Smith told reporters the plan would cut costs by half.', prefix: 'Yesterday ' },
    expect: 'Minister John Smith told reporters the plan would cut costs by half.',
    exactMatch: false,
  },
  {
    name: 'fuzzy: edited sentence preferred over a lookalike elsewhere',
    text:
      'Minister Anna Berg told reporters the plan would cut costs by half. Later that day, ' +
      'Minister John Smith told journalists the plan would cut costs by half. Then lunch.',
    selector: {
      exact: 'Minister John Smith told reporters the plan would cut costs by half.',
      prefix: 'Later that day, ',
      suffix: ' Then lunch.',
    },
    expect: 'Minister John Smith told journalists the plan would cut costs by half.',
    exactMatch: false,
  },
];

const orphans: Array<{ name: string; text: string; selector: QuoteSelector }> = [
  {
    name: 'sentence edited beyond recognition',
    text: ARTICLE,
    selector: {
      exact: 'According to the mayor, repair work on the crossing starts in the coming weeks.',
      prefix: 'Officials met in the capital on Monday. ',
      suffix: ' Traffic will be diverted',
    },
  },
  {
    name: 'lookalike sentence with different names (context differs)',
    text: 'Weather was mild. Minister Anna Berg told reporters the plan would cut costs by half. Markets rose.',
    selector: {
      exact: 'Minister John Smith told reporters the plan would cut costs by half.',
      prefix: 'The debate lasted for hours. ',
      suffix: ' Critics disagreed.',
    },
  },
  {
    name: 'lookalike sentence with different names (no stored context)',
    text: 'Weather was mild. Minister Anna Berg told reporters the plan would cut costs by half. Markets rose.',
    selector: { exact: 'Minister John Smith told reporters the plan would cut costs by half.' },
  },
  {
    name: 'lookalike sentence with different names (same context)',
    text: 'Weather was mild. Minister Anna Berg told reporters the plan would cut costs by half. Markets rose.',
    selector: {
      exact: 'Minister John Smith told reporters the plan would cut costs by half.',
      prefix: 'Weather was mild. ',
      suffix: ' Markets rose.',
    },
  },
  {
    name: 'same sentence with a different number',
    text: 'The survey found that 42 percent of residents support the new tram line. Others disagreed.',
    selector: {
      exact: 'The survey found that 24 percent of residents support the new tram line.',
      suffix: ' Others disagreed.',
    },
  },
  {
    name: 'quote absent, page unrelated',
    text: 'Recipes for summer: tomatoes, basil and good olive oil.',
    selector: { exact: 'The mayor said the bridge would close for urgent repairs next month.' },
  },
  {
    name: 'short quote that only nearly occurs (no fuzzy search on tiny quotes)',
    text: 'The cat sat.',
    selector: { exact: 'The bat sat.' },
  },
  { name: 'empty quote', text: ARTICLE, selector: { exact: '' } },
  { name: 'whitespace-only quote', text: ARTICLE, selector: { exact: ' \n\u00a0 ' } },
  { name: 'empty text', text: '', selector: { exact: 'anything at all here' } },
  { name: 'quote longer than the text', text: 'Short.', selector: { exact: 'Short. And then a much longer quote follows.' } },
];

describe('matchQuote: found', () => {
  it.each(found)('$name', ({ text, selector, expect: wanted, at, exactMatch }) => {
    const m = matchQuote(text, selector);
    expect(m).not.toBeNull();
    if (m === null) return;
    expect(fold(text.slice(m.start, m.end))).toBe(fold(wanted));
    if (at !== undefined) expect(m.start).toBe(at);
    expect(m.exactMatch).toBe(exactMatch);
    if (exactMatch) {
      expect(m.score).toBeGreaterThan(0.7);
    } else {
      expect(m.score).toBeLessThan(1);
      expect(m.score).toBeGreaterThanOrEqual(0.8);
    }
    // A match never starts or ends on whitespace the quote did not have.
    expect(text.slice(m.start, m.end)).toBe(text.slice(m.start, m.end).trim());
  });
});

describe('matchQuote: orphans', () => {
  it.each(orphans)('$name', ({ text, selector }) => {
    expect(matchQuote(text, selector)).toBeNull();
  });
});

describe('matchQuote: scores and options', () => {
  it('an exact unique quote in matching context scores 1', () => {
    const m = matchQuote(ARTICLE, {
      exact: 'Traffic will be diverted through the old town.',
      prefix: 'repairs next month. ',
      suffix: ' Residents were',
    });
    expect(m?.score).toBe(1);
  });

  it('an exact quote whose surroundings were rewritten is still found, with a lower score', () => {
    const m = matchQuote(ARTICLE, {
      exact: 'Traffic will be diverted through the old town.',
      prefix: 'Something else entirely came before. ',
      suffix: ' And something else after it.',
    });
    expect(m?.exactMatch).toBe(true);
    expect(m?.score).toBeLessThan(0.9);
  });

  it('maxErrors and minScore tighten the fuzzy search', () => {
    const sel = { exact: 'The mayor said the bridge would shut for urgent repairs next month.' };
    expect(matchQuote(ARTICLE, sel)).not.toBeNull();
    expect(matchQuote(ARTICLE, sel, { maxErrors: 2 })).toBeNull();
    expect(matchQuote(ARTICLE, sel, { minScore: 0.99 })).toBeNull();
  });

  it('offsets refer to the original text even when folding removed characters before the match', () => {
    const text = 'A\u00ad\u00ad\u00adB    C\u200b\u200b.   The quote is here.';
    const m = matchQuote(text, { exact: 'The quote is here.' });
    expect(m).not.toBeNull();
    expect(text.slice(m!.start, m!.end)).toBe('The quote is here.');
  });

  it('case is significant for exact matching', () => {
    const m = matchQuote('the mayor said the bridge would close.', { exact: 'The Mayor said the bridge would close.' });
    // Found only approximately, so a different capitalisation is never reported as exact.
    expect(m?.exactMatch ?? false).toBe(false);
  });

  it('key tokens: names and numbers, not sentence starts', () => {
    expect(keyTokens('Minister John Smith said. The 3.5 percent rise in Paris was "Huge".')).toEqual([
      'John',
      'Smith',
      '3.5',
      'Paris',
    ]);
  });
});

describe('matchQuote: large and hostile inputs', () => {
  const words = ['the', 'council', 'said', 'bridge', 'river', 'budget', 'minister', 'plan', 'week', 'report'];
  function prose(chars: number, seed: number): string {
    const out: string[] = [];
    let x = seed;
    let n = 0;
    while (n < chars) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      const w = words[x % words.length] as string;
      out.push(w);
      n += w.length + 1;
      if (x % 13 === 0) out.push('.');
    }
    return out.join(' ');
  }

  it('a 1 MB text with the quote absent returns null', () => {
    const text = prose(1_000_000, 7);
    expect(matchQuote(text, { exact: 'A sentence that is not on this page in any form whatsoever.' })).toBeNull();
  });

  it('a 1 MB text finds an edited sentence placed near the end', () => {
    const sentence = 'Prime Minister Ingrid Halvorsen announced a sweeping overhaul of the pension system.';
    const text = prose(1_000_000, 3) + ' ' + sentence + ' ' + prose(2_000, 5);
    // A generous time bound: this checks correctness at size, not speed on a loaded CI machine.
    const m = matchQuote(text, { exact: sentence.replace('sweeping', 'sweepin') }, { timeoutMs: 20_000 });
    expect(m).not.toBeNull();
    expect(text.slice(m!.start, m!.end)).toBe(sentence);
  });

  it('a huge quote does not throw', () => {
    const text = prose(200_000, 11);
    const quote = prose(60_000, 12);
    expect(() => matchQuote(text, { exact: quote })).not.toThrow();
    expect(() => matchQuote(quote.slice(0, 100), { exact: quote, prefix: quote, suffix: quote })).not.toThrow();
  });

  it('a very frequent short quote does not blow up', () => {
    const text = 'a '.repeat(200_000);
    const m = matchQuote(text, { exact: 'a', prefix: 'a ', suffix: ' a', hint: 1000 });
    expect(m).not.toBeNull();
  });

  it('lone surrogates and control characters do not throw', () => {
    const text = 'ab\ud800cd\u0000ef\udfff \u0007 gh';
    expect(() => matchQuote(text, { exact: '\ud800cd\u0000e' })).not.toThrow();
    expect(matchQuote(text, { exact: '\ud800cd\u0000e' })).not.toBeNull();
  });
});

// ---------------------------------------------------------------------------
// edit distance core, checked against the textbook table
// ---------------------------------------------------------------------------

/** For each end position j (exclusive), min over i of edit(pattern, text[i, j)). */
function bruteEnds(text: string, pattern: string): number[] {
  const m = pattern.length;
  let prev = Array.from({ length: m + 1 }, (_, i) => i);
  const out: number[] = [];
  for (let j = 1; j <= text.length; j++) {
    const cur = [0];
    for (let i = 1; i <= m; i++) {
      const sub = (prev[i - 1] as number) + (pattern[i - 1] === text[j - 1] ? 0 : 1);
      cur.push(Math.min(sub, (prev[i] as number) + 1, (cur[i - 1] as number) + 1));
    }
    out.push(cur[m] as number);
    prev = cur;
  }
  return out;
}

describe('bit-parallel edit distance', () => {
  const small = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), maxLength: 140 });
  const pat = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), minLength: 1, maxLength: 90 });

  it('reports exactly the ends within budget, with exact distances (incl. multi-block patterns)', () => {
    fc.assert(
      fc.property(small, pat, fc.nat(40), (text, pattern, k) => {
        const want = bruteEnds(text, pattern);
        const got = new Map<number, number>();
        new BitPattern(pattern).scan(text, {
          from: 0,
          to: text.length,
          freeStart: true,
          maxErrors: k,
          onColumn: (pos, d) => got.set(pos, d),
        });
        want.forEach((d, j) => {
          if (d <= k) expect(got.get(j)).toBe(d);
          else expect(got.has(j)).toBe(false);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('anchored distances match Levenshtein', () => {
    fc.assert(
      fc.property(small, pat, (text, pattern) => {
        let best = Number.POSITIVE_INFINITY;
        for (let i = 0; i <= text.length; i++) best = Math.min(best, levenshtein(pattern, text.slice(i)));
        expect(distanceEndingAt(pattern, text, text.length, text.length)).toBe(text.length === 0 ? pattern.length : best);
        let bestStart = Number.POSITIVE_INFINITY;
        for (let j = 0; j <= text.length; j++) bestStart = Math.min(bestStart, levenshtein(pattern, text.slice(0, j)));
        expect(distanceStartingAt(pattern, text, 0, text.length)).toBe(text.length === 0 ? pattern.length : bestStart);
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------
// DOM: text index, ranges, anchoring
// ---------------------------------------------------------------------------

function paragraphOf(node: Node): Element | null {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return el?.closest('p') ?? null;
}

describe('text index', () => {
  it('folds whitespace and NBSP, trims the ends', () => {
    const root = html('<div>\n  <p>  The\u00a0\u00a0quick \n brown   fox. </p>\n</div>');
    expect(buildTextIndexSync(root).text).toBe('The quick brown fox.');
  });

  it('block boundaries insert a space; inline ones do not', () => {
    const root = html(
      '<p>end.</p><p>Start</p><ul><li>one</li><li>two</li></ul><h2>Head</h2><div>a<span>b</span><b>c</b></div>' +
        '<table><tr><td>x</td><td>y</td></tr></table><blockquote>q</blockquote><figure><figcaption>cap</figcaption></figure>',
    );
    expect(buildTextIndexSync(root).text).toBe('end. Start one two Head abc x y q cap');
  });

  it('"end.</p><p>Start" reads "end. Start"', () => {
    const root = html('<article><p>It was the end.</p><p>Start again.</p></article>');
    const index = buildTextIndexSync(root);
    expect(index.text).toBe('It was the end. Start again.');
    const m = matchQuote(index.text, { exact: 'end. Start' });
    expect(m).not.toBeNull();
  });

  it('<br> is a space, <wbr> is not', () => {
    const root = html('<p>line one<br>line two<br/><br/>three wo<wbr>rd</p>');
    expect(buildTextIndexSync(root).text).toBe('line one line two three word');
  });

  it('inline display style overrides the tag default', () => {
    const root = html('<div style="display:inline">a</div><div style="display: inline-block">b</div><span style="display:block">c</span>d');
    expect(buildTextIndexSync(root).text).toBe('ab c d');
  });

  it('skips script, style, template, noscript, form controls, svg, iframe, canvas', () => {
    const root = html(
      '<p>a<script>var s = 1;</script>b<style>p{}</style>c<template>t</template>d<noscript>n</noscript>' +
        'e<textarea>ta</textarea><select><option>o</option></select><input value="v">f<svg><text>s</text></svg>' +
        'g<iframe>i</iframe><canvas>c2</canvas><object>ob</object>h</p>',
    );
    expect(buildTextIndexSync(root).text).toBe('abcdefgh');
  });

  it('skips hidden content but not aria-hidden', () => {
    const root = html(
      '<p>one <span hidden>H1</span><span style="display: none">H2</span><span style="visibility:hidden">H3</span>' +
        '<span aria-hidden="true">two</span> <details><summary>three</summary>H4</details>' +
        '<div hidden><p>H5 <b>deep</b></p></div><dialog>H6</dialog></p>',
    );
    expect(buildTextIndexSync(root).text).toBe('one two three');
  });

  it('uses computed styles (stylesheets) when the root is in the document', () => {
    const root = html('<style>.gone { display: none }</style><p>seen</p><p class="gone">unseen</p><p>also seen</p>');
    expect(buildTextIndexSync(root).text).toBe('seen also seen');
    // Without computed styles only markup and inline styles count.
    expect(buildTextIndexSync(root, { visibility: 'inline' }).text).toBe('seen unseen also seen');
  });

  it('display: contents children are rendered', () => {
    const root = html('<p>a <span style="display: contents">b</span> c</p>');
    expect(buildTextIndexSync(root).text).toBe('a b c');
  });

  it('indexes a detached tree using markup only', () => {
    const div = document.createElement('div');
    div.innerHTML = '<p>kept <span hidden>gone</span>text</p><p>next</p>';
    expect(div.isConnected).toBe(false);
    expect(buildTextIndexSync(div).text).toBe('kept text next');
  });

  it('every folded offset maps to a DOM point and back', () => {
    const root = html(
      '<div><p>  Hello   <b>big</b>\n<i> wide </i>  world.</p>\n\n<p><a>Second</a><br> line&nbsp; here.</p></div>',
    );
    const index = buildTextIndexSync(root);
    expect(index.text).toBe('Hello big wide world. Second line here.');
    for (let s = 0; s < index.text.length; s++) {
      for (let e = s + 1; e <= index.text.length; e++) {
        const slice = index.text.slice(s, e);
        if (slice.startsWith(' ') || slice.endsWith(' ')) continue;
        const range = rangeFromOffsets(index, s, e);
        expect(offsetsFromRange(index, range)).toEqual({ start: s, end: e });
      }
    }
  });
});

describe('ranges', () => {
  it('a sentence split across <a>, <em>, <span> and <br> anchors; the range reads as the quote', () => {
    const root = html(
      '<article><p>Intro sentence here. The <a href="/x">city council</a> <em>voted</em> to ' +
        '<span class="hl">close the<br>\nold bridge</span> on Friday. Outro.</p></article>',
    );
    const quote = 'The city council voted to close the old bridge on Friday.';
    const [res] = anchorQuotesSync(root, [{ id: 'q', exact: quote }]);
    expect(res?.range).not.toBeNull();
    const range = res!.range!;
    expect(fold(range.toString())).toBe(quote);
    expect(range.startContainer.textContent).toContain('The');
    const index = buildTextIndexSync(root);
    expect(describeRange(index, range)?.exact).toBe(quote);
  });

  it('a <br> with no whitespace around it still anchors (the index, not Range.toString, supplies the space)', () => {
    const root = html('<p>First line<br>second line.</p>');
    const index = buildTextIndexSync(root);
    const [res] = anchorQuotesSync(root, [{ id: 'q', exact: 'First line second line.' }], { index });
    expect(res?.range).not.toBeNull();
    // Range.toString() has no way to show a <br>; describeRange reads the same span from the index.
    expect(res!.range!.toString()).toBe('First linesecond line.');
    expect(describeRange(index, res!.range!)?.exact).toBe('First line second line.');
  });

  it('a quote present only in hidden text is orphaned', () => {
    const root = html(
      '<p>Visible text only.</p><p style="display:none">Secret sentence one.</p>' +
        '<p hidden>Secret sentence two.</p><script>"Secret sentence three."</script>',
    );
    const results = anchorQuotesSync(root, [
      { id: '1', exact: 'Secret sentence one.' },
      { id: '2', exact: 'Secret sentence two.' },
      { id: '3', exact: 'Secret sentence three.' },
      { id: '4', exact: 'Visible text only.' },
    ]);
    expect(results.map((r) => r.range === null)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.id)).toEqual(['1', '2', '3', '4']);
  });

  it('the same sentence in two paragraphs anchors to the one with the stored context', () => {
    const root = html(
      '<p id="p1">On Monday the vote failed. <span>The result was close.</span> Nobody celebrated.</p>' +
        '<p id="p2">On Tuesday the vote passed. <b>The result was close.</b> Supporters cheered.</p>',
    );
    const [second, first] = anchorQuotesSync(root, [
      { id: 'b', exact: 'The result was close.', prefix: 'On Tuesday the vote passed. ', suffix: ' Supporters cheered.' },
      { id: 'a', exact: 'The result was close.', prefix: 'the vote failed. ', suffix: ' Nobody' },
    ]);
    expect(paragraphOf(second!.range!.startContainer)?.id).toBe('p2');
    expect(paragraphOf(first!.range!.startContainer)?.id).toBe('p1');
  });

  it('describeRange gives the quote, 32 characters of context each side and the position', () => {
    const root = html(
      '<p>Alpha bravo charlie delta echo foxtrot golf hotel.</p><p>India <em>juliet</em> kilo.</p><p>Lima mike november oscar papa quebec romeo.</p>',
    );
    const index = buildTextIndexSync(root);
    const em = root.querySelector('em')!;
    const range = document.createRange();
    range.setStart(em.previousSibling!, 0);
    range.setEnd(em.nextSibling!, 6);
    const d = describeRange(index, range)!;
    expect(d.exact).toBe('India juliet kilo.');
    expect(d.prefix).toBe('harlie delta echo foxtrot golf hotel. '.slice(-32));
    expect(d.prefix).toHaveLength(32);
    expect(d.suffix).toBe(' Lima mike november oscar papa quebec'.slice(0, 32));
    expect(index.text.slice(d.position.start, d.position.end)).toBe(d.exact);
    // And it round-trips through anchoring.
    const [res] = anchorQuotesSync(root, [{ id: 'x', ...d, hint: d.position.start }], { index });
    expect(offsetsFromRange(index, res!.range!)).toEqual(d.position);
  });

  it('element boundary points and points inside hidden text map to the next visible text', () => {
    const root = html('<p id="a">one <span hidden>zzz</span>two</p><p id="b">three</p>');
    const index = buildTextIndexSync(root);
    expect(index.text).toBe('one two three');
    const range = document.createRange();
    range.setStart(root.querySelector('span')!.firstChild!, 1);
    range.setEnd(root.querySelector('#b')!, 1);
    expect(offsetsFromRange(index, range)).toEqual({ start: 4, end: 13 });
    range.selectNodeContents(root.querySelector('#b')!);
    expect(describeRange(index, range)?.exact).toBe('three');
  });

  it('textSegments lists only visible text, skipping hidden nodes inside the span', () => {
    const root = html('<p>alpha <span style="display:none">HIDDEN</span>beta <script>x()</script>gamma</p>');
    const index = buildTextIndexSync(root);
    const m = matchQuote(index.text, { exact: 'alpha beta gamma' })!;
    const segs = textSegments(index, m.start, m.end);
    expect(segs.map((s) => s.node.data.slice(s.start, s.end)).join('')).toBe('alpha beta gamma');
    expect(rangeFromOffsets(index, m.start, m.end).toString()).toContain('HIDDEN');
  });

  it('a stale index yields a valid range instead of throwing', () => {
    const root = html('<p>Some fairly long sentence lives here.</p>');
    const index = buildTextIndexSync(root);
    (root.querySelector('p')!.firstChild as Text).data = 'Short.';
    expect(() => rangeFromOffsets(index, 5, 30)).not.toThrow();
  });

  it('an empty index gives a collapsed range and orphans everything', () => {
    const root = html('<div><script>only code</script></div>');
    const index = buildTextIndexSync(root);
    expect(index.text).toBe('');
    expect(rangeFromOffsets(index, 0, 5).collapsed).toBe(true);
    expect(anchorQuotesSync(root, [{ id: 'a', exact: 'only code' }])[0]?.range).toBeNull();
  });
});

// ---------------------------------------------------------------------------
// property: any quote cut from text spread over random inline markup is found
// ---------------------------------------------------------------------------

const INLINE_TAGS = ['span', 'a', 'em', 'b', 'strong', 'i', 'code', 'mark', 'small'];

/** Spreads `text` over text nodes cut at `cuts`, each inside a random nest of inline wrappers. */
function spread(parent: Element, text: string, cuts: number[], wrappers: number[][]): void {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  let prev = 0;
  const pieces: string[] = [];
  for (const p of [...points, text.length]) {
    if (p > prev) pieces.push(text.slice(prev, p));
    prev = Math.max(prev, p);
  }
  pieces.forEach((piece, i) => {
    let host: Element = parent;
    for (const w of wrappers[i % Math.max(1, wrappers.length)] ?? []) {
      const el = document.createElement(INLINE_TAGS[w % INLINE_TAGS.length] as string);
      host.appendChild(el);
      host = el;
    }
    // Several adjacent text nodes, not just one, as scripts that edit pages leave behind.
    host.appendChild(document.createTextNode(piece));
  });
}

describe('property: quote found across random inline markup', () => {
  const unit = fc.constantFrom(
    'a', 'b', 'c', 'd', 'e', 'x', 'y', 'z', 'A', 'B', ' ', ' ', ' ', '\n', '\u00a0', '.', ',',
    '\u2019', "'", '\u201c', '"', '\u2014', '-', '\u00ad',
  );
  it('finds the quote and the range reads as the quote', () => {
    fc.assert(
      fc.property(
        fc.string({ unit, minLength: 1, maxLength: 120 }),
        fc.nat(),
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.array(fc.array(fc.nat(), { maxLength: 3 }), { maxLength: 6 }),
        (text, a, b, cuts, wrappers) => {
          const s = a % text.length;
          const e = s + 1 + (b % (text.length - s));
          const quote = text.slice(s, e);
          fc.pre(fold(quote).length > 0);
          document.body.innerHTML = '';
          const p = document.createElement('p');
          document.body.appendChild(p);
          spread(p, text, cuts, wrappers);
          const [res] = anchorQuotesSync(document.body, [{ id: 'q', exact: quote, hint: s }]);
          expect(res?.range).not.toBeNull();
          expect(res?.exactMatch).toBe(true);
          expect(fold(res!.range!.toString())).toBe(fold(quote));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('round-trips folded offsets through ranges on random markup', () => {
    fc.assert(
      fc.property(
        fc.string({ unit, minLength: 1, maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.array(fc.array(fc.nat(), { maxLength: 3 }), { maxLength: 5 }),
        fc.nat(),
        fc.nat(),
        (text, cuts, wrappers, a, b) => {
          document.body.innerHTML = '';
          const p = document.createElement('p');
          document.body.appendChild(p);
          spread(p, text, cuts, wrappers);
          const index = buildTextIndexSync(document.body);
          fc.pre(index.text.length > 0);
          const s = a % index.text.length;
          const e = s + 1 + (b % (index.text.length - s));
          const slice = index.text.slice(s, e);
          fc.pre(!slice.startsWith(' ') && !slice.endsWith(' '));
          const range = rangeFromOffsets(index, s, e);
          expect(offsetsFromRange(index, range)).toEqual({ start: s, end: e });
          expect(range.toString().replace(/[\s\u00a0]+/g, ' ')).toBe(slice);
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------
// async build: chunking, equality with sync, abort, mutation
// ---------------------------------------------------------------------------

function bigDocument(paragraphs: number): HTMLElement {
  const parts: string[] = ['<article>'];
  for (let i = 0; i < paragraphs; i++) {
    parts.push(
      `<p>Paragraph ${i} opens <a href="#${i}">with a link</a>, then <em>some emphasis</em> and ` +
        `<span>a closing span ${i}</span>.</p>`,
    );
  }
  parts.push('</article>');
  return html(parts.join(''));
}

function comparable(index: TextIndex): unknown {
  return {
    text: index.text,
    nodes: index.nodes.length,
    pieceFold: index.pieceFold,
    pieceNode: index.pieceNode,
    pieceRaw: index.pieceRaw,
    pieceRawEnd: index.pieceRawEnd,
    pieceKind: index.pieceKind,
    nodeFold: index.nodeFold,
  };
}

describe('buildTextIndex (async)', () => {
  it('yields to the event loop on a 20k-node DOM and equals the sync result', async () => {
    const root = bigDocument(2000); // 2000 × (p + 3 elements + 7 text nodes) ≈ 22k nodes
    expect(root.querySelectorAll('*').length + 2000 * 7).toBeGreaterThan(20000);
    const sync = buildTextIndexSync(root);
    const spy = vi.spyOn(globalThis, 'setTimeout');
    let otherTaskRan = false;
    setTimeout(() => {
      otherTaskRan = true;
    }, 0);
    const calls0 = spy.mock.calls.length;
    const index = await buildTextIndex(root, { yieldEvery: 1000, sliceMs: 0 });
    expect(spy.mock.calls.length - calls0).toBeGreaterThanOrEqual(20);
    expect(otherTaskRan).toBe(true);
    expect(comparable(index)).toEqual(comparable(sync));
  }, 60_000);

  it('with default time slicing still matches the sync result', async () => {
    const root = bigDocument(500);
    expect(comparable(await buildTextIndex(root))).toEqual(comparable(buildTextIndexSync(root)));
  }, 30_000);

  it('rejects when aborted', async () => {
    const root = bigDocument(500);
    const ctl = new AbortController();
    const p = buildTextIndex(root, { yieldEvery: 100, sliceMs: 0, signal: ctl.signal });
    ctl.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    await expect(anchorQuotes(root, [{ id: 'a', exact: 'x' }], { signal: ctl.signal })).rejects.toBeTruthy();
  });

  it('restarts when the page removes the node it paused on', async () => {
    const root = bigDocument(300);
    const real = globalThis.setTimeout;
    let mutated = false;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      if (!mutated) {
        mutated = true;
        // Drop everything after the first few paragraphs, including wherever the walk stopped.
        const ps = root.querySelectorAll('p');
        for (let i = 3; i < ps.length; i++) ps[i]!.remove();
      }
      return real(fn, ms);
    }) as typeof setTimeout);
    const index = await buildTextIndex(root, { yieldEvery: 50, sliceMs: 0 });
    expect(mutated).toBe(true);
    expect(comparable(index)).toEqual(comparable(buildTextIndexSync(root)));
  });
});

describe('index freshness', () => {
  it('an edit to text that was already read during an async build is picked up', async () => {
    const root = bigDocument(300);
    const first = root.querySelector('p')!.firstChild as Text;
    const real = globalThis.setTimeout;
    let edited = false;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      if (!edited) {
        edited = true;
        first.data = 'Rewritten while indexing. ';
      }
      return real(fn, ms);
    }) as typeof setTimeout);
    const index = await buildTextIndex(root, { yieldEvery: 50, sliceMs: 0 });
    expect(edited).toBe(true);
    expect(index.text.startsWith('Rewritten while indexing.')).toBe(true);
    expect(comparable(index)).toEqual(comparable(buildTextIndexSync(root)));
  });

  it('indexIsCurrent notices edited and removed text', () => {
    const root = html('<p>one</p><p>two</p>');
    const index = buildTextIndexSync(root);
    expect(indexIsCurrent(index)).toBe(true);
    (root.querySelector('p')!.firstChild as Text).data = 'uno';
    expect(indexIsCurrent(index)).toBe(false);
    const again = buildTextIndexSync(root);
    root.querySelectorAll('p')[1]!.remove();
    expect(indexIsCurrent(again)).toBe(false);
  });

  it('a range that starts or ends outside the root is clipped to it', () => {
    html('<p>before</p><article><p>inside text</p></article><p>after</p>');
    const article = document.querySelector('article')!;
    const index = buildTextIndexSync(article);
    const range = document.createRange();
    range.selectNode(article);
    expect(offsetsFromRange(index, range)).toEqual({ start: 0, end: index.text.length });
    range.setStart(document.body.firstChild!.firstChild!, 2);
    range.setEnd(document.body.lastChild!.firstChild!, 2);
    expect(offsetsFromRange(index, range)).toEqual({ start: 0, end: index.text.length });
  });
});

describe('anchorQuotes', () => {
  it('anchors, orphans and keeps order; async equals sync', async () => {
    const root = bigDocument(200);
    const selectors = [
      { id: 'exact', exact: 'Paragraph 150 opens with a link, then some emphasis and a closing span 150.' },
      { id: 'fuzzy', exact: 'Paragraph 77 opens with a link, then sme emphasis and a closing span 77.' },
      { id: 'orphan', exact: 'This sentence was never on the page at all, not even close.' },
      { id: 'wrong-number', exact: 'Paragraph 9999 opens with a link, then some emphasis and a closing span 9999.' },
    ];
    const asyncResults = await anchorQuotes(root, selectors, { sliceMs: 0 });
    const syncResults = anchorQuotesSync(root, selectors);
    expect(asyncResults.map((r) => r.id)).toEqual(selectors.map((s) => s.id));
    expect(asyncResults.map((r) => r.range === null)).toEqual([false, false, true, true]);
    expect(asyncResults.map((r) => r.score)).toEqual(syncResults.map((r) => r.score));
    expect(fold(asyncResults[0]!.range!.toString())).toBe(selectors[0]!.exact);
    expect(fold(asyncResults[1]!.range!.toString())).toBe(
      'Paragraph 77 opens with a link, then some emphasis and a closing span 77.',
    );
    expect(asyncResults[1]!.score).toBeLessThan(1);
  });

  // Speed is measured by the benchmarks (npm run bench); this checks the answers on a big page.
  it('1 MB of text: async and sync indexes agree, exact and fuzzy quotes anchor, orphans stay orphans', async () => {
    const paragraphs: string[] = [];
    const sentences: string[] = [];
    let size = 0;
    for (let i = 0; size < 1_050_000; i++) {
      const s1 = `Report ${i} notes that the regional council in district ${i % 97} approved a budget of ${i * 13} thousand.`;
      const s2 = `Critics of plan ${i} said the <a href="#">consultation</a> had been <em>far too short</em> for residents.`;
      const s3 = `Officials for area ${i} expect work to begin <span>before the end</span> of the coming season.`;
      paragraphs.push(`<p>${s1} ${s2} ${s3}</p>`);
      sentences.push(s1);
      size += `${s1} ${s2} ${s3} `.replace(/<[^>]+>/g, '').length;
    }
    const root = html(`<article>${paragraphs.join('')}</article>`);
    const pick = (i: number) => sentences[Math.floor((i * sentences.length) / 10)] as string;
    const selectors = [
      ...[0, 2, 4, 6, 8].map((i) => ({ id: `exact${i}`, exact: pick(i) })),
      ...[1, 3, 5].map((i) => ({ id: `fuzzy${i}`, exact: pick(i).replace('approved', 'aproved').replace('regional', 'regonal') })),
      { id: 'orphan1', exact: 'A claim that nobody ever made on this page about anything at all.' },
      { id: 'orphan2', exact: pick(7).replace(/budget of \d+/, 'budget of 123456789') },
    ];
    const sync = buildTextIndexSync(root);
    expect(sync.text.length).toBeGreaterThan(1_000_000);
    anchorQuotesSync(root, selectors, { index: sync, timeoutMs: 20_000 });
    const index = await buildTextIndex(root);
    // Time bound raised so a loaded CI machine cannot turn a slow fuzzy search into an orphan.
    const results = await anchorQuotes(root, selectors, { index, timeoutMs: 20_000 });
    const inline = buildTextIndexSync(root, { visibility: 'inline' });
    expect(inline.text).toBe(index.text);
    expect(index.text.length).toBeGreaterThan(1_000_000);
    expect(results.map((r) => r.range !== null)).toEqual([true, true, true, true, true, true, true, true, false, false]);
    expect(results.slice(5, 8).every((r) => !r.exactMatch && r.score < 1)).toBe(true);
  }, 60_000);
});

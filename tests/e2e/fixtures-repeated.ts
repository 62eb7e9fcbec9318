/**
 * News-page shapes that repeat a flagged sentence outside the article's own
 * text, built around a seed report: a teaser placed before the article in
 * DOM order (CSS order shows it after), a pull quote inside the article, a
 * related card after it, a photo caption with the sentence, the article's
 * copy split by <a>, <em> and <br> with a plain teaser copy before it, and
 * the article arriving two seconds after the page, its teaser already there.
 * Each page's findings are the engine's on its markup (analysisOf), so the
 * suite can check the browser paints exactly those, on the article's copy.
 */
import { escapeHtml } from '../../scripts/news-site';
import type { Finding } from '../../lib/schema';
import { articleBody, expectedFindings, htmlDocument, jsLiteral, seedHeadline, seedPage } from './fixtures-common';

export interface RepeatedShape {
  name: string;
  /** File name under the fixtures dir. */
  file: string;
  html: string;
  /** The markup as it stands once the page has settled, which is what the findings are computed on. */
  settled: string;
}

/** The seed whose flagged sentences the pages repeat. */
const SEED = '001';

/** Elements the copies outside the article's own text sit in: a highlight inside one is on the wrong copy. */
export const COPY_SELECTOR = '.teaser-rail, .pullquote, .related-card, figure, nav.teasers';

/** The sentence of the seed's first finding with claim words of their own, and those words. */
export function flaggedSentence(findings: readonly Finding[]): Finding {
  const f = findings.find((x) => x.kind !== 'provenance' && x.claim && x.claim.surface.length < x.sentence.text.length);
  if (!f) throw new Error(`seed ${SEED} has no finding on a part of a sentence`);
  return f;
}

/** The sentence's markup with the claim's words in a link, one other word emphasised and a line break in the middle. */
function splitMarkup(sentence: string, words: string): string {
  const at = sentence.indexOf(words);
  const before = escapeHtml(sentence.slice(0, at));
  const after = sentence.slice(at + words.length);
  const half = after.indexOf(' ', Math.floor(after.length / 2));
  const tail = half > 0 ? `${escapeHtml(after.slice(0, half))}<br>\n${escapeHtml(after.slice(half + 1))}` : escapeHtml(after);
  const lead = before.replace(/(\S+)(\s*)$/, '<em>$1</em>$2');
  return `${lead}<a href="#profile">${escapeHtml(words)}</a>${tail}`;
}

export function repeatedShapes(): { shapes: RepeatedShape[]; flagged: Finding } {
  const page = seedPage(SEED);
  const title = seedHeadline(page);
  const plain = htmlDocument(title, `<article>\n${articleBody(page)}\n</article>`);
  const flagged = flaggedSentence(expectedFindings(plain, 'http://127.0.0.1/fixtures/plain.html'));
  const sentence = flagged.sentence.text;
  const quoted = `<p>${escapeHtml(sentence)}</p>`;
  const article = (paragraph?: (text: string, markup: string) => string | null) => `<article>\n${articleBody(page, { paragraph })}\n</article>`;
  const withSentence = (text: string) => text.includes(sentence);

  const shapes: Array<Omit<RepeatedShape, 'settled'> & { settled?: string }> = [
    {
      name: 'a teaser before the article in DOM order, shown after it by CSS order',
      file: 'repeated-teaser-first.html',
      html: htmlDocument(
        title,
        `<div style="display:flex;flex-direction:column">\n<aside class="teaser-rail" style="order:2"><h2>More on this story</h2><a href="#more">${quoted}</a></aside>\n<div style="order:1">${article()}</div>\n</div>`,
      ),
    },
    {
      name: 'a pull quote inside the article',
      file: 'repeated-pull-quote.html',
      html: htmlDocument(
        title,
        article((text, markup) => (withSentence(text) ? `<aside class="pullquote"><p>${escapeHtml(sentence)}</p></aside>\n<p>${markup}</p>` : null)),
      ),
    },
    {
      name: 'a related card after the article',
      file: 'repeated-related-card.html',
      html: htmlDocument(title, `${article()}\n<section class="related"><h2>Related</h2><div class="related-card"><h3>${escapeHtml(title)}</h3>${quoted}</div></section>`),
    },
    {
      name: 'a photo caption with the same sentence',
      file: 'repeated-caption.html',
      html: htmlDocument(
        title,
        article((text, markup) =>
          withSentence(text) ? `<figure><img alt="" width="600" height="80" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><figcaption>${escapeHtml(sentence)}</figcaption></figure>\n<p>${markup}</p>` : null,
        ),
      ),
    },
    {
      name: 'the article copy split by <a>, <em> and <br>, a plain teaser copy before it',
      file: 'repeated-split.html',
      html: htmlDocument(
        title,
        `<nav class="teasers"><ul><li><a href="#t">${escapeHtml(sentence)}</a></li></ul></nav>\n${article((text) => {
          if (!withSentence(text)) return null;
          const at = text.indexOf(sentence);
          return `<p>${escapeHtml(text.slice(0, at))}${splitMarkup(sentence, flagged.claim!.surface)}${escapeHtml(text.slice(at + sentence.length))}</p>`;
        })}`,
      ),
    },
    {
      name: 'the article arriving 2 s after the page, its teaser there from the start',
      file: 'repeated-late.html',
      html: htmlDocument(
        title,
        `<aside class="teaser-rail"><h2>Coming up</h2>${quoted}</aside>\n<main id="story"></main>\n<script>setTimeout(function () { document.getElementById('story').innerHTML = ${jsLiteral(article())}; }, 2000);</script>`,
      ),
      settled: htmlDocument(title, `<aside class="teaser-rail"><h2>Coming up</h2>${quoted}</aside>\n<main id="story">${article()}</main>`),
    },
  ];
  return { shapes: shapes.map((s) => ({ ...s, settled: s.settled ?? s.html })), flagged };
}

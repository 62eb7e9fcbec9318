/**
 * Test pages for the highlight suite, generated from the seed texts at test
 * time (nothing about the seeds is copied into git), and what the engine says
 * each page should get.
 *
 * One page per shape and seed: plain, a news-site template with the flagged
 * sentences cut up by inline elements, an article inserted after load, a
 * single-page app swapping two articles, a page quoting a flagged sentence a
 * second time outside the article, and a page that rewrites a flagged sentence
 * once it has been highlighted.
 *
 *   npx tsx tests/e2e/fixtures-gen.ts DIR   writes the pages to DIR/highlights/ to look at
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { escapeHtml, type SeedPage } from '../../scripts/news-site';
import { articleBody as seedArticleBody, expectedFindings, htmlDocument, jsLiteral, seedHeadline, seedPage, seedPages } from './fixtures-common';

export const SHAPES = ['plain', 'news', 'late', 'spa', 'duplicate', 'edited'] as const;
export type Shape = (typeof SHAPES)[number];
/** The two seeds the pages are built from: 003 (knowledge-base conflicts only), 002 (a conflict and provenance). */
export const SEEDS = ['003', '002'] as const;
export type SeedKey = (typeof SEEDS)[number];

export interface PageState {
  /** Path under /fixtures/, with the query the page has in this state. */
  path: string;
  /** The document as it stands in this state (after the late insert, after the SPA swap), for the engine. */
  html: string;
}

export interface Fixture {
  shape: Shape;
  /** The seed(s) the page shows, in the order it shows them. */
  seeds: SeedKey[];
  /** The first state is the page as loaded (for `late`: once the article is in). */
  states: PageState[];
  /** `duplicate`: the sentence quoted a second time, in the related box. */
  decoy?: string;
  /** `edited`: the flagged sentence and what `crosscheckFixture.rewrite()` turns it into. */
  edit?: { from: string; to: string };
}

const DIR = 'highlights';

/**
 * What `crosscheckFixture.rewrite()` does to each seed's flagged sentence.
 * 003: only the name changes, so the rewrite stays within the fuzzy matcher's
 * edit budget: the lookalike that must not inherit the highlight. 002: the
 * sentence is reworded beyond recognition.
 */
const EDITS: Record<SeedKey, { contains: string; rewrite: (s: string) => string }> = {
  '003': { contains: 'President Harris', rewrite: (s) => s.replace('President Harris monitoring', 'President Trump following') },
  '002': {
    contains: 'The Biden administration is dispatching',
    rewrite: () => 'Washington is sending more negotiators to Cairo, hoping to move the talks on a truce, the hostages and aid for Gaza forward.',
  },
};

function headline(key: SeedKey): string {
  return seedHeadline(seedPage(key));
}

// ---------------------------------------------------------------------------
// Markup

/** Turns one flagged sentence into markup that renders as the same text. */
type Decorate = (sentence: string, n: number) => string;

const plainSentence: Decorate = (s) => escapeHtml(s);

/**
 * The ways a news CMS cuts a sentence up, by the sentence's position among
 * the flagged ones: links, emphasis and spans (one boundary inside a word),
 * a <br> in place of a space, and source-formatting newlines between inline
 * elements.
 */
const newsSentence: Decorate = (s, n) => {
  const words = s.split(' ');
  if (words.length < 4) return `<strong>${escapeHtml(s)}</strong>`;
  const q = (i: number) => Math.max(1, Math.round((words.length * i) / 4));
  const part = (a: number, b: number) => escapeHtml(words.slice(a, b).join(' '));
  const [a, b, c] = [q(1), q(2), q(3)];
  switch (n % 3) {
    case 0: {
      // The span closes in the middle of a word: "Ka</span>mel".
      const last = words.slice(c).join(' ');
      const cut = Math.max(1, Math.floor(last.length / 2));
      return `${part(0, a)} <a href="#related">${part(a, b)}</a> <em>${part(b, c)}</em> <span class="kicker">${escapeHtml(last.slice(0, cut))}</span>${escapeHtml(last.slice(cut))}`;
    }
    case 1:
      return `${part(0, a)} <em>${part(a, b)}</em><br>${part(b, c)} <a href="#related">${part(c, words.length)}</a>`;
    default:
      return `<span class="lead">${part(0, a)}</span>\n        <a href="#related">${part(a, c)}</a>\n        ${part(c, words.length)}`;
  }
};

/** Block text with each flagged sentence replaced by its markup; the rest escaped. */
function renderText(text: string, flagged: readonly string[], decorate: Decorate, counter: { n: number }): string {
  let out = '';
  let rest = text;
  for (;;) {
    let at = -1;
    let hit = '';
    for (const s of flagged) {
      const i = rest.indexOf(s);
      if (i !== -1 && (at === -1 || i < at)) [at, hit] = [i, s];
    }
    if (at === -1) return out + escapeHtml(rest);
    out += escapeHtml(rest.slice(0, at)) + decorate(hit, counter.n++);
    rest = rest.slice(at + hit.length);
  }
}

/** The seed's blocks as article markup (headline, byline, subheads, paragraphs, lists), each flagged sentence decorated. */
function articleBody(key: SeedKey, flagged: readonly string[] = [], decorate: Decorate = plainSentence): string {
  const counter = { n: 0 };
  return seedArticleBody(seedPage(key), { text: (t) => renderText(t, flagged, decorate, counter), byline: true });
}

const NEWS_STYLE = `
body{margin:0;max-width:none;font:17px/1.6 Georgia,serif;background:#f4f2ee}
.masthead{background:#7a2b1d;color:#fff;padding:12px 24px}
.masthead a{color:#fff;margin-right:16px;font:600 13px system-ui,sans-serif;text-transform:uppercase;text-decoration:none}
.brand{font:700 26px system-ui,sans-serif!important;text-transform:none!important;display:block;margin-bottom:6px}
.ad{margin:16px auto;max-width:970px;height:90px;display:flex;align-items:center;justify-content:center;background:#e4e1db;color:#8a857c;font:11px system-ui,sans-serif;letter-spacing:2px}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 260px;gap:28px;max-width:1100px;margin:0 auto;padding:0 24px 32px}
main{background:#fff;padding:24px 36px}
.kicker{color:#7a2b1d}
.byline{font:600 14px system-ui,sans-serif;color:#555}
aside{font:15px/1.4 system-ui,sans-serif}
aside li{padding:8px 0;border-bottom:1px solid #ddd;list-style:none}
.comments{margin-top:32px;border-top:4px solid #eee;font:15px system-ui,sans-serif}
footer{background:#222;color:#bbb;padding:20px;text-align:center;font:13px system-ui,sans-serif}
`;

function teaser(page: SeedPage): string {
  const first = page.blocks.find((b) => b.kind === 'paragraph')?.text ?? '';
  return page.title ?? `${first.slice(0, 80).replace(/\s+\S*$/, '')}…`;
}

/** An outlet's page around the article: masthead, nav, ads, related links, comments, footer. */
function newsPage(key: SeedKey, flagged: readonly string[]): string {
  const page = seedPage(key);
  const others = seedPages().filter((p) => p.id !== page.id);
  const body = `<header class="masthead">
<a class="brand" href="/">${escapeHtml(page.outlet)}</a>
<nav aria-label="Sections"><a href="#">World</a><a href="#">Politics</a><a href="#">Business</a><a href="#">Opinion</a><a href="#">Sport</a></nav>
</header>
<div class="ad" role="complementary" aria-label="Advertisement">ADVERTISEMENT</div>
<div class="layout">
<main>
<article>
${articleBody(key, flagged, newsSentence)}
</article>
<section class="comments" aria-label="Comments">
<h2>Comments (2)</h2>
<p><b>reader_41</b>: Talks in Cairo again. We will believe it when we see it.</p>
<p><b>M. Haddad</b>: Good summary, thanks. Any word on the aid corridors?</p>
<form><label>Your comment <textarea></textarea></label> <button type="button">Post</button></form>
</section>
</main>
<aside class="related" aria-label="Related coverage">
<h2>Related</h2>
<ul>
${others.map((p) => `<li><a href="#">${escapeHtml(teaser(p))}</a></li>`).join('\n')}
</ul>
<div class="ad" style="height:250px">ADVERTISEMENT</div>
</aside>
</div>
<footer>&copy; ${escapeHtml(page.outlet)} · <a href="#">About</a> · <a href="#">Contact</a> · <a href="#">Privacy</a></footer>`;
  return htmlDocument(
    `${headline(key)} | ${page.outlet}`,
    body,
    { head: `<link rel="canonical" href="${escapeHtml(page.originalUrl)}">\n<meta property="og:site_name" content="${escapeHtml(page.outlet)}">\n<style>${NEWS_STYLE}</style>\n` },
  );
}

function plainPage(key: SeedKey): string {
  return htmlDocument(headline(key), `<article>\n${articleBody(key)}\n</article>`);
}

/**
 * The body holds only the script at load; the article arrives 1 s after the
 * load event, as on pages that fetch their story client-side.
 */
function latePage(key: SeedKey): { html: string; settled: string } {
  const article = `<article>\n${articleBody(key)}\n</article>`;
  const script = `<script>
addEventListener('load', () => setTimeout(() => {
  const paintedBefore = [...CSS.highlights.keys()].filter((k) => k.startsWith('crosscheck-')).length;
  document.body.insertAdjacentHTML('beforeend', ${jsLiteral(article)});
  window.crosscheckFixture = { insertedAt: Date.now(), paintedBefore };
}, 1000));
</script>`;
  return { html: htmlDocument(headline(key), script), settled: htmlDocument(headline(key), `${script}\n${article}`) };
}

/** Two stories behind two links; a click swaps <main> and the title and pushes the story's URL. */
function spaPage(keys: readonly SeedKey[]): { html: string; states: { key: SeedKey; html: string }[] } {
  const stories = Object.fromEntries(keys.map((k) => [k, { title: headline(k), html: `<article>\n${articleBody(k)}\n</article>` }]));
  const nav = `<nav class="stories" aria-label="Stories">${keys
    .map((k) => `<a href="?story=${k}" data-story="${k}">${escapeHtml(headline(k))}</a>`)
    .join(' · ')}</nav>`;
  const script = `<script>
const stories = ${jsLiteral(stories)};
function show(key) {
  document.title = stories[key].title;
  document.getElementById('app').innerHTML = stories[key].html;
}
document.querySelector('nav.stories').addEventListener('click', (e) => {
  const a = e.target.closest('a[data-story]');
  if (!a) return;
  e.preventDefault();
  history.pushState({ story: a.dataset.story }, '', a.href);
  show(a.dataset.story);
});
addEventListener('popstate', () => show(new URLSearchParams(location.search).get('story') || ${jsLiteral(keys[0])}));
</script>`;
  const render = (k: SeedKey) => htmlDocument(stories[k]!.title, `${nav}\n<main id="app">${stories[k]!.html}</main>\n${script}`);
  return { html: render(keys[0]!), states: keys.map((k) => ({ key: k, html: render(k) })) };
}

/** The flagged sentence quoted again, with other words around it, in a box that comes before the article. */
function duplicatePage(key: SeedKey, sentence: string): string {
  const box = `<aside class="related" aria-label="From the archive">
<h2>From the archive</h2>
<p>Our earlier report put it this way: “${escapeHtml(sentence)}” Readers wrote in to question it.</p>
</aside>`;
  return htmlDocument(headline(key), `${box}\n<article>\n${articleBody(key)}\n</article>`);
}

/** The plain page, plus a hook the test calls once the highlights are up: the sentence is rewritten in place. */
function editedPage(key: SeedKey, from: string, to: string): string {
  const script = `<script>
window.crosscheckFixture = {
  rewrite() {
    const from = ${jsLiteral(from)};
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      // Replacing the node's data in place, as an editor's correction would: no nodes come or go.
      if (n.data.includes(from)) { n.data = n.data.replace(from, ${jsLiteral(to)}); return true; }
    }
    return false;
  },
};
</script>`;
  return htmlDocument(headline(key), `<article>\n${articleBody(key)}\n</article>\n${script}`);
}

// ---------------------------------------------------------------------------

const path = (file: string, query = '') => `${DIR}/${file}${query}`;
/** What the engine would flag on a page: analysed at a stand-in URL, for choosing what to cut up. */
const flaggedOn = (html: string) => expectedFindings(html, 'http://127.0.0.1/fixtures/highlights/probe.html').map((f) => f.sentence.text);

/** Writes every page to `dir`/highlights/ and describes them. */
export function writeHighlightFixtures(dir: string): Fixture[] {
  mkdirSync(join(dir, DIR), { recursive: true });
  const fixtures: Fixture[] = [];
  const write = (file: string, html: string) => writeFileSync(join(dir, DIR, file), html);

  for (const key of SEEDS) {
    const plain = plainPage(key);
    const flagged = flaggedOn(plain);
    if (!flagged.length) throw new Error(`seed ${key}: the engine flags nothing on its plain page, so there is nothing to test`);
    write(`plain-${key}.html`, plain);
    fixtures.push({ shape: 'plain', seeds: [key], states: [{ path: path(`plain-${key}.html`), html: plain }] });

    const news = newsPage(key, flagged);
    write(`news-${key}.html`, news);
    fixtures.push({ shape: 'news', seeds: [key], states: [{ path: path(`news-${key}.html`), html: news }] });

    const late = latePage(key);
    write(`late-${key}.html`, late.html);
    fixtures.push({ shape: 'late', seeds: [key], states: [{ path: path(`late-${key}.html`), html: late.settled }] });

    const edit = EDITS[key];
    const from = flagged.find((s) => s.includes(edit.contains));
    if (!from) throw new Error(`seed ${key}: no flagged sentence contains "${edit.contains}"; flagged: ${JSON.stringify(flagged)}`);

    const duplicate = duplicatePage(key, from);
    write(`duplicate-${key}.html`, duplicate);
    fixtures.push({ shape: 'duplicate', seeds: [key], states: [{ path: path(`duplicate-${key}.html`), html: duplicate }], decoy: from });

    const to = edit.rewrite(from);
    const edited = editedPage(key, from, to);
    write(`edited-${key}.html`, edited);
    fixtures.push({ shape: 'edited', seeds: [key], states: [{ path: path(`edited-${key}.html`), html: edited }], edit: { from, to } });
  }

  const spa = spaPage(SEEDS);
  write('spa.html', spa.html);
  fixtures.push({
    shape: 'spa',
    seeds: [...SEEDS],
    states: spa.states.map((s) => ({ path: path('spa.html', `?story=${s.key}`), html: s.html })),
  });
  return fixtures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npx tsx tests/e2e/fixtures-gen.ts DIR');
    process.exit(2);
  }
  for (const f of writeHighlightFixtures(dir)) console.log(`${f.shape.padEnd(10)} ${f.states.map((s) => join(dir, s.path)).join('  ')}`);
}

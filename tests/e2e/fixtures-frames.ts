/**
 * Pages for the worker-restart and frames/shadow-DOM suites, generated from
 * the seed texts at test time (nothing of the seeds is copied into git):
 *
 * - article-<seed>.html: the seed's article on a plain page, which gets
 *   findings when it is the top document.
 * - frames.html: that article with open shadow roots in and around it (one
 *   holds a copy of a flagged sentence, one slots a paragraph of the
 *   article, one is nested in another) and 30 iframes: same-origin srcdoc,
 *   same-origin src, another port (another origin), nested up to three
 *   deep, and one written by script into about:blank. Several frames hold
 *   the article or a flagged sentence, so a content script that ran in
 *   them would have something to paint. Every frame's own script reports to
 *   the top page when it runs and answers a ping later, so the page can
 *   tell its frames still work once the extension has been through.
 *
 *   npx tsx tests/e2e/fixtures-frames.ts DIR   writes the pages to DIR/frames/ to look at
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { escapeHtml } from '../../scripts/news-site';
import { articleBody, expectedFindings, htmlDocument, jsLiteral, seedHeadline, seedPage } from './fixtures-common';
import type { Finding } from '../../lib/schema';

export const FRAMES_DIR = 'frames';

/** A little wider than the highlight pages, for the rows of embeds. */
const STYLE = 'body{font:17px/1.6 Georgia,serif;max-width:760px;margin:24px auto;padding:0 20px;color:#1d1d1f}iframe{width:100%;height:120px;border:1px solid #ccc}';

export interface ArticlePage {
  /** Path under /fixtures/. */
  path: string;
  html: string;
}

/** The seed's article alone on a page: what the restart suite loads. */
export function articlePage(key: string): ArticlePage {
  const page = seedPage(key);
  return {
    path: `${FRAMES_DIR}/article-${key}.html`,
    html: htmlDocument(seedHeadline(page), `<article>\n${articleBody(page)}\n</article>\n${FRAME_SCRIPT}`, { style: STYLE }),
  };
}

/**
 * What every frame document runs: it reports to the top page that its
 * script ran, and answers the top page's pings. Harmless on a top-level
 * page (top is itself there).
 */
const FRAME_SCRIPT = `<script>
(() => {
  let pings = 0;
  addEventListener('message', (e) => {
    if (e.data !== 'crosscheck-fixture-ping') return;
    pings++;
    document.documentElement.dataset.pings = String(pings);
    top.postMessage({ fixture: 'pong', name: window.name, pings }, '*');
  });
  if (top !== window) top.postMessage({ fixture: 'ready', name: window.name, url: location.href }, '*');
})();
</script>`;

/** A small frame document; `inner` is its body markup (trusted: written by this file). */
function frameDoc(inner: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>${inner}${FRAME_SCRIPT}</body></html>`;
}

export interface FramesFixture {
  /** The top page, under /fixtures/. */
  path: string;
  html: string;
  /** Every frame's window.name, nested ones included. */
  frameNames: string[];
  /** The flagged sentence a shadow root of the top page holds a copy of. */
  shadowCopy: string;
  /** The flagged sentence inside the paragraph a web component slots. */
  slotted: string;
  /** Every file to write, the top page's included: path under /fixtures/ → markup. */
  files: Map<string, string>;
}

/**
 * Builds the frames page for `key`. `otherOrigin` is the same fixtures folder
 * served on another port (a different origin); `flagged` are sentences the
 * engine flags on the seed's article page, in article order.
 */
export function framesPage(key: string, otherOrigin: string, flagged: readonly string[]): FramesFixture {
  const page = seedPage(key);
  const [shadowCopy, slotted] = flagged.length >= 2 ? [flagged[0]!, flagged[1]!] : [flagged[0]!, flagged[0]!];
  if (!shadowCopy) throw new Error(`seed ${key}: nothing flagged on its article page`);
  const files = new Map<string, string>();
  const names: string[] = [];
  const article = articlePage(key);
  files.set(article.path, article.html);
  const framePath = `${FRAMES_DIR}/frame.html`;
  files.set(framePath, frameDoc('<p>An ordinary embedded document: a poll, a map, a video player.</p>'));
  const nestedPath = `${FRAMES_DIR}/nested.html`;
  // Two levels below it: a srcdoc frame holding a flagged sentence, inside which the article page itself.
  files.set(
    nestedPath,
    frameDoc(
      `<p>Embedded player with its own embeds.</p><iframe name="nested-srcdoc" srcdoc="${escapeHtml(
        frameDoc(`<p>${escapeHtml(shadowCopy)}</p><iframe name="nested-deep-article" src="/fixtures/${article.path}"></iframe>`),
      )}"></iframe>`,
    ),
  );
  names.push('nested-srcdoc', 'nested-deep-article');

  const iframes: string[] = [];
  const frame = (name: string, attrs: string) => {
    names.push(name);
    iframes.push(`<iframe name="${name}" title="${name}" ${attrs}></iframe>`);
  };
  // Same-origin srcdoc: about:srcdoc documents, some with text the engine would flag.
  frame('srcdoc-article', `srcdoc="${escapeHtml(frameDoc(`<article>${articleBody(page)}</article>`))}"`);
  frame('srcdoc-sentence', `srcdoc="${escapeHtml(frameDoc(`<p>${escapeHtml(slotted)}</p>`))}"`);
  for (let i = 1; i <= 6; i++) frame(`srcdoc-${i}`, `srcdoc="${escapeHtml(frameDoc(`<p>Sponsored box ${i}: unrelated text.</p>`))}"`);
  frame(
    'srcdoc-with-src',
    `srcdoc="${escapeHtml(frameDoc(`<p>A frame with a frame.</p><iframe name="srcdoc-child-article" src="/fixtures/${article.path}"></iframe>`))}"`,
  );
  names.push('srcdoc-child-article');
  // Same-origin src: the test server.
  frame('src-article', `src="/fixtures/${article.path}"`);
  for (let i = 1; i <= 8; i++) frame(`src-${i}`, `src="/fixtures/${framePath}?n=${i}"`);
  frame('src-nested', `src="/fixtures/${nestedPath}"`);
  // Another port: another origin.
  frame('other-origin-article', `src="${otherOrigin}/fixtures/${article.path}"`);
  for (let i = 1; i <= 3; i++) frame(`other-origin-${i}`, `src="${otherOrigin}/fixtures/${framePath}?n=${i}"`);
  frame('other-origin-nested', `src="${otherOrigin}/fixtures/${nestedPath}"`);
  names.push('nested-srcdoc', 'nested-deep-article');
  // An empty frame the page writes into itself, as ad code does.
  frame('written', 'src="about:blank"');

  const body = `<header><nav aria-label="Sections"><a href="#">World</a> · <a href="#">Politics</a></nav></header>
<main>
<article>
${articleBody(page, {
  // The paragraph with the slotted sentence goes inside a web component.
  paragraph: (text, escaped) => (text.includes(slotted) ? `<news-paragraph><p>${escaped}</p></news-paragraph>` : null),
}).replace('</h1>', '</h1>\n<span class="reading-time" data-shadow="reading-time"></span>\n<div class="pull-quote" data-shadow="pull-quote"></div>')}
</article>
<section class="embeds" aria-label="Embeds">
${iframes.join('\n')}
</section>
</main>
<aside class="newsletter" data-shadow="newsletter" aria-label="Newsletter"></aside>
<script>
(() => {
  const state = window.crosscheckFixture;
  const written = document.querySelector('iframe[name="written"]').contentDocument;
  written.open();
  written.write(${jsLiteral(frameDoc(`<p>${escapeHtml(shadowCopy)}</p>`))});
  written.close();
  state.ping = () => {
    // window.frames and their frames are reachable across origins; postMessage is the only way in.
    const walk = (w) => { for (let i = 0; i < w.frames.length; i++) { w.frames[i].postMessage('crosscheck-fixture-ping', '*'); walk(w.frames[i]); } };
    walk(window);
  };

  customElements.define('news-paragraph', class extends HTMLElement {
    constructor() {
      super();
      // The paragraph stays in the light DOM and shows through the slot.
      this.attachShadow({ mode: 'open' }).innerHTML = '<style>:host{display:block;border-left:3px solid #999;padding-left:12px}</style><slot></slot>';
    }
  });
  const shadow = (name, html) => {
    const root = document.querySelector('[data-shadow="' + name + '"]').attachShadow({ mode: 'open' });
    root.innerHTML = html;
    return root;
  };
  shadow('reading-time', '<small>4 min read</small>');
  shadow('pull-quote', '<blockquote class="quote"></blockquote>').querySelector('.quote').textContent = ${jsLiteral(shadowCopy)};
  const letter = shadow('newsletter', '<h2>Newsletter</h2><p>The day\\'s news in your inbox every morning.</p><button type="button">Sign up</button><div class="inner-host"></div>');
  letter.querySelector('button').addEventListener('click', () => state.clicks++);
  letter.querySelector('.inner-host').attachShadow({ mode: 'open' }).innerHTML = '<p>Nested shadow text: terms and conditions apply.</p>';
  for (const host of document.querySelectorAll('[data-shadow], news-paragraph')) {
    state.shadowBefore[host.dataset.shadow || host.localName] = host.shadowRoot.innerHTML;
  }
})();
</script>`;
  const path = `${FRAMES_DIR}/frames-${key}.html`;
  // Listening from the <head>: a frame can load, and report, before the end of the body is parsed.
  const listen = `<script>
(() => {
  // The frames' reports, kept in script state: writing them into the page would change its text.
  const state = (window.crosscheckFixture = { ready: [], pongs: [], clicks: 0, shadowBefore: {} });
  addEventListener('message', (e) => {
    if (e.data?.fixture === 'ready') state.ready.push(e.data.name);
    if (e.data?.fixture === 'pong') state.pongs.push(e.data.name);
  });
})();
</script>
`;
  const html = htmlDocument(`${seedHeadline(page)} (with embeds)`, body, { head: listen, style: STYLE });
  files.set(path, html);
  return { path, html, frameNames: names, shadowCopy, slotted, files };
}

/** The sentences the engine flags on the seed's article page, in article order. */
export function flaggedOnArticle(key: string): Finding[] {
  const { html } = articlePage(key);
  return expectedFindings(html, `http://127.0.0.1/fixtures/${FRAMES_DIR}/probe.html`);
}

export function writeFiles(dir: string, files: Map<string, string>): void {
  for (const [path, html] of files) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), html);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npx tsx tests/e2e/fixtures-frames.ts DIR');
    process.exit(2);
  }
  const flagged = flaggedOnArticle('003').map((f) => f.sentence.text);
  const fx = framesPage('003', 'http://127.0.0.1:8081', flagged);
  writeFiles(dir, fx.files);
  console.log([...fx.files.keys()].map((p) => join(dir, p)).join('\n'));
  console.log(`${fx.frameNames.length} frames`);
}

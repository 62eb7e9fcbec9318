/**
 * What the fixture generators (fixtures-gen, fixtures-frames,
 * fixtures-hostile) build their pages from: the seed pages, a seed's article
 * as markup, the document around it, and the findings the engine gives a
 * page, so each suite's expectations come from the same engine run in Node.
 */
import { join } from 'node:path';
import { escapeHtml, readSeedPages, type SeedPage } from '../../scripts/news-site';
import { readSeedArticles } from '../../lib/corpus/seeds-node';
import { Engine } from '../../lib/engine';
import { extractFromHtml } from '../../lib/extract/html-node';
import { loadKnowledgeBase } from '../../lib/kb/index';
import { Settings, type Analysis, type Article, type Finding } from '../../lib/schema';
import { shownFindings } from '../../lib/settings';
import { ROOT } from './harness/paths';

// ---------------------------------------------------------------------------
// Seeds

let pages: SeedPage[] | null = null;

/** Every seed page, read once. */
export function seedPages(): SeedPage[] {
  pages ??= readSeedPages();
  return pages;
}

/** The seed page whose id starts with `key` ("003"). */
export function seedPage(key: string): SeedPage {
  const page = seedPages().find((p) => p.id.startsWith(`${key}_`));
  if (!page) throw new Error(`no seed ${key} in seeds/`);
  return page;
}

/** 003 has no headline of its own: its original URL's slug, in words. */
export function seedHeadline(page: SeedPage): string {
  return page.title ?? 'US envoy arrives in Egypt for Gaza peace talks';
}

// ---------------------------------------------------------------------------
// Markup

export interface BodyOptions {
  /** A block's text as markup; escaped as it is unless given. Called once per block, in order. */
  text?: (text: string) => string;
  /** Another markup for a paragraph, given its text and that text as markup; null keeps the <p>. */
  paragraph?: (text: string, markup: string) => string | null;
  /** Marks the byline's paragraph with class="byline", as a news template does. */
  byline?: boolean;
}

/** The seed's blocks as article markup: headline, subheads, paragraphs, lists. */
export function articleBody(page: SeedPage, options: BodyOptions = {}): string {
  const text = options.text ?? escapeHtml;
  const out = [`<h1>${escapeHtml(seedHeadline(page))}</h1>`];
  let list: string[] = [];
  const flush = () => {
    if (list.length) out.push(`<ul>\n${list.join('\n')}\n</ul>`);
    list = [];
  };
  for (const block of page.blocks) {
    if (block.kind === 'list-item') {
      list.push(`<li>${text(block.text)}</li>`);
      continue;
    }
    flush();
    // `text` may count what it marks up (fixtures-gen numbers the flagged sentences), so once per block.
    const markup = text(block.text);
    if (options.byline && block.text === page.byline) out.push(`<p class="byline">${markup}</p>`);
    else if (block.kind === 'heading') out.push(`<h2>${markup}</h2>`);
    else out.push(options.paragraph?.(block.text, markup) ?? `<p>${markup}</p>`);
  }
  flush();
  return out.join('\n');
}

export const PLAIN_STYLE = 'body{font:17px/1.6 Georgia,serif;max-width:720px;margin:32px auto;padding:0 20px;color:#1d1d1f}';

/** A whole page: `title` escaped, `body` and `head` (extra <head> markup) as they are, trusted. */
export function htmlDocument(title: string, body: string, { head = '', style = PLAIN_STYLE }: { head?: string; style?: string } = {}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${style}</style>
${head}</head>
<body>
${body}
</body>
</html>
`;
}

/** A script body that carries `value` as a JS literal, safe inside <script>. */
export function jsLiteral(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

// ---------------------------------------------------------------------------
// The engine, as the background runs it

let engine: Engine | null = null;
const DEFAULT_SETTINGS = Settings.parse({});

/** The background's analysis of `html` at `url` (same engine, KB and seed corpus), with `extra` articles in the corpus besides the seeds. */
export function analysisOf(html: string, url: string, extra: readonly Article[] = []): Analysis {
  const corpus = () => readSeedArticles(join(ROOT, 'seeds'));
  const e = extra.length ? new Engine(loadKnowledgeBase(), [...corpus(), ...extra]) : (engine ??= new Engine(loadKnowledgeBase(), corpus()));
  const page = extractFromHtml(html, url);
  const canonical = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1] ?? null;
  return e.analyse(page, { canonicalUrl: canonical ? new URL(canonical, url).href : null });
}

/**
 * The findings the content script would paint on `html` served at `url`: the
 * analysis filtered by the default settings, as the content script filters it.
 */
export function expectedFindings(html: string, url: string, extra: readonly Article[] = []): Finding[] {
  return shownFindings(analysisOf(html, url, extra).findings, DEFAULT_SETTINGS);
}

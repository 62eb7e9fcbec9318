/**
 * A page's DOM → ArticleText. Readability finds the article; this module turns
 * what it kept into ordered blocks whose text is what a reader sees on the
 * page, so sentences can later be anchored back into the live DOM by quoting.
 *
 * Runs in the content script (live page) and in Node (linkedom documents), so
 * it touches no browser globals: no `Node`, `DOMParser`, `window`.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import type { ArticleText, Block, BlockKind } from '../schema';
import { findPublicationDate } from './date';
import { isFurnitureLine } from './furniture';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Fallback paragraphs shorter than this are mostly menus, teasers and labels. */
const FALLBACK_MIN_CHARS = 40;

/**
 * Readability's run time grows much faster than linearly with nesting depth
 * (a 250-deep chain of divs took seconds in linkedom, 1000-deep minutes).
 * Real news pages measured 13–30 deep, so a page past this is hostile or
 * broken, and gets the paragraph fallback instead.
 */
const MAX_READABILITY_DEPTH = 200;

/**
 * Elements that start and end a run of text. Anything else is inline: its
 * text joins its neighbours', as it does on screen.
 */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr',
  'ul',
]);

/**
 * A table row reads as one line ("Herbert Dürr 16.6%"); cell by cell, its
 * numbers would be cut off from what they count and look like share counters.
 */
const CELL_TAGS = new Set(['td', 'th']);

/** Elements whose text is never shown as text (code, media fallbacks, form internals). */
const SKIP_TAGS = new Set([
  'audio', 'button', 'canvas', 'embed', 'head', 'iframe', 'input', 'link', 'math', 'meta', 'noscript', 'object',
  'option', 'script', 'select', 'style', 'svg', 'template', 'textarea', 'title', 'video',
]);

const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Letters or digits: a block without any is decoration ("•", "|", "—"). */
const HAS_WORD = /[\p{L}\p{N}]/u;

export function normaliseSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function tagOf(el: Element): string {
  return (el.localName || el.nodeName || '').toLowerCase();
}

interface BlockSink {
  blocks: Block[];
  furniture: string[];
}

function emit(sink: BlockSink, kind: BlockKind, raw: string): void {
  const text = normaliseSpace(raw);
  if (!text || !HAS_WORD.test(text)) return;
  if (isFurnitureLine(text)) sink.furniture.push(text);
  else sink.blocks.push({ kind, text });
}

/**
 * Walks `root` in document order and cuts its text at block boundaries, the
 * way a browser lays it out. Iterative, because pages can nest deep enough to
 * overflow a recursive walk, and this must never throw.
 */
function collectBlocks(root: Element, sink: BlockSink, baseKind: BlockKind = 'paragraph'): void {
  const kinds: BlockKind[] = [baseKind];
  let buffer = '';
  let bufferKind: BlockKind = baseKind;

  const currentKind = (): BlockKind => kinds[kinds.length - 1] ?? baseKind;
  const flush = (): void => {
    if (buffer) emit(sink, bufferKind, buffer);
    buffer = '';
  };
  const append = (text: string): void => {
    if (!buffer) bufferKind = currentKind();
    buffer += text;
  };
  const space = (): void => {
    if (buffer) buffer += ' ';
  };
  const open = (el: Element): void => {
    const tag = tagOf(el);
    if (CELL_TAGS.has(tag)) space();
    if (!BLOCK_TAGS.has(tag)) return;
    flush();
    kinds.push(HEADING_TAGS.has(tag) ? 'heading' : tag === 'li' ? 'list-item' : tag === 'figcaption' ? 'caption' : currentKind());
  };
  const close = (el: Element): void => {
    const tag = tagOf(el);
    if (CELL_TAGS.has(tag)) space();
    if (!BLOCK_TAGS.has(tag)) return;
    flush();
    kinds.pop();
  };

  open(root);
  let node: ChildNode | null = root.firstChild;
  while (node) {
    let descend = false;
    if (node.nodeType === ELEMENT_NODE) {
      const el = node as Element;
      const tag = tagOf(el);
      if (tag === 'br') {
        // A line break separates words on screen; without a space the two
        // lines' words would fuse into one.
        space();
      } else if (!SKIP_TAGS.has(tag)) {
        open(el);
        if (el.firstChild) descend = true;
        else close(el);
      }
    } else if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      const value = node.nodeValue ?? '';
      // Source indentation between blocks must not decide a block's kind.
      if (buffer || value.trim()) append(value);
    }

    if (descend) {
      node = node.firstChild;
      continue;
    }
    while (node && node !== root && !node.nextSibling) {
      const parent: ParentNode | null = node.parentNode;
      node = parent as ChildNode | null;
      if (node && node !== root && node.nodeType === ELEMENT_NODE) close(node as Element);
    }
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  close(root);
  flush();
}

// ---------------------------------------------------------------------------
// Page metadata, read from the live document without changing it

const META_NAME_ATTRIBUTES = ['property', 'name', 'http-equiv'];

/** The first non-empty content of a meta tag named by any of `keys`, in the order of `keys`. */
function metaContent(doc: Document, ...keys: string[]): string | null {
  const metas = Array.from(doc.getElementsByTagName('meta'));
  const named = (meta: Element, key: string): boolean =>
    META_NAME_ATTRIBUTES.some((attr) => meta.getAttribute(attr)?.trim().toLowerCase() === key);
  for (const key of keys.map((k) => k.toLowerCase())) {
    for (const meta of metas) {
      if (!named(meta, key)) continue;
      const content = normaliseSpace(meta.getAttribute('content') ?? '');
      if (content) return content;
    }
  }
  return null;
}

function nonEmpty(s: string | null | undefined): string | null {
  if (typeof s !== 'string') return null;
  const t = normaliseSpace(s);
  return t ? t : null;
}

function titleElementText(doc: Document): string | null {
  const el = doc.getElementsByTagName('title')[0];
  return nonEmpty(el?.textContent);
}

function relAuthor(doc: Document): string | null {
  for (const el of Array.from(doc.querySelectorAll('[rel~="author"]'))) {
    if (tagOf(el) === 'link') continue;
    const text = nonEmpty(el.textContent);
    if (text) return text;
  }
  return null;
}

function pageLanguage(doc: Document, fromReadability: string | null | undefined): string | null {
  const htmlLang = nonEmpty(doc.documentElement?.getAttribute('lang'));
  if (htmlLang) return htmlLang;
  const rLang = nonEmpty(fromReadability);
  if (rLang) return rLang;
  const contentLanguage = metaContent(doc, 'content-language');
  const first = contentLanguage?.split(',')[0];
  if (first && first.trim()) return first.trim();
  // og:locale writes en_GB for the language tag en-GB.
  const locale = metaContent(doc, 'og:locale');
  return locale ? locale.replace(/_/g, '-') : null;
}

function usableDocUrl(doc: Document): string | null {
  let u: unknown;
  try {
    u = doc.URL;
  } catch {
    return null;
  }
  if (typeof u !== 'string' || !u || u === 'about:blank') return null;
  return u;
}

function pageUrl(doc: Document, url: string | undefined): string {
  if (url) return url;
  const docUrl = usableDocUrl(doc);
  for (const link of Array.from(doc.querySelectorAll('link[rel~="canonical"][href]'))) {
    const href = link.getAttribute('href')?.trim();
    if (!href) continue;
    try {
      return new URL(href, docUrl ?? undefined).href;
    } catch {
      // A relative canonical with nothing to resolve it against is no use.
    }
  }
  return docUrl ?? '';
}

// ---------------------------------------------------------------------------

/** Iterative, so that the depth check cannot itself overflow the stack. */
function deeperThan(root: Element | null, limit: number): boolean {
  if (!root) return false;
  let depth = 0;
  let el: Element | null = root;
  while (el) {
    const child: Element | null = el.firstElementChild;
    if (child) {
      depth += 1;
      if (depth > limit) return true;
      el = child;
      continue;
    }
    while (el && el !== root && !el.nextElementSibling) {
      el = el.parentElement;
      depth -= 1;
    }
    if (!el || el === root) return false;
    el = el.nextElementSibling;
  }
  return false;
}

interface ReadabilityResult {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  content: Node;
}

/**
 * Readability rewrites the document it is given, so it gets a clone. The
 * identity serializer hands back its content element from that clone: no
 * HTML string is made and parsed again, so nothing in the article (scripts,
 * event handler attributes) ever gets a chance to run, and the live page is
 * never touched. A cloned document has no browsing context, so it loads no
 * images and runs no scripts either.
 */
function runReadability(doc: Document): ReadabilityResult | null {
  try {
    if (deeperThan(doc.documentElement, MAX_READABILITY_DEPTH)) return null;
    const clone = doc.cloneNode(true) as Document;
    const parsed = new Readability<Node>(clone, { serializer: (node) => node }).parse();
    if (!parsed || !parsed.content) return null;
    return {
      title: nonEmpty(parsed.title),
      byline: nonEmpty(parsed.byline),
      siteName: nonEmpty(parsed.siteName),
      lang: nonEmpty(parsed.lang),
      content: parsed.content,
    };
  } catch {
    // Readability depends on DOM details some implementations lack; the
    // paragraph fallback still gives the caller something.
    return null;
  }
}

function isHidden(el: Element): boolean {
  return el.closest('[hidden], [aria-hidden="true"]') !== null;
}

/** For pages Readability gives up on: every sizeable visible paragraph, in order. */
function fallbackBlocks(doc: Document, sink: BlockSink): void {
  for (const p of Array.from(doc.getElementsByTagName('p'))) {
    if (isHidden(p)) continue;
    const local: BlockSink = { blocks: [], furniture: [] };
    collectBlocks(p, local);
    for (const block of local.blocks) {
      if (block.text.length >= FALLBACK_MIN_CHARS) sink.blocks.push(block);
    }
    sink.furniture.push(...local.furniture);
  }
}

export function extractArticle(doc: Document, url?: string): ArticleText {
  const sink: BlockSink = { blocks: [], furniture: [] };
  const article = runReadability(doc);

  if (article && article.content.nodeType === ELEMENT_NODE) {
    try {
      collectBlocks(article.content as Element, sink);
    } catch {
      sink.blocks.length = 0;
      sink.furniture.length = 0;
    }
  }
  const readabilityGaveText = sink.blocks.length > 0;
  if (!readabilityGaveText) {
    try {
      fallbackBlocks(doc, sink);
    } catch {
      // Leave whatever was gathered.
    }
  }

  const safe = <T>(f: () => T, otherwise: T): T => {
    try {
      return f();
    } catch {
      return otherwise;
    }
  };

  const ogTitle = (): string | null => safe(() => metaContent(doc, 'og:title', 'twitter:title'), null);
  const titleElement = (): string | null => safe(() => titleElementText(doc), null);
  // Without Readability's article, the <title> is what names the page; it
  // also marks the result as coming from the fallback.
  const title = readabilityGaveText ? (article?.title ?? ogTitle() ?? titleElement()) : (titleElement() ?? ogTitle());
  const byline =
    article?.byline ??
    safe(() => metaContent(doc, 'author', 'parsely-author', 'sailthru.author', 'dc.creator'), null) ??
    safe(() => relAuthor(doc), null);
  const siteName = article?.siteName ?? safe(() => metaContent(doc, 'og:site_name', 'application-name'), null);
  const language = safe(() => pageLanguage(doc, article?.lang), null);
  const finalUrl = safe(() => pageUrl(doc, url), url ?? '');
  const publishedAt = safe(() => findPublicationDate(doc, finalUrl || undefined), null);

  // Readability lifts the byline out of the text, but it is on the page and later stages judge it
  // (an author disclosed as an AI): keep it as the first block, as the plain-text loader does.
  // Readability may also take the byline from metadata; only text that is in the page is kept,
  // and as the page renders it (a <br> inside the byline is a space there).
  const candidate = nonEmpty(article?.byline ?? null);
  const visibleByline = candidate ? safe(() => renderedByline(doc, candidate), null) : null;
  const blocks =
    visibleByline && !sink.blocks.some((b) => b.text.includes(visibleByline))
      ? [{ kind: 'paragraph' as const, text: visibleByline }, ...sink.blocks]
      : sink.blocks;

  return {
    url: finalUrl,
    title,
    byline,
    siteName,
    language,
    blocks,
    furniture: sink.furniture,
    publishedAt,
  };
}

const BYLINE_ELEMENTS = '[class*="byline" i], [class*="author" i], [id*="byline" i], [id*="author" i], [rel="author"], [itemprop*="author"]';

/** The byline's text as rendered, read from the element that holds it; null when the page does not show it. */
function renderedByline(doc: Document, byline: string): string | null {
  const squeeze = (t: string) => t.replace(/\s+/g, '');
  const target = squeeze(byline);
  for (const el of doc.querySelectorAll(BYLINE_ELEMENTS)) {
    if (squeeze(el.textContent ?? '') !== target) continue;
    const sink: BlockSink = { blocks: [], furniture: [] };
    collectBlocks(el, sink);
    return sink.blocks.map((b) => b.text).join(' ') || null;
  }
  return squeeze(doc.body?.textContent ?? '').includes(target) ? byline : null;
}

/** Cheap pre-check before a full extraction; never throws. */
export function isProbablyArticle(doc: Document): boolean {
  try {
    return isProbablyReaderable(doc);
  } catch {
    return false;
  }
}

/**
 * HTML string → ArticleText via linkedom: in Node (CLI, tests) and in the
 * extension's background, which extracts the markup the content script sends
 * (a service worker has no DOMParser). Kept apart from ./index so the content
 * script and extension pages, which have a real DOM, never pull in linkedom.
 */
import { parseHTML } from 'linkedom';
import type { ArticleText } from '../schema';
import { extractArticle } from './dom';
import { dateFromUrl } from './date';

/**
 * Markup as an inert document (nothing in it runs or loads), or null when
 * linkedom gives up on it. Parsing is quick next to extraction (Readability):
 * a caller can measure the document before deciding to extract from it.
 */
export function parseHtmlDocument(html: string): Document | null {
  try {
    // linkedom's Document is its own class; it implements the parts of the
    // DOM that extraction reads.
    return parseHTML(html).document as unknown as Document;
  } catch {
    return null;
  }
}

/** The page's text as the content script measures it before copying the page (MAX_PAGE_TEXT_CHARS). */
export function pageTextChars(doc: Document | null): number {
  return doc?.body?.textContent?.length ?? 0;
}

export function extractFromDocument(doc: Document | null, url?: string): ArticleText {
  try {
    if (doc) return extractArticle(doc, url);
  } catch {
    // linkedom's parser has no error recovery path of its own worth trusting
    // on broken input; an empty article is better than a crash in the CLI.
  }
  return {
    url: url ?? '',
    title: null,
    byline: null,
    siteName: null,
    language: null,
    blocks: [],
    furniture: [],
    publishedAt: url ? dateFromUrl(url) : null,
  };
}

export function extractFromHtml(html: string, url?: string): ArticleText {
  return extractFromDocument(parseHtmlDocument(html), url);
}

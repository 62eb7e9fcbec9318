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

export function extractFromHtml(html: string, url?: string): ArticleText {
  try {
    const { document } = parseHTML(html);
    // linkedom's Document is its own class; it implements the parts of the
    // DOM that extraction reads.
    return extractArticle(document as unknown as Document, url);
  } catch {
    // linkedom's parser has no error recovery path of its own worth trusting
    // on broken input; an empty article is better than a crash in the CLI.
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
}

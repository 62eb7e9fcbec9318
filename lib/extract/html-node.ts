/**
 * HTML string → ArticleText in Node (CLI, tests), via linkedom. Kept apart
 * from ./index so browser bundles never pull in linkedom.
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

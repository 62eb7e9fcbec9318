/**
 * Plain text (seed files, .txt imports) → ArticleText. Line-oriented: one line
 * is one block. The shapes recognised are those of text copied from a news
 * page: a headline line first, short heading lines, "-" list markers, a
 * trailing "Sources" list, and page furniture to split off.
 */
import type { ArticleText, Block } from '../schema';
import { isFurnitureLine } from './furniture';

const LIST_MARKER = /^[-•*–]\s+/;
const BARE_LIST_MARKER = /^[-•*–]$/;
const SOURCES_HEADING = /^(sources?|references|further reading)\s*:?$/i;
const BYLINE = /^((ai\s+)?(journalist|author|reporter|writer|correspondent)\s*:|by\s+\p{Lu})/iu;
const CLOSERS = /["'”’»)\]]+$/u;

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/**
 * Headings are short and do not end like a sentence. A short question
 * ("Why Egypt?") is a heading too; a line ending in ":" introduces a list.
 */
export function looksLikeHeading(line: string): boolean {
  const words = wordCount(line);
  if (words === 0 || words > 16) return false;
  const bare = line.replace(CLOSERS, '');
  const last = bare.slice(-1);
  if (last === '?' || last === '!') return words <= 6;
  return !/[.,;:…]$/.test(bare);
}

export interface PlainTextOptions {
  url?: string;
  siteName?: string | null;
}

export function parsePlainText(raw: string, options: PlainTextOptions = {}): ArticleText & { citedSources: string[] } {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  const furniture: string[] = [];
  const citedSources: string[] = [];
  let title: string | null = null;
  let byline: string | null = null;
  let inSources = false;
  let pendingListItem = false;

  lines.forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (!line) return;
    // The headline is the first line, when the text starts with one.
    if (index === 0 && looksLikeHeading(line)) {
      title = line;
      return;
    }
    if (isFurnitureLine(line)) {
      furniture.push(line);
      return;
    }
    if (SOURCES_HEADING.test(line)) {
      inSources = true;
      return;
    }
    if (inSources) {
      citedSources.push(line);
      return;
    }
    if (BARE_LIST_MARKER.test(line)) {
      pendingListItem = true;
      return;
    }
    if (pendingListItem || LIST_MARKER.test(line)) {
      pendingListItem = false;
      blocks.push({ kind: 'list-item', text: line.replace(LIST_MARKER, '') });
      return;
    }
    if (byline === null && BYLINE.test(line)) byline = line;
    blocks.push({ kind: looksLikeHeading(line) ? 'heading' : 'paragraph', text: line });
  });

  return {
    url: options.url ?? '',
    title,
    byline,
    siteName: options.siteName ?? null,
    language: null,
    blocks,
    furniture,
    publishedAt: null,
    citedSources,
  };
}

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

/**
 * Words that cannot end a line of prose: an office title waiting for its
 * holder's name ("U.S. President" / "Mara Quell …"), or an article or
 * preposition waiting for its noun. Text copied from a page keeps the
 * page's line breaks (a <br>, a narrow column), and such a line goes on
 * in the next one.
 */
const OPEN_ENDING =
  /(?:\b(?:President|Prime Minister|PM|Premier|Chancellor|Minister|Secretary|Secretary-General|Secretary General|King|Queen|Emir|Amir|Sultan|Leader|Governor|Senator)|\b(?:the|a|an|of|to|for|with|by|and|or|from|at)|,)$/;

/** A line that continues on the next one, rather than ending a paragraph or heading. */
function continuesOnNextLine(line: string, next: string | undefined): boolean {
  if (!next || /[.!?:;…"”’»)\]]$/.test(line) || isFurnitureLine(line) || isFurnitureLine(next)) return false;
  return OPEN_ENDING.test(line) || /^\p{Ll}/u.test(next);
}

/** One line of the text with where it starts, so that blocks keep their place in the original. */
interface Line {
  text: string;
  start: number;
}

/**
 * Lines, trimmed, each with its offset in `raw`; a line that goes on in the
 * next is joined to it with its line break turned into a space, so that a
 * block is always `raw` at its offset with line breaks read as spaces.
 */
function readLines(raw: string): Line[] {
  const lines: Line[] = [];
  const re = /[^\r\n]*(?:\r\n?|\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) && m[0] !== '') {
    const body = m[0].replace(/[\r\n]+$/, '');
    const lead = body.length - body.trimStart().length;
    lines.push({ text: body.trim(), start: m.index + lead });
  }
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    while (line.text && continuesOnNextLine(line.text, lines[i + 1]?.text || undefined)) {
      const next = lines[++i]!;
      const joined = raw.slice(line.start, next.start + next.text.length).replace(/[\r\n]/g, ' ');
      line = { text: joined, start: line.start };
    }
    out.push(line);
  }
  return out;
}

export function parsePlainText(raw: string, options: PlainTextOptions = {}): ArticleText & { citedSources: string[]; blockStarts: number[] } {
  const lines = readLines(raw);
  const blocks: Block[] = [];
  const furniture: string[] = [];
  const citedSources: string[] = [];
  const blockStarts: number[] = [];
  let title: string | null = null;
  let byline: string | null = null;
  let inSources = false;
  let pendingListItem = false;

  const push = (block: Block, start: number) => {
    blocks.push(block);
    blockStarts.push(start);
  };
  lines.forEach(({ text: line, start }, index) => {
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
      const bare = line.replace(LIST_MARKER, '');
      push({ kind: 'list-item', text: bare }, start + line.length - bare.length);
      return;
    }
    if (byline === null && BYLINE.test(line)) byline = line;
    push({ kind: looksLikeHeading(line) ? 'heading' : 'paragraph', text: line }, start);
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
    blockStarts,
  };
}

/**
 * A page's findings as W3C Web Annotations (https://www.w3.org/TR/annotation-model/),
 * so other annotation tools (Hypothesis, Apache Annotator) can anchor them.
 *
 * The selectors address the article text crosscheck analysed, not the page's
 * DOM: the text of its blocks joined with a blank line ("\n\n"), in order.
 * `articleText()` builds exactly that string, so for every annotation
 * `articleText(page).slice(start, end) === exact`.
 */
import {
  ANNOTATION_CONTEXT,
  AnnotationCollection,
  type ArticleText,
  type Finding,
  type TextPositionSelector,
  type TextQuoteSelector,
  type WebAnnotation,
} from './schema';
import { claimWordsIn } from './compare/finding';

export const BLOCK_SEPARATOR = '\n\n';
/** Context kept on each side of a quote: enough to tell repeated sentences apart, as Hypothesis does. */
const CONTEXT_CHARS = 32;

export function articleText(page: Pick<ArticleText, 'blocks'>): string {
  return page.blocks.map((b) => b.text).join(BLOCK_SEPARATOR);
}

/** Where each block starts in `articleText`. */
function blockStarts(page: Pick<ArticleText, 'blocks'>): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const b of page.blocks) {
    starts.push(at);
    at += b.text.length + BLOCK_SEPARATOR.length;
  }
  return starts;
}

/**
 * Deterministic name-based UUID (version 8, RFC 9562): exporting the same
 * findings twice gives the same ids, so a tool that imported them once can
 * recognise them again.
 */
export function nameUuid(name: string): string {
  const words: number[] = [];
  for (let k = 0; k < 4; k++) {
    let h = 0x811c9dc5 ^ Math.imul(k + 1, 0x9e3779b1);
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    words.push(h >>> 0);
  }
  const hex = words.map((w) => w.toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface AnnotationOptions {
  /** The page the findings are about: each annotation's target source. */
  pageUrl: string;
  created?: Date;
}

/**
 * Locates a finding's sentence in the article text: at its recorded offsets
 * when they still hold, else by searching for the quote (a finding computed
 * on another extraction of the page); null when the text does not contain it.
 */
function locate(finding: Finding, text: string, starts: number[]): { start: number; end: number } | null {
  const s = finding.sentence;
  const base = starts[s.block];
  if (base !== undefined) {
    const start = base + s.start;
    if (text.slice(start, start + s.text.length) === s.text) return { start, end: start + s.text.length };
  }
  const exact = s.text;
  if (!exact) return null;
  let best: number | null = null;
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    // A repeated sentence: the occurrence whose surroundings match the finding's context.
    if (text.slice(Math.max(0, at - s.prefix.length), at).endsWith(s.prefix) && text.startsWith(s.suffix, at + exact.length)) return { start: at, end: at + exact.length };
    best ??= at;
  }
  return best === null ? null : { start: best, end: best + exact.length };
}

export function findingToAnnotation(finding: Finding, page: Pick<ArticleText, 'blocks'>, options: AnnotationOptions, text = articleText(page), starts = blockStarts(page)): WebAnnotation {
  const at = locate(finding, text, starts);
  const quote = at
    ? {
        type: 'TextQuoteSelector' as const,
        exact: text.slice(at.start, at.end),
        prefix: text.slice(Math.max(0, at.start - CONTEXT_CHARS), at.start),
        suffix: text.slice(at.end, at.end + CONTEXT_CHARS),
      }
    : { type: 'TextQuoteSelector' as const, exact: finding.sentence.text, prefix: finding.sentence.prefix, suffix: finding.sentence.suffix };
  const words = claimWords(finding);
  return {
    id: `urn:uuid:${nameUuid(`${options.pageUrl}#${finding.id}`)}`,
    type: 'Annotation',
    // "assessing" is the model's motivation for judging a resource; every finding is such a judgement.
    motivation: 'assessing',
    created: (options.created ?? new Date()).toISOString(),
    generator: { type: 'Software', name: 'crosscheck' },
    body: {
      type: 'TextualBody',
      value: finding.explanation,
      format: 'text/plain',
      language: 'en',
    },
    target: {
      source: options.pageUrl,
      selector: at
        ? [{ ...quote, ...refine(words?.quote) }, { type: 'TextPositionSelector', start: at.start, end: at.end, ...refine(words?.position) }]
        : [{ ...quote, ...refine(words?.quote) }],
    },
  };
}

const refine = <T>(selector: T | undefined): { refinedBy?: T } => (selector ? { refinedBy: selector } : {});

/**
 * The claim's words inside its sentence, as selectors counted within the
 * sentence; none when the claim has no words of its own to tell apart.
 */
function claimWords(finding: Finding): { quote: TextQuoteSelector; position: TextPositionSelector } | null {
  const sentence = finding.sentence.text;
  const words = claimWordsIn(sentence, finding.claim?.surface);
  if (words === null) return null;
  const { start: at, end } = words;
  return {
    quote: { type: 'TextQuoteSelector', exact: sentence.slice(at, end), prefix: sentence.slice(Math.max(0, at - CONTEXT_CHARS), at), suffix: sentence.slice(end, end + CONTEXT_CHARS) },
    position: { type: 'TextPositionSelector', start: at, end },
  };
}

/** All findings of one page as one collection (its single page embedded, Web Annotation Data Model §5). */
export function findingsToAnnotations(findings: readonly Finding[], page: Pick<ArticleText, 'blocks'>, options: AnnotationOptions): AnnotationCollection {
  const text = articleText(page);
  const starts = blockStarts(page);
  const created = options.created ?? new Date();
  const items = findings.map((f) => findingToAnnotation(f, page, { ...options, created }, text, starts));
  const id = `urn:uuid:${nameUuid(`${options.pageUrl}#collection`)}`;
  return AnnotationCollection.parse({
    '@context': ANNOTATION_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: `crosscheck findings on ${options.pageUrl}`,
    total: items.length,
    first: { id: `${id}#page-1`, type: 'AnnotationPage', startIndex: 0, items },
  });
}

/** A file name for the export, from the page's address. */
export function annotationFileName(pageUrl: string): string {
  let base = 'page';
  try {
    const u = new URL(pageUrl);
    base = `${u.hostname}${u.pathname}`.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 80) || base;
  } catch {
    // keep the default
  }
  return `crosscheck-annotations-${base}.jsonld`;
}

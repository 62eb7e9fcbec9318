/**
 * Finding a stored quotation in text that may have changed since.
 *
 * Pure string logic. Order of business:
 *  1. exact occurrences of the folded quote; if several, the one whose
 *     surroundings best agree with the stored prefix/suffix (position hint
 *     only breaks ties);
 *  2. otherwise an approximate search with an edit budget of 20% of the
 *     quote (bit-parallel, linear in the text, time-bounded), and a
 *     candidate is accepted only if its similarity, its context and its
 *     names and numbers all agree.
 *
 * Step 2 is deliberately strict. A highlight on the wrong sentence is worse
 * than no highlight: a claim about one minister must not land on a near
 * identical sentence about another.
 */

import { BitPattern, distanceEndingAt, distanceStartingAt, reverseString } from './edit-distance';
import { bestCopy, Place, type CopyPlaces } from './copies';
import { foldForMatch, toOriginal, type FoldedText } from './fold';

export interface QuoteSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
  /** Expected start offset in the text (e.g. a stored TextPosition); breaks ties. */
  hint?: number;
}

export interface QuoteMatchOptions {
  /** Lowest combined score a fuzzy match may have (0..1). Default 0.8. */
  minScore?: number;
  /** Edit budget for the fuzzy search. Default: 20% of the quote, at most 128. */
  maxErrors?: number;
  /** Give up the fuzzy search after this long and report an orphan. Default 500 ms. */
  timeoutMs?: number;
  /**
   * Where the article lies in the text and what repeats it (offsets in the
   * text as passed in): a copy in the article's body beats one elsewhere,
   * whatever their context says.
   */
  places?: CopyPlaces;
}

export interface QuoteMatch {
  /** [start, end) in the text as passed in (not the folded copy). */
  start: number;
  end: number;
  /** 0..1: quote similarity weighted 0.7, context agreement 0.3 (quote alone when no context is stored). */
  score: number;
  exactMatch: boolean;
}

/** Text folded once, for callers matching many quotes against the same page. */
export type PreparedText = FoldedText;

export function prepareText(text: string): PreparedText {
  return foldForMatch(text);
}

const QUOTE_WEIGHT = 0.7;
const CONTEXT_WEIGHT = 0.3;
/** Below this a quote is too short for fuzzy matching to mean anything. */
const MIN_FUZZY_LENGTH = 20;
const DEFAULT_ERROR_RATE = 0.2;
const MAX_ERRORS_CAP = 128;
/** Context longer than this adds cost but no discrimination. */
const CONTEXT_CHARS = 64;
/** Beyond this many exact occurrences (a quote like "the"), only the ones nearest the hint are scored. */
const MAX_EXACT_CANDIDATES = 2000;
const MAX_FUZZY_CANDIDATES = 24;

export function matchQuote(
  text: string | PreparedText,
  selector: QuoteSelector,
  opts: QuoteMatchOptions = {},
): QuoteMatch | null {
  const hay = typeof text === 'string' ? prepareText(text) : text;
  const quote = foldForMatch(selector.exact ?? '').text.trim();
  if (quote.length === 0 || hay.text.length === 0) return null;
  const ctx = prepareContext(selector);
  const hint = typeof selector.hint === 'number' && Number.isFinite(selector.hint) ? selector.hint : undefined;

  const exact = bestExact(hay, quote, ctx, hint, opts.places);
  if (exact !== null && exact.place === Place.ArticleBody) return exact.match;
  if (quote.length < MIN_FUZZY_LENGTH) return exact?.match ?? null;
  const article = opts.places?.article ?? null;
  if (exact !== null && article !== null) {
    // Only a copy elsewhere matched exactly: the article's own may be there, edited or split differently.
    const own = bestFuzzy(hay, quote, ctx, hint, opts, foldedSpan(hay, article.start, article.end));
    if (own !== null && own.place < exact.place) return own.match;
    return exact.match;
  }
  return bestFuzzy(hay, quote, ctx, hint, opts)?.match ?? null;
}

/** Folded offsets of original [start, end): the map is increasing, so a binary search finds them. */
function foldedSpan(hay: FoldedText, start: number, end: number): { from: number; to: number } {
  if (hay.map === null) return { from: start, to: end };
  const firstAtOrAfter = (x: number): number => {
    let lo = 0;
    let hi = hay.text.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (toOriginal(hay, mid) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { from: firstAtOrAfter(start), to: firstAtOrAfter(end) };
}

interface Placed {
  match: QuoteMatch;
  place: Place;
}

interface Context {
  prefix: string;
  suffix: string;
}

function prepareContext(selector: QuoteSelector): Context {
  // Only the context nearest the quote: far context drifts most and discriminates least.
  const prefix = foldForMatch(selector.prefix ?? '').text;
  const suffix = foldForMatch(selector.suffix ?? '').text;
  return {
    prefix: prefix.length > CONTEXT_CHARS ? prefix.slice(prefix.length - CONTEXT_CHARS) : prefix,
    suffix: suffix.slice(0, CONTEXT_CHARS),
  };
}

/** Mean agreement of stored context with the text around [start, end), or null if none was stored. */
function contextAgreement(hay: string, start: number, end: number, ctx: Context): number | null {
  // Whitespace at the edges of a context string is an accident of how it was cut, not evidence.
  const prefix = ctx.prefix.trim();
  const suffix = ctx.suffix.trim();
  const sims: number[] = [];
  if (prefix.length > 0) {
    let e = start;
    while (e > 0 && hay.charCodeAt(e - 1) === 32) e--;
    const slack = 2 + (prefix.length >> 2);
    sims.push(1 - distanceEndingAt(prefix, hay, e, slack) / prefix.length);
  }
  if (suffix.length > 0) {
    let s = end;
    while (s < hay.length && hay.charCodeAt(s) === 32) s++;
    const slack = 2 + (suffix.length >> 2);
    sims.push(1 - distanceStartingAt(suffix, hay, s, slack) / suffix.length);
  }
  if (sims.length === 0) return null;
  return sims.reduce((a, b) => a + b, 0) / sims.length;
}

function combine(quoteSim: number, context: number | null): number {
  if (context === null) return quoteSim;
  return QUOTE_WEIGHT * quoteSim + CONTEXT_WEIGHT * context;
}

/** A tie-breaker only: worth less than one character of context. */
function proximity(start: number, hint: number | undefined, length: number): number {
  if (hint === undefined) return 0;
  return 0.01 * (1 - Math.min(1, Math.abs(start - hint) / Math.max(1, length)));
}

function toResult(hay: FoldedText, start: number, end: number, score: number, exactMatch: boolean): QuoteMatch {
  const s = toOriginal(hay, start);
  // End after the last matched character, not before the next kept one: dropped characters stay outside.
  const e = end > start ? toOriginal(hay, end - 1) + 1 : s;
  return { start: s, end: e, score: Math.max(0, Math.min(1, score)), exactMatch };
}

function bestExact(hay: FoldedText, quote: string, ctx: Context, hint: number | undefined, places: CopyPlaces | undefined): Placed | null {
  const text = hay.text;
  let starts: number[] = [];
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) starts.push(i);
  if (starts.length === 0) return null;
  if (starts.length > MAX_EXACT_CANDIDATES) {
    const h = hint ?? 0;
    starts = starts
      .sort((a, b) => Math.abs(toOriginal(hay, a) - h) - Math.abs(toOriginal(hay, b) - h))
      .slice(0, MAX_EXACT_CANDIDATES);
  }
  const candidates = starts.map((start) => {
    const context = starts.length === 1 && ctx.prefix === '' && ctx.suffix === '' ? null : contextAgreement(text, start, start + quote.length, ctx);
    const match = toResult(hay, start, start + quote.length, combine(1, context), true);
    return { ...match, rank: (context ?? 0) + proximity(match.start, hint, hay.originalLength) };
  });
  const best = bestCopy(candidates, places);
  if (best === null) return null;
  return { match: { start: best.start, end: best.end, score: best.score, exactMatch: true }, place: best.place };
}

function bestFuzzy(
  hay: FoldedText,
  quote: string,
  ctx: Context,
  hint: number | undefined,
  opts: QuoteMatchOptions,
  span: { from: number; to: number } = { from: 0, to: hay.text.length },
): Placed | null {
  const text = hay.text;
  const m = quote.length;
  const budget = Math.max(
    0,
    Math.floor(opts.maxErrors ?? Math.min(MAX_ERRORS_CAP, Math.floor(m * DEFAULT_ERROR_RATE))),
  );
  const minScore = opts.minScore ?? 0.8;
  const deadline = Date.now() + (opts.timeoutMs ?? 500);
  const stop = (): boolean => Date.now() > deadline;

  // Ends within budget come in runs around each plausible site; keep the best end of each run.
  const ends: Array<{ end: number; errors: number }> = [];
  let lastPos = -2;
  const completed = new BitPattern(quote).scan(text, {
    from: span.from,
    to: span.to,
    freeStart: true,
    maxErrors: budget,
    shouldStop: stop,
    onColumn: (pos, errors) => {
      const tail = ends[ends.length - 1];
      if (tail !== undefined && pos - lastPos <= 1 + budget && pos - tail.end < m) {
        if (errors < tail.errors) {
          tail.end = pos + 1;
          tail.errors = errors;
        }
      } else {
        ends.push({ end: pos + 1, errors });
      }
      lastPos = pos;
    },
  });
  if (!completed || ends.length === 0) return null;

  ends.sort((a, b) => a.errors - b.errors);
  const keys = keyTokens(quote);
  const reversed = new BitPattern(reverseString(quote));
  const candidates: Array<QuoteMatch & { rank: number }> = [];
  for (const { end, errors } of ends.slice(0, MAX_FUZZY_CANDIDATES)) {
    if (stop()) return null;
    const start = startOfMatch(reversed, text, end, errors, budget);
    let trimmedEnd = end;
    while (trimmedEnd > start && text.charCodeAt(trimmedEnd - 1) === 32) trimmedEnd--;
    const quoteSim = 1 - errors / m;
    if (!keysPresent(keys, text.slice(start, trimmedEnd))) continue;
    const context = contextAgreement(text, start, trimmedEnd, ctx);
    const score = combine(quoteSim, context);
    if (score < minScore) continue;
    const match = toResult(hay, start, trimmedEnd, score, false);
    candidates.push({ ...match, rank: score + proximity(match.start, hint, hay.originalLength) });
  }
  const best = bestCopy(candidates, opts.places);
  if (best === null) return null;
  return { match: { start: best.start, end: best.end, score: best.score, exactMatch: false }, place: best.place };
}

/**
 * Where a match ending at `end` with `errors` edits begins: scan leftwards
 * with the start pinned at `end`, and among the starts that achieve the
 * same distance take the one giving the length closest to the quote's.
 */
function startOfMatch(reversed: BitPattern, text: string, end: number, errors: number, budget: number): number {
  const m = reversed.length;
  const from = Math.max(0, end - m - budget);
  let best = Math.max(0, end - m);
  let bestGap = Number.POSITIVE_INFINITY;
  reversed.scan(text, {
    from,
    to: end,
    reverse: true,
    freeStart: false,
    maxErrors: Number.POSITIVE_INFINITY,
    onColumn: (pos, d) => {
      if (d !== errors) return;
      const gap = Math.abs(end - pos - m);
      if (gap < bestGap) {
        bestGap = gap;
        best = pos;
      }
    },
  });
  // A match does not begin with the space that separated it from the previous word.
  while (best < end && text.charCodeAt(best) === 32) best++;
  return best;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'.,-]*/gu;
const SENTENCE_END = /[.!?:;]["')\]]*\s*$/;

/**
 * Words that name who or how much: capitalised words not opening a
 * sentence, and anything with a digit. Two sentences can share every other
 * word and still say different things if these differ.
 */
export function keyTokens(s: string): string[] {
  const out: string[] = [];
  for (const match of s.matchAll(WORD)) {
    const raw = match[0].replace(/[.,'-]+$/, '');
    const at = match.index;
    if (raw.length < 2 && !/\p{N}/u.test(raw)) continue;
    if (/\p{N}/u.test(raw)) {
      out.push(raw);
      continue;
    }
    if (!/^\p{Lu}/u.test(raw)) continue;
    const before = s.slice(Math.max(0, at - 8), at).trimEnd();
    // Opening a sentence, or a quotation or aside: capitalised by grammar, not because it names anyone.
    if (before === '' || /["'(\[]$/.test(before) || SENTENCE_END.test(before + ' ')) continue;
    out.push(raw);
  }
  return out;
}

function keysPresent(keys: readonly string[], candidate: string): boolean {
  if (keys.length === 0) return true;
  const words = new Set<string>();
  for (const match of candidate.matchAll(WORD)) words.add(match[0].replace(/[.,'-]+$/, ''));
  for (const key of keys) {
    if (words.has(key)) continue;
    // Corrected spelling of a name is an edit we should follow; a different number never is.
    if (/\p{N}/u.test(key) || key.length < 4) return false;
    let found = false;
    for (const w of words) {
      if (withinOneEdit(key, w)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/** Levenshtein ≤ 1, or one swap of adjacent letters (the commonest typo). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * What a report is about, reduced to something cheap to store and compare:
 *
 *  - weighted content terms: words with stopwords removed, hyphenated
 *    compounds also joined ("e-mail" = "email"), and names. A word
 *    written with a capital in the middle of a sentence, more often than not,
 *    is taken for a name and weighted up, and two such words in a row also
 *    count as one term ("prime minister", a first and last name): stories
 *    differ mostly by who and where, while their vocabulary is shared by
 *    every report on the same topic.
 *  - word 5-gram ("shingle") hashes, kept only as a bottom-k sketch: enough to
 *    tell whether a page contains a stored article's text.
 *  - a normalised URL.
 *
 * Pure functions; the index (match-index.ts) adds document frequencies.
 */
import { COMMON_WORDS_RAW, STOPWORDS_RAW, TRACKING_PARAMS } from './stopwords';
import { foldWord, scanWords, type WordToken } from './tokens';

export interface TextLike {
  title: string | null;
  blocks: readonly { text: string }[];
}

/** Per-term weight before IDF. */
export type LocalTerms = Map<string, number>;

/**
 * Weight multiplier of a name over a word. 2 doubles a name's share of the
 * vector: enough for who/where to decide between two reports on the same
 * topic, not enough for one shared name (a head of state) to make two unrelated
 * reports look alike.
 */
export const NAME_BOOST = 2;

const STOPWORDS: ReadonlySet<string> = new Set(STOPWORDS_RAW.map(foldWord));
const COMMON: ReadonlySet<string> = new Set(COMMON_WORDS_RAW.map(foldWord).filter((w) => !STOPWORDS.has(w)));
const DIGITS = /^[\p{N}]+$/u;
const HAS_LETTER = /\p{L}/u;

// ---------------------------------------------------------------------------
// Background document frequency

/**
 * The IDF prior. The corpus is imagined to hold BACKGROUND_DOCS more
 * documents of general news in which an ordinary term occurs in
 * BACKGROUND_RATE of them and a common word (stopwords.ts) in
 * COMMON_RATE. With a corpus of five reports of one story, the story's own
 * names then still weigh ln(105/6) ≈ 2.9 (against 4.0 for a term seen once
 * and 1.5 for "said"), instead of 0; at 100k documents the prior is noise
 * and the corpus' own statistics rule.
 */
export const BACKGROUND_DOCS = 100;
const BACKGROUND_RATE = 0.01;
const COMMON_RATE = 0.2;

export function backgroundDf(term: string): number {
  return BACKGROUND_DOCS * (COMMON.has(term) ? COMMON_RATE : BACKGROUND_RATE);
}

export function idf(df: number, docs: number, bgDf: number): number {
  return Math.log((docs + BACKGROUND_DOCS) / (df + bgDf));
}

// ---------------------------------------------------------------------------
// Terms

interface TermCount {
  tf: number;
  cap: number;
  low: number;
  pair: boolean;
}

/**
 * A headline or heading in Title Case says nothing about which words are
 * names: its capitals are ignored when most of its content words have one.
 */
function isTitleCase(tokens: readonly WordToken[]): boolean {
  let content = 0;
  let capped = 0;
  for (const t of tokens) {
    if (t.cjk || STOPWORDS.has(t.norm) || DIGITS.test(t.norm)) continue;
    content++;
    if (t.cap) capped++;
  }
  return content >= 2 && capped / content > 0.6;
}

function isContent(t: WordToken): boolean {
  if (t.cjk) return true;
  if (t.norm.length < 2 || DIGITS.test(t.norm)) return false;
  // "US" and "UN" are names even where "us" and "un" are function words.
  return t.acronym || !STOPWORDS.has(t.norm);
}

function bump(counts: Map<string, TermCount>, term: string, cap: boolean | null, pair = false): void {
  let c = counts.get(term);
  if (!c) {
    c = { tf: 0, cap: 0, low: 0, pair };
    counts.set(term, c);
  }
  c.tf++;
  if (cap === true) c.cap++;
  else if (cap === false) c.low++;
}

function countLine(counts: Map<string, TermCount>, tokens: readonly WordToken[]): void {
  if (tokens.length === 0) return;
  const titleCase = isTitleCase(tokens);
  let prev: WordToken | null = null;
  let prevContent = false;
  for (const t of tokens) {
    const content = isContent(t);
    if (content) {
      // Only a capital inside a sentence is evidence of a name.
      const caseEvidence = t.cjk || titleCase || (t.initial && !t.acronym) ? null : t.cap;
      bump(counts, t.norm, caseEvidence);
    }
    if (prev && !t.cjk && !prev.cjk) {
      if (t.hyphenated && !t.cap && !prev.cap && HAS_LETTER.test(prev.norm) && HAS_LETTER.test(t.norm)) {
        bump(counts, prev.norm + t.norm, false);
      } else if (!titleCase && t.adjacent && content && prevContent && t.cap && prev.cap && !t.initial) {
        bump(counts, `${prev.norm} ${t.norm}`, true, true);
      }
    }
    prev = t;
    prevContent = content;
  }
}

/**
 * Content terms of a text with their weight before IDF: sublinear term
 * frequency (a word said ten times is not ten times the topic), times
 * NAME_BOOST for names.
 */
export function localTerms(doc: TextLike): LocalTerms {
  return analyse(doc, false).terms;
}

export interface Analysis {
  terms: LocalTerms;
  /** Shingle hashes of the blocks (not the title); empty unless asked for. */
  shingles: Uint32Array;
}

/** Terms and shingles from one pass over the text. */
export function analyse(doc: TextLike, withShingles: boolean): Analysis {
  const counts = new Map<string, TermCount>();
  const shingles: number[] = [];
  if (doc.title) countLine(counts, scanWords(doc.title));
  for (const b of doc.blocks) {
    const tokens = scanWords(b.text);
    countLine(counts, tokens);
    if (withShingles) addShingles(shingles, tokens);
  }
  const terms: LocalTerms = new Map();
  for (const [term, c] of counts) {
    // A pair of names is evidence already counted by its two words: it
    // sharpens identity ("Jane Smith" vs any Jane) without a boost of its own.
    const name = !c.pair && c.cap > 0 && c.cap >= c.low;
    terms.set(term, (1 + Math.log(c.tf)) * (name ? NAME_BOOST : 1));
  }
  return { terms, shingles: Uint32Array.from(shingles) };
}

// ---------------------------------------------------------------------------
// Shingles

export const SHINGLE_WORDS = 5;

function hashString(s: string): number {
  // FNV-1a, then a murmur finaliser so that low bits mix well.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function addShingles(out: number[], tokens: readonly WordToken[]): void {
  if (tokens.length < SHINGLE_WORDS) return;
  const words = tokens.map((t) => hashString(t.norm));
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    let h = 0x9747b28c;
    for (let j = 0; j < SHINGLE_WORDS; j++) h = Math.imul(h ^ (words[i + j] ?? 0), 0x5bd1e995) + j;
    out.push(fmix(h));
  }
}

/**
 * Hashes of the word 5-grams of each block, never across blocks: a page
 * puts furniture between paragraphs, so a shingle spanning two of them
 * could be missing from a page that holds the whole article.
 */
export function shingleHashes(blocks: readonly { text: string }[]): Uint32Array {
  const out: number[] = [];
  for (const b of blocks) addShingles(out, scanWords(b.text));
  return Uint32Array.from(out);
}

/** The k smallest distinct hashes: a uniform sample of the shingle set, comparable across documents. */
export function bottomK(hashes: Uint32Array, k: number): Uint32Array {
  const sorted = Uint32Array.from(hashes).sort();
  const out: number[] = [];
  for (let i = 0; i < sorted.length && out.length < k; i++) {
    const h = sorted[i] ?? 0;
    if (out.length === 0 || out[out.length - 1] !== h) out.push(h);
  }
  return Uint32Array.from(out);
}

export function distinctCount(hashes: Uint32Array): number {
  return new Set(hashes).size;
}

// ---------------------------------------------------------------------------
// URLs

function isTracking(param: string): boolean {
  const p = param.toLowerCase();
  return TRACKING_PARAMS.some((t) => (t.endsWith('_') ? p.startsWith(t) : p === t));
}

/**
 * The identity of a page's address: scheme, "www.", default ports,
 * fragment, trailing slash and tracking parameters dropped; the remaining
 * parameters sorted (some sites' article URLs are "?p=1305"). Null for
 * something that is not an http(s) URL.
 */
export function normalizeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const host = u.hostname.toLowerCase().replace(/^www\d*\./, '');
  const port = u.port && u.port !== '80' && u.port !== '443' ? `:${u.port}` : '';
  let path = u.pathname.replace(/\/+$/, '');
  if (path === '') path = '/';
  const params = [...u.searchParams.entries()].filter(([k]) => !isTracking(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length ? `?${params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : '';
  return `${host}${port}${path}${query}`;
}

// ---------------------------------------------------------------------------
// Calibration

/**
 * Cosine → estimated probability that the two reports tell the same story,
 * by Platt scaling: p = 1 / (1 + exp(-(A·cos + B))).
 *
 * Fitted by logistic regression with Platt's smoothed targets (positives
 * (n₊+1)/(n₊+2), negatives 1/(n₋+2), which keep a perfectly separated
 * sample from giving an infinite slope) on every labelled pair we have, each
 * scored as the index scores it (one query against an index of all the
 * other documents):
 *   positives: the 20 ordered pairs of the 5 seed reports (one story),
 *     cosine 0.277–0.562;
 *   negatives: seed × real page (350, cosine ≤ 0.084) and real page × real
 *     page (1,190, cosine ≤ 0.197, two reports on US politics) from the 35
 *     unrelated real pages of shared/pages.
 * p = 0.5 falls at cosine 0.252; the lowest positive gets 0.68, the highest
 * negative 0.15. The sample's prior (20 : 1,540) is part of the fit, so a
 * score reads "among pairs like these", not for a corpus where most
 * articles tell the page's story. tests/unit/match.test.ts recomputes the
 * distributions and checks the separation.
 */
export const PLATT_A = 30.5;
export const PLATT_B = -7.68;

export function calibrate(cosine: number): number {
  const p = 1 / (1 + Math.exp(-(PLATT_A * cosine + PLATT_B)));
  return Math.min(1, Math.max(0, p));
}

/** Default minScore: a match is reported when it is more likely the same story than not. */
export const MATCH_THRESHOLD = 0.5;

/**
 * The story index: which stored reports tell the same story as a page, and
 * whether the page is one of them.
 *
 * Each article is kept as
 *  - its K_TERMS strongest content terms (fingerprint.ts) with their local
 *    weights (term frequency and name boost, no IDF),
 *  - a bottom-k sketch of its word 5-gram hashes,
 *  - its normalised URL;
 * and the index keeps term → postings and document frequencies.
 *
 * IDF is never stored: document frequencies change with every add and
 * remove, so weights are recomputed at query time from the current counts
 * (memoised per term until its df or the corpus size changes). What does
 * drift is which K terms an article keeps: they are chosen with the IDF of
 * the day it was added, and re-adding the article refreshes them.
 * Document frequency counts fingerprints (how many stored articles keep the
 * term among their K), which is what remove() and loading can rebuild
 * exactly from what is stored; a term frequent in text but rarely among an
 * article's strongest therefore looks a little rarer than it is, and the
 * background prior (fingerprint.ts) covers the most frequent such words.
 *
 * Scores are cosines of IDF-weighted vectors truncated to K terms, mapped to
 * a probability by `calibrate` (fingerprint.ts).
 */
import {
  analyse,
  backgroundDf,
  bottomK,
  calibrate,
  distinctCount,
  idf,
  MATCH_THRESHOLD,
  normalizeUrl,
  type TextLike,
} from './fingerprint';

/** Terms kept per article: past ~64 the tail is words any report might use. */
export const K_TERMS = 64;
/** Shingle hashes kept per article: containment 0.8 is then estimated within ±0.05 (one s.d.). */
export const SKETCH_K = 64;
/** Share of an article's shingles a page must contain to be that article. */
export const SELF_CONTAINMENT = 0.8;
/** Fewer shingles than this (a stub, a caption) cannot identify an article by its text. */
export const MIN_SELF_SHINGLES = 16;
/**
 * Candidate generation skips a term found in more than this share of the
 * corpus (and more than MIN_SKIP_DF articles): its postings are long and it
 * separates little. Exact scores still count it.
 */
const MAX_DF_SHARE = 0.1;
const MIN_SKIP_DF = 1000;
/** Articles scored exactly per query, at least. */
const MIN_CANDIDATES = 64;
/** Articles whose text is tested against the page, best candidates first. */
const SELF_CANDIDATES = 32;
const DEFAULT_LIMIT = 50;
/** Weights are kept in 1/16ths, in a byte (and in the low byte of a posting). */
const WEIGHT_SCALE = 16;
const MAX_SLOTS = 1 << 22;

export const INDEX_FORMAT = 'crosscheck-story-index';
/**
 * Bump with any change to the stored shape or to what is stored (tokens,
 * term weights, K, shingle hashing): an index saved by another build must be
 * refused and rebuilt from the articles, not mixed with new fingerprints.
 */
export const INDEX_VERSION = 1;
/**
 * The same documents stored column-wise (IndexColumns). A separate format,
 * not a version: both carry the fingerprints of INDEX_VERSION, so an index
 * saved in one shape is converted to the other rather than rebuilt.
 */
export const COLUMNS_FORMAT = 'crosscheck-story-index-columns';

export interface IndexableArticle extends TextLike {
  id: string;
  url: string;
  outlet: string;
}

export interface QueryPage extends TextLike {
  url: string;
  canonicalUrl?: string | null;
}

export interface QueryOptions {
  limit?: number;
  /** Probability below which a match is dropped; default MATCH_THRESHOLD. */
  minScore?: number;
  /** An article to treat as absent (the page's own stored copy, when the caller knows it). */
  excludeId?: string;
}

export interface StoryMatch {
  articleId: string;
  outlet: string;
  /** Estimated probability that the article tells the same story as the page. */
  score: number;
}

export interface QueryResult {
  self: { articleId: string; how: 'url' | 'text' } | null;
  matches: StoryMatch[];
}

export interface SerializedDoc {
  id: string;
  url: string;
  outlet: string;
  /** Term ids (positions in `terms`). */
  t: number[];
  /** Local weights in 1/16ths, 1–255, aligned with `t`. */
  w: number[];
  /** Bottom-k shingle sketch: little-endian uint32s, base64. */
  s: string;
  /** Distinct shingles in the article. */
  n: number;
}

export interface SerializedIndex {
  format: typeof INDEX_FORMAT;
  version: typeof INDEX_VERSION;
  terms: string[];
  docs: SerializedDoc[];
}

/**
 * The index column-wise (format COLUMNS_FORMAT): one typed array per field,
 * documents in slot order, fixed strides of K_TERMS and SKETCH_K. IndexedDB's
 * structured clone copies typed arrays as whole buffers, and loading adopts
 * them as the index's own arrays, so a restart neither revives 100k small
 * objects nor pushes millions of postings one by one.
 */
export interface IndexColumns {
  format: typeof COLUMNS_FORMAT;
  version: typeof INDEX_VERSION;
  /**
   * String columns are joined with NUL when none of their strings holds one:
   * one string clones and splits far faster than 100k (IndexedDB revives each
   * string of an array one by one). Otherwise an array.
   */
  terms: string[] | string;
  ids: string[] | string;
  urls: string[] | string;
  outlets: string[] | string;
  /** normalizeUrl of each url ('' for none), kept so loading does not parse 100k URLs again. */
  normUrls: string[] | string;
  /** Term ids (positions in `terms`), K_TERMS per document, the first termCount used. */
  termIds: Int32Array;
  /** Local weights in 1/16ths, 1–255, aligned with `termIds`. */
  weights: Uint8Array;
  termCount: Uint8Array;
  /** Bottom-k shingle sketches, SKETCH_K words per document, the first sketchLen used. */
  sketch: Uint32Array;
  sketchLen: Uint8Array;
  /** Distinct shingles in each article. */
  shingles: Uint32Array;
}

/**
 * One document as it stands on its own, terms by their strings: what an
 * append-only log of changes stores, independent of any term numbering.
 */
export interface IndexDoc {
  id: string;
  url: string;
  outlet: string;
  terms: string[];
  weights: Uint8Array;
  sketch: Uint32Array;
  shingles: number;
}

/** Columns as the loader hands them to the index: split and checked. */
interface LoadedColumns {
  terms: string[];
  ids: string[];
  urls: string[];
  outlets: string[];
  normUrls: string[];
  termIds: Int32Array;
  weights: Uint8Array;
  termCount: Uint8Array;
  sketch: Uint32Array;
  sketchLen: Uint8Array;
  shingles: Uint32Array;
}

/** What changed since the last `takeChanges()`: a document to store, or null when the id was removed. */
export type IndexChange = { id: string; doc: IndexDoc | null };

export interface StoryIndex {
  /** Adds an article, replacing one with the same id. */
  add(article: IndexableArticle): void;
  remove(id: string): void;
  has(id: string): boolean;
  readonly size: number;
  /** Every id in the index, in slot order. */
  ids(): string[];
  query(page: QueryPage, opts?: QueryOptions): QueryResult;
  toJSON(): SerializedIndex;
  toColumns(): IndexColumns;
  /** Restores a document exported by `takeChanges()`, replacing one with the same id; throws when it is malformed. */
  addDoc(doc: IndexDoc): void;
  /**
   * From now on the index remembers which ids were added or removed, for a
   * caller that persists changes one by one; each id keeps only its last change.
   */
  trackChanges(): void;
  takeChanges(): IndexChange[];
}

// ---------------------------------------------------------------------------

function quantize(weight: number): number {
  return Math.max(1, Math.min(255, Math.round(weight * WEIGHT_SCALE)));
}

function toBase64(words: Uint32Array): string {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w, true));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * Decodes a stored sketch into `SKETCH_WORDS`, returning how many words it
 * holds, or -1 when it is not base64 of at most SKETCH_K uint32s. One
 * buffer serves every document: loading decodes 100k sketches in a row.
 */
function decodeSketch(s: string): number {
  let bin: string;
  try {
    bin = atob(s);
  } catch {
    return -1;
  }
  if (bin.length % 4 !== 0 || bin.length > SKETCH_BYTES.length) return -1;
  for (let i = 0; i < bin.length; i++) SKETCH_BYTES[i] = bin.charCodeAt(i);
  const words = bin.length / 4;
  // The stored words are little-endian, nearly every machine's own order:
  // there the bytes are the words already.
  if (!LITTLE_ENDIAN) {
    const view = new DataView(SKETCH_BYTES.buffer);
    for (let i = 0; i < words; i++) SKETCH_WORDS[i] = view.getUint32(i * 4, true);
  }
  return words;
}

/** A removed posting of the base: no live posting has every bit set (slots < 2^22). */
const DEAD = 0xffffffff;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const SKETCH_WORDS = new Uint32Array(SKETCH_K);
// On a big-endian machine the words are written separately, over the bytes once read.
const SKETCH_BYTES = LITTLE_ENDIAN ? new Uint8Array(SKETCH_WORDS.buffer) : new Uint8Array(SKETCH_K * 4);

/** Keeps the `size` entries with the highest key; ties broken by the smaller slot, for stable results. */
class TopK {
  private readonly keys: Float64Array;
  private readonly vals: Int32Array;
  count = 0;
  constructor(private readonly size: number) {
    this.keys = new Float64Array(size);
    this.vals = new Int32Array(size);
  }
  private less(i: number, j: number): boolean {
    const ki = this.keys[i] ?? 0;
    const kj = this.keys[j] ?? 0;
    return ki < kj || (ki === kj && (this.vals[i] ?? 0) > (this.vals[j] ?? 0));
  }
  private swap(i: number, j: number): void {
    const k = this.keys[i] ?? 0;
    this.keys[i] = this.keys[j] ?? 0;
    this.keys[j] = k;
    const v = this.vals[i] ?? 0;
    this.vals[i] = this.vals[j] ?? 0;
    this.vals[j] = v;
  }
  push(key: number, val: number): void {
    if (this.count < this.size) {
      let i = this.count++;
      this.keys[i] = key;
      this.vals[i] = val;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.less(i, p)) break;
        this.swap(i, p);
        i = p;
      }
      return;
    }
    const minKey = this.keys[0] ?? 0;
    if (key < minKey || (key === minKey && val > (this.vals[0] ?? 0))) return;
    this.keys[0] = key;
    this.vals[0] = val;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.count && this.less(l, m)) m = l;
      if (r < this.count && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
  /** Values, best first. */
  sorted(): number[] {
    const idx = Array.from({ length: this.count }, (_, i) => i);
    idx.sort((a, b) => (this.less(a, b) ? 1 : this.less(b, a) ? -1 : 0));
    return idx.map((i) => this.vals[i] ?? 0);
  }
}

class MemoryStoryIndex implements StoryIndex {
  // Vocabulary: term id → string, df, background df, postings (slot << 8 | weight).
  private readonly vocab = new Map<string, number>();
  private termStr: (string | null)[] = [];
  private df: number[] = [];
  private bgDf: number[] = [];
  // A term's postings: its range of the loaded columns (base), then the
  // lists of what was added since. Loading builds the base in two passes over
  // typed arrays; pushing each of 6M postings into its own list took seconds.
  private postings: (number[] | undefined)[] = [];
  private baseStart = new Uint32Array(1);
  private basePost = new Uint32Array(0);
  private baseTerms = 0;
  private freeTerms: number[] = [];
  private tracked: Map<string, boolean> | null = null;

  // Articles by slot.
  private capacity = 0;
  private slots = 0;
  private freeSlots: number[] = [];
  private live = 0;
  private slotIds: (string | null)[] = [];
  private urls: string[] = [];
  private normUrls: (string | null)[] = [];
  private outlets: string[] = [];
  private termIds = new Int32Array(0);
  private weights = new Uint8Array(0);
  private termCount = new Uint8Array(0);
  private sketch = new Uint32Array(0);
  private sketchLen = new Uint8Array(0);
  private shingles = new Uint32Array(0);
  private readonly slotById = new Map<string, number>();
  private readonly slotsByUrl = new Map<string, number[]>();

  // Query scratch space, reused.
  private acc = new Float64Array(0);
  private touched = new Int32Array(0);
  private queryWeight: Float64Array = new Float64Array(0);
  private idfCache = new Float64Array(0);
  private idfStamp = new Float64Array(0);

  get size(): number {
    return this.live;
  }

  has(id: string): boolean {
    return this.slotById.has(id);
  }

  ids(): string[] {
    const out: string[] = [];
    for (let slot = 0; slot < this.slots; slot++) {
      const id = this.slotIds[slot];
      if (id != null) out.push(id);
    }
    return out;
  }

  trackChanges(): void {
    this.tracked ??= new Map();
  }

  takeChanges(): IndexChange[] {
    if (!this.tracked) return [];
    const out: IndexChange[] = [];
    for (const [id, present] of this.tracked) {
      const slot = present ? this.slotById.get(id) : undefined;
      out.push({ id, doc: slot === undefined ? null : this.exportDoc(slot) });
    }
    this.tracked.clear();
    return out;
  }

  private exportDoc(slot: number): IndexDoc {
    const base = slot * K_TERMS;
    const n = this.termCount[slot] ?? 0;
    const terms: string[] = [];
    for (let i = 0; i < n; i++) terms.push(this.termStr[this.termIds[base + i] ?? 0] ?? '');
    const sb = slot * SKETCH_K;
    return {
      id: this.slotIds[slot] ?? '',
      url: this.urls[slot] ?? '',
      outlet: this.outlets[slot] ?? '',
      terms,
      weights: this.weights.slice(base, base + n),
      sketch: this.sketch.slice(sb, sb + (this.sketchLen[slot] ?? 0)),
      shingles: this.shingles[slot] ?? 0,
    };
  }

  addDoc(doc: IndexDoc): void {
    const where = `doc ${JSON.stringify(doc?.id)}`;
    if (!isRecord(doc) || typeof doc.id !== 'string' || doc.id.length === 0) fail(where, 'expected an object with a non-empty id');
    if (typeof doc.url !== 'string' || typeof doc.outlet !== 'string') fail(where, 'expected string url and outlet');
    const terms: unknown = doc.terms;
    if (!Array.isArray(terms) || terms.length > K_TERMS) fail(where, `expected at most ${K_TERMS} terms`);
    if (!(doc.weights instanceof Uint8Array) || doc.weights.length !== terms.length) fail(where, 'expected a Uint8Array of weights as long as terms');
    if (!(doc.sketch instanceof Uint32Array) || doc.sketch.length > SKETCH_K) fail(where, `expected a Uint32Array sketch of at most ${SKETCH_K} words`);
    if (!Number.isInteger(doc.shingles) || doc.shingles < 0) fail(where, 'expected a non-negative shingle count');
    const seen = new Set<string>();
    for (let i = 0; i < terms.length; i++) {
      const t: unknown = terms[i];
      if (typeof t !== 'string' || t.length === 0 || seen.has(t)) fail(where, `term ${i}: expected a distinct non-empty string`);
      seen.add(t);
      const q = doc.weights[i] ?? 0;
      if (q < 1) fail(where, `weight ${i}: expected 1–255`);
    }
    if (this.slotById.has(doc.id)) this.remove(doc.id);
    const slot = this.takeSlot();
    const tids = new Int32Array(terms.length);
    (terms as string[]).forEach((t, i) => (tids[i] = this.termId(t)));
    this.insert(slot, doc.id, doc.url, doc.outlet, tids, doc.weights, tids.length, doc.sketch, doc.sketch.length, doc.shingles);
  }

  add(article: IndexableArticle): void {
    if (this.slotById.has(article.id)) this.remove(article.id);
    const { terms, shingles: hashes } = analyse(article, true);
    const chosen = this.strongest(terms);
    // The slot first: a full index must refuse before it creates any term.
    const slot = this.takeSlot();
    const tids = new Int32Array(chosen.length);
    const qs = new Uint8Array(chosen.length);
    chosen.forEach(([term, lw], i) => {
      tids[i] = this.termId(term);
      qs[i] = quantize(lw);
    });
    const sketch = bottomK(hashes, SKETCH_K);
    this.insert(slot, article.id, article.url, article.outlet, tids, qs, tids.length, sketch, sketch.length, distinctCount(hashes));
  }

  /** Unlinks `slot` from the postings of `term`, wherever its posting is. */
  private unpost(term: number, slot: number): void {
    const list = this.postings[term];
    if (list) {
      const at = list.findIndex((p) => p >>> 8 === slot);
      if (at >= 0) {
        list[at] = list[list.length - 1] ?? 0;
        list.pop();
        return;
      }
    }
    if (term < this.baseTerms) {
      const end = this.baseStart[term + 1] ?? 0;
      for (let j = this.baseStart[term] ?? 0; j < end; j++) {
        if ((this.basePost[j] ?? DEAD) >>> 8 === slot) {
          this.basePost[j] = DEAD;
          return;
        }
      }
    }
  }

  remove(id: string): void {
    const slot = this.slotById.get(id);
    if (slot === undefined) return;
    const base = slot * K_TERMS;
    const n = this.termCount[slot] ?? 0;
    for (let i = 0; i < n; i++) {
      const term = this.termIds[base + i] ?? 0;
      this.unpost(term, slot);
      this.df[term] = (this.df[term] ?? 1) - 1;
      if (this.df[term] === 0) this.releaseTerm(term);
    }
    const nu = this.normUrls[slot];
    if (nu) {
      const list = this.slotsByUrl.get(nu)?.filter((s) => s !== slot) ?? [];
      if (list.length) this.slotsByUrl.set(nu, list);
      else this.slotsByUrl.delete(nu);
    }
    this.slotById.delete(id);
    this.slotIds[slot] = null;
    this.normUrls[slot] = null;
    this.urls[slot] = '';
    this.outlets[slot] = '';
    this.termCount[slot] = 0;
    this.sketchLen[slot] = 0;
    this.shingles[slot] = 0;
    this.freeSlots.push(slot);
    this.live--;
    this.tracked?.set(id, false);
  }

  query(page: QueryPage, opts: QueryOptions = {}): QueryResult {
    const limit = Math.max(0, Math.floor(opts.limit ?? DEFAULT_LIMIT));
    const minScore = opts.minScore ?? MATCH_THRESHOLD;
    const excluded = opts.excludeId !== undefined ? this.slotById.get(opts.excludeId) : undefined;

    let self: QueryResult['self'] = null;
    let selfSlot = -1;
    for (const u of [page.canonicalUrl, page.url]) {
      const key = normalizeUrl(u);
      const found = key ? this.slotsByUrl.get(key)?.find((s) => s !== excluded) : undefined;
      if (found !== undefined) {
        selfSlot = found;
        self = { articleId: this.slotIds[found] ?? '', how: 'url' };
        break;
      }
    }

    const analysis = analyse(page, self === null);
    const wanted = Math.max(MIN_CANDIDATES, limit * 4);
    const qTerms: number[] = [];
    const qWeights: number[] = [];
    for (const [term, , w] of this.strongest(analysis.terms)) {
      const id = this.vocab.get(term);
      // A term no stored article keeps still counts in the page's norm.
      qTerms.push(id ?? -1);
      qWeights.push(w);
    }
    const { candidates, cosines } = this.rank(qTerms, qWeights, wanted);

    if (!self) {
      const found = this.selfByText(analysis.shingles, candidates, excluded);
      if (found >= 0) {
        selfSlot = found;
        self = { articleId: this.slotIds[found] ?? '', how: 'text' };
      }
    }
    if (selfSlot >= 0) {
      // The page is a stored article plus whatever the page adds (furniture,
      // comments, a newer revision): its stored fingerprint, clean of the
      // furniture, is scored too, and each match keeps the better of the two.
      const base = selfSlot * K_TERMS;
      const n = this.termCount[selfSlot] ?? 0;
      const sTerms: number[] = [];
      const sWeights: number[] = [];
      for (let i = 0; i < n; i++) {
        const term = this.termIds[base + i] ?? 0;
        sTerms.push(term);
        sWeights.push(((this.weights[base + i] ?? 0) / WEIGHT_SCALE) * this.idfOf(term));
      }
      for (const [slot, cosine] of this.rank(sTerms, sWeights, wanted).cosines) {
        if (cosine > (cosines.get(slot) ?? 0)) cosines.set(slot, cosine);
      }
    }

    const matches: StoryMatch[] = [];
    for (const [slot, cosine] of cosines) {
      if (slot === selfSlot || slot === excluded) continue;
      const score = calibrate(cosine);
      if (score < minScore) continue;
      matches.push({ articleId: this.slotIds[slot] ?? '', outlet: this.outlets[slot] ?? '', score });
    }
    matches.sort((a, b) => b.score - a.score || (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0));
    return { self, matches: matches.slice(0, limit) };
  }

  /**
   * The `wanted` articles with the highest dot product with the query
   * (term ids, -1 for a term no article keeps; IDF-weighted weights), found
   * through the postings, then scored exactly. Candidates come best first.
   */
  private rank(qTerms: readonly number[], qWeights: readonly number[], wanted: number): { candidates: number[]; cosines: Map<number, number> } {
    let qNorm = 0;
    for (const w of qWeights) qNorm += w * w;
    qNorm = Math.sqrt(qNorm);
    const cosines = new Map<number, number>();
    if (qNorm === 0) return { candidates: [], cosines };

    // Accumulate over the postings, skipping the few terms too common to
    // separate (their postings are the longest); exact scores count them.
    const maxDf = Math.max(MIN_SKIP_DF, MAX_DF_SHARE * this.live);
    let touchedCount = 0;
    for (let i = 0; i < qTerms.length; i++) {
      const term = qTerms[i] ?? -1;
      if (term < 0) continue;
      const w = qWeights[i] ?? 0;
      this.queryWeight[term] = w;
      if ((this.df[term] ?? 0) > maxDf) continue;
      const scale = (w * this.idfOf(term)) / WEIGHT_SCALE;
      if (term < this.baseTerms) {
        const end = this.baseStart[term + 1] ?? 0;
        for (let j = this.baseStart[term] ?? 0; j < end; j++) {
          const p = this.basePost[j] ?? DEAD;
          if (p === DEAD) continue;
          const slot = p >>> 8;
          const before = this.acc[slot] ?? 0;
          if (before === 0) this.touched[touchedCount++] = slot;
          this.acc[slot] = before + scale * (p & 255);
        }
      }
      const list = this.postings[term];
      if (!list) continue;
      for (let j = 0; j < list.length; j++) {
        const p = list[j] ?? 0;
        const slot = p >>> 8;
        const before = this.acc[slot] ?? 0;
        if (before === 0) this.touched[touchedCount++] = slot;
        this.acc[slot] = before + scale * (p & 255);
      }
    }
    const top = new TopK(wanted);
    for (let i = 0; i < touchedCount; i++) {
      const slot = this.touched[i] ?? 0;
      top.push(this.acc[slot] ?? 0, slot);
      this.acc[slot] = 0;
    }
    const candidates = top.sorted();
    for (const slot of candidates) cosines.set(slot, this.cosine(slot, qNorm));
    for (const t of qTerms) if (t >= 0) this.queryWeight[t] = 0;
    return { candidates, cosines };
  }

  toJSON(): SerializedIndex {
    const remap = new Map<number, number>();
    const terms: string[] = [];
    const docs: SerializedDoc[] = [];
    for (let slot = 0; slot < this.slots; slot++) {
      const id = this.slotIds[slot];
      if (id == null) continue;
      const base = slot * K_TERMS;
      const n = this.termCount[slot] ?? 0;
      const t: number[] = [];
      const w: number[] = [];
      for (let i = 0; i < n; i++) {
        const term = this.termIds[base + i] ?? 0;
        let out = remap.get(term);
        if (out === undefined) {
          out = terms.length;
          terms.push(this.termStr[term] ?? '');
          remap.set(term, out);
        }
        t.push(out);
        w.push(this.weights[base + i] ?? 1);
      }
      const sb = slot * SKETCH_K;
      docs.push({
        id,
        url: this.urls[slot] ?? '',
        outlet: this.outlets[slot] ?? '',
        t,
        w,
        s: toBase64(this.sketch.subarray(sb, sb + (this.sketchLen[slot] ?? 0))),
        n: this.shingles[slot] ?? 0,
      });
    }
    return { format: INDEX_FORMAT, version: INDEX_VERSION, terms, docs };
  }

  toColumns(): IndexColumns {
    const live = this.live;
    const remap = new Int32Array(this.termStr.length).fill(-1);
    const terms: string[] = [];
    const ids: string[] = [];
    const urls: string[] = [];
    const outlets: string[] = [];
    const normUrls: (string | null)[] = [];
    const termIds = new Int32Array(live * K_TERMS);
    const weights = new Uint8Array(live * K_TERMS);
    const termCount = new Uint8Array(live);
    const sketch = new Uint32Array(live * SKETCH_K);
    const sketchLen = new Uint8Array(live);
    const shingles = new Uint32Array(live);
    let out = 0;
    for (let slot = 0; slot < this.slots; slot++) {
      const id = this.slotIds[slot];
      if (id == null) continue;
      const from = slot * K_TERMS;
      const to = out * K_TERMS;
      const n = this.termCount[slot] ?? 0;
      for (let i = 0; i < n; i++) {
        const term = this.termIds[from + i] ?? 0;
        let t = remap[term] ?? -1;
        if (t < 0) {
          t = terms.length;
          terms.push(this.termStr[term] ?? '');
          remap[term] = t;
        }
        termIds[to + i] = t;
      }
      weights.set(this.weights.subarray(from, from + n), to);
      termCount[out] = n;
      const len = this.sketchLen[slot] ?? 0;
      sketch.set(this.sketch.subarray(slot * SKETCH_K, slot * SKETCH_K + len), out * SKETCH_K);
      sketchLen[out] = len;
      shingles[out] = this.shingles[slot] ?? 0;
      ids.push(id);
      urls.push(this.urls[slot] ?? '');
      outlets.push(this.outlets[slot] ?? '');
      normUrls.push(this.normUrls[slot] ?? null);
      out++;
    }
    return {
      format: COLUMNS_FORMAT,
      version: INDEX_VERSION,
      terms: joined(terms),
      ids: joined(ids),
      urls: joined(urls),
      outlets: joined(outlets),
      normUrls: joined(normUrls.map((u) => u ?? '')),
      termIds,
      weights,
      termCount,
      sketch,
      sketchLen,
      shingles,
    };
  }

  /**
   * Fills an empty index from validated columns (loadColumns checks them):
   * copies of the arrays with some room to grow, the base postings built by
   * counting, and no per-posting work beyond two passes.
   */
  fillFromColumns(c: LoadedColumns): void {
    const docs = c.ids.length;
    const termTotal = c.terms.length;
    const cap = docs + Math.max(64, docs >> 3);
    const copy = <T extends Int32Array | Uint8Array | Uint32Array>(src: { subarray(a: number, b: number): ArrayLike<number> }, make: (n: number) => T, per: number): T => {
      const next = make(cap * per);
      next.set(src.subarray(0, docs * per));
      return next;
    };
    this.termIds = copy(c.termIds, (n) => new Int32Array(n), K_TERMS);
    this.weights = copy(c.weights, (n) => new Uint8Array(n), K_TERMS);
    this.termCount = copy(c.termCount, (n) => new Uint8Array(n), 1);
    this.sketch = copy(c.sketch, (n) => new Uint32Array(n), SKETCH_K);
    this.sketchLen = copy(c.sketchLen, (n) => new Uint8Array(n), 1);
    this.shingles = copy(c.shingles, (n) => new Uint32Array(n), 1);
    this.acc = new Float64Array(cap);
    this.touched = new Int32Array(cap);
    this.capacity = cap;
    this.slots = docs;
    this.live = docs;
    this.slotIds = c.ids.slice();
    this.urls = c.urls.slice();
    this.outlets = c.outlets.slice();
    this.normUrls = c.normUrls.map((u) => u || null);

    this.termStr = c.terms.slice();
    this.bgDf = new Array<number>(termTotal);
    this.postings = new Array<number[] | undefined>(termTotal);
    for (let t = 0; t < termTotal; t++) {
      const term = c.terms[t] ?? '';
      if (this.vocab.has(term)) fail(`terms[${t}]`, 'repeated term');
      this.vocab.set(term, t);
      this.bgDf[t] = backgroundDf(term);
    }
    const counts = new Uint32Array(termTotal + 1);
    for (let slot = 0; slot < docs; slot++) {
      const base = slot * K_TERMS;
      const n = this.termCount[slot] ?? 0;
      for (let i = 0; i < n; i++) {
        const at = (this.termIds[base + i] ?? 0) + 1;
        counts[at] = (counts[at] ?? 0) + 1;
      }
    }
    this.df = new Array<number>(termTotal);
    for (let t = 0; t < termTotal; t++) {
      this.df[t] = counts[t + 1] ?? 0;
      counts[t + 1] = (counts[t + 1] ?? 0) + (counts[t] ?? 0);
    }
    this.baseStart = counts;
    const fill = counts.slice(0, termTotal);
    const post = new Uint32Array(counts[termTotal] ?? 0);
    for (let slot = 0; slot < docs; slot++) {
      const base = slot * K_TERMS;
      const n = this.termCount[slot] ?? 0;
      for (let i = 0; i < n; i++) {
        const t = this.termIds[base + i] ?? 0;
        post[(fill[t] = (fill[t] ?? 0) + 1) - 1] = ((slot << 8) | (this.weights[base + i] ?? 1)) >>> 0;
      }
    }
    this.basePost = post;
    this.baseTerms = termTotal;
    let size = 1024;
    while (size <= termTotal) size *= 2;
    this.queryWeight = new Float64Array(size);
    this.idfCache = new Float64Array(size);
    this.idfStamp = new Float64Array(size);

    for (let slot = 0; slot < docs; slot++) {
      const id = this.slotIds[slot] ?? '';
      if (this.slotById.has(id)) fail(`ids[${slot}]`, `duplicate id ${JSON.stringify(id)}`);
      this.slotById.set(id, slot);
      const nu = this.normUrls[slot];
      if (nu) {
        const list = this.slotsByUrl.get(nu);
        if (list) list.push(slot);
        else this.slotsByUrl.set(nu, [slot]);
      }
    }
    if (this.tracked) for (const id of this.slotIds) if (id != null) this.tracked.set(id, true);
  }

  /**
   * Restores a validated serialized document whose id is not in the index.
   * `table` maps positions in the serialized term table to internal ids, -1
   * until first met, so each distinct term costs one vocabulary lookup
   * rather than one per posting; `tids` and `qs` are scratch space of
   * K_TERMS entries; the sketch is the first `sketchLen` words of `sketch`.
   */
  restore(
    doc: SerializedDoc,
    terms: readonly string[],
    table: Int32Array,
    sketch: Uint32Array,
    sketchLen: number,
    tids: Int32Array,
    qs: Uint8Array,
  ): void {
    const slot = this.takeSlot();
    const t = doc.t;
    const w = doc.w;
    const n = t.length;
    for (let i = 0; i < n; i++) {
      const at = t[i] ?? 0;
      let tid = table[at] ?? -1;
      if (tid < 0) {
        tid = this.termId(terms[at] ?? '');
        table[at] = tid;
      }
      tids[i] = tid;
      qs[i] = w[i] ?? 1;
    }
    this.insert(slot, doc.id, doc.url, doc.outlet, tids, qs, n, sketch, sketchLen, doc.n);
  }

  // -------------------------------------------------------------------------

  /**
   * IDF from the current counts, memoised per term until the corpus size or
   * the term's df changes (a query reads the same few hundred terms many times).
   */
  private idfOf(term: number): number {
    const df = this.df[term] ?? 0;
    const stamp = this.live * 4_194_304 + df + 1;
    if (this.idfStamp[term] === stamp) return this.idfCache[term] ?? 0;
    const value = idf(df, this.live, this.bgDf[term] ?? 1);
    this.idfCache[term] = value;
    this.idfStamp[term] = stamp;
    return value;
  }

  /** The K terms with the highest local weight × current IDF, strongest first: [term, local weight, weight]. */
  private strongest(local: Map<string, number>): [string, number, number][] {
    const terms: string[] = [];
    const locals: number[] = [];
    const weights: number[] = [];
    const unseen = new Map<number, number>();
    for (const [term, lw] of local) {
      const id = this.vocab.get(term);
      let w: number;
      if (id !== undefined) {
        w = lw * this.idfOf(id);
      } else {
        const bg = backgroundDf(term);
        let v = unseen.get(bg);
        if (v === undefined) {
          v = idf(0, this.live, bg);
          unseen.set(bg, v);
        }
        w = lw * v;
      }
      terms.push(term);
      locals.push(lw);
      weights.push(w);
    }
    // Ties go to the term met first in the text.
    const top = new TopK(Math.min(K_TERMS, terms.length));
    for (let i = 0; i < terms.length; i++) top.push(weights[i] ?? 0, i);
    return top.sorted().map((i) => [terms[i] ?? '', locals[i] ?? 0, weights[i] ?? 0]);
  }

  private cosine(slot: number, qNorm: number): number {
    if (qNorm === 0) return 0;
    const base = slot * K_TERMS;
    const n = this.termCount[slot] ?? 0;
    let dot = 0;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const term = this.termIds[base + i] ?? 0;
      const w = ((this.weights[base + i] ?? 0) / WEIGHT_SCALE) * this.idfOf(term);
      norm += w * w;
      dot += w * (this.queryWeight[term] ?? 0);
    }
    return norm === 0 ? 0 : Math.min(1, dot / (Math.sqrt(norm) * qNorm));
  }

  private selfByText(hashes: Uint32Array, candidates: readonly number[], excluded: number | undefined): number {
    const usable = candidates.filter((s) => s !== excluded && (this.shingles[s] ?? 0) >= MIN_SELF_SHINGLES).slice(0, SELF_CANDIDATES);
    if (usable.length === 0) return -1;
    const pageShingles = new Set(hashes);
    let best = -1;
    let bestContainment = 0;
    for (const slot of usable) {
      const len = this.sketchLen[slot] ?? 0;
      const base = slot * SKETCH_K;
      let hits = 0;
      for (let i = 0; i < len; i++) if (pageShingles.has(this.sketch[base + i] ?? 0)) hits++;
      const containment = len ? hits / len : 0;
      const better =
        containment > bestContainment ||
        (containment === bestContainment && best >= 0 && (this.shingles[slot] ?? 0) > (this.shingles[best] ?? 0));
      if (containment >= SELF_CONTAINMENT && better) {
        best = slot;
        bestContainment = containment;
      }
    }
    return best;
  }

  /** A free slot, with room for it; throws when the index is full. */
  private takeSlot(): number {
    const free = this.freeSlots.pop();
    if (free !== undefined) return free;
    if (this.slots >= MAX_SLOTS) throw new Error(`story index: more than ${MAX_SLOTS} articles`);
    const slot = this.slots++;
    this.ensureCapacity(slot + 1);
    return slot;
  }

  /**
   * Fills `slot` (from takeSlot) with an article: its first `count` (at most
   * K_TERMS) term ids and weights, and the first `sketchLen` words of `sketch`.
   */
  private insert(
    slot: number,
    id: string,
    url: string,
    outlet: string,
    tids: Int32Array,
    qs: Uint8Array,
    count: number,
    sketch: Uint32Array,
    sketchLen: number,
    shingles: number,
  ): void {
    const base = slot * K_TERMS;
    const n = Math.min(count, K_TERMS);
    for (let i = 0; i < n; i++) {
      const tid = tids[i] ?? 0;
      const q = qs[i] ?? 1;
      this.termIds[base + i] = tid;
      this.weights[base + i] = q;
      this.df[tid] = (this.df[tid] ?? 0) + 1;
      (this.postings[tid] ??= []).push(((slot << 8) | q) >>> 0);
    }
    this.termCount[slot] = n;
    const len = Math.min(sketchLen, sketch.length, SKETCH_K);
    const sb = slot * SKETCH_K;
    for (let i = 0; i < len; i++) this.sketch[sb + i] = sketch[i] ?? 0;
    this.sketchLen[slot] = len;
    this.shingles[slot] = shingles;
    this.slotIds[slot] = id;
    this.urls[slot] = url;
    this.outlets[slot] = outlet;
    const nu = normalizeUrl(url);
    this.normUrls[slot] = nu;
    if (nu) {
      const list = this.slotsByUrl.get(nu);
      if (list) list.push(slot);
      else this.slotsByUrl.set(nu, [slot]);
    }
    this.slotById.set(id, slot);
    this.live++;
    this.tracked?.set(id, true);
  }

  private termId(term: string): number {
    const known = this.vocab.get(term);
    if (known !== undefined) return known;
    const id = this.freeTerms.pop() ?? this.termStr.length;
    this.vocab.set(term, id);
    this.termStr[id] = term;
    this.df[id] = 0;
    this.bgDf[id] = backgroundDf(term);
    this.postings[id] = undefined;
    if (id >= this.queryWeight.length) {
      const size = Math.max(1024, this.queryWeight.length * 2);
      const grow = (old: Float64Array) => {
        const next = new Float64Array(size);
        next.set(old);
        return next;
      };
      this.queryWeight = grow(this.queryWeight);
      this.idfCache = grow(this.idfCache);
      this.idfStamp = grow(this.idfStamp);
    }
    // A reused id may have a different background df: forget its memo.
    this.idfStamp[id] = 0;
    return id;
  }

  private releaseTerm(term: number): void {
    const s = this.termStr[term];
    if (s != null) this.vocab.delete(s);
    this.termStr[term] = null;
    // Its base range, if any, holds only DEAD postings now.
    this.postings[term] = undefined;
    this.freeTerms.push(term);
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    const cap = Math.max(64, this.capacity * 2, needed);
    const grow = <T extends Int32Array | Uint8Array | Uint32Array | Float64Array>(old: T, make: (n: number) => T, per: number): T => {
      const next = make(cap * per);
      next.set(old);
      return next;
    };
    this.termIds = grow(this.termIds, (n) => new Int32Array(n), K_TERMS);
    this.weights = grow(this.weights, (n) => new Uint8Array(n), K_TERMS);
    this.termCount = grow(this.termCount, (n) => new Uint8Array(n), 1);
    this.sketch = grow(this.sketch, (n) => new Uint32Array(n), SKETCH_K);
    this.sketchLen = grow(this.sketchLen, (n) => new Uint8Array(n), 1);
    this.shingles = grow(this.shingles, (n) => new Uint32Array(n), 1);
    this.acc = new Float64Array(cap);
    this.touched = new Int32Array(cap);
    this.capacity = cap;
  }
}

export function createStoryIndex(): StoryIndex {
  return new MemoryStoryIndex();
}

// ---------------------------------------------------------------------------
// Loading

function fail(where: string, what: string): never {
  throw new Error(`Invalid story index: ${where}: ${what}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Rebuilds an index from `toJSON()` output (after a JSON round trip or an
 * IndexedDB structured clone). Throws an Error naming the first bad field;
 * a caller should then rebuild the index from the stored articles.
 */
export function loadStoryIndex(json: unknown): StoryIndex {
  if (!isRecord(json)) fail('(root)', 'expected an object');
  if (json.format === COLUMNS_FORMAT) return loadColumns(json);
  if (json.format !== INDEX_FORMAT) fail('format', `expected "${INDEX_FORMAT}", got ${JSON.stringify(json.format)}`);
  if (json.version !== INDEX_VERSION) {
    fail('version', `this build reads version ${INDEX_VERSION}, got ${JSON.stringify(json.version)}; rebuild the index from the corpus`);
  }
  const terms: unknown = json.terms;
  if (!Array.isArray(terms)) fail('terms', 'expected an array of strings');
  for (let i = 0; i < terms.length; i++) {
    const t: unknown = terms[i];
    if (typeof t !== 'string' || t.length === 0) fail(`terms[${i}]`, 'expected a non-empty string');
  }
  const docs: unknown = json.docs;
  if (!Array.isArray(docs)) fail('docs', 'expected an array');
  const termCount = terms.length;
  const index = new MemoryStoryIndex();
  // Loading is the restarted background's wait before its first answer, and
  // a saved index holds millions of postings: plain loops and buffers shared
  // across documents, no per-document closures, sets or pairs.
  const table = new Int32Array(termCount).fill(-1);
  // Which document last used each term: a term id met twice in one document
  // is caught without a set per document.
  const lastDoc = new Int32Array(termCount).fill(-1);
  const tids = new Int32Array(K_TERMS);
  const qs = new Uint8Array(K_TERMS);
  for (let i = 0; i < docs.length; i++) {
    const d: unknown = docs[i];
    if (!isRecord(d)) fail(`docs[${i}]`, 'expected an object');
    if (typeof d.id !== 'string' || d.id.length === 0) fail(`docs[${i}].id`, 'expected a non-empty string');
    // Every earlier document is in the index already.
    if (index.has(d.id)) fail(`docs[${i}].id`, `duplicate id ${JSON.stringify(d.id)}`);
    if (typeof d.url !== 'string') fail(`docs[${i}].url`, 'expected a string');
    if (typeof d.outlet !== 'string') fail(`docs[${i}].outlet`, 'expected a string');
    const t: unknown = d.t;
    const w: unknown = d.w;
    if (!Array.isArray(t) || t.length > K_TERMS) fail(`docs[${i}].t`, `expected an array of at most ${K_TERMS} term ids`);
    if (!Array.isArray(w) || w.length !== t.length) fail(`docs[${i}].w`, 'expected an array as long as t');
    for (let j = 0; j < t.length; j++) {
      const id: unknown = t[j];
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= termCount) {
        fail(`docs[${i}].t[${j}]`, `expected a term id below ${termCount}`);
      }
      if (lastDoc[id] === i) fail(`docs[${i}].t[${j}]`, 'repeated term id');
      lastDoc[id] = i;
    }
    for (let j = 0; j < w.length; j++) {
      const q: unknown = w[j];
      if (typeof q !== 'number' || !Number.isInteger(q) || q < 1 || q > 255) fail(`docs[${i}].w[${j}]`, 'expected an integer 1–255');
    }
    if (typeof d.s !== 'string') fail(`docs[${i}].s`, 'expected a base64 string');
    const sketchLen = decodeSketch(d.s);
    if (sketchLen < 0) fail(`docs[${i}].s`, `expected base64 of at most ${SKETCH_K} uint32s`);
    if (typeof d.n !== 'number' || !Number.isInteger(d.n) || d.n < 0) fail(`docs[${i}].n`, 'expected a non-negative integer');
    index.restore(d as unknown as SerializedDoc, terms as string[], table, SKETCH_WORDS, sketchLen, tids, qs);
  }
  return index;
}

/** NUL-joined when no string holds a NUL; '' stands for an empty list, so a list of one '' stays an array. */
function joined(xs: string[]): string[] | string {
  if (xs.length === 0 || (xs.length === 1 && xs[0] === '')) return xs;
  for (const x of xs) if (x.includes('\u0000')) return xs;
  return xs.join('\u0000');
}

function stringArray(v: unknown, where: string, length: number | null, nonEmpty: boolean): string[] {
  if (typeof v === 'string') v = v.split('\u0000');
  if (!Array.isArray(v) || (length !== null && v.length !== length)) fail(where, `expected an array of ${length ?? 'some'} strings`);
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (typeof x !== 'string' || (nonEmpty && x.length === 0)) fail(`${where}[${i}]`, nonEmpty ? 'expected a non-empty string' : 'expected a string');
  }
  return v as string[];
}

function typedArray<T extends Int32Array | Uint8Array | Uint32Array>(v: unknown, kind: { new (n: number): T; name: string }, length: number, where: string): T {
  if (!(v instanceof kind) || v.length !== length) fail(where, `expected a ${kind.name} of ${length} entries`);
  return v;
}

/** Loads IndexColumns (toColumns() output, after a structured clone); the checks match the JSON loader's. */
function loadColumns(c: Record<string, unknown>): StoryIndex {
  if (c.version !== INDEX_VERSION) {
    fail('version', `this build reads version ${INDEX_VERSION}, got ${JSON.stringify(c.version)}; rebuild the index from the corpus`);
  }
  const terms = stringArray(c.terms, 'terms', null, true);
  const ids = stringArray(c.ids, 'ids', null, true);
  const docs = ids.length;
  const urls = stringArray(c.urls, 'urls', docs, false);
  const outlets = stringArray(c.outlets, 'outlets', docs, false);
  const normUrls = stringArray(c.normUrls, 'normUrls', docs, false);
  const termIds = typedArray(c.termIds, Int32Array, docs * K_TERMS, 'termIds');
  const weights = typedArray(c.weights, Uint8Array, docs * K_TERMS, 'weights');
  const termCount = typedArray(c.termCount, Uint8Array, docs, 'termCount');
  const sketch = typedArray(c.sketch, Uint32Array, docs * SKETCH_K, 'sketch');
  const sketchLen = typedArray(c.sketchLen, Uint8Array, docs, 'sketchLen');
  const shingles = typedArray(c.shingles, Uint32Array, docs, 'shingles');
  // Repeated terms and ids are caught while filling, by the index's own maps.
  const lastDoc = new Int32Array(terms.length).fill(-1);
  for (let d = 0; d < docs; d++) {
    const n = termCount[d] ?? 0;
    if (n > K_TERMS) fail(`termCount[${d}]`, `expected at most ${K_TERMS}`);
    const base = d * K_TERMS;
    for (let i = 0; i < n; i++) {
      const t = termIds[base + i] ?? -1;
      if (t < 0 || t >= terms.length) fail(`termIds[${base + i}]`, `expected a term id below ${terms.length}`);
      if (lastDoc[t] === d) fail(`termIds[${base + i}]`, 'repeated term id');
      lastDoc[t] = d;
      if ((weights[base + i] ?? 0) < 1) fail(`weights[${base + i}]`, 'expected an integer 1–255');
    }
    if ((sketchLen[d] ?? 0) > SKETCH_K) fail(`sketchLen[${d}]`, `expected at most ${SKETCH_K}`);
  }
  const index = new MemoryStoryIndex();
  index.fillFromColumns({
    terms,
    ids,
    urls,
    outlets,
    normUrls,
    termIds,
    weights,
    termCount,
    sketch,
    sketchLen,
    shingles,
  });
  return index;
}

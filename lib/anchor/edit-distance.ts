/**
 * Bit-parallel approximate matching (Myers 1999, in Hyyrö's block form).
 *
 * Each pattern row is one bit, so one text character updates 32 rows of
 * the edit-distance table in a handful of integer operations; a pattern of
 * m characters needs ceil(m / 32) words per column. For a search with an
 * error budget k, only the leading blocks whose rows can still be within k
 * are kept live (Ukkonen's cut-off), so scanning a megabyte page for a
 * sentence costs a few block updates per page character whatever the
 * sentence length. This is the approach Hypothesis anchoring relies on (via
 * approx-string-match); the code here is written from the papers.
 *
 * Kept rather than replaced by approx-string-match (compared on the anchoring
 * tests and a 100 KB / 1 MB fuzzy benchmark, December 2026): the library only
 * reports the lowest-error matches, so a near sentence naming other people
 * hides the right one unless its search is repeated around each rejection;
 * it has no way to stop a scan at a deadline, which the content script needs
 * on megabyte pages; and it weighs more in the page than these 200 lines,
 * for a few milliseconds saved per fuzzy search on a megabyte page.
 */

const W = 32;

export interface ScanOptions {
  /** Text range to scan, [from, to). */
  from: number;
  to: number;
  /**
   * Walk the text right to left (pair with a reversed pattern). Used to
   * find where a match that ends at a known place begins, and to compare
   * text that follows a position.
   */
  reverse?: boolean;
  /**
   * true: the pattern may begin anywhere (search). false: it must begin at
   * the first scanned character (the top row costs one per character).
   */
  freeStart: boolean;
  /** Rows whose value exceeds this are not tracked; Infinity disables the cut-off. */
  maxErrors: number;
  /** Called after each character with the distance for a match ending there, when it is within maxErrors. */
  onColumn: (position: number, distance: number) => void;
  /** Checked every few thousand characters; when it returns true the scan stops and returns false. */
  shouldStop?: () => boolean;
}

/** One compiled pattern; reusable across scans. */
export class BitPattern {
  readonly length: number;
  private readonly blocks: number;
  /** For each char code, which pattern rows hold it (one Int32 per block). ASCII gets an array: it is most lookups. */
  private readonly ascii: Array<Int32Array | undefined> = new Array(128).fill(undefined);
  private readonly peq = new Map<number, Int32Array>();
  private readonly none: Int32Array;
  private readonly lastBit: Int32Array;

  constructor(readonly pattern: string) {
    const m = pattern.length;
    this.length = m;
    this.blocks = Math.max(1, Math.ceil(m / W));
    this.none = new Int32Array(this.blocks);
    for (let i = 0; i < m; i++) {
      const c = pattern.charCodeAt(i);
      let bits = c < 128 ? this.ascii[c] : this.peq.get(c);
      if (bits === undefined) {
        bits = new Int32Array(this.blocks);
        if (c < 128) this.ascii[c] = bits;
        else this.peq.set(c, bits);
      }
      const b = (i / W) | 0;
      bits[b] = (bits[b] as number) | (1 << i % W);
    }
    this.lastBit = new Int32Array(this.blocks);
    for (let b = 0; b < this.blocks; b++) {
      const rows = b === this.blocks - 1 ? m - b * W : W;
      this.lastBit[b] = 1 << (rows - 1);
    }
  }

  /** Returns false if stopped early by `shouldStop`. */
  scan(text: string, o: ScanOptions): boolean {
    const m = this.length;
    if (m === 0) return true;
    const blocks = this.blocks;
    const last = blocks - 1;
    const P = new Int32Array(blocks).fill(-1);
    const M = new Int32Array(blocks);
    const score = new Int32Array(blocks);
    for (let b = 0; b < blocks; b++) score[b] = Math.min(m, (b + 1) * W);
    const k = o.maxErrors;
    const cutoff = Number.isFinite(k);
    // Rows 1..k start within budget, so their blocks start live.
    let y = cutoff ? Math.min(last, Math.max(0, Math.ceil(k / W) - 1)) : last;
    const topIn = o.freeStart ? 0 : 1;
    const step = o.reverse ? -1 : 1;
    const count = Math.max(0, o.to - o.from);
    let pos = o.reverse ? o.to - 1 : o.from;
    const peq = this.peq;
    const ascii = this.ascii;
    const none = this.none;
    const lastBit = this.lastBit;
    const onColumn = o.onColumn;
    const shouldStop = o.shouldStop;
    for (let n = 0; n < count; n++, pos += step) {
      if ((n & 4095) === 4095 && shouldStop !== undefined && shouldStop()) return false;
      const c = text.charCodeAt(pos);
      const eqs = (c < 128 ? ascii[c] : peq.get(c)) ?? none;
      let carry = topIn;
      for (let b = 0; b <= y; b++) {
        carry = advance(P, M, b, carry, eqs[b] as number, lastBit[b] as number);
        score[b] = (score[b] as number) + carry;
      }
      if (cutoff) {
        const before = (score[y] as number) - carry;
        if (y < last && Math.min(before, score[y] as number) <= k) {
          // The next block wakes up assuming each of its rows is one more than the row above
          // at the previous column: an upper bound that is exact wherever it could matter (≤ k).
          y++;
          P[y] = -1;
          M[y] = 0;
          const rows = y === last ? m - y * W : W;
          score[y] = before + rows + advance(P, M, y, carry, eqs[y] as number, lastBit[y] as number);
        } else {
          while (y > 0 && (score[y] as number) >= k + W) y--;
        }
      }
      // Without a cut-off every block is live and k is Infinity, so this reports every column.
      if (y === last && (score[last] as number) <= k) onColumn(pos, score[last] as number);
    }
    return true;
  }
}

/** One column step for one block; returns the change in the block's bottom-row value. */
function advance(P: Int32Array, M: Int32Array, b: number, hIn: number, eqBits: number, lastBit: number): number {
  const pV = P[b] as number;
  const mV = M[b] as number;
  const hInNeg = hIn < 0 ? 1 : 0;
  const hInPos = hIn > 0 ? 1 : 0;
  const eq = eqBits | hInNeg;
  const xV = eq | mV;
  const xH = ((((eq & pV) + pV) | 0) ^ pV) | eq;
  let pH = mV | ~(xH | pV);
  let mH = pV & xH;
  const hOut = pH & lastBit ? 1 : mH & lastBit ? -1 : 0;
  pH = (pH << 1) | hInPos;
  mH = (mH << 1) | hInNeg;
  P[b] = mH | ~(xV | pH);
  M[b] = pH & xV;
  return hOut;
}

export function reverseString(s: string): string {
  // Code units, not code points: everything here indexes UTF-16 units, and reversing twice restores the original.
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}

/**
 * min over i of editDistance(pattern, text[i, end)): how well `pattern`
 * matches text that ends exactly at `end`. Used to compare a stored prefix
 * with what now precedes a candidate.
 */
export function distanceEndingAt(pattern: string, text: string, end: number, slack: number): number {
  if (pattern.length === 0) return 0;
  const from = Math.max(0, end - pattern.length - slack);
  let result = pattern.length;
  new BitPattern(pattern).scan(text, {
    from,
    to: end,
    freeStart: true,
    maxErrors: Number.POSITIVE_INFINITY,
    onColumn: (pos, d) => {
      if (pos === end - 1) result = d;
    },
  });
  return end === from ? pattern.length : result;
}

/**
 * min over j of editDistance(pattern, text[start, j)): how well `pattern`
 * matches text that begins exactly at `start`. Used for stored suffixes.
 */
export function distanceStartingAt(pattern: string, text: string, start: number, slack: number): number {
  if (pattern.length === 0) return 0;
  const to = Math.min(text.length, start + pattern.length + slack);
  let result = pattern.length;
  new BitPattern(reverseString(pattern)).scan(text, {
    from: start,
    to,
    reverse: true,
    freeStart: true,
    maxErrors: Number.POSITIVE_INFINITY,
    onColumn: (pos, d) => {
      if (pos === start) result = d;
    },
  });
  return to === start ? pattern.length : result;
}

/** Plain Levenshtein distance; for short strings and for checking the fast code in tests. */
export function levenshtein(a: string, b: string): number {
  if (a.length < b.length) [a, b] = [b, a];
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] as number) + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, (prev[j] as number) + 1, (cur[j - 1] as number) + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] as number;
}

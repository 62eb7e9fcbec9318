/**
 * Which copy of a repeated sentence is the article's. A news page repeats
 * its own sentences: a teaser in the sidebar, a pull quote, a caption, a
 * "related" card. The reader is reading the article, so a highlight belongs
 * on the article's copy; another copy gets it only when the article's own
 * cannot be found.
 *
 * Pure offsets: the page's DOM is turned into spans once (./region.ts), and
 * the matcher (./quote-match.ts) asks here how good a place each candidate
 * copy is in.
 */

/** [start, end) in the text index's folded text. */
export interface Span {
  start: number;
  end: number;
}

export interface CopyPlaces {
  /** Where the article the background extracted lies on the page; null when that could not be told. */
  article: Span | null;
  /** Parts of the page that repeat the article rather than tell it: asides, captions, pull quotes, cards. */
  furniture: readonly Span[];
}

/** Best first: the article's own text, then furniture inside it, then anywhere else. */
export const Place = { ArticleBody: 0, ArticleFurniture: 1, Elsewhere: 2 } as const;
export type Place = (typeof Place)[keyof typeof Place];

const within = (outer: Span, start: number, end: number): boolean => start >= outer.start && end <= outer.end;
const overlaps = (span: Span, start: number, end: number): boolean => start < span.end && end > span.start;

/** How good a place [start, end) is for the article's copy of a sentence. */
export function placeOf(places: CopyPlaces | undefined, start: number, end: number): Place {
  if (places === undefined) return Place.ArticleBody;
  if (places.article !== null && !within(places.article, start, end)) return Place.Elsewhere;
  for (const f of places.furniture) if (overlaps(f, start, end)) return places.article === null ? Place.Elsewhere : Place.ArticleFurniture;
  return Place.ArticleBody;
}

export interface Candidate {
  start: number;
  end: number;
  /** Context agreement plus the position tie-breaker: higher is better. */
  rank: number;
}

/** The candidate in the best place, and among those the best ranked; ties go to the earlier copy. */
export function bestCopy<C extends Candidate>(candidates: readonly C[], places: CopyPlaces | undefined): (C & { place: Place }) | null {
  let best: (C & { place: Place }) | null = null;
  for (const c of candidates) {
    const place = placeOf(places, c.start, c.end);
    if (best === null || place < best.place || (place === best.place && c.rank > best.rank)) best = { ...c, place };
  }
  return best;
}

/**
 * Keep what I read: which pages a reader has read become reports in their
 * corpus, and which read reports the cap lets go. Pure rules, so the
 * background, the tests and the benchmarks apply the same ones.
 *
 * Only reports kept this way (origin 'read') are ever removed by the cap:
 * the seeds and what the reader added or imported are theirs to remove.
 */
import type { ArticleText } from '../schema';

/** Seconds of a page being shown before it counts as read: long enough to rule out a click through. */
export const KEEP_READ_AFTER_MS = 5_000;

const DAY_MS = 86_400_000;

/** Enough running text to be a report: a headline and a few lines (a sign-in form, a section front) are not. */
const MIN_REPORT_WORDS = 100;
const MIN_PARAGRAPH_WORDS = 12;
const MIN_PARAGRAPHS = 3;

const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/** Whether an extracted page reads as a news report: paragraphs of prose, not a list of links or a form. */
export function readsAsReport(page: Pick<ArticleText, 'blocks'>): boolean {
  const paragraphs = page.blocks.filter((b) => b.kind === 'paragraph' && words(b.text) >= MIN_PARAGRAPH_WORDS);
  return paragraphs.length >= MIN_PARAGRAPHS && paragraphs.reduce((n, b) => n + words(b.text), 0) >= MIN_REPORT_WORDS;
}

export interface ReadReport {
  id: string;
  addedAt: number;
}

export interface ReadCap {
  readCapCount: number;
  readCapDays: number;
}

/** The read reports past the cap: older than its days, then the oldest beyond its count. */
export function pastCap(read: readonly ReadReport[], cap: ReadCap, now: number): string[] {
  const oldestKept = now - cap.readCapDays * DAY_MS;
  const newestFirst = [...read].sort((a, b) => b.addedAt - a.addedAt || (a.id < b.id ? -1 : 1));
  return newestFirst.filter((r, i) => r.addedAt < oldestKept || i >= cap.readCapCount).map((r) => r.id);
}

export interface KeepAsk {
  /** The reader's setting. */
  keepRead: boolean;
  /** The tab is in a private (incognito) window. */
  incognito: boolean;
  /** The site is paused. */
  paused: boolean;
  /** The page's address as the content script saw it. */
  url: string;
  /** What the background extracted from the tab, and whether it analysed it. */
  page: Pick<ArticleText, 'url' | 'blocks'> | undefined;
  analysed: boolean;
  /** The corpus already holds this report (the story index found the page itself). */
  inCorpus: boolean;
}

const withoutFragment = (url: string): string => url.replace(/#.*$/, '');

/** Why a read page is not kept, or null when it is to be kept. */
export function whyNotKept(a: KeepAsk): string | null {
  if (!a.keepRead) return 'Keep what I read is off';
  // A private window's reading leaves no trace, in the corpus least of all.
  if (a.incognito) return 'a private window';
  if (a.paused) return 'a paused site';
  if (!a.page || !a.analysed || withoutFragment(a.page.url) !== withoutFragment(a.url)) return 'no article was read from this page';
  if (!readsAsReport(a.page)) return 'not a news report';
  // The same report under another address (a mirror, a print view) is already there.
  if (a.inCorpus) return 'already in your corpus';
  return null;
}

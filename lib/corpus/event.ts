/**
 * Same story means same event. The story index scores how alike two reports'
 * words are, which tells the topic (truce talks) but not the event (the
 * talks of May 2021 or those of October 2025): reports of one conflict across
 * ten years share nearly every name. Time tells events apart. Two reports of
 * one event appear within days of each other; so a pair whose dates are
 * known and weeks apart is at most related coverage, however alike, and a
 * pair dated within a few days needs less likeness to be the same event.
 *
 * Thresholds, measured on the reports of ../shared/clusters (9 events, 57
 * reports), the seeds and the pages of ../shared/judgment/c (`npm run judge`
 * prints the figures; JUDGMENT.md says how they were chosen):
 *   - reports of one event were published 0–2 days apart; their content
 *     score runs from 0.05 to 1.0;
 *   - reports of other events of the same conflict score up to 0.99 but lie
 *     71 days or more apart;
 *   - unrelated real pages score at most 0.16 with each other.
 */
import type { DatedAs } from '../schema';
import type { Shared } from './specifics';

export interface Window {
  from: string;
  to: string;
}

/** Dated this close, two reports can tell one event on less likeness. */
export const CLOSE_DAYS = 3;
/** Dated further apart than this, two reports tell different events. */
export const EVENT_DAYS = 14;
/** Content score that suffices within CLOSE_DAYS: above what unrelated pages reach with each other. */
export const CLOSE_SCORE = 0.2;
/** Content score that suffices otherwise (and when a date is unknown): the index's own threshold. */
export const EVENT_SCORE = 0.5;
/**
 * Within CLOSE_DAYS, a report whose wording differs (a rewritten wire copy) still tells the
 * same event when it shares this many figures and names with the other, above a floor of likeness.
 */
export const SHARED_FIGURES = 2;
export const SHARED_NAMES = 2;
export const FLOOR_SCORE = 0.05;
/** Names in common that make two undated reports' likeness specific even without a full name or a figure. */
export const MANY_NAMES = 4;

export type Relation = 'same-event' | 'related' | 'unrelated';

export interface EventDecision {
  relation: Relation;
  /** Days between the two windows (0 when they overlap), null when a date is unknown. */
  daysApart: number | null;
  /** For the reader, why a related report was left out. */
  why: string | null;
}

const DAY = 86_400_000;

export function daysApart(a: Window, b: Window): number {
  const gap = Math.max(Date.parse(a.from) - Date.parse(b.to), Date.parse(b.from) - Date.parse(a.to), 0);
  return Math.round(gap / DAY);
}

/**
 * Whether two reports tell one event, given their content score, their dates (each a window, or
 * null when unknown) and, when known, the figures and names they share.
 */
export function eventRelation(score: number, a: Window | null, b: Window | null, shared?: Shared): EventDecision {
  // Words of the topic alone ("Norland", "the rebels", "ceasefire talks") are no event: it takes a person, place or body named
  // in full, figures, or many names in common.
  const specific = !shared || shared.fullNames >= 1 || shared.figures >= SHARED_FIGURES || shared.names >= MANY_NAMES;
  if (!a || !b) return { relation: score >= EVENT_SCORE && specific ? 'same-event' : 'unrelated', daysApart: null, why: null };
  const gap = daysApart(a, b);
  if (gap > EVENT_DAYS) {
    return score >= EVENT_SCORE
      ? { relation: 'related', daysApart: gap, why: `about the same subject, but dated ${describeGap(gap)} apart: another event` }
      : { relation: 'unrelated', daysApart: gap, why: null };
  }
  const close = gap <= CLOSE_DAYS;
  const rewritten = close && !!shared && shared.figures >= SHARED_FIGURES && shared.names >= SHARED_NAMES && score >= FLOOR_SCORE;
  // Dated within days of each other, time itself is the specific evidence the words need elsewhere.
  const alike = score >= (close ? CLOSE_SCORE : EVENT_SCORE) && (close || specific);
  return { relation: alike || rewritten ? 'same-event' : 'unrelated', daysApart: gap, why: null };
}

function describeGap(days: number): string {
  if (days < 60) return `${days} days`;
  if (days < 730) return `${Math.round(days / 30.4)} months`;
  return `${Math.round(days / 365.25)} years`;
}

/**
 * The window a story's dated reports agree on: the narrowest ones first,
 * each narrowing the window while it still overlaps (a report dated by "the
 * two-year war" ± 3 months does not widen one dated to the day). Null when
 * there is nothing to go on.
 */
export function consensusWindow(windows: readonly Window[]): Window | null {
  if (!windows.length) return null;
  const width = (x: Window) => Date.parse(x.to) - Date.parse(x.from);
  const agreeing = (x: Window) => windows.filter((y) => daysApart(x, y) === 0).length;
  // Start from the window most others agree with (a lone report dated elsewhere must not decide), narrowest on a tie.
  const start = [...windows].sort((x, y) => agreeing(y) - agreeing(x) || width(x) - width(y))[0]!;
  let w: Window = { from: start.from, to: start.to };
  for (const x of [...windows].sort((a, b) => width(a) - width(b))) {
    const from: string = x.from > w.from ? x.from : w.from;
    const to: string = x.to < w.to ? x.to : w.to;
    if (from <= to) w = { from, to };
  }
  return w;
}

/** The window of a date as the engine holds it. */
export function windowOf(d: Pick<DatedAs, 'from' | 'to'> | null | undefined): Window | null {
  return d ? { from: d.from, to: d.to } : null;
}

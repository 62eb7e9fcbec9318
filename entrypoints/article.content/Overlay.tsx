import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ClaimQuote, ClaimSaid, quoteWindow } from '../../components/ClaimQuote';
import { claimWordsIn } from '../../lib/compare/finding';
import { formatIsoDate } from '../../components/dates';
import { FindingCard } from '../../components/FindingCard';
import type { Painted } from './paint';

export interface OverlayProps {
  items: Painted[];
  /** The knowledge base's last day, when the page is dated after it. */
  recordEnds: string | null;
  /** Index of the finding whose tooltip is open, or null. */
  open: number | null;
  /** Opened from the keyboard: focus moves into the tooltip. */
  focusTooltip: boolean;
  onOpen: (index: number, viaKeyboard: boolean) => void;
  onClose: () => void;
  onPointerInside: (inside: boolean) => void;
}

const GAP = 8;
const WIDTH = 360;
/**
 * The least height the tooltip gets, even when it has to cover the sentence
 * to have it: a sentence taller than the viewport leaves no room beside it.
 */
const MIN_HEIGHT = 200;
/** Characters of the sentence kept before the claim's words while the quote is cut to a few lines. */
const QUOTE_LEAD = 48;

/** Places the tooltip under the sentence, or above it when there is no room, inside the viewport. */
function placement(range: Range): { left: number; top: number; maxHeight: number } {
  const r = range.getBoundingClientRect();
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const left = Math.max(GAP, Math.min(r.left, vw - WIDTH - GAP));
  const below = vh - r.bottom - GAP * 2;
  const above = r.top - GAP * 2;
  const least = Math.min(MIN_HEIGHT, vh - GAP * 2);
  if (below >= 220 || below >= above) {
    const maxHeight = Math.max(least, below);
    return { left, top: Math.min(r.bottom + GAP, vh - GAP - maxHeight), maxHeight };
  }
  const maxHeight = Math.max(least, Math.min(above, 420));
  return { left, top: Math.max(GAP, r.top - GAP - maxHeight), maxHeight };
}

export function Overlay(props: OverlayProps) {
  const { items, open } = props;
  const tooltip = useRef<HTMLDivElement>(null);
  const sentence = useRef<HTMLParagraphElement>(null);
  /**
   * The sentence is cut to a few lines; a long one can be unfolded whole. Unfolding belongs to one
   * finding, so opening another folds it at once, in the same render, with no effect to race a click.
   */
  const [wholeFor, setWholeFor] = useState<string | null>(null);
  const [cut, setCut] = useState(false);
  const openId = open !== null ? items[open]?.finding.id : undefined;
  const whole = openId !== undefined && wholeFor === openId;
  const text = open !== null ? items[open]?.finding.sentence.text : undefined;
  useEffect(() => {
    if (open !== null && props.focusTooltip) tooltip.current?.focus();
  }, [open, props.focusTooltip]);
  useLayoutEffect(() => {
    const el = sentence.current;
    if (el && !whole) setCut(el.scrollHeight > el.clientHeight + 1);
  }, [open, text, whole]);

  if (!items.length) return null;
  const current = open !== null ? items[open] : undefined;
  const pos = current ? placement(current.range) : null;
  // A quote that opens at the claim's words rather than the sentence's start is cut too: it can be unfolded.
  const opensLate = !!current && quoteWindow(current.finding.sentence.text.trim(), claimWordsIn(current.finding.sentence.text.trim(), current.finding.claim?.surface), QUOTE_LEAD).start > 0;
  const count = `${items.length} ${items.length === 1 ? 'finding' : 'findings'}`;

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onClose();
    }
  };

  return (
    <div class="crosscheck-overlay" onKeyDown={onKey}>
      {current && pos ? (
        <div
          ref={tooltip}
          class="tooltip"
          role="dialog"
          aria-modal="false"
          aria-labelledby="crosscheck-tooltip-title"
          tabIndex={-1}
          style={{ left: `${pos.left}px`, top: `${pos.top}px`, maxHeight: `${pos.maxHeight}px`, width: `${WIDTH}px` }}
          onMouseEnter={() => props.onPointerInside(true)}
          onMouseLeave={() => props.onPointerInside(false)}
        >
          <p ref={sentence} id="crosscheck-tooltip-sentence" class={whole ? 'sentence whole' : 'sentence'}>
            <ClaimQuote finding={current.finding} lead={whole ? Number.POSITIVE_INFINITY : QUOTE_LEAD} foldLead />
          </p>
          <ClaimSaid finding={current.finding} />
          {cut || whole || opensLate ? (
            <button type="button" class="sentence-toggle" aria-expanded={whole} aria-controls="crosscheck-tooltip-sentence" onClick={() => setWholeFor(whole ? null : (openId ?? null))}>
              {whole ? 'Show less of the sentence' : 'Show the whole sentence'}
            </button>
          ) : null}
          <FindingCard finding={current.finding} headingId="crosscheck-tooltip-title" />
          {props.recordEnds ? (
            <p class="record-end">The record runs to {formatIsoDate(props.recordEnds)}; this page is dated after it.</p>
          ) : null}
          <button type="button" class="close" aria-label="Close" onClick={props.onClose}>
            ×
          </button>
        </div>
      ) : null}
      <nav class="navigator" aria-label="crosscheck findings on this page">
        <button
          type="button"
          class="nav-prev"
          aria-label="Previous finding"
          onClick={() => props.onOpen(open === null ? items.length - 1 : (open + items.length - 1) % items.length, true)}
        >
          ‹
        </button>
        <button type="button" class="nav-count" aria-label={`${count}: open the ${open === null ? 'first' : 'next'}`} onClick={() => props.onOpen(open === null ? 0 : (open + 1) % items.length, true)}>
          {open === null ? count : `${open + 1} of ${items.length}`}
        </button>
        <button type="button" class="nav-next" aria-label="Next finding" onClick={() => props.onOpen(open === null ? 0 : (open + 1) % items.length, true)}>
          ›
        </button>
      </nav>
    </div>
  );
}

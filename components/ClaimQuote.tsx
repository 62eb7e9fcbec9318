/**
 * A finding's sentence in quotation marks, the words its claim was read from
 * marked inside it, so the eye lands on what is in question. The mark is
 * also said in words for screen readers, which do not all announce <mark>.
 */
import { claimWordsIn } from '../lib/compare/finding';
import type { Finding } from '../lib/schema';

/** A text cut to `max` characters at a word, with an ellipsis. */
export function excerpt(text: string, max = 140): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

export interface QuoteWindow {
  start: number;
  end: number;
}

/**
 * The part of a long sentence to quote: from its start when the claim's
 * words come early, else from a word shortly before them, so a quote cut to
 * a few lines still shows them; at most `max` characters when given.
 */
export function quoteWindow(text: string, words: { start: number; end: number } | null, lead: number, max?: number): QuoteWindow {
  let start = 0;
  if (words && words.start > lead) {
    const space = text.lastIndexOf(' ', words.start - lead);
    start = space >= 0 ? space + 1 : 0;
  }
  let end = text.length;
  if (max !== undefined && end - start > max) {
    const cut = text.lastIndexOf(' ', start + max);
    end = Math.max(cut > start ? cut : start + max, words ? words.end : 0);
  }
  return { start, end };
}

export function ClaimQuote({ finding, max, lead = 48 }: { finding: Finding; max?: number; lead?: number }) {
  const full = finding.sentence.text.trim();
  const at = claimWordsIn(full, finding.claim?.surface);
  const w = quoteWindow(full, at, lead, max);
  const open = w.start > 0 ? '…' : '';
  const close = w.end < full.length ? '…' : '';
  // The page's own words: isolated, so their bidi controls cannot reorder the quotation marks or anything after.
  if (!at) return <>“<bdi>{open + full.slice(w.start, w.end) + close}</bdi>”</>;
  const words = full.slice(at.start, at.end);
  return (
    <>
      “<bdi>
        {open + full.slice(w.start, at.start)}
        <mark class="claim-words">{words}</mark>
        {full.slice(at.end, w.end) + close}
      </bdi>”<span class="claim-said"> The words in question: “{words}”.</span>
    </>
  );
}

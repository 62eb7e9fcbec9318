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

/**
 * `foldLead`: the part of a long sentence before the quote window stays in
 * the markup, hidden while the quote is cut (claim-quote.css), so the quote
 * is still the whole sentence to anything that reads its text.
 */
export function ClaimQuote({ finding, max, lead = 48, foldLead = false }: { finding: Finding; max?: number; lead?: number; foldLead?: boolean }) {
  const full = finding.sentence.text.trim();
  const at = claimWordsIn(full, finding.claim?.surface);
  const w = quoteWindow(full, at, lead, max);
  const close = w.end < full.length ? '…' : '';
  // A cut start is marked outside the isolated page text: the ellipsis is ours, not the page's.
  const head = w.start > 0 && foldLead ? <span class="quote-lead">{full.slice(0, w.start)}</span> : null;
  const open = w.start > 0 && !foldLead ? '“…' : '“';
  const from = foldLead && w.start > 0 ? 'quote-from folded' : 'quote-from';
  // The page's own words: isolated, so their bidi controls cannot reorder the quotation marks or anything after.
  if (!at) {
    return (
      <>
        {open}
        <bdi>
          {head}
          <span class={from}>{full.slice(w.start, w.end) + close}</span>
        </bdi>”
      </>
    );
  }
  return (
    <>
      {open}
      <bdi>
        {head}
        <span class={from}>{full.slice(w.start, at.start)}</span>
        <mark class="claim-words">{full.slice(at.start, at.end)}</mark>
        {full.slice(at.end, w.end) + close}
      </bdi>”
    </>
  );
}

/** The claim's words said once more for screen readers, which do not all announce <mark>; nothing when there are none. */
export function ClaimSaid({ finding }: { finding: Finding }) {
  const at = claimWordsIn(finding.sentence.text.trim(), finding.claim?.surface);
  if (!at) return null;
  return <span class="claim-said"> The words in question: “{finding.sentence.text.trim().slice(at.start, at.end)}”.</span>;
}

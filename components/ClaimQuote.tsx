/**
 * A finding's sentence in quotation marks, the words its claim was read from
 * marked inside it, so the eye lands on what is in question. The mark is
 * also said in words for screen readers, which do not all announce <mark>.
 */
import type { Finding } from '../lib/schema';


/** A text cut to `max` characters at a word, with an ellipsis. */
export function excerpt(text: string, max = 140): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

/** Where the claim's words sit in `text`, or null when they are the whole of it or not in it. */
export function claimWordsIn(text: string, surface: string | null | undefined): { start: number; end: number } | null {
  const words = surface?.trim() ?? '';
  if (!words || words.length >= text.trim().length) return null;
  const at = text.indexOf(words);
  return at < 0 ? null : { start: at, end: at + words.length };
}

export function ClaimQuote({ finding, max }: { finding: Finding; max?: number }) {
  const full = finding.sentence.text;
  const text = max ? excerpt(full, max) : full;
  const at = claimWordsIn(full, finding.claim?.surface);
  // The page's own words: isolated, so their bidi controls cannot reorder the quotation marks or anything after.
  if (!at || at.end > text.length) return <>“<bdi>{text}</bdi>”</>;
  return (
    <>
      “<bdi>
        {text.slice(0, at.start)}
        <mark class="claim-words">{text.slice(at.start, at.end)}</mark>
        {text.slice(at.end)}
      </bdi>”<span class="claim-said"> The words in question: “{text.slice(at.start, at.end)}”.</span>
    </>
  );
}

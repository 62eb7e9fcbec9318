/**
 * Words in quotation marks: a speaker's own words, which two reports of one
 * event should give alike ("a fair and lasting deal", "the town will
 * be rebuilt"). A quote is told with who said it (its subject) and how
 * (its unit): "describe" when it is what someone called a thing ("described
 * the document as …"), "say" otherwise. Reports quote different parts of one
 * speech, so only a quote of the same speaker, in the same frame, is
 * compared (lib/compare/slots.ts).
 */
import { anchorsAround, isCalendarWord, subjectBefore, type Slot } from './slot';

const QUOTE = /[“"«]([^“”"«»]{3,160})[”"»]/g;
/** Verbs that make the quote a description of a thing. */
const DESCRIBING = /^(?:describ|call|term|dub|hail|label|brand|characteri[sz])/i;
/** "…," Quell said / "…," said Quell: the speaker named after the quote. */
const SPEAKER_AFTER = /^[\s,.]*(?:(?:said|says|added|told|wrote)\s+(\p{Lu}[\p{L}'’-]+)|(\p{Lu}[\p{L}'’-]+)(?:\s+\p{Lu}[\p{L}'’-]+)?\s+(?:said|says|added|told|wrote))/u;
const PRONOUN = /^(?:he|she|they|it|we|i)$/i;

/** A quote's words, lower-cased, for comparing two quotes of one statement. */
export function quoteWords(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).map((w) => w.replace(/['’]s$/, ''));
}

function speaker(text: string, start: number, end: number): string | undefined {
  const after = SPEAKER_AFTER.exec(text.slice(end));
  const named = after?.[1] ?? after?.[2];
  if (named && !PRONOUN.test(named)) return named.toLowerCase();
  // "what he called …": a pronoun nearer the quote than any name leaves the speaker unknown.
  const lead = text.slice(Math.max(0, start - 40), start).match(/[\p{L}]+/gu) ?? [];
  // Only a pronoun that does the saying ("he called", "she said"): "Quell said it was …" is still Quell's.
  const pronoun = lead.findLastIndex((w, i) => PRONOUN.test(w) && /^(?:said|says|called|calls|described|describes|told|added|wrote|dubbed|termed|hailed)$/i.test(lead[i + 1] ?? ''));
  const nameAt = lead.findLastIndex((w) => /^\p{Lu}/u.test(w) && !isCalendarWord(w));
  if (pronoun > nameAt) return undefined;
  const before = subjectBefore(text, start);
  return before && !PRONOUN.test(before) && !isCalendarWord(before) ? before : undefined;
}

export function quoteSlots(text: string): Slot[] {
  const out: Slot[] = [];
  for (const m of text.matchAll(QUOTE)) {
    const words = quoteWords(m[1]!);
    // A title or a one-word scare quote is no statement to compare.
    if (words.length < 2 || words.length > 30) continue;
    const start = m.index!;
    const end = start + m[0].length;
    const lead = text.slice(Math.max(0, start - 40), start).match(/[\p{L}]+/gu) ?? [];
    const frame = lead.slice(-6).some((w) => DESCRIBING.test(w)) ? 'describe' : 'say';
    out.push({ kind: 'quote', start, end, surface: m[0], value: words.join(' '), unit: frame, subject: speaker(text, start, end), anchors: anchorsAround(text, start, end, 5) });
  }
  return out;
}

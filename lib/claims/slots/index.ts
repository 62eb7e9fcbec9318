/**
 * The typed slots of a sentence, read by one small reader per kind: figures
 * (./numbers), dates resolved against the report's date (./dates), places
 * (./places), people in a role (./roles), quoted words (./quotes), answers and
 * outcomes (./polarity). Where two readers claim the same
 * words, the earlier in this list keeps them.
 */
import { dateSlots } from './dates';
import { numberSlots } from './numbers';
import { placeSlots } from './places';
import { outcomeSlots, polaritySlots } from './polarity';
import { quoteSlots } from './quotes';
import { roleSlots } from './roles';
import type { Slot } from './slot';

export type { Slot, SlotKind } from './slot';
export { foldPlace } from './places';

export function readSlots(text: string, reportDate: string | null): Slot[] {
  const out: Slot[] = [];
  // A quote holds its own figures and names: they are the speaker's words, compared as such.
  const quotes = quoteSlots(text);
  const inQuote = (s: Slot) => quotes.some((q) => s.start >= q.start && s.end <= q.end);
  out.push(...quotes);
  for (const slot of [...dateSlots(text, reportDate), ...outcomeSlots(text), ...roleSlots(text), ...numberSlots(text), ...placeSlots(text), ...polaritySlots(text)]) {
    if (inQuote(slot)) continue;
    if (out.some((s) => slot.start < s.end && s.start < slot.end)) continue;
    out.push(slot);
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Dates in a sentence, resolved against the report's own date: "on Tuesday"
 * in a report of Wednesday 5 August 2020 is 4 August; "in October" is that
 * month; "the second half of 2017" a half year. chrono-node reads the
 * expressions; a news report's bare weekday is the last such day on or before
 * its date, unless the sentence looks ahead ("will", "is due to", "next").
 */
import * as chrono from 'chrono-node';
import { anchorsAround, type Slot } from './slot';

const AHEAD = /\b(will|would|shall|is due|are due|is set|are set|is expected|are expected|is scheduled|are scheduled|plans? to|next|upcoming|coming)\b/i;
const NAMED = /\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?:[a-z]*|\.)(?=\s|$|,)/;
const HALF = /\b(first|second)\s+half\s+of\s+((?:19|20)\d{2})\b/gi;

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

export function dateSlots(text: string, reportDate: string | null): Slot[] {
  const out: Slot[] = [];
  for (const m of text.matchAll(HALF)) {
    const start = m.index!;
    out.push({ kind: 'date', start, end: start + m[0].length, surface: m[0], value: `${m[2]}-H${m[1]!.toLowerCase() === 'first' ? 1 : 2}`, anchors: anchorsAround(text, start, start + m[0].length) });
  }
  if (!reportDate) return out;
  const ref = new Date(`${reportDate}T12:00:00Z`);
  for (const r of chrono.parse(text, { instant: ref, timezone: 0 })) {
    // Only dates the text names ("Tuesday", "4 August", "October"): "today", "last week", "a minute later" are too loose.
    if (!NAMED.test(r.text)) continue;
    // A dateline ("Dunmere, Aug 4 (Reuters) –") dates the writing, not the event.
    if (/^\s*(?:\(|[–—-])/.test(text.slice(r.index + r.text.length, r.index + r.text.length + 12)) && r.index < 40) continue;
    const start = r.index;
    // "On Sunday, 12 people died": the figure after a weekday is a count, not the day of a month.
    const weekdayThenFigure = /^((?:on\s+)?\p{L}+day),?\s+\d{1,2}$/iu.exec(r.text);
    const surface = weekdayThenFigure ? weekdayThenFigure[1]! : r.text;
    const end = start + surface.length;
    if (out.some((s) => start < s.end && s.start < end)) continue;
    const c = r.start;
    let value: string | null = null;
    if (c.isCertain('day') && c.isCertain('month') && !weekdayThenFigure) {
      const year = c.isCertain('year') ? c.get('year')! : ref.getUTCFullYear();
      value = `${year}-${pad(c.get('month')!)}-${pad(c.get('day')!)}`;
    } else if (c.isCertain('weekday') && (!c.isCertain('day') || weekdayThenFigure)) {
      // A report's weekday is the last one on or before its date, or the next one when the sentence looks ahead.
      // Within five days back and one ahead, for a report written across a date line ("Tuesday" in Singapore, dated Monday in New York).
      const wd = c.get('weekday')!;
      const ahead = AHEAD.test(text.slice(Math.max(0, start - 40), start)) || /^next\b/i.test(surface);
      const d = new Date(ref);
      const back = -((ref.getUTCDay() - wd + 7) % 7);
      const delta = ahead ? (wd - ref.getUTCDay() + 7) % 7 || 7 : back < -5 ? back + 7 : back;
      d.setUTCDate(d.getUTCDate() + delta);
      value = isoDay(d);
    } else if (c.isCertain('month') && !c.isCertain('day')) {
      const year = c.isCertain('year') ? c.get('year')! : ref.getUTCFullYear();
      value = `${year}-${pad(c.get('month')!)}`;
    }
    if (!value) continue;
    // A date ties to the event's verb, often further off than a figure's words ("rocked the capital on Tuesday").
    out.push({ kind: 'date', start, end, surface, value, anchors: anchorsAround(text, start, end, 8) });
  }
  return out;
}

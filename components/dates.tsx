/** A publication date in plain words, and how crosscheck found it. */
import type { DatedAs, DateSource } from '../lib/schema';

/** How each kind of date evidence reads to someone who never saw the code. */
export const DATE_SOURCE_WORDS: Record<DateSource, string> = {
  override: 'the date you gave',
  meta: "the page's publication-date metadata",
  'json-ld': "the page's structured data",
  'time-element': 'a date marked up on the page',
  url: 'the date in the web address',
  'sources-json': "the corpus's record of where it was published",
  'text-cue': "the page's own words",
  story: 'other reports of the same story',
};

/** Sources whose evidence is the page's own words, worth quoting; the others describe themselves. */
const QUOTED: ReadonlySet<DateSource> = new Set(['meta', 'json-ld', 'time-element', 'url', 'text-cue']);

const FORMAT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

export function formatIsoDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : FORMAT.format(d);
}

/** "7 October 2025", or "between 9 July 2025 and 5 January 2026" when only bounds are known. */
export function dateText(d: Pick<DatedAs, 'from' | 'to'>): string {
  return d.from === d.to ? formatIsoDate(d.from) : `between ${formatIsoDate(d.from)} and ${formatIsoDate(d.to)}`;
}

const SHORT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
const SHORT_NO_YEAR = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });

/** Compact, for narrow table headers: "7 Oct 2025", "4–10 Oct 2025", "9 Jul 2025 – 5 Jan 2026". */
export function shortDateText(from: string, to: string = from): string {
  const a = new Date(`${from}T00:00:00Z`);
  const b = new Date(`${to}T00:00:00Z`);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return from === to ? from : `${from} – ${to}`;
  if (from === to) return SHORT.format(a);
  if (from.slice(0, 7) === to.slice(0, 7)) return `${a.getUTCDate()}–${SHORT.format(b)}`;
  if (from.slice(0, 4) === to.slice(0, 4)) return `${SHORT_NO_YEAR.format(a)} – ${SHORT.format(b)}`;
  return `${SHORT.format(a)} – ${SHORT.format(b)}`;
}

/** A column's date from the comparison table ("2025-10-07" or "2025-10-04…2025-10-10"). */
export function tableDateText(date: string | null): string | null {
  if (!date) return null;
  const [from, to] = date.split('…');
  return from ? shortDateText(from, to ?? from) : date;
}

/**
 * "Published 7 October 2025, from the page's publication-date metadata
 * (article:published_time …)." Evidence that is the page's own words is
 * quoted; evidence the engine wrote in plain words is said as it is.
 */
export function DateLine({ date }: { date: DatedAs | null }) {
  if (!date) return <p class="date-line">Publication date unknown.</p>;
  const plain = date.source === 'story' && date.evidence;
  return (
    <p class="date-line">
      Published {dateText(date)}.{' '}
      <span class="date-how">
        {plain ? (
          <>{date.evidence.charAt(0).toUpperCase() + date.evidence.slice(1)}.</>
        ) : (
          <>
            Date from {DATE_SOURCE_WORDS[date.source]}
            {date.evidence && QUOTED.has(date.source) ? (
              <>
                : <q class="date-evidence">{date.evidence}</q>
              </>
            ) : null}
            .
          </>
        )}
      </span>
    </p>
  );
}

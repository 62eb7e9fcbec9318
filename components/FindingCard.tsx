import type { Finding } from '../lib/schema';
import { KIND_LABEL, KIND_MARK, STANCE_LABEL, STANCE_MARK } from './kinds';
import { isHttpUrl } from '../lib/url';

/**
 * One finding: what is contradicted, by whom, with their words. All text is
 * rendered as text, and every string that came from a page or a report sits
 * in a <bdi>, so its bidi controls cannot reorder the words around it.
 */
export function FindingCard({ finding, headingId }: { finding: Finding; headingId?: string }) {
  return (
    <article class={`finding kind-${finding.kind}`}>
      <header class="finding-head">
        <span class="kind-mark" aria-hidden="true">
          {KIND_MARK[finding.kind]}
        </span>
        <h2 class="kind-label" id={headingId}>
          {KIND_LABEL[finding.kind]}
        </h2>
        <span class="confidence" title="How sure crosscheck is">
          {Math.round(finding.confidence * 100)}% sure
        </span>
      </header>
      <p class="explanation">{finding.explanation}</p>
      {finding.evidence.length ? (
        <ul class="evidence" aria-label="Evidence">
          {finding.evidence.map((e, i) => (
            <li key={`${e.article}-${i}`} class={`stance-${e.stance}`}>
              <span class="stance" aria-label={STANCE_LABEL[e.stance]} title={STANCE_LABEL[e.stance]}>
                {STANCE_MARK[e.stance]}
              </span>{' '}
              {isHttpUrl(e.url) ? (
                <a href={e.url} target="_blank" rel="noopener noreferrer" class="outlet">
                  <bdi>{e.outlet}</bdi>
                </a>
              ) : (
                <span class="outlet">
                  <bdi>{e.outlet}</bdi>
                </span>
              )}
              {e.value ? (
                <span class="value">
                  : <bdi>{e.value}</bdi>
                </span>
              ) : null}
              {e.quote ? (
                <blockquote class="quote">
                  <bdi>{e.quote}</bdi>
                </blockquote>
              ) : null}
              {e.note ? <p class="evidence-note">{e.note}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

import type { SourceSummary } from '../lib/schema';
import { isHttpUrl } from '../lib/url';
import { siteOf } from '../lib/settings';

/** The corpus sources; text is rendered as text and links only as http(s). */
export function SourceList({ sources }: { sources: SourceSummary[] }) {
  return (
    <ul class="source-list" aria-label="Sources in the corpus">
      {sources.map((s) => (
        <li key={s.id} class="source" data-origin={s.origin}>
          <span class="outlet">{s.outlet}</span>
          <span class={s.title ? 'title' : 'title untitled'}>{s.title ?? 'untitled'}</span>
          {isHttpUrl(s.url) ? (
            <a class="link" href={s.url} target="_blank" rel="noopener noreferrer">
              {siteOf(s.url)}
            </a>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

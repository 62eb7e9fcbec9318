import type { Finding, FindingKind } from '../lib/schema';
import { ClaimQuote, ClaimSaid } from './ClaimQuote';
import { KIND_LABEL, KIND_MARK } from './kinds';

export { excerpt } from './ClaimQuote';

const EXCERPT_CHARS = 140;

/** How many findings of each kind, in the order kinds.ts lists them. */
export function KindCounts({ findings }: { findings: Finding[] }) {
  const counts = new Map<FindingKind, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  const kinds = (Object.keys(KIND_LABEL) as FindingKind[]).filter((k) => counts.has(k));
  if (!kinds.length) return <p class="kind-counts none">No findings on this page.</p>;
  return (
    <ul class="kind-counts" aria-label="Findings by kind">
      {kinds.map((k) => (
        <li key={k} class={`kind-count kind-${k}`} data-kind={k}>
          <span class="kind-mark" aria-hidden="true">
            {KIND_MARK[k]}
          </span>{' '}
          <span class="n">{counts.get(k)}</span> <span class="kind-label">{KIND_LABEL[k]}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Findings as buttons: choosing one (click, Enter or Space) calls onChoose.
 * `status` shows what happened to the last one chosen, next to it; the page
 * announces it through its own live region.
 */
export function FindingList(props: { findings: Finding[]; onChoose?: (f: Finding) => void; status?: { id: string; text: string } | null }) {
  return (
    <ol class="finding-list">
      {props.findings.map((f) => (
        <li key={f.id} class={`finding-item kind-${f.kind}`} data-finding={f.id}>
          {props.onChoose ? (
            <button type="button" class="finding-button" onClick={() => props.onChoose?.(f)}>
              <FindingSummary finding={f} />
            </button>
          ) : (
            <div class="finding-button">
              <FindingSummary finding={f} />
            </div>
          )}
          {props.status?.id === f.id ? (
            <p class="finding-status">{props.status.text}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function FindingSummary({ finding }: { finding: Finding }) {
  return (
    <>
      <span class="finding-kind">
        <span class="kind-mark" aria-hidden="true">
          {KIND_MARK[finding.kind]}
        </span>{' '}
        {KIND_LABEL[finding.kind]}
      </span>
      <span class="finding-excerpt">
        <ClaimQuote finding={finding} max={EXCERPT_CHARS} />
        <ClaimSaid finding={finding} />
      </span>
    </>
  );
}

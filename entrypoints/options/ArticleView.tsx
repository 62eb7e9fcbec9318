import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import { AsyncState, type Loadable } from '../../components/AsyncState';
import { ComparisonTable } from '../../components/ComparisonTable';
import { DateLine } from '../../components/dates';
import { downloadText } from '../../components/download';
import { FindingCard } from '../../components/FindingCard';
import { KindCounts } from '../../components/FindingList';
import { annotationFileName, findingsToAnnotations } from '../../lib/annotation';
import { isPlaceholderUrl } from '../../lib/corpus/bundle';
import type { AnalyseStoredReply, Article, Claim, CorpusChangeReply } from '../../lib/schema';
import { ORIGIN_LABEL } from './CorpusView';
import { ask, count, errorText, useLive } from './live';

type Analysed = z.infer<typeof AnalyseStoredReply>;

const CLAIM_TYPE_LABEL: Record<Claim['type'], string> = {
  office: 'Office holder',
  venue: 'Venue',
  participant: 'Participant',
  'event-date': 'Date of an event',
  quantity: 'Number',
  outcome: 'Outcome',
  attribution: 'Attributed to',
  provenance: 'How it was made',
};

export function ArticleView({ id }: { id: string }) {
  const article = useLive((db) => db.articles.get(id), [id]);
  return (
    <section aria-labelledby="article-heading" class="article-view">
      <p>
        <a href="#corpus">← Back to the corpus</a>
      </p>
      <AsyncState value={article} isEmpty={(a) => a === undefined} empty={<NotFound />}>
        {(a) => <ArticleDetails article={a!} />}
      </AsyncState>
    </section>
  );
}

function NotFound() {
  return (
    <>
      <h2 id="article-heading" tabIndex={-1}>
        Not in the corpus
      </h2>
      <p>This article is not in the corpus (it may have been deleted).</p>
    </>
  );
}

function ArticleDetails({ article: a }: { article: Article }) {
  const [analysis, setAnalysis] = useState<Loadable<Analysed>>({ state: 'loading' });
  const [status, setStatus] = useState('');
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    setAnalysis({ state: 'loading' });
    ask<Analysed>({ type: 'analyseStored', id: a.id }).then(
      (reply) => setAnalysis({ state: 'ready', value: reply }),
      (error: unknown) => setAnalysis({ state: 'error', error: errorText(error) }),
    );
  }, [a]);

  const exportAnnotations = () => {
    if (analysis.state !== 'ready') return;
    const collection = findingsToAnnotations(analysis.value.analysis.findings, a, { pageUrl: a.url });
    downloadText(annotationFileName(a.url), `${JSON.stringify(collection, null, 2)}\n`, 'application/ld+json');
    setStatus(`Saved ${count(collection.total, 'finding')} as Web Annotations.`);
  };

  const remove = async () => {
    if (!confirming) return setConfirming(true);
    try {
      await ask<CorpusChangeReply>({ type: 'deleteArticles', ids: [a.id] });
      location.hash = '#corpus';
    } catch (error) {
      setStatus(`Could not delete it: ${errorText(error)}`);
    }
  };

  return (
    <>
      <h2 id="article-heading" tabIndex={-1}>
        {a.title ?? <span class="untitled">Untitled report</span>}
      </h2>
      <dl class="facts">
        <dt>Outlet</dt>
        <dd>{a.outlet}</dd>
        <dt>Address</dt>
        <dd>{isPlaceholderUrl(a.url) ? <span class="muted">unknown (imported from a file)</span> : <a href={a.url} target="_blank" rel="noopener noreferrer">{a.url}</a>}</dd>
        {a.byline ? (
          <>
            <dt>Byline</dt>
            <dd>{a.byline}</dd>
          </>
        ) : null}
        <dt>Origin</dt>
        <dd>
          {ORIGIN_LABEL[a.origin]}, {new Date(a.addedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}
        </dd>
      </dl>
      <div class="toolbar">
        <button type="button" class="export-annotations" onClick={exportAnnotations} disabled={analysis.state !== 'ready'}>
          Export findings (Web Annotations)
        </button>
        <button type="button" class={confirming ? 'delete danger' : 'delete'} onClick={remove}>
          {confirming ? 'Confirm: delete this article' : 'Delete…'}
        </button>
      </div>
      <p class="status-line" role="status">
        {status}
      </p>

      <AsyncState value={analysis} isEmpty={() => false} empty={null}>
        {(r) => (
          <>
            <h3>Checked against the rest of the corpus</h3>
            <DateLine date={r.analysis.publishedAt} />
            <KindCounts findings={r.analysis.findings} />
            <p class="muted">
              {r.analysis.matched.length ? (
                <>
                  Matched {count(r.analysis.matched.length, 'other report')} of the same story:{' '}
                  {/* Each name isolated: a bidi control in one must not reorder the others. */}
                  {r.analysis.matched.map((m, i) => [i ? ', ' : '', <bdi key={m.articleId}>{m.outlet}</bdi>])}.
                </>
              ) : (
                'No other report of this story in the corpus.'
              )}
            </p>
            {r.analysis.table.rows.length ? <ComparisonTable table={r.analysis.table} /> : null}
            {r.analysis.findings.length ? (
              <>
                <h3>Findings</h3>
                <ul class="finding-cards">
                  {r.analysis.findings.map((f) => (
                    <li key={f.id}>
                      <p class="sentence">
                        “<bdi>{f.sentence.text}</bdi>”
                      </p>
                      <FindingCard finding={f} />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <h3>Claims</h3>
            <ClaimsTable claims={r.claims} />
          </>
        )}
      </AsyncState>

      <details class="article-text">
        <summary>Text as stored ({count(a.blocks.length, 'block')})</summary>
        {a.blocks.map((b, i) =>
          b.kind === 'heading' ? (
            <h4 key={i}>{b.text}</h4>
          ) : b.kind === 'list-item' ? (
            <p key={i} class="list-item">
              • {b.text}
            </p>
          ) : (
            <p key={i}>{b.text}</p>
          ),
        )}
      </details>
    </>
  );
}

function ClaimsTable({ claims }: { claims: Claim[] }) {
  const shown = claims.filter((c) => c.type !== 'provenance');
  if (!shown.length) return <p class="muted">No checkable claims found in this text.</p>;
  return (
    <table class="claims-table">
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Value</th>
          <th scope="col">In the words of the text</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((c, i) => (
          <tr key={`${c.fact}-${c.sentence.block}-${c.sentence.start}-${i}`}>
            <td>{CLAIM_TYPE_LABEL[c.type]}</td>
            <td>
              {c.value}
              {c.office ? <span class="muted"> ({c.qualifier && c.qualifier !== 'current' ? `${c.qualifier} ` : ''}{c.office})</span> : null}
            </td>
            <td>{c.surface}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

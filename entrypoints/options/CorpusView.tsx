import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AsyncState } from '../../components/AsyncState';
import { dateText } from '../../components/dates';
import { excerpt } from '../../components/FindingList';
import type { Article, ArticleOrigin, CorpusChangeReply } from '../../lib/schema';
import { ask, count, errorText, useLive } from './live';

type SortKey = 'outlet' | 'title' | 'date' | 'origin' | 'added';

const SORTS: Array<{ key: SortKey; label: string }> = [
  { key: 'outlet', label: 'Outlet' },
  { key: 'title', label: 'Title' },
  { key: 'date', label: 'Publication date (newest first)' },
  { key: 'origin', label: 'Origin (seed, added, imported, read)' },
  { key: 'added', label: 'Recently added' },
];

export const ORIGIN_LABEL: Record<ArticleOrigin, string> = { seed: 'seed', added: 'added by you', imported: 'imported', read: 'read by you' };
const ORIGIN_ORDER: Record<ArticleOrigin, number> = { seed: 0, added: 1, imported: 2, read: 3 };
const PAGE = 100;

const byText = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });

function sortArticles(list: Article[], key: SortKey): Article[] {
  const out = [...list];
  const tie = (a: Article, b: Article) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const cmp: Record<SortKey, (a: Article, b: Article) => number> = {
    outlet: (a, b) => byText(a.outlet, b.outlet) || tie(a, b),
    title: (a, b) => byText(a.title ?? '', b.title ?? '') || tie(a, b),
    // Undated articles last: an unknown date is not "oldest".
    date: (a, b) => (b.publishedAt?.from ?? '').localeCompare(a.publishedAt?.from ?? '') || tie(a, b),
    origin: (a, b) => ORIGIN_ORDER[a.origin] - ORIGIN_ORDER[b.origin] || byText(a.outlet, b.outlet) || tie(a, b),
    added: (a, b) => b.addedAt - a.addedAt || tie(a, b),
  };
  return out.sort(cmp[key]);
}

export function CorpusView() {
  const articles = useLive((db) => db.articles.toArray());
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortKey>('outlet');
  const [shown, setShown] = useState(PAGE);
  const [status, setStatus] = useState<ComponentChildren>('');
  const [confirmReset, setConfirmReset] = useState(false);

  return (
    <section aria-labelledby="corpus-heading">
      <h2 id="corpus-heading" tabIndex={-1}>
        The corpus
      </h2>
      <p class="lede">The reports crosscheck compares each page with. They stay on this device.</p>
      <AsyncState value={articles} isEmpty={() => false} empty={null}>
        {(list) => (
          <CorpusTable
            list={list}
            query={query}
            setQuery={(q) => {
              setQuery(q);
              setShown(PAGE);
            }}
            sort={sort}
            setSort={setSort}
            shown={shown}
            setShown={setShown}
            onStatus={setStatus}
            onReset={() => setConfirmReset(true)}
          />
        )}
      </AsyncState>
      <p class="status-line" role="status">
        {status}
      </p>
      {confirmReset && articles.state === 'ready' ? (
        <ResetDialog
          extra={articles.value.filter((a) => a.origin !== 'seed').length}
          onClose={(message) => {
            setConfirmReset(false);
            if (message) setStatus(message);
          }}
        />
      ) : null}
    </section>
  );
}

function CorpusTable(props: {
  list: Article[];
  query: string;
  setQuery: (q: string) => void;
  sort: SortKey;
  setSort: (s: SortKey) => void;
  shown: number;
  setShown: (n: number) => void;
  onStatus: (s: ComponentChildren) => void;
  onReset: () => void;
}) {
  const { list, query, sort } = props;
  // Lower-cased once per corpus change, not once per keystroke.
  const haystacks = useMemo(
    () => new Map(list.map((a) => [a.id, `${a.title ?? ''}\n${a.outlet}\n${a.blocks.map((b) => b.text).join('\n')}`.toLowerCase()])),
    [list],
  );
  const filtered = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const hits = words.length ? list.filter((a) => words.every((w) => haystacks.get(a.id)!.includes(w))) : list;
    return sortArticles(hits, sort);
  }, [list, haystacks, query, sort]);
  const origins = useMemo(() => {
    const c: Record<ArticleOrigin, number> = { seed: 0, added: 0, imported: 0, read: 0 };
    for (const a of list) c[a.origin]++;
    return c;
  }, [list]);

  return (
    <>
      <p class="corpus-count" data-count={list.length}>
        {count(list.length, 'article')} ({origins.seed} seed, {origins.added} added by you, {origins.imported} imported, {origins.read} read by you)
      </p>
      <div class="toolbar">
        <label>
          Search <input type="search" class="corpus-search" value={query} onInput={(e) => props.setQuery(e.currentTarget.value)} placeholder="title, outlet or text" />
        </label>
        <label>
          Sort by{' '}
          <select class="corpus-sort" value={sort} onChange={(e) => props.setSort(e.currentTarget.value as SortKey)}>
            {SORTS.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="reset-seeds danger" onClick={props.onReset}>
          Reset to seeds…
        </button>
      </div>
      {query ? (
        <p class="muted" aria-live="polite">
          {count(filtered.length, 'match', 'matches')}
        </p>
      ) : null}
      {filtered.length ? (
        <table class="corpus-table">
          <thead>
            <tr>
              <th scope="col">Outlet</th>
              <th scope="col">Title</th>
              <th scope="col">Published</th>
              <th scope="col">Origin</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {filtered.slice(0, props.shown).map((a) => (
              <CorpusRow key={a.id} article={a} onStatus={props.onStatus} />
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">No article matches “{query}”.</p>
      )}
      {filtered.length > props.shown ? (
        <button type="button" class="show-more" onClick={() => props.setShown(props.shown + PAGE)}>
          Show {Math.min(PAGE, filtered.length - props.shown)} more of {filtered.length - props.shown}
        </button>
      ) : null}
    </>
  );
}

function CorpusRow({ article: a, onStatus }: { article: Article; onStatus: (s: ComponentChildren) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setBusy(true);
    try {
      await ask<CorpusChangeReply>({ type: 'deleteArticles', ids: [a.id] });
      onStatus(
        <>
          Deleted “<bdi>{a.title ?? a.outlet}</bdi>”.{a.origin === 'seed' ? ' Reset to seeds brings it back.' : ''}
        </>,
      );
    } catch (error) {
      onStatus(`Could not delete it: ${errorText(error)}`);
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <tr data-id={a.id} data-origin={a.origin}>
      <td class="outlet">{a.outlet}</td>
      <td>
        <a href={`#article/${encodeURIComponent(a.id)}`} class={a.title ? 'title' : 'title untitled'}>
          {a.title === null ? (
            <>
              Untitled: “<bdi>{excerpt(a.blocks.find((b) => b.kind === 'paragraph')?.text ?? '', 80)}</bdi>”
            </>
          ) : (
            <bdi>{a.title}</bdi>
          )}
        </a>
      </td>
      <td class="date">{a.publishedAt ? dateText(a.publishedAt) : <span class="muted">unknown</span>}</td>
      <td class="origin">{ORIGIN_LABEL[a.origin]}</td>
      <td class="row-actions">
        <button
          type="button"
          class={confirming ? 'delete confirm danger' : 'delete'}
          onClick={remove}
          onBlur={() => !busy && setConfirming(false)}
          disabled={busy}
          aria-label={confirming ? `Confirm: delete ${a.title ?? a.outlet}` : `Delete ${a.title ?? a.outlet}`}
        >
          {confirming ? 'Confirm delete' : 'Delete'}
        </button>
      </td>
    </tr>
  );
}

/** A modal confirmation: resetting removes the reader's own articles, which no undo brings back. */
function ResetDialog({ extra, onClose }: { extra: number; onClose: (message?: string) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const reset = async () => {
    setBusy(true);
    try {
      const reply = await ask<CorpusChangeReply>({ type: 'resetToSeeds' });
      onClose(`Reset to seeds: the corpus has ${count(reply.total, 'article')}.`);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  return (
    <dialog ref={dialog} class="confirm-dialog" aria-labelledby="reset-title" onCancel={() => onClose()} onClose={() => onClose()}>
      <h3 id="reset-title">Reset the corpus to its seeds?</h3>
      <p>
        This removes the {count(extra, 'article')} you added, imported or read and restores the seed reports as shipped. It cannot be undone; export the
        corpus first to keep a copy.
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="dialog-actions">
        <button type="button" class="cancel" onClick={() => onClose()} disabled={busy}>
          Cancel
        </button>
        <button type="button" class="confirm-reset danger" onClick={reset} disabled={busy}>
          {busy ? 'Resetting…' : 'Reset to seeds'}
        </button>
      </div>
    </dialog>
  );
}

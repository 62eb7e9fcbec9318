import { useMemo, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import { AsyncState } from '../../components/AsyncState';
import { formatIsoDate } from '../../components/dates';
import { isHttpUrl } from '../../lib/url';
import { siteOf } from '../../lib/settings';
import { readStoredKnowledgeBase, type StoredKnowledgeBase } from '../../lib/db';
import { loadKnowledgeBase, parseKnowledgeBase, type KnowledgeBase, type Office } from '../../lib/kb/index';
import type { SetKnowledgeBaseReply } from '../../lib/schema';
import { ask, count, errorText, useLive } from './live';

type InUse = { kb: KnowledgeBase; stored: StoredKnowledgeBase | null; problem: string | null };

/** The knowledge base the background uses: an imported update when there is a valid one, else the bundled one. */
function inUse(stored: StoredKnowledgeBase | null): InUse {
  if (stored) {
    try {
      return { kb: parseKnowledgeBase(stored.kb), stored, problem: null };
    } catch (error) {
      return { kb: loadKnowledgeBase(), stored, problem: errorText(error) };
    }
  }
  return { kb: loadKnowledgeBase(), stored: null, problem: null };
}

export function KnowledgeBaseView() {
  const stored = useLive((db) => readStoredKnowledgeBase(db));
  return (
    <section aria-labelledby="kb-heading">
      <h2 id="kb-heading" tabIndex={-1}>
        Knowledge base
      </h2>
      <p class="lede">Who held which office, and when: crosscheck checks what a report says about office holders against this record.</p>
      <AsyncState value={stored} isEmpty={() => false} empty={null}>
        {(s) => <KnowledgeBaseDetails current={inUse(s)} />}
      </AsyncState>
    </section>
  );
}

function KnowledgeBaseDetails({ current }: { current: InUse }) {
  const { kb, stored } = current;
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function importUpdate(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setStatus(null);
    try {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch (error) {
        throw new Error(`${file.name}: not valid JSON (${errorText(error)})`);
      }
      // Checked here too, so the reader sees which fact is wrong before anything is sent.
      try {
        parseKnowledgeBase(json);
      } catch (error) {
        throw new Error(`${file.name}: ${errorText(error)}`);
      }
      await ask<z.infer<typeof SetKnowledgeBaseReply>>({ type: 'setKnowledgeBase', kb: json, file: file.name });
      setStatus({ ok: true, text: `Now using ${file.name}.` });
    } catch (error) {
      setStatus({ ok: false, text: `The knowledge base was not changed. ${errorText(error)}` });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  async function useBundled() {
    setBusy(true);
    try {
      await ask<z.infer<typeof SetKnowledgeBaseReply>>({ type: 'setKnowledgeBase', kb: null, file: '' });
      setStatus({ ok: true, text: 'Now using the knowledge base that came with crosscheck.' });
    } catch (error) {
      setStatus({ ok: false, text: errorText(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p class="kb-source">
        {stored && !current.problem
          ? `Using an update imported from ${stored.file || 'a file'} on ${new Date(stored.importedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}`
          : 'Using the knowledge base that came with crosscheck'}
        , current to {formatIsoDate(kb.currentTo)}: {count(kb.offices.length, 'office')} in {count(new Set(kb.offices.map((o) => o.jurisdiction)).size, 'jurisdiction')},{' '}
        {count(kb.people.length, 'person', 'people')}.
      </p>
      {new Date().toISOString().slice(0, 10) > kb.currentTo ? (
        <p class="record-end">
          The record runs to {formatIsoDate(kb.currentTo)}. Pages dated after it are checked only where a fixed term says who still held an office;
          an update (README: Refreshing the knowledge base) brings the record closer to today.
        </p>
      ) : null}
      {current.problem ? (
        <p class="error" role="alert">
          The imported update no longer loads, so the bundled knowledge base is in use: {current.problem}
        </p>
      ) : null}
      <div class="toolbar">
        <label class="file-button">
          Import an update…
          <input ref={input} type="file" class="kb-input visually-hidden" accept=".json,application/json" disabled={busy} onChange={(e) => void importUpdate(e.currentTarget.files?.[0])} />
        </label>
        {stored ? (
          <button type="button" onClick={useBundled} disabled={busy}>
            Go back to the bundled knowledge base
          </button>
        ) : null}
      </div>
      <div role="status" class="kb-status">
        {status?.ok ? <p>{status.text}</p> : null}
      </div>
      <div role="alert" class="kb-alert">
        {status && !status.ok ? <p class="error">{status.text}</p> : null}
      </div>
      <OfficeBrowser kb={kb} />
    </>
  );
}

function OfficeBrowser({ kb }: { kb: KnowledgeBase }) {
  const [query, setQuery] = useState('');
  const people = useMemo(() => new Map(kb.people.map((p) => [p.id, p])), [kb]);
  const groups = useMemo(() => {
    const names = new Map(kb.jurisdictions.map((j) => [j.code, j.names[0] ?? j.code]));
    const q = query.trim().toLowerCase();
    const matches = (o: Office) =>
      !q ||
      o.title.toLowerCase().includes(q) ||
      (names.get(o.jurisdiction) ?? '').toLowerCase().includes(q) ||
      o.holders.some((h) => (people.get(h.person)?.name ?? h.person).toLowerCase().includes(q));
    const byJurisdiction = new Map<string, Office[]>();
    for (const o of kb.offices) {
      if (!matches(o)) continue;
      const list = byJurisdiction.get(o.jurisdiction) ?? [];
      list.push(o);
      byJurisdiction.set(o.jurisdiction, list);
    }
    return [...byJurisdiction]
      .map(([code, offices]) => ({ code, name: names.get(code) ?? code, offices }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [kb, people, query]);

  return (
    <>
      <h3>Offices</h3>
      <label class="kb-search">
        Find an office, country or person <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      </label>
      {groups.length ? null : <p class="muted">Nothing matches “{query}”.</p>}
      {groups.map((g) => (
        <details key={g.code} class="jurisdiction" open={Boolean(query.trim())} data-jurisdiction={g.code}>
          <summary>
            {g.name} <span class="muted">({count(g.offices.length, 'office')})</span>
          </summary>
          {g.offices.map((o) => (
            <div key={o.id} class="office" data-office={o.id}>
              <h4>{o.title}</h4>
              {o.contested ? <p class="muted">Contested: {o.contested}</p> : null}
              <table class="holders">
                <thead>
                  <tr>
                    <th scope="col">Holder</th>
                    <th scope="col">From</th>
                    <th scope="col">To</th>
                    <th scope="col">Source</th>
                  </tr>
                </thead>
                <tbody>
                  {o.holders.map((h, i) => (
                    <tr key={`${h.person}-${i}`}>
                      <td>
                        {people.get(h.person)?.name ?? h.person}
                        {h.acting ? <span class="muted"> (acting)</span> : null}
                      </td>
                      <td>{formatIsoDate(h.from)}</td>
                      <td>{h.to ? formatIsoDate(h.to) : 'in office'}</td>
                      <td>
                        {isHttpUrl(h.source) ? (
                          <a href={h.source} target="_blank" rel="noopener noreferrer">
                            {siteOf(h.source)}
                          </a>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </details>
      ))}
    </>
  );
}

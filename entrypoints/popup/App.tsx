import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import { AsyncState, type Loadable } from '../../components/AsyncState';
import { ComparisonTable } from '../../components/ComparisonTable';
import { DateLine, dateText, formatIsoDate } from '../../components/dates';
import { downloadText } from '../../components/download';
import { FindingList, KindCounts } from '../../components/FindingList';
import { SourceList } from '../../components/SourceList';
import { annotationFileName } from '../../lib/annotation';
import { request } from '../../lib/messaging/protocol';
import {
  ShowFindingReply,
  TabMessage,
  type Analysis,
  type AddPageReply,
  type ExportAnnotationsReply,
  type Finding,
  type ListSourcesReply,
  type RetryTabReply,
  type SettingsReply,
  type SourceSummary,
  type TabAnalysisReply,
} from '../../lib/schema';
import { shownFindings } from '../../lib/settings';

const send = (m: unknown) => browser.runtime.sendMessage(m);
const POLL_MS = 600;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `popup.html?tab=ID` describes that tab (tests, "open in a tab"); otherwise the active tab of this window. */
function tabFromQuery(): number | null {
  const raw = new URLSearchParams(location.search).get('tab');
  const id = raw === null ? NaN : Number(raw);
  return Number.isInteger(id) && id >= 0 ? id : null;
}

async function findTabId(): Promise<number | null> {
  const fromQuery = tabFromQuery();
  if (fromQuery !== null) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

export function App() {
  const [tabId, setTabId] = useState<Loadable<number | null>>({ state: 'loading' });
  const [view, setView] = useState<Loadable<TabAnalysisReply>>({ state: 'loading' });
  const [corpus, setCorpus] = useState<Loadable<SourceSummary[]>>({ state: 'loading' });
  const [busy, setBusy] = useState<string | null>(null);
  /** Said by the live region: results of actions and of choosing a finding. Markup, so a report's name in it can be isolated. */
  const [announce, setAnnounce] = useState<ComponentChildren>('');
  /** Shown under the view: what the last action did. */
  const [status, setStatus] = useState<ComponentChildren>('');
  const [findingStatus, setFindingStatus] = useState<{ id: string; text: string } | null>(null);

  useEffect(() => {
    findTabId().then(
      (id) => setTabId({ state: 'ready', value: id }),
      (error: unknown) => setTabId({ state: 'error', error: message(error) }),
    );
  }, []);

  const loadCorpus = useCallback(() => {
    request<z.infer<typeof ListSourcesReply>>(send, { type: 'listSources' }).then(
      (reply) => setCorpus({ state: 'ready', value: reply.sources }),
      (error: unknown) => setCorpus({ state: 'error', error: message(error) }),
    );
  }, []);
  useEffect(loadCorpus, [loadCorpus]);

  const id = tabId.state === 'ready' ? tabId.value : null;
  const load = useCallback(() => {
    if (id === null) return;
    request<TabAnalysisReply>(send, { type: 'tabAnalysis', tabId: id }).then(
      (reply) => setView({ state: 'ready', value: reply }),
      (error: unknown) => setView({ state: 'error', error: message(error) }),
    );
  }, [id]);
  useEffect(load, [load]);

  // The content script is still at work: ask again until it reports.
  const analysing = view.state === 'ready' && view.value.state === 'analysing';
  useEffect(() => {
    if (!analysing) return;
    const timer = setTimeout(load, POLL_MS);
    return () => clearTimeout(timer);
  }, [analysing, view, load]);

  async function act(name: string, run: () => Promise<ComponentChildren | void>) {
    setBusy(name);
    setStatus('');
    const say = (text: ComponentChildren) => {
      setStatus(text);
      setAnnounce(text);
    };
    try {
      const done = await run();
      if (done) say(done);
    } catch (error) {
      say(`That did not work: ${message(error)}`);
    } finally {
      setBusy(null);
      load();
      loadCorpus();
    }
  }

  const retry = () =>
    act('retry', async () => {
      if (id === null) return;
      await request<z.infer<typeof RetryTabReply>>(send, { type: 'retryTab', tabId: id });
      setView({ state: 'loading' });
      return 'Checking the page again.';
    });

  const addPage = () =>
    act('add', async () => {
      if (id === null) return;
      const reply = await request<z.infer<typeof AddPageReply>>(send, { type: 'addPage', tabId: id });
      return (
        <>
          Added <bdi>{reply.source.outlet}</bdi> to your corpus; it now has {reply.corpusSize} sources.
        </>
      );
    });

  const setPaused = (site: string, paused: boolean) =>
    act(paused ? 'pause' : 'resume', async () => {
      await request<z.infer<typeof SettingsReply>>(send, { type: 'setSitePaused', site, paused });
      if (paused) return `Paused on ${site}. Highlights already on the page stay until you reload it.`;
      if (id !== null) await request<z.infer<typeof RetryTabReply>>(send, { type: 'retryTab', tabId: id });
      return `Resumed on ${site}; checking the page again.`;
    });

  /** The once-only offer and the no-match hint both turn Keep what I read on here; either answer ends the offer. */
  const answerKeepRead = (on: boolean) =>
    act('keep', async () => {
      await request<z.infer<typeof SettingsReply>>(send, { type: 'updateSettings', patch: { keepRead: on, keepReadAsked: true } });
      return on
        ? 'Keep what I read is on: news pages you stay on are kept in your corpus, on this device. Turn it off or delete them in the corpus manager.'
        : 'Keep what I read stays off. You can turn it on in the corpus manager.';
    });

  const exportAnnotations = (url: string) =>
    act('export', async () => {
      if (id === null) return;
      const reply = await request<z.infer<typeof ExportAnnotationsReply>>(send, { type: 'exportAnnotations', tabId: id });
      downloadText(annotationFileName(url), `${JSON.stringify(reply.collection, null, 2)}\n`, 'application/ld+json');
      return `Saved ${reply.collection.total} findings as Web Annotations.`;
    });

  async function showFinding(f: Finding) {
    if (id === null) return;
    let text: string;
    try {
      const raw: unknown = await browser.tabs.sendMessage(id, TabMessage.parse({ type: 'showFinding', findingId: f.id }));
      const reply = ShowFindingReply.safeParse(raw);
      if (!reply.success) text = 'The page did not answer as expected. Reload it and try again.';
      else text = reply.data.shown ? 'Shown on the page.' : 'Not found on the page: the text may have changed since it was checked.';
    } catch {
      text = 'Could not reach the page. Reload it and try again.';
    }
    setFindingStatus({ id: f.id, text });
    setAnnounce(text);
  }

  const openInTab = () => {
    if (id !== null) void browser.tabs.create({ url: `${browser.runtime.getURL('/popup.html')}?tab=${id}` });
  };

  return (
    <main class={`popup${tabFromQuery() !== null ? ' in-tab' : ''}`}>
      <header class="top">
        <h1>crosscheck</h1>
        <div class="top-actions">
          {tabFromQuery() === null && id !== null ? (
            <button type="button" class="icon-button" onClick={openInTab} aria-label="Open this comparison in a tab" title="Open this comparison in a tab">
              <span aria-hidden="true">⤢</span>
            </button>
          ) : null}
          <button type="button" class="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
            Open the corpus manager
          </button>
        </div>
      </header>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      {tabId.state === 'error' ? (
        <TabMessageView role="alert" text={`crosscheck could not tell which tab this is: ${tabId.error}`} />
      ) : view.state === 'error' ? (
        <TabMessageView role="alert" text={`crosscheck's background did not answer: ${view.error}`} onRetry={load} retryLabel="Try again" />
      ) : view.state === 'loading' || tabId.state === 'loading' ? (
        <TabMessageView text="Loading…" />
      ) : (
        <TabView
          view={view.value}
          busy={busy}
          findingStatus={findingStatus}
          onRetry={retry}
          onAdd={addPage}
          onPause={setPaused}
          onKeepRead={() => answerKeepRead(true)}
          onExport={exportAnnotations}
          onShowFinding={showFinding}
        />
      )}
      {status ? <p class="action-status">{status}</p> : null}
      {view.state === 'ready' && !view.value.settings.keepRead && !view.value.settings.keepReadAsked ? (
        <KeepReadOffer busy={busy !== null} onAnswer={answerKeepRead} />
      ) : null}
      <details class="corpus">
        <summary>
          Your corpus:{' '}
          <span class="count" aria-live="polite">
            {corpus.state === 'ready' ? `${corpus.value.length} ${corpus.value.length === 1 ? 'source' : 'sources'}` : '…'}
          </span>
        </summary>
        <AsyncState value={corpus} isEmpty={(s) => s.length === 0} empty="The corpus is empty." onRetry={loadCorpus}>
          {(list) => <SourceList sources={list} />}
        </AsyncState>
      </details>
    </main>
  );
}

function TabMessageView(props: { text: string; role?: 'alert' | 'status'; onRetry?: () => void; retryLabel?: string; busy?: boolean }) {
  return (
    <section class={`tab-message${props.role === 'alert' ? ' is-error' : ''}`} role={props.role ?? 'status'}>
      <p>{props.text}</p>
      {props.onRetry ? (
        <button type="button" onClick={props.onRetry} disabled={props.busy}>
          {props.retryLabel ?? 'Retry'}
        </button>
      ) : null}
    </section>
  );
}

interface TabViewProps {
  view: TabAnalysisReply;
  busy: string | null;
  findingStatus: { id: string; text: string } | null;
  onRetry: () => void;
  onAdd: () => void;
  onPause: (site: string, paused: boolean) => void;
  onKeepRead: () => void;
  onExport: (url: string) => void;
  onShowFinding: (f: Finding) => void;
}

function TabView(props: TabViewProps) {
  const { view, busy } = props;
  const state = (content: ComponentChildren) => (
    <div class="tab-view" data-state={view.state}>
      {content}
    </div>
  );
  switch (view.state) {
    case 'unavailable':
      return state(
        <TabMessageView
          text="crosscheck is not running on this page. It checks web pages (http and https); a page opened before crosscheck was installed needs a reload."
          onRetry={props.onRetry}
          retryLabel="Reload the page"
          busy={busy !== null}
        />,
      );
    case 'analysing':
      return state(<TabMessageView text="Checking this page…" />);
    case 'not-article':
      return state(<TabMessageView text="No news article found on this page, so there is nothing to check." />);
    case 'too-long': {
      const n = (x: number | undefined) => (x ?? 0).toLocaleString('en');
      return state(
        <TabMessageView
          text={`This page is too long to check: ${n(view.tooLong?.chars)} characters of text, and crosscheck checks up to ${n(view.tooLong?.limit)}. Nothing on it is highlighted.`}
        />,
      );
    }
    case 'paused':
      return state(
        <section class="tab-message" role="status">
          <p>
            crosscheck is paused on <strong>{view.site}</strong>.
          </p>
          {view.site ? (
            <button type="button" onClick={() => props.onPause(view.site!, false)} disabled={busy !== null}>
              Resume on this site
            </button>
          ) : null}
        </section>,
      );
    case 'error':
      return state(<TabMessageView role="alert" text={`The check failed: ${view.error ?? 'unknown error'}`} onRetry={props.onRetry} busy={busy !== null} />);
    case 'no-match':
    case 'matched':
      return state(<Analysed {...props} />);
  }
}

function Analysed(props: TabViewProps) {
  const { view, busy } = props;
  const analysis = view.analysis!;
  const shown = shownFindings(analysis.findings, view.settings);
  const hidden = analysis.findings.length - shown.length;
  const others = analysis.matched.length;
  return (
    <>
      <section class="page-summary" aria-labelledby="page-outlet">
        <p class="outlet-line">
          <strong id="page-outlet" class="page-outlet">
            {view.outlet ? <bdi>{view.outlet}</bdi> : 'This page'}
          </strong>
          {analysis.self ? <span class="badge in-corpus">In your corpus</span> : null}
        </p>
        <DateLine date={analysis.publishedAt} />
        {analysis.recordEnds ? <RecordEnds date={analysis.recordEnds} /> : null}
        <KindCounts findings={shown} />
        {hidden > 0 ? (
          <p class="muted">
            {hidden} more {hidden === 1 ? 'finding is' : 'findings are'} hidden by your settings.
          </p>
        ) : null}
      </section>

      <section class="comparison-section" aria-labelledby="comparison-heading">
        <h2 id="comparison-heading">Source comparison</h2>
        <p class="match-line" data-matched={others}>
          {others
            ? `Compared with ${others} other ${others === 1 ? 'report' : 'reports'} of this story in your corpus.`
            : 'No other report of this story in your corpus.'}
        </p>
        {analysis.story ? <StoryLine story={analysis.story} /> : null}
        {others ? (
          <p>
            {/* A button, not a link: the popup's links only ever open web pages. */}
            <button
              type="button"
              class="link-button open-story"
              onClick={() => void browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}#story-of/${encodeURIComponent(analysis.matched[0]!.articleId)}` })}
            >
              This story in the corpus manager
            </button>
          </p>
        ) : null}
        {others ? null : <CorpusHint size={view.corpusSize} keepRead={view.settings.keepRead} busy={busy !== null} onKeepRead={props.onKeepRead} />}
        {analysis.table.rows.length ? (
          <ComparisonTable table={analysis.table} />
        ) : others ? (
          <p class="muted">No fact here is reported by two sources, so there is nothing to line up.</p>
        ) : null}
      </section>

      {analysis.related.length ? <RelatedList related={analysis.related} /> : null}

      <section class="findings-section" aria-labelledby="findings-heading">
        <h2 id="findings-heading">Findings</h2>
        {view.painted !== null && shown.length ? (
          <p class="muted">
            {view.painted} highlighted on the page{view.orphaned ? `; ${view.orphaned} could not be found in the page's text` : ''}. Choose one to go to it.
          </p>
        ) : null}
        {shown.length ? <FindingList findings={shown} onChoose={props.onShowFinding} status={props.findingStatus} /> : <p class="muted">Nothing to point out.</p>}
      </section>

      <section class="actions" aria-label="Actions">
        {analysis.self ? null : view.hasText ? (
          <button type="button" class="add-page" onClick={props.onAdd} disabled={busy !== null}>
            {busy === 'add' ? 'Adding…' : 'Add this page to the corpus'}
          </button>
        ) : null}
        {view.site ? (
          <button type="button" class="pause-site" onClick={() => props.onPause(view.site!, true)} disabled={busy !== null}>
            Pause on this site
          </button>
        ) : null}
        {shown.length && view.url ? (
          <button type="button" class="export-annotations" onClick={() => props.onExport(view.url!)} disabled={busy !== null}>
            Export findings (Web Annotations)
          </button>
        ) : null}
      </section>
    </>
  );
}

/** The page is dated after the knowledge base's last day: said, so no one takes silence for agreement. */
function RecordEnds({ date }: { date: string }) {
  return (
    <p class="record-end">
      The record runs to {formatIsoDate(date)}; this page is dated after it, so who held an office on its date is checked only where a fixed term
      says so.
    </p>
  );
}

/** Offered once: what Keep what I read stores and where, in one sentence, and the reader's answer. */
function KeepReadOffer(props: { busy: boolean; onAnswer: (on: boolean) => void }) {
  return (
    <section class="keep-read-offer" aria-labelledby="keep-read-heading">
      <h2 id="keep-read-heading">Keep what you read?</h2>
      <p>
        crosscheck can keep the text of each news article you stay on for a few seconds in this browser's storage, never sent anywhere, so that later
        pages have other reports to be compared with.
      </p>
      <div class="offer-actions">
        <button type="button" class="keep-read-on" onClick={() => props.onAnswer(true)} disabled={props.busy}>
          Keep what I read
        </button>
        <button type="button" class="keep-read-no" onClick={() => props.onAnswer(false)} disabled={props.busy}>
          Not now
        </button>
      </div>
    </section>
  );
}

/** On a page that matches nothing: how big the corpus is, and what would give later pages something to compare with. */
function CorpusHint(props: { size: number; keepRead: boolean; busy: boolean; onKeepRead: () => void }) {
  const reports = `${props.size.toLocaleString('en')} ${props.size === 1 ? 'report' : 'reports'}`;
  return (
    <p class="corpus-hint">
      Your corpus has {reports}.{' '}
      {props.keepRead ? (
        'Keep what I read is on, so the news pages you read give later pages something to compare with.'
      ) : (
        <>
          Keeping what you read would give later pages something to compare with.{' '}
          <button type="button" class="link-button keep-read-hint" onClick={props.onKeepRead} disabled={props.busy}>
            Keep what I read
          </button>
        </>
      )}
    </p>
  );
}

/** The event this page and its matched reports tell, and the days their dates agree on. */
function StoryLine({ story }: { story: NonNullable<Analysis['story']> }) {
  return (
    <p class="story-line">
      The story{story.title ? (
        <>
          : <bdi class="story-title">{story.title}</bdi>
        </>
      ) : null}
      {story.dates ? `, ${dateText(story.dates)}` : ', undated'} ({story.reports} reports).
    </p>
  );
}

/** Reports about the same subject but another event: listed apart, never compared. */
function RelatedList({ related }: { related: Analysis['related'] }) {
  return (
    <section class="related-section" aria-labelledby="related-heading">
      <h2 id="related-heading">Related coverage, not compared</h2>
      <ul class="related-list">
        {related.map((r) => (
          <li key={r.articleId} class="related">
            <bdi class="outlet">{r.outlet}</bdi>
            {r.title ? (
              <>
                {' — '}
                <bdi class="title">{r.title}</bdi>
              </>
            ) : null}
            <span class="muted why">: {r.why}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

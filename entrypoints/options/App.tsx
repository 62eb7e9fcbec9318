import { useEffect, useState } from 'preact/hooks';
import { ArticleView } from './ArticleView';
import { CorpusView } from './CorpusView';
import { ImportExportView } from './ImportExportView';
import { KnowledgeBaseView } from './KnowledgeBaseView';
import { SettingsView } from './SettingsView';
import { StoriesView, StoryView } from './StoriesView';

type Route =
  | { view: 'corpus' }
  | { view: 'article'; id: string }
  | { view: 'stories' }
  | { view: 'story'; id?: string; reportId?: string }
  | { view: 'import' }
  | { view: 'kb' }
  | { view: 'settings' };

/** Views are addressed by the URL's fragment, so each can be linked, reloaded and opened by the tests directly. */
function parseRoute(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  if (h.startsWith('article/')) {
    try {
      return { view: 'article', id: decodeURIComponent(h.slice('article/'.length)) };
    } catch {
      return { view: 'corpus' };
    }
  }
  for (const [prefix, key] of [['story/', 'id'], ['story-of/', 'reportId']] as const) {
    if (!h.startsWith(prefix)) continue;
    try {
      return { view: 'story', [key]: decodeURIComponent(h.slice(prefix.length)) };
    } catch {
      return { view: 'stories' };
    }
  }
  if (h === 'import' || h === 'kb' || h === 'settings' || h === 'stories') return { view: h };
  return { view: 'corpus' };
}

const NAV: Array<{ view: Route['view']; href: string; label: string }> = [
  { view: 'corpus', href: '#corpus', label: 'Corpus' },
  { view: 'stories', href: '#stories', label: 'Stories' },
  { view: 'import', href: '#import', label: 'Import and export' },
  { view: 'kb', href: '#kb', label: 'Knowledge base' },
  { view: 'settings', href: '#settings', label: 'Settings' },
];

export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  // A new view starts at its top, and its heading takes focus so a screen reader announces where the reader is.
  useEffect(() => {
    scrollTo(0, 0);
    document.querySelector<HTMLElement>('main h2')?.focus({ preventScroll: true });
  }, [route]);
  const current = route.view === 'article' ? 'corpus' : route.view === 'story' ? 'stories' : route.view;

  return (
    <div class="options">
      <header class="masthead">
        <h1>crosscheck</h1>
        <p class="tagline">Corpus manager</p>
        <nav aria-label="Sections">
          <ul>
            {NAV.map((n) => (
              <li key={n.view}>
                <a href={n.href} aria-current={n.view === current ? 'page' : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main">
        {route.view === 'corpus' ? <CorpusView /> : null}
        {route.view === 'article' ? <ArticleView id={route.id} /> : null}
        {route.view === 'stories' ? <StoriesView /> : null}
        {route.view === 'story' ? <StoryView {...(route.id ? { id: route.id } : {})} {...(route.reportId ? { reportId: route.reportId } : {})} /> : null}
        {route.view === 'import' ? <ImportExportView /> : null}
        {route.view === 'kb' ? <KnowledgeBaseView /> : null}
        {route.view === 'settings' ? <SettingsView /> : null}
      </main>
    </div>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { ArticleView } from './ArticleView';
import { CorpusView } from './CorpusView';
import { ImportExportView } from './ImportExportView';
import { KnowledgeBaseView } from './KnowledgeBaseView';
import { SettingsView } from './SettingsView';

type Route = { view: 'corpus' } | { view: 'article'; id: string } | { view: 'import' } | { view: 'kb' } | { view: 'settings' };

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
  if (h === 'import' || h === 'kb' || h === 'settings') return { view: h };
  return { view: 'corpus' };
}

const NAV: Array<{ view: Route['view']; href: string; label: string }> = [
  { view: 'corpus', href: '#corpus', label: 'Corpus' },
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
  const current = route.view === 'article' ? 'corpus' : route.view;

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
        {route.view === 'import' ? <ImportExportView /> : null}
        {route.view === 'kb' ? <KnowledgeBaseView /> : null}
        {route.view === 'settings' ? <SettingsView /> : null}
      </main>
    </div>
  );
}

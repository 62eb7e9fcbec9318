import { bundledSeedArticles } from '../lib/corpus/bundled-seeds';
import { loadSavedIndex, openDatabase, readSettings, saveIndex, seedDatabase } from '../lib/db';
import { Engine } from '../lib/engine';
import { loadKnowledgeBase } from '../lib/kb/index';
import { parseRequest } from '../lib/messaging/protocol';
import type { Analysis, Reply, Request } from '../lib/schema';
import { MAX_ARTICLE_CHARS } from '../lib/schema';
import { isPaused } from '../lib/settings';

interface TabState {
  url: string;
  connectedAt: number;
  analysis?: Analysis;
  painted?: number;
}

export default defineBackground(() => {
  const db = openDatabase();
  // Seeding is idempotent, so it runs on install, update and every start of the
  // worker; every request waits for it so nobody reads a half-seeded corpus.
  let seeded: Promise<unknown> = seed();
  let engine: Promise<Engine> | null = null;

  function seed(): Promise<unknown> {
    return seedDatabase(db, bundledSeedArticles(Date.now()))
      .then((r) => {
        if (r.added || r.updated) engine = null; // the corpus changed: rebuild the engine on next use
      })
      .catch((error: unknown) => console.error('crosscheck: seeding the corpus failed', error));
  }

  browser.runtime.onInstalled.addListener(() => {
    seeded = seeded.then(seed);
  });
  browser.runtime.onStartup.addListener(() => {
    seeded = seeded.then(seed);
  });

  /** One engine per worker life: the corpus, its claims and the story index stay in memory. */
  function getEngine(): Promise<Engine> {
    engine ??= (async () => {
      await seeded;
      const articles = await db.articles.toArray();
      const saved = await loadSavedIndex(db, articles.map((a) => a.id));
      const e = new Engine(loadKnowledgeBase(), articles, saved ?? undefined);
      if (!saved) await saveIndex(db, e.index.toJSON());
      return e;
    })();
    engine.catch(() => (engine = null));
    return engine;
  }

  // Per-tab state lives in memory: it describes pages open now, and a restarted
  // worker learns it again when the content script next connects.
  const tabs = new Map<number, TabState>();
  browser.tabs?.onRemoved.addListener((tabId) => tabs.delete(tabId));

  function setBadge(tabId: number, count: number) {
    void browser.action.setBadgeText({ tabId, text: count ? String(count) : '' });
    void browser.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
  }

  async function handle(req: Request, sender: Browser.runtime.MessageSender): Promise<Reply> {
    await seeded;
    const tabId = sender.tab?.id;
    switch (req.type) {
      case 'hello': {
        const settings = await readSettings(db);
        if (tabId !== undefined) tabs.set(tabId, { url: req.url, connectedAt: Date.now() });
        return { ok: true, type: 'hello', articles: await db.articles.count(), paused: isPaused(req.url, settings), settings };
      }
      case 'analyse': {
        const chars = req.page.blocks.reduce((n, b) => n + b.text.length, 0);
        if (chars > MAX_ARTICLE_CHARS) return { ok: false, error: `too long to check (${chars} characters; the limit is ${MAX_ARTICLE_CHARS})` };
        const analysis = (await getEngine()).analyse(req.page, { canonicalUrl: req.canonicalUrl });
        if (tabId !== undefined) tabs.set(tabId, { ...(tabs.get(tabId) ?? { url: req.page.url, connectedAt: Date.now() }), analysis });
        return { ok: true, type: 'analyse', analysis };
      }
      case 'painted': {
        if (tabId !== undefined) {
          const t = tabs.get(tabId);
          if (t) t.painted = req.painted;
          setBadge(tabId, req.painted);
        }
        return { ok: true, type: 'painted' };
      }
      case 'tabState':
        // Extension pages opened in a tab carry sender.tab too; only their URL tells them from content scripts.
        if (!sender.url?.startsWith(browser.runtime.getURL('/'))) return { ok: false, error: 'tabState is only answered to extension pages' };
        return { ok: true, type: 'tabState', tabs: [...tabs].map(([id, t]) => ({ tabId: id, url: t.url, connectedAt: t.connectedAt })) };
      case 'listSources': {
        const articles = await db.articles.orderBy('id').toArray();
        return {
          ok: true,
          type: 'listSources',
          sources: articles.map((a) => ({ id: a.id, outlet: a.outlet, title: a.title, url: a.url, origin: a.origin })),
        };
      }
    }
  }

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (r: Reply) => void) => {
    const parsed = parseRequest(message);
    if (!parsed.ok) {
      console.warn('crosscheck: ignored a malformed message:', parsed.error);
      sendResponse({ ok: false, error: `malformed message: ${parsed.error}` });
      return false;
    }
    handle(parsed.request, sender).then(sendResponse, (error: unknown) =>
      sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
    return true; // the reply is sent asynchronously
  });
});

import { openDatabase, seedDatabase } from '../lib/db';
import { bundledSeedArticles } from '../lib/corpus/bundled-seeds';
import { parseRequest } from '../lib/messaging/protocol';
import type { Reply, Request } from '../lib/schema';

export default defineBackground(() => {
  const db = openDatabase();
  // Seeding is idempotent, so it runs on install, update and every start of the
  // worker; every request waits for it so nobody reads a half-seeded corpus.
  let seeded: Promise<unknown> = seed();

  function seed(): Promise<unknown> {
    return seedDatabase(db, bundledSeedArticles(Date.now())).catch((error: unknown) => {
      console.error('crosscheck: seeding the corpus failed', error);
    });
  }

  browser.runtime.onInstalled.addListener(() => {
    seeded = seeded.then(seed);
  });
  browser.runtime.onStartup.addListener(() => {
    seeded = seeded.then(seed);
  });

  // Per-tab state lives in memory: it describes pages open now, and a restarted
  // worker learns it again when the content script next connects.
  const tabs = new Map<number, { url: string; connectedAt: number }>();
  browser.tabs?.onRemoved.addListener((tabId) => tabs.delete(tabId));

  async function handle(req: Request, sender: Browser.runtime.MessageSender): Promise<Reply> {
    await seeded;
    switch (req.type) {
      case 'hello':
        if (sender.tab?.id !== undefined) tabs.set(sender.tab.id, { url: req.url, connectedAt: Date.now() });
        return { ok: true, type: 'hello', articles: await db.articles.count() };
      case 'tabState':
        if (sender.tab) return { ok: false, error: 'tabState is only answered to extension pages' };
        return { ok: true, type: 'tabState', tabs: [...tabs].map(([tabId, t]) => ({ tabId, ...t })) };
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

import { findingsToAnnotations } from '../lib/annotation';
import { articleFromText } from '../lib/corpus/bundle';
import { bundledSeedArticles } from '../lib/corpus/bundled-seeds';
import { prepareSource } from '../lib/compare/source';
import {
  deleteArticles,
  enforceReadCap,
  forgetRead,
  importArticles,
  keepReadReport,
  openDatabase,
  readSettings,
  readStoredKnowledgeBase,
  resetToSeeds,
  seedDatabase,
  storeKnowledgeBase,
  updateSettings,
  type TabRow,
} from '../lib/db';
import { Engine } from '../lib/engine';
import { openEngine, type IndexStore } from '../lib/index-store';
import { loadKnowledgeBase, parseKnowledgeBase, type KnowledgeBase } from '../lib/kb/index';
import { parseRequest } from '../lib/messaging/protocol';
import type { ArticleText, Reply, Request, Settings, TabAnalysisReply, TabPhase } from '../lib/schema';
import { MAX_ARTICLE_CHARS, MAX_PAGE_TEXT_CHARS, Reply as ReplySchema, describeZodError } from '../lib/schema';
import { extractFromHtml } from '../lib/extract/html-node';
import { isPaused, shownFindings, siteOf } from '../lib/settings';
import { whyNotKept } from '../lib/corpus/reading';
import { groupStories, type Story } from '../lib/corpus/stories';

/** How long a tab that started loading may stay silent before the popup stops saying "analysing". */
const LOADING_GRACE_MS = 15_000;

/**
 * Extraction falls back to any text it finds, so a sign-in form yields a few
 * "blocks". Text this thin that matched nothing and raised nothing is not a
 * report: the popup says so instead of "no matching story".
 */
/** A jump to an anchor on the page is still the same page. */
function withoutFragment(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

function tooThinForAnArticle(page: ArticleText): boolean {
  const words = page.blocks.map((b) => b.text.split(/\s+/).filter(Boolean).length);
  return words.reduce((a, b) => a + b, 0) < 60 && !words.some((n) => n >= 25);
}

export default defineBackground(() => {
  const db = openDatabase();
  const startedAt = Date.now();
  // Seeding is idempotent, so it runs on install, update and every start of the
  // worker; every request waits for it so nobody reads a half-seeded corpus.
  let seeded: Promise<unknown> = seed();
  let engine: Promise<Engine> | null = null;

  // Analyses kept for tabs are redone when the corpus or knowledge base changed
  // since; the worker's life is part of the stamp, so rows a stopped worker left
  // in the database count as stale too.
  const life = Math.random().toString(36).slice(2, 10);
  let changes = 0;
  const generation = () => `${life}:${changes}`;
  let stories: { generation: string; list: Story[] } | null = null;

  function seed(): Promise<unknown> {
    return seedDatabase(db, bundledSeedArticles(Date.now()))
      .then((r) => {
        if (r.added || r.updated) corpusChanged(true);
      })
      .catch((error: unknown) => console.error('crosscheck: seeding the corpus failed', error));
  }

  /** Tab ids do not survive the browser, and the old version's content scripts do not survive an update. */
  function forgetOldTabs(): Promise<unknown> {
    return db.tabs
      .filter((t) => t.connectedAt < startedAt && (t.loadingSince ?? 0) < startedAt)
      .delete()
      .catch((error: unknown) => console.warn('crosscheck: could not clear old tab state', error));
  }

  browser.runtime.onInstalled.addListener(() => {
    seeded = seeded.then(seed);
    void forgetOldTabs();
  });
  browser.runtime.onStartup.addListener(() => {
    seeded = seeded.then(seed);
    void forgetOldTabs();
  });

  function corpusChanged(rebuild: boolean) {
    changes++;
    if (rebuild) engine = null;
  }

  async function currentKnowledgeBase(): Promise<KnowledgeBase> {
    const stored = await readStoredKnowledgeBase(db);
    if (stored) {
      try {
        return parseKnowledgeBase(stored.kb);
      } catch (error) {
        // Validated on import, so only a newer schema can get here: the bundled KB still works.
        console.error('crosscheck: the imported knowledge base no longer loads; using the bundled one', error);
      }
    }
    return loadKnowledgeBase();
  }

  let indexStore: IndexStore | null = null;

  /**
   * One engine per worker life: the story index and the claims of the reports
   * it compared stay in memory; article text is read from the database when
   * an analysis needs it, so a restart does not read the whole corpus.
   */
  function getEngine(): Promise<Engine> {
    engine ??= (async () => {
      await seeded;
      const opened = await openEngine(db, await currentKnowledgeBase());
      indexStore = opened.store;
      return opened.engine;
    })();
    const building = engine;
    building.catch(() => {
      if (engine === building) engine = null;
    });
    return building;
  }

  // Corpus writes run one at a time, so the engine and the saved index follow
  // the database in the order the writes happened.
  let writing: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = writing.then(fn, fn);
    writing = run.catch(() => undefined);
    return run;
  }

  /** After a write: the engine learns the change and the story index's change log on disk gets it (O(1) per article). */
  async function syncEngine(change: (e: Engine) => void): Promise<void> {
    const e = await getEngine();
    change(e);
    await indexStore?.persist();
    corpusChanged(false);
  }

  // Per-tab state: in memory for speed, written through to the database so a
  // worker stopped while idle still knows the tabs when the popup asks.
  const tabs = new Map<number, TabRow>();
  async function getTab(tabId: number): Promise<TabRow | undefined> {
    const known = tabs.get(tabId);
    if (known) return known;
    const stored = await db.tabs.get(tabId).catch(() => undefined);
    if (stored) tabs.set(tabId, stored);
    return stored;
  }
  function putTab(row: TabRow) {
    tabs.set(row.tabId, row);
    void db.tabs.put(row).catch((error: unknown) => console.warn('crosscheck: could not save tab state', error));
  }
  browser.tabs?.onRemoved.addListener((tabId) => {
    tabs.delete(tabId);
    void db.tabs.delete(tabId).catch(() => undefined);
  });
  // A navigation replaces the page: until its content script reports, the old analysis no longer describes the tab.
  browser.tabs?.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'loading') return;
    // The URL shows only where crosscheck may run (its content-script hosts): anything else is a page it never checks.
    const url = change.url ?? tab?.url;
    if (url !== undefined && !/^https?:/i.test(url)) {
      tabs.delete(tabId);
      void db.tabs.delete(tabId).catch(() => undefined);
      return;
    }
    const row = tabs.get(tabId);
    putTab({ ...(row ?? { tabId, url: url ?? '', connectedAt: 0 }), loadingSince: Date.now() });
  });

  function setBadge(tabId: number, count: number) {
    void browser.action.setBadgeText({ tabId, text: count ? String(count) : '' });
    void browser.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
  }

  function phaseOf(row: TabRow | undefined, settings: Settings, now: number): TabPhase {
    if (!row) return 'unavailable';
    if (row.loadingSince !== undefined && row.connectedAt < row.loadingSince) {
      return now - row.loadingSince < LOADING_GRACE_MS ? 'analysing' : 'unavailable';
    }
    if (row.url && isPaused(row.url, settings)) return 'paused';
    if (row.tooLong) return 'too-long';
    if (row.error) return 'error';
    if (row.analysis?.matched.length) return 'matched';
    if (row.analysis && row.page && !row.analysis.findings.length && tooThinForAnArticle(row.page)) return 'not-article';
    if (row.analysis) return 'no-match';
    if (row.notArticle) return 'not-article';
    return 'analysing';
  }

  /** Extension pages only: a web page's content script must never read other tabs or change the corpus. */
  function fromExtensionPage(sender: Browser.runtime.MessageSender): boolean {
    return sender.url?.startsWith(browser.runtime.getURL('/')) === true;
  }


  async function describeTab(tabId: number): Promise<TabAnalysisReply> {
    const settings = await readSettings(db);
    let row = await getTab(tabId);
    const state = phaseOf(row, settings, Date.now());
    // The corpus changed since this tab was analysed: the table must show the corpus as it is now.
    if (row?.page && row.analysis && row.generation !== generation() && (state === 'matched' || state === 'no-match')) {
      const e = await getEngine();
      row = { ...row, analysis: await e.analyseAsync(row.page, { canonicalUrl: row.canonicalUrl ?? null }), generation: generation() };
      putTab(row);
    }
    const analysis = row?.analysis ?? null;
    const selfOutlet = analysis?.self ? (await (await getEngine()).load(analysis.self))?.outlet : undefined;
    return {
      ok: true,
      type: 'tabAnalysis',
      tabId,
      state: phaseOf(row, settings, Date.now()),
      url: row?.url || null,
      site: row?.url ? siteOf(row.url) : null,
      outlet: selfOutlet ?? row?.page?.siteName ?? (row?.url ? siteOf(row.url) : null),
      analysis,
      painted: row?.painted ?? null,
      orphaned: row?.orphaned ?? null,
      error: row?.error ?? null,
      tooLong: row?.tooLong ?? null,
      hasText: Boolean(row?.page),
      settings,
      corpusSize: await db.articles.count(),
    };
  }

  async function handle(req: Request, sender: Browser.runtime.MessageSender): Promise<Reply> {
    await seeded;
    const tabId = sender.tab?.id;
    if (!['hello', 'analyse', 'tooLong', 'painted', 'listSources', 'keepRead'].includes(req.type) && !fromExtensionPage(sender)) {
      return { ok: false, error: `${req.type} is only answered to extension pages` };
    }
    switch (req.type) {
      case 'hello': {
        const settings = await readSettings(db);
        if (tabId !== undefined) putTab({ tabId, url: req.url, connectedAt: Date.now() });
        return { ok: true, type: 'hello', articles: await db.articles.count(), paused: isPaused(req.url, settings), settings };
      }
      case 'analyse': {
        const base: TabRow | undefined = tabId === undefined ? undefined : ((await getTab(tabId)) ?? { tabId, url: req.url, connectedAt: Date.now() });
        // Written over the row as it is when the result arrives: a painted count may have come in meanwhile.
        const record = (patch: Partial<TabRow>) => {
          if (!base) return;
          const now = tabs.get(base.tabId) ?? base;
          putTab({ ...now, url: req.url, canonicalUrl: req.canonicalUrl, notArticle: false, loadingSince: undefined, tooLong: undefined, ...patch });
        };
        // The page's markup is parsed by linkedom, which builds an inert tree: nothing in it can run or load.
        const page = extractFromHtml(req.html, req.url);
        if (!page.blocks.length) {
          record({ page: undefined, analysis: undefined, error: undefined, notArticle: true });
          return { ok: true, type: 'analyse', analysis: null };
        }
        const chars = page.blocks.reduce((n, b) => n + b.text.length, 0);
        if (chars > MAX_ARTICLE_CHARS) {
          // Not an error: the popup says the page is too long to check, and the content script paints nothing.
          record({ page, analysis: undefined, error: undefined, tooLong: { chars, limit: MAX_ARTICLE_CHARS } });
          return { ok: true, type: 'analyse', analysis: null };
        }
        try {
          const gen = generation();
          const analysis = await (await getEngine()).analyseAsync(page, { canonicalUrl: req.canonicalUrl });
          record({ page, analysis, generation: gen, error: undefined });
          return { ok: true, type: 'analyse', analysis };
        } catch (error) {
          record({ page, analysis: undefined, error: error instanceof Error ? error.message : String(error) });
          throw error;
        }
      }
      case 'tooLong': {
        if (tabId !== undefined) {
          const row = (await getTab(tabId)) ?? { tabId, url: req.url, connectedAt: Date.now() };
          putTab({ ...row, url: req.url, page: undefined, analysis: undefined, notArticle: false, loadingSince: undefined, error: undefined, tooLong: { chars: req.chars, limit: MAX_PAGE_TEXT_CHARS } });
        }
        return { ok: true, type: 'tooLong' };
      }
      case 'painted': {
        if (tabId !== undefined) {
          const row = await getTab(tabId);
          if (row) {
            // Painted without an analysis of this URL: the content script found no article here.
            const analysed = row.page !== undefined && (!sender.url || withoutFragment(sender.url) === withoutFragment(row.page.url));
            putTab({ ...row, painted: req.painted, orphaned: req.orphaned, ...(analysed ? {} : { notArticle: true, analysis: undefined, page: undefined, error: undefined }) });
          }
          setBadge(tabId, req.painted);
        }
        return { ok: true, type: 'painted' };
      }
      case 'keepRead':
        return exclusive(async () => {
          const settings = await readSettings(db);
          const row = tabId === undefined ? undefined : await getTab(tabId);
          const page = row?.page;
          const why = whyNotKept({
            keepRead: settings.keepRead,
            incognito: sender.tab?.incognito === true,
            paused: isPaused(req.url, settings),
            url: req.url,
            page,
            analysed: row?.analysis !== undefined,
            inCorpus: row?.analysis?.self != null,
          });
          if (why !== null || !page) return { ok: true, type: 'keepRead', kept: false, reason: why ?? 'no article', removed: 0 };
          const canonical = row?.canonicalUrl && /^https?:/i.test(row.canonicalUrl) ? row.canonicalUrl : null;
          const now = Date.now();
          const article = articleFromText({ ...page, url: canonical ?? page.url }, { origin: 'read', addedAt: now, file: page.url });
          const result = await keepReadReport(db, article, settings, now);
          if (result.kept || result.removed.length) {
            await syncEngine((e) => {
              for (const id of result.removed) e.remove(id);
              if (result.kept) e.add(result.kept);
            });
          }
          return { ok: true, type: 'keepRead', kept: result.kept !== null, reason: result.reason, removed: result.removed.length };
        });
      case 'listStories': {
        // Grouping analyses every report of a story of two or more: done once per state of the corpus.
        const gen = generation();
        // An engine of its own over every stored article: grouping looks at each one, which the page-serving engine never loads all of.
        if (stories?.generation !== gen) stories = { generation: gen, list: groupStories((await getEngine()).kb, await db.articles.toArray()) };
        return { ok: true, type: 'listStories', stories: stories.list };
      }
      case 'forgetRead':
        return exclusive(async () => {
          const removed = await forgetRead(db);
          if (removed.length) await syncEngine((e) => removed.forEach((id) => e.remove(id)));
          return { ok: true, type: 'forgetRead', changed: removed.length, unchanged: 0, total: await db.articles.count() };
        });
      case 'tabState': {
        const stored = await db.tabs.toArray();
        const all = new Map(stored.map((t) => [t.tabId, t]));
        for (const [id, t] of tabs) all.set(id, t);
        return {
          ok: true,
          type: 'tabState',
          tabs: [...all.values()].filter((t) => t.url && t.connectedAt).map((t) => ({ tabId: t.tabId, url: t.url, connectedAt: t.connectedAt })),
        };
      }
      case 'listSources': {
        const articles = await db.articles.orderBy('id').toArray();
        return {
          ok: true,
          type: 'listSources',
          sources: articles.map((a) => ({ id: a.id, outlet: a.outlet, title: a.title, url: a.url, origin: a.origin })),
        };
      }
      case 'tabAnalysis':
        return describeTab(req.tabId);
      case 'retryTab': {
        const row = await getTab(req.tabId);
        // Reloading re-runs the content script from the start: extraction, analysis and painting.
        putTab({ tabId: req.tabId, url: row?.url ?? '', connectedAt: 0, loadingSince: Date.now() });
        await browser.tabs.reload(req.tabId);
        return { ok: true, type: 'retryTab' };
      }
      case 'addPage':
        return exclusive(async () => {
          const row = await getTab(req.tabId);
          if (!row?.page) throw new Error('crosscheck has no article text from this tab; reload the page and try again');
          const canonical = row.canonicalUrl && /^https?:/i.test(row.canonicalUrl) ? row.canonicalUrl : null;
          const article = articleFromText({ ...row.page, url: canonical ?? row.page.url }, { origin: 'added', addedAt: Date.now(), file: row.page.url });
          await db.articles.put(article);
          await syncEngine((e) => e.add(article));
          // Analysed again at once, so the popup shows the page as part of the corpus it now is.
          const analysis = await (await getEngine()).analyseAsync(row.page, { canonicalUrl: row.canonicalUrl ?? null });
          putTab({ ...row, analysis, generation: generation(), error: undefined });
          return {
            ok: true,
            type: 'addPage',
            source: { id: article.id, outlet: article.outlet, title: article.title, url: article.url, origin: article.origin },
            corpusSize: await db.articles.count(),
          };
        });
      case 'exportAnnotations': {
        const row = await getTab(req.tabId);
        if (!row?.page || !row.analysis) throw new Error('this tab has no analysis to export');
        const findings = shownFindings(row.analysis.findings, await readSettings(db));
        return { ok: true, type: 'exportAnnotations', collection: findingsToAnnotations(findings, row.page, { pageUrl: row.page.url }) };
      }
      case 'setSitePaused': {
        const probe = `https://${req.site}/`;
        const settings = await updateSettings(db, (s) => ({
          ...s,
          pausedSites: req.paused
            ? [...new Set([...s.pausedSites, req.site.toLowerCase().replace(/^www\./, '')])]
            : // Resuming removes every entry that covers the site, a parent domain's included.
              s.pausedSites.filter((p) => !isPaused(probe, { pausedSites: [p] })),
        }));
        return { ok: true, type: 'setSitePaused', settings };
      }
      case 'updateSettings': {
        const patch = Object.fromEntries(Object.entries(req.patch).filter(([, v]) => v !== undefined));
        const settings = await updateSettings(db, (s) => ({ ...s, ...patch }));
        // A lower cap applies at once: the reader who sets 100 expects 100, not 100 after the next page.
        if (req.patch.readCapCount !== undefined || req.patch.readCapDays !== undefined) {
          await exclusive(async () => {
            const removed = await enforceReadCap(db, settings, Date.now());
            if (removed.length) await syncEngine((e) => removed.forEach((id) => e.remove(id)));
          });
        }
        return { ok: true, type: 'updateSettings', settings };
      }
      case 'analyseStored': {
        const e = await getEngine();
        const article = await e.load(req.id);
        if (!article) throw new Error(`no article "${req.id}" in the corpus`);
        const analysis = await e.analyseAsync(article, { excludeId: article.id });
        const claims = prepareSource(e.kb, article.id, article.outlet, article).claims.claims;
        return { ok: true, type: 'analyseStored', analysis, claims };
      }
      case 'importArticles':
        return exclusive(async () => {
          const result = await importArticles(db, req.articles);
          if (result.written.length) await syncEngine((e) => result.written.forEach((a) => e.add(a)));
          return { ok: true, type: 'importArticles', changed: result.written.length, unchanged: result.unchanged, total: result.total };
        });
      case 'deleteArticles':
        return exclusive(async () => {
          const removed = await deleteArticles(db, req.ids);
          if (removed.length) await syncEngine((e) => removed.forEach((id) => e.remove(id)));
          return { ok: true, type: 'deleteArticles', changed: removed.length, unchanged: 0, total: await db.articles.count() };
        });
      case 'resetToSeeds':
        return exclusive(async () => {
          const result = await resetToSeeds(db, bundledSeedArticles(Date.now()));
          // Seeds may have been replaced in place, so the index is rebuilt from the stored text rather than patched.
          await db.meta.delete('storyIndex');
          corpusChanged(true);
          await getEngine();
          return { ok: true, type: 'resetToSeeds', changed: result.removed + result.restored, unchanged: 0, total: result.total };
        });
      case 'setKnowledgeBase':
        return exclusive(async () => {
          // parseKnowledgeBase throws an Error naming the failing fact; nothing is stored then.
          if (req.kb !== null) parseKnowledgeBase(req.kb);
          await storeKnowledgeBase(db, req.kb === null ? null : { importedAt: Date.now(), file: req.file, kb: req.kb });
          corpusChanged(true);
          await getEngine();
          return { ok: true, type: 'setKnowledgeBase', imported: req.kb !== null };
        });
    }
  }

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (r: Reply) => void) => {
    const parsed = parseRequest(message);
    if (!parsed.ok) {
      console.warn('crosscheck: ignored a malformed message:', parsed.error);
      sendResponse({ ok: false, error: `malformed message: ${parsed.error}` });
      return false;
    }
    // Replies are parsed before they leave: the content script trusts their shape without loading zod.
    const reply = (r: Reply) => {
      const checked = ReplySchema.safeParse(r);
      if (checked.success) return sendResponse(checked.data);
      console.error('crosscheck: a reply did not match the schema:', describeZodError(checked.error));
      sendResponse({ ok: false, error: `internal error: the ${parsed.request.type} reply did not match the schema` });
    };
    handle(parsed.request, sender).then(reply, (error: unknown) =>
      sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
    return true; // the reply is sent asynchronously
  });
});

/**
 * The whole engine behind one call: a page's article text → the corpus
 * reports of the same story → claims → findings and the comparison table.
 * Used by the background (extension), the CLI and the tests alike, so all of
 * them run exactly the same analysis.
 */
import { compareArticle } from './compare/index';
import { prepareSource, type Source } from './compare/source';
import { dateFromText } from './compare/dating';
import { articleLandmarks } from './compare/finding';
import { CLOSE_DAYS, consensusWindow, daysApart, EVENT_DAYS, EVENT_SCORE, eventRelation, FLOOR_SCORE, windowOf, type Window } from './corpus/event';
import { sharedSpecifics, specificsOf, type Specifics } from './corpus/specifics';
import { createStoryIndex, loadStoryIndex, type QueryResult, type StoryIndex } from './corpus/match-index';
import type { KnowledgeBase } from './kb/schema';
import { siteOf } from './settings';
import type { Analysis, Article, ArticleText, DatedAs, MatchResult, RelatedReport } from './schema';

export interface AnalyseOptions {
  /** Overrides the page's date (CLI --date). */
  date?: string;
  /** The page's canonical URL, when it declares one. */
  canonicalUrl?: string | null;
  /** Corpus article to leave out (a seed analysed against the others). */
  excludeId?: string;
}

/** Reports of the page's event that must tell one event with a report for it to join them. */
const VOUCHERS = 2;
/** Reports weighed as the same event at most: the best-scored, each dated and compared with the page. */
const CANDIDATES = 20;
/**
 * Articles a lazy engine keeps in memory. An analysis reads at most about
 * 20 candidates and 20 neighbours of each; their claims stay cached apart.
 */
const LAZY_CACHE = 4000;
/** Fetch rounds one lazy analysis may take: the candidates, then their neighbours; more only when a concurrent write evicted them. */
const MAX_ROUNDS = 6;

/** Where a lazy engine reads the stored articles from (IndexedDB in the extension). */
export interface ArticleSource {
  /** The articles with these ids, in the same order; undefined for an id not stored. */
  get(ids: readonly string[]): Promise<(Article | undefined)[]>;
}

/** What one analysis computes once even when a lazy engine runs it again after fetching. */
interface RunMemo {
  pageSources: Map<string, Source>;
  pageSpecifics: Specifics | null;
}

export class Engine {
  /** Every article (eager engine), or those fetched lately (lazy engine, at most LAZY_CACHE). */
  private articles = new Map<string, Article>();
  private readonly lazySource: ArticleSource | null;
  /** Ids the index holds that the source did not have (deleted meanwhile): absent, not missing. */
  private readonly absent = new Set<string>();
  /** While a lazy analysis runs: articles it needed that are not in memory. */
  private misses: Set<string> | null = null;
  /** Every miss counted, repeats included: a window worked out while one was missing must not be kept. */
  private missCount = 0;
  private prepared = new Map<string, Source>();
  /** Stored reports' event windows (own date narrowed by their story's), per excluded article; cleared on any change. */
  private windows = new Map<string, Window | null>();
  private specifics = new Map<string, Specifics>();
  /** Stored reports' own dates, for those whose claims were never needed. */
  private dates = new Map<string, DatedAs | null>();
  readonly index: StoryIndex;

  constructor(
    readonly kb: KnowledgeBase,
    articles: Article[] = [],
    serializedIndex?: unknown,
    lazy?: { index: StoryIndex; source: ArticleSource },
  ) {
    this.lazySource = lazy?.source ?? null;
    this.index = lazy?.index ?? (serializedIndex ? tryLoadIndex(serializedIndex) : null) ?? createStoryIndex();
    for (const a of articles) this.articles.set(a.id, a);
    for (const a of articles) if (!this.index.has(a.id)) this.index.add(a);
  }

  /**
   * An engine whose corpus is `index` (which must describe the stored
   * articles) and whose articles are read from `source` only when an
   * analysis needs one: use analyseAsync, or ensure() before analyse.
   */
  static lazy(kb: KnowledgeBase, index: StoryIndex, source: ArticleSource): Engine {
    return new Engine(kb, [], undefined, { index, source });
  }

  get size(): number {
    return this.lazySource ? this.index.size : this.articles.size;
  }

  /** Reads these articles from the source, if the index has them and memory does not (a lazy engine; no-op otherwise). */
  async ensure(ids: readonly (string | null | undefined)[]): Promise<void> {
    if (!this.lazySource) return;
    const wanted = [...new Set(ids)].filter((id): id is string => !!id && !this.articles.has(id) && this.index.has(id) && !this.absent.has(id));
    if (!wanted.length) return;
    const found = await this.lazySource.get(wanted);
    wanted.forEach((id, i) => {
      const a = found[i];
      if (a && a.id === id) this.keep(a);
      else this.absent.add(id);
    });
  }

  /** An article by id, read from the source when a lazy engine does not have it in memory. */
  async load(id: string): Promise<Article | undefined> {
    await this.ensure([id]);
    return this.articles.get(id);
  }

  private keep(article: Article): void {
    this.articles.delete(article.id);
    this.articles.set(article.id, article);
    if (!this.lazySource) return;
    // Oldest first: a Map iterates in insertion order.
    for (const id of this.articles.keys()) {
      if (this.articles.size <= LAZY_CACHE) break;
      this.articles.delete(id);
    }
  }

  /** An article for the analysis; a lazy engine notes one it has to fetch. */
  private lookup(id: string): Article | undefined {
    const a = this.articles.get(id);
    if (!a && this.misses && this.index.has(id) && !this.absent.has(id)) {
      this.misses.add(id);
      this.missCount++;
    }
    return a;
  }

  add(article: Article): void {
    this.absent.delete(article.id);
    this.keep(article);
    this.prepared.delete(article.id);
    this.dates.delete(article.id);
    this.specifics.delete(article.id);
    this.windows.clear();
    this.index.add(article);
  }

  remove(id: string): void {
    this.articles.delete(id);
    this.absent.delete(id);
    this.prepared.delete(id);
    this.dates.delete(id);
    this.specifics.delete(id);
    this.windows.clear();
    this.index.remove(id);
  }

  get(id: string): Article | undefined {
    return this.articles.get(id);
  }

  /** Claims of corpus articles are extracted once and kept. */
  private source(id: string): Source | null {
    const cached = this.prepared.get(id);
    if (cached) return cached;
    const a = this.lookup(id);
    if (!a) return null;
    const s = prepareSource(this.kb, a.id, a.outlet, a);
    this.prepared.set(id, s);
    return s;
  }

  /**
   * A stored report's own date as prepareSource gives it, without extracting
   * its claims: dating a candidate's story reads the dates of up to 20
   * neighbours each, and most of them are never compared.
   */
  private ownDateOf(id: string): DatedAs | null | undefined {
    const prepared = this.prepared.get(id);
    if (prepared) return prepared.ownDate;
    if (this.dates.has(id)) return this.dates.get(id);
    const a = this.lookup(id);
    if (!a) return undefined;
    const date = a.publishedAt ?? dateFromText(a, this.kb);
    this.dates.set(id, date);
    return date;
  }

  /**
   * When a stored report was written, for telling events apart: its own date
   * narrowed to what the dated reports of its story agree on; for an undated
   * report, its story's. Its story here: the reports its words match whose
   * own dates fit its own.
   */
  private eventWindow(id: string, excludeId: string | undefined): Window | null {
    const key = `${id}\u0000${excludeId ?? ''}`;
    if (this.windows.has(key)) return this.windows.get(key)!;
    const missedBefore = this.missCount;
    const own = windowOf(this.ownDateOf(id));
    const a = this.lookup(id);
    const windows: Window[] = own ? [own] : [];
    if (a) {
      const q = this.index.query({ url: a.url, canonicalUrl: null, title: a.title, blocks: a.blocks }, { excludeId: id, minScore: EVENT_SCORE, limit: 20 });
      for (const m of q.matches) {
        if (m.articleId === excludeId || m.articleId === q.self?.articleId) continue;
        const w = windowOf(this.ownDateOf(m.articleId));
        if (w && (!own || daysApart(own, w) <= EVENT_DAYS)) windows.push(w);
      }
    }
    const w = consensusWindow(windows);
    // Worked out without an article still to fetch, it would be wrong: not kept.
    if (this.missCount === missedBefore) this.windows.set(key, w);
    return w;
  }

  private specificsOf(id: string): Specifics | null {
    const cached = this.specifics.get(id);
    if (cached) return cached;
    const a = this.lookup(id);
    if (!a) return null;
    const s = specificsOf(a);
    this.specifics.set(id, s);
    return s;
  }

  /**
   * The analysis of a page. A lazy engine must have what it needs in memory
   * (analyseAsync fetches it) and throws otherwise, rather than answer as if
   * the missing reports did not exist.
   */
  analyse(page: ArticleText, options: AnalyseOptions = {}): Analysis {
    if (!this.lazySource) return this.run(page, options, null)!;
    this.misses = new Set();
    try {
      const result = this.run(page, options, null);
      if (!result || this.misses.size) throw new Error(`crosscheck: ${this.misses.size} stored articles are not loaded; use analyseAsync`);
      return result;
    } finally {
      this.misses = null;
    }
  }

  /**
   * The same analysis as analyse(); a lazy engine first reads the articles it
   * needs (the candidates, then the reports that date them) from its source.
   */
  async analyseAsync(page: ArticleText, options: AnalyseOptions = {}): Promise<Analysis> {
    if (!this.lazySource) return this.analyse(page, options);
    const memo: RunMemo = { pageSources: new Map(), pageSpecifics: null };
    for (let round = 0; ; round++) {
      this.misses = new Set();
      let result: Analysis | null;
      let missing: string[];
      try {
        result = this.run(page, options, memo);
        missing = [...this.misses];
      } finally {
        this.misses = null;
      }
      if (result && !missing.length) return result;
      if (round >= MAX_ROUNDS) throw new Error(`crosscheck: ${missing.length} stored articles could not be kept in memory for one analysis`);
      await this.ensure(missing);
    }
  }

  /** Every stored article's id (the index's: a lazy engine holds only some of the articles in memory). */
  ids(): string[] {
    return this.index.ids();
  }

  /**
   * When a stored report was written, by its own evidence (its metadata, else
   * its text), as the comparison dates it; null when nothing tells.
   */
  ownDate(id: string): DatedAs | null {
    return this.ownDateOf(id) ?? null;
  }

  /**
   * How the engine links stored report `id` to the rest of the corpus, as it
   * would analyse it (`analyse(article, { excludeId: id })`, the extension's
   * analysis of a stored article) but without extracting and comparing its
   * claims: `matches` is exactly that analysis's `matched`, the reports of the
   * same event, and `copyOf` its `self`, another stored article the index
   * takes this one for (the same address, or most of its text: the same
   * report stored twice, which `matches` leaves out). Empty for an id not
   * stored. An eager engine's: a lazy one may not hold the reports it needs.
   */
  sameEventMatches(id: string): { copyOf: string | null; matches: MatchResult[] } {
    const a = this.lookup(id);
    if (!a) return { copyOf: null, matches: [] };
    const options = { excludeId: id };
    const q = this.storyQuery(a, options);
    // The page's own date is the stored report's: analyse() would read the same article without an override.
    return { copyOf: q.self?.articleId ?? null, matches: this.decideEvents(q, a, windowOf(this.ownDate(id)), options, null).matched };
  }

  /** Candidates down to the likeness that reports dated days apart with shared figures need; the event decision sorts them. */
  private storyQuery(page: ArticleText, options: AnalyseOptions): QueryResult {
    return this.index.query(
      { url: page.url, canonicalUrl: options.canonicalUrl ?? null, title: page.title, blocks: page.blocks },
      { minScore: FLOOR_SCORE, limit: CANDIDATES, ...(options.excludeId ? { excludeId: options.excludeId } : {}) },
    );
  }

  /** The candidates of one event with the page, and those of its subject but another event. */
  private decideEvents(
    q: QueryResult,
    page: ArticleText,
    pageWindow: Window | null,
    options: AnalyseOptions,
    memo: RunMemo | null,
  ): { matched: MatchResult[]; related: RelatedReport[] } {
    const selfId = q.self?.articleId ?? null;
    const matched: MatchResult[] = [];
    const related: RelatedReport[] = [];
    let pageSpecifics: Specifics | null = memo?.pageSpecifics ?? null;
    /** Dated within days of the page, but not alike enough on their own. */
    const unsure: Array<{ match: MatchResult; window: Window }> = [];
    for (const m of q.matches) {
      if (m.articleId === selfId || m.articleId === options.excludeId) continue;
      if (!pageWindow && m.score < EVENT_SCORE) continue;
      const window = pageWindow ? this.eventWindow(m.articleId, options.excludeId) : null;
      const theirs = this.specificsOf(m.articleId);
      pageSpecifics ??= specificsOf(page);
      if (memo) memo.pageSpecifics = pageSpecifics;
      const decision = eventRelation(m.score, pageWindow, window, theirs ? sharedSpecifics(pageSpecifics, theirs) : undefined);
      const rounded = { articleId: m.articleId, outlet: m.outlet, score: Math.round(m.score * 1000) / 1000 };
      if (decision.relation === 'same-event') matched.push(rounded);
      else if (decision.relation === 'related') related.push({ ...rounded, title: this.lookup(m.articleId)?.title ?? null, why: decision.why ?? 'another event' });
      else if (pageWindow) {
        // Vouched for only on its own date: a story's consensus must not pull a later follow-up into it.
        const own = windowOf(this.ownDateOf(m.articleId));
        if (own && daysApart(pageWindow, own) <= CLOSE_DAYS) unsure.push({ match: rounded, window: own });
      }
    }
    // A report whose own words are too far from the page's (another angle, a changed figure) still tells its event
    // when reports of that event vouch for it: taken by the page's own test, against the page's matches.
    if (matched.length >= VOUCHERS) {
      for (const { match, window } of unsure) if (this.vouchers(match.articleId, window, matched) >= VOUCHERS) matched.push(match);
    }
    return { matched, related };
  }

  /** How many of `matched` tell one event with stored report `id` (dated `window`), by the test a page meets, on their own dates. */
  private vouchers(id: string, window: Window, matched: readonly MatchResult[]): number {
    const a = this.lookup(id);
    const mine = this.specificsOf(id);
    if (!a || !mine) return 0;
    const ids = new Set(matched.map((m) => m.articleId));
    const q = this.index.query({ url: a.url, canonicalUrl: null, title: a.title, blocks: a.blocks }, { excludeId: id, minScore: FLOOR_SCORE, limit: CANDIDATES });
    let n = 0;
    for (const m of q.matches) {
      if (!ids.has(m.articleId)) continue;
      const theirs = this.specificsOf(m.articleId);
      const decision = eventRelation(m.score, window, windowOf(this.ownDateOf(m.articleId)), theirs ? sharedSpecifics(mine, theirs) : undefined);
      if (decision.relation === 'same-event') n++;
    }
    return n;
  }

  /** The analysis, or null when a lazy engine found articles to fetch first (then the comparison is skipped). */
  private run(page: ArticleText, options: AnalyseOptions, memo: RunMemo | null): Analysis | null {
    const q = this.storyQuery(page, options);
    const selfId = q.self?.articleId ?? null;
    const override: DatedAs | null = options.date
      ? { from: options.date, to: options.date, source: 'override', evidence: `--date ${options.date}` }
      : null;
    const self = selfId ? this.lookup(selfId) : undefined;
    const outlet = self?.outlet ?? page.siteName ?? siteOf(page.url) ?? 'this page';
    let pageSource = memo?.pageSources.get(outlet);
    if (!pageSource) {
      pageSource = prepareSource(this.kb, 'page', outlet, page, override);
      memo?.pageSources.set(outlet, pageSource);
    }
    const pageWindow = windowOf(pageSource.ownDate);
    const { matched, related } = this.decideEvents(q, page, pageWindow, options, memo);
    if (this.misses?.size) return null;
    const others = matched.map((m) => this.source(m.articleId)).filter((s): s is Source => s !== null);
    const result = compareArticle(this.kb, pageSource, others);
    const dated = [pageWindow, ...others.map((o) => windowOf(o.ownDate))].filter((w): w is Window => w !== null);
    // The event's headline: a matched report's (a page's own <title> is often its site's name), else the page's.
    const best = others.find((o) => o.title);
    return {
      publishedAt: result.publishedAt,
      self: selfId,
      matched,
      related,
      story: others.length
        ? { title: best?.title ?? page.title ?? null, dates: consensusWindow(dated), reports: others.length + 1 }
        : null,
      findings: result.findings,
      table: result.table,
      recordEnds: result.publishedAt && result.publishedAt.from > this.kb.currentTo ? this.kb.currentTo : null,
      // Only a page with findings anchors anything; the others need not carry them.
      landmarks: result.findings.length ? articleLandmarks(page.blocks) : [],
    };
  }
}

/** A saved index from another build (or a damaged one) is rebuilt from the articles rather than trusted. */
function tryLoadIndex(serialized: unknown): StoryIndex | null {
  try {
    return loadStoryIndex(serialized);
  } catch (error) {
    console.warn('crosscheck: rebuilding the story index:', error instanceof Error ? error.message : error);
    return null;
  }
}

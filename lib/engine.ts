/**
 * The whole engine behind one call: a page's article text → the corpus
 * reports of the same story → claims → findings and the comparison table.
 * Used by the background (extension), the CLI and the tests alike, so all of
 * them run exactly the same analysis.
 */
import { compareArticle } from './compare/index';
import { prepareSource, type Source } from './compare/source';
import { articleLandmarks } from './compare/finding';
import { consensusWindow, daysApart, EVENT_DAYS, EVENT_SCORE, eventRelation, FLOOR_SCORE, windowOf, type Window } from './corpus/event';
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

/** Reports weighed as the same event at most: the best-scored, each dated and compared with the page. */
const CANDIDATES = 20;

export class Engine {
  private articles = new Map<string, Article>();
  private prepared = new Map<string, Source>();
  /** Stored reports' event windows (own date narrowed by their story's), per excluded article; cleared on any change. */
  private windows = new Map<string, Window | null>();
  private specifics = new Map<string, Specifics>();
  readonly index: StoryIndex;

  constructor(
    readonly kb: KnowledgeBase,
    articles: Article[] = [],
    serializedIndex?: unknown,
  ) {
    this.index = (serializedIndex ? tryLoadIndex(serializedIndex) : null) ?? createStoryIndex();
    for (const a of articles) this.articles.set(a.id, a);
    for (const a of articles) if (!this.index.has(a.id)) this.index.add(a);
  }

  get size(): number {
    return this.articles.size;
  }

  add(article: Article): void {
    this.articles.set(article.id, article);
    this.prepared.delete(article.id);
    this.specifics.delete(article.id);
    this.windows.clear();
    this.index.add(article);
  }

  remove(id: string): void {
    this.articles.delete(id);
    this.prepared.delete(id);
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
    const a = this.articles.get(id);
    if (!a) return null;
    const s = prepareSource(this.kb, a.id, a.outlet, a);
    this.prepared.set(id, s);
    return s;
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
    const source = this.source(id);
    const own = windowOf(source?.ownDate);
    const a = this.articles.get(id);
    const windows: Window[] = own ? [own] : [];
    if (a) {
      const q = this.index.query({ url: a.url, canonicalUrl: null, title: a.title, blocks: a.blocks }, { excludeId: id, minScore: EVENT_SCORE, limit: 20 });
      for (const m of q.matches) {
        if (m.articleId === excludeId || m.articleId === q.self?.articleId) continue;
        const w = windowOf(this.source(m.articleId)?.ownDate);
        if (w && (!own || daysApart(own, w) <= EVENT_DAYS)) windows.push(w);
      }
    }
    const w = consensusWindow(windows);
    this.windows.set(key, w);
    return w;
  }

  private specificsOf(id: string): Specifics | null {
    const cached = this.specifics.get(id);
    if (cached) return cached;
    const a = this.articles.get(id);
    if (!a) return null;
    const s = specificsOf(a);
    this.specifics.set(id, s);
    return s;
  }

  /** Every stored article's id, in the order the articles were added. */
  ids(): string[] {
    return [...this.articles.keys()];
  }

  /**
   * When a stored report was written, by its own evidence (its metadata, else
   * its text), as the comparison dates it; null when nothing tells.
   */
  ownDate(id: string): DatedAs | null {
    return this.source(id)?.ownDate ?? null;
  }

  /**
   * How the engine links stored report `id` to the rest of the corpus, as it
   * would analyse it (`analyse(article, { excludeId: id })`, the extension's
   * analysis of a stored article) but without extracting and comparing its
   * claims: `matches` is exactly that analysis's `matched`, the reports of the
   * same event, and `copyOf` its `self`, another stored article the index
   * takes this one for (the same address, or most of its text: the same
   * report stored twice, which `matches` leaves out). Empty for an id not stored.
   */
  sameEventMatches(id: string): { copyOf: string | null; matches: MatchResult[] } {
    const a = this.articles.get(id);
    if (!a) return { copyOf: null, matches: [] };
    const options = { excludeId: id };
    const q = this.storyQuery(a, options);
    // The page's own date is the stored report's: analyse() would read the same article without an override.
    return { copyOf: q.self?.articleId ?? null, matches: this.decideEvents(q, a, windowOf(this.ownDate(id)), options).matched };
  }

  /** Candidates down to the likeness that reports dated days apart with shared figures need; the event decision sorts them. */
  private storyQuery(page: ArticleText, options: AnalyseOptions): QueryResult {
    return this.index.query(
      { url: page.url, canonicalUrl: options.canonicalUrl ?? null, title: page.title, blocks: page.blocks },
      { minScore: FLOOR_SCORE, limit: CANDIDATES, ...(options.excludeId ? { excludeId: options.excludeId } : {}) },
    );
  }

  /** The candidates of one event with the page, and those of its subject but another event. */
  private decideEvents(q: QueryResult, page: ArticleText, pageWindow: Window | null, options: AnalyseOptions): { matched: MatchResult[]; related: RelatedReport[] } {
    const selfId = q.self?.articleId ?? null;
    const matched: MatchResult[] = [];
    const related: RelatedReport[] = [];
    let pageSpecifics: Specifics | null = null;
    for (const m of q.matches) {
      if (m.articleId === selfId || m.articleId === options.excludeId) continue;
      if (!pageWindow && m.score < EVENT_SCORE) continue;
      const window = pageWindow ? this.eventWindow(m.articleId, options.excludeId) : null;
      const theirs = this.specificsOf(m.articleId);
      pageSpecifics ??= specificsOf(page);
      const decision = eventRelation(m.score, pageWindow, window, theirs ? sharedSpecifics(pageSpecifics, theirs) : undefined);
      const rounded = { articleId: m.articleId, outlet: m.outlet, score: Math.round(m.score * 1000) / 1000 };
      if (decision.relation === 'same-event') matched.push(rounded);
      else if (decision.relation === 'related') related.push({ ...rounded, title: this.articles.get(m.articleId)?.title ?? null, why: decision.why ?? 'another event' });
    }
    return { matched, related };
  }

  analyse(page: ArticleText, options: AnalyseOptions = {}): Analysis {
    const q = this.storyQuery(page, options);
    const selfId = q.self?.articleId ?? null;
    const override: DatedAs | null = options.date
      ? { from: options.date, to: options.date, source: 'override', evidence: `--date ${options.date}` }
      : null;
    const self = selfId ? this.articles.get(selfId) : undefined;
    const outlet = self?.outlet ?? page.siteName ?? siteOf(page.url) ?? 'this page';
    const pageSource = prepareSource(this.kb, 'page', outlet, page, override);
    const pageWindow = windowOf(pageSource.ownDate);
    const { matched, related } = this.decideEvents(q, page, pageWindow, options);
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

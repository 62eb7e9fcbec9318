/**
 * The whole engine behind one call: a page's article text → the corpus
 * reports of the same story → claims → findings and the comparison table.
 * Used by the background (extension), the CLI and the tests alike, so all of
 * them run exactly the same analysis.
 */
import { compareArticle } from './compare/index';
import { prepareSource, type Source } from './compare/source';
import { createStoryIndex, loadStoryIndex, type StoryIndex } from './corpus/match-index';
import type { KnowledgeBase } from './kb/schema';
import { siteOf } from './settings';
import type { Analysis, Article, ArticleText, DatedAs } from './schema';

export interface AnalyseOptions {
  /** Overrides the page's date (CLI --date). */
  date?: string;
  /** The page's canonical URL, when it declares one. */
  canonicalUrl?: string | null;
  /** Corpus article to leave out (a seed analysed against the others). */
  excludeId?: string;
}

export class Engine {
  private articles = new Map<string, Article>();
  private prepared = new Map<string, Source>();
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
    this.index.add(article);
  }

  remove(id: string): void {
    this.articles.delete(id);
    this.prepared.delete(id);
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

  analyse(page: ArticleText, options: AnalyseOptions = {}): Analysis {
    const q = this.index.query(
      { url: page.url, canonicalUrl: options.canonicalUrl ?? null, title: page.title, blocks: page.blocks },
      options.excludeId ? { excludeId: options.excludeId } : {},
    );
    const selfId = q.self?.articleId ?? null;
    const matched = q.matches.filter((m) => m.articleId !== selfId && m.articleId !== options.excludeId);
    const override: DatedAs | null = options.date
      ? { from: options.date, to: options.date, source: 'override', evidence: `--date ${options.date}` }
      : null;
    const self = selfId ? this.articles.get(selfId) : undefined;
    const outlet = self?.outlet ?? page.siteName ?? siteOf(page.url) ?? 'this page';
    const pageSource = prepareSource(this.kb, 'page', outlet, page, override);
    const others = matched.map((m) => this.source(m.articleId)).filter((s): s is Source => s !== null);
    const result = compareArticle(this.kb, pageSource, others);
    return {
      publishedAt: result.publishedAt,
      self: selfId,
      matched: matched.map((m) => ({ articleId: m.articleId, outlet: m.outlet, score: Math.round(m.score * 1000) / 1000 })),
      findings: result.findings,
      table: result.table,
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

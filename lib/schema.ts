/**
 * The contract between every part of crosscheck: content script, background,
 * popup, options, CLI and the stored corpus. Anything that crosses a context
 * boundary or comes from a file is parsed with one of these schemas on arrival.
 */
import { z } from 'zod';

// Extension pages and content scripts forbid eval; without this zod probes `new Function`
// on first use, which the browser reports as a CSP violation on every page.
z.config({ jitless: true });

/** ISO calendar date, e.g. 2025-10-07. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const BlockKind = z.enum(['heading', 'paragraph', 'list-item']);
export type BlockKind = z.infer<typeof BlockKind>;

export const Block = z.object({
  kind: BlockKind,
  text: z.string(),
});
export type Block = z.infer<typeof Block>;

/** How an article's publication date was established, strongest first. */
export const DateSource = z.enum([
  'override', // given by the user (CLI --date)
  'meta', // <meta property="article:published_time"> and friends
  'json-ld', // schema.org datePublished
  'time-element', // <time datetime>
  'url', // /2025/10/07/ in the URL path
  'sources-json', // the seed's sources.json entry
  'text-cue', // "the second anniversary of the October 7 attacks"
  'story', // borrowed from the dated reports of the same story
]);
export type DateSource = z.infer<typeof DateSource>;

/** A date that may be uncertain: `from` === `to` when it is known to the day. */
export const DatedAs = z.object({
  from: IsoDate,
  to: IsoDate,
  source: DateSource,
  /** The words the date was read from, for the reader ("second anniversary of the Oct. 7 attacks"). */
  evidence: z.string(),
});
export type DatedAs = z.infer<typeof DatedAs>;

export const ArticleOrigin = z.enum(['seed', 'added', 'imported']);
export type ArticleOrigin = z.infer<typeof ArticleOrigin>;

/** Safe link: evidence links open only http(s) pages. */
export const HttpUrl = z
  .string()
  .max(4096)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'expected an http(s) URL');

/** An article as extracted from a page or loaded from a text file. */
export const ArticleText = z.object({
  url: z.string().max(4096),
  title: z.string().nullable(),
  byline: z.string().nullable(),
  siteName: z.string().nullable(),
  language: z.string().nullable(),
  blocks: z.array(Block),
  /** Page furniture split off the article: comment widgets, share counters. Kept for provenance, never analysed as text. */
  furniture: z.array(z.string()),
  publishedAt: DatedAs.nullable(),
});
export type ArticleText = z.infer<typeof ArticleText>;

/** A report stored in the corpus. */
export const Article = ArticleText.extend({
  id: z.string().min(1).max(200),
  url: HttpUrl,
  outlet: z.string().min(1),
  /** Sources the article itself lists ("Sources: The New York Times: ..."). */
  citedSources: z.array(z.string()),
  origin: ArticleOrigin,
  addedAt: z.number().int().nonnegative(),
});
export type Article = z.infer<typeof Article>;

// ---------------------------------------------------------------------------
// Sentences, claims and findings

export const SentenceRef = z.object({
  block: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
});
export type SentenceRef = z.infer<typeof SentenceRef>;

export const Qualifier = z.enum(['current', 'former', 'elect', 'acting']);
export type Qualifier = z.infer<typeof Qualifier>;

export const ClaimType = z.enum(['office', 'venue', 'participant', 'event-date', 'quantity', 'attribution', 'provenance']);
export type ClaimType = z.infer<typeof ClaimType>;

export const Claim = z.object({
  type: ClaimType,
  sentence: SentenceRef,
  /** The exact words the claim was read from, inside the sentence. */
  surface: z.string(),
  /** Stable key of the fact this claim speaks to ("office:US.head-of-state", "venue", "quantity:killed"). */
  fact: z.string(),
  /** The claimed value in plain words ("Joe Biden", "Cairo", "at least 67,160"). */
  value: z.string(),
  person: z.string().nullable().default(null),
  office: z.string().nullable().default(null),
  jurisdiction: z.string().nullable().default(null),
  qualifier: Qualifier.nullable().default(null),
  /** For quantities: the number and its hedge. */
  number: z.number().nullable().default(null),
  hedge: z.enum(['exact', 'at-least', 'over', 'nearly', 'about', 'up-to']).nullable().default(null),
  /** For provenance signals: which one. */
  signal: z.string().nullable().default(null),
  /** The time the sentence itself speaks of ("In 1997, ..."), when it names one. */
  when: z.object({ from: IsoDate, to: IsoDate, evidence: z.string() }).nullable().default(null),
  /** Told in the past tense without a recent time ("President X signed the treaty"): maybe history, not news. */
  past: z.boolean().default(false),
});
export type Claim = z.infer<typeof Claim>;

export const FindingKind = z.enum(['contradiction', 'knowledge-conflict', 'internal-inconsistency', 'provenance', 'disputed']);
export type FindingKind = z.infer<typeof FindingKind>;

export const Stance = z.enum(['agree', 'conflict', 'not-mentioned', 'unknown']);
export type Stance = z.infer<typeof Stance>;

export const Evidence = z.object({
  /** Corpus article id, 'kb' for the knowledge base, 'self' for the same page. */
  article: z.string(),
  outlet: z.string(),
  url: z.string(),
  quote: z.string(),
  value: z.string(),
  stance: Stance,
});
export type Evidence = z.infer<typeof Evidence>;

export const Finding = z.object({
  id: z.string(),
  kind: FindingKind,
  severity: z.enum(['low', 'medium', 'high']),
  confidence: z.number().min(0).max(1),
  sentence: SentenceRef.extend({ prefix: z.string(), suffix: z.string() }),
  claim: Claim.nullable(),
  evidence: z.array(Evidence),
  explanation: z.string(),
});
export type Finding = z.infer<typeof Finding>;

export const ComparisonCell = z.object({
  value: z.string().nullable(),
  stance: Stance,
  quote: z.string().nullable(),
});
export const ComparisonColumn = z.object({
  id: z.string(),
  label: z.string(),
  url: z.string().nullable(),
  date: z.string().nullable(),
  /** Credibility signals in plain words ("AI-written byline", "no byline"). */
  signals: z.array(z.string()),
  weight: z.number(),
});
export const ComparisonRow = z.object({
  fact: z.string(),
  label: z.string(),
  cells: z.record(z.string(), ComparisonCell),
});
export const ComparisonTable = z.object({
  columns: z.array(ComparisonColumn),
  rows: z.array(ComparisonRow),
});
export type ComparisonTable = z.infer<typeof ComparisonTable>;

export const MatchResult = z.object({ articleId: z.string(), outlet: z.string(), score: z.number() });
export type MatchResult = z.infer<typeof MatchResult>;

export const Analysis = z.object({
  publishedAt: DatedAs.nullable(),
  self: z.string().nullable(),
  matched: z.array(MatchResult),
  findings: z.array(Finding),
  table: ComparisonTable,
});
export type Analysis = z.infer<typeof Analysis>;

// ---------------------------------------------------------------------------
// Settings and messages

export const Settings = z.object({
  pausedSites: z.array(z.string()).default([]),
  highlightStyle: z.enum(['underline', 'background']).default('underline'),
  kindsShown: z.array(FindingKind).default(FindingKind.options),
  minConfidence: z.number().min(0).max(1).default(0.5),
});
export type Settings = z.infer<typeof Settings>;

export const SourceSummary = z.object({
  id: z.string(),
  outlet: z.string(),
  title: z.string().nullable(),
  url: z.string(),
  origin: ArticleOrigin,
});
export type SourceSummary = z.infer<typeof SourceSummary>;

/** Requests to the background. Every message is parsed on both sides. */
/** Pages longer than this are not analysed: the reader is told it is too long to check. */
export const MAX_ARTICLE_CHARS = 400_000;

export const Request = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), url: z.string() }),
  /** The content script's extracted article, for analysis. */
  z.object({ type: z.literal('analyse'), page: ArticleText, canonicalUrl: z.string().nullable() }),
  /** What the content script managed to paint, for the badge and the popup. */
  z.object({ type: z.literal('painted'), painted: z.number().int().nonnegative(), orphaned: z.number().int().nonnegative() }),
  z.object({ type: z.literal('listSources') }),
  /** Which tabs' content scripts have connected; asked by extension pages only. */
  z.object({ type: z.literal('tabState') }),
]);
export type Request = z.infer<typeof Request>;

export const HelloReply = z.object({
  ok: z.literal(true),
  type: z.literal('hello'),
  articles: z.number().int(),
  /** The reader paused crosscheck on this site: the content script does nothing more. */
  paused: z.boolean(),
  settings: Settings,
});
export const AnalyseReply = z.object({ ok: z.literal(true), type: z.literal('analyse'), analysis: Analysis });
export const PaintedReply = z.object({ ok: z.literal(true), type: z.literal('painted') });
export const ListSourcesReply = z.object({ ok: z.literal(true), type: z.literal('listSources'), sources: z.array(SourceSummary) });
export const TabStateReply = z.object({
  ok: z.literal(true),
  type: z.literal('tabState'),
  tabs: z.array(z.object({ tabId: z.number().int(), url: z.string(), connectedAt: z.number() })),
});
export const ErrorReply = z.object({ ok: z.literal(false), error: z.string() });
export type ErrorReply = z.infer<typeof ErrorReply>;

export const Reply = z.union([HelloReply, AnalyseReply, PaintedReply, ListSourcesReply, TabStateReply, ErrorReply]);
export type Reply = z.infer<typeof Reply>;

/** Names each failing field, so an error tells the user what was wrong. */
export function describeZodError(error: z.ZodError, where = ''): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${where}${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

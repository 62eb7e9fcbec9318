/**
 * The contract between every part of crosscheck: content script, background,
 * popup, options, CLI and the stored corpus. Anything that crosses a context
 * boundary or comes from a file is parsed with one of these schemas.
 *
 * The one exception is where the parse happens for the content script: it
 * runs in every page the reader opens, and building these schemas there cost
 * ~30 ms of the page's main thread at each injection. So the background parses
 * both directions of that channel (requests on arrival, its replies before
 * sending), and the content script uses only the types (lib/messaging/ask.ts).
 */
import { z } from 'zod';
import { MAX_PAGE_HTML_CHARS, MAX_URL_CHARS } from './limits';
import { isHttpUrl } from './url';

// Extension pages and content scripts forbid eval; without this zod probes `new Function`
// on first use, which the browser reports as a CSP violation on every page.
z.config({ jitless: true });

/** ISO calendar date, e.g. 2025-10-07. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/** 'caption': a figure's caption, which often repeats a sentence of the text beside it. */
export const BlockKind = z.enum(['heading', 'paragraph', 'list-item', 'caption']);
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

/** 'read': kept because the reader read it (Keep what I read); the only origin the reading cap ever removes. */
export const ArticleOrigin = z.enum(['seed', 'added', 'imported', 'read']);
export type ArticleOrigin = z.infer<typeof ArticleOrigin>;

/** Safe link: evidence links open only http(s) pages. */
export const HttpUrl = z.string().max(4096).refine(isHttpUrl, 'expected an http(s) URL');

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

export const ClaimType = z.enum(['office', 'venue', 'participant', 'event-date', 'quantity', 'outcome', 'attribution', 'provenance']);
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
  /** The sentence places the claim in the past ("during his first term", "at the time"): history, not news. */
  past: z.boolean().default(false),
  /**
   * An office claim made by the bare title alone ("President X": no country,
   * no qualifier), the form custom lets some former holders keep.
   */
  bareTitle: z.boolean().default(false),
  /** The sentence has the person acting in the office now: signing, ordering, meeting or hosting as the holder. */
  inOffice: z.boolean().default(false),
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
  /** Why this source's word counted for little, when it did ("2 of its claims conflict with the record"). */
  note: z.string().nullable().default(null),
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

/** A report about the same subject as the page but another event: listed apart, never compared. */
export const RelatedReport = MatchResult.extend({
  title: z.string().nullable(),
  /** Why it was left out, for the reader ("dated 4 years apart: another event"). */
  why: z.string(),
});
export type RelatedReport = z.infer<typeof RelatedReport>;

/** The event the page and its matched reports tell. */
export const StoryInfo = z.object({
  /** A headline for it: the best-matched report's that has one, else the page's. */
  title: z.string().nullable(),
  /** The days its dated reports agree on, when any is dated. */
  dates: z.object({ from: IsoDate, to: IsoDate }).nullable(),
  reports: z.number().int().nonnegative(),
});
export type StoryInfo = z.infer<typeof StoryInfo>;

export const Analysis = z.object({
  publishedAt: DatedAs.nullable(),
  self: z.string().nullable(),
  matched: z.array(MatchResult),
  related: z.array(RelatedReport).default([]),
  story: StoryInfo.nullable().default(null),
  findings: z.array(Finding),
  table: ComparisonTable,
  /** The knowledge base's last day, when the page is dated after it: who held an office then is beyond the record. */
  recordEnds: IsoDate.nullable().default(null),
  /** A few of the article's paragraphs, for the page to tell where the article is among copies of its sentences. */
  landmarks: z.array(z.string()).default([]),
});
export type Analysis = z.infer<typeof Analysis>;

// ---------------------------------------------------------------------------
// Settings and messages

export const Settings = z.object({
  pausedSites: z.array(z.string()).default([]),
  highlightStyle: z.enum(['underline', 'background']).default('underline'),
  kindsShown: z.array(FindingKind).default(FindingKind.options),
  minConfidence: z.number().min(0).max(1).default(0.5),
  /** Keep what I read: off until the reader turns it on. */
  keepRead: z.boolean().default(false),
  /** The popup has offered Keep what I read once; it does not ask again. */
  keepReadAsked: z.boolean().default(false),
  /** The most read reports kept, and the most days one is kept; past either, the oldest go first. */
  readCapCount: z.number().int().min(1).max(1_000_000).default(2000),
  readCapDays: z.number().int().min(1).max(36_500).default(365),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z.object({
  pausedSites: z.array(z.string()).optional(),
  highlightStyle: z.enum(['underline', 'background']).optional(),
  kindsShown: z.array(FindingKind).optional(),
  minConfidence: z.number().min(0).max(1).optional(),
  keepRead: z.boolean().optional(),
  keepReadAsked: z.boolean().optional(),
  readCapCount: z.number().int().min(1).max(1_000_000).optional(),
  readCapDays: z.number().int().min(1).max(36_500).optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const SourceSummary = z.object({
  id: z.string(),
  outlet: z.string(),
  title: z.string().nullable(),
  url: z.string(),
  origin: ArticleOrigin,
});
export type SourceSummary = z.infer<typeof SourceSummary>;

export { MAX_ARTICLE_CHARS, MAX_PAGE_HTML_CHARS, MAX_PAGE_TEXT_CHARS } from './limits';
export { isHttpUrl } from './url';
/**
 * One import (bundle or files) holds at most this many articles. It travels to
 * the background as one message (Chromium refuses messages over 64 MiB) and is
 * written in one transaction, so it is bounded.
 */
export const MAX_IMPORT_ARTICLES = 10_000;
/**
 * The most bytes one import reads, whether one file or several: each file's
 * size is checked before any is read. A 10,000-article bundle of the generated
 * test corpus is 27.5 MB (scripts/gen-corpus.ts), so the largest import the
 * article limit allows fits, and everything read still goes to the background
 * in one message, well under Chromium's 64 MiB.
 */
export const MAX_IMPORT_BYTES = 40_000_000;

const TabId = z.number().int().nonnegative();

// ---------------------------------------------------------------------------
// Corpus bundles and Web Annotations (files the user imports and exports)

export const BUNDLE_FORMAT = 'crosscheck-corpus';
export const BUNDLE_VERSION = 1;

/**
 * A corpus export. The header is checked on its own first so a wrong file or
 * version is named before any article is looked at; articles are then parsed
 * one by one (lib/corpus/bundle.ts) so an error names the article's index.
 */
export const CorpusBundleHeader = z.object({
  format: z.literal(BUNDLE_FORMAT, { error: `expected "${BUNDLE_FORMAT}"` }),
  version: z.literal(BUNDLE_VERSION, { error: `expected ${BUNDLE_VERSION} (this version of crosscheck reads version ${BUNDLE_VERSION} bundles)` }),
  exportedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO date and time'),
  articles: z.array(z.unknown()).max(MAX_IMPORT_ARTICLES),
});
export const CorpusBundle = CorpusBundleHeader.extend({ articles: z.array(Article) });
export type CorpusBundle = z.infer<typeof CorpusBundle>;

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

const TextQuote = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
});
const TextPosition = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
/**
 * A selector picks the sentence; `refinedBy` (Web Annotation model §4.2.9)
 * picks the claim's words inside it, by the same kind of selector, counted
 * within the sentence.
 */
export const TextQuoteSelector = TextQuote.extend({ refinedBy: TextQuote.optional() });
export const TextPositionSelector = TextPosition.extend({ refinedBy: TextPosition.optional() });
export type TextQuoteSelector = z.infer<typeof TextQuote>;
export type TextPositionSelector = z.infer<typeof TextPosition>;
export const WebAnnotation = z.object({
  id: z.string(),
  type: z.literal('Annotation'),
  motivation: z.enum(['assessing', 'commenting']),
  created: z.string(),
  generator: z.object({ type: z.literal('Software'), name: z.string() }),
  body: z.object({ type: z.literal('TextualBody'), value: z.string(), format: z.literal('text/plain'), language: z.string() }),
  target: z.object({ source: z.string(), selector: z.array(z.union([TextQuoteSelector, TextPositionSelector])).min(1) }),
});
export type WebAnnotation = z.infer<typeof WebAnnotation>;
/** A collection with its one page embedded, as in the Web Annotation Data Model (section 5). */
export const AnnotationCollection = z.object({
  '@context': z.literal(ANNOTATION_CONTEXT),
  id: z.string(),
  type: z.literal('AnnotationCollection'),
  label: z.string(),
  total: z.number().int().nonnegative(),
  first: z.object({
    id: z.string(),
    type: z.literal('AnnotationPage'),
    startIndex: z.literal(0),
    items: z.array(WebAnnotation),
  }),
});
export type AnnotationCollection = z.infer<typeof AnnotationCollection>;

// ---------------------------------------------------------------------------
// What the popup shows for a tab

/**
 * unavailable: no content script reported from the tab (a browser page, or a page opened before install);
 * analysing: connected, no result yet; not-article: no article text on the page;
 * too-long: the page's text or its article is over a limit in lib/limits.ts, so it was not checked;
 * no-match: analysed, no report of the same story; matched: analysed against N reports;
 * paused: the reader paused crosscheck on this site; error: the analysis failed.
 */
export const TabPhase = z.enum(['unavailable', 'analysing', 'not-article', 'too-long', 'no-match', 'matched', 'paused', 'error']);
export type TabPhase = z.infer<typeof TabPhase>;

/** Requests to the background. Every message is parsed on both sides. */

export const Request = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), url: z.string() }),
  /**
   * The page as the content script sees it, for extraction and analysis in the background: Readability's
   * parse is one task that cannot be cut up, and on the page it would hold up the reader's scrolling.
   */
  z.object({
    type: z.literal('analyse'),
    url: z.string().max(MAX_URL_CHARS),
    html: z.string().max(MAX_PAGE_HTML_CHARS),
    canonicalUrl: z.string().max(MAX_URL_CHARS).nullable(),
  }),
  /** A page too long to serialise: the content script says so instead of sending it. */
  z.object({ type: z.literal('tooLong'), url: z.string().max(MAX_URL_CHARS), chars: z.number().int().nonnegative() }),
  /** What the content script managed to paint, for the badge and the popup. */
  z.object({ type: z.literal('painted'), painted: z.number().int().nonnegative(), orphaned: z.number().int().nonnegative() }),
  z.object({ type: z.literal('listSources') }),
  /** The reader stayed on this tab's article (Keep what I read): the background decides whether to keep it. */
  z.object({ type: z.literal('keepRead'), url: z.string().max(MAX_URL_CHARS) }),
  /** Which tabs' content scripts have connected; asked by extension pages only. */
  z.object({ type: z.literal('tabState') }),
  // The requests below are answered to extension pages only (popup, options): they read
  // another tab's state or change the corpus, which no web page may ask for.
  /** The popup's view of one tab: what the content script found there and the last analysis. */
  z.object({ type: z.literal('tabAnalysis'), tabId: TabId }),
  /** Runs the analysis in a tab again (the popup's Retry): the tab is reloaded. */
  z.object({ type: z.literal('retryTab'), tabId: TabId }),
  /** Stores the tab's last extracted article in the corpus (origin 'added'). */
  z.object({ type: z.literal('addPage'), tabId: TabId }),
  /** The tab's findings as a W3C Web Annotation collection. */
  z.object({ type: z.literal('exportAnnotations'), tabId: TabId }),
  z.object({ type: z.literal('setSitePaused'), site: z.string().min(1).max(253), paused: z.boolean() }),
  /** Only the fields given change, applied to the stored settings in one transaction: two quick edits never undo each other. */
  z.object({ type: z.literal('updateSettings'), patch: SettingsPatch }),
  /** A stored article analysed against the rest of the corpus, with its claims. */
  z.object({ type: z.literal('analyseStored'), id: z.string() }),
  /** Validated articles from one import; written all-or-nothing in one transaction. */
  z.object({ type: z.literal('importArticles'), articles: z.array(Article).max(MAX_IMPORT_ARTICLES) }),
  z.object({ type: z.literal('deleteArticles'), ids: z.array(z.string()).min(1).max(MAX_IMPORT_ARTICLES) }),
  /** Removes what was added or imported and puts the seeds back as shipped. */
  z.object({ type: z.literal('resetToSeeds') }),
  /** The corpus grouped into stories (lib/corpus/stories.ts), for the corpus manager. */
  z.object({ type: z.literal('listStories') }),
  /** Removes every report kept by Keep what I read; seeds, added and imported reports stay. */
  z.object({ type: z.literal('forgetRead') }),
  /** A knowledge-base update (checked with parseKnowledgeBase by the background), or null for the bundled one. */
  z.object({ type: z.literal('setKnowledgeBase'), kb: z.unknown(), file: z.string().max(300).default('') }),
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
/** analysis is null when the page had no article text to analyse. */
export const AnalyseReply = z.object({ ok: z.literal(true), type: z.literal('analyse'), analysis: Analysis.nullable() });
export const TooLongReply = z.object({ ok: z.literal(true), type: z.literal('tooLong') });
export const PaintedReply = z.object({ ok: z.literal(true), type: z.literal('painted') });
/** Whether the page was kept, and why not when it was not ("off", "already in your corpus", …). */
export const KeepReadReply = z.object({ ok: z.literal(true), type: z.literal('keepRead'), kept: z.boolean(), reason: z.string(), removed: z.number().int().nonnegative() });
export const ListSourcesReply = z.object({ ok: z.literal(true), type: z.literal('listSources'), sources: z.array(SourceSummary) });
export const TabStateReply = z.object({
  ok: z.literal(true),
  type: z.literal('tabState'),
  tabs: z.array(z.object({ tabId: z.number().int(), url: z.string(), connectedAt: z.number() })),
});
export const TabAnalysisReply = z.object({
  ok: z.literal(true),
  type: z.literal('tabAnalysis'),
  tabId: TabId,
  state: TabPhase,
  url: z.string().nullable(),
  /** The site's host, what "Pause on this site" pauses; null for non-http pages. */
  site: z.string().nullable(),
  outlet: z.string().nullable(),
  analysis: Analysis.nullable(),
  /** Findings the content script highlighted, and those it could not find on the page. */
  painted: z.number().int().nonnegative().nullable(),
  orphaned: z.number().int().nonnegative().nullable(),
  error: z.string().nullable(),
  /** Set in the too-long state: how long the text was and the limit it passed. */
  tooLong: z.object({ chars: z.number().int().nonnegative(), limit: z.number().int().positive() }).nullable(),
  /** The background holds the page's text, so it can be added to the corpus or exported. */
  hasText: z.boolean(),
  settings: Settings,
  corpusSize: z.number().int().nonnegative(),
});
export type TabAnalysisReply = z.infer<typeof TabAnalysisReply>;
export const RetryTabReply = z.object({ ok: z.literal(true), type: z.literal('retryTab') });
export const AddPageReply = z.object({ ok: z.literal(true), type: z.literal('addPage'), source: SourceSummary, corpusSize: z.number().int() });
export const ExportAnnotationsReply = z.object({ ok: z.literal(true), type: z.literal('exportAnnotations'), collection: AnnotationCollection });
export const SettingsReply = z.object({ ok: z.literal(true), type: z.enum(['setSitePaused', 'updateSettings']), settings: Settings });
export const AnalyseStoredReply = z.object({ ok: z.literal(true), type: z.literal('analyseStored'), analysis: Analysis, claims: z.array(Claim) });
export const CorpusChangeReply = z.object({
  ok: z.literal(true),
  type: z.enum(['importArticles', 'deleteArticles', 'resetToSeeds', 'forgetRead']),
  /** Rows written (import), removed (delete, reset) or restored (reset: seeds put back). */
  changed: z.number().int().nonnegative(),
  /** Import: articles already in the corpus exactly as given, left as they were. */
  unchanged: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type CorpusChangeReply = z.infer<typeof CorpusChangeReply>;
/** One story of the corpus as the corpus manager lists it: lib/corpus/stories.ts's Story. */
export const StorySummary = z.object({
  id: z.string(),
  title: z.string().nullable(),
  reports: z.array(z.object({ id: z.string(), outlet: z.string(), url: z.string(), title: z.string().nullable(), date: z.string().nullable() })),
  dates: z.object({ from: IsoDate, to: IsoDate }).nullable(),
  disputedFacts: z.number().int().nonnegative(),
  disputed: z.array(z.object({ fact: z.string(), label: z.string() })),
});
export type StorySummary = z.infer<typeof StorySummary>;
export const ListStoriesReply = z.object({ ok: z.literal(true), type: z.literal('listStories'), stories: z.array(StorySummary) });
export const SetKnowledgeBaseReply = z.object({ ok: z.literal(true), type: z.literal('setKnowledgeBase'), imported: z.boolean() });
export const ErrorReply = z.object({ ok: z.literal(false), error: z.string() });
export type ErrorReply = z.infer<typeof ErrorReply>;

export const Reply = z.union([
  HelloReply,
  AnalyseReply,
  TooLongReply,
  PaintedReply,
  KeepReadReply,
  ListSourcesReply,
  TabStateReply,
  TabAnalysisReply,
  RetryTabReply,
  AddPageReply,
  ExportAnnotationsReply,
  SettingsReply,
  AnalyseStoredReply,
  CorpusChangeReply,
  ListStoriesReply,
  SetKnowledgeBaseReply,
  ErrorReply,
]);
export type Reply = z.infer<typeof Reply>;

/** Names each failing field, so an error tells the user what was wrong. */
export function describeZodError(error: z.ZodError, where = ''): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${where}${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

// ---------------------------------------------------------------------------
// Messages from extension pages to a tab's content script

/** Sent by the popup with browser.tabs.sendMessage, parsed by the popup before sending; the content script reads only its findingId. */
export const TabMessage = z.discriminatedUnion('type', [
  /** Scroll to a finding's highlight and open its tooltip. */
  z.object({ type: z.literal('showFinding'), findingId: z.string().min(1).max(200) }),
]);
export type TabMessage = z.infer<typeof TabMessage>;
export const ShowFindingReply = z.object({ ok: z.literal(true), type: z.literal('showFinding'), shown: z.boolean() });
export type ShowFindingReply = z.infer<typeof ShowFindingReply>;

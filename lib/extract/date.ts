/**
 * When a page says it was published: page metadata first (what the publisher
 * declares), then structured data, then <time> markup, then the URL. Reads
 * the document only; never changes it.
 */
import type { DatedAs } from '../schema';

export interface DateOptions {
  /** "Today", for the plausibility check; tests pin it. */
  now?: Date;
}

const EARLIEST = '1990-01-01';
const DAY_MS = 86_400_000;
const MAX_EVIDENCE_VALUE = 80;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_WORD = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isoOf(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (m < 1 || m > 12 || d < 1) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC rolls 2025-02-30 over into March; a rolled date was never valid.
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function monthIndex(word: string): number {
  return MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;
}

/**
 * The calendar date a timestamp was written for. A timestamp with an offset
 * is taken as written (2025-10-07T23:30-04:00 is the 7th where it was
 * published), never converted to UTC or to this machine's zone.
 */
export function calendarDate(raw: string): string | null {
  const s = raw.trim();
  if (!s) return null;

  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/.exec(s);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));

  m = /^(\d{4})(\d{2})(\d{2})(?:$|T|\s)/.exec(s);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));

  // Unix time carries no zone of its own, so UTC is as good as any.
  m = /^(\d{10}|\d{13})$/.exec(s);
  if (m && m[1]) {
    const ms = m[1].length === 13 ? Number(m[1]) : Number(m[1]) * 1000;
    const t = new Date(ms);
    return isoOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  }

  // "Tue, 07 Oct 2025 09:12:00 GMT", "7 October 2025"
  m = new RegExp(`(?:^|[^\\d])(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_WORD},?\\s+(\\d{4})(?!\\d)`, 'i').exec(s);
  if (m && m[2]) return isoOf(Number(m[3]), monthIndex(m[2]), Number(m[1]));

  // "October 7, 2025", "Oct. 7 2025"
  m = new RegExp(`(?:^|[^a-z])${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, 'i').exec(s);
  if (m && m[1]) return isoOf(Number(m[3]), monthIndex(m[1]), Number(m[2]));

  return null;
}

function latestPlausible(now: Date): string {
  return new Date(now.getTime() + 2 * DAY_MS).toISOString().slice(0, 10);
}

export function isPlausibleDate(iso: string, options: DateOptions = {}): boolean {
  return iso >= EARLIEST && iso <= latestPlausible(options.now ?? new Date());
}

function shorten(value: string): string {
  const v = value.replace(/\s+/g, ' ').trim();
  return v.length > MAX_EVIDENCE_VALUE ? `${v.slice(0, MAX_EVIDENCE_VALUE - 1)}…` : v;
}

function dayOf(raw: string, source: DatedAs['source'], evidence: string, options: DateOptions): DatedAs | null {
  const iso = calendarDate(raw);
  if (!iso || !isPlausibleDate(iso, options)) return null;
  return { from: iso, to: iso, source, evidence };
}

// ---------------------------------------------------------------------------
// <meta>

/**
 * Names publishers give the publication time, strongest first. Matched
 * against property=, name= and itemprop= alike, case-insensitively, since
 * sites mix them up (name="article:published_time", property="date").
 */
const META_KEYS = [
  'article:published_time',
  'og:published_time',
  'og:article:published_time',
  'article:published',
  'date',
  'pubdate',
  'publish-date',
  'publish_date',
  'publishdate',
  'datepublished',
  'parsely-pub-date',
  'sailthru.date',
  'dc.date',
  'dc.date.issued',
  'dcterms.date',
  'dcterms.issued',
  'dc.date.created',
  'dcterms.created',
];

const META_NAME_ATTRIBUTES = ['property', 'name', 'itemprop'];

function fromMeta(doc: Document, options: DateOptions): DatedAs | null {
  const candidates: { key: string; written: string; content: string }[] = [];
  // itemprop="datePublished" content="…" is also put on <span>s and <div>s.
  for (const el of Array.from(doc.querySelectorAll('meta[content], [itemprop][content]'))) {
    const content = el.getAttribute('content') ?? '';
    for (const attr of META_NAME_ATTRIBUTES) {
      const written = el.getAttribute(attr)?.trim();
      if (written) candidates.push({ key: written.toLowerCase(), written, content });
    }
  }
  for (const key of META_KEYS) {
    for (const c of candidates) {
      if (c.key !== key) continue;
      const found = dayOf(c.content, 'meta', `meta ${c.written} ${shorten(c.content)}`, options);
      if (found) return found;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// JSON-LD

/** Types whose datePublished is the page's own; a WebPage or an ItemList's may not be. */
const ARTICLE_TYPE = /(article|posting|report)$/i;
const MAX_JSON_DEPTH = 8;

interface LdCandidate {
  value: string;
  type: string;
  articleTyped: boolean;
  depth: number;
}

function typeNames(node: Record<string, unknown>): string[] {
  const t = node['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

function dateValue(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return dateValue(v[0]);
  if (v && typeof v === 'object' && '@value' in v) return dateValue((v as Record<string, unknown>)['@value']);
  return null;
}

function walkLd(value: unknown, depth: number, out: LdCandidate[]): void {
  if (depth > MAX_JSON_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) walkLd(item, depth, out);
    return;
  }
  const node = value as Record<string, unknown>;
  const types = typeNames(node);
  const published = dateValue(node['datePublished']);
  if (published) {
    out.push({
      value: published,
      type: types[0] ?? 'Thing',
      articleTyped: types.some((t) => ARTICLE_TYPE.test(t)),
      depth,
    });
  }
  // @graph members are top-level things in their own right.
  if ('@graph' in node) walkLd(node['@graph'], depth, out);
  for (const [key, child] of Object.entries(node)) {
    if (key === '@graph' || key === '@context') continue;
    walkLd(child, depth + 1, out);
  }
}

function parseLdScript(text: string): unknown {
  // CMSs wrap the JSON in comment and CDATA markers, sometimes several.
  const body = text
    .trim()
    .replace(/^(?:\s*(?:<!--|(?:\/\/|\/\*)?\s*<!\[CDATA\[(?:\s*\*\/)?))+/, '')
    .replace(/(?:(?:-->|(?:\/\/|\/\*)?\s*\]\]>(?:\s*\*\/)?)\s*)+$/, '')
    .trim();
  try {
    return JSON.parse(body);
  } catch {
    // Raw line breaks inside strings are the commonest defect; between tokens
    // a control character may safely become a space.
  }
  try {
    return JSON.parse(body.replace(/[\u0000-\u001f]+/g, ' '));
  } catch {
    return undefined;
  }
}

function fromJsonLd(doc: Document, options: DateOptions): DatedAs | null {
  const candidates: LdCandidate[] = [];
  for (const script of Array.from(doc.getElementsByTagName('script'))) {
    const type = (script.getAttribute('type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/ld+json') continue;
    walkLd(parseLdScript(script.textContent ?? ''), 0, candidates);
  }
  // An article's own date first, shallowest first; an untyped or WebPage date
  // only when it sits at the top, not inside a list of other things.
  const ordered = [
    ...candidates.filter((c) => c.articleTyped).sort((a, b) => a.depth - b.depth),
    ...candidates.filter((c) => !c.articleTyped && c.depth === 0),
  ];
  for (const c of ordered) {
    const found = dayOf(c.value, 'json-ld', `json-ld ${c.type}.datePublished ${shorten(c.value)}`, options);
    if (found) return found;
  }
  return null;
}

// ---------------------------------------------------------------------------
// <time datetime>

/** Places where a time is somebody else's: comments, menus, teasers of other articles. */
const OTHER_TAGS = new Set(['nav', 'aside', 'footer']);
const OTHER_MARK = /comment|related/i;
const MODIFIED_MARK = /modif|updat|edited/i;

function markers(el: Element): string {
  return `${el.getAttribute('itemprop') ?? ''} ${el.getAttribute('class') ?? ''}`;
}

/**
 * Stops below <body>: themes put words like "comments-open" on <body> and
 * <html>, which would otherwise rule out every time on the page.
 */
function inOtherContext(el: Element): boolean {
  for (let a: Element | null = el; a; a = a.parentElement) {
    const tag = a.localName.toLowerCase();
    if (tag === 'body' || tag === 'html') return false;
    if (OTHER_TAGS.has(tag)) return true;
    if (OTHER_MARK.test(`${a.getAttribute('class') ?? ''} ${a.getAttribute('id') ?? ''}`)) return true;
  }
  return false;
}

function fromTimeElements(doc: Document, options: DateOptions): DatedAs | null {
  const times = Array.from(doc.querySelectorAll('time[datetime]')).filter(
    (el) => !MODIFIED_MARK.test(markers(el)) && !inOtherContext(el),
  );
  // pubdate, itemprop="datePublished", class="published", class="dt-published"
  const declared = (el: Element): boolean => el.hasAttribute('pubdate') || /publish/i.test(markers(el));
  const inArticle = (el: Element): boolean => !!el.closest('article, [itemprop="articleBody"], main, [role="main"]');
  const rank = (el: Element): number => (declared(el) ? 0 : inArticle(el) ? 1 : 2);
  // Array.prototype.sort is stable, so each rank keeps document order.
  const ranked = times.map((el) => ({ el, rank: rank(el) })).sort((a, b) => a.rank - b.rank);
  for (const { el, rank: r } of ranked) {
    const value = el.getAttribute('datetime') ?? '';
    const where = r === 0 ? ' (marked published)' : r === 1 ? ' (in article)' : '';
    const found = dayOf(value, 'time-element', `time datetime ${shorten(value)}${where}`, options);
    if (found) return found;
  }
  return null;
}

// ---------------------------------------------------------------------------
// URL path

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    // A file path or a bare path: drop any query or fragment.
    return url.replace(/[?#].*$/, '');
  }
}

const URL_DAY_PATTERNS: { re: RegExp; ymd: (m: RegExpExecArray) => [number, number, number] }[] = [
  // /2025/10/07/
  { re: /(?:^|\/)(\d{4})\/(\d{1,2})\/(\d{1,2})(?=\/|$|[-_.])/, ymd: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  // /2025/oct/07/
  {
    re: new RegExp(`(?:^|/)(\\d{4})/${MONTH_WORD}/(\\d{1,2})(?=/|$)`, 'i'),
    ymd: (m) => [Number(m[1]), monthIndex(m[2] ?? ''), Number(m[3])],
  },
  // /2025-10-07/, /story-2025-10-07.html
  { re: /(?:^|[/_-])(\d{4})-(\d{2})-(\d{2})(?=$|[/_.-])/, ymd: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  // /20251007/, /slug-20251007/
  { re: /(?:^|[/_-])(\d{4})(\d{2})(\d{2})(?=$|[/_.-])/, ymd: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
];

/** The publication date a URL's path gives, to the day or to the month. */
export function dateFromUrl(url: string, options: DateOptions = {}): DatedAs | null {
  if (!url) return null;
  const path = pathOf(url);

  for (const { re, ymd } of URL_DAY_PATTERNS) {
    const m = re.exec(path);
    if (!m) continue;
    const [y, mo, d] = ymd(m);
    const iso = isoOf(y, mo, d);
    if (iso && isPlausibleDate(iso, options)) {
      return { from: iso, to: iso, source: 'url', evidence: `URL path ${m[0].replace(/^[_-]/, '')}` };
    }
  }

  // /2025/10/ says only the month.
  const month = /(?:^|\/)(\d{4})\/(\d{1,2})\/(?!\d)/.exec(path);
  if (month) {
    const y = Number(month[1]);
    const mo = Number(month[2]);
    const from = isoOf(y, mo, 1);
    if (from && isPlausibleDate(from, options)) {
      const to = isoOf(y, mo, lastDayOfMonth(y, mo));
      if (to) return { from, to, source: 'url', evidence: `URL path ${month[0]}` };
    }
  }
  return null;
}

function urlFor(doc: Document, url: string | undefined): string | null {
  if (url) return url;
  const canonical = doc.querySelector('link[rel~="canonical"][href]')?.getAttribute('href');
  if (canonical) return canonical;
  const ogUrl = doc.querySelector('meta[property="og:url"][content]')?.getAttribute('content');
  if (ogUrl) return ogUrl;
  try {
    return typeof doc.URL === 'string' ? doc.URL : null;
  } catch {
    return null;
  }
}

/**
 * The page's publication date and how it was found, or null when nothing on
 * the page gives a plausible one. Never throws.
 */
export function findPublicationDate(doc: Document, url?: string, options: DateOptions = {}): DatedAs | null {
  const steps: (() => DatedAs | null)[] = [
    () => fromMeta(doc, options),
    () => fromJsonLd(doc, options),
    () => fromTimeElements(doc, options),
    () => {
      const u = urlFor(doc, url);
      return u ? dateFromUrl(u, options) : null;
    },
  ];
  for (const step of steps) {
    try {
      const found = step();
      if (found) return found;
    } catch {
      // One broken source must not hide the others.
    }
  }
  return null;
}

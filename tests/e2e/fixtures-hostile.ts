/**
 * Hostile text for the E2E suite 60-hostile-text: news pages and corpus
 * articles whose words are markup, script and bidi controls, built at test
 * time from the seeds and checked against the engine here, so the suite
 * knows which sentence will be flagged and carry the payload.
 *
 * The payloads are text. In the pages they are HTML-escaped, so the browser
 * shows them as characters (and the page itself never runs them); in the
 * corpus they are JSON strings. Anything that turns them back into markup is
 * the bug the suite looks for: an <img onerror> written into the page from
 * the content script runs in the page's main world and sets
 * window.__crosscheckPwned.
 *
 *   npx tsx tests/e2e/fixtures-hostile.ts DIR   writes the pages to DIR/hostile/ and prints what the engine flags
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { escapeHtml } from '../../scripts/news-site';
import { makeBundle } from '../../lib/corpus/bundle';
import type { Article, CorpusBundle } from '../../lib/schema';
import { analysisOf, articleBody, expectedFindings, htmlDocument, seedHeadline, seedPage } from './fixtures-common';

export const IMG = '<img src=x onerror="window.__crosscheckPwned=1">';
export const SCRIPT = '<script>window.__crosscheckPwned=2</script>';
/** Right-to-left override, never closed: unisolated, it reverses everything after it in its paragraph. */
export const RLO = '\u202E';

const DIR = 'hostile';
const SEED = '003';
/** The sentence of seed 003 the engine flags with evidence from the other reports (a president the record contradicts). */
const TARGET = "Diplomatic sources indicate that Witkoff's mission carries significant weight from the White House, with President Harris monitoring developments closely.";

/**
 * The target sentence with every payload inside it. The words the claim is
 * read from ("President Harris") are left whole: the point is that the
 * sentence is still flagged and its text reaches every view.
 */
export const HOSTILE_SENTENCE =
  `Diplomatic sources ${IMG} indicate that \u2066Witkoff's\u2069 mission carries significant weight ` +
  `from the \u2067White House\u2069 ${SCRIPT}, with President Harris monitoring \u2068developments\u2069 closely ${RLO}gnitaerc\u200F.`;

/** The payload page's <title>, og:site_name (the page's outlet in the popup) and canonical link (an address that runs code). */
export const PAGE_TITLE = `Envoy in Cairo ${IMG} ${SCRIPT} ${RLO}sklat`;
export const PAGE_SITE = `The ${RLO}weiveR ${SCRIPT}`;
export const PAGE_CANONICAL = 'javascript:window.__crosscheckPwned=4';

/** A stand-in URL for choosing what the engine flags before the server's port is known. */
const PROBE_URL = 'http://127.0.0.1/fixtures/hostile/probe.html';

/**
 * Seed 003 as a plain article page, with its target sentence replaced by
 * `sentence` (escaped, like every other word). Only the story up to that
 * paragraph, without the list: with all of it the engine would take the page
 * for seed 003 itself, and the popup would show the seed's outlet and offer
 * no "Add this page".
 */
function articlePage(title: string, sentence: string, head = ''): string {
  const page = seedPage(SEED);
  const end = page.blocks.findIndex((b) => b.text.includes(TARGET));
  let replaced = 0;
  const blocks = page.blocks
    .slice(0, end + 1)
    .filter((b) => b.kind !== 'list-item')
    .map((b) => (b.text.includes(TARGET) ? (replaced++, { ...b, text: b.text.replace(TARGET, sentence) }) : b));
  if (replaced !== 1) throw new Error(`seed ${SEED}: expected the target sentence once, found it ${replaced} times`);
  return htmlDocument(title, `<article>\n${articleBody({ ...page, blocks })}\n</article>`, { head });
}

/**
 * One sentence of at least 10,000 characters with the target's claim at its
 * start: clauses joined by commas and "and", no full stop until the end, and
 * one 300-character run without a space for layouts that wrap only at
 * spaces. The clauses vary and keep to the story's words, so the page is
 * still matched with the other reports of it.
 */
function longSentence(): string {
  const who = ['Egyptian mediators', 'Qatari officials', 'the US delegation', 'Israeli negotiators', 'Hamas representatives', 'aid agencies in Gaza', 'diplomats in Cairo'];
  const did = ['pressed for', 'spoke of', 'raised', 'pushed back on', 'asked about', 'returned to'];
  const what = ['a ceasefire in Gaza', 'the release of the hostages', 'humanitarian corridors for aid', 'a phased Israeli withdrawal', 'guarantees for the truce'];
  const unbroken = `ref:${'x'.repeat(296)}`;
  let s = "Diplomatic sources indicate that Witkoff's mission carries significant weight from the White House, with President Harris monitoring developments closely";
  for (let i = 0; s.length < 10_000; i++) {
    s += i === 7 ? `, and a note filed as ${unbroken}` : `, and ${who[i % who.length]} ${did[(i >> 1) % did.length]} ${what[(i * 3) % what.length]}`;
  }
  return `${s}.`;
}
export const LONG_SENTENCE = longSentence();

export interface HostilePage {
  /** Path under /fixtures/. */
  path: string;
  html: string;
  /** The flagged sentence that carries the payload, as the engine reports it. */
  sentence: string;
}

/** The findings on `html` whose sentence holds `marker`; throws when the engine does not flag it, since the suite would then test nothing. */
function flaggedWith(html: string, marker: string, what: string): string {
  const self = analysisOf(html, PROBE_URL).self;
  if (self) throw new Error(`${what}: the engine takes the page for the stored report ${self}; the page must be a report of its own`);
  const findings = expectedFindings(html, PROBE_URL);
  const hit = findings.find((f) => f.sentence.text.includes(marker));
  if (!hit) throw new Error(`${what}: the engine does not flag the sentence with ${JSON.stringify(marker.slice(0, 40))}; it flags ${JSON.stringify(findings.map((f) => f.sentence.text.slice(0, 80)))}`);
  return hit.sentence.text;
}

/** Writes the two pages to `dir`/hostile/ and describes them. */
export function writeHostilePages(dir: string): { payload: HostilePage; long: HostilePage } {
  mkdirSync(join(dir, DIR), { recursive: true });
  const make = (file: string, title: string, sentence: string, marker: string, head = ''): HostilePage => {
    const html = articlePage(title, sentence, head);
    writeFileSync(join(dir, DIR, file), html);
    return { path: `${DIR}/${file}`, html, sentence: flaggedWith(html, marker, file) };
  };
  return {
    // The title carries the payload too: the popup and the tab strip show it.
    payload: make(
      'payload.html',
      PAGE_TITLE,
      HOSTILE_SENTENCE,
      IMG,
      // The site's name becomes the page's outlet in the popup; the canonical link is an address that runs code.
      `<meta property="og:site_name" content="${escapeHtml(PAGE_SITE)}">\n<link rel="canonical" href="${escapeHtml(PAGE_CANONICAL)}">\n`,
    ),
    long: make('long-sentence.html', seedHeadline(seedPage(SEED)), LONG_SENTENCE, 'a note filed as ref:'),
  };
}

// ---------------------------------------------------------------------------
// Corpus articles

export const HOSTILE_URL = 'https://hostile.example/2025/10/07/envoy-in-cairo';
/** Starts with a lone pop-directional-isolate, to close an isolate the interface might have opened with characters rather than an element. */
export const HOSTILE_OUTLET = `Hostile \u2069${RLO}eriW ${IMG}`;
export const HOSTILE_TITLE = `Envoy lands in Cairo ${SCRIPT} ${IMG} \u2067talks\u2069 ${RLO}detrats`;
/**
 * The sentence of the hostile report the comparison quotes: it names the
 * president the record has, so it is evidence against the flagged sentence.
 */
export const HOSTILE_QUOTE = `President Donald Trump is sending special envoy Steve Witkoff ${IMG} to Cairo ${SCRIPT} for talks on a Gaza ceasefire ${RLO}nori\u200F.`;

/** A report of the same story, in words of its own, carrying the payloads in title, outlet and text. */
export function hostileArticle(): Article {
  const blocks = [
    'US special envoy Steve Witkoff arrived in Cairo on Tuesday for talks with Egyptian mediators on a ceasefire in Gaza and the release of the hostages held there.',
    HOSTILE_QUOTE,
    `Egyptian intelligence officials were to host the talks ${IMG}, with Qatari mediators expected to join, according to diplomats familiar with the plans.`,
    `The negotiations are meant to secure humanitarian corridors for aid, a halt to the fighting and the return of hostages ${SCRIPT}, officials said.`,
    `Israel and Hamas have both sent negotiators to Egypt, which shares a border with Gaza and has mediated between the two sides throughout the war ${RLO}raw.`,
  ].map((text) => ({ kind: 'paragraph' as const, text }));
  return {
    id: 'hostile-report',
    url: HOSTILE_URL,
    title: HOSTILE_TITLE,
    byline: `By ${IMG} ${RLO}rotide`,
    siteName: null,
    language: 'en',
    blocks,
    furniture: [],
    publishedAt: null,
    outlet: HOSTILE_OUTLET,
    citedSources: [],
    origin: 'imported',
    addedAt: 1_760_000_000_000,
  };
}

const EXPORTED_AT = new Date('2025-10-21T12:00:00Z');

/** The good bundle: the hostile report alone. */
export function hostileBundle(): CorpusBundle {
  return makeBundle([hostileArticle()], EXPORTED_AT);
}

/**
 * Bundles the import must refuse, each with one article whose address would
 * run code or embed a document if it were ever opened as a link. The article
 * sits second so the error has to name which one.
 */
export function refusedBundles(): { name: string; url: string; json: unknown }[] {
  const good = hostileArticle();
  const urls = ['javascript:alert(1)', ' JavaScript:window.__crosscheckPwned=3', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)'];
  return urls.map((url, i) => ({
    name: `refused-${i}.json`,
    url,
    json: {
      format: 'crosscheck-corpus',
      version: 1,
      exportedAt: EXPORTED_AT.toISOString(),
      articles: [good, { ...good, id: `hostile-link-${i}`, url }],
    },
  }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npx tsx tests/e2e/fixtures-hostile.ts DIR');
    process.exit(2);
  }
  const pages = writeHostilePages(dir);
  for (const p of Object.values(pages)) console.log(`${join(dir, p.path)}\n  flagged: ${JSON.stringify(p.sentence.slice(0, 160))}`);
  const withHostile = expectedFindings(pages.payload.html, PROBE_URL, [hostileArticle()]);
  const quoted = withHostile.flatMap((f) => f.evidence).filter((e) => e.article === 'hostile-report');
  console.log(`hostile report as evidence: ${JSON.stringify(quoted.map((e) => e.quote))}`);
}

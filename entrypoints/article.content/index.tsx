import './highlights.css';
import overlayCss from './overlay.css?inline';
import claimQuoteCss from '../../components/claim-quote.css?inline';
import { render } from 'preact';
import { anchorFindings } from '../../lib/anchor/findings';
import { KEEP_READ_AFTER_MS } from '../../lib/corpus/reading';
import { MAX_PAGE_HTML_CHARS, MAX_PAGE_TEXT_CHARS } from '../../lib/limits';
import { ask, type ReplyTo } from '../../lib/messaging/ask';
// Types only: the schemas themselves are never loaded into the page (see lib/messaging/ask.ts).
import type { Finding, ShowFindingReply } from '../../lib/schema';
import { shownFindings } from '../../lib/settings';
import { Overlay } from './Overlay';
import { clearPaint, findingAtPoint, paint, setActive, type Painted } from './paint';

/** The background worker may be asleep or restarting: ask again a few times before giving up. */
async function withRetry<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  let delay = 200;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (i >= attempts || /malformed/.test(message)) throw error;
      await new Promise((r) => setTimeout(r, delay));
      delay *= 2;
    }
  }
}

/** Text added by a mutation burst large enough to be (part of) an article arriving late. */
const ARTICLE_ARRIVAL_CHARS = 200;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    const send = (m: unknown) => browser.runtime.sendMessage(m);
    let hello: ReplyTo<'hello'>;
    try {
      hello = await withRetry(() => ask(send, { type: 'hello', url: location.href }));
    } catch (error) {
      console.warn('crosscheck: the background did not answer', error);
      return;
    }
    // Logged so a reader (and the E2E tests) can see the script ran; nothing is written to the page.
    console.info(`crosscheck: connected (${hello.articles} reports in the corpus)`);
    if (hello.paused) return; // paused sites get no work at all

    let items: Painted[] = [];
    let open: number | null = null;
    let focusTooltip = false;
    let pointerInTooltip = false;
    let openedByHover = false;
    let runId = 0;
    let host: HTMLElement | null = null;
    let container: HTMLElement | null = null;

    function ensureUi(): HTMLElement {
      if (container) return container;
      // One shadow-root host holds the overlay, so page styles cannot reach it and it cannot touch the page.
      host = document.createElement('crosscheck-overlay');
      const shadow = host.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = overlayCss + claimQuoteCss;
      container = document.createElement('div');
      shadow.append(style, container);
      document.documentElement.append(host);
      return container;
    }

    function rerender() {
      if (!items.length && !container) return;
      render(
        <Overlay
          items={items}
          open={open}
          focusTooltip={focusTooltip}
          recordEnds={recordEnds}
          onOpen={(i, viaKeyboard) => openFinding(i, viaKeyboard)}
          onClose={closeTooltip}
          onPointerInside={(inside) => (pointerInTooltip = inside)}
        />,
        ensureUi(),
      );
    }

    function openFinding(index: number, viaKeyboard: boolean) {
      const item = items[index];
      if (!item) return;
      open = index;
      focusTooltip = viaKeyboard;
      openedByHover = false;
      if (viaKeyboard) {
        const el = item.range.startContainer.parentElement;
        el?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
      }
      setActive(item.range);
      rerender();
    }

    function closeTooltip() {
      // A keyboard user who closes the tooltip keeps their place: focus returns to the navigator.
      const focusWasInside = !!host?.shadowRoot?.activeElement;
      open = null;
      focusTooltip = false;
      setActive(null);
      rerender();
      if (focusWasInside) host?.shadowRoot?.querySelector<HTMLElement>('.nav-count')?.focus();
    }

    // The popup's findings list: scroll to the finding's highlight and open its tooltip.
    // Only the extension's own pages can message a content script; the popup parses the message before sending.
    browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (r: ShowFindingReply) => void) => {
      const findingId = (message as { type?: unknown; findingId?: unknown } | null)?.findingId;
      if ((message as { type?: unknown } | null)?.type !== 'showFinding' || typeof findingId !== 'string') return;
      const index = items.findIndex((i) => i.finding.id === findingId);
      if (index >= 0) openFinding(index, true);
      sendResponse({ ok: true, type: 'showFinding', shown: index >= 0 });
    });

    async function analyseAndPaint() {
      const id = ++runId;
      // crosscheck:* measures time each stage for scripts/bench/browser.ts; they only add timeline entries.
      // The page is only measured and copied here; extraction (Readability) and analysis run in the background.
      const serializeStart = performance.now();
      const pageChars = document.body?.textContent?.length ?? 0;
      const html = pageChars > MAX_PAGE_TEXT_CHARS ? null : document.documentElement.outerHTML;
      performance.measure('crosscheck:serialize', { start: serializeStart });
      if (html === null || html.length > MAX_PAGE_HTML_CHARS) {
        const chars = html === null ? pageChars : html.length;
        await ask(send, { type: 'tooLong', url: location.href, chars }).catch(() => undefined);
        return show(id, []);
      }
      const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href ?? null;
      let analysis: ReplyTo<'analyse'>['analysis'];
      const analyseStart = performance.now();
      try {
        const reply = await withRetry(() => ask(send, { type: 'analyse', url: location.href, html, canonicalUrl: canonical }));
        analysis = reply.analysis;
      } catch (error) {
        console.warn('crosscheck: analysis failed:', error instanceof Error ? error.message : error);
        return;
      }
      performance.measure('crosscheck:analyse', { start: analyseStart });
      if (id !== runId || ctx.isInvalid) return;
      if (!analysis) return show(id, []); // no article text on this page
      if (hello.settings.keepRead) countReading(location.href);
      landmarks = analysis.landmarks;
      recordEnds = analysis.recordEnds;
      await anchorAndPaint(id, shownFindings(analysis.findings, hello.settings));
    }

    /**
     * Keep what I read: once the article has been shown for a while (time in a
     * hidden tab does not count), the background is told the reader read it
     * and decides whether to keep it. Nothing leaves the browser.
     */
    let readTimer: ReturnType<typeof setInterval> | undefined;
    function countReading(url: string) {
      clearInterval(readTimer);
      let shownMs = 0;
      const step = 250;
      readTimer = setInterval(() => {
        if (location.href !== url || ctx.isInvalid) return clearInterval(readTimer);
        if (document.visibilityState !== 'visible') return;
        shownMs += step;
        if (shownMs < KEEP_READ_AFTER_MS) return;
        clearInterval(readTimer);
        ask(send, { type: 'keepRead', url }).then(
          (r) => console.info(r.kept ? 'crosscheck: kept this report in your corpus (Keep what I read)' : `crosscheck: not kept: ${r.reason}`),
          () => undefined,
        );
      }, step);
    }

    let findings: Finding[] = [];
    let landmarks: string[] = [];
    let recordEnds: string | null = null;
    async function anchorAndPaint(id: number, next: Finding[]) {
      findings = next;
      const byId = new Map(next.map((f) => [f.id, f]));
      const anchorStart = performance.now();
      const anchored = await anchorFindings(document.body, next, landmarks);
      performance.measure('crosscheck:anchor', { start: anchorStart });
      if (id !== runId || ctx.isInvalid) return;
      const painted = anchored.flatMap((a) => (a.range && byId.has(a.id) ? [{ finding: byId.get(a.id)!, range: a.range, words: a.words }] : []));
      painted.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
      show(id, painted, anchored.length - painted.length);
    }

    function show(id: number, painted: Painted[], orphaned = 0) {
      if (id !== runId) return;
      items = painted;
      open = null;
      const paintStart = performance.now();
      paint(items);
      rerender();
      performance.measure('crosscheck:paint', { start: paintStart });
      void ask(send, { type: 'painted', painted: items.length, orphaned }).catch(() => undefined);
    }

    // Hover and click open the tooltip of the highlight under the pointer.
    let frame = 0;
    let hoverTimer: ReturnType<typeof setTimeout> | undefined;
    ctx.addEventListener(document, 'mousemove', (e: MouseEvent) => {
      // A pointer on the tooltip or navigator is reading them: the highlight underneath must not take over.
      if (!items.length || frame || (host && e.composedPath().includes(host))) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const hit = findingAtPoint(items, e.clientX, e.clientY);
        clearTimeout(hoverTimer);
        if (hit) {
          const index = items.indexOf(hit);
          if (index !== open) hoverTimer = setTimeout(() => {
            openFinding(index, false);
            openedByHover = true;
          }, 120);
        } else if (open !== null && openedByHover && !pointerInTooltip) {
          hoverTimer = setTimeout(() => !pointerInTooltip && closeTooltip(), 400);
        }
      });
    });
    ctx.addEventListener(document, 'click', (e: MouseEvent) => {
      if (!items.length || (host && e.composedPath().includes(host))) return;
      const hit = findingAtPoint(items, e.clientX, e.clientY);
      if (hit) openFinding(items.indexOf(hit), false);
      else if (open !== null) closeTooltip();
    });
    ctx.addEventListener(document, 'keydown', (e: KeyboardEvent) => {
      if (e.key === 'Escape' && open !== null) closeTooltip();
    });
    ctx.addEventListener(window, 'scroll', () => open !== null && rerender(), { passive: true });

    // Dynamic pages: re-anchor when highlighted text was replaced, re-analyse when article text arrives.
    let debounce: ReturnType<typeof setTimeout> | undefined;
    let addedChars = 0;
    // Set when the URL changed: the page swaps its article after the URL, so analysis waits for the DOM to settle.
    let pendingNavigation = false;
    function scheduleCheck() {
      clearTimeout(debounce);
      debounce = setTimeout(() => {
        const arrived = addedChars >= ARTICLE_ARRIVAL_CHARS || pendingNavigation;
        addedChars = 0;
        pendingNavigation = false;
        const broken = items.some((i) => i.range.collapsed || !i.range.startContainer.isConnected || !i.range.endContainer.isConnected);
        if (arrived) void analyseAndPaint();
        else if (broken) void anchorAndPaint(++runId, findings);
      }, 500);
    }
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        if (host && (r.target === host || host.contains(r.target))) continue; // our own overlay
        for (const n of r.addedNodes) if (n !== host) addedChars += n.textContent?.length ?? 0;
        if (r.type === 'characterData') addedChars += 1;
      }
      scheduleCheck();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    ctx.onInvalidated(() => {
      observer.disconnect();
      clearInterval(readTimer);
      clearPaint();
      host?.remove();
    });

    // Single-page apps: a new URL is a new article.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      ++runId; // an analysis still running belongs to the old article
      clearPaint();
      items = [];
      open = null;
      rerender();
      pendingNavigation = true;
      scheduleCheck();
    });

    await analyseAndPaint();
  },
});

import './highlights.css';
import overlayCss from './overlay.css?inline';
import { render } from 'preact';
import type { z } from 'zod';
import { anchorQuotes } from '../../lib/anchor/index';
import { extractArticle } from '../../lib/extract/index';
import { request } from '../../lib/messaging/protocol';
import { TabMessage, type AnalyseReply, type Finding, type HelloReply, type ShowFindingReply } from '../../lib/schema';
import { shownFindings } from '../../lib/settings';
import { Overlay } from './Overlay';
import { clearPaint, findingAtPoint, paint, setActive, type Painted } from './paint';

type Hello = z.infer<typeof HelloReply>;
type Analyse = z.infer<typeof AnalyseReply>;

/** The background worker may be asleep or restarting: ask again a few times before giving up. */
async function withRetry<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  let delay = 200;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (i >= attempts || /too long to check|malformed/.test(message)) throw error;
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
    let hello: Hello;
    try {
      hello = await withRetry(() => request<Hello>(send, { type: 'hello', url: location.href }));
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
      style.textContent = overlayCss;
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
    browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (r: ShowFindingReply) => void) => {
      const parsed = TabMessage.safeParse(message);
      if (!parsed.success) return;
      const index = items.findIndex((i) => i.finding.id === parsed.data.findingId);
      if (index >= 0) openFinding(index, true);
      sendResponse({ ok: true, type: 'showFinding', shown: index >= 0 });
    });

    async function analyseAndPaint() {
      const id = ++runId;
      // crosscheck:* measures time each stage for scripts/bench/browser.ts; they only add timeline entries.
      const extractStart = performance.now();
      const article = extractArticle(document, location.href);
      performance.measure('crosscheck:extract', { start: extractStart });
      if (!article.blocks.length) return show(id, []);
      const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href ?? null;
      let reply: Analyse;
      const analyseStart = performance.now();
      try {
        reply = await withRetry(() => request<Analyse>(send, { type: 'analyse', page: article, canonicalUrl: canonical }));
      } catch (error) {
        console.warn('crosscheck: analysis failed:', error instanceof Error ? error.message : error);
        return;
      }
      performance.measure('crosscheck:analyse', { start: analyseStart });
      if (id !== runId || ctx.isInvalid) return;
      await anchorAndPaint(id, shownFindings(reply.analysis.findings, hello.settings));
    }

    let findings: Finding[] = [];
    async function anchorAndPaint(id: number, next: Finding[]) {
      findings = next;
      const byId = new Map(next.map((f) => [f.id, f]));
      const anchorStart = performance.now();
      const anchored = await anchorQuotes(
        document.body,
        next.map((f) => ({ id: f.id, exact: f.sentence.text, prefix: f.sentence.prefix, suffix: f.sentence.suffix })),
      );
      performance.measure('crosscheck:anchor', { start: anchorStart });
      if (id !== runId || ctx.isInvalid) return;
      const painted = anchored.flatMap((a) => (a.range && byId.has(a.id) ? [{ finding: byId.get(a.id)!, range: a.range }] : []));
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
      void request(send, { type: 'painted', painted: items.length, orphaned }).catch(() => undefined);
    }

    // Hover and click open the tooltip of the highlight under the pointer.
    let frame = 0;
    let hoverTimer: ReturnType<typeof setTimeout> | undefined;
    ctx.addEventListener(document, 'mousemove', (e: MouseEvent) => {
      if (!items.length || frame) return;
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

/**
 * The popup against a stand-in background (fake browser): the comparison
 * table, the findings list and its message to the tab, each state, and text
 * that stays text.
 */
import { resolve } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../entrypoints/popup/App';
import { readSeedArticles } from '../../lib/corpus/seeds-node';
import { Engine } from '../../lib/engine';
import { loadKnowledgeBase } from '../../lib/kb/index';
import { Settings, type Analysis, type Request, type TabAnalysisReply } from '../../lib/schema';
import { shownFindings } from '../../lib/settings';

const seeds = readSeedArticles(resolve(__dirname, '../../seeds'));
const seed = seeds.find((s) => s.id.startsWith('003_'))!;
const PAGE_URL = 'http://127.0.0.1:8080/news/003.html';
const analysis = new Engine(loadKnowledgeBase(), seeds).analyse({ ...seed, url: PAGE_URL }, { canonicalUrl: seed.url });
const TAB = 7;

function tabReply(patch: Partial<TabAnalysisReply> = {}): TabAnalysisReply {
  return {
    ok: true,
    type: 'tabAnalysis',
    tabId: TAB,
    state: 'matched',
    url: PAGE_URL,
    site: '127.0.0.1',
    outlet: 'britbrief.co.uk',
    analysis,
    painted: 2,
    orphaned: 0,
    error: null,
    tooLong: null,
    hasText: true,
    settings: Settings.parse({}),
    corpusSize: 5,
    ...patch,
  };
}

let answers: Array<(req: Request) => unknown>;
let requests: Request[];
let container: HTMLElement;

/** The background: answers each request with the first handler that returns something. */
function background(...handlers: Array<(req: Request) => unknown>) {
  answers = [
    ...handlers,
    (req) => (req.type === 'listSources' ? { ok: true, type: 'listSources', sources: seeds.map((s) => ({ id: s.id, outlet: s.outlet, title: s.title, url: s.url, origin: s.origin })) } : undefined),
  ];
}

async function until<T>(probe: () => T | null | undefined | false, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out; the popup shows: ${container.textContent}`);
    await act(() => new Promise((r) => setTimeout(r, 20)));
  }
}

const $ = (s: string) => container.querySelector<HTMLElement>(s);
const $$ = (s: string) => [...container.querySelectorAll<HTMLElement>(s)];

beforeEach(() => {
  fakeBrowser.reset();
  requests = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    const req = message as Request;
    requests.push(req);
    for (const answer of answers) {
      const reply = answer(req);
      if (reply !== undefined) {
        sendResponse(reply);
        return true;
      }
    }
    sendResponse({ ok: false, error: `unexpected ${req.type}` });
    return true;
  });
  history.replaceState(null, '', `/popup.html?tab=${TAB}`);
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

async function mount() {
  await act(() => render(<App />, container));
}

function row(label: string): Record<string, { value: string; stance: string }> {
  const tr = $$('table.comparison tbody tr').find((r) => r.querySelector('th')?.textContent === label);
  expect(tr, `a row "${label}"`).toBeTruthy();
  return Object.fromEntries(
    [...tr!.querySelectorAll('td')].map((td) => [td.dataset.column!, { value: td.querySelector('.value')!.textContent!, stance: td.querySelector('.stance')?.textContent ?? '' }]),
  );
}

describe('popup: matched page', () => {
  it('lines up this page, each report and the knowledge base, with stances in words', async () => {
    background((req) => (req.type === 'tabAnalysis' ? tabReply() : undefined));
    await mount();
    await until(() => $('table.comparison'));
    expect(requests.find((r) => r.type === 'tabAnalysis')).toEqual({ type: 'tabAnalysis', tabId: TAB });
    const president = row('President of the United States');
    expect(president.page).toEqual({ value: 'Kamala Harris', stance: '✕ conflicts' });
    expect(president.kb?.value).toBe('Donald Trump');
    for (const m of analysis.matched) expect(['Joe Biden', 'Donald Trump']).toContain(president[m.articleId]?.value);
    expect($('.page-outlet')?.textContent).toBe('britbrief.co.uk');
    // The days the story's dated reports agree on: two dated to the week of the anniversary narrow one dated to the season.
    expect($('.date-line')?.textContent).toBe('Published between 4 October 2025 and 10 October 2025. Dated by 3 other reports of the same story.');
    expect($('.kind-counts')?.textContent).toMatch(/2 Conflicts with the record/);
    expect($('.match-line')?.textContent).toBe('Compared with 4 other reports of this story in your corpus.');
    for (const icon of $$('.signal')) expect(icon.getAttribute('aria-label')).toBeTruthy();
    expect($('.count')?.textContent).toBe('5 sources');
  });

  it('shows a cell\'s own sentence on focus and hides it on blur', async () => {
    background((req) => (req.type === 'tabAnalysis' ? tabReply() : undefined));
    await mount();
    await until(() => $('table.comparison'));
    const cell = $$('table.comparison tbody tr')[0]!.querySelector<HTMLElement>('td[data-column="page"]')!;
    expect(cell.tabIndex).toBe(0);
    await act(() => cell.focus());
    const tip = await until(() => $('[role="tooltip"]'));
    expect(tip.textContent).toContain('President Harris');
    expect(cell.getAttribute('aria-describedby')).toBe(tip.id);
    await act(() => cell.blur());
    await until(() => !$('[role="tooltip"]'));
  });

  it('sends the chosen finding to the tab and says what happened', async () => {
    background((req) => (req.type === 'tabAnalysis' ? tabReply() : undefined));
    // The fake browser types tabs.sendMessage as returning nothing; the content script's reply is what matters here.
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage') as unknown as ReturnType<typeof vi.fn>;
    send.mockResolvedValue({ ok: true, type: 'showFinding', shown: true });
    await mount();
    const buttons = await until(() => ($$('button.finding-button').length ? $$('button.finding-button') : null));
    const shown = shownFindings(analysis.findings, Settings.parse({}));
    expect(buttons).toHaveLength(shown.length);
    await act(() => buttons[1]!.click());
    await until(() => $('.finding-status'));
    expect(send).toHaveBeenCalledWith(TAB, { type: 'showFinding', findingId: shown[1]!.id });
    expect($('.finding-status')?.textContent).toBe('Shown on the page.');

    send.mockResolvedValue({ ok: true, type: 'showFinding', shown: false });
    await act(() => buttons[0]!.click());
    await until(() => /Not found on the page/.test($$('.finding-status')[0]?.textContent ?? ''));
    send.mockRejectedValue(new Error('Could not establish connection'));
    await act(() => buttons[0]!.click());
    await until(() => /Could not reach the page/.test($('.finding-status')?.textContent ?? ''));
  });

  it("quotes each finding's sentence with its claim's words marked, and says them to screen readers", async () => {
    background((req) => (req.type === 'tabAnalysis' ? tabReply() : undefined));
    await mount();
    const buttons = await until(() => ($$('button.finding-button').length ? $$('button.finding-button') : null));
    const shown = shownFindings(analysis.findings, Settings.parse({}));
    let marked = 0;
    buttons.forEach((b, i) => {
      const f = shown[i]!;
      const words = f.claim?.surface.trim() ?? '';
      const mark = b.querySelector('mark.claim-words');
      if (!words || words.length >= f.sentence.text.trim().length) return expect(mark).toBeNull();
      marked++;
      expect(mark?.textContent).toBe(words);
      expect(b.querySelector('.claim-said')?.textContent).toBe(` The words in question: “${words}”.`);
    });
    expect(marked).toBeGreaterThan(0);
  });

  it('adds the page to the corpus and then shows it as part of the corpus', async () => {
    let added = false;
    background(
      (req) => (req.type === 'tabAnalysis' ? tabReply({ analysis: added ? { ...analysis, self: 'page-id' } : { ...analysis, self: null } }) : undefined),
      (req) =>
        req.type === 'addPage'
          ? ((added = true), { ok: true, type: 'addPage', source: { id: 'page-id', outlet: 'britbrief.co.uk', title: null, url: PAGE_URL, origin: 'added' }, corpusSize: 6 })
          : undefined,
    );
    await mount();
    const add = await until(() => $('button.add-page'));
    await act(() => add.click());
    await until(() => $('.badge.in-corpus'));
    expect($('button.add-page')).toBeNull();
    expect($('.action-status')?.textContent).toBe('Added britbrief.co.uk to your corpus; it now has 6 sources.');
  });

  it('renders text from pages as text, never as markup', async () => {
    const evil = '<img src=x onerror="window.hacked=1">';
    const table: Analysis['table'] = {
      columns: [
        { id: 'page', label: 'This page', url: null, date: null, signals: [evil], weight: 1 },
        { id: 'x', label: evil, url: 'javascript:alert(1)', date: null, signals: [], weight: 1 },
      ],
      rows: [{ fact: 'venue', label: evil, cells: { page: { value: evil, stance: 'unknown', quote: evil }, x: { value: evil, stance: 'conflict', quote: null } } }],
    };
    background((req) => (req.type === 'tabAnalysis' ? tabReply({ outlet: evil, analysis: { ...analysis, table } }) : undefined));
    await mount();
    await until(() => $('table.comparison'));
    expect(container.querySelector('img')).toBeNull();
    expect($('.page-outlet')?.textContent).toBe(evil);
    expect(container.textContent).toContain(evil);
    expect(container.querySelector('a[href^="javascript:"]')).toBeNull();
  });
});

describe('popup: other states', () => {
  it.each([
    ['not-article', /No news article found on this page/],
    ['unavailable', /crosscheck is not running on this page/],
    ['analysing', /Checking this page/],
    ['paused', /crosscheck is paused on 127\.0\.0\.1/],
    ['too-long', /too long to check: 5,000,000 characters of text, and crosscheck checks up to 2,000,000\. Nothing on it is highlighted/],
  ] as const)('%s', async (state, text) => {
    const tooLong = state === 'too-long' ? { chars: 5_000_000, limit: 2_000_000 } : null;
    background((req) => (req.type === 'tabAnalysis' ? tabReply({ state, analysis: null, tooLong }) : undefined));
    await mount();
    await until(() => $(`.tab-view[data-state="${state}"]`));
    expect($('.tab-view')?.textContent).toMatch(text);
    // None of these offer to add the page or show a table.
    expect($('button.add-page')).toBeNull();
    expect($('table.comparison')).toBeNull();
  });

  it('error: says why, as an alert, and Retry re-runs the analysis in the tab', async () => {
    let retried = false;
    background(
      (req) =>
        req.type === 'tabAnalysis' ? tabReply(retried ? {} : { state: 'error', analysis: null, error: 'the knowledge base could not be read' }) : undefined,
      (req) => (req.type === 'retryTab' ? ((retried = true), { ok: true, type: 'retryTab' }) : undefined),
    );
    await mount();
    const alert = await until(() => $('[role="alert"]'));
    expect(alert.textContent).toMatch(/The check failed: the knowledge base could not be read/);
    const retry = $$('button').find((b) => b.textContent === 'Retry')!;
    await act(() => retry.click());
    await until(() => $('table.comparison'));
    expect(requests.filter((r) => r.type === 'retryTab')).toEqual([{ type: 'retryTab', tabId: TAB }]);
  });

  it('keeps asking while the page is analysed, then shows the result', async () => {
    let asked = 0;
    background((req) => (req.type === 'tabAnalysis' ? tabReply(++asked < 2 ? { state: 'analysing', analysis: null } : {}) : undefined));
    await mount();
    await until(() => $('table.comparison'), 5000);
    expect(asked).toBeGreaterThanOrEqual(2);
  });

  it('paused: Resume takes the site off the list and checks the page again', async () => {
    let paused = true;
    background(
      (req) => (req.type === 'tabAnalysis' ? tabReply(paused ? { state: 'paused', analysis: null } : {}) : undefined),
      (req) => (req.type === 'setSitePaused' ? ((paused = req.paused), { ok: true, type: 'setSitePaused', settings: Settings.parse({}) }) : undefined),
      (req) => (req.type === 'retryTab' ? { ok: true, type: 'retryTab' } : undefined),
    );
    await mount();
    const resume = await until(() => $$('button').find((b) => b.textContent === 'Resume on this site'));
    await act(() => resume.click());
    await until(() => $('table.comparison'));
    expect(requests.find((r) => r.type === 'setSitePaused')).toEqual({ type: 'setSitePaused', site: '127.0.0.1', paused: false });
    expect(requests.some((r) => r.type === 'retryTab')).toBe(true);
  });
});

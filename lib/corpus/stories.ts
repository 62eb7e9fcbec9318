/**
 * The stories of a corpus: its reports grouped by event. Two reports are of
 * one story when the engine, analysing either of them as the extension
 * analyses a stored report, takes the other for the same event, or for the
 * same report stored twice (Engine.sameEventMatches); a story is a connected group of such pairs, so
 * a wire copy rewritten twice still joins its original through the copy in
 * between. Grouping asks the engine and never re-decides: any change to the
 * event thresholds (./event.ts) changes the stories with it.
 *
 * Pure: the CLI (`crosscheck stories`) and the extension's corpus manager
 * run the same code.
 */
import { Engine } from '../engine';
import type { KnowledgeBase } from '../kb/schema';
import type { Article, ComparisonTable } from '../schema';
import { hash64 } from './bundle';
import { consensusWindow, eventRelation, windowOf, type Window } from './event';
import { localTerms } from './fingerprint';

export interface StoryReport {
  id: string;
  outlet: string;
  url: string;
  title: string | null;
  /** When the report was written, as the engine dates it: "YYYY-MM-DD", or "from…to" when only a span is known. */
  date: string | null;
}

export interface DisputedFact {
  /** The comparison table's fact key ("venue", "quantity:killed"). */
  fact: string;
  /** Its row label, for the reader. */
  label: string;
}

export interface Story {
  /**
   * "s" and a hash of its reports' ids: the same reports give the same id on
   * any machine and in any run; a report joining or leaving makes a new story.
   */
  id: string;
  /** A headline for it: that of the report most of the others are matched with. */
  title: string | null;
  /** Oldest first; undated reports last. */
  reports: StoryReport[];
  /** The days its dated reports agree on (consensusWindow), when any is dated. */
  dates: Window | null;
  /** Facts its reports give differing values for (see disputedFacts); 0 for a story of one report. */
  disputedFacts: number;
  disputed: DisputedFact[];
}

export interface GroupOptions {
  /**
   * Count the disputed facts (default true). It takes a full analysis of each
   * report of a story of two or more; grouping alone only queries the index.
   */
  disputes?: boolean;
  /** After each report is grouped, then after each is compared with its story: for a progress line. */
  onProgress?: (step: 'grouping' | 'comparing', done: number, total: number) => void;
}

/**
 * The rows of one report's comparison table where the reports of its story
 * give differing values, by the stances the engine wrote into the cells.
 * Only the columns of `members` count (the analysed report is column
 * "page"); the knowledge base column never counts as a report.
 *
 * - A row whose "kb" cell has a value is an office the record knows the
 *   holder of: every report's stance there is against the record, not
 *   against the other reports. It is disputed when the reports split, some
 *   "agree" and some "conflict". Reports that are all wrong the same way do
 *   not dispute each other; the findings say they are wrong.
 * - Any other row compares each report with the analysed one (the "page"
 *   cell is "unknown", the reference): one "conflict" means a report gives
 *   another value by the fact's own rule (a toll that grew between an early
 *   and a late report is "agree"). A row where the analysed report says
 *   nothing has only "unknown" stances and decides nothing here: the
 *   analysis of a report that does give a value decides it.
 */
export function disputedFacts(table: ComparisonTable, members: ReadonlySet<string>): DisputedFact[] {
  const out: DisputedFact[] = [];
  for (const row of table.rows) {
    const stances = Object.entries(row.cells)
      .filter(([column]) => column === 'page' || members.has(column))
      .map(([, cell]) => cell.stance);
    const byRecord = row.cells.kb?.value != null;
    const disputed = byRecord ? stances.includes('agree') && stances.includes('conflict') : stances.includes('conflict');
    if (disputed) out.push({ fact: row.fact, label: row.label });
  }
  return out;
}

/**
 * Groups `articles` (default: every report the engine holds) into stories,
 * largest first, then the most recent first (by the last day of their
 * dates; undated stories after dated ones), then by id. Reports of one
 * story are linked only through reports among `articles`.
 *
 * `from` is an engine holding the articles, or a knowledge base to build
 * one from `articles` alone.
 */
export function groupStories(from: Engine | KnowledgeBase, articles?: readonly Article[], options: GroupOptions = {}): Story[] {
  let engine: Engine;
  if (from instanceof Engine) engine = from;
  else if (articles) engine = new Engine(from, [...articles]);
  else throw new Error('groupStories: a knowledge base needs the articles to group');
  const ids = [...new Set(articles ? articles.map((a) => a.id) : engine.ids())];
  const at = new Map(ids.map((id, i) => [id, i]));
  for (const id of ids) if (!engine.get(id)) throw new Error(`groupStories: the engine holds no article "${id}"`);

  // Union-find over positions in `ids`, with path halving; a dozen lines need no library.
  const parent = ids.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  // Each report's partners in its story, whichever of the two analyses found the pair.
  const partners = ids.map(() => new Set<number>());
  ids.forEach((id, i) => {
    const links = engine.sameEventMatches(id);
    // A copy is the same report, unless its date tells another event (the same paragraphs a year on).
    const copy = links.copyOf && eventRelation(1, windowOf(engine.ownDate(id)), windowOf(engine.ownDate(links.copyOf))).relation === 'same-event' ? [links.copyOf] : [];
    for (const other of [...copy, ...links.matches.map((m) => m.articleId)]) {
      const j = at.get(other);
      if (j === undefined || j === i) continue;
      partners[i]!.add(j);
      partners[j]!.add(i);
      const a = find(i);
      const b = find(j);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
    options.onProgress?.('grouping', i + 1, ids.length);
  });

  const groups = new Map<number, number[]>();
  ids.forEach((_, i) => {
    const root = find(i);
    const list = groups.get(root);
    if (list) list.push(i);
    else groups.set(root, [i]);
  });

  const compared = { done: 0, total: options.disputes === false ? 0 : [...groups.values()].reduce((n, g) => n + (g.length > 1 ? g.length : 0), 0) };
  const stories: Story[] = [];
  for (const members of groups.values()) {
    const dates = new Map(members.map((i) => [i, windowOf(engine.ownDate(ids[i]!))]));
    const byDate = [...members].sort((x, y) => {
      const a = dates.get(x);
      const b = dates.get(y);
      if (a && b && a.from !== b.from) return a.from < b.from ? -1 : 1;
      if (!a !== !b) return a ? -1 : 1;
      const ox = engine.get(ids[x]!)!.outlet;
      const oy = engine.get(ids[y]!)!.outlet;
      return ox.localeCompare(oy) || (ids[x]! < ids[y]! ? -1 : ids[x]! > ids[y]! ? 1 : 0);
    });
    const reports: StoryReport[] = byDate.map((i) => {
      const a = engine.get(ids[i]!)!;
      const w = dates.get(i);
      return { id: a.id, outlet: a.outlet, url: a.url, title: a.title, date: w ? (w.from === w.to ? w.from : `${w.from}…${w.to}`) : null };
    });
    const headline = bestHeadline(byDate.map((i) => engine.get(ids[i]!)!), byDate.map((i) => partners[i]!.size));
    const window = consensusWindow([...dates.values()].filter((w): w is Window => w !== null));
    const disputed =
      members.length > 1 && options.disputes !== false
        ? storyDisputes(engine, members.map((i) => ids[i]!), () => options.onProgress?.('comparing', ++compared.done, compared.total))
        : [];
    const sortedIds = members.map((i) => ids[i]!).sort();
    stories.push({ id: `s${hash64(sortedIds.join('\n'))}`, title: headline, reports, dates: window, disputedFacts: disputed.length, disputed });
  }
  return stories.sort(
    (a, b) =>
      b.reports.length - a.reports.length ||
      (a.dates && b.dates ? (a.dates.to < b.dates.to ? 1 : a.dates.to > b.dates.to ? -1 : 0) : a.dates ? -1 : b.dates ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * The headline that tells the story: a headline's words recur in the other
 * reports, a page's section label ("WORLD"), a date line or an error page's
 * title do not. Each title scores the number of other reports that use each
 * of its content words (the story index's own terms); the report most of the
 * others are matched with wins a tie, then the oldest (reports come oldest first).
 */
function bestHeadline(reports: readonly Article[], links: readonly number[]): string | null {
  const terms = reports.map((a) => new Set(localTerms(a).keys()));
  let best: string | null = null;
  let bestScore = -1;
  let bestLinks = -1;
  reports.forEach((a, i) => {
    if (!a.title?.trim()) return;
    let score = 0;
    for (const t of localTerms({ title: a.title, blocks: [] }).keys()) score += terms.filter((set, j) => j !== i && set.has(t)).length;
    if (score > bestScore || (score === bestScore && links[i]! > bestLinks)) {
      best = a.title;
      bestScore = score;
      bestLinks = links[i]!;
    }
  });
  return best;
}

/** Facts the story's reports dispute: the union, by fact key, over the analysis of each of them against the corpus. */
function storyDisputes(engine: Engine, memberIds: string[], onEach: () => void): DisputedFact[] {
  const members = new Set(memberIds);
  const found = new Map<string, DisputedFact>();
  for (const id of memberIds) {
    const article = engine.get(id)!;
    const others = new Set([...members].filter((m) => m !== id));
    for (const d of disputedFacts(engine.analyse(article, { excludeId: id }).table, others)) if (!found.has(d.fact)) found.set(d.fact, d);
    onEach();
  }
  return [...found.values()].sort((a, b) => a.label.localeCompare(b.label) || (a.fact < b.fact ? -1 : 1));
}

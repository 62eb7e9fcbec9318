/**
 * `npm run judge`: the engine's judgment on the development sets, the way a
 * search team reads its relevance judgments. It prints the figures per
 * folder and every miss, false flag and unlabelled finding to read; writes
 * .bench-results/judge.json and the figures table in JUDGMENT.md; raises the
 * baseline where a figure got better; and exits 1 when one got worse.
 *
 *   npm run judge              run, print, write, ratchet
 *   npm run judge -- --check   run and compare only (npm test): JUDGMENT.md is left alone
 *   npm run judge -- --quiet   figures only, no list of pages
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractClaims } from '../../lib/claims/index';
import { readSeedArticles } from '../../lib/corpus/seeds-node';
import { Engine } from '../../lib/engine';
import { extractFromHtml } from '../../lib/extract/html-node';
import { loadKnowledgeBase } from '../../lib/kb/index';
import type { Analysis, Finding } from '../../lib/schema';
import { addYears } from '../../lib/compare/dating';
import { dateFromUrl } from '../../lib/extract/date';
import { CLUSTERS_DIR, plant, readClusters } from './clusters';
import { JUDGMENT_DIR, PAGES_DIR, ROOT, SEEDS_DIR, judgmentFolders, readLabelledPage, realPageFiles } from './dataset';
import { compareWithBaseline, raisedBaseline, readBaseline, replaceSection, writeBaseline, type FigureDef, type Figures } from './ratchet';
import { addToTally, claimSpan, emptyTally, scorePage, viewOf, type FindingView, type PageScore, type Tally } from './score';
import { REQUIRED, RIGHT } from './seed-labels';
import { readOwnPlanted } from './planted';

const args = new Set(process.argv.slice(2));
for (const a of args) if (!['--check', '--quiet'].includes(a)) throw new Error(`unknown argument ${a} (use --check, --quiet)`);
const CHECK = args.has('--check');
const QUIET = args.has('--quiet');
const COMMAND = 'npm run judge';
const JUDGMENT_MD = join(ROOT, 'JUDGMENT.md');

if (!existsSync(JUDGMENT_DIR)) {
  console.log(`judge: skipped: ${JUDGMENT_DIR} is absent (the development sets live in ../shared beside the checkout; CI always has them)`);
  process.exit(0);
}

const kb = loadKnowledgeBase();
const seeds = readSeedArticles(SEEDS_DIR);
const seedIds = new Set(seeds.map((s) => s.id));
const engine = new Engine(kb, seeds);
const takenForSeeds = (a: Analysis) => a.matched.some((m) => seedIds.has(m.articleId));

const fmt = (v: FindingView) => `[${v.kind}, ${v.severity}, ${Math.round(v.confidence * 100)}%] “${v.surface}” in “${clip(v.sentence, 140)}”`;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\s+/g, ' ');

interface FolderResult {
  folder: string;
  tally: Tally;
  /** Pages with a story label, analysed again with their date metadata removed: high-severity findings on words not labelled wrong. */
  undated: { pages: number; high: FindingView[]; files: string[] };
  story: Record<string, { pages: number; taken: number; files: string[] }>;
  pages: Array<{ file: string; date: string; score: PageScore; matched: Analysis['matched'] }>;
}

// ---------------------------------------------------------------------------
// ../shared/judgment

const folders: FolderResult[] = [];
for (const { folder, files } of judgmentFolders()) {
  const result: FolderResult = { folder, tally: emptyTally(), undated: { pages: 0, high: [], files: [] }, story: {}, pages: [] };
  for (const file of files) {
    const page = readLabelledPage(folder, file);
    const analysis = engine.analyse(page.article);
    const claims = extractClaims(page.article, kb).claims;
    const score = scorePage(page.label.text, page.blockStarts, page.label.mentions, analysis.findings, claims);
    addToTally(result.tally, score);
    if (page.label.story) {
      // Without its date metadata (what the address carries stays), a page of another event must not borrow the story's date into a high-severity finding.
      // (A finding on a mention labelled wrong, dated by the page's own words, is no fault.)
      const undated = engine.analyse({ ...page.article, publishedAt: dateFromUrl(page.article.url) });
      const undatedScore = scorePage(page.label.text, page.blockStarts, page.label.mentions, undated.findings);
      const high = [...undatedScore.mentions.filter((m) => m.verdict !== 'wrong').flatMap((m) => m.findings), ...undatedScore.unlabelled].filter((f) => f.severity === 'high');
      result.undated.pages++;
      result.undated.high.push(...high);
      if (high.length) result.undated.files.push(file);
      const s = (result.story[page.label.story] ??= { pages: 0, taken: 0, files: [] });
      s.pages++;
      if (takenForSeeds(analysis)) {
        s.taken++;
        s.files.push(file);
      }
    }
    result.pages.push({ file, date: page.label.date, score, matched: analysis.matched });
  }
  folders.push(result);
}

// ---------------------------------------------------------------------------
// ../shared/pages: real pages about nothing in the corpus

const realPages: Array<{ file: string; findings: FindingView[]; matched: number }> = [];
for (const file of realPageFiles()) {
  const article = extractFromHtml(readFileSync(join(PAGES_DIR, file), 'utf8'), `https://example.com/${file}`);
  const a = engine.analyse(article);
  realPages.push({ file, findings: a.findings.filter((f) => f.kind !== 'provenance').map(viewOf), matched: a.matched.length });
}

// ---------------------------------------------------------------------------
// ../shared/clusters: every report in one corpus beside the seeds

const clusterSets = readClusters();
const clusterEngine = new Engine(kb, [...seeds, ...clusterSets.flatMap((c) => c.reports.map((r) => r.article))]);
const clusterOf = new Map(clusterSets.flatMap((c) => c.reports.map((r) => [r.article.id, c.cluster] as const)));
const clusterReports = clusterSets.flatMap((c) =>
  c.reports.map((r) => {
    const a = clusterEngine.analyse(r.article, { excludeId: r.article.id });
    const mates = a.matched.filter((m) => clusterOf.get(m.articleId) === c.cluster).length;
    const strays = a.matched.filter((m) => clusterOf.get(m.articleId) !== c.cluster).map((m) => m.articleId);
    // A synthetic near miss: the same report dated a year later tells another event.
    const later = addYears(r.article.publishedAt!.from, 1);
    const moved = clusterEngine.analyse({ ...r.article, url: `${r.article.url}#a-year-later`, publishedAt: { from: later, to: later, source: 'meta', evidence: later } }, { excludeId: r.article.id });
    const nearMiss = moved.matched.filter((m) => clusterOf.get(m.articleId) === c.cluster).length;
    return { id: r.article.id, mates, of: c.reports.length - 1, strays, nearMiss, findings: a.findings.filter((f) => f.kind !== 'provenance').map(viewOf) };
  }),
);

/** A planted change's verdict: the finding on the changed words that cites the most other reports, flagged when it cites two. */
function changeVerdict(a: Analysis, hits: (f: Finding) => boolean, mate: (articleId: string) => boolean): { flagged: boolean; cited: number; finding: FindingView | null } {
  const citing = (f: Finding) => new Set(f.evidence.filter((e) => e.stance === 'conflict' && mate(e.article)).map((e) => e.article)).size;
  const best = a.findings.filter((f) => f.kind !== 'provenance' && hits(f)).sort((x, y) => citing(y) - citing(x))[0];
  return { flagged: !!best && citing(best) >= 2, cited: best ? citing(best) : 0, finding: best ? viewOf(best) : null };
}

// Each planted change, in its report, against the unchanged others: is the changed sentence flagged, citing two of them?
const plantedResults = clusterSets.flatMap((c) =>
  c.mutations.map((mutation) => {
    const report = c.reports.find((r) => r.name === mutation.report);
    const planted = report ? plant(report, mutation) : `${c.cluster}: no report ${mutation.report}`;
    if (typeof planted === 'string') return { id: `${c.cluster}/${mutation.report}`, mutation, error: planted, mates: 0, of: 0, flagged: false, cited: 0, finding: null as FindingView | null };
    const a = clusterEngine.analyse(planted.article, { excludeId: report!.article.id });
    const onChange = (f: Finding) => {
      const span = claimSpan(f, planted.blockStarts);
      return !!span && span.start < planted.at.end && planted.at.start < span.end;
    };
    const mates = a.matched.filter((m) => clusterOf.get(m.articleId) === c.cluster).length;
    return { id: `${c.cluster}/${mutation.report}`, mutation, error: null, mates, of: c.reports.length - 1, ...changeVerdict(a, onChange, (id) => clusterOf.get(id) === c.cluster) };
  }),
);

// Our own planted changes (scripts/judge/planted.json), on the clusters and the seeds, one per slot kind at least.
const ownPlanted = readOwnPlanted(clusterSets, SEEDS_DIR, seeds).map((p) => {
  if (!p.article) return { id: p.id, kind: p.kind, fact: p.fact, phrase: p.phrase, replacement: p.replacement, error: p.error, flagged: false, cited: 0, finding: null as FindingView | null };
  const a = clusterEngine.analyse(p.article, { excludeId: p.excludeId });
  return { id: p.id, kind: p.kind, fact: p.fact, phrase: p.phrase, replacement: p.replacement, error: null, ...changeVerdict(a, p.hits, p.mate) };
});
const ownByKind = new Map<string, { flagged: number; of: number }>();
for (const p of ownPlanted) {
  const k = ownByKind.get(p.kind) ?? { flagged: 0, of: 0 };
  k.of++;
  if (p.flagged) k.flagged++;
  ownByKind.set(p.kind, k);
}

// ---------------------------------------------------------------------------
// The seeds, each against the other four

const seedAnalyses = new Map<string, Analysis>();
for (const s of seeds) seedAnalyses.set(s.id.slice(0, 3), engine.analyse(s, { excludeId: s.id }));
const seedFindings = (prefix: string): Finding[] => seedAnalyses.get(prefix)?.findings ?? [];
const seedPairs = [...seedAnalyses.values()].reduce((n, a) => n + a.matched.filter((m) => seedIds.has(m.articleId)).length, 0);
const required = REQUIRED.map((r) => ({
  ...r,
  met: seedFindings(r.seed).some((f) => f.sentence.text.includes(r.words) && r.kinds.includes(f.kind) && (!r.signal || f.claim?.signal === r.signal)),
}));
const onRight = RIGHT.flatMap((r) =>
  seedFindings(r.seed)
    .filter((f) => f.kind !== 'provenance' && f.sentence.text.includes(r.words))
    .map((f) => ({ seed: r.seed, view: viewOf(f) })),
);

// ---------------------------------------------------------------------------
// Figures

const DEFS: FigureDef[] = [];
const figures: Figures = {};
const def = (key: string, label: string, better: 'higher' | 'lower', value: number) => {
  DEFS.push({ key, label, better });
  figures[key] = value;
};
const total = emptyTally();
for (const f of folders) {
  const t = f.tally;
  for (const k of Object.keys(total) as Array<keyof Tally>) total[k] += t[k];
  def(`${f.folder}.wrongFlagged`, `${f.folder}/ wrong mentions flagged`, 'higher', t.wrongFlagged);
  def(`${f.folder}.correctFlagged`, `${f.folder}/ correct mentions flagged`, 'lower', t.correctFlagged);
  def(`${f.folder}.honorificHigh`, `${f.folder}/ honorific mentions flagged at high severity`, 'lower', t.honorificHigh);
  def(`${f.folder}.read`, `${f.folder}/ labelled mentions read as office claims`, 'higher', t.read);
  for (const story of ['other-event', 'unrelated'] as const) {
    const s = f.story[story];
    if (s) def(`${f.folder}.${story}Taken`, `${f.folder}/ ${story} pages taken for the seeded story`, 'lower', s.taken);
  }
  if (f.undated.pages) def(`${f.folder}.undatedHigh`, `${f.folder}/ high-severity findings with date metadata removed`, 'lower', f.undated.high.length);
}
def('pages.findings', 'pages/ findings (provenance aside)', 'lower', realPages.reduce((n, p) => n + p.findings.length, 0));
def('pages.matched', 'pages/ pages matched to a corpus story', 'lower', realPages.filter((p) => p.matched > 0).length);
if (clusterReports.length) {
  def('clusters.twoMates', 'clusters/ reports matching at least two cluster-mates', 'higher', clusterReports.filter((r) => r.mates >= 2).length);
  def('clusters.mates', 'clusters/ cluster-mates matched, over every report (of all pairs)', 'higher', clusterReports.reduce((n, r) => n + r.mates, 0));
  def('clusters.strays', 'clusters/ matches to a report of another cluster', 'lower', clusterReports.reduce((n, r) => n + r.strays.length, 0));
  def('clusters.nearMisses', 'clusters/ reports dated a year later still matched to their cluster', 'lower', clusterReports.filter((r) => r.nearMiss > 0).length);
  def('clusters.findings', 'clusters/ findings on unchanged reports (provenance aside)', 'lower', clusterReports.reduce((n, r) => n + r.findings.length, 0));
  def('clusters.planted', 'clusters/ planted changes flagged, citing two other reports', 'higher', plantedResults.filter((p) => p.flagged).length);
  def('clusters.plantedMates', 'clusters/ cluster-mates matched by the reports with a planted change', 'higher', plantedResults.reduce((n, p) => n + p.mates, 0));
}
def('own.planted', 'our planted changes (scripts/judge/planted.json) flagged, citing two other reports', 'higher', ownPlanted.filter((p) => p.flagged).length);
def('seeds.pairs', 'seeds: seeds matched by another seed (of 20)', 'higher', seedPairs);
def('seeds.required', 'seeds: required findings made', 'higher', required.filter((r) => r.met).length);
def('seeds.onRight', 'seeds: findings on right sentences', 'lower', onRight.length);

const baselineText = existsSync(JUDGMENT_MD) ? readFileSync(JUDGMENT_MD, 'utf8') : '';
const baseline = readBaseline(baselineText);
const cmp = compareWithBaseline(DEFS, figures, baseline);

// ---------------------------------------------------------------------------
// Report

const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)}%` : '–');
const lines: string[] = [];
const say = (s = '') => lines.push(s);

for (const f of folders) {
  const t = f.tally;
  say(`judgment ${f.folder}/ (${t.pages} pages): wrong flagged ${t.wrongFlagged}/${t.wrong} (${pct(t.wrongFlagged, t.wrong)}) · correct flagged ${t.correctFlagged}/${t.correct} · honorific flagged ${t.honorificFlagged}/${t.honorific}, ${t.honorificHigh} at high severity · unlabelled findings ${t.unlabelled} · mentions read ${t.read}/${t.mentions}`);
  for (const [story, s] of Object.entries(f.story)) say(`  ${story}: ${s.taken} of ${s.pages} pages taken for the seeded story${s.files.length ? ` (${s.files.join(', ')})` : ''}`);
  if (f.undated.pages) say(`  with date metadata removed: ${f.undated.high.length} high-severity findings on ${f.undated.pages} pages${f.undated.files.length ? ` (${f.undated.files.join(', ')})` : ''}`);
  if (!QUIET) for (const v of f.undated.high) say(`  UNDATED   ${fmt(v)}`);
  if (t.unfound) say(`  ${t.unfound} labelled phrase(s) not found in their page text`);
  if (QUIET) continue;
  for (const p of f.pages) {
    for (const m of p.score.mentions) {
      if (!m.at.length) say(`  UNFOUND   ${f.folder}/${p.file}: “${clip(m.phrase, 80)}”`);
      else if (!m.read) say(`  unread    ${f.folder}/${p.file} (${p.date}): “${clip(m.phrase, 80)}” (${m.verdict})`);
      if (m.verdict === 'wrong' && !m.findings.length) say(`  MISS      ${f.folder}/${p.file} (${p.date}): “${clip(m.phrase, 80)}” — ${m.why}`);
      if (m.verdict === 'correct') for (const v of m.findings) say(`  FALSE     ${f.folder}/${p.file} (${p.date}): “${clip(m.phrase, 80)}” ${fmt(v)}`);
      if (m.verdict === 'honorific') for (const v of m.findings) say(`  ${v.severity === 'high' ? 'HONOR-HIGH' : 'honorific '} ${f.folder}/${p.file} (${p.date}): “${clip(m.phrase, 80)}” ${fmt(v)}`);
    }
    for (const v of p.score.unlabelled) say(`  UNLABELLED ${f.folder}/${p.file} (${p.date}): ${fmt(v)}`);
  }
}
say(`judgment total: wrong flagged ${total.wrongFlagged}/${total.wrong} (${pct(total.wrongFlagged, total.wrong)}) · correct flagged ${total.correctFlagged}/${total.correct} · honorific at high severity ${total.honorificHigh}/${total.honorific} · unlabelled findings ${total.unlabelled}`);
say(`pages/ (${realPages.length} pages): ${figures['pages.findings']} findings, ${figures['pages.matched']} pages matched to a story`);
if (!QUIET) for (const p of realPages) for (const v of p.findings) say(`  PAGE      ${p.file}: ${fmt(v)}`);
if (!realPages.length) say(`  (skipped: ${PAGES_DIR} is absent)`);
if (clusterReports.length) {
  say(`clusters/ (${clusterSets.length} events, ${clusterReports.length} reports): ${figures['clusters.twoMates']} reports match at least two cluster-mates · ${figures['clusters.mates']} of ${clusterReports.reduce((n, r) => n + r.of, 0)} cluster-mates matched · ${figures['clusters.strays']} matches to another cluster · ${figures['clusters.nearMisses']} still matched when dated a year later · ${figures['clusters.findings']} findings on unchanged reports`);
  say(`  planted changes: ${figures['clusters.planted']} of ${plantedResults.length} flagged citing at least two other reports · their reports matched ${figures['clusters.plantedMates']} of ${plantedResults.reduce((n, p) => n + p.of, 0)} cluster-mates`);
  if (!QUIET) {
    for (const p of plantedResults) {
      if (p.error) say(`  UNPLANTED ${p.error}`);
      else if (!p.flagged) say(`  NOT FLAGGED ${p.id}: “${p.mutation.phrase}” → “${p.mutation.replacement}” (${p.mutation.fact ?? ''})${p.finding ? ` — only ${fmt(p.finding)}, citing ${p.cited}` : ''}`);
    }
    for (const r of clusterReports) {
      if (r.mates < 2) say(`  FEW MATES ${r.id}: ${r.mates} of ${r.of}`);
      for (const x of r.strays) say(`  STRAY     ${r.id} → ${x}`);
      for (const v of r.findings) say(`  CLUSTER   ${r.id}: ${fmt(v)}`);
    }
  }
} else say(`clusters/: skipped (${CLUSTERS_DIR} is absent)`);
say(`our planted changes (scripts/judge/planted.json): ${figures['own.planted']} of ${ownPlanted.length} flagged citing at least two other reports · by kind: ${[...ownByKind].map(([k, v]) => `${k} ${v.flagged}/${v.of}`).join(', ')}`);
if (!QUIET) {
  for (const p of ownPlanted) {
    if (p.error) say(`  UNPLANTED ${p.error}`);
    else if (!p.flagged) say(`  NOT FLAGGED ${p.id} [${p.kind}]: “${p.phrase}” → “${p.replacement}” (${p.fact})${p.finding ? ` — only ${fmt(p.finding)}, citing ${p.cited}` : ''}`);
  }
}
say(`seeds: ${seedPairs} of 20 seed pairs matched · ${figures['seeds.required']} of ${required.length} required findings · ${onRight.length} findings on right sentences`);
for (const r of required) if (!r.met) say(`  MISSING   ${r.label}`);
for (const r of onRight) say(`  FALSE     seed ${r.seed}: ${fmt(r.view)}`);

for (const w of cmp.worse) say(`WORSE than the baseline in JUDGMENT.md: ${w.label}: ${w.now} (baseline ${w.baseline})`);
for (const b of cmp.better) say(`better than the baseline: ${b.label}: ${b.now} (baseline ${b.baseline})${CHECK ? ' — run `npm run judge` to raise it' : ', baseline raised'}`);
console.log(lines.join('\n'));

mkdirSync(join(ROOT, '.bench-results'), { recursive: true });
writeFileSync(
  join(ROOT, '.bench-results', 'judge.json'),
  `${JSON.stringify({ command: COMMAND, figures, baseline, worse: cmp.worse, folders, realPages, clusters: clusterReports, planted: plantedResults, ownPlanted, seeds: { pairs: seedPairs, required, onRight } }, null, 2)}\n`,
);

if (!CHECK) {
  let md = baselineText || '# Judgment\n';
  md = replaceSection(md, 'now', figuresTable());
  // Only a run with nothing worse may move the baseline, and only up.
  md = writeBaseline(md, cmp.worse.length ? baseline : raisedBaseline(DEFS, figures, baseline));
  writeFileSync(JUDGMENT_MD, md);
}
process.exit(cmp.worse.length ? 1 : 0);

function figuresTable(): string {
  const rows = [
    `Made by \`${COMMAND}\` on the development sets (\`../shared/judgment\`: ${folders.map((f) => `${f.folder}/ ${f.tally.pages}`).join(', ')} pages; \`../shared/pages\`: ${realPages.length}; seeds: ${seeds.length}).`,
    '',
    '| set | wrong mentions flagged | correct mentions flagged | honorific flagged at high severity | unlabelled findings | mentions read as claims |',
    '| :-- | --: | --: | --: | --: | --: |',
    ...folders.map((f) => {
      const t = f.tally;
      return `| ${f.folder}/ | ${t.wrongFlagged} of ${t.wrong} | ${t.correctFlagged} of ${t.correct} | ${t.honorificHigh} of ${t.honorific} | ${t.unlabelled} | ${t.read} of ${t.mentions} |`;
    }),
    `| **all** | **${total.wrongFlagged} of ${total.wrong} (${pct(total.wrongFlagged, total.wrong)})** | **${total.correctFlagged} of ${total.correct}** | **${total.honorificHigh} of ${total.honorific}** | **${total.unlabelled}** | **${total.read} of ${total.mentions}** |`,
    '',
    '| story matching (`c/`) | pages | taken for the seeded story |',
    '| :-- | --: | --: |',
    ...folders.flatMap((f) => Object.entries(f.story).map(([story, s]) => `| ${f.folder}/ ${story} | ${s.pages} | ${s.taken} |`)),
    '',
    ...folders.filter((f) => f.undated.pages).map((f) => `| ${f.folder}/ with date metadata removed: high-severity findings | ${f.undated.pages} | ${f.undated.high.length} |`),
    '',
    clusterReports.length
      ? `\`../shared/clusters\` (${clusterSets.length} events, ${clusterReports.length} reports, all in one corpus with the seeds): planted changes flagged citing at least two other reports: **${figures['clusters.planted']} of ${plantedResults.length}**; ${figures['clusters.twoMates']} reports match at least two cluster-mates, ${figures['clusters.mates']} of ${clusterReports.reduce((n, r) => n + r.of, 0)} cluster-mates matched in all, ${figures['clusters.strays']} matches to another cluster's report, ${figures['clusters.nearMisses']} still matched to their cluster when dated a year later, ${figures['clusters.findings']} findings on the unchanged reports.`
      : '`../shared/clusters`: absent.',
    '',
    `Our planted changes (\`scripts/judge/planted.json\`, on the clusters and the seeds): **${figures['own.planted']} of ${ownPlanted.length}** flagged citing at least two other reports; by kind: ${[...ownByKind].map(([k, v]) => `${k} ${v.flagged} of ${v.of}`).join(', ')}.`,
    '',
    `\`../shared/pages\`: ${figures['pages.findings']} findings (provenance aside), ${figures['pages.matched']} pages matched to a story. Seeds: ${seedPairs} of 20 seed pairs matched, ${figures['seeds.required']} of ${required.length} required findings, ${onRight.length} findings on right sentences.`,
  ];
  return rows.join('\n');
}


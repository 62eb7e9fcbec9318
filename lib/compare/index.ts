/**
 * Compare stage: a page's claims against the knowledge base on its date, the
 * matched reports of the same story, and its own other sentences → findings
 * with evidence, and the source-comparison table.
 *
 * Counting sources is not enough: sources are weighted by provenance and by
 * their own errors, and a conflict with the knowledge base on a known date
 * outweighs any number of agreeing sources.
 */
import { checkOfficeClaim, kbDescribeDate, officeById } from '../kb/index';
import type { KnowledgeBase } from '../kb/schema';
import { placesAgree, SIGNAL_LABELS, type SignalName } from '../claims/index';
import { gazetteer } from '../claims/places';
import { CLOSE_DAYS } from '../corpus/event';
import type { Claim, ComparisonTable, DatedAs, Evidence, Finding, FindingKind } from '../schema';
import { addDays, dateFromStory, pointOf, rangesOverlap } from './dating';
import {
  checkAgainstKb,
  crossSourceEvidence,
  describeDate,
  describeOfficeClaim,
  isAboutNow,
  officeStance,
  ownClaimsWindow,
  type OfficeCheck,
} from './offices';
import { compareSlots } from './slots';
import { weighSource, weightNote, type Source, type Weighing } from './source';
import { buildTable } from './table';
import { findingFor } from './finding';

export interface CompareResult {
  publishedAt: DatedAs | null;
  findings: Finding[];
  table: ComparisonTable;
  weights: Map<string, Weighing>;
}

const PROVENANCE: Record<string, { severity: Finding['severity']; confidence: number; text: string }> = {
  'ai-author': { severity: 'high', confidence: 0.9, text: 'The byline says this report was written by an AI, not a reporter: nobody vouches for what it says.' },
  'llm-prompt': {
    severity: 'high',
    confidence: 0.9,
    text: 'This is an instruction to an AI language model (a writing prompt) left in the page: the text around it was probably generated, not reported.',
  },
  'tts-widget': {
    severity: 'low',
    confidence: 0.6,
    text: 'A generated-audio widget on a page that also shows signs of being written by a machine. Reputable sites have such players too: on its own it is not an error.',
  },
};

/** The date each source is compared on: its own, else the story's. */
function effectiveDate(source: Source, story: DatedAs | null): DatedAs | null {
  return source.ownDate ?? story;
}

export function compareArticle(kb: KnowledgeBase, page: Source, others: Source[]): CompareResult {
  const storyDate = dateFromStory(others.map((o) => o.ownDate));
  const pageDate = page.ownDate ?? (storyDate ? { ...storyDate } : null);
  const findings: Finding[] = [];
  const add = (f: Finding | null) => {
    if (!f || findings.some((g) => g.id === f.id)) return;
    // A page that repeats a sentence (a caption under a photo, a standfirst) makes the same claim once, not twice.
    const twin = findings.findIndex((g) => sameClaimRepeated(g, f));
    if (twin < 0) findings.push(f);
    else if (isCaption(page, findings[twin]!) && !isCaption(page, f)) findings[twin] = f;
  };

  // Each source's own record against the knowledge base, for weighing it.
  const weights = new Map<string, Weighing>();
  const checksBySource = new Map<string, OfficeCheck[]>();
  for (const s of [page, ...others]) {
    const d = s === page ? pageDate : effectiveDate(s, storyDate);
    const checks = markHistory(kb, s.claims.claims.filter((c) => c.type === 'office').map((c) => checkAgainstKb(kb, c, d)), d);
    checksBySource.set(s.id, checks);
    // Errors on a date borrowed from the story count too (a president who never held office is wrong on any date), a little less.
    const conflicts = checks.filter((c) => c.kb?.verdict === 'conflict').length;
    weights.set(
      s.id,
      weighSource(s, { kbConflicts: s.ownDate ? conflicts : 0, kbConflictsBorrowed: s.ownDate ? 0 : conflicts, internal: internalConflicts(checks).length }),
    );
  }

  // Provenance: what the page says about how it was made.
  const promptSentences = new Set(page.claims.claims.filter((c) => c.signal === 'llm-prompt').map((c) => `${c.sentence.block}:${c.sentence.start}`));
  // "Listen to this article" is common on reputable sites: alone it is a note on the source (popup), not a
  // highlight; beside a generation signal (an AI byline, a leaked prompt) it is one more mark of a generated page.
  const generated = page.claims.claims.some((c) => c.signal === 'ai-author' || c.signal === 'llm-prompt');
  for (const c of page.claims.claims) {
    if (c.type !== 'provenance' || !c.signal) continue;
    if (c.signal === 'tts-widget' && !generated) continue;
    // A leaked prompt that calls its author an AI journalist is one finding, not two.
    if (c.signal === 'ai-author' && promptSentences.has(`${c.sentence.block}:${c.sentence.start}`)) continue;
    const p = PROVENANCE[c.signal];
    if (!p) continue;
    add(findingFor(page, c, 'provenance', p.severity, p.confidence, [], `${p.text}`));
  }

  // Offices.
  const pageChecks = checksBySource.get(page.id) ?? [];
  const window = page.ownDate ? null : ownClaimsWindow(kb, pageChecks);
  const olderReport = !!(window && storyDate && !rangesOverlap(window, storyDate, 0));
  let saidOlder = false;
  for (const check of pageChecks) {
    const { claim } = check;
    if (check.history || check.honorific) continue;
    const office = check.officeIds[0] ? officeById(kb, check.officeIds[0]) : null;
    const title = office?.title ?? 'office holder';
    const evidence = isAboutNow(claim) ? crossSourceEvidence(claim, others, pageDate, storyDate) : [];
    const conflictsWeight = evidence.filter((e) => e.stance === 'conflict').reduce((w, e) => w + (weights.get(e.article)?.weight ?? 1), 0);
    const agreeWeight = evidence.filter((e) => e.stance === 'agree').reduce((w, e) => w + (weights.get(e.article)?.weight ?? 1), 0);
    const says = describeOfficeClaim(claim, title);

    if (check.kb?.verdict === 'conflict' && pageDate) {
      const kbEvidence = recordEvidence(kb, check);
      const borrowed = pageDate.source === 'story';
      if (borrowed && olderReport) {
        // Said once for the page: that it is probably an older report is one thing, not one per claim.
        if (!saidOlder) {
          saidOlder = true;
          add(
            findingFor(page, claim, 'disputed', 'medium', 0.55, [kbEvidence, ...evidence],
              `This report ${says}. It has no date of its own, and the other reports of this story are from ${describeWhen(pageDate)}, when that was not so: ${lowerFirst(check.kb.reason)} But everything it says about office holders fits ${describeWindow(window!)}, so it is probably an older report.`),
          );
        }
      } else if (borrowed && rightAtSomeTime(kb, check, window)) {
        // Dated only by the reports it matches, and right at some other time its own words allow: say so, less surely.
        add(
          findingFor(page, claim, 'knowledge-conflict', 'medium', 0.6, [kbEvidence, ...evidence],
            `This report ${says}, but ${lowerFirst(check.kb.reason)} It has no date of its own and is dated by the other reports of the story (${describeWhen(pageDate)}); at another time the claim was true, so if the report is older it may be right.`),
        );
      } else {
        // Past the record's end the verdict rests on a fixed term or on someone having left before it: less sure.
        const presumed = check.kb.presumed;
        const base = borrowed ? 0.7 : pageDate.source === 'text-cue' ? 0.85 : 0.92;
        const confidence = presumed === 'term-runs' || presumed === 'others-term-runs' ? Math.min(base, 0.8) : presumed === 'left-before-end' ? Math.min(base, 0.6) : base;
        add(
          findingFor(page, claim, 'knowledge-conflict', presumed === 'left-before-end' ? 'medium' : 'high', confidence, [kbEvidence, ...evidence],
            `This report ${says}, but ${lowerFirst(check.kb.reason)} Date: ${describeDate(pageDate)}.`),
        );
      }
    } else if (check.kb?.verdict !== 'confirmed' && conflictsWeight > agreeWeight + (weights.get(page.id)?.weight ?? 1) * 0.5) {
      // The record cannot decide: go by the weighted word of the other reports.
      const outlets = evidence.filter((e) => e.stance === 'conflict').map((e) => e.outlet);
      const strong = outlets.length >= 2 && conflictsWeight >= 1.5;
      add(
        findingFor(page, claim, strong ? 'contradiction' : 'disputed', strong ? 'medium' : 'low', strong ? 0.65 : 0.5, evidence,
          `This report ${says}; ${outlets.length} other report${outlets.length > 1 ? 's' : ''} of the same story (${outlets.join(', ')}) say otherwise.`),
      );
    } else if (claim.qualifier === 'current' && check.kb?.verdict !== 'confirmed' && olderReport && evidence.some((e) => e.stance === 'conflict')) {
      add(
        findingFor(page, claim, 'disputed', 'low', 0.5, evidence,
          `This report ${says}, while other reports of the same story name someone else. It may be an older report: what it says of office holders fits ${describeWindow(window!)}.`),
      );
    }
  }

  // Internal inconsistency: the page disagrees with itself about one office.
  for (const [a, others_] of internalConflicts(pageChecks)) {
    const evidence: Evidence[] = others_.map((b) => ({
      article: 'self',
      outlet: page.outlet,
      url: page.url,
      quote: b.sentence.text,
      value: b.value,
      stance: 'conflict',
      note: null,
    }));
    const office = officeById(kb, `${a.fact.slice('office:'.length)}`)?.title ?? 'the office';
    add(
      findingFor(page, a, 'internal-inconsistency', 'medium', 0.8, evidence,
        `This sentence ${describeOfficeClaim(a, office === 'the office' ? 'office holder' : office)}, but elsewhere the same report ${others_.map((b) => `says “${b.surface}”`).join(' and ')}.`),
    );
  }

  // Venue and counted quantities: no record to consult, so the reports' weighted word decides.
  compareVenues(kb, page, others, pageDate, storyDate, weights, add);
  // Figures, dates, places and people in a role, sentence by aligned sentence.
  const slots = compareSlots(kb, page, others, (s) => (s === page ? pageDate : effectiveDate(s, storyDate)), weights);
  for (const f of slots.findings) add(f);

  // Beside each source's evidence, why its word counted for little, when it did.
  const noted = findings.map((f) => ({ ...f, evidence: f.evidence.map((e) => ({ ...e, note: weightNote(weights.get(e.article)) })) }));
  const built = buildTable(kb, page, others, checksBySource, weights, pageDate, storyDate);
  const table = { columns: built.columns, rows: [...built.rows, ...slots.rows.filter((r) => Object.keys(r.cells).length > 2)] };
  return { publishedAt: pageDate, findings: sortFindings(noted), table, weights };
}

/**
 * Whether an office claim was true on some day of the window the page's own
 * claims allow (or, without one, of the knowledge base's whole record).
 */
function rightAtSomeTime(kb: KnowledgeBase, check: OfficeCheck, window: { from: string; to: string } | null): boolean {
  const { claim } = check;
  if (!claim.person || !claim.qualifier || !check.officeIds.length) return false;
  const from = window && window.from > kb.coverageFrom ? window.from : kb.coverageFrom;
  const to = window && window.to < kb.currentTo ? window.to : kb.currentTo;
  if (from > to) return false;
  // Over a range the record answers "conflict" only when the claim is false on every day of it.
  return checkOfficeClaim(kb, { personId: claim.person, officeIds: check.officeIds, qualifier: claim.qualifier, date: { from, to } }).verdict !== 'conflict';
}

/** The knowledge base's own record as evidence: who held the office, since when, and where that is written. */
function recordEvidence(kb: KnowledgeBase, check: OfficeCheck): Evidence {
  const actual = check.kb?.actual ?? [];
  const first = actual[0];
  const holder = first ? officeById(kb, first.officeId)?.holders.find((h) => h.person === first.personId && h.from === first.from) : undefined;
  const title = first ? officeById(kb, first.officeId)?.title : undefined;
  const names = [...new Set(actual.map((a) => a.name))];
  const quote = first
    ? `${first.name}: ${title ?? 'office holder'} from ${kbDescribeDate(first.from)}${first.to ? ` to ${kbDescribeDate(first.to)}` : ''}.`
    : (check.kb?.reason ?? '');
  return { article: 'kb', outlet: 'Knowledge base', url: holder?.source ?? '', quote, value: names.join(', ') || 'someone else', stance: 'conflict', note: null };
}

function describeWhen(d: DatedAs): string {
  return d.from === d.to ? kbDescribeDate(d.from) : `around ${kbDescribeDate(pointOf(d))}`;
}

function describeWindow(w: { from: string; to: string }): string {
  return w.to >= '9999-01-01' ? `the time since ${kbDescribeDate(w.from)}` : `${kbDescribeDate(w.from)} to ${kbDescribeDate(w.to)}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * Office claims in one article that cannot all be true together, minority
 * side first. A claim the record confirms on the article's date is not the
 * one to flag, and a title kept by custom ("President X" beside "former
 * President X") is no claim about now.
 */
export function internalConflicts(checks: OfficeCheck[]): Array<[Claim, Claim[]]> {
  const offices = checks.filter((c) => c.claim.person && isAboutNow(c.claim) && !c.honorific && !c.history);
  const out: Array<[Claim, Claim[]]> = [];
  for (const a of offices) {
    if (a.kb?.verdict === 'confirmed') continue;
    const same = (b: OfficeCheck) => b.claim.fact === a.claim.fact && b.claim.person === a.claim.person;
    const against = offices.filter((b) => b !== a && same(b) && officeStance(a.claim, b.claim) === 'conflict');
    if (!against.length) continue;
    const sameSide = offices.filter((b) => same(b) && officeStance(a.claim, b.claim) === 'agree').length;
    // Flag the side with fewer mentions; on a tie flag both.
    if (sameSide <= against.length) out.push([a.claim, against.map((b) => b.claim)]);
  }
  return out;
}

/**
 * A sentence whose office claims are none of them true on the article's date
 * but all hold together in a window that ended more than a year before it
 * ("Vice President Quell … decisions made by President Varga", years after both left office) tells
 * history: its claims are not judged against the article's date.
 */
function markHistory(kb: KnowledgeBase, checks: OfficeCheck[], date: DatedAs | null): OfficeCheck[] {
  if (!date) return checks;
  const bySentence = new Map<string, OfficeCheck[]>();
  for (const c of checks) {
    if (c.claim.qualifier !== 'current' || !isAboutNow(c.claim) || !c.kb) continue;
    const key = `${c.claim.sentence.block}:${c.claim.sentence.start}`;
    bySentence.set(key, [...(bySentence.get(key) ?? []), c]);
  }
  const cutoff = addDays(date.from, -365);
  for (const group of bySentence.values()) {
    // Only when none of them is true on the article's date: a stale title beside a current one is an error, not history.
    if (group.length < 2 || !group.every((c) => c.kb?.verdict === 'conflict' || c.honorific)) continue;
    const window = ownClaimsWindow(kb, group);
    if (window && window.to < cutoff) for (const c of group) c.history = window;
  }
  return checks;
}

function compareVenues(
  kb: KnowledgeBase,
  page: Source,
  others: Source[],
  pageDate: DatedAs | null,
  storyDate: DatedAs | null,
  weights: Map<string, Weighing>,
  add: (f: Finding | null) => void,
) {
  const g = gazetteer(kb);
  const pageVenues = page.claims.claims.filter((c) => c.type === 'venue');
  for (const claim of pageVenues) {
    const place = g.get(claim.value.toLowerCase());
    if (!place) continue;
    const evidence: Evidence[] = [];
    let against = 0;
    let withIt = weights.get(page.id)?.weight ?? 1;
    for (const s of others) {
      const sDate = s.ownDate ?? storyDate;
      if (pageDate && sDate && !rangesOverlap(pageDate, sDate, CLOSE_DAYS)) continue;
      const venues = s.claims.claims.filter((c) => c.type === 'venue');
      if (!venues.length) continue;
      const agreeing = venues.find((v) => {
        const p = g.get(v.value.toLowerCase());
        return p && placesAgree(p, place);
      });
      const w = weights.get(s.id)?.weight ?? 1;
      const pick = agreeing ?? venues[0]!;
      evidence.push({ article: s.id, outlet: s.outlet, url: s.url, quote: pick.sentence.text, value: pick.value, stance: agreeing ? 'agree' : 'conflict', note: null });
      if (agreeing) withIt += w;
      else against += w;
    }
    const conflicting = evidence.filter((e) => e.stance === 'conflict');
    if (conflicting.length >= 2 && against > withIt) {
      const values = [...new Set(conflicting.map((e) => e.value))].join(' or ');
      add(
        findingFor(page, claim, 'disputed', 'low', 0.5, evidence,
          `This report places the talks in ${claim.value}; ${conflicting.length} other reports of the same story place them in ${values}.`),
      );
    }
  }
}

const KIND_ORDER: FindingKind[] = ['knowledge-conflict', 'contradiction', 'internal-inconsistency', 'disputed', 'provenance'];

function sameClaimRepeated(a: Finding, b: Finding): boolean {
  return a.kind === b.kind && a.sentence.text === b.sentence.text && a.claim?.fact === b.claim?.fact && a.claim?.value === b.claim?.value;
}

const isCaption = (page: Source, f: Finding): boolean => page.article.blocks[f.sentence.block]?.kind === 'caption';

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.sentence.block - b.sentence.block || a.sentence.start - b.sentence.start || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

export { SIGNAL_LABELS, type SignalName };

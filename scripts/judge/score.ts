/**
 * Scoring one analysed page against its labels. Pure: the page's text, where
 * each block sits in it, the labels and the findings go in; what was flagged,
 * missed and flagged without a label comes out. A finding counts against a
 * labelled mention only when the words its claim was read from overlap the
 * labelled phrase, not merely its sentence (one sentence can hold a wrong and
 * a right mention side by side).
 */
import type { Claim, Finding } from '../../lib/schema';

export type Verdict = 'wrong' | 'correct' | 'honorific';

export interface Mention {
  phrase: string;
  verdict: Verdict;
  why: string;
}

export interface Span {
  start: number;
  end: number;
}

export interface FindingView {
  kind: Finding['kind'];
  severity: Finding['severity'];
  confidence: number;
  surface: string;
  sentence: string;
  explanation: string;
}

export interface MentionResult extends Mention {
  /** Where the phrase stands in the page text; empty when it cannot be found (a labelling error, reported). */
  at: Span[];
  findings: FindingView[];
  /** Whether an office claim was read from words overlapping the phrase, flagged or not. */
  read: boolean;
}

export interface PageScore {
  mentions: MentionResult[];
  /** Findings (provenance aside) whose claim words touch no labelled phrase. */
  unlabelled: FindingView[];
  /** Provenance findings, which are about the source and not scored against mentions. */
  provenance: FindingView[];
}

/** Every place the phrase occurs, line breaks and runs of spaces read as one space. */
export function phraseSpans(text: string, phrase: string): Span[] {
  const flat = flatten(text);
  const needle = flatten(phrase.trim());
  const out: Span[] = [];
  if (!needle) return out;
  for (let i = flat.indexOf(needle); i >= 0; i = flat.indexOf(needle, i + 1)) out.push({ start: i, end: i + needle.length });
  return out;
}

/** Same length as the input: every whitespace character becomes a plain space. */
function flatten(s: string): string {
  return s.replace(/\s/g, ' ');
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * The claim words of a finding as a span of the page text. `blockStarts` gives
 * each block's offset in the page text; the claim's surface is looked up in its
 * sentence (first occurrence, which is the one the claim reader takes).
 */
export function claimSpan(finding: Finding, blockStarts: readonly number[]): Span | null {
  const claim = finding.claim;
  const blockStart = blockStarts[finding.sentence.block];
  if (!claim || blockStart === undefined) return null;
  const at = flatten(finding.sentence.text).indexOf(flatten(claim.surface));
  const start = blockStart + finding.sentence.start + Math.max(0, at);
  return { start, end: start + (at >= 0 ? claim.surface.length : finding.sentence.text.length) };
}

export function viewOf(f: Finding): FindingView {
  return {
    kind: f.kind,
    severity: f.severity,
    confidence: f.confidence,
    surface: f.claim?.surface ?? '',
    sentence: f.sentence.text,
    explanation: f.explanation,
  };
}

/** Where a claim's words stand in the page text. */
export function claimSpanOf(claim: Claim, blockStarts: readonly number[]): Span | null {
  const blockStart = blockStarts[claim.sentence.block];
  if (blockStart === undefined) return null;
  const at = flatten(claim.sentence.text).indexOf(flatten(claim.surface));
  if (at < 0) return null;
  const start = blockStart + claim.sentence.start + at;
  return { start, end: start + claim.surface.length };
}

export function scorePage(
  text: string,
  blockStarts: readonly number[],
  mentions: readonly Mention[],
  findings: readonly Finding[],
  claims: readonly Claim[] = [],
): PageScore {
  const results: MentionResult[] = mentions.map((m) => ({ ...m, at: phraseSpans(text, m.phrase), findings: [], read: false }));
  for (const c of claims) {
    if (c.type !== 'office') continue;
    const span = claimSpanOf(c, blockStarts);
    if (span) for (const m of results) if (m.at.some((a) => overlaps(a, span))) m.read = true;
  }
  const unlabelled: FindingView[] = [];
  const provenance: FindingView[] = [];
  for (const f of findings) {
    if (f.kind === 'provenance') {
      provenance.push(viewOf(f));
      continue;
    }
    const span = claimSpan(f, blockStarts);
    const hit = span ? results.filter((m) => m.at.some((a) => overlaps(a, span))) : [];
    for (const m of hit) m.findings.push(viewOf(f));
    if (!hit.length) unlabelled.push(viewOf(f));
  }
  return { mentions: results, unlabelled, provenance };
}

/** What a folder's figures are made of. */
export interface Tally {
  pages: number;
  wrong: number;
  wrongFlagged: number;
  correct: number;
  correctFlagged: number;
  honorific: number;
  honorificFlagged: number;
  honorificHigh: number;
  unlabelled: number;
  /** Labelled phrases that do not occur in the page text. */
  unfound: number;
  /** Labelled mentions an office claim was read from. */
  read: number;
  mentions: number;
}

export function emptyTally(): Tally {
  return { pages: 0, wrong: 0, wrongFlagged: 0, correct: 0, correctFlagged: 0, honorific: 0, honorificFlagged: 0, honorificHigh: 0, unlabelled: 0, unfound: 0, read: 0, mentions: 0 };
}

export function addToTally(t: Tally, s: PageScore): void {
  t.pages++;
  t.unlabelled += s.unlabelled.length;
  for (const m of s.mentions) {
    t.mentions++;
    if (m.read) t.read++;
    if (!m.at.length) t.unfound++;
    const flagged = m.findings.length > 0;
    if (m.verdict === 'wrong') {
      t.wrong++;
      if (flagged) t.wrongFlagged++;
    } else if (m.verdict === 'correct') {
      t.correct++;
      if (flagged) t.correctFlagged++;
    } else {
      t.honorific++;
      if (flagged) t.honorificFlagged++;
      if (m.findings.some((f) => f.severity === 'high')) t.honorificHigh++;
    }
  }
}

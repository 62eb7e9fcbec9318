/** The judge's scoring and ratchet, on pages and findings made here. */
import { describe, expect, it } from 'vitest';
import { claimBase } from '../../lib/claims/claim';
import { parsePlainText } from '../../lib/extract/plain-text';
import type { Finding } from '../../lib/schema';
import { compareWithBaseline, raisedBaseline, readBaseline, replaceSection, writeBaseline, type FigureDef } from '../../scripts/judge/ratchet';
import { addToTally, emptyTally, phraseSpans, scorePage, type Mention } from '../../scripts/judge/score';

/** A finding on `surface`, inside block 0's sentence that starts at `start`. */
function finding(sentence: string, start: number, surface: string, kind: Finding['kind'] = 'knowledge-conflict', severity: Finding['severity'] = 'high'): Finding {
  return {
    id: `${kind}-${surface}`,
    kind,
    severity,
    confidence: 0.9,
    sentence: { block: 0, start, end: start + sentence.length, text: sentence, prefix: '', suffix: '' },
    claim: {
      ...claimBase({ block: 0, start, end: start + sentence.length, text: sentence }),
      type: kind === 'provenance' ? 'provenance' : 'office',
      surface,
      fact: 'office:XX.head-of-state',
      value: 'someone',
    },
    evidence: [],
    explanation: '',
  };
}

describe('phraseSpans', () => {
  it.each([
    ['a President X and President X', 'President X', [2, 18]],
    ['U.S. President\nJoe Biden spoke', 'U.S. President\nJoe Biden', [0]],
    ['U.S. President\nJoe Biden spoke', 'U.S. President Joe Biden', [0]],
    ['nothing here', 'President X', []],
  ])('%j / %j', (text, phrase, starts) => {
    expect(phraseSpans(text, phrase).map((s) => s.start)).toEqual(starts);
  });
});

describe('scorePage', () => {
  const text = 'Former President A Person met President B Other on Monday.';
  const mentions: Mention[] = [
    { phrase: 'Former President A Person', verdict: 'correct', why: '' },
    { phrase: 'President B Other', verdict: 'wrong', why: '' },
  ];

  it('counts a finding against the mention its claim words overlap, not its whole sentence', () => {
    const s = scorePage(text, [0], mentions, [finding(text, 0, 'President B Other')]);
    expect(s.mentions.map((m) => m.findings.length)).toEqual([0, 1]);
    expect(s.unlabelled).toEqual([]);
  });

  it('lists a finding on unlabelled words, and keeps provenance apart', () => {
    const s = scorePage(text, [0], mentions, [finding(text, 0, 'on Monday', 'disputed', 'low'), finding(text, 0, 'Former', 'provenance')]);
    expect(s.mentions.every((m) => m.findings.length === 0)).toBe(true);
    expect(s.unlabelled.map((u) => u.surface)).toEqual(['on Monday']);
    expect(s.provenance.length).toBe(1);
  });

  it('places claim words by their block offset in the page text', () => {
    const page = `Headline\n\n${text}`;
    const s = scorePage(page, [10], mentions, [finding(text, 0, 'Former President A Person')]);
    expect(s.mentions[0]!.findings.length).toBe(1);
  });

  it('tallies wrong, correct and honorific mentions, honorifics at high severity apart', () => {
    const t = emptyTally();
    const honor: Mention[] = [...mentions, { phrase: 'President B', verdict: 'honorific', why: '' }];
    addToTally(t, scorePage(text, [0], honor, [finding(text, 0, 'President B Other'), finding(text, 0, 'Former President A Person', 'disputed', 'low')]));
    expect(t).toMatchObject({ pages: 1, wrong: 1, wrongFlagged: 1, correct: 1, correctFlagged: 1, honorific: 1, honorificFlagged: 1, honorificHigh: 1 });
  });
});

describe('the ratchet', () => {
  const defs: FigureDef[] = [
    { key: 'wrongFlagged', label: 'wrong flagged', better: 'higher' },
    { key: 'correctFlagged', label: 'correct flagged', better: 'lower' },
    { key: 'newOne', label: 'new', better: 'lower' },
  ];

  it('calls a figure worse or better by its direction, and a missing baseline fresh', () => {
    const c = compareWithBaseline(defs, { wrongFlagged: 10, correctFlagged: 2, newOne: 1 }, { wrongFlagged: 12, correctFlagged: 3 });
    expect(c.worse.map((w) => w.key)).toEqual(['wrongFlagged']);
    expect(c.better.map((w) => w.key)).toEqual(['correctFlagged']);
    expect(c.fresh).toEqual(['newOne']);
  });

  it('raises the baseline and never lowers it', () => {
    expect(raisedBaseline(defs, { wrongFlagged: 10, correctFlagged: 1 }, { wrongFlagged: 12, correctFlagged: 3, other: 5 })).toEqual({ wrongFlagged: 12, correctFlagged: 1, other: 5 });
  });

  it('reads and writes the baseline block of JUDGMENT.md, leaving the rest alone', () => {
    const md = writeBaseline('# Judgment\n\nsome words\n', { b: 2, a: 1 });
    expect(readBaseline(md)).toEqual({ a: 1, b: 2 });
    const again = writeBaseline(md, { a: 3 });
    expect(readBaseline(again)).toEqual({ a: 3 });
    expect(again).toContain('some words');
    expect(() => readBaseline('<!-- judge:baseline -->\n```json\n{"a": "x"}\n```')).toThrow(/"a" is not a number/);
  });

  it('replaces a marked section, or appends it', () => {
    const md = replaceSection('top\n<!-- judge:now -->\nold\n<!-- /judge:now -->\nend', 'now', 'new');
    expect(md).toBe('top\n<!-- judge:now -->\nnew\n<!-- /judge:now -->\nend');
    expect(replaceSection('top', 'now', 'x')).toBe('top\n\n<!-- judge:now -->\nx\n<!-- /judge:now -->\n');
  });
});

describe('plain text: a line that breaks inside a phrase', () => {
  it.each([
    ['On Monday, U.S. President\nJoe Biden spoke.', ['On Monday, U.S. President Joe Biden spoke.']],
    ['The talks went on until\nlate at night.', ['The talks went on until late at night.']],
    ['Headline here\nWhy Egypt?\nEgypt has long mediated.', ['Why Egypt?', 'Egypt has long mediated.']],
    ['Headline here\nNotify of\nguest', []],
    ['Headline here\nCurrent President\n\nDonald Trump spoke.', ['Current President', 'Donald Trump spoke.']],
  ])('%j', (raw, blocks) => {
    expect(parsePlainText(raw).blocks.map((b) => b.text)).toEqual(blocks);
  });

  it('keeps each block at its offset in the original text', () => {
    const raw = 'Headline\n\n  First line of text.\nU.S. President\nJoe Biden spoke.\n- a list item';
    const p = parsePlainText(raw);
    p.blocks.forEach((b, i) => expect(raw.slice(p.blockStarts[i], p.blockStarts[i]! + b.text.length).replace(/\n/g, ' ')).toBe(b.text));
  });
});

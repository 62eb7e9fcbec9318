/** Properties that must hold for any input: the engine never throws, and the same input gives the same findings. */
import fc from 'fast-check';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeedArticles } from '../../lib/corpus/seeds-node';
import { Engine } from '../../lib/engine';
import { parsePlainText } from '../../lib/extract/plain-text';
import { loadKnowledgeBase } from '../../lib/kb/index';
import { Analysis } from '../../lib/schema';
import { splitSentences } from '../../lib/text/index';

const engine = new Engine(loadKnowledgeBase(), readSeedArticles(resolve(__dirname, '../../seeds')));

// Words that reach the claim readers (titles, names, places, hedges) mixed with arbitrary Unicode.
const newsy = fc.constantFrom(
  'President', 'former', 'Prime Minister', 'Trump', 'Biden', 'Harris', 'administration', '-led', 'Cairo', 'talks in',
  'at least', '1,200', 'killed', 'You are', 'AI Journalist:', 'Listen to Article', 'anniversary of the', 'October 7 attacks',
  'In 1997,', '.', '?', '“', '”', '\n', '\u202e', '\u200b', '🤝',
);
const text = fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 }), newsy), { maxLength: 60 }).map((parts) => parts.join(' '));

describe('engine properties', () => {
  it('never throws on arbitrary Unicode, always returns a valid Analysis, and is deterministic', () => {
    fc.assert(
      fc.property(text, fc.option(fc.webUrl(), { nil: undefined }), (body, url) => {
        const page = parsePlainText(body, { url: url ?? 'https://example.org/p' });
        const first = engine.analyse(page);
        expect(Analysis.safeParse(first).success).toBe(true);
        expect(engine.analyse(page)).toEqual(first);
        for (const f of first.findings) {
          const block = page.blocks[f.sentence.block]!.text;
          expect(block.slice(f.sentence.start, f.sentence.end)).toBe(f.sentence.text);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('sentence offsets always cut the original text exactly', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'binary' })), (s) => {
        let last = 0;
        for (const span of splitSentences(s)) {
          expect(s.slice(span.start, span.end)).toBe(span.text);
          expect(span.start).toBeGreaterThanOrEqual(last);
          last = span.end;
        }
      }),
      { numRuns: 500 },
    );
  });
});

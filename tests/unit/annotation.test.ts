/** Findings as W3C Web Annotations: shape, and selectors that agree with the article text. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotationFileName, articleText, findingsToAnnotations, nameUuid } from '../../lib/annotation';
import { readSeedArticles } from '../../lib/corpus/seeds-node';
import { Engine } from '../../lib/engine';
import { loadKnowledgeBase } from '../../lib/kb/index';
import { AnnotationCollection, type Finding } from '../../lib/schema';

const seeds = readSeedArticles(resolve(__dirname, '../../seeds'));
const engine = new Engine(loadKnowledgeBase(), seeds);
const seed = seeds.find((s) => s.id.startsWith('003_'))!;
const analysis = engine.analyse(seed, { excludeId: seed.id });
const created = new Date('2025-10-21T12:00:00Z');

describe('Web Annotation export', () => {
  const collection = findingsToAnnotations(analysis.findings, seed, { pageUrl: seed.url, created });
  const text = articleText(seed);

  it('is an AnnotationCollection with its page embedded', () => {
    expect(analysis.findings.length).toBeGreaterThan(0);
    expect(AnnotationCollection.safeParse(collection).success).toBe(true);
    expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.total).toBe(analysis.findings.length);
    expect(collection.first.type).toBe('AnnotationPage');
    expect(collection.first.items).toHaveLength(analysis.findings.length);
  });

  it('gives each finding an annotation: assessing, its explanation as plain text, the page as target', () => {
    collection.first.items.forEach((item, i) => {
      const f = analysis.findings[i]!;
      expect(item.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(item.type).toBe('Annotation');
      expect(item.motivation).toBe('assessing');
      expect(item.created).toBe(created.toISOString());
      expect(item.body).toEqual({ type: 'TextualBody', value: f.explanation, format: 'text/plain', language: 'en' });
      expect(item.target.source).toBe(seed.url);
    });
    expect(new Set(collection.first.items.map((i) => i.id)).size).toBe(collection.first.items.length);
  });

  it('has quote and position selectors that agree with the article text (blocks joined by a blank line)', () => {
    for (const [i, item] of collection.first.items.entries()) {
      const [quote, position] = item.target.selector;
      expect(quote?.type).toBe('TextQuoteSelector');
      expect(position?.type).toBe('TextPositionSelector');
      if (quote?.type !== 'TextQuoteSelector' || position?.type !== 'TextPositionSelector') continue;
      expect(text.slice(position.start, position.end)).toBe(quote.exact);
      expect(quote.exact).toBe(analysis.findings[i]!.sentence.text);
      expect(text.slice(0, position.start).endsWith(quote.prefix)).toBe(true);
      expect(text.slice(position.end).startsWith(quote.suffix)).toBe(true);
      expect(quote.prefix.length).toBeLessThanOrEqual(32);
    }
  });

  it("refines both selectors to the claim's words, counted within the sentence", () => {
    let refined = 0;
    for (const [i, item] of collection.first.items.entries()) {
      const f = analysis.findings[i]!;
      const [quote, position] = item.target.selector;
      if (quote?.type !== 'TextQuoteSelector' || position?.type !== 'TextPositionSelector') continue;
      const words = f.claim?.surface.trim() ?? '';
      if (!words || words.length >= f.sentence.text.trim().length) {
        expect(quote.refinedBy).toBeUndefined();
        continue;
      }
      refined++;
      expect(quote.refinedBy?.exact).toBe(words);
      expect(f.sentence.text.slice(0, f.sentence.text.indexOf(words)).endsWith(quote.refinedBy!.prefix)).toBe(true);
      const inner = position.refinedBy!;
      expect(text.slice(position.start, position.end).slice(inner.start, inner.end)).toBe(words);
    }
    expect(refined).toBeGreaterThan(0);
  });

  it("stores each finding's context as the export's article text has it, across paragraph breaks", () => {
    for (const f of analysis.findings) {
      const at = text.indexOf(f.sentence.text);
      expect(text.slice(0, at).endsWith(f.sentence.prefix)).toBe(true);
      expect(text.slice(at + f.sentence.text.length).startsWith(f.sentence.suffix)).toBe(true);
    }
    expect(analysis.findings.some((f) => f.sentence.prefix.includes('\n\n') || f.sentence.suffix.includes('\n\n'))).toBe(true);
  });

  it('is stable: the same findings give the same ids', () => {
    const again = findingsToAnnotations(analysis.findings, seed, { pageUrl: seed.url, created });
    expect(again).toEqual(collection);
    expect(nameUuid('a')).not.toBe(nameUuid('b'));
  });

  it('finds a sentence by its quote when its offsets are stale, and keeps only the quote when it is gone', () => {
    const f = analysis.findings[0]!;
    const stale: Finding = { ...f, sentence: { ...f.sentence, block: f.sentence.block + 1, start: 0 } };
    const [moved] = findingsToAnnotations([stale], seed, { pageUrl: seed.url, created }).first.items;
    const position = moved!.target.selector.find((s) => s.type === 'TextPositionSelector');
    expect(position && position.type === 'TextPositionSelector' && text.slice(position.start, position.end)).toBe(f.sentence.text);

    const gone: Finding = { ...f, sentence: { ...f.sentence, text: 'A sentence this article never had.' } };
    const [orphan] = findingsToAnnotations([gone], seed, { pageUrl: seed.url, created }).first.items;
    expect(orphan!.target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector']);
  });

  it('names the file after the page', () => {
    expect(annotationFileName('https://britbrief.co.uk/politics/x.html')).toBe('crosscheck-annotations-britbrief-co-uk-politics-x-html.jsonld');
  });
});

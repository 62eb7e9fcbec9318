/** The options page's importer: files → validated Articles (nothing written here). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articlesFromFiles, splitUrlLine, type ImportProgress } from '../../entrypoints/options/importer';
import { ImportError, isPlaceholderUrl, makeBundle, serializeBundle } from '../../lib/corpus/bundle';
import { readSeedArticles } from '../../lib/corpus/seeds-node';

const seeds = readSeedArticles(resolve(__dirname, '../../seeds'));
const html = readFileSync(resolve(__dirname, '../fixtures/harbour-gazette-ceasefire.html'), 'utf8');
const parseHtml = (s: string) => new DOMParser().parseFromString(s, 'text/html');
const options = { now: 1_760_000_000_000, parseHtml, pause: () => Promise.resolve() };

describe('importing files', () => {
  it('reads a .txt file, taking a URL line as its address', async () => {
    const text = 'Talks resume in Cairo\nURL: https://example.org/talks\nMediators met again on Thursday in Cairo, officials said.\n';
    const [a] = await articlesFromFiles([{ name: 'talks.txt', text }], options);
    expect(a).toMatchObject({ url: 'https://example.org/talks', title: 'Talks resume in Cairo', outlet: 'example.org', origin: 'imported', addedAt: options.now });
    expect(a!.blocks.map((b) => b.text)).toEqual(['Mediators met again on Thursday in Cairo, officials said.']);
  });

  it('gives a .txt file without an address a placeholder one, and a stable id from its name', async () => {
    const [a] = await articlesFromFiles([{ name: 'notes.txt', text: 'Mediators met again on Thursday in Cairo, officials said.' }], options);
    expect(isPlaceholderUrl(a!.url)).toBe(true);
    const [b] = await articlesFromFiles([{ name: 'notes.txt', text: 'Other words entirely, said the officials.' }], options);
    expect(b!.id).toBe(a!.id);
  });

  it('reads a saved .html page in a detached document, never running its scripts', async () => {
    const withScript = html.replace('</body>', '<script>window.ranImportedScript = true</script></body>');
    const [a] = await articlesFromFiles([{ name: 'gazette.html', text: withScript }], options);
    expect((window as unknown as { ranImportedScript?: boolean }).ranImportedScript).toBeUndefined();
    expect(a).toMatchObject({ outlet: 'Harbour Gazette', byline: expect.stringContaining('Mara Lindqvist'), origin: 'imported' });
    expect(a!.publishedAt?.from).toBe('2025-10-08');
    expect(a!.blocks.some((b) => b.text.includes('Steve Witkoff'))).toBe(true);
  });

  it('reads bundles with progress, and several files at once', async () => {
    const seen: ImportProgress[] = [];
    const bundle = serializeBundle(makeBundle(seeds));
    const out = await articlesFromFiles(
      [
        { name: 'seeds.json', text: bundle },
        { name: 'talks.txt', text: 'URL: https://example.org/t\nMediators met again on Thursday in Cairo.' },
      ],
      { ...options, onProgress: (p) => seen.push(p) },
    );
    expect(out).toHaveLength(seeds.length + 1);
    expect(seen[0]).toEqual({ file: 'seeds.json', done: 0, total: seeds.length, unit: 'articles' });
    expect(seen.at(-1)).toEqual({ file: 'talks.txt', done: 1, total: 1, unit: 'files' });
  });

  it('refuses other kinds of files and duplicate ids, naming the file', async () => {
    await expect(articlesFromFiles([{ name: 'scan.pdf', text: '%PDF' }], options)).rejects.toThrow('scan.pdf: (file): not a corpus bundle (.json), text (.txt) or web page (.html) file');
    const bundle = serializeBundle(makeBundle(seeds));
    const error = await articlesFromFiles(
      [
        { name: 'a.json', text: bundle },
        { name: 'b.json', text: bundle },
      ],
      options,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toMatch(/^b\.json: articles\.0\.id: duplicate id ".+" \(also in a\.json: articles\.0\.id\)$/);
    await expect(articlesFromFiles([{ name: 'empty.txt', text: '\n\n' }], options)).rejects.toThrow('empty.txt: blocks: no article text found');
  });

  it('finds a URL line only near the top or bottom', () => {
    expect(splitUrlLine('Title\nhttps://example.org/a\nBody.').url).toBe('https://example.org/a');
    expect(splitUrlLine('Body.\nSource: <https://example.org/b>').url).toBe('https://example.org/b');
    expect(splitUrlLine('A\nB\nC\nhttps://example.org/middle\nD\nE\nF').url).toBeNull();
  });
});

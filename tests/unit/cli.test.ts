/** The CLI as a user runs it: a real process, its output and exit code. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/crosscheck.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe('crosscheck check', () => {
  it('writes one JSON document in the documented shape for a directory', () => {
    const r = run('check', 'seeds', '--json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { files: Array<{ file: string; publishedAt: unknown; matched: Array<{ articleId: string; outlet: string; score: number }>; findings: Array<{ kind: string; sentence: { text: string } }> }> };
    expect(doc.files.map((f) => f.file.replace(/^.*\//, ''))).toEqual([
      '000_4d564bcf4bf934f6.txt', '001_52732f7128b9e545.txt', '002_0f26191b90240b58.txt', '003_1aac7037e5d61389.txt', '004_3bfe84d13ea586ce.txt',
    ]);
    const f003 = doc.files[3]!;
    expect(f003.matched.length).toBe(4);
    expect(f003.matched.every((m) => typeof m.articleId === 'string' && typeof m.outlet === 'string' && m.score > 0 && m.score <= 1)).toBe(true);
    expect(f003.findings.some((f) => f.kind === 'knowledge-conflict' && f.sentence.text.includes('President Harris'))).toBe(true);
  }, 60_000);

  it('prints findings as text, and --date overrides the page date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-cli-'));
    const file = join(dir, 'page.html');
    writeFileSync(file, '<html><head><title>x</title></head><body><article><h1>Talks</h1><p>Prime Minister Boris Johnson opened the summit in London on Monday with a long speech.</p><p>He spoke for an hour about trade, energy and the economy.</p></article></body></html>');
    const flagged = run('check', file, '--date', '2024-01-10');
    expect(flagged.status).toBe(0);
    expect(flagged.stdout).toMatch(/date: 2024-01-10 \(override\)/);
    expect(flagged.stdout).toMatch(/\[knowledge-conflict, high, \d+%\] “Prime Minister Boris Johnson/);
    expect(flagged.stdout).toMatch(/Rishi Sunak/);
    const fine = run('check', file, '--date', '2020-01-10');
    expect(fine.stdout).toMatch(/no findings/);
  }, 60_000);

  it('names what was wrong with bad arguments and exits 2', () => {
    for (const [args, message] of [
      [['check'], 'no FILE or DIR given'],
      [['check', 'seeds', '--date', '10/07/2025'], '--date needs a date as YYYY-MM-DD'],
      [['frobnicate'], 'unknown command "frobnicate"'],
      [['check', 'no/such/file.txt'], 'cannot read "no/such/file.txt"'],
    ] as const) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
  }, 60_000);

  it('rejects a file that is not UTF-8, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-cli-'));
    const file = join(dir, 'latin1.txt');
    writeFileSync(file, Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]));
    const r = run('check', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('latin1.txt');
  }, 60_000);
});

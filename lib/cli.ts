/**
 * `crosscheck check FILE|DIR [--json] [--date YYYY-MM-DD]`: runs the engine on
 * .html and .txt files against the seeded corpus and prints each finding.
 * With --json it writes one document whose shape other tools rely on:
 * { files: [ { file, publishedAt, matched: [{ articleId, outlet, score }], findings: [Finding] } ] }
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readSeedArticles } from './corpus/seeds-node';
import { Engine } from './engine';
import { dateFromUrl, parsePlainText } from './extract/index';
import { extractFromHtml } from './extract/html-node';
import { loadKnowledgeBase } from './kb/index';
import type { Analysis, ArticleText, Finding } from './schema';

const USAGE = `usage: crosscheck check FILE|DIR [--json] [--date YYYY-MM-DD]

Checks .html and .txt news articles against the seeded corpus and the
knowledge base, and prints the sentences that contradict them.
  --json              one JSON document on stdout instead of text
  --date YYYY-MM-DD   take this as the articles' publication date`;

export class UsageError extends Error {}

export interface CliOptions {
  paths: string[];
  json: boolean;
  date?: string;
}

export function parseArgs(argv: string[]): CliOptions {
  const [command, ...rest] = argv;
  if (command !== 'check') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  const opts: CliOptions = { paths: [], json: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--json') opts.json = true;
    else if (a === '--date' || a.startsWith('--date=')) {
      const v = a.includes('=') ? a.slice(7) : rest[++i];
      if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new UsageError(`--date needs a date as YYYY-MM-DD, got "${v ?? ''}"`);
      opts.date = v;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option "${a}"`);
    else opts.paths.push(a);
  }
  if (!opts.paths.length) throw new UsageError('no FILE or DIR given');
  return opts;
}

function listFiles(path: string): string[] {
  const st = statSync(path);
  if (st.isDirectory()) {
    return readdirSync(path)
      .filter((n) => !n.startsWith('.'))
      .sort()
      .flatMap((n) => listFiles(join(path, n)));
  }
  return ['.html', '.htm', '.txt'].includes(extname(path).toLowerCase()) ? [path] : [];
}

export function readArticleFile(file: string): ArticleText {
  const raw = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new Error(`${file}: not UTF-8 text; save it as UTF-8 and try again`);
  }
  const url = pathToFileURL(resolve(file)).href;
  if (/\.html?$/i.test(file)) return extractFromHtml(text, url);
  const article = parsePlainText(text, { url });
  return { ...article, publishedAt: dateFromUrl(url) };
}

export interface FileReport {
  file: string;
  publishedAt: Analysis['publishedAt'];
  matched: Analysis['matched'];
  findings: Finding[];
}

export function checkFiles(engine: Engine, paths: string[], date?: string): FileReport[] {
  const files = paths.flatMap((p) => {
    try {
      return listFiles(p);
    } catch {
      throw new UsageError(`cannot read "${p}": no such file or directory`);
    }
  });
  return files.map((file) => {
    const analysis = engine.analyse(readArticleFile(file), date ? { date } : {});
    return { file, publishedAt: analysis.publishedAt, matched: analysis.matched, findings: analysis.findings };
  });
}

export function formatText(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const date = r.publishedAt ? `${r.publishedAt.from === r.publishedAt.to ? r.publishedAt.from : `${r.publishedAt.from}…${r.publishedAt.to}`} (${r.publishedAt.source})` : 'unknown';
    lines.push(`${r.file}`, `  date: ${date}`);
    lines.push(`  matched: ${r.matched.length ? r.matched.map((m) => `${m.outlet} ${m.score.toFixed(2)}`).join(', ') : 'no story in the corpus'}`);
    if (!r.findings.length) lines.push('  no findings');
    for (const f of r.findings) {
      lines.push(`  [${f.kind}, ${f.severity}, ${Math.round(f.confidence * 100)}%] “${f.sentence.text}”`);
      lines.push(`    ${f.explanation}`);
      const outlets = [...new Set(f.evidence.map((e) => `${e.outlet} (${e.stance})`))];
      if (outlets.length) lines.push(`    evidence: ${outlets.join(', ')}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function projectRoot(): string {
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
}

export function main(argv: string[]): number {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`crosscheck: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const engine = new Engine(loadKnowledgeBase(), readSeedArticles(join(projectRoot(), 'seeds')));
    const reports = checkFiles(engine, opts.paths, opts.date);
    process.stdout.write(opts.json ? `${JSON.stringify({ files: reports }, null, 2)}\n` : formatText(reports));
    return 0;
  } catch (e) {
    process.stderr.write(`crosscheck: ${(e as Error).message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

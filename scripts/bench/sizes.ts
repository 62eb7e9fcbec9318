/**
 * Bytes each entrypoint of a built extension makes the browser load: the
 * files the manifest names, the scripts and styles its HTML pages name, and
 * the chunks those import, raw and gzipped (zlib's default level, as `gzip`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface EntrySize {
  entry: string;
  files: string[];
  raw: number;
  gzip: number;
}

export interface BuildSizes {
  build: string;
  builtAt: string;
  entries: EntrySize[];
  /** Every file of the build, for the total. */
  total: { raw: number; gzip: number };
}

interface Manifest {
  background?: { service_worker?: string; scripts?: string[] };
  content_scripts?: { js?: string[]; css?: string[] }[];
  action?: { default_popup?: string };
  options_ui?: { page?: string };
  options_page?: string;
}

const IMPORT = /(?:\bimport\s*\(?|\bfrom)\s*["']([^"']+\.m?js)["']/g;
const HTML_REF = /<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+\.(?:m?js|css))"/g;

function resolveIn(root: string, from: string, ref: string): string {
  return ref.startsWith('/') ? join(root, ref) : resolve(dirname(from), ref);
}

/** The file and everything it pulls in statically or dynamically, within the build. */
function closure(root: string, start: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const file = queue.shift() ?? '';
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const pattern = file.endsWith('.html') ? HTML_REF : file.endsWith('js') ? IMPORT : null;
    if (!pattern) continue;
    for (const m of text.matchAll(pattern)) {
      const ref = m[1] ?? '';
      if (/^[a-z]+:/i.test(ref)) continue;
      queue.push(resolveIn(root, file, ref));
    }
  }
  return [...seen];
}

function measure(root: string, entry: string, files: string[]): EntrySize {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { entry, files: files.map((f) => relative(root, f)), raw, gzip };
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? allFiles(join(dir, d.name)) : [join(dir, d.name)]));
}

export function buildSizes(root: string, name: string): BuildSizes | null {
  const manifestFile = join(root, 'manifest.json');
  if (!existsSync(manifestFile)) return null;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const at = (f: string) => join(root, f);
  const entries: EntrySize[] = [];
  (manifest.content_scripts ?? []).forEach((cs) => {
    const js = (cs.js ?? []).map(at);
    const label = (cs.js?.[0] ?? 'content').replace(/^.*\//, '').replace(/\.js$/, '');
    entries.push(measure(root, `content script (${label}): JS + CSS`, closure(root, [...js, ...(cs.css ?? []).map(at)])));
    entries.push(measure(root, `content script (${label}): JS only`, closure(root, js)));
  });
  const bg = manifest.background?.service_worker ? [manifest.background.service_worker] : (manifest.background?.scripts ?? []);
  if (bg.length) entries.push(measure(root, 'background', closure(root, bg.map(at))));
  const pages: [string, string | undefined][] = [
    ['popup', manifest.action?.default_popup],
    ['options', manifest.options_ui?.page ?? manifest.options_page],
  ];
  for (const [label, page] of pages) if (page) entries.push(measure(root, `${label} (${page} + its chunks)`, closure(root, [at(page)])));
  const everything = measure(root, 'all files', allFiles(root));
  return {
    build: name,
    builtAt: statSync(manifestFile).mtime.toISOString(),
    entries,
    total: { raw: everything.raw, gzip: everything.gzip },
  };
}

export function bundleSizes(outputDir: string): BuildSizes[] {
  return ['chrome-mv3', 'firefox-mv3'].flatMap((b) => buildSizes(join(outputDir, b), b) ?? []);
}

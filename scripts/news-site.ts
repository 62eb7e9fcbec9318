/**
 * A local stand-in for the outlets that published the seed articles: each seed
 * rendered as an ordinary news page (masthead, nav, ad slot, article, related
 * links, comments, footer), served from 127.0.0.1. The demo and the E2E tests
 * open these pages so the content script meets page furniture as it would on
 * the real sites, without touching the network.
 *
 *   npx tsx scripts/news-site.ts [--port 8080]   serves until Ctrl-C
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { parsePlainText } from '../lib/extract/plain-text';
import { SourcesJson, seedId } from '../lib/corpus/seeds';
import type { Block } from '../lib/schema';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SEEDS_DIR = join(ROOT, 'seeds');
export const FIXTURES_DIR = join(ROOT, 'tests', 'fixtures');

export interface SeedPage {
  /** Seed id: the seed file name without .txt, e.g. 003_1aac7037e5d61389. */
  id: string;
  outlet: string;
  /** Where the text was originally published (the page's canonical link). */
  originalUrl: string;
  title: string | null;
  byline: string | null;
  blocks: Block[];
  furniture: string[];
  /** Sources the text itself lists; not sources.json's, which the page never showed. */
  citedSources: string[];
}

export function readSeedPages(dir = SEEDS_DIR): SeedPage[] {
  const sources = SourcesJson.parse(JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')));
  return sources.sources.map((source) => {
    const text = readFileSync(join(dir, source.file), 'utf8');
    const parsed = parsePlainText(text, { url: source.url, siteName: source.outlet });
    return {
      id: seedId(source.file),
      outlet: source.outlet,
      originalUrl: source.url,
      title: parsed.title,
      byline: parsed.byline,
      blocks: parsed.blocks,
      furniture: parsed.furniture,
      citedSources: parsed.citedSources,
    };
  });
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Seed text is data, never markup: every string goes through here, in text and in attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export function pagePath(id: string): string {
  return `/news/${encodeURIComponent(id)}.html`;
}

/** What a link to an untitled report says: its first words, as a teaser. */
function teaser(page: SeedPage, max = 90): string {
  if (page.title) return page.title;
  const first = page.blocks.find((b) => b.kind === 'paragraph')?.text ?? page.outlet;
  return first.length <= max ? first : `${first.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

/** A stable accent colour per outlet, so the five "sites" do not look identical. */
function brandColour(outlet: string): string {
  let h = 0;
  for (const c of outlet) h = (h * 31 + c.charCodeAt(0)) % 360;
  return `hsl(${h} 55% 32%)`;
}

function renderBlocks(page: SeedPage): string {
  const out: string[] = [];
  let list: string[] = [];
  const flushList = () => {
    if (list.length) out.push(`<ul>\n${list.join('\n')}\n</ul>`);
    list = [];
  };
  for (const block of page.blocks) {
    const text = escapeHtml(block.text);
    if (block.kind === 'list-item') {
      list.push(`<li>${text}</li>`);
      continue;
    }
    flushList();
    // The byline stays where the text put it (002 has it after the standfirst).
    if (page.byline !== null && block.text === page.byline) out.push(`<p class="byline">${text}</p>`);
    else if (block.kind === 'heading') out.push(`<h2>${text}</h2>`);
    else out.push(`<p>${text}</p>`);
  }
  flushList();
  return out.join('\n');
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:17px/1.6 Georgia,'Times New Roman',serif;color:#1d1d1f;background:#f4f2ee}
a{color:var(--brand)}
.masthead{background:var(--brand);color:#fff;padding:14px 24px 0}
.brand{color:#fff;text-decoration:none;font:700 28px/1.2 system-ui,sans-serif;letter-spacing:-.5px}
.masthead nav ul{display:flex;flex-wrap:wrap;gap:18px;list-style:none;margin:10px 0 0;padding:8px 0;border-top:1px solid rgba(255,255,255,.3)}
.masthead nav a{color:#fff;text-decoration:none;font:600 13px system-ui,sans-serif;text-transform:uppercase;letter-spacing:.5px}
.ad-slot{margin:16px auto;max-width:970px;height:90px;display:flex;align-items:center;justify-content:center;background:repeating-linear-gradient(45deg,#e4e1db,#e4e1db 10px,#ebe8e2 10px,#ebe8e2 20px);color:#8a857c;font:11px system-ui,sans-serif;text-transform:uppercase;letter-spacing:2px}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 280px;gap:32px;max-width:1100px;margin:0 auto;padding:0 24px 32px}
main{background:#fff;padding:28px 40px;border-radius:4px}
article h1{font-size:36px;line-height:1.15;margin:0 0 12px}
article h2{font:700 21px/1.3 system-ui,sans-serif;margin:28px 0 8px}
.byline{font:600 14px system-ui,sans-serif;color:#555;border-left:3px solid var(--brand);padding-left:10px}
.share-bar{display:flex;gap:14px;font:12px system-ui,sans-serif;color:#777;margin:0 0 18px}
.share-bar span::before{content:'\\2197  '}
.sources{border-top:1px solid #ddd;margin-top:28px;font-size:15px}
.related{font:15px/1.4 system-ui,sans-serif}
.related h2{font-size:14px;text-transform:uppercase;letter-spacing:1px;border-bottom:3px solid var(--brand);padding-bottom:6px}
.related ul{list-style:none;padding:0;margin:0}
.related li{padding:10px 0;border-bottom:1px solid #ddd}
.related .outlet{display:block;font-size:12px;color:#777;text-transform:uppercase}
.comments{margin-top:36px;border-top:4px solid #eee;padding-top:12px;font:15px system-ui,sans-serif}
.comments textarea{width:100%;min-height:80px}
.comment-widget{color:#777;font-size:13px;margin:4px 0}
footer{background:#222;color:#bbb;padding:24px;font:13px system-ui,sans-serif;text-align:center}
footer a{color:#ddd;margin:0 8px}
@media (max-width:800px){.layout{grid-template-columns:1fr}main{padding:20px}}
`;

/** The seed as its outlet's web page. `pages` is the whole corpus, for the nav and related links. */
export function renderSeedPage(page: SeedPage, pages: SeedPage[]): string {
  const others = pages.filter((p) => p.id !== page.id);
  const outlet = escapeHtml(page.outlet);
  const counters = page.furniture.filter((f) => /^\d[\d,.]*[kKmM]?$/.test(f));
  const widgets = page.furniture.filter((f) => !counters.includes(f));
  const docTitle = page.title ? `${page.title} | ${page.outlet}` : page.outlet;
  const description = teaser({ ...page, title: null }, 160);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(docTitle)}</title>
<link rel="canonical" href="${escapeHtml(page.originalUrl)}">
<meta property="og:site_name" content="${outlet}">
<meta property="og:type" content="article">
<meta property="og:url" content="${escapeHtml(page.originalUrl)}">
${page.title ? `<meta property="og:title" content="${escapeHtml(page.title)}">\n` : ''}<meta name="description" content="${escapeHtml(description)}">
<style>:root{--brand:${brandColour(page.outlet)}}${STYLE}</style>
</head>
<body>
<header class="masthead">
<a class="brand" href="/">${outlet}</a>
<nav aria-label="Site">
<ul>
<li><a href="/">Home</a></li>
${others.map((p) => `<li><a href="${pagePath(p.id)}">${escapeHtml(p.outlet)}</a></li>`).join('\n')}
</ul>
</nav>
</header>
<div class="ad-slot" role="complementary" aria-label="Advertisement">Advertisement</div>
<div class="layout">
<main>
<article>
${page.title ? `<h1>${escapeHtml(page.title)}</h1>\n` : ''}${counters.length ? `<div class="share-bar" aria-label="Shares">${counters.map((c) => `<span>${escapeHtml(c)}</span>`).join('')}</div>\n` : ''}${renderBlocks(page)}
${
  page.citedSources.length
    ? `<section class="sources">\n<h2>Sources</h2>\n<ul>\n${page.citedSources.map((s) => `<li>${escapeHtml(s)}</li>`).join('\n')}\n</ul>\n</section>\n`
    : ''
}</article>
<section class="comments" id="comments" aria-label="Comments">
<h2>Comments</h2>
${widgets.map((w) => `<p class="comment-widget">${escapeHtml(w)}</p>`).join('\n')}
<form class="comment-form" action="#comments">
<label>Leave a comment<br><textarea name="comment"></textarea></label>
<p><label>Name <input name="name"></label> <button type="submit">Post comment</button></p>
</form>
</section>
</main>
<aside class="related" aria-label="Related coverage">
<h2>Related coverage</h2>
<ul>
${others.map((p) => `<li><span class="outlet">${escapeHtml(p.outlet)}</span><a href="${pagePath(p.id)}">${escapeHtml(teaser(p))}</a></li>`).join('\n')}
</ul>
</aside>
</div>
<footer>
<p>&copy; ${outlet}. <a href="/">Home</a><a href="#">About us</a><a href="#">Contact</a><a href="#">Privacy policy</a></p>
</footer>
</body>
</html>
`;
}

export function renderIndex(pages: SeedPage[]): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>crosscheck: local news pages</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:760px;margin:40px auto;padding:0 20px}li{margin:10px 0}.outlet{color:#666;font-size:13px;display:block}</style></head>
<body>
<h1>Local copies of the seed reports</h1>
<p>Each page renders one seed article from <code>seeds/</code> as a news site would; its canonical link points at the original.</p>
<ul>
${pages.map((p) => `<li><span class="outlet">${escapeHtml(p.outlet)}</span><a href="${pagePath(p.id)}">${escapeHtml(teaser(p))}</a></li>`).join('\n')}
</ul>
</body>
</html>
`;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

export interface NewsServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  port: number;
  pages: { id: string; outlet: string; url: string; originalUrl: string; title: string | null }[];
  /** Absolute URL of a file under tests/fixtures/. */
  fixtureUrl(path: string): string;
  close(): Promise<void>;
}

export async function startNewsServer(options: { port?: number; seedsDir?: string; fixturesDir?: string } = {}): Promise<NewsServer> {
  const seeds = readSeedPages(options.seedsDir);
  const fixturesDir = resolve(options.fixturesDir ?? FIXTURES_DIR);
  // Rendered once: the pages are static for the life of the server.
  const rendered = new Map(seeds.map((p) => [`/news/${p.id}.html`, renderSeedPage(p, seeds)]));
  const index = renderIndex(seeds);

  function send(res: ServerResponse, status: number, type: string, body: string | Buffer, head: boolean) {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
    res.end(head ? undefined : body);
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed', false);
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'bad request', head);
    }
    if (path === '/' || path === '/index.html') return send(res, 200, CONTENT_TYPES['.html']!, index, head);
    const page = rendered.get(path);
    if (page) return send(res, 200, CONTENT_TYPES['.html']!, page, head);
    if (path.startsWith('/fixtures/')) {
      const file = resolve(fixturesDir, `.${path.slice('/fixtures'.length)}`);
      // resolve() has already collapsed any "..": anything outside the fixtures folder is refused.
      if (file.startsWith(fixturesDir + sep)) {
        try {
          if (statSync(file).isFile()) {
            const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
            return send(res, 200, type, readFileSync(file), head);
          }
        } catch {
          // fall through to 404
        }
      }
    }
    return send(res, 404, 'text/html; charset=utf-8', '<!doctype html><title>Not found</title><h1>Not found</h1>', head);
  }

  const server = createServer(handle);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    pages: seeds.map((p) => ({ id: p.id, outlet: p.outlet, url: url + pagePath(p.id), originalUrl: p.originalUrl, title: p.title })),
    fixtureUrl: (path) => `${url}/fixtures/${path.replace(/^\/+/, '')}`,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

/** Fixture files available under /fixtures/, for listings. */
export function listFixtures(dir = FIXTURES_DIR): string[] {
  try {
    return readdirSync(dir).filter((f) => !f.startsWith('.'));
  } catch {
    return [];
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const portArg = process.argv.indexOf('--port');
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 8080;
  const server = await startNewsServer({ port });
  console.log(`News pages at ${server.url}/`);
  for (const p of server.pages) console.log(`  ${p.outlet.padEnd(24)} ${p.url}`);
  for (const f of listFixtures()) console.log(`  fixture${' '.repeat(17)} ${server.fixtureUrl(f)}`);
  process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
}

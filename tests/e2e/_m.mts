import { readFileSync } from 'node:fs';
import { analysisOf, htmlDocument } from './fixtures-common.ts';
import { escapeHtml } from '../../scripts/news-site.ts';
import { extractFromHtml } from '../../lib/extract/html-node.ts';
import { articleFromText } from '../../lib/corpus/bundle.ts';
const J = '/work/shared/judgment/';
function page(file: string, paras?: [number, number]) {
  const l = JSON.parse(readFileSync(J + file, 'utf8'));
  let ps = l.text.split(/\n\s*\n/).map((p: string) => p.trim()).filter(Boolean);
  const title = ps.length > 1 ? ps.shift().split('\n')[0] : 'A report';
  if (paras) ps = ps.slice(...paras);
  const body = ps.map((p: string) => `<p>${p.split('\n').map(escapeHtml).join('<br>\n')}</p>`).join('\n');
  const head = `<meta property="article:published_time" content="${l.date}T09:00:00Z">\n`;
  return htmlDocument(title, `<article>\n<h1>${escapeHtml(title)}</h1>\n${body}\n</article>`, { head });
}
function art(html: string, url: string) { return articleFromText(extractFromHtml(html, url), { origin: 'read', addedAt: 1, file: url }); }
const sets: [string, [number,number]|undefined, string][][] = [
  [['c/timesng-dohastrike-202509.json', undefined, 'http://a.test/1'], ['c/trtglobal-dohastrike-202509.json', undefined, 'http://b.test/2']],
  [['b/cnn-blinkenlive-202109.json', undefined, 'http://a.test/1'], ['b/latimes-blinkenhearing-202109.json', undefined, 'http://b.test/2']],
  [['c/ahram-gazatruce-202105.json', undefined, 'http://a.test/1'], ['c/theleader-gazatruce-202105.json', undefined, 'http://b.test/2']],
  [['a/econotimes-natohague-202506.json', undefined, 'http://a.test/1'], ['a/profnews-natohague-202506.json', undefined, 'http://b.test/2']],
];
for (const s of sets) {
  const [a, b] = s;
  const A = art(page(a[0], a[1]), a[2]);
  const an = analysisOf(page(b[0], b[1]), b[2], [A]);
  console.log(a[0], '->', b[0], 'matched', an.matched.map(m => m.outlet + ':' + m.score), 'related', an.related.length, 'self', an.self);
}
{
  const A = art(page('b/cnn-blinkenlive-202109.json', [0, 6]), 'http://a.test/live-1');
  const B = art(page('b/cnn-blinkenlive-202109.json', [6, 20]), 'http://a.test/live-2');
  const an = analysisOf(page('b/latimes-blinkenhearing-202109.json'), 'http://c.test/3', [A, B]);
  console.log('split: matched', an.matched.map(m => m.outlet + ':' + m.score), 'self', an.self, an.table.rows.length);
  const an2 = analysisOf(page('b/cnn-blinkenlive-202109.json', [6, 20]), 'http://a.test/live-2', [A]);
  console.log('B vs A', an2.matched.map(m => m.outlet + ':' + m.score), 'self', an2.self);
  const D = art(page('c/timesng-dohastrike-202509.json'), 'http://a.test/1');
  const E = art(page('c/trtglobal-dohastrike-202509.json', [0, 7]), 'http://b.test/2');
  const an3 = analysisOf(page('c/trtglobal-dohastrike-202509.json', [7, 20]), 'http://b.test/3', [D, E]);
  console.log('doha split: matched', an3.matched.map(m => m.outlet + ':' + m.score), 'self', an3.self);
}

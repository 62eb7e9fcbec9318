/**
 * docs/bench/match-latency.svg: query latency of the story index against
 * corpus size, log–log, with the targets marked. Hand-written SVG so the
 * chart needs no library and diffs as text.
 */
import type { Summary } from './common';

export interface LatencyPoint {
  size: number;
  wall: Summary;
  cpu: Summary;
}

const TARGETS: [number, number][] = [
  [10000, 10],
  [100000, 50],
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function latencyChart(points: LatencyPoint[], title = 'Story index query latency against corpus size (Node)'): string {
  const W = 640;
  const H = 400;
  const left = 64;
  const right = 170;
  const top = 44;
  const bottom = 56;
  const sizes = points.map((p) => p.size);
  const values = [...points.flatMap((p) => [p.wall.median, p.wall.p95, p.cpu.median, p.cpu.p95]), ...TARGETS.map(([, v]) => v)].filter((v) => v > 0);
  const xMin = Math.floor(Math.log10(Math.min(...sizes)));
  const xMax = Math.ceil(Math.log10(Math.max(...sizes)));
  const yMin = Math.floor(Math.log10(Math.min(...values)));
  const yMax = Math.ceil(Math.log10(Math.max(...values)));
  // Inset from the frame, so the markers at the ends stay whole.
  const inset = 16;
  const x = (n: number) => left + inset + ((Math.log10(n) - xMin) / Math.max(1, xMax - xMin)) * (W - left - right - 2 * inset);
  const y = (ms: number) => H - bottom - ((Math.log10(Math.max(ms, 10 ** yMin)) - yMin) / Math.max(1, yMax - yMin)) * (H - top - bottom);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(`<text x="${left}" y="24" font-size="15" font-weight="600">${esc(title)}</text>`);
  // Grid and axes.
  for (let e = yMin; e <= yMax; e++) {
    const v = 10 ** e;
    out.push(`<line x1="${left}" x2="${W - right}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e3e3"/>`);
    out.push(`<text x="${left - 8}" y="${y(v) + 4}" text-anchor="end">${v >= 1 ? v : v.toFixed(-e)} ms</text>`);
  }
  for (let e = xMin; e <= xMax; e++) {
    const n = 10 ** e;
    out.push(`<line x1="${x(n)}" x2="${x(n)}" y1="${top}" y2="${H - bottom}" stroke="#e3e3e3"/>`);
    out.push(`<text x="${x(n)}" y="${H - bottom + 18}" text-anchor="middle">${n >= 1000 ? `${n / 1000}k` : n}</text>`);
  }
  out.push(`<text x="${(left + W - right) / 2}" y="${H - 16}" text-anchor="middle">articles in the corpus (log)</text>`);
  out.push(`<text transform="translate(16 ${(top + H - bottom) / 2}) rotate(-90)" text-anchor="middle">latency per query (log)</text>`);
  out.push(`<rect x="${left}" y="${top}" width="${W - left - right}" height="${H - top - bottom}" fill="none" stroke="#999"/>`);

  const series: { label: string; colour: string; dash: string; get: (p: LatencyPoint) => number }[] = [
    { label: 'wall, median', colour: '#1f5fbf', dash: '', get: (p) => p.wall.median },
    { label: 'wall, p95', colour: '#1f5fbf', dash: '6 4', get: (p) => p.wall.p95 },
    { label: 'CPU, median', colour: '#2e8b3a', dash: '', get: (p) => p.cpu.median },
    { label: 'CPU, p95', colour: '#2e8b3a', dash: '6 4', get: (p) => p.cpu.p95 },
  ];
  series.forEach((s, i) => {
    const pts = points.map((p) => `${x(p.size).toFixed(1)},${y(s.get(p)).toFixed(1)}`);
    out.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${s.colour}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    for (const p of points) {
      out.push(`<circle cx="${x(p.size).toFixed(1)}" cy="${y(s.get(p)).toFixed(1)}" r="3" fill="${s.colour}"><title>${esc(`${s.label} at ${p.size}: ${s.get(p)} ms`)}</title></circle>`);
    }
    const ly = top + 12 + i * 20;
    out.push(`<line x1="${W - right + 14}" x2="${W - right + 44}" y1="${ly}" y2="${ly}" stroke="${s.colour}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    out.push(`<text x="${W - right + 50}" y="${ly + 4}">${esc(s.label)}</text>`);
  });
  for (const [n, ms] of TARGETS) {
    if (n < 10 ** xMin || n > 10 ** xMax) continue;
    out.push(`<path d="M${x(n) - 7},${y(ms)} h14" stroke="#c62828" stroke-width="3"/>`);
    out.push(`<text x="${x(n) - 10}" y="${y(ms) - 6}" text-anchor="end" fill="#c62828">target ≤ ${ms} ms</text>`);
  }
  const ly = top + 12 + series.length * 20;
  out.push(`<path d="M${W - right + 22},${ly} h14" stroke="#c62828" stroke-width="3"/>`);
  out.push(`<text x="${W - right + 50}" y="${ly + 4}">target</text>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

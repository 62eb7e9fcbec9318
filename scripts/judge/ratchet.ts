/**
 * The ratchet: JUDGMENT.md holds a baseline of every figure, committed with
 * the engine that reached it. A run whose figure is worse than the baseline
 * fails; a run that does better raises the baseline, so what was gained
 * cannot be lost again unnoticed.
 */
export type Direction = 'higher' | 'lower';

export interface FigureDef {
  key: string;
  label: string;
  better: Direction;
}

export type Figures = Record<string, number>;

export interface Comparison {
  worse: Array<{ key: string; label: string; baseline: number; now: number }>;
  better: Array<{ key: string; label: string; baseline: number; now: number }>;
  /** Figures the baseline does not have yet (a new folder, a new figure). */
  fresh: string[];
}

export function compareWithBaseline(defs: readonly FigureDef[], now: Figures, baseline: Figures): Comparison {
  const out: Comparison = { worse: [], better: [], fresh: [] };
  for (const d of defs) {
    const n = now[d.key];
    if (n === undefined) continue;
    const b = baseline[d.key];
    if (b === undefined) {
      out.fresh.push(d.key);
      continue;
    }
    if (n === b) continue;
    const improved = d.better === 'higher' ? n > b : n < b;
    (improved ? out.better : out.worse).push({ key: d.key, label: d.label, baseline: b, now: n });
  }
  return out;
}

/** The baseline after this run: every figure at its best of the two, figures the run did not measure kept. */
export function raisedBaseline(defs: readonly FigureDef[], now: Figures, baseline: Figures): Figures {
  const out: Figures = { ...baseline };
  for (const d of defs) {
    const n = now[d.key];
    if (n === undefined) continue;
    const b = baseline[d.key];
    out[d.key] = b === undefined ? n : d.better === 'higher' ? Math.max(n, b) : Math.min(n, b);
  }
  return out;
}

const BASELINE_RE = /<!-- judge:baseline -->\s*```json\s*([\s\S]*?)```/;

export function readBaseline(markdown: string): Figures {
  const m = BASELINE_RE.exec(markdown);
  if (!m) return {};
  const parsed: unknown = JSON.parse(m[1]!);
  if (!parsed || typeof parsed !== 'object') throw new Error('JUDGMENT.md: the baseline block is not a JSON object');
  const out: Figures = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v !== 'number') throw new Error(`JUDGMENT.md: baseline figure "${k}" is not a number`);
    out[k] = v;
  }
  return out;
}

/** Replaces the text between `<!-- judge:NAME -->` and `<!-- /judge:NAME -->`, or appends the section. */
export function replaceSection(markdown: string, name: string, body: string): string {
  const open = `<!-- judge:${name} -->`;
  const close = `<!-- /judge:${name} -->`;
  const a = markdown.indexOf(open);
  const b = markdown.indexOf(close);
  const block = `${open}\n${body.trim()}\n${close}`;
  if (a >= 0 && b > a) return markdown.slice(0, a) + block + markdown.slice(b + close.length);
  return `${markdown.trimEnd()}\n\n${block}\n`;
}

export function baselineBlock(figures: Figures): string {
  const sorted = Object.fromEntries(Object.entries(figures).sort(([a], [b]) => a.localeCompare(b)));
  return `<!-- judge:baseline -->\n\`\`\`json\n${JSON.stringify(sorted, null, 2)}\n\`\`\``;
}

export function writeBaseline(markdown: string, figures: Figures): string {
  if (BASELINE_RE.test(markdown)) return markdown.replace(BASELINE_RE, baselineBlock(figures));
  return `${markdown.trimEnd()}\n\n${baselineBlock(figures)}\n`;
}

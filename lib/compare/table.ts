/**
 * The source-comparison table: one row per fact the reports speak to, one
 * column per source (this page first, the knowledge base last), each cell the
 * source's value and whether it agrees.
 */
import { kbDescribeDate, officeById, resolveJurisdiction } from '../kb/index';
import type { KnowledgeBase } from '../kb/schema';
import { SIGNAL_LABELS } from '../claims/index';
import type { Claim, ComparisonTable, DatedAs } from '../schema';
import { officeStance, type OfficeCheck } from './offices';
import { pointOf } from './dating';
import type { Source, Weighing } from './source';

function rowLabel(kb: KnowledgeBase, fact: string): string {
  if (fact.startsWith('office:')) {
    const key = fact.slice('office:'.length);
    const office = officeById(kb, key);
    if (office) return office.title;
    const [jur, role] = key.split('.');
    return `${role?.replace(/-/g, ' ')}${jur && jur !== '?' ? ` (${jur})` : ''}`;
  }
  if (fact === 'venue') return 'Venue of the talks';
  if (fact.startsWith('participant:')) {
    const j = resolveJurisdiction(kb, fact.slice('participant:'.length));
    return `${j?.demonyms[0] ?? j?.names[0] ?? fact.slice(12)} envoys and negotiators`;
  }
  if (fact.startsWith('quantity:')) {
    const [, verb, noun] = fact.split(':');
    return `${noun?.charAt(0).toUpperCase()}${noun?.slice(1)} ${verb}`;
  }
  return fact;
}

function cellValue(claims: Claim[]): string | null {
  if (!claims.length) return null;
  return [...new Set(claims.map((c) => c.value))].join('; ');
}

/** Whether two reports' claims on one fact say the same thing, by the fact's own rule. */
function sameValue(a: Claim, b: Claim): boolean {
  if (a.type === 'office') return officeStance(a, b) === 'agree';
  if (a.type === 'venue') return !!a.jurisdiction && a.jurisdiction === b.jurisdiction;
  return a.value === b.value;
}

export function buildTable(
  kb: KnowledgeBase,
  page: Source,
  others: Source[],
  checks: Map<string, OfficeCheck[]>,
  weights: Map<string, Weighing>,
  pageDate: DatedAs | null,
  storyDate: DatedAs | null,
): ComparisonTable {
  const sources = [page, ...others];
  const columns: ComparisonTable['columns'] = sources.map((s) => {
    const d = s.ownDate ?? (s === page ? pageDate : storyDate);
    const w = weights.get(s.id) ?? { weight: 1, reasons: [] };
    return {
      id: s === page ? 'page' : s.id,
      label: s === page ? `This page (${s.outlet})` : s.outlet,
      url: s.url || null,
      date: d ? (d.from === d.to ? d.from : `${d.from}…${d.to}`) : null,
      signals: [...new Set([...s.claims.signals.map((x) => SIGNAL_LABELS[x]), ...w.reasons])],
      weight: w.weight,
    };
  });
  columns.push({ id: 'kb', label: 'Knowledge base', url: null, date: pageDate ? pointOf(pageDate) : null, signals: [], weight: 1 });

  const facts = new Map<string, Map<string, Claim[]>>();
  for (const s of sources) {
    for (const c of s.claims.claims) {
      if (!['office', 'venue', 'participant'].includes(c.type)) continue;
      if (c.type === 'office' && c.qualifier !== 'current' && c.qualifier !== 'acting') continue;
      const bySource = facts.get(c.fact) ?? new Map<string, Claim[]>();
      const list = bySource.get(s.id) ?? [];
      list.push(c);
      bySource.set(s.id, list);
      facts.set(c.fact, bySource);
    }
  }

  const rows: ComparisonTable['rows'] = [];
  for (const [fact, bySource] of facts) {
    // A fact only one report mentions compares nothing.
    if (bySource.size < 2) continue;
    const cells: ComparisonTable['rows'][number]['cells'] = {};
    const kbCheck = fact.startsWith('office:')
      ? [...checks.values()].flat().find((c) => c.claim.fact === fact && c.kb && c.kb.actual.length)
      : undefined;
    const kbHolders = kbCheck?.kb ? [...new Set(kbCheck.kb.actual.map((a) => a.name))] : [];
    const reference = bySource.get(page.id)?.[0];
    for (const s of sources) {
      const claims = bySource.get(s.id) ?? [];
      const id = s === page ? 'page' : s.id;
      let stance: 'agree' | 'conflict' | 'not-mentioned' | 'unknown' = claims.length ? 'unknown' : 'not-mentioned';
      if (claims.length && kbHolders.length && fact.startsWith('office:')) {
        stance = claims.some((c) => kbHolders.some((h) => c.value.startsWith(h))) ? 'agree' : 'conflict';
      } else if (claims.length && reference && s !== page) {
        stance = claims.some((c) => sameValue(reference, c)) ? 'agree' : 'conflict';
      } else if (claims.length && s === page) stance = 'unknown';
      cells[id] = { value: cellValue(claims), stance, quote: claims[0]?.sentence.text ?? null };
    }
    if (kbHolders.length && pageDate) {
      cells.kb = { value: kbHolders.join(', '), stance: 'agree', quote: `${kbCheck!.kb!.reason} (${kbDescribeDate(pointOf(pageDate))})` };
    } else {
      cells.kb = { value: null, stance: 'not-mentioned', quote: null };
    }
    rows.push({ fact, label: rowLabel(kb, fact), cells });
  }
  const order = (f: string) => (f.startsWith('office:') ? 0 : f === 'venue' ? 1 : f.startsWith('participant:') ? 2 : 3);
  rows.sort((a, b) => order(a.fact) - order(b.fact) || a.label.localeCompare(b.label));
  return { columns, rows };
}

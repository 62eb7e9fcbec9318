/**
 * Place names: the knowledge base's jurisdictions and capitals plus a list of
 * cities (data/cities.json). A place resolves to a canonical name and the
 * country it lies in, so "Cairo" and "Egypt" can agree while "Cairo" and
 * "Doha" conflict.
 */
import type { KnowledgeBase } from '../kb/schema';
import cityData from './data/cities.json';

export interface Place {
  name: string;
  country: string;
  /** A city is more precise than its country. */
  level: 'city' | 'country';
}

const gazetteers = new WeakMap<KnowledgeBase, Map<string, Place>>();

export function gazetteer(kb: KnowledgeBase): Map<string, Place> {
  let g = gazetteers.get(kb);
  if (g) return g;
  g = new Map();
  for (const j of kb.jurisdictions) {
    if (!/^[A-Z]{2}$/.test(j.code)) continue; // international bodies are not places
    const display = j.names[0]!;
    for (const n of j.names) if (n.length > 2) g.set(n.toLowerCase(), { name: display, country: j.code, level: 'country' });
    if (j.capital) g.set(j.capital.toLowerCase(), { name: j.capital, country: j.code, level: 'city' });
  }
  for (const [name, country] of cityData.cities as [string, string][]) {
    if (!g.has(name.toLowerCase())) g.set(name.toLowerCase(), { name, country, level: 'city' });
  }
  gazetteers.set(kb, g);
  return g;
}

/** Longest place name starting at the beginning of `text`. */
export function placeAt(kb: KnowledgeBase, text: string): { place: Place; length: number } | null {
  const g = gazetteer(kb);
  const words = text.match(/^[\p{Lu}][\p{L}\p{M}'’.-]*(?:[ -](?:el|al|de|of|the|[\p{Lu}][\p{L}\p{M}'’.-]*)){0,3}/u)?.[0];
  if (!words) return null;
  const parts = words.split(/(?=[ -])/);
  // A capitalised word before the place ("The Geneva talks") is skipped; the longest name wins.
  for (let from = 0; from < parts.length; from++) {
    for (let n = parts.length; n > from; n--) {
      const candidate = parts.slice(from, n).join('').trim().replace(/['’]s$/, '');
      const place = g.get(candidate.toLowerCase());
      if (place) return { place, length: parts.slice(0, n).join('').length };
    }
  }
  return null;
}

/**
 * Two reports agree on a venue when they name the same country: a delegation that
 * "arrives in Cairo" for talks held at a resort elsewhere in Egypt is one story told
 * at two scales, while talks in Doha and talks in Cairo are not.
 */
export function placesAgree(a: Place, b: Place): boolean {
  return a.country === b.country;
}

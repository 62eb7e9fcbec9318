/**
 * Event facts: where the talks (summit, meeting...) happen, who takes part for
 * whom, and counted quantities with their hedges.
 */
import type { KnowledgeBase } from '../kb/schema';
import { resolveJurisdiction } from '../kb/index';
import type { Claim, SentenceRef } from '../schema';
import { claimBase } from './claim';
import { placeAt } from './places';
import { personRef } from './office/index';
import type { NameBook } from './names';

const EVENT_NOUN = '(?:talks|negotiations|summit|meetings?|conference|discussions|mediation)';
const PLACE = '([\\p{Lu}][\\p{L}\\p{M}\'’.-]*(?:[ -](?:el|al|[\\p{Lu}][\\p{L}\\p{M}\'’.-]*)){0,3})';
const VENUE_PATTERNS: RegExp[] = [
  // "the Cairo talks", "Doha peace talks"
  new RegExp(`${PLACE}(?:['’]s)?\\s+(?:peace\\s+|ceasefire\\s+|cease-fire\\s+|truce\\s+|indirect\\s+)?${EVENT_NOUN}\\b`, 'gu'),
  // "talks between ... in Cairo", "talks ... resume in Qatar"
  new RegExp(`\\b${EVENT_NOUN}\\b[^.;:,—–]{0,60}?\\b(?:in|at)\\s+${PLACE}`, 'gu'),
  // "to Cairo for urgent talks", "negotiators to Cairo to bolster talks"
  new RegExp(`\\b(?:to|in|at)\\s+${PLACE}\\s+(?:for|to)\\b[^.;]{0,40}?${EVENT_NOUN}\\b`, 'gu'),
  // "In Doha, mediators ..."
  new RegExp(`\\b[Ii]n\\s+${PLACE},\\s+(?:the\\s+)?(?:mediators|negotiators|delegations|delegates|officials|envoys)\\b`, 'gu'),
];


export function venueClaims(sentence: SentenceRef, kb: KnowledgeBase): Claim[] {
  const out: Claim[] = [];
  const seen = new Set<string>();
  for (const re of VENUE_PATTERNS) {
    for (const m of sentence.text.matchAll(re)) {
      const found = placeAt(kb, m[1]!);
      if (!found || seen.has(found.place.name)) continue;
      seen.add(found.place.name);
      out.push({
        ...claimBase(sentence),
        type: 'venue',
        surface: m[0],
        fact: 'venue',
        value: found.place.name,
        jurisdiction: found.place.country,
      });
    }
  }
  return out;
}

const ROLE_WORDS = '(?:special\\s+)?(?:envoy|mediator|negotiator|emissary|adviser|advisor)s?';
const PARTICIPANT_RE = new RegExp(
  `\\b([\\p{Lu}][\\p{L}.]*\\.?)\\s+(?:senior\\s+|chief\\s+|top\\s+)?${ROLE_WORDS}\\s+([\\p{Lu}][\\p{L}\\p{M}'’-]+(?:\\s+[\\p{Lu}][\\p{L}\\p{M}'’-]+){0,2})`,
  'gu',
);

/** "US special envoy Jane Roe", "American mediator X": who negotiates for whom. */
export function participantClaims(sentence: SentenceRef, kb: KnowledgeBase, names: NameBook): Claim[] {
  const out: Claim[] = [];
  for (const m of sentence.text.matchAll(PARTICIPANT_RE)) {
    const j = resolveJurisdiction(kb, m[1]!.replace(/['’]s$/, ''));
    if (!j) continue;
    const person = personRef(kb, names, m[2]!.replace(/['’]s$/, ''));
    out.push({
      ...claimBase(sentence),
      type: 'participant',
      surface: m[0],
      fact: `participant:${j.code}`,
      value: person.name,
      person: person.id,
      jurisdiction: j.code,
    });
  }
  return out;
}

const HEDGES: Array<[RegExp, NonNullable<Claim['hedge']>]> = [
  [/(at least|no fewer than|a minimum of)\s*$/i, 'at-least'],
  [/(more than|over|upwards of|in excess of|exceeding)\s*$/i, 'over'],
  [/(nearly|almost|close to|just under)\s*$/i, 'nearly'],
  [/(about|around|roughly|approximately|some|an estimated|estimated)\s*$/i, 'about'],
  [/(up to|as many as)\s*$/i, 'up-to'],
];
const COUNT_VERB = /\b(killed|dead|died|deaths|wounded|injured|displaced|taken|abducted|kidnapped|held|captured|released|freed|arrested|detained|missing|evacuated|starving)\b/i;
const NUMBER_RE = /(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s*(?:million|billion|thousand))?\s+([a-z]+(?:\s+[a-z]+)?)/g;
const ELIDED = /^(were|was|are|is|have|has|had|of|and|or|in|on|to|more|others|who|which)$/;
const NOT_COUNTS = /^(percent|per|years?|months?|weeks?|days?|hours?|minutes?|points?|am|pm|a\.m|p\.m|times|miles|km|kilometres|kilometers|meters|metres|feet|dollars|euros|pounds)\b/;

/** Counted quantities with their hedge: "at least 67,160 people ... have been killed". */
export function quantityClaims(sentence: SentenceRef): Claim[] {
  const out: Claim[] = [];
  const text = sentence.text;
  let lastNoun = 'people';
  for (const m of text.matchAll(NUMBER_RE)) {
    const noun = m[3]!;
    if (NOT_COUNTS.test(noun)) continue;
    const raw = Number(m[1]!.replace(/,/g, ''));
    if (!Number.isFinite(raw) || (raw >= 1900 && raw <= 2100 && !m[1]!.includes(','))) continue; // a year, not a count
    const scale = m[2] ? { million: 1e6, billion: 1e9, thousand: 1e3 }[m[2].trim().toLowerCase()] ?? 1 : 1;
    const end = m.index! + m[0].length;
    // The verb that counts is the one after the number ("500 were wounded"), else the one before it ("killed about 1,200").
    const after = COUNT_VERB.exec(text.slice(end - noun.length, Math.min(text.length, end + 80)));
    const before = [...text.slice(Math.max(0, m.index! - 40), m.index!).matchAll(new RegExp(COUNT_VERB.source, 'gi'))].at(-1);
    const verb = (after ?? before)?.[1]?.toLowerCase();
    if (!verb) continue;
    let head = noun.split(/\s+/)[0]!;
    // "nearly 500 were wounded": the noun is left out and carried over from the count before.
    if (ELIDED.test(head)) head = lastNoun;
    else lastNoun = head;
    const hedge = HEDGES.find(([re]) => re.test(text.slice(0, m.index!)))?.[1] ?? 'exact';
    const value = `${hedge === 'exact' ? '' : `${hedge.replace('-', ' ')} `}${(raw * scale).toLocaleString('en-US')} ${head}`;
    out.push({
      ...claimBase(sentence),
      type: 'quantity',
      surface: m[0],
      fact: `quantity:${verb}:${head}`,
      value,
      number: raw * scale,
      hedge,
    });
  }
  return out;
}

/** The interval a hedged number allows. */
export function quantityInterval(n: number, hedge: NonNullable<Claim['hedge']>): [number, number] {
  switch (hedge) {
    case 'exact':
      return [n * 0.98, n * 1.02];
    case 'at-least':
      return [n, Infinity];
    case 'over':
      return [n, Infinity];
    case 'nearly':
      return [n * 0.85, n];
    case 'about':
      return [n * 0.85, n * 1.15];
    case 'up-to':
      return [0, n];
  }
}

export { resolveJurisdiction };

/**
 * Where things happen: a capitalised place after "in", "at", "near",
 * "outside", "inside" or "from" ("in the Halvern Park stadium", "near
 * Dunmere", "at the Orchid resort on Pelican Island", "watched the launch
 * from Nairobi"). The place's own kind words (stadium, hotel, resort,
 * city) are anchors, so a stadium is compared with a stadium and not with the
 * city around it. After "from", only a place the gazetteer knows is kept
 * (lib/compare/slots.ts): "goals from Ada Varga" names people.
 */
import { anchorsAround, CALENDAR_WORDS, type Slot } from './slot';

const PLACE = /\b(in|at|near|outside|inside|from)\s+(?:the\s+(?:(?:grand|new|old|luxury|main|national|famous|historic|iconic)\s+)?)?((?:\p{Lu}[\p{L}\p{M}'’.-]*)(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.-]*|de|del|la|el|al|of))*)/gu;
/** Words that make a capitalised run a time, a body or a person, not a place. */
const NOT_PLACES = new RegExp(`^(?:${CALENDAR_WORDS}|The|A|An|His|Her|Their|Its|This|That|Mr|Mrs|Ms|Dr|President|Prime|Minister)\\b`);
/** Names of bodies and competitions, not of places ("the Champions League", "the Geological Survey"). */
const BODY = /\b(?:League|Cup|Championships?|Party|Union|Council|Committee|Survey|Agency|Administration|Organi[sz]ation|Group|Bank|Fund|Association|Federation|Ministry|Department|Court|Commission|Assembly|Forum|Games|Olympics|Summit|Conference|Exchange|Index|Times|News|Post|Journal)\b/;
/** The kind of a place, when it follows the name: kept as anchor, left out of the name. */
const KIND = /^\s+(stadium|arena|hotel|resort|island|city|port|airport|palace|hall|centre|center|square|park|province|region|state|county|district|capital|headquarters|base|camp|prison|hospital|university)\b/i;

/** A place name compared by its distinctive words: "the Halvern Park stadium" is "halvern park". */
export function foldPlace(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/\b(stadium|arena|hotel|resort|island|city)\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function placeSlots(text: string): Slot[] {
  const out: Slot[] = [];
  for (const m of text.matchAll(PLACE)) {
    let name = m[2]!.replace(/\s+(?:of|de|del|la|el|al)$/, '');
    if (NOT_PLACES.test(name) || BODY.test(name)) continue;
    // "Dunmere's port": the possessive belongs to the place.
    name = name.replace(/['’]s$/, '');
    const start = m.index! + m[0].indexOf(m[2]!);
    const end = start + name.length;
    const kind = KIND.exec(text.slice(end))?.[1]?.toLowerCase();
    const anchors = [m[1]!.toLowerCase(), ...(kind ? [kind] : []), ...anchorsAround(text, m.index!, end, 3)];
    out.push({ kind: 'place', start, end, surface: name, value: foldPlace(name), anchors });
  }
  return out;
}

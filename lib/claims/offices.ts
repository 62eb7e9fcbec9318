/**
 * Office claims: who a sentence says holds (or held) which office.
 * Recognised shapes:
 *   [qualifier] [Jurisdiction-adj | Jurisdiction's] Title[-elect] Name   "former President Donald Trump"
 *   Name, the [qualifier] Title of Jurisdiction                           "X, the prime minister of Y"
 *   Name, Jurisdiction's Title                                            "X, Y's intelligence chief"
 *   the [qualifier] Name administration / Name's administration          "the Biden administration has..."
 *   his / her administration (the person last named)                      "...he said, adding his administration was..."
 *   Name-led Noun                                                         "the Trump-led team"
 * The jurisdiction, when the sentence leaves it out, is inferred from the
 * knowledge base (the office the person held), then from seats of government
 * named in the sentence ("the White House").
 */
import type { KnowledgeBase, OfficeRole } from '../kb/schema';
import { findOffices, resolveJurisdiction, resolvePerson } from '../kb/index';
import type { Claim, Qualifier, SentenceRef } from '../schema';
import { INSTITUTION_JURISDICTIONS, QUALIFIER_WORDS, TITLE_ROLES } from './lexicon';
import { claimBase } from './claim';
import { readName, stripPossessive, tokens, type NameBook, type Token } from './names';

export interface PersonRef {
  id: string;
  name: string;
}

export interface OfficeContext {
  kb: KnowledgeBase;
  names: NameBook;
  /** The person the text last spoke of, for "his administration". */
  lastPerson: PersonRef | null;
}

const TITLE_RE = new RegExp(
  `(?<![\\p{L}-])(${[...TITLE_ROLES]
    .map(([t]) => t)
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|')})(?![\\p{L}])`,
  'giu',
);
const ROLE_OF = new Map(TITLE_ROLES.map(([t, r]) => [t, r]));
const EXECUTIVE_ROLES: OfficeRole[] = ['head-of-state', 'head-of-government'];
/** Verbs that put "the X administration" in the present, i.e. claim X governs now. */
// "’s" is left out: after "administration" it is nearly always a possessive ("the X administration’s 2023 policy").
const PRESENT_VERB = /^\s*(is|are|has|have|will|was\s+\w+ing|were\s+\w+ing|continues|remains|says|said|wants|seeks|plans|hopes|insists|announced|sent|dispatched|sends|dispatches|urged|urges|pushed|pushes|pressed|presses)\b/i;

export function personRef(kb: KnowledgeBase, names: NameBook, surface: string): PersonRef {
  const full = names.note(surface);
  const p = resolvePerson(kb, full) ?? resolvePerson(kb, surface);
  if (p) return { id: p.id, name: p.name };
  return { id: full.toLowerCase().replace(/\s+/g, ' '), name: full };
}

function sentenceInstitutions(text: string): string | null {
  for (const [name, code] of Object.entries(INSTITUTION_JURISDICTIONS)) if (text.includes(name)) return code;
  return null;
}

/** The jurisdiction written just before a title: "Israeli", "Qatar’s", "U.S.". */
function jurisdictionBefore(kb: KnowledgeBase, toks: Token[], i: number): { code: string; index: number } | null {
  for (let span = 2; span >= 1; span--) {
    const from = i - span;
    if (from < 0) continue;
    const words = toks.slice(from, i).map((t) => t.text);
    const surface = stripPossessive(words.join(' '));
    if (!/^\p{Lu}/u.test(surface)) continue;
    const j = resolveJurisdiction(kb, surface);
    if (j) return { code: j.code, index: from };
  }
  return null;
}

function qualifierBefore(toks: Token[], i: number, text: string): { q: keyof typeof QUALIFIER_WORDS; index: number } | null {
  const prev = toks[i - 1];
  if (!prev) return null;
  const w = prev.text.toLowerCase();
  if (w in QUALIFIER_WORDS) return { q: w as keyof typeof QUALIFIER_WORDS, index: i - 1 };
  // "ex-President", "then-President": the hyphen joins the qualifier to the title.
  const joined = text.slice(Math.max(0, toks[i]!.start - 5), toks[i]!.start).toLowerCase();
  if (joined.endsWith('ex-')) return { q: 'ex-', index: i };
  if (joined.endsWith('then-')) return { q: 'then-', index: i };
  return null;
}

function qualifierOf(word: string | undefined, elect: boolean): Qualifier | 'skip' {
  if (elect) return 'elect';
  if (!word) return 'current';
  const q = QUALIFIER_WORDS[word];
  if (q === 'former') return 'former';
  if (q === 'acting') return 'acting';
  if (q === 'elect') return 'elect';
  // "then-President X" and "the late X" speak of the past on purpose: nothing to check.
  return 'skip';
}

/** Jurisdiction of a person's executive or role office in the KB, when unambiguous. */
function jurisdictionOfPerson(kb: KnowledgeBase, personId: string, roles: OfficeRole[]): string | null {
  const codes = new Set<string>();
  for (const o of kb.offices) {
    const oRoles = [o.role, ...(o.alsoRoles ?? [])];
    if (!oRoles.some((r) => roles.includes(r))) continue;
    if (o.holders.some((h) => h.person === personId)) codes.add(o.jurisdiction);
  }
  return codes.size === 1 ? [...codes][0]! : null;
}

function makeClaim(
  kb: KnowledgeBase,
  sentence: SentenceRef,
  surface: string,
  person: PersonRef,
  role: OfficeRole,
  jurisdiction: string | null,
  qualifier: Qualifier,
  /** Title-before-name claims can tell history; "the X administration is ..." already had its tense checked. */
  tensed = true,
): Claim {
  const officeKey = jurisdiction ? `${jurisdiction}.${role}` : `?.${role}`;
  const title = jurisdiction ? findOffices(kb, { jurisdiction, role })[0]?.title : undefined;
  const label = qualifier === 'current' ? person.name : `${person.name} (${qualifier})`;
  return {
    ...claimBase(sentence),
    type: 'office',
    surface,
    fact: `office:${officeKey}`,
    value: label,
    person: person.id,
    office: title ?? officeKey,
    jurisdiction,
    qualifier,
    ...(tensed ? timeFrame(sentence.text, surface) : { when: null, past: false }),
  };
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.';
/** "In 1997,", "in March 2019", "during 2016": the sentence sets its own time. */
const SENTENCE_YEAR = new RegExp(`\\b(?:[Ii]n|[Dd]uring|[Bb]ack in|[Uu]ntil|[Bb]efore)\\s+(?:(?:early|late|mid-?)\\s*)?(?:(?:${MONTHS})\\s+(?:\\d{1,2},?\\s+)?)?((?:19|20)\\d{2})\\b`);
/** Past-tense verbs of saying report today's news; other past verbs may tell history. */
const REPORTING = new Set(['said', 'told', 'added', 'noted', 'announced', 'warned', 'stated', 'wrote', 'posted', 'urged', 'insisted', 'argued', 'replied', 'responded', 'declared', 'tweeted', 'asked', 'confirmed', 'denied', 'vowed', 'pledged', 'welcomed', 'praised', 'criticized', 'criticised', 'called', 'described', 'spoke', 'met', 'arrived', 'landed', 'visited', 'hosted', 'joined']);
const IRREGULAR_PAST = new Set(['signed', 'was', 'were', 'had', 'did', 'made', 'took', 'gave', 'won', 'lost', 'led', 'began', 'became', 'brought', 'chose', 'sent', 'left', 'ran', 'sought', 'fought', 'held', 'kept', 'oversaw', 'saw', 'put', 'set', 'struck', 'withdrew', 'drew']);
const RECENT = /\b(today|tonight|yesterday|this (week|weekend|month|morning|afternoon|evening|year)|last (night|week|weekend)|now|currently|on (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)'?s?)\b/;

function timeFrame(text: string, surface: string): Pick<Claim, 'when' | 'past'> {
  const year = SENTENCE_YEAR.exec(text);
  if (year) {
    const y = year[1]!;
    return { when: { from: `${y}-01-01`, to: `${y}-12-31`, evidence: year[0] }, past: false };
  }
  const after = text.slice(text.indexOf(surface) + surface.length);
  const verb = /^(?:,[^,]{0,80},)?\s+(?:\w+ly\s+)?([a-z]+)\b/.exec(after)?.[1];
  const pastVerb = !!verb && !REPORTING.has(verb) && (IRREGULAR_PAST.has(verb) || /^[a-z]{3,}ed$/.test(verb));
  return { when: null, past: pastVerb && !RECENT.test(text) };
}

export function officeClaims(sentence: SentenceRef, ctx: OfficeContext): Claim[] {
  const { kb } = ctx;
  const text = sentence.text;
  const toks = tokens(text);
  const claims: Claim[] = [];
  const institution = sentenceInstitutions(text);

  const resolveJurisdictionFor = (person: PersonRef, role: OfficeRole, explicit: string | null) =>
    explicit ?? jurisdictionOfPerson(kb, person.id, [role]) ?? institution;

  // 1. Title before a name, and apposition after a name.
  for (const m of text.matchAll(TITLE_RE)) {
    const titleWords = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    const role = ROLE_OF.get(titleWords);
    if (!role || role === 'vice-president' || role === 'envoy' || role === 'other') continue;
    const tStart = m.index!;
    const tEnd = tStart + m[0].length;
    const ti = toks.findIndex((t) => t.start >= tStart);
    if (ti < 0) continue;
    const afterTitle = text.slice(tEnd);
    const elect = /^-elect\b/i.test(afterTitle);
    const lastTitleTok = toks.findIndex((t) => t.end >= tEnd + (elect ? 6 : 0));
    const nameAt = lastTitleTok + 1;
    // "Prime Minister’s Office": a possessive title names no one.
    if (/^['’]s\b/.test(afterTitle)) continue;

    const qual = qualifierBefore(toks, ti, text);
    let jurisdictionTok = jurisdictionBefore(kb, toks, qual && qual.index < ti ? qual.index : ti);
    // "Israel's former defence minister": qualifier after the jurisdiction.
    if (!jurisdictionTok && qual && qual.index < ti) jurisdictionTok = jurisdictionBefore(kb, toks, qual.index);
    const ofJurisdiction = /^\s+of\s+(the\s+)?([\p{Lu}][\p{L}.’'-]*(?:\s+[\p{Lu}][\p{L}.’'-]*)*)/u.exec(afterTitle);
    const explicit = jurisdictionTok?.code ?? (ofJurisdiction ? (resolveJurisdiction(kb, ofJurisdiction[2]!)?.code ?? null) : null);
    const qualifier = qualifierOf(qual?.q, elect);
    if (qualifier === 'skip') continue;

    const name = ofJurisdiction ? null : readName(text, toks, nameAt);
    if (name) {
      const person = personRef(kb, ctx.names, name.name);
      ctx.lastPerson = person;
      const start = Math.min(qual?.index ?? ti, jurisdictionTok?.index ?? ti);
      const surface = text.slice(toks[start]!.start, name.end);
      claims.push(makeClaim(kb, sentence, surface, person, role, resolveJurisdictionFor(person, role, explicit), qualifier));
      continue;
    }
    // Apposition: "Name, the prime minister of Y" / "Name, Y's prime minister".
    const before = text.slice(0, toks[start(qual, jurisdictionTok, ti)]!.start);
    const appo = /(\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.-]*|bin|al|el|ibn|de|van|von))*),\s+(?:the\s+|a\s+)?$/u.exec(before);
    if (appo && explicit) {
      const person = personRef(kb, ctx.names, appo[1]!);
      ctx.lastPerson = person;
      const surface = text.slice(appo.index, tEnd + (ofJurisdiction ? ofJurisdiction[0].length : 0));
      claims.push(makeClaim(kb, sentence, surface, person, role, explicit, qualifier));
    }
  }

  // 2. "the X administration", "X's administration", "his administration", "X-led".
  // No `i` flag: with it, \p{Lu} would match lower-case words too and swallow "that his".
  const adminRe = /\b(?:([Tt]he)\s+)?(?:(former|previous|first|second|then|last|past|outgoing|incoming)\s+)?(\p{Lu}[\p{L}\p{M}'’-]+(?:\s+\p{Lu}[\p{L}\p{M}'’-]+)?|[Hh]is|[Hh]er)(['’]s)?\s+(administration|government|cabinet)\b/gu;
  for (const m of text.matchAll(adminRe)) {
    const who = m[3]!;
    const time = m[2]?.toLowerCase();
    if (time && time !== 'outgoing') continue; // "the previous X administration" is history, not a present claim
    const follow = text.slice(m.index! + m[0].length);
    if (!PRESENT_VERB.test(follow) && !/^\s*(?:was|were)\s+\w+ing\b/i.test(follow)) continue;
    let person: PersonRef | null;
    if (/^(his|her)$/i.test(who)) person = ctx.lastPerson;
    else {
      if (!resolvePerson(kb, who)) continue; // "the Israeli government" names a state, not a person
      person = personRef(kb, ctx.names, who);
    }
    if (!person) continue;
    const role = EXECUTIVE_ROLES.find((r) => jurisdictionOfPerson(kb, person.id, [r])) ?? 'head-of-government';
    const jurisdiction = jurisdictionOfPerson(kb, person.id, EXECUTIVE_ROLES) ?? institution;
    claims.push(makeClaim(kb, sentence, m[0], person, role, jurisdiction, 'current', false));
  }
  const ledRe = /\b(\p{Lu}[\p{L}\p{M}'’]+)-led\b/gu;
  for (const m of text.matchAll(ledRe)) {
    const p = resolvePerson(kb, m[1]!);
    if (!p) continue;
    const person = personRef(kb, ctx.names, m[1]!);
    const jurisdiction = jurisdictionOfPerson(kb, person.id, EXECUTIVE_ROLES);
    if (!jurisdiction) continue; // only people who lead a state make "X-led" an office claim
    const role = EXECUTIVE_ROLES.find((r) => jurisdictionOfPerson(kb, person.id, [r])) ?? 'head-of-state';
    claims.push(makeClaim(kb, sentence, m[0], person, role, jurisdiction, 'current'));
  }

  // Keep the last person spoken of for a following "his administration".
  const mentioned = lastMentionedPerson(text, toks, ctx);
  if (mentioned) ctx.lastPerson = mentioned;
  return claims;
}

function start(qual: { index: number } | null, j: { index: number } | null, ti: number): number {
  return Math.min(qual?.index ?? ti, j?.index ?? ti);
}

/** The last person named in the sentence that the knowledge base knows. */
function lastMentionedPerson(text: string, toks: Token[], ctx: OfficeContext): PersonRef | null {
  let found: PersonRef | null = null;
  for (let i = 0; i < toks.length; i++) {
    const name = readName(text, toks, i);
    if (!name) continue;
    const p = resolvePerson(ctx.kb, ctx.names.note(name.name)) ?? resolvePerson(ctx.kb, name.name);
    if (p) found = { id: p.id, name: p.name };
    i = name.next - 1;
  }
  return found;
}

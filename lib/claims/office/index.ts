/**
 * Office claims: who a sentence says holds (or held, or is about to hold)
 * which office. The configuration of the office grammar: the title readers
 * (./mentions), then "the X administration" and "X-led", then the refiners
 * that resolve each mention's office, time and stance (./resolve).
 */
import { findOffices, resolvePerson } from '../../kb/index';
import type { KnowledgeBase, OfficeRole } from '../../kb/schema';
import type { Claim, Qualifier, SentenceRef } from '../../schema';
import { claimBase } from '../claim';
import { readName, tokens, type NameBook } from '../names';
import { titleMentions } from './mentions';
import { qualifierSense } from './parts';
import { actsInOffice, personRef, resolveOffice, sentenceInstitution, timeFrame, type PersonRef, type ResolvedOffice } from './resolve';
import { officeTokens } from './tokens';

export { personRef, type PersonRef } from './resolve';

export interface OfficeContext {
  kb: KnowledgeBase;
  names: NameBook;
  /** The person the text last spoke of, for "his administration". */
  lastPerson: PersonRef | null;
}

const EXECUTIVE_ROLES: OfficeRole[] = ['head-of-state', 'head-of-government'];

function heldIn(kb: KnowledgeBase, personId: string, code: string): boolean {
  return kb.offices.some((o) => o.jurisdiction === code && o.holders.some((h) => h.person === personId));
}

function officeClaim(
  kb: KnowledgeBase,
  sentence: SentenceRef,
  surface: string,
  person: PersonRef,
  office: ResolvedOffice,
  qualifier: Qualifier,
  extra: Partial<Pick<Claim, 'when' | 'past' | 'bareTitle' | 'inOffice'>>,
): Claim {
  const title = findOffices(kb, { jurisdiction: office.jurisdiction, role: office.role })[0]?.title;
  const label = qualifier === 'current' ? person.name : `${person.name} (${qualifier})`;
  return {
    ...claimBase(sentence),
    type: 'office',
    surface,
    fact: `office:${office.jurisdiction}.${office.role}`,
    value: label,
    person: person.id,
    office: title ?? `${office.jurisdiction}.${office.role}`,
    jurisdiction: office.jurisdiction,
    qualifier,
    ...extra,
  };
}

function titleClaims(sentence: SentenceRef, ctx: OfficeContext): Claim[] {
  const { kb } = ctx;
  const text = sentence.text;
  const toks = officeTokens(text);
  const institution = sentenceInstitution(text);
  const time = timeFrame(text);
  const out: Claim[] = [];
  const mentions = titleMentions(kb, text, toks);
  for (const { mention, chain } of mentions) {
    const person = personRef(kb, ctx.names, mention.name.name);
    // An unknown single word after a title is more often a thing than a person ("Premier League").
    if (!person.known && !mention.name.name.includes(' ')) continue;
    // Nor is an unknown person read without a jurisdiction the text gives: the office would be a guess.
    const explicitJurisdiction = !!(mention.after || chain.some((l) => l.left.jurisdiction || l.title.full));
    if (!person.known && !explicitJurisdiction) continue;
    if (person.known) ctx.lastPerson = person;
    const surface = text.slice(mention.start, mention.end);
    const withOtherHolder = mentions.some((m) => m.mention.name.name !== mention.name.name && !m.chain[0]!.left.otherOffice);
    const inOffice = actsInOffice(text, mention.start, mention.end, withOtherHolder);
    chain.forEach((link, i) => {
      if (link.left.otherOffice) return;
      const head = chain[0]!.left;
      // A later title of a list inherits what stands before the first: "former Prime Minister and Foreign Minister X".
      const senses = (link.left.qualifiers.length || i === 0 ? link.left.qualifiers : head.qualifiers).map((q) => q.sense);
      const sense = qualifierSense(senses);
      if (sense === 'history' || sense === 'unsure') return;
      const jurisdiction = link.left.jurisdiction?.code ?? (i > 0 ? head.jurisdiction?.code : undefined) ?? mention.after?.code ?? null;
      const office = resolveOffice(kb, link.title, jurisdiction, person, institution);
      if (!office) return;
      // A bare surname the text ties to a country where its bearer in the knowledge base never held office
      // is more likely someone else of that name ("Irish Prime Minister Quell").
      if (!mention.name.name.includes(' ') && person.known && !heldIn(kb, person.id, office.jurisdiction) && !ctx.names.known(mention.name.name)) return;
      const qualifier: Qualifier = sense === 'former' ? 'former' : sense === 'elect' ? 'elect' : sense === 'acting' ? 'acting' : 'current';
      const bareTitle = !jurisdiction && !link.title.full && sense === null && mention.shape === 'title-first';
      out.push(officeClaim(kb, sentence, surface, person, office, qualifier, { ...time, bareTitle, inOffice }));
    });
  }
  return out;
}

/** Verbs that put "the X administration" in the present, i.e. claim X governs now. */
const PRESENT_VERB =
  /^\s*(?:is|are|has|have|will|was\s+\w+ing|were\s+\w+ing|continues|remains|says|said|wants|seeks|plans|hopes|insists|announced|sent|dispatched|sends|dispatches|urged|urges|pushed|pushes|pressed|presses|maintains|argues|believes|expects)\b/i;
/** After a possessive ("the X administration's commitment"), a present-tense verb later in the clause still speaks of now. */
const PRESENT_LATER = /^[^.;:!?]{0,80}?\b(?:is|are|remains|continues|continue|says|wants|seeks|plans|hopes|insists|maintains|argues|believes|expects)\b/i;

function executiveOffice(kb: KnowledgeBase, personId: string, institution: string | null): ResolvedOffice | null {
  const held = kb.offices.filter((o) => EXECUTIVE_ROLES.some((r) => o.role === r || (o.alsoRoles ?? []).includes(r)) && o.holders.some((h) => h.person === personId));
  const codes = new Set(held.map((o) => o.jurisdiction));
  const code = codes.size === 1 ? [...codes][0]! : institution;
  if (!code) return null;
  const office = held.find((o) => o.jurisdiction === code) ?? findOffices(kb, { jurisdiction: code, role: 'head-of-government' })[0];
  if (!office) return null;
  // A head of state who also heads the government is one office; otherwise "administration" names the government's head.
  const role: OfficeRole = office.role === 'head-of-state' && !(office.alsoRoles ?? []).includes('head-of-government') && held.length > 1 ? 'head-of-government' : office.role;
  return { jurisdiction: code, role, officeIds: [office.id] };
}

/** "the X administration", "X's administration", "his administration", "X-led". */
function administrationClaims(sentence: SentenceRef, ctx: OfficeContext): Claim[] {
  const { kb } = ctx;
  const text = sentence.text;
  const institution = sentenceInstitution(text);
  const out: Claim[] = [];
  // No `i` flag on the name: with it, \p{Lu} would match lower-case words too and swallow "that his".
  const adminRe =
    /\b(?:([Tt]he)\s+)?(?:(former|previous|first|second|then|last|past|outgoing|incoming|current)\s+)?(\p{Lu}[\p{L}\p{M}'’-]+(?:\s+\p{Lu}[\p{L}\p{M}'’-]+)?|[Hh]is|[Hh]er)(['’]s)?\s+([Aa]dministration|[Gg]overnment|[Cc]abinet)(['’]s)?/gu;
  for (const m of text.matchAll(adminRe)) {
    const who = m[3]!;
    const time = m[2]?.toLowerCase();
    if (time && time !== 'outgoing' && time !== 'current') continue; // "the previous X administration" is history, not a present claim
    const follow = text.slice(m.index! + m[0].length);
    const present = m[6] ? PRESENT_LATER.test(follow) : PRESENT_VERB.test(follow);
    if (!present) continue;
    let person: PersonRef | null;
    if (/^(his|her)$/i.test(who)) person = ctx.lastPerson;
    else {
      if (!resolvePerson(kb, who)) continue; // "the Israeli government" names a state, not a person
      person = personRef(kb, ctx.names, who);
    }
    if (!person) continue;
    const office = executiveOffice(kb, person.id, institution);
    if (!office) continue;
    out.push(officeClaim(kb, sentence, m[0].replace(/['’]s$/, ''), person, office, 'current', {}));
  }
  for (const m of text.matchAll(/\b(\p{Lu}[\p{L}\p{M}'’]+)-led\b/gu)) {
    if (!resolvePerson(kb, m[1]!)) continue;
    const person = personRef(kb, ctx.names, m[1]!);
    // Only people who lead a state make "X-led" an office claim ("the Saudi-led coalition" names a state).
    const office = executiveOffice(kb, person.id, null);
    if (!office) continue;
    out.push(officeClaim(kb, sentence, m[0], person, office, 'current', timeFrame(text)));
  }
  return out;
}

/** The last person named in the sentence that the knowledge base knows, for a following "his administration". */
function lastMentionedPerson(text: string, ctx: OfficeContext): PersonRef | null {
  const toks = tokens(text);
  let found: PersonRef | null = null;
  for (let i = 0; i < toks.length; i++) {
    const name = readName(text, toks, i);
    if (!name) continue;
    const p = resolvePerson(ctx.kb, ctx.names.note(name.name)) ?? resolvePerson(ctx.kb, name.name);
    if (p) found = { id: p.id, name: p.name, known: true };
    i = name.next - 1;
  }
  return found;
}

export function officeClaims(sentence: SentenceRef, ctx: OfficeContext): Claim[] {
  const claims = [...titleClaims(sentence, ctx), ...administrationClaims(sentence, ctx)];
  const mentioned = lastMentionedPerson(sentence.text, ctx);
  if (mentioned) ctx.lastPerson = mentioned;
  return claims;
}

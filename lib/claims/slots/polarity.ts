/**
 * Which way things went. Two readers:
 * - polarity: whether someone said yes or no to something ("the board accepted
 *   the offer", "was approved by the board", "did not accept", "denied the
 *   report"), its unit the frame (assent, confirmation), its value "yes" or
 *   "no", its subject who answered;
 * - outcomes: who won and who lost ("X beat Y", "beating Y", "a win over Y",
 *   "Y lost to X"), and what a vote chose ("voted to leave").
 * What is told as earlier ("had initially rejected"), as possible ("could
 * approve") or as still to come ("needs to approve") is not read: it is not
 * what happened.
 */
import { anchorsAround, isCalendarWord, namesIn, type Slot } from './slot';

/** Verbs of an answer, by frame, with their pole. */
const ANSWERS: { frame: string; yes: RegExp; no: RegExp }[] = [
  { frame: 'assent', yes: /^(?:accept|approv|agree|endors|ratif)/i, no: /^(?:reject|refus|veto)/i },
  { frame: 'confirmation', yes: /^(?:confirm|acknowledg)/i, no: /^(?:den(?:y|ied|ies)|refut)/i },
];
/** A finite verb of an answer: past, present third person, or the bare form after an auxiliary's "not". */
const ANSWER_VERB = /\b(accept(?:ed|s)?|approv(?:ed|es|e)|agree(?:d|s)?|endors(?:ed|es|e)|ratif(?:ied|ies|y)|reject(?:ed|s)?|refus(?:ed|es|e)|veto(?:ed|es)?|confirm(?:ed|s)?|acknowledg(?:ed|es|e)|den(?:ied|ies|y)|refut(?:ed|es|e))\b/gi;
const NEGATION = /\b(?:not|never|n['’]t|no longer)\s+(?:\w+ly\s+)?$/i;
const AUXILIARY_NOT = /\b(?:did|does|do|has|have|had|was|were|is|are|will|would)\s*(?:not|n['’]t|never)\s+(?:\w+ly\s+)?$/i;
/** Told as earlier, as possible, or as still to come. */
const NOT_WHAT_HAPPENED = /\b(?:initially|originally|previously|earlier|first|had|could|might|may|would|should|must|needs? to|need to|expected to|likely to|set to|to|if|unless|whether)\s+(?:\w+ly\s+)?(?:been\s+)?$/i;
const NOT_NAME_WORDS = /^(?:The|A|An|In|On|At|But|And|As|After|Before|This|That|Its|Their|His|Her)$/;

/** Words that put a result in another season. */
const ANOTHER_TIME = /\b(?:(?:last|previous|past)\s+(?:season|year|campaign|time)|a\s+year\s+(?:after|before|on\s+from)|in\s+(?:19|20)\d{2})\b[^.;]*$/i;

/** A name of one to three capitalised words ("Halvern Rovers", "the United Kingdom", "Dunmere City"). */
const NAME = String.raw`(?:the\s+)?(\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*){0,2})`;

function cleanName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  // A name's full stop ends the sentence, not the name; "They" opening a sentence is no side.
  const words = name.replace(/\.$/, '').replace(/['’]s$/, '').split(/\s+/).filter((w) => !NOT_NAME_WORDS.test(w) && !isCalendarWord(w) && !/^(?:They|He|She|It|We|Who)$/.test(w));
  return words.length ? words.join(' ').toLowerCase() : undefined;
}

/** Who did it: "by the board" after a passive, else the last name in the clause before the verb (a pronoun stands for it). */
function actor(text: string, start: number, end: number): string | undefined {
  const passive = /\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$/i.test(text.slice(0, start));
  if (passive) {
    const by = /^\s+by\s+(?:the\s+|its\s+)?([\p{L}][\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2})/u.exec(text.slice(end));
    return cleanName(by?.[1]);
  }
  const clause = text.slice(0, start).split(/[;:()—–]|,\s+(?:and|but|while)\b/).at(-1) ?? '';
  const names = [...clause.matchAll(/\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*)*/gu)].map((m) => cleanName(m[0])).filter((n): n is string => !!n);
  if (names.length) return names.at(-1);
  // "The board did not accept": the noun before the verb, past its auxiliaries and adverbs.
  const head = clause.replace(/(?:\s+(?:has|have|had|did|does|do|is|was|were|are|will|would|not|never|n['’]t|\w+ly))*\s*$/i, '').match(/([\p{Ll}][\p{L}-]+)$/u)?.[1];
  return head && !/^(?:it|they|he|she|we|who|which|that|and|but|then|also)$/.test(head) ? head : undefined;
}

export function polaritySlots(text: string): Slot[] {
  const out: Slot[] = [];
  for (const m of text.matchAll(ANSWER_VERB)) {
    const word = m[1]!;
    const before = text.slice(0, m.index!);
    const bare = !/(?:ed|es|s)$/i.test(word);
    const negated = NEGATION.test(before);
    // A bare verb is read only after "did not" and the like: "to accept" is an intention, not an answer.
    if (bare && !AUXILIARY_NOT.test(before)) continue;
    if (!negated && NOT_WHAT_HAPPENED.test(before)) continue;
    if (negated && /\b(?:initially|originally|previously|earlier|could|might|may)\b[^,.;]*$/i.test(before)) continue;
    const frame = ANSWERS.find((f) => f.yes.test(word) || f.no.test(word))!;
    const pole = frame.yes.test(word) !== negated ? 'yes' : 'no';
    const start = m.index!;
    const end = start + word.length;
    const subject = actor(text, start, end);
    const negation = AUXILIARY_NOT.exec(before) ?? NEGATION.exec(before);
    const surface = negation ? text.slice(negation.index, end) : word;
    out.push({ kind: 'polarity', start: end - surface.length, end, surface, value: pole, unit: frame.frame, anchors: anchorsAround(text, start, end, 5), ...(subject ? { subject } : {}) });
  }
  return out;
}

/** "X beat Y", "Y lost to X", "beating Y", "a win over Y", "defeat to X". */
const OUTCOMES: { re: RegExp; winner?: number; loser?: number }[] = [
  { re: new RegExp(`${NAME}\\s+(?:beat|defeated|overcame|edged|thrashed|routed|crushed|stunned|outclassed)\\s+${NAME}`, 'gu'), winner: 1, loser: 2 },
  { re: new RegExp(`\\b(?:they|he|she|it|who)\\s+(?:beat|defeated|overcame|edged|thrashed|routed|crushed|stunned|outclassed)\\s+${NAME}`, 'gu'), loser: 1 },
  { re: new RegExp(`${NAME}\\s+(?:lost|fell|succumbed)\\s+to\\s+${NAME}`, 'gu'), winner: 2, loser: 1 },
  { re: new RegExp(`\\b(?:beating|defeating|overcoming|(?:win|victory|triumph)\\s+(?:over|against))\\s+(?:(?:defending|reigning)\\s+champions?\\s+)?${NAME}`, 'gu'), loser: 1 },
  { re: new RegExp(`\\b(?:defeat|loss)\\s+(?:to|by|against)\\s+${NAME}`, 'gu'), winner: 1 },
];
/** "voted to leave the European Union", "voted in favour of remaining". */
const VOTE = new RegExp(`${NAME}\\s+(?:has\\s+|have\\s+|had\\s+)?(?:voted|votes|chose|opted)\\s+(?:decisively\\s+|narrowly\\s+)?(?:to\\s+(\\p{Ll}+)|in\\s+favou?r\\s+of\\s+(\\p{Ll}+?)(?:ing)?\\b)`, 'gu');

export function outcomeSlots(text: string): Slot[] {
  const out: Slot[] = [];
  for (const { re, winner, loser } of OUTCOMES) {
    for (const m of text.matchAll(re)) {
      const w = winner ? cleanName(m[winner]) : undefined;
      const l = loser ? cleanName(m[loser]) : undefined;
      if (!w && !l) continue;
      const start = m.index! + (/^the\s/i.test(m[0]) ? 4 : 0);
      const end = m.index! + m[0].length;
      if (NOT_WHAT_HAPPENED.test(text.slice(0, start)) && !/\bhad\s+$/.test(text.slice(0, start))) continue;
      // "last season's defeat to …", "a year after their defeat to …": another match.
      if (ANOTHER_TIME.test(text.slice(Math.max(0, start - 40), start))) continue;
      out.push({ kind: 'outcome', start, end, surface: text.slice(start, end), value: `${w ?? ''}>${l ?? ''}`, unit: 'match', anchors: anchorsAround(text, start, end, 5), names: namesIn(text) });
    }
  }
  for (const m of text.matchAll(VOTE)) {
    const voter = cleanName(m[1]);
    const choice = (m[2] ?? m[3])?.toLowerCase();
    if (!voter || !choice || /^(?:be|have|the)$/.test(choice)) continue;
    const start = m.index! + (/^the\s/i.test(m[0]) ? 4 : 0);
    const end = m.index! + m[0].length;
    out.push({ kind: 'outcome', start, end, surface: text.slice(start, end), value: choice.replace(/(?:ing|e)$/, ''), unit: 'vote', subject: voter, anchors: anchorsAround(text, start, end, 5) });
  }
  return out;
}

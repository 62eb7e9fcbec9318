/**
 * People in a role: "Norlandic Health Minister Mara Quell", "agency chief S
 * Varga", "Independent Board Chair Ada Varga", "coach Tom Reyes",
 * "Norland’s health minister, Mara Quell".
 * The role's words are anchors; the value is the person's surname, so that
 * "Mara Quell" and "Quell" are one person and "Ada Varga" another.
 */
import { anchorsAround, type Slot } from './slot';

/** The nouns of a role, as a pattern's source ("president" only before a name: "X, the president" is the office grammar's). */
const ROLES = 'minister|chief|chair|chairman|chairwoman|chairperson|ceo|director|spokesman|spokeswoman|spokesperson|governor|head|leader|secretary|commander|coach|manager|captain|founder|mayor|judge|prosecutor|ambassador|envoy';
const ROLE_NOUN = new RegExp(`\\b(president|${ROLES})(?:\\s+|,\\s+(?=\\p{Lu}))`, 'giu');
/** A name right after the role, initials allowed ("S Varga", "J.D. Quell"); case matters here. */
const NAME = /^((?:\p{Lu}\.?\s+){0,2}\p{Lu}[\p{L}\p{M}'’-]+(?:\s+(?:(?:bin|al|el|de|van|von|da)\s+)?\p{Lu}[\p{L}\p{M}'’-]+){0,3})/u;
const OFFICE_TITLE = /\b(?:prime minister|vice president|president|foreign minister|defen[cs]e minister|secretary of state|secretary-general|secretary general|supreme leader|intelligence chief|spy chief|external affairs minister)$/i;
const NOT_NAMES = /^(?:The|A|An|And|Of|In|On|At|For|To|Who|Which|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;

/** Words that cannot be part of a role's name. */
const LEAD_STOP = /^(?:has|have|had|is|was|were|are|be|been|said|says|told|the|a|an|of|to|for|from|as|its|their|his|her|that|who|when|after|before|while|also|then|now)$/i;

/** "Ada Varga, Halvern's Independent Board Chair, said": the name before its role. */
const NAME_THEN_ROLE = new RegExp(
  `(\\p{Lu}[\\p{L}\\p{M}'’-]+(?:\\s+\\p{Lu}[\\p{L}\\p{M}'’-]+){1,3}),\\s+((?:(?:the|a|[\\p{L}][\\p{L}'’.-]*)\\s+){0,4}?(${ROLES}))\\s*[,.]`,
  'giu',
);

function surnameOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => !/^(?:sheikh|dr|mr|mrs|ms|bin|al|el|de|van|von|da|[a-z]\.?)$/.test(w))
    .join(' ');
}

export function roleSlots(text: string): Slot[] {
  const out: Slot[] = [];
  for (const m of text.matchAll(NAME_THEN_ROLE)) {
    const name = m[1]!;
    if (!/^\p{Lu}/u.test(name) || NOT_NAMES.test(name)) continue;
    const roleWords = m[2]!.toLowerCase().replace(/['’]s\b/g, '').split(/\s+/).filter((w) => w.length > 1 && w !== 'the');
    if (OFFICE_TITLE.test(m[2]!) || roleWords.some((w) => /^(former|ex|then|late|previous|outgoing)$/.test(w))) continue;
    const start = m.index!;
    const end = start + m[0].replace(/\s*[,.]$/, '').length;
    out.push({ kind: 'person', start, end, surface: text.slice(start, end), value: surnameOf(name), unit: m[3]!.toLowerCase(), anchors: roleWords });
  }
  for (const m of text.matchAll(ROLE_NOUN)) {
    const after = m.index! + m[0].length;
    const name = NAME.exec(text.slice(after))?.[1]?.replace(/['’]s$/, '');
    if (!name || NOT_NAMES.test(name)) continue;
    // The role's words: up to three before its noun, back to the previous punctuation.
    const lead = text
      .slice(Math.max(0, m.index! - 40), m.index!)
      .split(/[,;:.()"“”]|\band\b|\bwith\b|\bby\b/)
      .at(-1)!
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .slice(-3);
    // The role's words end where a verb or a function word stands before them ("has accepted Tesla CEO …" is Tesla's CEO).
    const stop = lead.findLastIndex((w) => LEAD_STOP.test(w) || /^\p{Ll}[\p{L}-]*ed$/u.test(w));
    if (stop >= 0) lead.splice(0, stop + 1);
    // A former or late holder of the role is not the one the event has; offices the knowledge base
    // checks (prime minister, president, foreign minister…) are the office grammar's.
    if (lead.some((w) => /^(former|ex|then|late|previous|outgoing)$/i.test(w))) continue;
    if (OFFICE_TITLE.test(`${lead.join(' ')} ${m[1]}`)) continue;
    const roleWords = [...lead, m[1]!].map((w) => w.toLowerCase()).filter((w) => w.length > 1);
    const start = m.index! - (lead.length ? text.slice(0, m.index!).length - text.slice(0, m.index!).lastIndexOf(lead[0]!) : 0);
    const end = after + name.length;
    const surname = surnameOf(name);
    out.push({ kind: 'person', start, end, surface: text.slice(start, end), value: surname, unit: m[1]!.toLowerCase(), anchors: [...roleWords, ...anchorsAround(text, start, end, 2)] });
  }
  return out;
}

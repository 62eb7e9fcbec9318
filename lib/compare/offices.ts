/**
 * Office claims against the knowledge base on the article's date, against the
 * other reports of the story on the same date, and against the article's own
 * other sentences.
 */
import { checkOfficeClaim, findOffices, kbDescribeDate, officeById, personById, type DateOrRange, type OfficeClaimResult } from '../kb/index';
import type { KnowledgeBase } from '../kb/schema';
import type { Claim, DatedAs, Evidence } from '../schema';
import { CLOSE_DAYS } from '../corpus/event';
import { pointOf, rangesOverlap } from './dating';
import type { Source } from './source';

export interface OfficeCheck {
  claim: Claim;
  officeIds: string[];
  kb: OfficeClaimResult | null;
  /** A title kept by custom by a former holder, not a claim that they hold the office now. */
  honorific?: boolean;
  /** The sentence's claims hold together only at an earlier time: it tells history. */
  history?: { from: string; to: string };
}

export function officeIdsFor(kb: KnowledgeBase, claim: Claim): string[] {
  if (!claim.jurisdiction || !claim.fact.startsWith('office:')) return [];
  const role = claim.fact.split('.').slice(1).join('.') as Parameters<typeof findOffices>[1]['role'];
  return findOffices(kb, { jurisdiction: claim.jurisdiction, role }).map((o) => o.id);
}

export function checkAgainstKb(kb: KnowledgeBase, claim: Claim, date: DatedAs | null): OfficeCheck {
  const officeIds = officeIdsFor(kb, claim);
  const personId = claim.person;
  const qualifier = claim.qualifier;
  if (!officeIds.length || !personId || !qualifier) return { claim, officeIds, kb: null };
  // "during his first term", "at the time": the sentence tells history on purpose.
  if (claim.past) return { claim, officeIds, kb: null };
  const ask = (d: DateOrRange) => checkOfficeClaim(kb, { personId, officeIds, qualifier, date: d });
  let result: OfficeClaimResult | null = null;
  let day: string | null = date ? pointOf(date) : null;
  if (claim.when) {
    // A sentence that names a time ("In 1997, …", "On 19 May, …") is checked then; as the time may belong to
    // another clause of the sentence, the claim is wrong only if it is wrong on the article's date too.
    result = ask({ from: claim.when.from, to: claim.when.to });
    if (result.verdict === 'conflict' && day) {
      const onPage = ask(day);
      if (onPage.verdict !== 'conflict') result = onPage;
    } else day = claim.when.to;
  } else if (day) result = ask(day);
  if (!result || !day) return { claim, officeIds, kb: null };
  if (result.verdict === 'conflict') {
    const kept = keptTitle(kb, claim, officeIds, day);
    if (kept && !claim.inOffice) {
      return {
        claim,
        officeIds,
        honorific: true,
        kb: {
          verdict: 'unknown',
          actual: result.actual,
          reason: `${kept.name} was ${kept.title} until ${kbDescribeDate(kept.to)}, and former holders of that office keep the title by custom, so "${claim.surface}" alone does not say that ${kept.name} holds it now.`,
        },
      };
    }
    if (kept) result = { ...result, reason: `${result.reason} The sentence has ${kept.name} acting in the office now, which the title kept by custom does not allow.` };
  }
  return { claim, officeIds, kb: result };
}

/**
 * A bare title ("President X") for someone who held that very office before
 * the day, where its former holders keep the title by custom: who, which
 * office, and until when. Null when the custom does not apply.
 */
export function keptTitle(kb: KnowledgeBase, claim: Claim, officeIds: string[], day: string): { name: string; title: string; to: string } | null {
  if (!claim.bareTitle || claim.qualifier !== 'current' || !claim.person) return null;
  for (const id of officeIds) {
    const o = officeById(kb, id);
    if (!o?.formerHoldersKeepTitle) continue;
    const ended = o.holders.filter((h) => h.person === claim.person && h.to !== null && h.to < day).map((h) => h.to!);
    if (ended.length) return { name: personById(kb, claim.person)?.name ?? claim.value, title: o.title, to: ended.sort().at(-1)! };
  }
  return null;
}

/** Claims that speak of another time ("In 1997, President X ...") are not compared with today's. */
export function isAboutNow(c: Claim): boolean {
  return !c.when && !c.past;
}

/** How two office claims about the same office relate. */
export function officeStance(a: Claim, b: Claim): 'agree' | 'conflict' {
  const aNow = a.qualifier === 'current' || a.qualifier === 'acting';
  const bNow = b.qualifier === 'current' || b.qualifier === 'acting';
  if (a.person === b.person) return aNow === bNow && (a.qualifier === 'elect') === (b.qualifier === 'elect') ? 'agree' : 'conflict';
  // Two different people both holding one office now conflict; "former X" beside "Y" does not.
  return aNow && bNow ? 'conflict' : 'agree';
}

export function describeOfficeClaim(claim: Claim, officeTitle: string): string {
  const who = claim.value.replace(/ \((former|elect|acting)\)$/, '');
  switch (claim.qualifier) {
    case 'former':
      return `calls ${who} a former ${officeTitle}`;
    case 'elect':
      return `calls ${who} the ${officeTitle}-elect`;
    case 'acting':
      return `calls ${who} the acting ${officeTitle}`;
    default:
      return `has ${who} as the sitting ${officeTitle}`;
  }
}

export function describeDate(date: DatedAs): string {
  const when = date.from === date.to ? kbDescribeDate(date.from) : `around ${kbDescribeDate(pointOf(date))}`;
  const how: Record<DatedAs['source'], string> = {
    override: 'the date you gave',
    meta: 'the page’s publication date',
    'json-ld': 'the page’s publication date',
    'time-element': 'the page’s publication date',
    url: 'the date in its web address',
    'sources-json': 'its recorded publication date',
    'text-cue': `its own words: “${date.evidence}”`,
    story: 'the other reports of the same story',
  };
  return `${when}, dated by ${how[date.source]}`;
}

/** Evidence from other sources' claims on the same office, dated like the page. */
export function crossSourceEvidence(claim: Claim, sources: Source[], pageDate: DatedAs | null, storyDate: DatedAs | null): Evidence[] {
  const out: Evidence[] = [];
  for (const s of sources) {
    const sDate = s.ownDate ?? storyDate;
    // Time-aware: a report from another time speaks of another holder.
    if (pageDate && sDate && !rangesOverlap(pageDate, sDate, CLOSE_DAYS)) continue;
    const same = s.claims.claims.filter((c) => c.fact === claim.fact && isAboutNow(c));
    if (!same.length) continue;
    const conflicting = same.find((c) => officeStance(claim, c) === 'conflict');
    // Agreement is shown with a claim about the same person; "former X" beside "Y" says nothing either way.
    const agreeing = same.find((c) => c.person === claim.person && officeStance(claim, c) === 'agree');
    const pick = conflicting ?? agreeing;
    if (!pick) continue;
    out.push({
      article: s.id,
      outlet: s.outlet,
      url: s.url,
      quote: pick.sentence.text,
      value: pick.value,
      stance: conflicting ? 'conflict' : 'agree',
      note: null,
    });
  }
  return out;
}

/** Days on which a person held one of the offices, from the knowledge base. */
export function termsOf(kb: KnowledgeBase, personId: string, officeIds: string[]): Array<{ from: string; to: string }> {
  const terms: Array<{ from: string; to: string }> = [];
  for (const o of kb.offices) {
    if (!officeIds.includes(o.id)) continue;
    for (const h of o.holders) if (h.person === personId) terms.push({ from: h.from, to: h.to ?? '9999-12-31' });
  }
  return terms;
}

/**
 * An undated article's own office claims may all be true at some other time:
 * then it is probably an older report, and disagreeing with the story's date is
 * not proof of error. Returns that window, or null when no single window fits.
 */
export function ownClaimsWindow(kb: KnowledgeBase, checks: OfficeCheck[]): { from: string; to: string } | null {
  let window: { from: string; to: string } | null = { from: '0000-01-01', to: '9999-12-31' };
  let constraints = 0;
  for (const c of checks) {
    if (c.claim.qualifier !== 'current' || !c.claim.person || !c.officeIds.length) continue;
    const terms = termsOf(kb, c.claim.person, c.officeIds);
    constraints++;
    let best: { from: string; to: string } | null = null;
    for (const t of terms) {
      if (!window) break;
      const from: string = t.from > window.from ? t.from : window.from;
      const to: string = t.to < window.to ? t.to : window.to;
      if (from <= to && (!best || to > best.to)) best = { from, to };
    }
    window = best;
    if (!window) return null;
  }
  return constraints ? window : null;
}

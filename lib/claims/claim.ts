/** The fields every claim carries, empty, for each claim type to fill in. */
import type { Claim, SentenceRef } from '../schema';

export function claimBase(sentence: SentenceRef): Pick<Claim, 'sentence' | 'person' | 'office' | 'jurisdiction' | 'qualifier' | 'number' | 'hedge' | 'signal' | 'when' | 'past' | 'bareTitle' | 'inOffice'> {
  return {
    sentence,
    person: null,
    office: null,
    jurisdiction: null,
    qualifier: null,
    number: null,
    hedge: null,
    signal: null,
    when: null,
    past: false,
    bareTitle: false,
    inOffice: false,
  };
}

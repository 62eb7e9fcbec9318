/**
 * Words news writes for one thing in several ways, folded to one so that a
 * slot's anchors meet across outlets: "wounded" and "injured", "nation" and
 * "country", "clinched" and "won". Generic English, nothing about any story.
 */
const GROUPS: string[][] = [
  ['wounded', 'injured', 'hurt', 'injuries', 'injury', 'wounds'],
  ['killed', 'dead', 'died', 'deaths', 'death', 'toll', 'fatalities', 'lives'],
  ['missing', 'unaccounted'],
  ['country', 'nation', 'countries', 'nations'],
  ['won', 'win', 'wins', 'winning', 'clinched', 'clinch', 'secured', 'claimed', 'lifted', 'captured', 'beat', 'beating', 'bested', 'defeated', 'victory'],
  // "Champions for the sixth time" counts titles as much as "their sixth title" does.
  ['title', 'titles', 'crown', 'trophy', 'cup', 'league', 'championship', 'time', 'times'],
  ['penalty', 'penalties', 'shootout', 'shoot-out', 'spot-kicks', 'spot-kick'],
  ['hotel', 'resort'],
  ['chief', 'chairman', 'chair', 'chairperson', 'chairwoman', 'head'],
  ['deal', 'transaction', 'acquisition', 'merger', 'takeover', 'purchase', 'buyout', 'offer'],
  ['share', 'shares', 'apiece'],
  ['tons', 'tonnes', 'ton', 'tonne'],
  ['close', 'closing', 'completed', 'complete', 'completion'],
  ['earthquake', 'quake', 'tremor'],
  ['votes', 'vote', 'ballots'],
  ['goal', 'goals', 'scored', 'score', 'strike', 'struck', 'netted'],
];

const CANON = new Map<string, string>();
for (const g of GROUPS) for (const w of g) CANON.set(w, g[0]!);

export function canonical(word: string): string {
  return CANON.get(word.toLowerCase()) ?? word.toLowerCase();
}

/** An icon for each credibility signal the comparison table names; the signal's words are always its text alternative. */
const ICONS: Array<[RegExp, string]> = [
  [/instructions to an AI/i, '⌨'],
  [/\bAI\b/i, '⚙'],
  [/audio/i, '♪'],
  [/comment/i, '✎'],
  [/no byline/i, '⊘'],
  [/anonymous/i, '⚠'],
  [/at odds with the record/i, '✕'],
  [/contradicts itself/i, '⇄'],
];

export function signalIcon(signal: string): string {
  return ICONS.find(([re]) => re.test(signal))?.[1] ?? '⚑';
}

/** How each kind of finding is named and marked for the reader; the mark is a text symbol, never colour alone. */
import type { FindingKind, Stance } from '../lib/schema';

export const KIND_LABEL: Record<FindingKind, string> = {
  'knowledge-conflict': 'Conflicts with the record',
  contradiction: 'Contradicted by other reports',
  'internal-inconsistency': 'Contradicts itself',
  disputed: 'Disputed',
  provenance: 'How this page was made',
};

export const KIND_MARK: Record<FindingKind, string> = {
  'knowledge-conflict': '✕',
  contradiction: '≠',
  'internal-inconsistency': '⇄',
  disputed: '?',
  provenance: 'i',
};

export const STANCE_LABEL: Record<Stance, string> = {
  agree: 'agrees',
  conflict: 'conflicts',
  'not-mentioned': 'not mentioned',
  unknown: 'unclear',
};

export const STANCE_MARK: Record<Stance, string> = { agree: '✓', conflict: '✕', 'not-mentioned': '–', unknown: '?' };

/**
 * What the seed reports must and must not get, each seed analysed against the
 * other four: the ten findings issue 3 asked for, and the seed sentences whose
 * office mentions and figures are right (nothing may be flagged there). These
 * are labels of test data, like ../shared/judgment's, kept beside the judge.
 */
import type { FindingKind } from '../../lib/schema';

export interface RequiredFinding {
  seed: string;
  /** Words of the flagged sentence. */
  words: string;
  kinds: FindingKind[];
  signal?: string;
  label: string;
}

const CONFLICT: FindingKind[] = ['knowledge-conflict', 'contradiction'];

export const REQUIRED: RequiredFinding[] = [
  { seed: '003', words: 'President Harris', kinds: CONFLICT, label: '003: "President Harris" conflicts with the record and the other reports' },
  { seed: '003', words: 'Abbas Kamel', kinds: ['knowledge-conflict'], label: '003: the Egyptian intelligence chief is out of date' },
  { seed: '002', words: 'AI Journalist', kinds: ['provenance'], signal: 'ai-author', label: '002: AI-journalist byline' },
  { seed: '002', words: 'You are', kinds: ['provenance'], signal: 'llm-prompt', label: '002: leaked writing prompt' },
  { seed: '002', words: '', kinds: ['provenance'], signal: 'tts-widget', label: '002: generated-audio widget' },
  { seed: '002', words: 'The Biden administration is dispatching', kinds: ['knowledge-conflict'], label: '002: "The Biden administration is dispatching"' },
  { seed: '000', words: 'former President Donald Trump', kinds: ['knowledge-conflict', 'contradiction', 'internal-inconsistency', 'disputed'], label: '000: "former President Donald Trump"' },
  { seed: '000', words: 'The Biden administration has walked a tightrope', kinds: ['knowledge-conflict'], label: '000: "The Biden administration has walked a tightrope"' },
  { seed: '001', words: 'former President Donald Trump', kinds: ['internal-inconsistency'], label: '001: "former President" against "his administration" / "Trump-led"' },
  { seed: '004', words: 'President Joe Biden', kinds: ['disputed', 'contradiction', 'knowledge-conflict'], label: '004: "President Joe Biden" at least disputed' },
];

/** Sentences (by their words) that are right about what they say; no finding but provenance may land on them. */
export const RIGHT: Array<{ seed: string; words: string }> = [
  { seed: '000', words: 'Egypt has long served as a critical mediator' },
  { seed: '001', words: 'Israeli Prime Minister Benjamin Netanyahu refrained' },
  { seed: '001', words: 'Qatar’s Prime Minister Sheikh Mohammed bin Abdul Rahman Al Thani' },
  { seed: '001', words: 'UN Secretary-General António Guterres called' },
  { seed: '001', words: 'arrest warrants for Israeli Prime Minister Netanyahu and former Defense Minister Yoav Gallant' },
  { seed: '001', words: 'at least 67,160 people' },
  { seed: '001', words: 'about 1,200 people' },
  { seed: '002', words: 'Cairo has long served as the principal intermediary' },
  { seed: '003', words: 'Egypt continues to play a pivotal role' },
  { seed: '004', words: 'even as Israeli Prime Minister Benjamin Netanyahu prepares' },
];

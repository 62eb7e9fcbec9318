/**
 * Text utilities shared by the engine: sentence segmentation with exact
 * offsets and normalisation for matching quotes and building fingerprints.
 */
export { splitSentences } from './sentences';
export type { SentenceSpan } from './sentences';
export { normalizeForMatch, tokenizeWords } from './normalize';

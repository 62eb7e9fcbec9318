/**
 * Provenance signals: what a page says about how it was made. An author
 * disclosed as an AI, a leaked instruction to a language model, a
 * text-to-speech widget, comment furniture, no byline.
 */
import type { ArticleText, Claim, SentenceRef } from '../schema';
import { claimBase } from './claim';
import { ANONYMOUS_SOURCE, NEWS_OUTLETS, SAY_VERBS } from './lexicon';

export type SignalName = 'ai-author' | 'llm-prompt' | 'tts-widget' | 'comment-furniture' | 'no-byline' | 'anonymous-sourcing';

export const SIGNAL_LABELS: Record<SignalName, string> = {
  'ai-author': 'AI-written byline',
  'llm-prompt': 'instructions to an AI model left in the text',
  'tts-widget': 'generated-audio widget',
  'comment-furniture': 'comment widget copied into the text',
  'no-byline': 'no byline',
  'anonymous-sourcing': 'relies on anonymous sources',
};

const AI_AUTHOR = /\b(AI|A\.I\.|artificial[- ]intelligence|virtual|synthetic)[- ](journalist|reporter|writer|author|correspondent|columnist|editor|anchor)\b|\b(written|generated|produced|created) (entirely )?(by|with|using) (an? )?(AI|A\.I\.|artificial intelligence|ChatGPT|GPT-\d|a language model|an LLM)\b/i;
/** Second-person role instructions and directives addressed to a model. */
const LLM_PROMPT = [
  /^["“'‘]?\s*You are (?:[\p{Lu}][\p{L}.'’-]*,?\s+){0,3}(?:an?|the)\s+(?:[\w-]+\s+){0,5}(journalist|reporter|writer|editor|correspondent|assistant|columnist|expert|analyst|AI)\b/u,
  /\b(?:As an AI(?: language model)?|I am an AI language model|I cannot fulfill this request|Here is (?:the|a|your) (?:rewritten|revised|requested) (?:article|text|version))\b/i,
  /\b(?:Your (?:reporting|writing|article|tone) (?:should )?(?:emphasi[sz]es|focus(?:es)?)|Write (?:with|in) an? [\w\s-]{0,40}(?:tone|perspective|style|voice)|Focus on: )/i,
];
const TTS_WIDGET = /^(listen to (this )?(article|story|the article)|click (play|here) to (generate|listen|hear)[\w\s]*|audio (version )?generated (by|with)[\w\s]*|play audio|listen now|hear this article|text[- ]to[- ]speech)\.?$/i;

function provenanceClaim(sentence: SentenceRef, signal: SignalName, surface: string): Claim {
  return { ...claimBase(sentence), type: 'provenance', surface, fact: `provenance:${signal}`, value: SIGNAL_LABELS[signal], signal };
}

export function provenanceClaims(sentence: SentenceRef): Claim[] {
  const t = sentence.text.trim();
  const out: Claim[] = [];
  const ai = AI_AUTHOR.exec(t);
  if (ai) out.push(provenanceClaim(sentence, 'ai-author', ai[0]));
  const prompt = LLM_PROMPT.map((re) => re.exec(t)).find(Boolean);
  if (prompt) out.push(provenanceClaim(sentence, 'llm-prompt', prompt[0]));
  if (TTS_WIDGET.test(t)) out.push(provenanceClaim(sentence, 'tts-widget', t));
  return out;
}

/** Signals about the article as a whole, which no single sentence carries. */
export function articleSignals(article: Pick<ArticleText, 'byline' | 'furniture'>, claims: Claim[]): SignalName[] {
  const signals = new Set<SignalName>();
  for (const c of claims) if (c.signal) signals.add(c.signal as SignalName);
  if (article.furniture.some((f) => /comment|notify|subscribe|akismet|feedback/i.test(f))) signals.add('comment-furniture');
  if (!article.byline || signals.has('ai-author')) signals.add('no-byline');
  const attributions = claims.filter((c) => c.type === 'attribution');
  const anonymous = attributions.filter((c) => c.value === 'anonymous').length;
  if (anonymous >= 2 && anonymous * 2 >= attributions.length) signals.add('anonymous-sourcing');
  return [...signals];
}

const OUTLET_RE = new RegExp(`\\b(${NEWS_OUTLETS.map((o) => o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');

/** Who a sentence rests on: named outlets and unnamed sources. */
export function attributionClaims(sentence: SentenceRef): Claim[] {
  const out: Claim[] = [];
  const base = claimBase(sentence);
  if (SAY_VERBS.test(sentence.text)) {
    for (const m of sentence.text.matchAll(OUTLET_RE)) {
      out.push({ ...base, type: 'attribution', surface: m[0], fact: 'attribution:outlet', value: m[0] });
    }
  }
  const anon = ANONYMOUS_SOURCE.exec(sentence.text);
  if (anon) out.push({ ...base, type: 'attribution', surface: anon[0], fact: 'attribution:anonymous', value: 'anonymous' });
  return out;
}

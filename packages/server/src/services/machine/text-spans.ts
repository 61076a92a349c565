// Entity spans for the text learner: an averaged-perceptron tagger (@cadre/textml) trained on the
// spans people accepted (an accepted text without spans teaches what is not an entity), proposing
// spans on open texts. Texts are split into tokens as CoNLL files are; spans are stored, as every
// text_span, in code points.
import { OffsetMap, type LabeledObject } from '@cadre/core';
import { PerceptronTagger, tokenSpanOf, tokensOf, type TaggedSentence } from '@cadre/textml';

interface SpanObject { kind?: string; label?: unknown; geometry?: { start?: unknown; end?: unknown } | null }

/** A text and an accepted payload as a tagged sentence: its tokens and the token spans of its entities. */
export function taggedSentence(text: string, payload: unknown, types: readonly string[]): TaggedSentence {
  const map = new OffsetMap(text);
  const tokens = tokensOf(text);
  const objects = ((payload as { objects?: SpanObject[] } | null)?.objects ?? []).filter((o) => o?.kind === 'text_span' && typeof o.label === 'string' && types.includes(o.label));
  const spans = [];
  for (const o of objects) {
    const start = map.toUtf16(Number(o.geometry?.start));
    const end = map.toUtf16(Number(o.geometry?.end));
    if (start === undefined || end === undefined) continue;
    const s = tokenSpanOf(tokens, start, end);
    if (s) spans.push({ ...s, type: o.label as string });
  }
  return { tokens: tokens.map((t) => t.text), spans: spans.sort((a, b) => a.start - b.start).filter((s, i, all) => i === 0 || s.start >= all[i - 1]!.end) };
}

/** A tagger trained on the accepted texts; null when no accepted text has a span to learn from. */
export function trainSpanTagger(accepted: ReadonlyArray<{ text: string; payload: unknown }>, types: readonly string[]): PerceptronTagger | null {
  const sentences = accepted.map((a) => taggedSentence(a.text, a.payload, types)).filter((s) => s.tokens.length > 0);
  if (!sentences.some((s) => s.spans.length > 0)) return null;
  const tagger = new PerceptronTagger(types);
  tagger.train(sentences);
  return tagger;
}

/** The tagger's spans on a text, as text_span objects in code points. */
export function proposeSpans(tagger: PerceptronTagger, text: string): LabeledObject[] {
  const map = new OffsetMap(text);
  const tokens = tokensOf(text);
  return tagger.predict(tokens.map((t) => t.text)).map((s, i) => ({
    id: `s${i}`, kind: 'text_span', label: s.type, attributes: {},
    geometry: { start: map.toCodePoint(tokens[s.start]!.start)!, end: map.toCodePoint(tokens[s.end - 1]!.end)! },
  }) as LabeledObject);
}

import type { LabeledObject } from '@cadre/core';
import { OffsetMap } from '@cadre/core';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const whole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Label Studio `choices` results (a class for the whole text, one object a choice) as text_class
 * objects, and `labels` results (a span) as text_span objects.
 *
 * Offsets: Label Studio's frontend counts `value.start`/`value.end` in UTF-16 code units (JavaScript
 * string indices), and so do Cadre's own CoNLL pre-labels; Cadre stores code points. So results are
 * read as UTF-16 and converted, except when `value.text` is given and only the code-point reading
 * yields it (pre-labels made in Python count code points). Without the item's text they are taken
 * as they are. A span that is empty, reversed, past the end or splits a surrogate pair is left out.
 */
export function textResultToObjects(r: Record<string, unknown>, index: number, predictionId: string, text?: OffsetMap): LabeledObject[] {
  if (!isRecord(r.value)) return [];
  const v = r.value;
  const id = `${predictionId}:${typeof r.id === 'string' ? r.id : index}`;
  const score = typeof r.score === 'number' && r.score >= 0 && r.score <= 1 ? { score: r.score } : {};
  if (r.type === 'choices') {
    const choices = Array.isArray(v.choices) ? v.choices.filter((c): c is string => typeof c === 'string' && c !== '') : [];
    return choices.map((label, k) => ({
      id: choices.length > 1 ? `${id}:${k}` : id, label, kind: 'text_class' as const, geometry: null, attributes: {}, predictionId, ...score,
    }));
  }
  if (r.type !== 'labels') return [];
  const label = Array.isArray(v.labels) ? v.labels[0] : undefined;
  if (typeof label !== 'string' || !whole(v.start) || !whole(v.end)) return [];
  const range = text ? toCodePoints(text, v.start, v.end, typeof v.text === 'string' ? v.text : undefined) : { start: v.start, end: v.end };
  if (range === null || range.end <= range.start) return [];
  return [{ id, label, kind: 'text_span', geometry: range, attributes: {}, predictionId, ...score }];
}

function toCodePoints(map: OffsetMap, start: number, end: number, expected: string | undefined): { start: number; end: number } | null {
  const asUtf16 = { start: map.toCodePoint(start), end: map.toCodePoint(end) };
  const utf16Ok = asUtf16.start !== undefined && asUtf16.end !== undefined;
  if (expected !== undefined && end <= map.codePoints && (!utf16Ok || map.text.slice(start, end) !== expected) && map.slice(start, end) === expected) {
    return { start, end };
  }
  return utf16Ok ? { start: asUtf16.start!, end: asUtf16.end! } : null;
}

/**
 * The overlap rule. When a project forbids overlapping spans, a new span may not share a single
 * code point with an existing one (predictions count: accepting one would create the overlap).
 * Touching ends ([0,5) and [5,9)) are not an overlap.
 */
import type { Range } from './snap.ts';

export interface PlacedSpan extends Range { id: string; label: string }

/** `overlaps` is absent when the range itself is invalid (empty or outside the text). */
export type Placement = { ok: true } | { ok: false; reason: string; overlaps?: PlacedSpan };

export function overlapping<S extends PlacedSpan>(range: Range, spans: Iterable<S>, ignoreId?: string): S | undefined {
  let best: S | undefined;
  for (const s of spans) {
    if (s.id === ignoreId || s.start >= range.end || s.end <= range.start) continue;
    if (best === undefined || s.start < best.start) best = s;
  }
  return best;
}

export function checkPlacement(range: Range, spans: Iterable<PlacedSpan>, allowOverlap: boolean, ignoreId?: string): Placement {
  if (allowOverlap) return { ok: true };
  const hit = overlapping(range, spans, ignoreId);
  if (hit === undefined) return { ok: true };
  return {
    ok: false,
    overlaps: hit,
    reason: `[${range.start}, ${range.end}) overlaps span ${hit.id} (${hit.label}, [${hit.start}, ${hit.end})) and this project does not allow overlapping spans`,
  };
}

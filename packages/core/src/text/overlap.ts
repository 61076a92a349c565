/**
 * The overlap rule for text spans, one home for the server's submit check, the text engine and the
 * web workspace. Offsets are code points, half-open [start, end): two spans overlap when they share
 * a code point, so touching ends ([0,5) and [5,9)) do not. When a project forbids overlap, a new
 * span may not overlap any other (predictions count: accepting one would create the overlap).
 */
export interface TextRange { start: number; end: number }
export interface PlacedSpan extends TextRange { id: string; label: string }

/** `overlaps` is absent when the range itself is invalid (empty or outside the text). */
export type Placement = { ok: true } | { ok: false; reason: string; overlaps?: PlacedSpan };

export function spansOverlap(a: TextRange, b: TextRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The earliest span (by start) that overlaps `range`, leaving out `ignoreId` (the span being changed). */
export function overlapping<S extends TextRange & { id: string }>(range: TextRange, spans: Iterable<S>, ignoreId?: string): S | undefined {
  let best: S | undefined;
  for (const s of spans) {
    if (s.id === ignoreId || !spansOverlap(s, range)) continue;
    if (best === undefined || s.start < best.start) best = s;
  }
  return best;
}

export function checkPlacement(range: TextRange, spans: Iterable<PlacedSpan>, allowOverlap: boolean, ignoreId?: string): Placement {
  if (allowOverlap) return { ok: true };
  const hit = overlapping(range, spans, ignoreId);
  if (hit === undefined) return { ok: true };
  return {
    ok: false,
    overlaps: hit,
    reason: `[${range.start}, ${range.end}) overlaps span ${hit.id} (${hit.label}, [${hit.start}, ${hit.end})) and this project does not allow overlapping spans`,
  };
}

/**
 * Grapheme boundaries in code points, for snapping and tokens: the rule itself (UAX #29 clusters,
 * the same the server checks on submit) lives in core; this maps code points to it and keeps one
 * lazily filled index per text.
 */
import { GraphemeBoundaries } from '@cadre/core';
import type { CodePointText } from './offsets.ts';

const indexes = new WeakMap<CodePointText, GraphemeBoundaries>();

function boundariesOf(t: CodePointText): GraphemeBoundaries {
  let b = indexes.get(t);
  if (!b) {
    b = new GraphemeBoundaries(t.text);
    indexes.set(t, b);
  }
  return b;
}

/** Is code point offset `i` a place where a span may start or end? */
export function isGraphemeBoundary(t: CodePointText, i: number): boolean {
  if (i <= 0 || i >= t.length) return true;
  return boundariesOf(t).isBoundary(t.toUtf16(i));
}

/** The grapheme boundary at or before `i`. */
export function boundaryBefore(t: CodePointText, i: number): number {
  let j = Math.max(0, Math.min(t.length, i));
  while (!isGraphemeBoundary(t, j)) j--;
  return j;
}

/** The grapheme boundary at or after `i`. */
export function boundaryAfter(t: CodePointText, i: number): number {
  let j = Math.max(0, Math.min(t.length, i));
  while (!isGraphemeBoundary(t, j)) j++;
  return j;
}

/**
 * Nesting levels for overlapping spans, so each is shown on its own underline: spans sorted by
 * start, longer first, each takes the lowest level free at its start (interval-graph colouring,
 * optimal: the number of levels equals the deepest overlap). Outer spans get the lower levels.
 */
import type { Range } from './snap.ts';

/** levels[i] is the level of spans[i]; the input order is kept. */
export function nestingLevels(spans: readonly Range[]): Int32Array {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start || spans[b]!.end - spans[a]!.end);
  const levels = new Int32Array(spans.length);
  const freeAt: number[] = []; // freeAt[level] = the end of the last span on that level
  for (const i of order) {
    const s = spans[i]!;
    let level = 0;
    while (level < freeAt.length && freeAt[level]! > s.start) level++;
    freeAt[level] = s.end;
    levels[i] = level;
  }
  return levels;
}

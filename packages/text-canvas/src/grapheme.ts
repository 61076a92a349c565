/**
 * Grapheme boundaries, detected simply: a boundary never falls before a combining mark, a
 * variation selector, an emoji skin-tone modifier or a ZWJ, nor right after a ZWJ, nor inside a
 * pair of regional indicators (a flag). Enough to keep "é" (e + U+0301), 👩‍💻 and 🇫🇷 whole without
 * a full UAX #29 implementation.
 */
import type { CodePointText } from './offsets.ts';

const MARK = /^[\p{M}\u200d\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]$/u;
const ZWJ = 0x200d;
const isRegional = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff;

function isExtender(cp: number): boolean {
  return cp >= 0 && (cp === ZWJ || (cp >= 0x300 && MARK.test(String.fromCodePoint(cp))));
}

/** Is code point offset `i` a place where a span may start or end? */
export function isGraphemeBoundary(t: CodePointText, i: number): boolean {
  if (i <= 0 || i >= t.length) return true;
  const cur = t.at(i), prev = t.at(i - 1);
  if (isExtender(cur) || prev === ZWJ) return false;
  if (cur === 0x0a && prev === 0x0d) return false;
  if (isRegional(cur) && isRegional(prev)) {
    // Flags pair regional indicators from the left: count the run before i.
    let run = 0;
    for (let j = i - 1; j >= 0 && isRegional(t.at(j)); j--) run++;
    return run % 2 === 0;
  }
  return true;
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

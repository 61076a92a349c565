/**
 * Snapping a raw selection. 'token': the start moves back to the start of the token it falls in
 * (or forward to the next token when it falls in spaces), the end moves forward to the end of its
 * token (or back over spaces); a selection of nothing but spaces snaps to null. 'char': the range
 * is kept, except that its ends move outwards to grapheme boundaries.
 */
import { boundaryAfter, boundaryBefore } from './grapheme.ts';
import type { CodePointText } from './offsets.ts';
import { firstEndingAfter, lastStartingBefore, type Tokens } from './tokens.ts';

export type Granularity = 'token' | 'char';
export interface Range { start: number; end: number }

export function snapRange(raw: Range, t: CodePointText, tok: Tokens, granularity: Granularity): Range | null {
  let start = Math.max(0, Math.min(t.length, Math.min(raw.start, raw.end)));
  let end = Math.max(0, Math.min(t.length, Math.max(raw.start, raw.end)));
  if (start === end) return null;
  if (granularity === 'char') {
    start = boundaryBefore(t, start);
    end = boundaryAfter(t, end);
    return start < end ? { start, end } : null;
  }
  const first = firstEndingAfter(tok, start);
  const last = lastStartingBefore(tok, end);
  if (first >= tok.count || last < 0 || first > last) return null;
  // `first` is the token the start falls in, or the next one after spaces; `last` likewise backwards.
  return { start: tok.starts[first]!, end: tok.ends[last]! };
}

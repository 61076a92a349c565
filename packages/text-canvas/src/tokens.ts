/**
 * Tokenisation for snapping: a token is a run of letters and digits (with their combining marks),
 * or one Han/kana character, or one other non-space grapheme (punctuation, symbol, emoji). Spaces
 * are not tokens. This is the rule behind CoNLL files such as ncbi-disease (`[^\W_]+|\S`), so the
 * tokens of a space-joined sentence are exactly its CoNLL tokens.
 */
import { isGraphemeBoundary } from './grapheme.ts';
import type { CodePointText } from './offsets.ts';

const enum Kind { Space, Word, Ideograph, Other, Extender }

const WORD = /^[\p{L}\p{N}]$/u;
const IDEOGRAPH = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]$/u;
const SPACE = /^\s$/u;
const EXTENDER = /^[\p{M}\u200d\u{1f3fb}-\u{1f3ff}]$/u;

const ascii = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const s = String.fromCharCode(c);
  ascii[c] = SPACE.test(s) ? Kind.Space : WORD.test(s) ? Kind.Word : Kind.Other;
}

function kindOf(cp: number): Kind {
  if (cp < 128) return ascii[cp] as Kind;
  const s = String.fromCodePoint(cp);
  if (EXTENDER.test(s)) return Kind.Extender;
  if (IDEOGRAPH.test(s)) return Kind.Ideograph;
  if (WORD.test(s)) return Kind.Word;
  return SPACE.test(s) ? Kind.Space : Kind.Other;
}

/** Token boundaries in code points: token i is [starts[i], ends[i]), in text order. */
export interface Tokens {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

export function tokenize(t: CodePointText): Tokens {
  const starts: number[] = [], ends: number[] = [];
  const n = t.length;
  let i = 0;
  while (i < n) {
    const k = kindOf(t.at(i));
    if (k === Kind.Space) { i++; continue; }
    const start = i++;
    if (k === Kind.Word) {
      while (i < n) {
        const next = kindOf(t.at(i));
        if (next !== Kind.Word && next !== Kind.Extender) break;
        i++;
      }
    }
    // Whatever the kind, a token never ends inside a grapheme (e + U+0301, 👩‍💻, 🇫🇷).
    while (i < n && !isGraphemeBoundary(t, i)) i++;
    starts.push(start);
    ends.push(i);
  }
  return { count: starts.length, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Index of the first token whose end is > `pos` (count when none). */
export function firstEndingAfter(tok: Tokens, pos: number): number {
  let lo = 0, hi = tok.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tok.ends[mid]! > pos) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the last token whose start is < `pos` (-1 when none). */
export function lastStartingBefore(tok: Tokens, pos: number): number {
  let lo = 0, hi = tok.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tok.starts[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

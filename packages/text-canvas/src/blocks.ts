/**
 * The document cut into blocks, the unit of virtualised rendering: whole lines packed until a
 * block holds about `target` code points, so a cut right after a newline changes nothing on
 * screen. A line longer than twice the target is cut inside, after a sentence end if one comes
 * soon after the target, else at the next token start; that cut shows as a line break.
 */
import type { CodePointText } from './offsets.ts';
import type { Range } from './snap.ts';
import { firstEndingAfter, type Tokens } from './tokens.ts';

export const BLOCK_TARGET = 2048;
const SENTENCE_END = new Set(['.', '!', '?', '。', '！', '？']);

/** Contiguous ranges covering [0, length); an empty text has one empty block. */
export function splitBlocks(t: CodePointText, tok: Tokens, target = BLOCK_TARGET): Range[] {
  const blocks: Range[] = [];
  let start = 0;
  let lastNewline = -1; // the position after the last newline seen in the current block
  for (let i = 0; i < t.length; i++) {
    if (t.at(i) === 0x0a) {
      lastNewline = i + 1;
      if (i + 1 - start >= target) { blocks.push({ start, end: i + 1 }); start = i + 1; lastNewline = -1; }
      continue;
    }
    if (i - start < 2 * target) continue;
    // Twice the target and still no place to cut: cut after the last newline, or inside the line.
    const cut = lastNewline > start ? lastNewline : cutInside(t, tok, start + target, i);
    blocks.push({ start, end: cut });
    start = cut;
    lastNewline = -1;
  }
  if (start < t.length || blocks.length === 0) blocks.push({ start, end: t.length });
  return blocks;
}

/** A token start in (from, limit], preferring the first one after a sentence end. */
function cutInside(t: CodePointText, tok: Tokens, from: number, limit: number): number {
  let k = firstEndingAfter(tok, from);
  let fallback = -1;
  for (; k + 1 < tok.count && tok.starts[k + 1]! <= limit; k++) {
    const next = tok.starts[k + 1]!;
    if (next <= from || next === tok.ends[k]) continue; // only cut where there is a space
    if (fallback < 0) fallback = next;
    if (tok.ends[k]! - tok.starts[k]! === 1 && SENTENCE_END.has(String.fromCodePoint(t.at(tok.starts[k]!)))) return next;
  }
  return fallback > 0 ? fallback : limit;
}

/** Index of the block holding code point `pos` (the last block for pos = length). */
export function blockAt(blocks: readonly Range[], pos: number): number {
  let lo = 0, hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (blocks[mid]!.start <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Keyboard selection, token-wise, as a pure function of the key and the current cursor.
 *
 * The cursor is an anchor and a focus (code points), as in a browser selection; with nothing
 * selected it is a caret. The focus moves one token boundary per key, the anchor stays:
 * - Shift+Right / Shift+Left with nothing selected select the token at (or after / before) the caret.
 * - Shift+Right moves the focus to the next token end (extends) when the focus is right of the
 *   anchor, or to the next token start (shrinks from the left) when it is left of it; Shift+Left
 *   mirrors that. A selection is never empty: crossing the anchor jumps to the token beyond it.
 * - Ctrl+Right or Alt+Right (either, for Windows/Linux and macOS habits) moves the caret to the
 *   end of the token at or after it; Ctrl/Alt+Left to the start of the token before it. With a
 *   selection they collapse it to its right / left end.
 * - Escape clears; Delete and Backspace ask to delete the selected span.
 */
import { firstEndingAfter, lastStartingBefore, type Tokens } from './tokens.ts';

export interface KeyInput { key: string; shiftKey?: boolean; ctrlKey?: boolean; altKey?: boolean; metaKey?: boolean }
export interface Cursor { anchor: number; focus: number }

export type KeyCommand =
  | { kind: 'select'; cursor: Cursor }
  | { kind: 'caret'; caret: number }
  | { kind: 'clear' }
  | { kind: 'delete' };

/** What a key does, or null when it is not ours (the host may use it). */
export function keyCommand(e: KeyInput, tok: Tokens, sel: Cursor | null, caret: number): KeyCommand | null {
  if (e.metaKey) return null;
  if (e.key === 'Escape') return { kind: 'clear' };
  if (e.key === 'Delete' || e.key === 'Backspace') return e.shiftKey || e.ctrlKey || e.altKey ? null : { kind: 'delete' };
  if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return null;
  const right = e.key === 'ArrowRight';
  if (e.shiftKey) {
    const cursor = sel === null ? startSelection(tok, caret, right) : moveFocus(tok, sel, right);
    return cursor === null ? null : { kind: 'select', cursor };
  }
  if (!(e.ctrlKey || e.altKey)) return null;
  if (sel !== null) return { kind: 'caret', caret: right ? Math.max(sel.anchor, sel.focus) : Math.min(sel.anchor, sel.focus) };
  return { kind: 'caret', caret: right ? nextEnd(tok, caret) ?? caret : prevStart(tok, caret) ?? 0 };
}

/** End of the token holding or following `p`. */
export function nextEnd(tok: Tokens, p: number): number | undefined {
  const k = firstEndingAfter(tok, p);
  return k < tok.count ? tok.ends[k] : undefined;
}

/** Start of the token holding `p - 1`, or the last token before `p`. */
export function prevStart(tok: Tokens, p: number): number | undefined {
  const k = lastStartingBefore(tok, p);
  return k >= 0 ? tok.starts[k] : undefined;
}

function startSelection(tok: Tokens, caret: number, right: boolean): Cursor | null {
  if (right) {
    const k = firstEndingAfter(tok, caret);
    return k < tok.count ? { anchor: tok.starts[k]!, focus: tok.ends[k]! } : null;
  }
  const k = lastStartingBefore(tok, caret);
  return k >= 0 ? { anchor: tok.ends[k]!, focus: tok.starts[k]! } : null;
}

function moveFocus(tok: Tokens, { anchor, focus }: Cursor, right: boolean): Cursor {
  if (right && focus > anchor) return { anchor, focus: nextEnd(tok, focus) ?? focus };
  if (!right && focus < anchor) return { anchor, focus: prevStart(tok, focus) ?? focus };
  if (right) {
    // Shrinking from the left: the next token start, unless that reaches the anchor; then the
    // selection flips to the token after the anchor (anchored at that token's start).
    const start = tok.starts[firstEndingAfter(tok, focus) + 1];
    if (start !== undefined && start < anchor) return { anchor, focus: start };
    return startSelection(tok, anchor, true) ?? { anchor, focus };
  }
  const k = lastStartingBefore(tok, focus);
  const end = k >= 1 ? tok.ends[k - 1] : undefined;
  if (end !== undefined && end > anchor) return { anchor, focus: end };
  return startSelection(tok, anchor, false) ?? { anchor, focus };
}

/**
 * Code points ↔ UTF-16 units. Spans are stored in Unicode code points (core's text_span kind) so an
 * emoji counts once in Python and in the browser; the DOM and `String.slice` count UTF-16 units.
 */

/** Number of code points in `s` (a surrogate pair counts once; a lone surrogate counts once too). */
export function countCodePoints(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    n++;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/** A text indexed both ways. Built once per document: O(n) time, 4 bytes per code point. */
export class CodePointText {
  readonly text: string;
  /** Code points in the text. */
  readonly length: number;
  /** utf16[i] = the UTF-16 index where code point i starts; utf16[length] = text.length. */
  private readonly utf16: Uint32Array;
  /** Only set when the text has surrogate pairs; otherwise both offsets are the same number. */
  private readonly astral: boolean;

  constructor(text: string) {
    this.text = text;
    const n = countCodePoints(text);
    this.length = n;
    this.astral = n !== text.length;
    this.utf16 = new Uint32Array(this.astral ? n + 1 : 0);
    if (!this.astral) return;
    let cp = 0;
    for (let i = 0; i < text.length; i++) {
      this.utf16[cp++] = i;
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
    }
    this.utf16[n] = text.length;
  }

  /** UTF-16 index of code point offset `cp` (clamped to the text). */
  toUtf16(cp: number): number {
    const i = Math.max(0, Math.min(this.length, cp));
    return this.astral ? this.utf16[i]! : i;
  }

  /** Code point offset of UTF-16 index `u`; an index inside a surrogate pair rounds down to its start. */
  toCodePoint(u: number): number {
    const i = Math.max(0, Math.min(this.text.length, u));
    if (!this.astral) return i;
    let lo = 0, hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.utf16[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The text of code points [start, end). */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }

  /** The code point at offset `cp`, or -1 outside the text. */
  at(cp: number): number {
    if (cp < 0 || cp >= this.length) return -1;
    return this.text.codePointAt(this.toUtf16(cp))!;
  }
}

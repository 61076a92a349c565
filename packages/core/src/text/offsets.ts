// Offsets into a text in Unicode code points (what Cadre stores: text_span geometry, CoNLL token
// offsets) and in UTF-16 code units (what JavaScript strings and Label Studio's frontend count).
// They differ only where the text has characters outside the Basic Multilingual Plane (most emoji,
// rare CJK): each counts 1 code point but 2 UTF-16 units. Combining marks count as their own code
// point in both, so an accented letter written e + U+0301 is 2 in either unit.

const SURROGATE = /[\uD800-\uDFFF]/;

/** Converts offsets of one text both ways; a text without astral characters takes the identity path. */
export class OffsetMap {
  /** utf16At[cp] = UTF-16 index of code point cp (length codePoints + 1); null when identical. */
  private readonly utf16At: Uint32Array | null;
  readonly codePoints: number;

  constructor(readonly text: string) {
    if (!SURROGATE.test(text)) {
      this.utf16At = null;
      this.codePoints = text.length;
      return;
    }
    const at: number[] = [];
    let i = 0;
    while (i < text.length) {
      at.push(i);
      const c = text.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    }
    at.push(text.length);
    this.utf16At = Uint32Array.from(at);
    this.codePoints = at.length - 1;
  }

  /** UTF-16 index of a code-point offset (0..codePoints); undefined outside. */
  toUtf16(cp: number): number | undefined {
    if (cp < 0 || cp > this.codePoints) return undefined;
    return this.utf16At === null ? cp : this.utf16At[cp]!;
  }

  /** Code-point offset of a UTF-16 index; undefined outside the text or inside a surrogate pair. */
  toCodePoint(u16: number): number | undefined {
    if (this.utf16At === null) return u16 >= 0 && u16 <= this.text.length ? u16 : undefined;
    let lo = 0;
    let hi = this.codePoints;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.utf16At[mid]!;
      if (v === u16) return mid;
      if (v < u16) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** The text between two code-point offsets ('' when either is outside). */
  slice(start: number, end: number): string {
    const a = this.toUtf16(start);
    const b = this.toUtf16(end);
    return a === undefined || b === undefined ? '' : this.text.slice(a, b);
  }
}

/** Length in code points. */
export function codePointLength(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

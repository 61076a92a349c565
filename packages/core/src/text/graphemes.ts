/**
 * Where a text span may start or end: at a boundary between user-perceived characters (extended
 * grapheme clusters, UAX #29, as Intl.Segmenter finds them), so a span never holds half of a Hangul
 * syllable written as jamo (ᄒ ᅡ ᆫ), of a Devanagari conjunct (क्षि) or of an emoji ZWJ sequence.
 *
 * Offsets here are UTF-16 indexes; callers holding code points convert. Intl.Segmenter slows down
 * badly on long strings (quadratic in V8), and most boundary questions are about plain text, so
 * plain neighbours are answered without it and the rest is segmented lazily, one chunk at a time.
 */

const CHUNK = 512;
/** Context segmented on each side of a chunk, so its first and last clusters are seen whole. */
const MARGIN = 32;
const ZWJ = 0x200d;
const CR = 0x0d, LF = 0x0a;
/** Prepend characters (GB9b) join what follows them. */
const PREPEND = /^[\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u{110bd}\u{110cd}\u0d4e\u{111c2}\u{111c3}\u{1193f}\u{11941}\u{11a3a}\u{11a84}-\u{11a89}\u{11d46}\u{11f02}]$/u;

let segmenter: Intl.Segmenter | null = null;
const graphemes = () => (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** A regional indicator (flag half) is U+1F1E6..U+1F1FF: D83C DDE6..DDFF in UTF-16. */
const isRegionalAt = (s: string, i: number) => s.charCodeAt(i) === 0xd83c && s.charCodeAt(i + 1) >= 0xdde6 && s.charCodeAt(i + 1) <= 0xddff;

const PUNCTUATION_OR_SPACE = /^[\p{P}\p{Zs}]$/u;
const isLeadingJamo = (c: number) => (c >= 0x1100 && c <= 0x115f) || (c >= 0xa960 && c <= 0xa97c);

/**
 * Characters that never join the cluster before them (no Extend, SpacingMark, jamo or conjunct
 * rule applies) unless a ZWJ, a prepend or CR comes first: most of Latin, CJK and Hangul text.
 */
function startsCluster(cur: number, prev: number): boolean {
  if (cur < 0x300) return true;
  if (cur >= 0x3400 && cur <= 0x9fff) return true; // CJK ideographs
  if (cur >= 0x3000 && cur <= 0x3029) return true; // CJK spaces and punctuation (U+302A on are marks)
  if (cur >= 0xff01 && cur <= 0xff5e) return true; // full-width forms
  if (cur >= 0xac00 && cur <= 0xd7a3) return !isLeadingJamo(prev); // Hangul syllables
  // Punctuation and spaces of any script (the danda ।, the Arabic comma) are never marks.
  return (cur < 0xd800 || cur > 0xdfff) && PUNCTUATION_OR_SPACE.test(String.fromCharCode(cur));
}

export class GraphemeBoundaries {
  readonly text: string;
  private readonly chunks = new Map<number, Uint8Array>();

  constructor(text: string) {
    this.text = text;
  }

  /** Is UTF-16 index `i` a place where a span may start or end? */
  isBoundary(i: number): boolean {
    const s = this.text;
    if (i <= 0 || i >= s.length) return true;
    const cur = s.charCodeAt(i), prev = s.charCodeAt(i - 1);
    if (isLow(cur) && isHigh(prev)) return false;
    if (startsCluster(cur, prev) && !(cur === LF && prev === CR) && prev !== ZWJ && !(prev >= 0x600 && PREPEND.test(s[i - 1]!))) return true;
    const k = Math.floor(i / CHUNK);
    let marks = this.chunks.get(k);
    if (!marks) {
      marks = this.segmentChunk(k);
      this.chunks.set(k, marks);
    }
    return marks[i - k * CHUNK] === 1;
  }

  /** The boundary at or before `i`. */
  before(i: number): number {
    let j = Math.max(0, Math.min(this.text.length, i));
    while (!this.isBoundary(j)) j--;
    return j;
  }

  /** The boundary at or after `i`. */
  after(i: number): number {
    let j = Math.max(0, Math.min(this.text.length, i));
    while (!this.isBoundary(j)) j++;
    return j;
  }

  private segmentChunk(k: number): Uint8Array {
    const s = this.text;
    const from = k * CHUNK, to = Math.min(s.length, from + CHUNK);
    // Start where a cluster surely starts: before a plain character, or before a run of flag halves
    // (which pair from the left, so the whole run is needed).
    let start = Math.max(0, from - MARGIN);
    while (start > 0 && s.charCodeAt(start) >= 0x300 && start > from - 4 * MARGIN) start--;
    if (isLow(s.charCodeAt(start)) && start > 0) start--;
    while (start > 1 && isRegionalAt(s, start - 2)) start -= 2;
    let end = Math.min(s.length, to + MARGIN);
    if (isHigh(s.charCodeAt(end - 1)) && end < s.length) end++;
    const marks = new Uint8Array(to - from + 1);
    for (const g of graphemes().segment(s.slice(start, end))) {
      const at = start + g.index;
      if (at >= from && at <= to) marks[at - from] = 1;
    }
    return marks;
  }
}

/** Does a span [start, end) in UTF-16 indexes cut a grapheme cluster of `b`'s text? */
export function cutsGrapheme(b: GraphemeBoundaries, start: number, end: number): boolean {
  return !b.isBoundary(start) || !b.isBoundary(end);
}

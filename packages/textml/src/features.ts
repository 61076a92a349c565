/**
 * Text → sparse feature vector: word unigrams and bigrams and character 3- and 4-grams inside word
 * boundaries, hashed into 2^bits buckets (FNV-1a), sublinear term frequency times inverse document
 * frequency, L2-normalised. Hashing keeps the model a fixed size however large the vocabulary grows,
 * so a project's model can be trained again as labels arrive without re-indexing anything.
 */
export interface SparseVector { idx: Int32Array; val: Float32Array }

export interface FeatureOptions {
  /** log2 of the number of buckets; default 18. */
  bits?: number;
  /** Character n-gram lengths inside word boundaries; default 3 and 4. Empty: words only. */
  charGrams?: readonly number[];
}

export const DEFAULT_BITS = 18;
const DEFAULT_CHAR_GRAMS = [3, 4] as const;

/** Lower-cased word tokens: runs of letters and digits (any script), apostrophes kept inside words. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
}

/** FNV-1a, 32 bits, with a seed mixed into its offset basis (one hash family per kind of feature). */
export function fnv1a(s: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The hashed feature counts of one text (bucket → count), before weighting. */
export function hashedCounts(text: string, o: FeatureOptions = {}): Map<number, number> {
  const mask = (1 << (o.bits ?? DEFAULT_BITS)) - 1;
  const grams = o.charGrams ?? DEFAULT_CHAR_GRAMS;
  const counts = new Map<number, number>();
  const add = (key: string, seed: number) => {
    const b = fnv1a(key, seed) & mask;
    counts.set(b, (counts.get(b) ?? 0) + 1);
  };
  const words = tokenize(text);
  for (let i = 0; i < words.length; i++) {
    add(words[i]!, 1);
    if (i > 0) add(`${words[i - 1]} ${words[i]}`, 2);
    const padded = ` ${words[i]} `;
    for (const n of grams) for (let s = 0; s + n <= padded.length; s++) add(padded.slice(s, s + n), 3 + n);
  }
  return counts;
}

/**
 * Inverse document frequencies learned from a corpus (labels not needed: a project's whole pool
 * of texts is the corpus), then used to turn texts into weighted unit vectors.
 */
export class Vectorizer {
  readonly bits: number;
  private readonly options: FeatureOptions;
  private idf: Float32Array;

  constructor(o: FeatureOptions = {}) {
    this.bits = o.bits ?? DEFAULT_BITS;
    this.options = o;
    this.idf = new Float32Array(1 << this.bits).fill(1);
  }

  get dimension(): number { return 1 << this.bits; }

  /** Learns document frequencies from these texts (smoothed: log((1+n)/(1+df)) + 1). */
  fit(texts: Iterable<string>): this {
    const df = new Uint32Array(this.dimension);
    let n = 0;
    for (const t of texts) {
      n++;
      for (const b of hashedCounts(t, this.options).keys()) df[b] = df[b]! + 1;
    }
    for (let b = 0; b < df.length; b++) this.idf[b] = Math.log((1 + n) / (1 + df[b]!)) + 1;
    return this;
  }

  transform(text: string): SparseVector {
    const counts = hashedCounts(text, this.options);
    const idx = new Int32Array(counts.size);
    const val = new Float32Array(counts.size);
    let i = 0;
    let norm = 0;
    for (const [b, c] of counts) {
      const w = (1 + Math.log(c)) * this.idf[b]!;
      idx[i] = b;
      val[i] = w;
      norm += w * w;
      i++;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < val.length; j++) val[j] = val[j]! * inv;
    return { idx, val };
  }
}

// The sentence encoder's tokenizer: a unigram SentencePiece vocabulary (piece, log-probability),
// text cut into the pieces of highest total score (Viterbi). As SentencePiece does for this model:
// NFKC, every space (and the start) marked '▁'; a character no piece covers becomes the unknown
// piece (id 0), consecutive unknowns one; the first `reserved` ids (unknown, <s>, </s>, …) are never
// produced from text. The shipped vocabulary gives a few pieces (':' among them) a null score; they
// count 0, as in the encoder's reference tokenizer (tfjs-models), whose cuts the model was fed.
export const SPACE = '\u2581';

export class PieceVocabulary {
  private readonly pieces = new Map<string, { score: number; id: number }>();
  private readonly longest: number;

  constructor(entries: ReadonlyArray<readonly [string, number | null]>, reserved = 6) {
    let longest = 1;
    for (let id = reserved; id < entries.length; id++) {
      const [piece, given] = entries[id]!;
      const score = given ?? 0;
      if (typeof piece !== 'string' || piece.length === 0 || typeof score !== 'number' || !Number.isFinite(score)) {
        throw new Error(`vocabulary entry ${id} is not [piece, score]: ${JSON.stringify(entries[id])}`);
      }
      if (!this.pieces.has(piece)) this.pieces.set(piece, { score, id });
      longest = Math.max(longest, [...piece].length);
    }
    this.longest = longest;
  }

  get size(): number { return this.pieces.size; }

  /** The ids of the text's best cut into pieces. */
  encode(text: string): number[] {
    const normal = text.normalize('NFKC');
    if (normal.length === 0) return [];
    const chars = [...(SPACE + normal.replaceAll(' ', SPACE))];
    const n = chars.length;
    const best = new Float64Array(n + 1).fill(-Infinity);
    const from = new Int32Array(n + 1);
    const id = new Int32Array(n + 1);
    best[0] = 0;
    for (let i = 0; i < n; i++) {
      if (best[i] === -Infinity) continue;
      let key = '';
      let covered = false;
      for (let j = i; j < Math.min(n, i + this.longest); j++) {
        key += chars[j];
        const p = this.pieces.get(key);
        if (!p) continue;
        covered = true;
        const score = best[i]! + p.score;
        if (score >= best[j + 1]!) { best[j + 1] = score; from[j + 1] = i; id[j + 1] = p.id; }
      }
      // No piece starts with this character: it is unknown, at no cost.
      if (!covered && best[i]! >= best[i + 1]!) { best[i + 1] = best[i]!; from[i + 1] = i; id[i + 1] = 0; }
    }
    const ids: number[] = [];
    for (let end = n; end > 0; end = from[end]!) ids.push(id[end]!);
    ids.reverse();
    return ids.filter((t, k) => !(t === 0 && ids[k - 1] === 0));
  }
}

import { seededRandom } from '@cadre/core';
import { fnv1a } from './features.ts';
import { shuffle } from './softmax.ts';
import { spansFromTags, tagsFromSpans, type TokenSpan } from './spans.ts';

/**
 * An entity tagger over tokens: an averaged perceptron (Collins 2002) deciding BIO tags left to
 * right from hashed features of the word, its shape, prefixes and suffixes, its neighbours and the
 * tags it already chose, with I- tags allowed only where they continue a span. Learns from the
 * spans people accepted; deterministic for a seed.
 */
export interface TaggedSentence { tokens: readonly string[]; spans: readonly TokenSpan[] }

const BITS = 20;
const MASK = (1 << BITS) - 1;

const hash = (s: string): number => fnv1a(s, 0) & MASK;

function shape(w: string): string {
  const s = w.replace(/[A-Z]/g, 'X').replace(/[a-z]/g, 'x').replace(/[0-9]/g, 'd');
  return s.replace(/(.)\1{2,}/g, '$1$1');
}

/** Hashed features of token i: what the word looks like and what surrounds it (not the tags). */
function tokenFeatures(tokens: readonly string[], i: number): number[] {
  const at = (j: number) => (j < 0 ? '<s>' : j >= tokens.length ? '</s>' : tokens[j]!.toLowerCase());
  const w = tokens[i]!;
  const lw = w.toLowerCase();
  const f = [
    'b', `w=${lw}`, `sh=${shape(w)}`, `p1=${lw.slice(0, 1)}`, `p2=${lw.slice(0, 2)}`, `p3=${lw.slice(0, 3)}`, `p4=${lw.slice(0, 4)}`,
    `s1=${lw.slice(-1)}`, `s2=${lw.slice(-2)}`, `s3=${lw.slice(-3)}`, `s4=${lw.slice(-4)}`, `s5=${lw.slice(-5)}`,
    `w-1=${at(i - 1)}`, `w+1=${at(i + 1)}`, `w-2=${at(i - 2)}`, `w+2=${at(i + 2)}`,
    `w-1w=${at(i - 1)}|${lw}`, `ww+1=${lw}|${at(i + 1)}`,
    `s3-1=${at(i - 1).slice(-3)}`, `s3+1=${at(i + 1).slice(-3)}`,
    `cap=${/^[A-Z]/.test(w)}`, `allcap=${/^[A-Z0-9]+$/.test(w) && /[A-Z]/.test(w)}`, `dig=${/\d/.test(w)}`, `hy=${w.includes('-')}`, `len=${Math.min(w.length, 12)}`,
  ];
  return f.map(hash);
}

export class PerceptronTagger {
  readonly tags: string[];
  private readonly w: Float32Array;
  private readonly total: Float64Array;
  private readonly stamp: Int32Array;
  private clock = 0;
  private averaged = false;

  constructor(entityTypes: readonly string[]) {
    if (entityTypes.length === 0) throw new Error('the tagger needs at least one entity type');
    this.tags = ['O', ...entityTypes.flatMap((t) => [`B-${t}`, `I-${t}`])];
    const size = (1 << BITS) * this.tags.length;
    this.w = new Float32Array(size);
    this.total = new Float64Array(size);
    this.stamp = new Int32Array(size);
  }

  /** Trains for `epochs` passes (default 8), then averages the weights. */
  train(sentences: readonly TaggedSentence[], o: { epochs?: number; seed?: number } = {}): void {
    if (this.averaged) throw new Error('this tagger has been averaged; make a new one to train again');
    const random = seededRandom(`tagger:${o.seed ?? 1}`);
    const order = sentences.map((_, i) => i);
    const known = new Set(this.tags);
    const cached = sentences.map((s) => s.tokens.map((_, i) => tokenFeatures(s.tokens, i)));
    for (let e = 0; e < (o.epochs ?? 8); e++) {
      shuffle(order, random);
      for (const s of order) {
        const { tokens, spans } = sentences[s]!;
        const gold = tagsFromSpans(tokens.length, spans);
        for (const g of gold) if (!known.has(g)) throw new Error(`sentence ${s + 1}: tag ${g} is not one of the tagger's (${this.tags.join(', ')})`);
        this.decode(tokens, cached[s]!, (i, guess, feats) => {
          this.clock++;
          const truth = this.tags.indexOf(gold[i]!);
          if (guess !== truth) {
            for (const f of feats) { this.update(f, truth, 1); this.update(f, guess, -1); }
          }
          return truth;
        });
      }
    }
    this.average();
  }

  predict(tokens: readonly string[]): TokenSpan[] {
    const tags: string[] = [];
    this.decode(tokens, tokens.map((_, i) => tokenFeatures(tokens, i)), (_, guess) => { tags.push(this.tags[guess]!); return guess; });
    return spansFromTags(tags);
  }

  /**
   * Left to right: scores each tag from the token's features and the previous two tags, chooses
   * the best allowed one and hands it to `then`, which returns the tag the next tokens see.
   */
  private decode(tokens: readonly string[], features: readonly number[][], then: (i: number, guess: number, feats: number[]) => number): void {
    const k = this.tags.length;
    const scores = new Float64Array(k);
    let prev = 'O';
    let prev2 = 'O';
    for (let i = 0; i < tokens.length; i++) {
      const feats = [...features[i]!,hash(`t-1=${prev}`), hash(`t-2=${prev2}|${prev}`), hash(`t-1w=${prev}|${tokens[i]!.toLowerCase()}`)];
      scores.fill(0);
      for (const f of feats) for (let c = 0; c < k; c++) scores[c] = scores[c]! + this.w[f * k + c]!;
      let best = 0;
      for (let c = 1; c < k; c++) {
        const tag = this.tags[c]!;
        if (tag.startsWith('I-') && prev.slice(2) !== tag.slice(2)) continue;
        if (scores[c]! > scores[best]!) best = c;
      }
      const chosen = then(i, best, feats);
      prev2 = prev;
      prev = this.tags[chosen]!;
    }
  }

  private update(f: number, c: number, delta: number): void {
    const at = f * this.tags.length + c;
    this.total[at] = this.total[at]! + (this.clock - this.stamp[at]!) * this.w[at]!;
    this.stamp[at] = this.clock;
    this.w[at] = this.w[at]! + delta;
  }

  private average(): void {
    for (let at = 0; at < this.w.length; at++) {
      const total = this.total[at]! + (this.clock - this.stamp[at]!) * this.w[at]!;
      this.w[at] = this.clock ? total / this.clock : 0;
    }
    this.averaged = true;
  }
}

/** CoNLL-style text: one token a line, its tag in the last column, blank lines between sentences. */
export function readConll(text: string, file = 'input'): TaggedSentence[] {
  const sentences: TaggedSentence[] = [];
  let tokens: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (tokens.length) sentences.push({ tokens, spans: spansFromTags(tags) });
    tokens = [];
    tags = [];
  };
  text.split(/\r?\n/).forEach((line, n) => {
    if (line.trim() === '') { flush(); return; }
    const cols = line.includes('\t') ? line.split('\t') : line.trim().split(/\s+/);
    if (cols[0] === '-DOCSTART-') { flush(); return; }
    if (cols.length < 2) throw new Error(`${file}:${n + 1}: expected a token and a tag, got ${JSON.stringify(line.slice(0, 60))}`);
    const tag = cols[cols.length - 1]!.trim();
    if (tag !== 'O' && !/^[BIESLU]-./.test(tag)) throw new Error(`${file}:${n + 1}: tag ${JSON.stringify(tag)} is not O or B-/I-/E-/S-<type>`);
    tokens.push(cols[0]!);
    tags.push(tag);
  });
  flush();
  return sentences;
}

import { Vectorizer, type FeatureOptions, type SparseVector } from './features.ts';
import { SoftmaxModel, type TrainOptions } from './softmax.ts';
import { topClass } from './uncertainty.ts';

/** The settings the banking77 tuning split chose (see docs/text-learning.md). */
export const DEFAULT_FEATURES: FeatureOptions = { bits: 18, charGrams: [3, 4] };
export const DEFAULT_TRAINING: TrainOptions = { epochs: 8, learningRate: 4, l2: 0 };

export interface Prediction { label: string; score: number; probabilities: Float64Array }

/**
 * How much a sentence embedding counts beside the hashed features (both unit length): chosen on
 * the banking77 tuning splits (see docs/text-learning.md).
 */
export const EMBEDDING_WEIGHT = 1;

export interface ClassifierOptions {
  features?: FeatureOptions;
  training?: TrainOptions;
  /**
   * Length of the sentence embedding each text comes with (a shipped encoder's output); 0 or none:
   * the hashed word and character features alone.
   */
  embeddingSize?: number;
}

/**
 * A project's text classifier: class names, term weights learned from the project's texts, and a
 * softmax model trained on the labels people accepted. Texts are vectorised once and kept by the
 * caller (`vector`), so scoring a pool again after each round costs only the model's arithmetic.
 */
export class TextClassifier {
  readonly classes: readonly string[];
  private readonly index: Map<string, number>;
  private readonly vectorizer: Vectorizer;
  private model: SoftmaxModel;
  private readonly training: TrainOptions;
  private readonly embeddingSize: number;
  private trainedOn = 0;

  constructor(classes: readonly string[], corpus: Iterable<string>, o: ClassifierOptions = {}) {
    const unique = new Set(classes);
    if (unique.size !== classes.length) throw new Error('class names must be distinct');
    if (classes.length < 2) throw new Error(`a classifier needs at least 2 classes, got ${classes.length}`);
    this.classes = [...classes];
    this.index = new Map(this.classes.map((c, i) => [c, i]));
    const size = o.embeddingSize ?? 0;
    if (!(Number.isInteger(size) && size >= 0)) throw new Error(`embeddingSize must be a whole number ≥ 0, got ${size}`);
    this.embeddingSize = size;
    this.vectorizer = new Vectorizer({ ...DEFAULT_FEATURES, ...o.features }).fit(corpus);
    this.model = new SoftmaxModel(this.dimension, classes.length);
    this.training = { ...DEFAULT_TRAINING, ...o.training };
  }

  private get dimension(): number { return this.vectorizer.dimension + this.embeddingSize; }

  /**
   * Whether a round should also learn from the unlabelled pool (`learnWithPool`): without embeddings
   * only. With them, self-training saved 100 of 2,400 labels to 90% on a banking77 tuning split at
   * 4.6 times the time, so a project's rounds and the simulation leave it out.
   */
  get selfTrains(): boolean { return this.embeddingSize === 0; }

  /** The text's features: its hashed words and characters, then its embedding when the classifier takes one. */
  vector(text: string, embedding?: ArrayLike<number>): SparseVector {
    const sparse = this.vectorizer.transform(text);
    if (this.embeddingSize === 0) return sparse;
    if (!embedding || embedding.length !== this.embeddingSize) throw new Error(`this classifier takes an embedding of ${this.embeddingSize} numbers with each text, got ${embedding ? embedding.length : 'none'}`);
    const n = sparse.idx.length;
    const idx = new Int32Array(n + this.embeddingSize);
    const val = new Float32Array(n + this.embeddingSize);
    idx.set(sparse.idx);
    val.set(sparse.val);
    const base = this.vectorizer.dimension;
    for (let d = 0; d < this.embeddingSize; d++) {
      const v = embedding[d]!;
      if (!Number.isFinite(v)) throw new Error(`embedding value ${d} is ${v}`);
      idx[n + d] = base + d;
      val[n + d] = EMBEDDING_WEIGHT * v;
    }
    return { idx, val };
  }

  classIndex(label: string): number {
    const i = this.index.get(label);
    if (i === undefined) throw new Error(`unknown class ${JSON.stringify(label)}: the classes are ${this.classes.slice(0, 10).join(', ')}${this.classes.length > 10 ? ', …' : ''}`);
    return i;
  }

  /** Forgets what it learned (the term weights stay): the next `learn` starts from zero, as each of a project's training rounds does. */
  reset(): void {
    this.model = new SoftmaxModel(this.dimension, this.classes.length);
    this.trainedOn = 0;
  }

  /** Trains on these labelled vectors, starting from what it learned before. */
  learn(examples: ReadonlyArray<{ x: SparseVector; label: string }>, o: TrainOptions = {}): void {
    this.model.train(examples.map((e) => ({ x: e.x, y: this.classIndex(e.label) })), { ...this.training, ...o, seed: (o.seed ?? 0) + this.trainedOn });
    this.trainedOn += examples.length;
  }

  /**
   * Self-training: learns from the labelled examples, then starts again from zero on them together
   * with the unlabelled `pool` (a project's open items), each labelled with the first model's best
   * class. The pool's texts teach which words go with which (a word never seen in a label, often
   * beside one that was), and the easy items, which uncertainty sampling never asks people about,
   * keep the model's sense of what most items look like. On banking77 with margin sampling (three
   * tuning splits, then three fresh ones): +2 to +5 points of accuracy at 500 labels, −0.4 to +4.9
   * at 1,000, −0.8 to +1.1 at 3,000.
   */
  learnWithPool(examples: ReadonlyArray<{ x: SparseVector; label: string }>, pool: readonly SparseVector[], o: TrainOptions = {}): void {
    this.learn(examples, o);
    if (pool.length === 0) return;
    const guessed = pool.map((x) => ({ x, label: this.predict(x).label }));
    this.reset();
    this.learn([...examples, ...guessed], o);
  }

  probabilities(x: SparseVector): Float64Array { return this.model.predict(x); }

  predict(x: SparseVector): Prediction {
    const probabilities = this.model.predict(x);
    const top = topClass(probabilities);
    return { label: this.classes[top.index]!, score: top.score, probabilities };
  }
}

import { seededRandom } from '@cadre/core';
import type { SparseVector } from './features.ts';

/**
 * Multinomial logistic regression (softmax) over sparse unit vectors, trained by stochastic
 * gradient descent with L2 regularisation (applied lazily through one scale factor, so a step
 * costs only the example's non-zero features times the classes). Training is incremental: calling
 * `train` again starts from the weights it has, so a project's model grows with its labels instead
 * of starting over. Deterministic for a given seed.
 */
export interface TrainOptions {
  /** Passes over the examples; default 8. */
  epochs?: number;
  /** Step size at the start of each call; default 4 (inputs are unit vectors), decaying as 1/(1 + t/n). */
  learningRate?: number;
  /** L2 strength per example; default 0 (the banking77 tuning split preferred none). */
  l2?: number;
  seed?: number;
}

export interface Example { x: SparseVector; y: number }

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const SKIP_BELOW = 1e-4;

export class SoftmaxModel {
  readonly classes: number;
  readonly dimension: number;
  /** Row-major: feature × class. The true weights are `scale * w`. */
  private readonly w: Float32Array;
  private readonly bias: Float64Array;
  private scale = 1;

  constructor(dimension: number, classes: number) {
    if (!(classes >= 2)) throw new Error(`a classifier needs at least 2 classes, got ${classes}`);
    this.dimension = dimension;
    this.classes = classes;
    this.w = new Float32Array(dimension * classes);
    this.bias = new Float64Array(classes);
  }

  /** Class probabilities for one vector. */
  predict(x: SparseVector, out = new Float64Array(this.classes)): Float64Array {
    const k = this.classes;
    out.set(this.bias);
    for (let j = 0; j < x.idx.length; j++) {
      const row = x.idx[j]! * k;
      const v = x.val[j]! * this.scale;
      for (let c = 0; c < k; c++) out[c] = out[c]! + v * this.w[row + c]!;
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (out[c]! > max) max = out[c]!;
    let sum = 0;
    for (let c = 0; c < k; c++) { out[c] = Math.exp(out[c]! - max); sum += out[c]!; }
    for (let c = 0; c < k; c++) out[c] = out[c]! / sum;
    return out;
  }

  train(examples: readonly Example[], o: TrainOptions = {}): void {
    if (examples.length === 0) return;
    const epochs = o.epochs ?? 8;
    const eta0 = o.learningRate ?? 4;
    const l2 = o.l2 ?? 0;
    const random = seededRandom(`softmax:${o.seed ?? 1}`);
    const order = examples.map((_, i) => i);
    const p = new Float64Array(this.classes);
    const live = new Int32Array(this.classes);
    const k = this.classes;
    const n = examples.length;
    let t = 0;
    for (let e = 0; e < epochs; e++) {
      shuffle(order, random);
      for (const i of order) {
        const { x, y } = examples[i]!;
        if (!(y >= 0 && y < k)) throw new Error(`example ${i}: class ${y} is not one of 0..${k - 1}`);
        const eta = eta0 / (1 + t / n);
        t++;
        this.predict(x, p);
        p[y] = p[y]! - 1;
        // Classes the model already rules out (probability under 1e-4) would move their weights by
        // next to nothing: skipping them makes a late epoch several times cheaper than the first.
        let active = 0;
        for (let c = 0; c < k; c++) if (Math.abs(p[c]!) >= SKIP_BELOW) live[active++] = c;
        this.scale *= 1 - eta * l2;
        if (this.scale < 1e-6) this.rescale();
        const step = eta / this.scale;
        for (let j = 0; j < x.idx.length; j++) {
          const row = x.idx[j]! * k;
          const v = x.val[j]! * step;
          for (let a = 0; a < active; a++) {
            const c = live[a]!;
            this.w[row + c] = this.w[row + c]! - v * p[c]!;
          }
        }
        for (let c = 0; c < k; c++) this.bias[c] = this.bias[c]! - eta * p[c]!;
      }
    }
  }

  private rescale(): void {
    for (let i = 0; i < this.w.length; i++) this.w[i] = this.w[i]! * this.scale;
    this.scale = 1;
  }
}

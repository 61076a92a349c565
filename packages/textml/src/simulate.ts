import { seededRandom } from '@cadre/core';
import { pickThreshold, type Threshold } from './calibrate.ts';
import { TextClassifier } from './classifier.ts';
import type { SparseVector } from './features.ts';
import { shuffle, type TrainOptions } from './softmax.ts';
import { pickBatch, uncertainty, type Strategy } from './uncertainty.ts';

/** Passes over the labels each round when the model starts from the last round's weights (`warm`). */
export const ROUND_EPOCHS = 4;

export interface LabeledText { text: string; label: string }

export interface SimulationOptions {
  strategy: Strategy;
  /** Labels drawn at random before the model asks; default 100. */
  seedSize?: number;
  /** Labels asked for each round; default 100. */
  batch?: number;
  /**
   * Share of each batch drawn at random; default 0. A live project keeps one (its only honest
   * measure of accuracy); the simulation measures on its test set instead.
   */
  randomShare?: number;
  /** Stop once test accuracy reaches this; default: run until the pool is labelled. */
  until?: number;
  /** Stop after this many labels. */
  maxLabels?: number;
  /** Target accuracy for auto-accept at the end; none: no auto-accept. */
  autoAccept?: number;
  /** People-labelled random items the auto-accept threshold is chosen on; default 500. */
  validationSize?: number;
  seed?: string;
  /**
   * Each round starts from the last round's weights (4 passes) instead of from zero with the
   * product's training (8 passes). Default false: a project's rounds train from zero, and the
   * simulation measures what a project gets.
   */
  warm?: boolean;
  /**
   * Each round also learns from the unlabelled pool, labelled by the round's first model
   * (`TextClassifier.learnWithPool`). Default: true without embeddings, false with them (a project
   * learns the same way); not with `warm`.
   */
  selfTrain?: boolean;
  /** Training each round; default as above. */
  training?: TrainOptions;
  /**
   * A sentence embedding of each pool and test text (a shipped encoder's, in the rows' order), added
   * to the hashed features; none: the hashed features alone.
   */
  embeddings?: { pool: ReadonlyArray<ArrayLike<number>>; test: ReadonlyArray<ArrayLike<number>> };
}

export interface Round { labels: number; accuracy: number }
export interface AutoAcceptResult extends Threshold {
  /** Pool items still unlabelled after validation, and how many of them the threshold accepts. */
  remaining: number;
  accepted: number;
  /** Coverage and accuracy measured on the remaining pool with its true labels. */
  poolCoverage: number;
  poolAccuracy: number;
  validationSize: number;
}
export interface SimulationResult { rounds: Round[]; labelsToTarget: number | null; autoAccept: AutoAcceptResult | null }

/**
 * A labelling run replayed on a labelled pool: the pool's labels play the people. A random seed
 * set, then rounds of `batch` labels chosen by the strategy, the model trained again after each
 * round (from zero, as a project's rounds are, unless `warm`; with the pool's own guesses, unless
 * `selfTrain` is false) and measured on the test set. With `autoAccept`, a random
 * validation sample of the pool left over is labelled by "people", the threshold is picked on it
 * (Wilson lower bound) and applied to the rest, whose true labels measure it.
 */
export function* simulate(pool: readonly LabeledText[], test: readonly LabeledText[], o: SimulationOptions): Generator<Round, SimulationResult> {
  if (pool.length === 0) throw new Error('the pool is empty');
  if (test.length === 0) throw new Error('the test set is empty');
  const classes = [...new Set([...pool, ...test].map((r) => r.label))].sort();
  const random = seededRandom(o.seed ?? 'simulate');
  const e = o.embeddings;
  if (e && (e.pool.length !== pool.length || e.test.length !== test.length)) throw new Error(`embeddings for ${e.pool.length} pool and ${e.test.length} test texts, expected ${pool.length} and ${test.length}`);
  const model = new TextClassifier(classes, pool.map((r) => r.text), { training: { ...(o.warm ? { epochs: ROUND_EPOCHS } : {}), ...o.training }, embeddingSize: e?.pool[0]?.length ?? 0 });
  const X = pool.map((r, i) => model.vector(r.text, e?.pool[i]));
  const testX = test.map((r, i) => model.vector(r.text, e?.test[i]));
  const batch = o.batch ?? 100;
  const seedSize = Math.min(o.seedSize ?? 100, pool.length);
  const randomShare = o.strategy === 'random' ? 1 : (o.randomShare ?? 0);
  const maxLabels = Math.min(o.maxLabels ?? pool.length, pool.length);
  if (!(batch >= 1)) throw new Error(`--batch must be at least 1, got ${batch}`);
  const selfTrain = o.selfTrain ?? (!o.warm && model.selfTrains);
  if (selfTrain && o.warm) throw new Error('self-training starts each round from zero: it cannot be combined with warm rounds');

  let unlabeled = Array.from({ length: pool.length }, (_, i) => i);
  const labeled: number[] = [];
  const take = (positions: number[]) => {
    const drop = new Set(positions);
    for (const p of positions) labeled.push(unlabeled[p]!);
    unlabeled = unlabeled.filter((_, p) => !drop.has(p));
  };
  take(pickBatch(new Float64Array(unlabeled.length), seedSize, 1, random).random);

  const rounds: Round[] = [];
  let labelsToTarget: number | null = null;
  for (;;) {
    if (!o.warm) model.reset();
    const examples = labeled.map((i) => ({ x: X[i]!, label: pool[i]!.label }));
    if (selfTrain) model.learnWithPool(examples, unlabeled.map((i) => X[i]!));
    else model.learn(examples);
    const accuracy = accuracyOn(model, testX, test);
    const round = { labels: labeled.length, accuracy };
    rounds.push(round);
    yield round;
    if (o.until !== undefined && accuracy >= o.until) { labelsToTarget = labeled.length; break; }
    if (labeled.length >= maxLabels || unlabeled.length === 0) break;
    const unsure = o.strategy === 'random'
      ? new Float64Array(unlabeled.length)
      : Float64Array.from(unlabeled, (i) => uncertainty(model.probabilities(X[i]!), o.strategy as Exclude<Strategy, 'random'>));
    const picked = pickBatch(unsure, Math.min(batch, maxLabels - labeled.length), randomShare, random);
    take([...picked.uncertain, ...picked.random]);
  }
  const autoAccept = o.autoAccept === undefined ? null : autoAcceptOn(model, X, pool, unlabeled, o.autoAccept, o.validationSize ?? 500, random);
  return { rounds, labelsToTarget, autoAccept };
}

/** `n` rows drawn with the seed become the test set; the rest is the pool. */
export function holdOut<T>(rows: readonly T[], n: number, seed: string, what = 'the hold-out'): { pool: T[]; test: T[] } {
  if (!(n >= 1 && n < rows.length)) throw new Error(`${what} of ${n} must leave rows in a pool of ${rows.length}`);
  const order = shuffle(rows.map((_, i) => i), seededRandom(`holdout:${seed}`));
  return { test: order.slice(0, n).map((i) => rows[i]!), pool: order.slice(n).map((i) => rows[i]!) };
}

function accuracyOn(model: TextClassifier, X: readonly SparseVector[], rows: readonly LabeledText[]): number {
  let ok = 0;
  for (let i = 0; i < X.length; i++) if (model.predict(X[i]!).label === rows[i]!.label) ok++;
  return ok / X.length;
}

function autoAcceptOn(model: TextClassifier, X: readonly SparseVector[], pool: readonly LabeledText[], unlabeled: number[], target: number, validationSize: number, random: () => number): AutoAcceptResult {
  const order = shuffle([...unlabeled], random);
  const validation = order.slice(0, Math.min(validationSize, Math.floor(order.length / 2)));
  const rest = order.slice(validation.length);
  const scored = validation.map((i) => {
    const p = model.predict(X[i]!);
    return { score: p.score, correct: p.label === pool[i]!.label };
  });
  const t = pickThreshold(scored, target);
  let accepted = 0;
  let right = 0;
  for (const i of rest) {
    const p = model.predict(X[i]!);
    if (p.score >= t.threshold) {
      accepted++;
      if (p.label === pool[i]!.label) right++;
    }
  }
  return { ...t, remaining: rest.length, accepted, poolCoverage: rest.length ? accepted / rest.length : 0, poolAccuracy: accepted ? right / accepted : 0, validationSize: validation.length };
}

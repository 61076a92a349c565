/**
 * Auto-accept thresholds that hold up: the lowest score at which the items scored at least that
 * high are right often enough, judged by the Wilson score interval's lower bound on a random
 * validation sample that people labeled, not by the sample's point estimate (a threshold chosen
 * on 20 lucky items is not a 95% threshold).
 */

/** One-sided 95%: z for the lower bound. */
export const Z_95 = 1.6448536269514722;

/** Wilson score interval lower bound for `correct` successes out of `n`. */
export function wilsonLower(correct: number, n: number, z = Z_95): number {
  if (n === 0) return 0;
  const p = correct / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - spread) / (1 + z2 / n));
}

export interface Scored { score: number; correct: boolean }

export interface Threshold {
  /** Accept items scored at or above this; Infinity when no threshold reaches the target. */
  threshold: number;
  /** Share of the validation sample at or above it. */
  coverage: number;
  /** Accuracy of those validation items (point estimate) and its lower bound. */
  accuracy: number;
  lowerBound: number;
  /** Validation items at or above it. */
  n: number;
}

/**
 * The lowest threshold whose accepted validation items have a lower bound at or above `target`.
 * Ties in score are taken together (a threshold cannot split them). At least `minAccepted` items
 * must back it (default 30): fewer is not evidence.
 */
export function pickThreshold(sample: readonly Scored[], target: number, o: { z?: number; minAccepted?: number } = {}): Threshold {
  if (!(target > 0 && target < 1)) throw new Error(`the target accuracy must be between 0 and 1, got ${target}`);
  const minAccepted = o.minAccepted ?? 30;
  const sorted = [...sample].sort((a, b) => b.score - a.score);
  let best: Threshold = { threshold: Infinity, coverage: 0, accuracy: 0, lowerBound: 0, n: 0 };
  let correct = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.correct) correct++;
    if (i + 1 < sorted.length && sorted[i + 1]!.score === sorted[i]!.score) continue;
    const n = i + 1;
    const lowerBound = wilsonLower(correct, n, o.z);
    if (n >= minAccepted && lowerBound >= target) {
      best = { threshold: sorted[i]!.score, coverage: n / sorted.length, accuracy: correct / n, lowerBound, n };
    }
  }
  return best;
}

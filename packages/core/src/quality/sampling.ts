import { hashString } from './seeded.ts';

/** Items to inspect from a batch: ceil(rate × size), at least one, never more than the batch. */
export function sampleSize(batchSize: number, rate: number): number {
  if (batchSize <= 0) return 0;
  return Math.min(batchSize, Math.max(1, Math.ceil(rate * batchSize - 1e-9)));
}

/**
 * n ids chosen by hashing each id with the seed and taking the n smallest hashes: the same batch
 * and seed always give the same sample, whatever the order of `ids`, and a sample of n + k
 * contains the sample of n (so a second sample extends the first).
 */
export function drawSample(ids: string[], n: number, seed: string): string[] {
  const unique = [...new Set(ids)];
  return unique
    .map((id) => ({ id, h: hashString(`${seed}\u0000${id}`) }))
    .sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : 1))
    .slice(0, Math.max(0, n))
    .map((x) => x.id);
}

export interface BatchVerdictInput {
  inspected: number;
  correct: number;
  /** Accept at or above this accuracy; default 0.8. */
  threshold?: number;
  /** Double sampling; see SecondSample. */
  secondSample?: SecondSample;
}

/**
 * Double sampling: when the accuracy lies too close to the threshold to call and fewer than
 * `maxInspected` items have been inspected, the verdict is 'inspect more' instead of a decision;
 * the caller extends the sample (drawSample is nested) and asks again with the combined counts.
 * "Too close" is within `margin` (accuracy points) or within `z` standard errors of the
 * threshold, sqrt(t(1 - t) / inspected), whichever is wider. The z form scales with the sample:
 * 2 of 2 correct is no evidence of 80% accuracy, 20 of 20 is.
 */
export interface SecondSample {
  margin?: number;
  z?: number;
  maxInspected: number;
}

export type BatchVerdict =
  | { accuracy: number; accepted: boolean; decided: true }
  | { accuracy: number; accepted: null; decided: false };

export function batchVerdict(input: BatchVerdictInput): BatchVerdict {
  const threshold = input.threshold ?? 0.8;
  if (input.inspected <= 0) throw new RangeError('a verdict needs at least one inspected item');
  if (input.correct < 0 || input.correct > input.inspected) throw new RangeError(`correct must be 0..${input.inspected}, got ${input.correct}`);
  const accuracy = input.correct / input.inspected;
  const s = input.secondSample;
  const band = s === undefined ? 0 : Math.max(s.margin ?? 0, (s.z ?? 0) * Math.sqrt((threshold * (1 - threshold)) / input.inspected));
  if (s !== undefined && input.inspected < s.maxInspected && Math.abs(accuracy - threshold) <= band) {
    return { accuracy, accepted: null, decided: false };
  }
  return { accuracy, accepted: accuracy >= threshold, decided: true };
}

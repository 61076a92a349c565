import type { AnnotationPayload } from '../annotation.ts';
import { matchObjects } from './match.ts';
import type { MatchOptions } from './similarity.ts';

/**
 * Object-level agreement of several annotators on one item: the mean, over every pair of
 * annotations, of F1 = 2·matched / (objects in both), matching as matchObjects does (boxes by
 * IoU, cuboids by BEV IoU and centre distance, same class). Two empty annotations agree fully;
 * fewer than two annotations give 1 (nothing to disagree with).
 */
export function pairwiseObjectF1(annotations: AnnotationPayload[], opts: MatchOptions = {}): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < annotations.length; i++) {
    for (let j = i + 1; j < annotations.length; j++) {
      const a = annotations[i]!.objects;
      const b = annotations[j]!.objects;
      const total = a.length + b.length;
      sum += total === 0 ? 1 : (2 * matchObjects(a, b, opts).pairs.length) / total;
      pairs++;
    }
  }
  return pairs === 0 ? 1 : sum / pairs;
}

import { countOf } from './agreement.ts';

/**
 * How a tie is broken: 'first' takes the tied label that appears first in the input (the
 * earliest submission), 'alphabetical' the smallest, or a function picks among the tied labels.
 */
export type TieBreak = 'first' | 'alphabetical' | ((tied: string[]) => string);

/** The most frequent label; undefined for no labels. */
export function majorityVote(labels: string[], tieBreak: TieBreak = 'first'): string | undefined {
  if (labels.length === 0) return undefined;
  const counts = countOf(labels);
  let best = 0;
  for (const k of counts.values()) best = Math.max(best, k);
  // Map keeps first-insertion order, so `tied` is in order of first appearance.
  const tied = [...counts].filter(([, k]) => k === best).map(([l]) => l);
  if (tied.length === 1 || tieBreak === 'first') return tied[0];
  if (tieBreak === 'alphabetical') return tied.sort()[0];
  return tieBreak(tied);
}

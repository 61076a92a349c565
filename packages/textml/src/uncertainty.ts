/**
 * How unsure a classifier is about one item, from its class probabilities: higher is less sure.
 * margin: 1 − (best − second best); entropy: −Σ p log p; random: no preference.
 */
export type Strategy = 'random' | 'margin' | 'entropy';
export const STRATEGIES: readonly Strategy[] = ['random', 'margin', 'entropy'];

export function uncertainty(p: ArrayLike<number>, strategy: Exclude<Strategy, 'random'>): number {
  if (strategy === 'entropy') {
    let h = 0;
    for (let c = 0; c < p.length; c++) if (p[c]! > 0) h -= p[c]! * Math.log(p[c]!);
    return h;
  }
  let best = 0;
  let second = 0;
  for (let c = 0; c < p.length; c++) {
    const v = p[c]!;
    if (v > best) { second = best; best = v; } else if (v > second) second = v;
  }
  return 1 - (best - second);
}

/** The best class and its probability, the score a pre-label carries. */
export function topClass(p: ArrayLike<number>): { index: number; score: number } {
  let index = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[index]!) index = c;
  return { index, score: p[index]! };
}

/**
 * The next batch to ask people about: the `size − random` most uncertain candidates, plus `random`
 * candidates drawn uniformly from the rest (the share that keeps the measured accuracy honest,
 * since uncertain items are by design the hardest). Returns candidate positions, uncertain first.
 */
export function pickBatch(unsure: ArrayLike<number>, size: number, randomShare: number, random: () => number): { uncertain: number[]; random: number[] } {
  const n = unsure.length;
  const take = Math.min(size, n);
  const nRandom = Math.min(take, Math.round(take * randomShare));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => unsure[b]! - unsure[a]! || a - b);
  const uncertain = order.slice(0, take - nRandom);
  const rest = order.slice(take - nRandom);
  const picked: number[] = [];
  for (let i = 0; i < nRandom; i++) {
    const j = i + Math.floor(random() * (rest.length - i));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
    picked.push(rest[i]!);
  }
  return { uncertain, random: picked };
}

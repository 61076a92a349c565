import { majorityVote } from './vote.ts';

export interface DawidSkeneVote {
  item: string;
  annotator: string;
  label: string;
}

export interface DawidSkeneOptions {
  /** Default 100. */
  maxIterations?: number;
  /** Stop when no posterior moves more than this; default 1e-6. */
  tolerance?: number;
  /**
   * Pseudo-count added to every cell of every confusion row and to the class priors (default
   * 0.01), so a label an annotator never gave does not get probability 0 and veto every item.
   */
  smoothing?: number;
}

export interface DawidSkeneResult {
  /** Most probable true label of each item. */
  labels: Map<string, string>;
  /** P(true label | votes) per item. */
  posteriors: Map<string, Map<string, number>>;
  /** confusion.get(annotator).get(trueLabel).get(givenLabel) = P(given | true). */
  confusion: Map<string, Map<string, Map<string, number>>>;
  /** Estimated share of each true label. */
  priors: Map<string, number>;
  iterations: number;
}

/**
 * Dawid & Skene (1979) EM: learns each annotator's confusion matrix and the class priors, and
 * from them each item's posterior. Starts from the (soft) majority vote.
 */
export function dawidSkene(votes: DawidSkeneVote[], opts: DawidSkeneOptions = {}): DawidSkeneResult {
  const maxIterations = opts.maxIterations ?? 100;
  const tolerance = opts.tolerance ?? 1e-6;
  const alpha = opts.smoothing ?? 0.01;
  const labelNames = [...new Set(votes.map((v) => v.label))].sort();
  const itemNames = [...new Set(votes.map((v) => v.item))];
  const annotatorNames = [...new Set(votes.map((v) => v.annotator))];
  const K = labelNames.length;
  const labelIdx = new Map(labelNames.map((l, i) => [l, i]));
  const itemIdx = new Map(itemNames.map((l, i) => [l, i]));
  const annIdx = new Map(annotatorNames.map((l, i) => [l, i]));
  const byItem: { ann: number; label: number }[][] = itemNames.map(() => []);
  for (const v of votes) byItem[itemIdx.get(v.item)!]!.push({ ann: annIdx.get(v.annotator)!, label: labelIdx.get(v.label)! });

  // T[i][k]: P(item i is truly k). Start from vote shares (a soft majority vote).
  let T = byItem.map((vs) => {
    const row = new Array<number>(K).fill(0);
    for (const v of vs) row[v.label] = row[v.label]! + 1 / vs.length;
    return row;
  });
  let priors = new Array<number>(K).fill(0);
  let conf: number[][][] = [];
  let iterations = 0;
  for (; iterations < maxIterations; ) {
    iterations++;
    // M-step.
    priors = new Array<number>(K).fill(alpha);
    for (const row of T) for (let k = 0; k < K; k++) priors[k] = priors[k]! + row[k]!;
    normalise(priors);
    conf = annotatorNames.map(() => labelNames.map(() => new Array<number>(K).fill(alpha)));
    byItem.forEach((vs, i) => {
      for (const v of vs) for (let k = 0; k < K; k++) { const r = conf[v.ann]![k]!; r[v.label] = r[v.label]! + T[i]![k]!; }
    });
    for (const a of conf) for (const row of a) normalise(row);
    // E-step, in logs: many votes multiply many small numbers.
    const logConf = conf.map((a) => a.map((row) => row.map(Math.log)));
    const logPriors = priors.map(Math.log);
    const next = byItem.map((vs) => {
      const row = logPriors.slice();
      for (const v of vs) for (let k = 0; k < K; k++) row[k] = row[k]! + logConf[v.ann]![k]![v.label]!;
      const max = Math.max(...row);
      for (let k = 0; k < K; k++) row[k] = Math.exp(row[k]! - max);
      return normalise(row);
    });
    let change = 0;
    next.forEach((row, i) => row.forEach((p, k) => (change = Math.max(change, Math.abs(p - T[i]![k]!)))));
    T = next;
    if (change < tolerance) break;
  }

  const labels = new Map<string, string>();
  const posteriors = new Map<string, Map<string, number>>();
  itemNames.forEach((item, i) => {
    const row = T[i]!;
    const best = Math.max(...row);
    // Ties (rare after EM) fall back to the majority vote among the tied labels.
    const tied = labelNames.filter((_, k) => row[k] === best);
    const votesHere = byItem[i]!.map((v) => labelNames[v.label]!).filter((l) => tied.includes(l));
    labels.set(item, majorityVote(votesHere) ?? tied[0]!);
    posteriors.set(item, new Map(labelNames.map((l, k) => [l, row[k]!])));
  });
  const confusion = new Map(
    annotatorNames.map((a, ai) => [a, new Map(labelNames.map((t, k) => [t, new Map(labelNames.map((g, l) => [g, conf[ai]![k]![l]!]))]))]),
  );
  return { labels, posteriors, confusion, priors: new Map(labelNames.map((l, k) => [l, priors[k]!])), iterations };
}

function normalise(row: number[]): number[] {
  let s = 0;
  for (const v of row) s += v;
  if (s > 0) for (let k = 0; k < row.length; k++) row[k] = row[k]! / s;
  return row;
}

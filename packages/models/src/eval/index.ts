// Proposals against ground truth, the way COCO counts detection (pycocotools' bbox evaluation at
// one IoU threshold, no crowd regions, no size ranges):
//  - per image and class, proposals best first each take the unmatched true box of their class
//    they overlap most, if that overlap is at least `iou` (0.5); a true box matches once;
//  - AP of a class: the precision–recall curve of its proposals over all images, made monotone
//    (precision at recall r is the best precision at any recall ≥ r), read at the 101 recall points
//    0, 0.01, …, 1 and averaged (COCO's 101-point interpolation; 0 where the recall is never reached);
//  - mAP: the mean AP over the classes that have at least one true box (classes no image contains
//    are left out, as COCO does, even when the model proposed them);
//  - precision and recall: at one operating point, the proposals scoring at least `minScore`.
import { boxIou } from '../postprocess/index.ts';

export interface Box { class: string; x: number; y: number; w: number; h: number }
export interface ScoredBox extends Box { score: number }
export interface EvalImage { truth: readonly Box[]; proposals: readonly ScoredBox[] }

export interface ClassEvaluation {
  class: string;
  truths: number;
  proposals: number;
  /** Proposals matched at the operating point (score ≥ minScore). */
  truePositives: number;
  ap: number;
}

export interface Evaluation {
  iou: number;
  minScore: number;
  interpolation: '101-point';
  /** Mean AP over the classes with true boxes. */
  map: number;
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  truths: number;
  /** Per class, classes with true boxes first by name, then those only proposed. */
  classes: ClassEvaluation[];
}

/** Which proposals (in the order given) match a true box, COCO-style: best first, one to one, same class. */
export function matchImage(truth: readonly Box[], proposals: readonly ScoredBox[], iou = 0.5): boolean[] {
  const matched = new Array<boolean>(proposals.length).fill(false);
  const taken = new Set<number>();
  const order = proposals.map((_, i) => i).sort((a, b) => proposals[b]!.score - proposals[a]!.score);
  for (const i of order) {
    const p = proposals[i]!;
    let best = -1;
    let bestIou = iou;
    for (let t = 0; t < truth.length; t++) {
      if (taken.has(t) || truth[t]!.class !== p.class) continue;
      const o = boxIou(p, truth[t]!);
      if (o >= bestIou) { best = t; bestIou = o; }
    }
    if (best >= 0) { taken.add(best); matched[i] = true; }
  }
  return matched;
}

/** Average precision from proposals' scores and whether each matched, over `truths` true boxes (101-point). */
export function averagePrecision(scored: readonly { score: number; match: boolean }[], truths: number): number {
  if (truths === 0) return 0;
  const sorted = [...scored].sort((a, b) => b.score - a.score);
  const precision: number[] = [];
  const recall: number[] = [];
  let tp = 0;
  for (const [k, s] of sorted.entries()) {
    if (s.match) tp++;
    precision.push(tp / (k + 1));
    recall.push(tp / truths);
  }
  for (let k = precision.length - 2; k >= 0; k--) precision[k] = Math.max(precision[k]!, precision[k + 1]!);
  let sum = 0;
  let k = 0;
  for (let r = 0; r <= 100; r++) {
    const at = r / 100;
    while (k < recall.length && recall[k]! < at - 1e-12) k++;
    if (k < recall.length) sum += precision[k]!;
  }
  return sum / 101;
}

export function evaluate(images: readonly EvalImage[], o: { iou?: number; minScore?: number } = {}): Evaluation {
  const iou = o.iou ?? 0.5;
  const minScore = o.minScore ?? 0;
  const perClass = new Map<string, { truths: number; scored: { score: number; match: boolean }[] }>();
  const entry = (c: string) => {
    let e = perClass.get(c);
    if (!e) perClass.set(c, e = { truths: 0, scored: [] });
    return e;
  };
  for (const im of images) {
    for (const t of im.truth) entry(t.class).truths++;
    const matched = matchImage(im.truth, im.proposals, iou);
    im.proposals.forEach((p, i) => entry(p.class).scored.push({ score: p.score, match: matched[i]! }));
  }
  const classes: ClassEvaluation[] = [...perClass.entries()].map(([c, e]) => ({
    class: c,
    truths: e.truths,
    proposals: e.scored.length,
    truePositives: e.scored.filter((s) => s.match && s.score >= minScore).length,
    ap: averagePrecision(e.scored, e.truths),
  })).sort((a, b) => (a.truths > 0) === (b.truths > 0) ? a.class.localeCompare(b.class) : a.truths > 0 ? -1 : 1);
  const withTruth = classes.filter((c) => c.truths > 0);
  const truths = withTruth.reduce((s, c) => s + c.truths, 0);
  const tp = classes.reduce((s, c) => s + c.truePositives, 0);
  const kept = [...perClass.values()].reduce((s, e) => s + e.scored.filter((x) => x.score >= minScore).length, 0);
  return {
    iou, minScore, interpolation: '101-point',
    map: withTruth.length ? withTruth.reduce((s, c) => s + c.ap, 0) / withTruth.length : 0,
    precision: kept ? tp / kept : 0,
    recall: truths ? tp / truths : 0,
    truePositives: tp, falsePositives: kept - tp, falseNegatives: truths - tp, truths, classes,
  };
}

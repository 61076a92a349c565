import type { AnnotationPayload, LabeledObject } from '../annotation.ts';
import type { GeometryKind } from '../kinds/index.ts';
import { matchObjects } from './match.ts';
import type { MatchOptions } from './similarity.ts';

/** Match thresholds as in MatchOptions (`iou` 0.5 for boxes and polygons, etc.). */
export type GoldOptions = Omit<MatchOptions, 'ignoreClass'>;

export interface GoldCounts {
  /** Objects in the gold answer and in the work. */
  gold: number;
  work: number;
  /** Right place, right class. */
  matched: number;
  /** Right place, wrong class (a gold object and a work object both spent on it). */
  wrongClass: number;
  /** Gold objects with nothing in the work at their place. */
  missed: number;
  /** Work objects with nothing in the gold at their place. */
  extra: number;
  precision: number;
  recall: number;
  f1: number;
  /** F1 for objects; Jaccard of the label sets for text_class. */
  score: number;
}

export interface GoldScore extends GoldCounts {
  perKind: Partial<Record<GeometryKind, GoldCounts>>;
}

/**
 * Scores a submission against a gold answer. Per kind, objects are matched one-to-one (class
 * required); the leftovers are matched again ignoring class, and those pairs count as wrongClass,
 * not as both a miss and an extra. precision = matched / work, recall = matched / gold.
 * text_class is a set of labels and scores by Jaccard (1 when the sets are equal).
 * The overall score is the mean of the kinds' scores weighted by their object counts
 * (gold + work), so an item with 10 boxes and one class label is mostly about the boxes.
 * Empty gold and empty work score 1.
 */
export function scoreAgainstGold(work: AnnotationPayload, gold: AnnotationPayload, opts: GoldOptions = {}): GoldScore {
  const kinds = new Set<GeometryKind>([...work.objects, ...gold.objects].map((o) => o.kind));
  const perKind: Partial<Record<GeometryKind, GoldCounts>> = {};
  let weighted = 0;
  let weight = 0;
  const total = { gold: 0, work: 0, matched: 0, wrongClass: 0, missed: 0, extra: 0 };
  for (const kind of kinds) {
    const w = work.objects.filter((o) => o.kind === kind);
    const g = gold.objects.filter((o) => o.kind === kind);
    const counts = kind === 'text_class' ? scoreClasses(w, g) : scoreObjects(w, g, opts);
    perKind[kind] = counts;
    weighted += counts.score * (counts.gold + counts.work);
    weight += counts.gold + counts.work;
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += counts[k];
  }
  const rates = prf(total.matched, total.work, total.gold);
  return { ...total, ...rates, score: weight > 0 ? weighted / weight : 1, perKind };
}

function scoreObjects(work: LabeledObject[], gold: LabeledObject[], opts: GoldOptions): GoldCounts {
  const first = matchObjects(gold, work, { ...opts, ignoreClass: false });
  const second = matchObjects(first.onlyA, first.onlyB, { ...opts, ignoreClass: true });
  const matched = first.pairs.length;
  const wrongClass = second.pairs.length;
  const rates = prf(matched, work.length, gold.length);
  return {
    gold: gold.length,
    work: work.length,
    matched,
    wrongClass,
    missed: second.onlyA.length,
    extra: second.onlyB.length,
    ...rates,
    score: rates.f1,
  };
}

function scoreClasses(work: LabeledObject[], gold: LabeledObject[]): GoldCounts {
  const w = new Set(work.map((o) => frameLabel(o)));
  const g = new Set(gold.map((o) => frameLabel(o)));
  const matched = [...w].filter((l) => g.has(l)).length;
  const union = w.size + g.size - matched;
  const rates = prf(matched, w.size, g.size);
  return {
    gold: g.size,
    work: w.size,
    matched,
    wrongClass: 0,
    missed: g.size - matched,
    extra: w.size - matched,
    ...rates,
    score: union === 0 ? 1 : matched / union,
  };
}

const frameLabel = (o: LabeledObject) => `${o.frame ?? '-'}|${o.label}`;

function prf(matched: number, work: number, gold: number): { precision: number; recall: number; f1: number } {
  const precision = work === 0 ? (gold === 0 ? 1 : 0) : matched / work;
  const recall = gold === 0 ? (work === 0 ? 1 : 0) : matched / gold;
  const f1 = work + gold === 0 ? 1 : (2 * matched) / (work + gold);
  return { precision, recall, f1 };
}

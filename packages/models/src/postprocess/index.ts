// After a model's raw output, the same steps for every model: drop proposals under their class's
// score threshold, keep the best of boxes of one class that overlap (non-maximum suppression), and
// keep at most the best `maxProposals`.
import type { Postprocess, Proposal } from '../types.ts';

export const POSTPROCESS_DEFAULTS = { minScore: 0.25, nmsIou: 0.45, maxProposals: 300 } as const;

/** Intersection over union of two boxes (left, top, width, height). */
export function boxIou(a: Pick<Proposal, 'x' | 'y' | 'w' | 'h'>, b: Pick<Proposal, 'x' | 'y' | 'w' | 'h'>): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

/** Greedy NMS per class: best score first, a box overlapping a kept one of its class by more than `iou` goes. */
export function nms(proposals: readonly Proposal[], iou: number): Proposal[] {
  const sorted = [...proposals].sort((a, b) => b.score - a.score);
  const kept: Proposal[] = [];
  const byClass = new Map<string, Proposal[]>();
  for (const p of sorted) {
    const same = byClass.get(p.class) ?? [];
    if (same.some((k) => boxIou(k, p) > iou)) continue;
    same.push(p);
    byClass.set(p.class, same);
    kept.push(p);
  }
  return kept;
}

/** Thresholds, NMS and the cap, in that order; proposals come out best first. */
export function postprocess(proposals: readonly Proposal[], o: Postprocess = {}): Proposal[] {
  const min = o.minScore ?? POSTPROCESS_DEFAULTS.minScore;
  const passing = proposals.filter((p) => Number.isFinite(p.score) && p.w > 0 && p.h > 0 && p.score >= (o.classMinScore?.[p.class] ?? min));
  return nms(passing, o.nmsIou ?? POSTPROCESS_DEFAULTS.nmsIou).slice(0, o.maxProposals ?? POSTPROCESS_DEFAULTS.maxProposals);
}

// The effort model behind `machine.effort_ratio`: simulated annotator seconds for one image, by
// hand and with the model's proposals shown first. Times are per action, stated here once:
//   OPEN_S   open the image, look over it and submit (both ways);
//   DRAW_S   draw one box by hand (and pick its class);
//   ACCEPT_S check a proposal that is right (IoU ≥ 0.75 with a true box of its class) and keep it;
//   ADJUST_S drag the corners of a proposal of the right class that is near (0.5 ≤ IoU < 0.75);
//   RECLASS_S change the class of a well-placed proposal of the wrong class (IoU ≥ 0.5);
//   DELETE_S delete a proposal that matches no true box.
// A true box no proposal matches is drawn by hand. Matching is one to one, proposals best first,
// each to the unmatched true box it overlaps most. The draw time follows Papadopoulos et al. (2017),
// who measured about 7 s a box with extreme clicking against 25–35 s for the classic two-corner
// drawing with its quality checks; 7 s is the cautious choice here (a slower draw only makes the
// pre-labels look better).
import { boxIou } from '@cadre/models';

export const EFFORT = { OPEN_S: 4, DRAW_S: 7, ACCEPT_S: 1, ADJUST_S: 3, RECLASS_S: 2, DELETE_S: 1 } as const;

export interface Box { class: string; x: number; y: number; w: number; h: number }
export interface Scored extends Box { score: number }

export interface Effort { byHandS: number; withProposalsS: number; accepted: number; adjusted: number; reclassed: number; deleted: number; drawn: number }

export function imageEffort(truth: readonly Box[], proposals: readonly Scored[]): Effort {
  const free = new Set(truth.map((_, i) => i));
  const e: Effort = { byHandS: EFFORT.OPEN_S + truth.length * EFFORT.DRAW_S, withProposalsS: EFFORT.OPEN_S, accepted: 0, adjusted: 0, reclassed: 0, deleted: 0, drawn: 0 };
  for (const p of [...proposals].sort((a, b) => b.score - a.score)) {
    // The unmatched true box of the proposal's class it overlaps most; else the one of any class.
    let best = -1;
    let bestIou = 0;
    let bestSame = false;
    for (const i of free) {
      const iou = boxIou(p, truth[i]!);
      if (iou < 0.5) continue;
      const same = truth[i]!.class === p.class;
      if (best < 0 || (same && !bestSame) || (same === bestSame && iou > bestIou)) { best = i; bestIou = iou; bestSame = same; }
    }
    if (best < 0) { e.deleted++; e.withProposalsS += EFFORT.DELETE_S; continue; }
    free.delete(best);
    if (!bestSame) { e.reclassed++; e.withProposalsS += EFFORT.RECLASS_S + (bestIou < 0.75 ? EFFORT.ADJUST_S : 0); }
    else if (bestIou >= 0.75) { e.accepted++; e.withProposalsS += EFFORT.ACCEPT_S; }
    else { e.adjusted++; e.withProposalsS += EFFORT.ADJUST_S; }
  }
  e.drawn = free.size;
  e.withProposalsS += free.size * EFFORT.DRAW_S;
  return e;
}

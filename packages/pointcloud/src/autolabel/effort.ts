/**
 * The effort model behind `pointcloud.effort_ratio`: simulated seconds a person spends on the
 * vehicles of one LiDAR frame, by hand and verifying the auto-labeller's proposals. Per action:
 *   OPEN_S    open the frame, look around it in the four views, submit (both ways);
 *   DRAW_S    place one cuboid by hand: drag a rectangle in the top view (Cadre fits the box to the
 *             points), then check and correct it in the side and front views, and pick its class;
 *   ACCEPT_S  check a proposal that is right (BEV IoU ≥ 0.7 with a labelled vehicle) in the views and keep it;
 *   ADJUST_S  correct a proposal that is near (0.5 ≤ IoU < 0.7): move, turn or resize it;
 *   RECLASS_S change the class of a proposal on a vehicle of another class (car for a truck);
 *   DELETE_S  delete a proposal on no labelled vehicle.
 * A labelled vehicle no proposal matches is placed by hand. Matching is one to one, proposals best
 * first, each to the unmatched vehicle it overlaps most. The vehicles are every labelled one inside
 * the labelled region (sparse far ones included: a person labels what the dataset labels, and those
 * are the ones the machine misses most), and the proposals counted are those inside the region.
 * 30 s a cuboid is the cautious choice: 3D labelling tools report 30 s to over a minute a box
 * without help, and a faster draw only makes the proposals look worse. A sequence's tracks would
 * save time both ways (keyframes and interpolation by hand, carried corrections with the machine);
 * the model counts frames one at a time, as if each were labelled alone.
 */
import { bevIou, countPointsInCuboid } from '@cadre/core';
import { vehicleClass, type Frame } from '../fit/evaluation.ts';
import type { FrameProposal } from './frame.ts';

export const EFFORT_3D = { OPEN_S: 10, DRAW_S: 30, ACCEPT_S: 3, ADJUST_S: 10, RECLASS_S: 3, DELETE_S: 2 } as const;

export interface FrameEffort { byHandS: number; withAutoS: number; accepted: number; adjusted: number; reclassed: number; deleted: number; drawn: number }

/**
 * `minPoints`: count only vehicles with at least this many returns (the detection target's 50), as
 * if the sparse ones were left out of the task both ways; a proposal on a left-out vehicle costs nothing.
 */
export function frameEffort(frame: Frame, proposals: readonly FrameProposal[], inRegion: (x: number, y: number) => boolean = () => true, minPoints = 0): FrameEffort {
  const labelled = frame.boxes.filter((b) => vehicleClass(b.label) && inRegion(b.x, b.y));
  const vehicles = minPoints > 0 ? labelled.filter((b) => countPointsInCuboid(b, frame.positions) >= minPoints) : labelled;
  const sparse = labelled.filter((b) => !vehicles.includes(b));
  const free = new Set(vehicles.map((_, i) => i));
  const e: FrameEffort = {
    byHandS: EFFORT_3D.OPEN_S + vehicles.length * EFFORT_3D.DRAW_S, withAutoS: EFFORT_3D.OPEN_S,
    accepted: 0, adjusted: 0, reclassed: 0, deleted: 0, drawn: 0,
  };
  for (const p of [...proposals].sort((a, b) => b.score - a.score)) {
    if (!inRegion(p.x, p.y)) continue;
    let best = -1, bestIou = 0.5;
    for (const i of free) {
      const iou = bevIou(p, vehicles[i]!);
      if (iou >= bestIou) { best = i; bestIou = iou; }
    }
    if (best < 0) {
      if (!sparse.some((b) => bevIou(p, b) >= 0.5)) { e.deleted++; e.withAutoS += EFFORT_3D.DELETE_S; }
      continue;
    }
    free.delete(best);
    if (vehicleClass(vehicles[best]!.label) !== vehicleClass(p.class)) { e.reclassed++; e.withAutoS += EFFORT_3D.RECLASS_S; }
    if (bestIou >= 0.7) { e.accepted++; e.withAutoS += EFFORT_3D.ACCEPT_S; } else { e.adjusted++; e.withAutoS += EFFORT_3D.ADJUST_S; }
  }
  e.drawn = free.size;
  e.withAutoS += free.size * EFFORT_3D.DRAW_S;
  return e;
}

export function addEffort(a: FrameEffort, b: FrameEffort): FrameEffort {
  return {
    byHandS: a.byHandS + b.byHandS, withAutoS: a.withAutoS + b.withAutoS, accepted: a.accepted + b.accepted,
    adjusted: a.adjusted + b.adjusted, reclassed: a.reclassed + b.reclassed, deleted: a.deleted + b.deleted, drawn: a.drawn + b.drawn,
  };
}

export const NO_EFFORT: FrameEffort = { byHandS: 0, withAutoS: 0, accepted: 0, adjusted: 0, reclassed: 0, deleted: 0, drawn: 0 };

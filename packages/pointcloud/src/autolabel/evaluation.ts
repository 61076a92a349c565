/**
 * Measures whole-frame auto-labels against a frame's labels, per dataset: recall of the labelled
 * vehicles with at least 50 returns (a proposal matches at BEV IoU 0.5, one to one, best score
 * first) and precision of the proposals inside the labelled region (a proposal on a labelled
 * vehicle with fewer returns counts neither way; on anything else it is false).
 */
import { bevIou, countPointsInCuboid } from '@cadre/core';
import { vehicleClass, type Frame } from '../fit/evaluation.ts';
import type { FrameProposal } from './frame.ts';

/** KITTI labels only what its front camera sees: ahead, within about 42° of the axis. */
export const kittiView = (x: number, y: number) => x > 0 && Math.abs(Math.atan2(y, x)) < (42 * Math.PI) / 180;

export interface DetectionCount { truths: number; found: number; proposals: number; correct: number; ignored: number }

const MIN_POINTS = 50;

export function countDetections(frame: Frame, proposals: readonly FrameProposal[], inRegion: (x: number, y: number) => boolean = () => true): DetectionCount {
  const vehicles = frame.boxes.filter((b) => vehicleClass(b.label));
  const wanted = vehicles.map((b) => countPointsInCuboid(b, frame.positions) >= MIN_POINTS);
  const taken = new Set<number>();
  const c: DetectionCount = { truths: wanted.filter(Boolean).length, found: 0, proposals: 0, correct: 0, ignored: 0 };
  for (const p of [...proposals].sort((a, b) => b.score - a.score)) {
    if (!inRegion(p.x, p.y)) continue;
    let best = -1, bestIou = 0.5;
    vehicles.forEach((v, i) => {
      if (taken.has(i)) return;
      const iou = bevIou(p, v);
      if (iou >= bestIou) { best = i; bestIou = iou; }
    });
    if (best >= 0) {
      taken.add(best);
      if (wanted[best]) { c.found++; c.correct++; c.proposals++; } else c.ignored++;
    } else c.proposals++;
  }
  return c;
}

export function addCounts(a: DetectionCount, b: DetectionCount): DetectionCount {
  return { truths: a.truths + b.truths, found: a.found + b.found, proposals: a.proposals + b.proposals, correct: a.correct + b.correct, ignored: a.ignored + b.ignored };
}

import { countPointsInCuboid } from '@cadre/core';
import type { FrameProposal } from './frame.ts';

/** A box another detector proposed (a user's own 3D model): lidar frame, metres, radians, z at the centre. */
export interface DetectedBox { x: number; y: number; z: number; dx: number; dy: number; dz: number; yaw: number; class: string; score: number }

/**
 * Another detector's boxes as the labeller's proposals, so they are linked into tracks and checked
 * the same way: those scoring `minScore` and up and within `maxRange` in the plane, each with the
 * returns of the frame it holds, best first.
 */
export function proposalsOf(boxes: readonly DetectedBox[], positions: Float32Array, o: { minScore?: number; maxRange?: number } = {}): FrameProposal[] {
  const range = o.maxRange ?? Infinity;
  return boxes
    .filter((b) => b.score >= (o.minScore ?? 0) && Math.hypot(b.x, b.y) <= range)
    .map((b) => ({ x: b.x, y: b.y, z: b.z, dx: b.dx, dy: b.dy, dz: b.dz, yaw: b.yaw, class: b.class, score: b.score, points: countPointsInCuboid(b, positions) }))
    .sort((a, b) => b.score - a.score);
}

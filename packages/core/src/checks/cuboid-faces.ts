// Per-face tolerance: each face of a cuboid against the tightest fit of the points near it.
import type { OrientedBox } from '../geometry/obb.ts';
import { pair } from './format.ts';
import type { CheckFailure } from './types.ts';

export type FaceName = 'front' | 'back' | 'left' | 'right' | 'top';
export const FACES: readonly FaceName[] = ['front', 'back', 'left', 'right', 'top'];

export interface FaceGap {
  face: FaceName;
  /** Face minus tightest fit, metres: > 0 the face lies outside the points, < 0 points poke through it. */
  gap: number;
  /** The sensor (at the origin) sees the face; a face turned away gets no returns to fit. */
  visible: boolean;
}

/** How far past the box points still count as the object's: a face this far off is still measured. */
export function faceMargin(tolerance: number): number {
  return Math.max(0.15, 5 * tolerance);
}

/**
 * Gaps of the four side faces and the top, in the box's own frame (yaw only, as the tools draw
 * it). The fit uses the points inside the box grown by `margin` on every side but the bottom;
 * the lowest part of the box (20% of its height, at most 0.3 m) is left out, so road and ground
 * returns around the wheels do not pull the side faces outwards. Empty when no point is near.
 */
export function faceGaps(box: OrientedBox, near: Float32Array, n: number, margin: number): FaceGap[] {
  const c = Math.cos(box.yaw), s = Math.sin(box.yaw);
  const hx = box.dx / 2, hy = box.dy / 2, hz = box.dz / 2;
  const floor = -hz + Math.min(0.3, 0.2 * box.dz);
  let maxU = -Infinity, minU = Infinity, maxV = -Infinity, minV = Infinity, maxW = -Infinity;
  let used = 0;
  for (let i = 0; i < n; i++) {
    const px = near[3 * i]! - box.x, py = near[3 * i + 1]! - box.y, w = near[3 * i + 2]! - box.z;
    if (w < floor || w > hz + margin) continue;
    const u = px * c + py * s;
    if (u > hx + margin || u < -hx - margin) continue;
    const v = py * c - px * s;
    if (v > hy + margin || v < -hy - margin) continue;
    used++;
    if (u > maxU) maxU = u;
    if (u < minU) minU = u;
    if (v > maxV) maxV = v;
    if (v < minV) minV = v;
    if (w > maxW) maxW = w;
  }
  if (used === 0) return [];
  // The sensor in the box's frame.
  const su = -(box.x * c + box.y * s), sv = box.x * s - box.y * c, sw = -box.z;
  return [
    { face: 'front', gap: hx - maxU, visible: su > hx },
    { face: 'back', gap: minU + hx, visible: su < -hx },
    { face: 'left', gap: hy - maxV, visible: sv > hy },
    { face: 'right', gap: minV + hy, visible: sv < -hy },
    { face: 'top', gap: hz - maxW, visible: sw > hz },
  ];
}

/**
 * Fails a face when |gap| > tolerance. A face turned away from the sensor has no returns, so the
 * points say nothing about where it is: only points poking through it count against it.
 */
export function checkCuboidFaces(objectId: string, box: OrientedBox, near: Float32Array, n: number, tolerance: number): CheckFailure[] {
  const out: CheckFailure[] = [];
  for (const { face, gap, visible } of faceGaps(box, near, n, faceMargin(tolerance))) {
    const off = Math.abs(gap);
    if (off <= tolerance || (!visible && gap > 0)) continue;
    const [m, l] = pair(off, tolerance);
    out.push({
      check: 'cuboid-faces',
      objectId,
      message: `${face} face ${m} m ${gap > 0 ? 'outside' : 'inside'} the points; limit ${l} m`,
      measured: off,
      limit: tolerance,
      unit: 'm',
      severity: 'error',
    });
  }
  return out;
}

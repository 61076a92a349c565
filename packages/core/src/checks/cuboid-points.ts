import { countPointsInCuboid } from '../geometry/obb.ts';
import type { OrientedBox } from '../geometry/obb.ts';
import type { CheckFailure } from './types.ts';

/** A cuboid holds at least `min` points; `near` is the points near it (x, y, z packed), `n` their count. */
export function checkCuboidPoints(objectId: string, box: OrientedBox, near: Float32Array, n: number, min: number): CheckFailure[] {
  if (min <= 0) return [];
  const held = countPointsInCuboid(box, near.subarray(0, 3 * n), 3);
  if (held >= min) return [];
  return [{
    check: 'min-cuboid-points',
    objectId,
    message: `holds ${held} ${held === 1 ? 'point' : 'points'}; at least ${min} needed`,
    measured: held,
    limit: min,
    unit: 'points',
    severity: 'error',
  }];
}

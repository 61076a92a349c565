import { convexIntersectionArea, type Point2 } from './polygon2d.ts';

/**
 * Oriented 3D box: centre (x, y, z), size (dx along the heading, dy across, dz up), yaw about +z.
 * Same convention as the cuboid3d label kind.
 */
export interface OrientedBox {
  x: number;
  y: number;
  z: number;
  dx: number;
  dy: number;
  dz: number;
  yaw: number;
}

/** Bird's-eye footprint, counter-clockwise. */
export function cuboidCorners2d(b: OrientedBox): Point2[] {
  const c = Math.cos(b.yaw);
  const s = Math.sin(b.yaw);
  const hx = b.dx / 2;
  const hy = b.dy / 2;
  const local: Point2[] = [[hx, hy], [-hx, hy], [-hx, -hy], [hx, -hy]];
  return local.map(([u, v]) => [b.x + u * c - v * s, b.y + u * s + v * c]);
}

export function bevIntersectionArea(a: OrientedBox, b: OrientedBox): number {
  return convexIntersectionArea(cuboidCorners2d(a), cuboidCorners2d(b));
}

export function bevIou(a: OrientedBox, b: OrientedBox): number {
  const inter = bevIntersectionArea(a, b);
  const union = a.dx * a.dy + b.dx * b.dy - inter;
  return union > 0 ? inter / union : 0;
}

export function iou3d(a: OrientedBox, b: OrientedBox): number {
  const zOverlap = Math.min(a.z + a.dz / 2, b.z + b.dz / 2) - Math.max(a.z - a.dz / 2, b.z - b.dz / 2);
  if (zOverlap <= 0) return 0;
  const inter = bevIntersectionArea(a, b) * zOverlap;
  const union = a.dx * a.dy * a.dz + b.dx * b.dy * b.dz - inter;
  return union > 0 ? inter / union : 0;
}

/** Boundary points count as inside: LiDAR returns on a box face belong to the object. */
export function pointInCuboid(b: OrientedBox, x: number, y: number, z: number): boolean {
  const c = Math.cos(b.yaw);
  const s = Math.sin(b.yaw);
  const px = x - b.x;
  const py = y - b.y;
  return (
    Math.abs(px * c + py * s) <= b.dx / 2 &&
    Math.abs(-px * s + py * c) <= b.dy / 2 &&
    Math.abs(z - b.z) <= b.dz / 2
  );
}

/**
 * Counts points of a packed cloud (x, y, z at the start of every `stride` floats) inside the box.
 * Runs over whole LiDAR sweeps, so trig is hoisted and nothing is allocated per point.
 */
export function countPointsInCuboid(b: OrientedBox, points: Float32Array, stride = 3): number {
  if (!Number.isInteger(stride) || stride < 3) throw new RangeError(`stride must be an integer >= 3, got ${stride}`);
  const c = Math.cos(b.yaw);
  const s = Math.sin(b.yaw);
  const hx = b.dx / 2;
  const hy = b.dy / 2;
  const hz = b.dz / 2;
  let count = 0;
  for (let i = 0; i + 2 < points.length; i += stride) {
    const px = points[i]! - b.x;
    const py = points[i + 1]! - b.y;
    const pz = points[i + 2]! - b.z;
    if (Math.abs(pz) > hz) continue;
    if (Math.abs(px * c + py * s) > hx) continue;
    if (Math.abs(py * c - px * s) > hy) continue;
    count++;
  }
  return count;
}

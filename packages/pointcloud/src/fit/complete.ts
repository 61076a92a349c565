/**
 * Occlusion completion. A LiDAR sees only the faces turned towards it, so a car seen from behind
 * shows a short stub of its length. When the visible extent is shorter than the class's typical
 * size, the box grows towards the side no ray passed through: a ray that reached a point beyond a
 * patch, at the object's height, proves that patch is empty. Rays start at the sensor (sensor.ts),
 * which is not the frame's origin when the cloud is in a vehicle's frame.
 */
import { forEachInWedge, type ScanIndex } from './scan.ts';

/** The visible rectangle in the frame of axes e1 = (cos θ, sin θ), e2 = (−sin θ, cos θ) about the sensor. */
export interface Extent {
  theta: number;
  lo: [number, number];
  hi: [number, number];
  /** Height band of the object's body, lidar z. */
  zlo: number;
  zhi: number;
}

/** At least this many rays must pass through before a patch counts as seen empty. */
const RAYS = 2;
const SIDE_MARGIN = 0.25;

/** How far the extent may grow along `axis` on `side` (+1 past hi, −1 below lo) before rays show free space, capped at `want`. */
export function freeDistance(positions: Float32Array, scan: ScanIndex, e: Extent, axis: 0 | 1, side: 1 | -1, want: number): number {
  const cos = Math.cos(e.theta), sin = Math.sin(e.theta);
  const other = axis === 0 ? 1 : 0;
  const face = side > 0 ? e.hi[axis] : e.lo[axis];
  const lo = [0, 0], hi = [0, 0];
  lo[axis] = side > 0 ? face : face - want;
  hi[axis] = side > 0 ? face + want : face;
  // Only the middle of the face: rays grazing the object's own sides pass just beside it.
  const margin = (e.hi[other] - e.lo[other]) * SIDE_MARGIN;
  lo[other] = e.lo[other] + margin;
  hi[other] = e.hi[other] - margin;
  const corners: Array<[number, number]> = [[lo[0]!, lo[1]!], [hi[0]!, lo[1]!], [hi[0]!, hi[1]!], [lo[0]!, hi[1]!]].map(([a, b]) => [a! * cos - b! * sin, a! * sin + b! * cos]);
  // The sensor in the same turned frame: every ray runs from it to its return.
  const [ox, oy, oz] = scan.origin;
  const o = [ox * cos + oy * sin, -ox * sin + oy * cos];
  const found: number[] = [];
  forEachInWedge(scan, corners, (i) => {
    const px = positions[i * 3]!, py = positions[i * 3 + 1]!, pz = positions[i * 3 + 2]!;
    const d = [px * cos + py * sin - o[0]!, -px * sin + py * cos - o[1]!];
    // Liang–Barsky: the part t ∈ [t0, t1] of the ray o → p inside the patch.
    let t0 = 0, t1 = 1;
    for (let k = 0; k < 2; k++) {
      if (Math.abs(d[k]!) < 1e-9) {
        if (o[k]! < lo[k]! || o[k]! > hi[k]!) return;
        continue;
      }
      let a = (lo[k]! - o[k]!) / d[k]!, b = (hi[k]! - o[k]!) / d[k]!;
      if (a > b) [a, b] = [b, a];
      t0 = Math.max(t0, a);
      t1 = Math.min(t1, b);
    }
    if (t0 >= t1 || t1 > 0.98) return; // misses, or ends inside the patch (a return, not a pass)
    // Keep the part at the object's body height.
    const dz = pz - oz;
    if (Math.abs(dz) > 1e-9) {
      let a = (e.zlo - oz) / dz, b = (e.zhi - oz) / dz;
      if (a > b) [a, b] = [b, a];
      t0 = Math.max(t0, a);
      t1 = Math.min(t1, b);
    } else if (e.zlo > oz || e.zhi < oz) return;
    if (t0 >= t1) return;
    const a0 = o[axis]! + t0 * d[axis]!, a1 = o[axis]! + t1 * d[axis]!;
    found.push(side > 0 ? Math.min(a0, a1) - face : face - Math.max(a0, a1));
  });
  if (found.length < RAYS) return want;
  found.sort((a, b) => a - b);
  return Math.max(0, Math.min(want, found[RAYS - 1]!));
}

/** Grows the extent along `axis` to `size` where the scan allows, preferring the side with more room. */
export function completeAxis(positions: Float32Array, scan: ScanIndex, e: Extent, axis: 0 | 1, size: number): void {
  const deficit = size - (e.hi[axis] - e.lo[axis]);
  if (deficit <= 0.02) return;
  const up = freeDistance(positions, scan, e, axis, 1, deficit);
  const down = freeDistance(positions, scan, e, axis, -1, deficit);
  const first = up >= down ? 1 : -1;
  const grow = (side: number, room: number, need: number) => {
    const by = Math.min(room, need);
    if (side > 0) e.hi[axis] += by; else e.lo[axis] -= by;
    return need - by;
  };
  const rest = grow(first, first > 0 ? up : down, deficit);
  if (rest > 0.02) grow(-first, first > 0 ? down : up, rest);
}

import { convexIntersectionArea, dropRepeatedPoints, polygonArea, signedPolygonArea, type Point2 } from '../geometry/polygon2d.ts';

/**
 * Ear clipping for a simple polygon (convex or not, either winding). Triangles of one polygon do
 * not overlap, so the intersection area of two polygons is the sum over triangle pairs of the
 * convex intersection area — exact for any simple polygons, without the degenerate cases that
 * make Weiler–Atherton and Greiner–Hormann fragile (shared edges, touching vertices).
 */
export function triangulate(points: readonly Point2[]): Point2[][] {
  const ring = dropRepeatedPoints(points);
  if (ring.length < 3) return [];
  const ccw = signedPolygonArea(ring) >= 0;
  const idx = ring.map((_, i) => i);
  if (!ccw) idx.reverse();
  const out: Point2[][] = [];
  let guard = 0;
  while (idx.length > 3 && guard < 10 * ring.length * ring.length) {
    guard++;
    let clipped = false;
    for (let k = 0; k < idx.length; k++) {
      const a = ring[idx[(k + idx.length - 1) % idx.length]!]!;
      const b = ring[idx[k]!]!;
      const c = ring[idx[(k + 1) % idx.length]!]!;
      const turn = cross(a, b, c);
      if (turn < 0) continue;
      if (turn === 0) {
        // Collinear vertex: drop it, it bounds no area.
        idx.splice(k, 1);
        clipped = true;
        break;
      }
      if (idx.some((j) => { const p = ring[j]!; return p !== a && p !== b && p !== c && inTriangle(p, a, b, c); })) continue;
      out.push([a, b, c]);
      idx.splice(k, 1);
      clipped = true;
      break;
    }
    // Self-intersecting input has no ear left; stop rather than loop.
    if (!clipped) break;
  }
  if (idx.length === 3) {
    const tri = idx.map((j) => ring[j]!);
    if (cross(tri[0]!, tri[1]!, tri[2]!) > 0) out.push(tri);
  }
  return out;
}

export function polygonIntersectionArea(a: readonly Point2[], b: readonly Point2[]): number {
  const ta = triangulate(a);
  const tb = triangulate(b);
  let sum = 0;
  for (const s of ta) {
    const sb = triBounds(s);
    for (const t of tb) {
      const tbb = triBounds(t);
      if (sb[2] <= tbb[0] || tbb[2] <= sb[0] || sb[3] <= tbb[1] || tbb[3] <= sb[1]) continue;
      sum += convexIntersectionArea(s, t);
    }
  }
  return sum;
}

/** IoU of two simple polygons, convex or not. */
export function polygonIou(a: readonly Point2[], b: readonly Point2[]): number {
  const inter = polygonIntersectionArea(a, b);
  const union = polygonArea(a) + polygonArea(b) - inter;
  return union > 0 ? inter / union : 0;
}

function cross(a: Point2, b: Point2, c: Point2): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function inTriangle(p: Point2, a: Point2, b: Point2, c: Point2): boolean {
  return cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0;
}

function triBounds(t: readonly Point2[]): [number, number, number, number] {
  const xs = t.map((p) => p[0]);
  const ys = t.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

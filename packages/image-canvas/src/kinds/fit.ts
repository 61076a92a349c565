// Fitting shapes into another image: scaled by (sx, sy), then cut to [0, width] × [0, height].
// Used by "copy previous" when the next image differs in size. Nothing left of a shape: null.
import { clipConvexPolygon, dropRepeatedPoints, polygonArea, px, type Bbox2dGeometry, type Point2, type Point2dGeometry, type PolygonGeometry, type PolylineGeometry } from '@cadre/core';

export interface Fit { sx: number; sy: number; width: number; height: number }

/** Less than this (in image px, or px² for an area) is nothing worth keeping. */
const MIN_SIZE = 1;

export function fitBox(g: Bbox2dGeometry, f: Fit): Bbox2dGeometry | null {
  const x0 = Math.max(0, g.x * f.sx), y0 = Math.max(0, g.y * f.sy);
  const x1 = Math.min(f.width, (g.x + g.width) * f.sx), y1 = Math.min(f.height, (g.y + g.height) * f.sy);
  if (x1 - x0 < MIN_SIZE || y1 - y0 < MIN_SIZE) return null;
  return { x: px(x0), y: px(y0), width: px(x1 - x0), height: px(y1 - y0) };
}

export function fitPoint(g: Point2dGeometry, f: Fit): Point2dGeometry | null {
  const x = g.x * f.sx, y = g.y * f.sy;
  return x >= 0 && x <= f.width && y >= 0 && y <= f.height ? { x: px(x), y: px(y) } : null;
}

const scaled = (points: readonly (readonly [number, number])[], f: Fit): Point2[] => points.map(([x, y]) => [x * f.sx, y * f.sy]);

/** The polygon cut by the image's rectangle (Sutherland–Hodgman: a convex window takes any polygon). */
export function fitPolygon(g: PolygonGeometry, f: Fit): PolygonGeometry | null {
  const frame: Point2[] = [[0, 0], [f.width, 0], [f.width, f.height], [0, f.height]];
  const points = dropRepeatedPoints(clipConvexPolygon(scaled(g.points, f), frame));
  if (points.length < 3 || polygonArea(points) < MIN_SIZE) return null;
  return { points: points.map(([x, y]) => [x, y]) } as PolygonGeometry;
}

/** The longest piece of the line inside the image (a lane leaving the frame keeps its direction). */
export function fitPolyline(g: PolylineGeometry, f: Fit): PolylineGeometry | null {
  const pts = scaled(g.points, f);
  const pieces: Point2[][] = [];
  let run: Point2[] = [];
  for (let i = 0; i + 1 < pts.length; i++) {
    const seg = clipSegment(pts[i]!, pts[i + 1]!, f.width, f.height);
    if (!seg) { if (run.length) pieces.push(run); run = []; continue; }
    const [a, b] = seg;
    const last = run[run.length - 1];
    if (!last || last[0] !== a[0] || last[1] !== a[1]) { if (run.length) pieces.push(run); run = [a]; }
    run.push(b);
  }
  if (run.length) pieces.push(run);
  let best: Point2[] | null = null, bestLength = 0;
  for (const p of pieces) {
    const length = p.reduce((s, q, i) => (i === 0 ? 0 : s + Math.hypot(q[0] - p[i - 1]![0], q[1] - p[i - 1]![1])), 0);
    if (length > bestLength) { best = p; bestLength = length; }
  }
  return best && bestLength >= MIN_SIZE ? { points: best.map(([x, y]) => [x, y]) } as PolylineGeometry : null;
}

/** Liang–Barsky: the part of segment a→b inside [0, w] × [0, h], or null. */
function clipSegment(a: Point2, b: Point2, w: number, h: number): [Point2, Point2] | null {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  let t0 = 0, t1 = 1;
  for (const [p, q] of [[-dx, a[0]], [dx, w - a[0]], [-dy, a[1]], [dy, h - a[1]]] as const) {
    if (p === 0) { if (q < 0) return null; continue; }
    const r = q / p;
    if (p < 0) { if (r > t1) return null; if (r > t0) t0 = r; } else { if (r < t0) return null; if (r < t1) t1 = r; }
  }
  return [[a[0] + t0 * dx, a[1] + t0 * dy], [a[0] + t1 * dx, a[1] + t1 * dy]];
}

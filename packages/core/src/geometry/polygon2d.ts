export type Point2 = readonly [number, number];

/** Shoelace formula; positive when the vertices run counter-clockwise (y up). */
export function signedPolygonArea(points: readonly Point2[]): number {
  let sum = 0;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xj, yj] = points[j]!;
    const [xi, yi] = points[i]!;
    sum += xj * yi - xi * yj;
  }
  return sum / 2;
}

export function polygonArea(points: readonly Point2[]): number {
  return Math.abs(signedPolygonArea(points));
}

/**
 * Sutherland–Hodgman: clips `subject` by the convex polygon `clip`. Either winding works for
 * `clip`; the subject must be convex too for the result to be one polygon.
 */
export function clipConvexPolygon(subject: readonly Point2[], clip: readonly Point2[]): Point2[] {
  const orientation = Math.sign(signedPolygonArea(clip));
  if (orientation === 0) return [];
  let output: Point2[] = subject.slice();
  for (let i = 0; i < clip.length && output.length > 0; i++) {
    const a = clip[i]!;
    const b = clip[(i + 1) % clip.length]!;
    // > 0 means on the inner side of edge a→b for the clip's winding.
    const side = (p: Point2) => orientation * ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]));
    const input = output;
    output = [];
    for (let j = 0; j < input.length; j++) {
      const cur = input[j]!;
      const prev = input[(j + input.length - 1) % input.length]!;
      const sCur = side(cur);
      const sPrev = side(prev);
      if (sCur >= 0) {
        if (sPrev < 0) output.push(crossing(prev, cur, sPrev, sCur));
        output.push(cur);
      } else if (sPrev >= 0) {
        output.push(crossing(prev, cur, sPrev, sCur));
      }
    }
  }
  return output;
}

function crossing(p: Point2, q: Point2, sp: number, sq: number): Point2 {
  const t = sp / (sp - sq);
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

export function convexIntersectionArea(a: readonly Point2[], b: readonly Point2[]): number {
  const clipped = clipConvexPolygon(a, b);
  return clipped.length < 3 ? 0 : polygonArea(clipped);
}

/** The ring without consecutive repeated points, and without a closing point equal to the first. */
export function dropRepeatedPoints(ring: readonly Point2[]): Point2[] {
  const out: Point2[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (last === undefined || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1]) out.pop();
  return out;
}

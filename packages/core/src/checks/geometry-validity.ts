import type { LabeledObject } from '../annotation.ts';
import { dropRepeatedPoints, signedPolygonArea, type Point2 } from '../geometry/polygon2d.ts';
import { short } from './format.ts';
import type { CheckFailure } from './types.ts';

const fail = (o: LabeledObject, message: string, extra: Partial<CheckFailure> = {}): CheckFailure[] => [
  { check: 'geometry', objectId: o.id, message, severity: 'error', ...extra },
];

/** Degenerate shapes: nothing a person could have meant to draw. */
export function checkGeometryValidity(o: LabeledObject): CheckFailure[] {
  switch (o.kind) {
    case 'bbox2d': {
      const { width, height } = o.geometry;
      if (!(width > 0 && height > 0)) return fail(o, `box has zero area (${short(width)} × ${short(height)} px)`, { measured: Math.max(0, width) * Math.max(0, height), limit: 0, unit: 'px²' });
      return [];
    }
    case 'polygon': {
      const pts = o.geometry.points;
      const distinct = distinctCount(pts);
      if (distinct < 3) return fail(o, `polygon has ${distinct} distinct ${distinct === 1 ? 'point' : 'points'}; at least 3 needed`, { measured: distinct, limit: 3, unit: 'points' });
      const cross = findSelfIntersection(pts);
      if (cross !== null) {
        const [i, j, [x, y]] = cross;
        const n = pts.length;
        return fail(o, `polygon crosses itself: edges ${i + 1}–${((i + 1) % n) + 1} and ${j + 1}–${((j + 1) % n) + 1} meet at (${short(x, 1)}, ${short(y, 1)})`);
      }
      const area = Math.abs(signedPolygonArea(pts));
      if (area === 0) return fail(o, 'polygon has zero area (all points on one line)', { measured: 0, limit: 0, unit: 'px²' });
      return [];
    }
    case 'polyline': {
      const distinct = distinctCount(o.geometry.points);
      if (distinct < 2) return fail(o, `polyline has ${distinct} distinct ${distinct === 1 ? 'point' : 'points'}; at least 2 needed`, { measured: distinct, limit: 2, unit: 'points' });
      return [];
    }
    case 'cuboid3d': {
      const g = o.geometry;
      const sides = [['long', g.dx], ['wide', g.dy], ['high', g.dz]] as const;
      for (const [word, v] of sides) {
        if (!(v > 0)) return fail(o, `cuboid is ${short(v, 3)} m ${word}; it must be more than 0 m`, { measured: v, limit: 0, unit: 'm' });
      }
      return [];
    }
    case 'text_span': {
      const { start, end } = o.geometry;
      if (end <= start) return fail(o, `span is empty (characters ${start} to ${end})`, { measured: end - start, limit: 1, unit: 'characters' });
      return [];
    }
    case 'point2d':
    case 'text_class':
      return [];
  }
}

function distinctCount(points: readonly Point2[]): number {
  return new Set(points.map(([x, y]) => `${x},${y}`)).size;
}

/**
 * First pair of non-adjacent edges of the closed ring that touch or cross, as [edge i, edge j,
 * where]. O(n²) with a bounding-box reject; hand-drawn polygons have tens to hundreds of points.
 */
export function findSelfIntersection(ring: readonly Point2[]): [number, number, Point2] | null {
  const pts = dropRepeatedPoints(ring);
  const n = pts.length;
  if (n < 4) return null;
  for (let i = 0; i < n; i++) {
    const a = pts[i]!, b = pts[(i + 1) % n]!;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // neighbours through the closing edge
      const c = pts[j]!, d = pts[(j + 1) % n]!;
      if (Math.max(a[0], b[0]) < Math.min(c[0], d[0]) || Math.max(c[0], d[0]) < Math.min(a[0], b[0])) continue;
      if (Math.max(a[1], b[1]) < Math.min(c[1], d[1]) || Math.max(c[1], d[1]) < Math.min(a[1], b[1])) continue;
      const hit = segmentIntersection(a, b, c, d);
      if (hit !== null) return [indexIn(ring, a), indexIn(ring, c), hit];
    }
  }
  return null;
}

function indexIn(ring: readonly Point2[], p: Point2): number {
  return ring.findIndex((q) => q[0] === p[0] && q[1] === p[1]);
}

const orient = (p: Point2, q: Point2, r: Point2) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
const onSegment = (p: Point2, q: Point2, r: Point2) =>
  Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);

function segmentIntersection(a: Point2, b: Point2, c: Point2, d: Point2): Point2 | null {
  const d1 = orient(c, d, a), d2 = orient(c, d, b), d3 = orient(a, b, c), d4 = orient(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2);
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  }
  if (d1 === 0 && onSegment(c, d, a)) return a;
  if (d2 === 0 && onSegment(c, d, b)) return b;
  if (d3 === 0 && onSegment(a, b, c)) return c;
  if (d4 === 0 && onSegment(a, b, d)) return d;
  return null;
}

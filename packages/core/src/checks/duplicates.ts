import type { LabeledObject } from '../annotation.ts';
import { iou2d } from '../geometry/box2d.ts';
import { bevIou } from '../geometry/obb.ts';
import { convexIntersectionArea, polygonArea, signedPolygonArea, type Point2 } from '../geometry/polygon2d.ts';
import type { CheckFailure } from './types.ts';

/**
 * Pairs of objects of one class in one frame overlapping at IoU ≥ `threshold` (cuboids in bird's
 * eye view). The later object of a pair is reported, pointing at the earlier one.
 */
export function checkDuplicates(objects: readonly LabeledObject[], threshold: number): CheckFailure[] {
  if (threshold >= 1) return [];
  const groups = new Map<string, LabeledObject[]>();
  for (const o of objects) {
    if (!(o.kind in OVERLAP)) continue;
    const key = `${o.kind}\u0000${o.label}\u0000${o.frame ?? 0}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [o]);
    else g.push(o);
  }
  const out: CheckFailure[] = [];
  for (const group of groups.values()) {
    const reported = new Set<string>();
    for (let j = 1; j < group.length; j++) {
      const b = group[j]!;
      for (let i = 0; i < j; i++) {
        const a = group[i]!;
        if (reported.has(a.id)) continue;
        const iou = overlap(a, b);
        if (iou < threshold) continue;
        reported.add(b.id);
        out.push({
          check: 'duplicate',
          objectId: b.id,
          message: `overlaps another ${b.label} (${a.id}) at IoU ${iou.toFixed(2)}; duplicates from ${threshold.toFixed(2)}`,
          measured: iou,
          limit: threshold,
          unit: 'IoU',
          severity: 'error',
        });
        break;
      }
    }
  }
  return out;
}

type Overlap = (a: never, b: never) => number;
const OVERLAP: Partial<Record<LabeledObject['kind'], Overlap>> = {
  bbox2d: (a: LabeledObject & { kind: 'bbox2d' }, b: LabeledObject & { kind: 'bbox2d' }) => iou2d(a.geometry, b.geometry),
  cuboid3d: (a: LabeledObject & { kind: 'cuboid3d' }, b: LabeledObject & { kind: 'cuboid3d' }) => {
    const ga = a.geometry, gb = b.geometry;
    const reach = (Math.hypot(ga.dx, ga.dy) + Math.hypot(gb.dx, gb.dy)) / 2;
    return Math.hypot(ga.x - gb.x, ga.y - gb.y) > reach ? 0 : bevIou(ga, gb);
  },
  polygon: (a: LabeledObject & { kind: 'polygon' }, b: LabeledObject & { kind: 'polygon' }) => polygonIou(a.geometry.points, b.geometry.points),
  text_span: (a: LabeledObject & { kind: 'text_span' }, b: LabeledObject & { kind: 'text_span' }) => {
    const inter = Math.min(a.geometry.end, b.geometry.end) - Math.max(a.geometry.start, b.geometry.start);
    const union = Math.max(a.geometry.end, b.geometry.end) - Math.min(a.geometry.start, b.geometry.start);
    return inter > 0 && union > 0 ? inter / union : 0;
  },
};

function overlap(a: LabeledObject, b: LabeledObject): number {
  return (OVERLAP[a.kind] as (a: LabeledObject, b: LabeledObject) => number)(a, b);
}

/** Exact for convex rings; otherwise sampled on a 128 × 128 grid over the pair's joint bounds. */
export function polygonIou(a: readonly Point2[], b: readonly Point2[]): number {
  if (isConvex(a) && isConvex(b)) {
    const inter = convexIntersectionArea(a, b);
    const union = polygonArea(a) + polygonArea(b) - inter;
    return union > 0 ? inter / union : 0;
  }
  const xs = [...a, ...b].map((p) => p[0]), ys = [...a, ...b].map((p) => p[1]);
  const x0 = Math.min(...xs), y0 = Math.min(...ys), w = Math.max(...xs) - x0, h = Math.max(...ys) - y0;
  const N = 128;
  let inter = 0, union = 0;
  for (let j = 0; j < N; j++) {
    for (let i = 0; i < N; i++) {
      const x = x0 + ((i + 0.5) * w) / N, y = y0 + ((j + 0.5) * h) / N;
      const ia = inside(a, x, y), ib = inside(b, x, y);
      if (ia && ib) inter++;
      if (ia || ib) union++;
    }
  }
  return union > 0 ? inter / union : 0;
}

function inside(ring: readonly Point2[], x: number, y: number): boolean {
  let odd = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!, [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}

function isConvex(ring: readonly Point2[]): boolean {
  const sign = Math.sign(signedPolygonArea(ring));
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = ring[i]!, [bx, by] = ring[(i + 1) % n]!, [cx, cy] = ring[(i + 2) % n]!;
    if (Math.sign((bx - ax) * (cy - by) - (by - ay) * (cx - bx)) * sign < 0) return false;
  }
  return true;
}

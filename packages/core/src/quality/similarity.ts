import type { LabeledObject } from '../annotation.ts';
import { iou2d } from '../geometry/box2d.ts';
import { bevIou } from '../geometry/obb.ts';
import { polylineChamfer } from '../geometry/polyline.ts';
import { polygonIou } from './polygon-overlap.ts';

/**
 * When two objects count as the same object. Defaults are for human labels of the same item,
 * which should agree far more closely than a detector with the truth:
 * - `iou` 0.5: bbox2d and polygon IoU (the COCO/PASCAL match threshold).
 * - `bevIou` 0.5 and `maxCentreDistance` 0.5 m for cuboid3d: a car is about 4.5 × 1.9 m, so
 *   BEV IoU alone accepts a box shifted most of a metre along its length; two labellers of one
 *   LiDAR sweep agree within decimetres, and 0.5 m catches a box placed on the wrong end.
 * - `polylineTolerance` 5 px: mean symmetric (chamfer) distance, sampled every pixel.
 * - `pointTolerance` 5 px.
 * - `span` 'exact': text spans must have equal [start, end); 'overlap' accepts code-point IoU
 *   ≥ `spanIou` (0.5) — the payload holds offsets, not tokens, so overlap is in code points.
 * - `ignoreClass` false: a match needs the same label.
 */
export interface MatchOptions {
  iou?: number;
  bevIou?: number;
  maxCentreDistance?: number;
  polylineTolerance?: number;
  pointTolerance?: number;
  span?: 'exact' | 'overlap';
  spanIou?: number;
  ignoreClass?: boolean;
}

export type ResolvedMatchOptions = Required<MatchOptions>;

export const DEFAULT_MATCH_OPTIONS: Readonly<ResolvedMatchOptions> = Object.freeze({
  iou: 0.5,
  bevIou: 0.5,
  maxCentreDistance: 0.5,
  polylineTolerance: 5,
  pointTolerance: 5,
  span: 'exact',
  spanIou: 0.5,
  ignoreClass: false,
});

export function resolveMatchOptions(opts: MatchOptions = {}): ResolvedMatchOptions {
  const out = { ...DEFAULT_MATCH_OPTIONS };
  for (const [k, v] of Object.entries(opts)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** How alike two objects are (higher is closer, 0..1) and whether that is close enough to match. */
export interface Likeness {
  similarity: number;
  match: boolean;
}

const NO_MATCH: Likeness = { similarity: 0, match: false };

/** Geometry only: class and frame are the caller's business. */
export function likeness(a: LabeledObject, b: LabeledObject, o: ResolvedMatchOptions): Likeness {
  if (a.kind !== b.kind) return NO_MATCH;
  switch (a.kind) {
    case 'bbox2d': {
      const s = iou2d(a.geometry, (b as typeof a).geometry);
      return { similarity: s, match: s >= o.iou && s > 0 };
    }
    case 'polygon': {
      const s = polygonIou(a.geometry.points, (b as typeof a).geometry.points);
      return { similarity: s, match: s >= o.iou && s > 0 };
    }
    case 'cuboid3d': {
      const g = (b as typeof a).geometry;
      const s = bevIou(a.geometry, g);
      const d = Math.hypot(a.geometry.x - g.x, a.geometry.y - g.y, a.geometry.z - g.z);
      return { similarity: s, match: s >= o.bevIou && s > 0 && d <= o.maxCentreDistance };
    }
    case 'polyline': {
      const d = polylineChamfer(a.geometry.points, (b as typeof a).geometry.points, { sampleStep: 1 });
      return byDistance(d, o.polylineTolerance);
    }
    case 'point2d': {
      const g = (b as typeof a).geometry;
      return byDistance(Math.hypot(a.geometry.x - g.x, a.geometry.y - g.y), o.pointTolerance);
    }
    case 'text_span': {
      const g = (b as typeof a).geometry;
      if (o.span === 'exact') return a.geometry.start === g.start && a.geometry.end === g.end ? { similarity: 1, match: true } : NO_MATCH;
      const inter = Math.min(a.geometry.end, g.end) - Math.max(a.geometry.start, g.start);
      const union = Math.max(a.geometry.end, g.end) - Math.min(a.geometry.start, g.start);
      const s = inter > 0 && union > 0 ? inter / union : 0;
      return { similarity: s, match: s > 0 && s >= o.spanIou };
    }
    case 'text_class':
      // The label is the answer; with no geometry any two are alike and the class decides.
      return { similarity: 1, match: true };
  }
}

/** Distances become a similarity in (0, 1]: 1 when equal, 0.5 at the tolerance. */
function byDistance(d: number, tolerance: number): Likeness {
  return { similarity: 1 / (1 + d / Math.max(tolerance, Number.EPSILON)), match: d <= tolerance };
}

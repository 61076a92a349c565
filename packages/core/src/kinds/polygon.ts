import { at, checkRecord } from '../check.ts';
import { polygonArea } from '../geometry/polygon2d.ts';
import type { ValidationIssue } from '../result.ts';
import { checkPointList, pointsBounds, type PointPx } from './points.ts';
import type { KindModule } from './types.ts';

/** Closed ring in image pixels; the last point joins the first implicitly. Self-intersection is not checked. */
export interface PolygonGeometry {
  points: PointPx[];
}

export const polygon: KindModule<'polygon', PolygonGeometry> = {
  kind: 'polygon',
  validate(g, ctx = {}, path = 'geometry') {
    const issues: ValidationIssue[] = [];
    if (!checkRecord(g, path, issues)) return issues;
    const pPath = at(path, 'points');
    if (checkPointList(g.points, 3, ctx, pPath, issues) && polygonArea(g.points) === 0) {
      issues.push({ path: pPath, message: 'polygon has zero area (all points on one line)' });
    }
    return issues;
  },
  bounds: (g) => pointsBounds(g.points),
  area: (g) => polygonArea(g.points),
};

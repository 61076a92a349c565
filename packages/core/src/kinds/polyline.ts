import { at, checkRecord } from '../check.ts';
import type { ValidationIssue } from '../result.ts';
import { checkPointList, pointsBounds, type PointPx } from './points.ts';
import type { KindModule } from './types.ts';

/** Open line in image pixels (lane markings, wires, skeleton limbs). */
export interface PolylineGeometry {
  points: PointPx[];
}

export const polyline: KindModule<'polyline', PolylineGeometry> = {
  kind: 'polyline',
  validate(g, ctx = {}, path = 'geometry') {
    const issues: ValidationIssue[] = [];
    if (!checkRecord(g, path, issues)) return issues;
    checkPointList(g.points, 2, ctx, at(path, 'points'), issues);
    return issues;
  },
  bounds: (g) => pointsBounds(g.points),
};

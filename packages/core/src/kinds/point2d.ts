import { at, checkFinite, checkRecord } from '../check.ts';
import type { ValidationIssue } from '../result.ts';
import type { ImagePx } from '../units.ts';
import { checkInImage } from './points.ts';
import type { KindModule } from './types.ts';

export interface Point2dGeometry {
  x: ImagePx;
  y: ImagePx;
}

export const point2d: KindModule<'point2d', Point2dGeometry> = {
  kind: 'point2d',
  validate(g, ctx = {}, path = 'geometry') {
    const issues: ValidationIssue[] = [];
    if (!checkRecord(g, path, issues)) return issues;
    const okX = checkFinite(g.x, at(path, 'x'), issues);
    const okY = checkFinite(g.y, at(path, 'y'), issues);
    if (okX && okY) checkInImage(g.x as number, g.y as number, ctx, path, issues);
    return issues;
  },
  bounds: (g) => ({ minX: g.x, minY: g.y, maxX: g.x, maxY: g.y }),
};

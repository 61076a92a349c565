import { at, checkFinite, checkPositive, checkRecord } from '../check.ts';
import type { ValidationIssue } from '../result.ts';
import type { ImagePx } from '../units.ts';
import type { KindModule } from './types.ts';

/** Axis-aligned box in image pixels; (x, y) is the top-left corner. */
export interface Bbox2dGeometry {
  x: ImagePx;
  y: ImagePx;
  width: ImagePx;
  height: ImagePx;
}

export const bbox2d: KindModule<'bbox2d', Bbox2dGeometry> = {
  kind: 'bbox2d',
  validate(g, ctx = {}, path = 'geometry') {
    const issues: ValidationIssue[] = [];
    if (!checkRecord(g, path, issues)) return issues;
    const okX = checkFinite(g.x, at(path, 'x'), issues);
    const okY = checkFinite(g.y, at(path, 'y'), issues);
    const okW = checkPositive(g.width, at(path, 'width'), issues);
    const okH = checkPositive(g.height, at(path, 'height'), issues);
    if (!(okX && okY && okW && okH)) return issues;
    const { x, y, width, height } = g as unknown as Bbox2dGeometry;
    const { imageWidth: iw, imageHeight: ih } = ctx;
    if (x < 0 || (iw !== undefined && x + width > iw)) {
      issues.push({ path, message: `box spans x ${x}..${x + width}, outside the image width ${iw ?? ''}`.trimEnd() });
    }
    if (y < 0 || (ih !== undefined && y + height > ih)) {
      issues.push({ path, message: `box spans y ${y}..${y + height}, outside the image height ${ih ?? ''}`.trimEnd() });
    }
    return issues;
  },
  bounds: (g) => ({ minX: g.x, minY: g.y, maxX: g.x + g.width, maxY: g.y + g.height }),
  area: (g) => g.width * g.height,
};

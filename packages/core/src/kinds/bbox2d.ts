import { at, checkFinite, checkPositive, checkRecord } from '../check.ts';
import type { ValidationIssue } from '../result.ts';
import type { ImagePx } from '../units.ts';
import type { KindModule } from './types.ts';

/**
 * Box in image pixels; (x, y) is the top-left corner of the box before it is turned. An oriented
 * box (YOLO OBB, CVAT `rotation`, Label Studio `rotation`) turns by `rotation` degrees clockwise
 * about its centre; absent or 0 is axis-aligned.
 */
export interface Bbox2dGeometry {
  x: ImagePx;
  y: ImagePx;
  width: ImagePx;
  height: ImagePx;
  rotation?: number;
}

/** The four corners of a box, turned: top-left, top-right, bottom-right, bottom-left (before turning). */
export function boxCorners(g: Bbox2dGeometry): Array<[number, number]> {
  const cx = g.x + g.width / 2;
  const cy = g.y + g.height / 2;
  const r = ((g.rotation ?? 0) * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  return [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([sx, sy]) => {
    const dx = (sx! * g.width) / 2;
    const dy = (sy! * g.height) / 2;
    return [cx + dx * cos - dy * sin, cy + dx * sin + dy * cos];
  });
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
    const rotation = g.rotation;
    if (rotation !== undefined && !(typeof rotation === 'number' && Number.isFinite(rotation) && rotation > -360 && rotation < 360)) {
      issues.push({ path: at(path, 'rotation'), message: `expected degrees between -360 and 360, got ${JSON.stringify(rotation)}` });
      return issues;
    }
    if (!(okX && okY && okW && okH)) return issues;
    const { x, y, width, height } = g as unknown as Bbox2dGeometry;
    const { imageWidth: iw, imageHeight: ih } = ctx;
    if (rotation) {
      // A turned box may reach past the image's corners, as CVAT and Label Studio allow; its centre may not.
      const cx = x + width / 2;
      const cy = y + height / 2;
      if (cx < 0 || cy < 0 || (iw !== undefined && cx > iw) || (ih !== undefined && cy > ih)) issues.push({ path, message: `turned box's centre (${cx}, ${cy}) is outside the image` });
      return issues;
    }
    if (x < 0 || (iw !== undefined && x + width > iw)) {
      issues.push({ path, message: `box spans x ${x}..${x + width}, outside the image width ${iw ?? ''}`.trimEnd() });
    }
    if (y < 0 || (ih !== undefined && y + height > ih)) {
      issues.push({ path, message: `box spans y ${y}..${y + height}, outside the image height ${ih ?? ''}`.trimEnd() });
    }
    return issues;
  },
  bounds: (g) => {
    if (!g.rotation) return { minX: g.x, minY: g.y, maxX: g.x + g.width, maxY: g.y + g.height };
    const c = boxCorners(g);
    const xs = c.map((p) => p[0]);
    const ys = c.map((p) => p[1]);
    return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
  },
  area: (g) => g.width * g.height,
};

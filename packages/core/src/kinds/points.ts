// Point-list checks shared by the polygon, polyline and point kinds.
import { at, checkFinite, expected } from '../check.ts';
import type { ValidationIssue } from '../result.ts';
import type { Bounds2d, GeometryContext } from './types.ts';

export type PointPx = [number, number];

export function checkInImage(x: number, y: number, ctx: GeometryContext, path: string, issues: ValidationIssue[]): void {
  const { imageWidth: w, imageHeight: h } = ctx;
  if (x < 0 || (w !== undefined && x > w)) issues.push({ path, message: `x = ${x} lies outside the image (0..${w ?? '∞'})` });
  if (y < 0 || (h !== undefined && y > h)) issues.push({ path, message: `y = ${y} lies outside the image (0..${h ?? '∞'})` });
}

export function checkPointList(
  v: unknown,
  minPoints: number,
  ctx: GeometryContext,
  path: string,
  issues: ValidationIssue[],
): v is PointPx[] {
  if (!Array.isArray(v)) {
    issues.push(expected(path, `an array of at least ${minPoints} [x, y] points`, v));
    return false;
  }
  const before = issues.length;
  if (v.length < minPoints) issues.push({ path, message: `must have at least ${minPoints} points, got ${v.length}` });
  v.forEach((p: unknown, i) => {
    const pPath = at(path, i);
    if (!Array.isArray(p) || p.length !== 2) {
      issues.push(expected(pPath, 'an [x, y] pair', p));
      return;
    }
    const okX = checkFinite(p[0], at(pPath, 0), issues);
    const okY = checkFinite(p[1], at(pPath, 1), issues);
    if (okX && okY) checkInImage(p[0], p[1], ctx, pPath, issues);
  });
  return issues.length === before;
}

export function pointsBounds(points: readonly (readonly [number, number])[]): Bounds2d {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { minX, minY, maxX, maxY };
}

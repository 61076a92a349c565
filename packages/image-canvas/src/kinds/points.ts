// Helpers shared by the vertex-list kinds (polygon, polyline).
import { pointToSegmentDistance, type Bounds2d } from '@cadre/core';
import type { PathSink, ShapeHit } from './types.ts';
import type { ViewTransform } from '../viewport.ts';

type PointList = readonly (readonly [number, number])[];

export function vertexHit(points: PointList, x: number, y: number, tolerance: number): ShapeHit | undefined {
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i]!;
    if (Math.abs(p[0] - x) <= tolerance && Math.abs(p[1] - y) <= tolerance) return { part: 'handle', index: i };
  }
  return undefined;
}

/** Index of the first segment within `tolerance`, or -1; segment i runs from vertex i to i + 1 (wrapping when closed). */
export function edgeHit(points: PointList, x: number, y: number, tolerance: number, closed: boolean): number {
  const n = points.length;
  const last = closed ? n : n - 1;
  const p: [number, number] = [x, y];
  for (let i = 0; i < last; i++) {
    if (pointToSegmentDistance(p, points[i]!, points[(i + 1) % n]!) <= tolerance) return i;
  }
  return -1;
}

/** Even-odd ray casting. */
export function insideRing(points: PointList, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function movePoints(points: PointList, dx: number, dy: number): [number, number][] {
  return points.map(([x, y]) => [x + dx, y + dy]);
}

export function replacePoint(points: PointList, index: number, x: number, y: number): [number, number][] {
  return points.map((p, i) => (i === index ? [x, y] : [p[0], p[1]]));
}

export function tracePoints(ctx: PathSink, points: PointList, v: ViewTransform, closed: boolean): void {
  const { scale: s, offsetX: ox, offsetY: oy } = v;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (i === 0) ctx.moveTo(p[0] * s + ox, p[1] * s + oy);
    else ctx.lineTo(p[0] * s + ox, p[1] * s + oy);
  }
  if (closed) ctx.closePath();
}

export function pointsBounds(points: PointList): Bounds2d {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

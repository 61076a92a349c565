import { px, type Point2dGeometry } from '@cadre/core';
import { fitPoint } from './fit.ts';
import type { ShapeKind } from './types.ts';

// Radius on screen, in canvas pixels, so a point stays clickable at any zoom.
const RADIUS = 4;

export const point2d: ShapeKind<'point2d', Point2dGeometry> = {
  kind: 'point2d',
  closed: true,
  bounds: (g) => ({ minX: g.x, minY: g.y, maxX: g.x, maxY: g.y }),
  hitTest: (g, x, y, tolerance) =>
    Math.abs(g.x - x) <= tolerance && Math.abs(g.y - y) <= tolerance ? { part: 'handle', index: 0 } : undefined,
  handles: (g) => [[g.x, g.y]],
  move: (g, dx, dy) => ({ x: px(g.x + dx), y: px(g.y + dy) }),
  dragHandle: (_g, _index, x, y) => ({ x: px(x), y: px(y) }),
  fit: fitPoint,
  trace(ctx, g, v) {
    const cx = g.x * v.scale + v.offsetX;
    const cy = g.y * v.scale + v.offsetY;
    // moveTo first, or the arc joins the previous point of a batched path with a stray line.
    ctx.moveTo(cx + RADIUS, cy);
    ctx.arc(cx, cy, RADIUS, 0, 2 * Math.PI);
  },
};

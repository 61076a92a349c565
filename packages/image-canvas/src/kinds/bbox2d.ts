import { px, type Bbox2dGeometry } from '@cadre/core';
import { fitBox } from './fit.ts';
import type { ShapeKind } from './types.ts';

// Handles run clockwise from the top-left corner: nw, n, ne, e, se, s, sw, w.
const HANDLE_X = [0, 0.5, 1, 1, 1, 0.5, 0, 0] as const;
const HANDLE_Y = [0, 0, 0, 0.5, 1, 1, 1, 0.5] as const;
// A box must keep a positive size to stay valid; one image pixel is the smallest a drag can leave.
const MIN_SIZE = 1;

export const bbox2d: ShapeKind<'bbox2d', Bbox2dGeometry> = {
  kind: 'bbox2d',
  closed: true,
  bounds: (g) => ({ minX: g.x, minY: g.y, maxX: g.x + g.width, maxY: g.y + g.height }),
  hitTest(g, x, y, tol) {
    for (let i = 0; i < 8; i++) {
      const hx = g.x + HANDLE_X[i]! * g.width;
      const hy = g.y + HANDLE_Y[i]! * g.height;
      if (Math.abs(hx - x) <= tol && Math.abs(hy - y) <= tol) return { part: 'handle', index: i };
    }
    const x1 = g.x + g.width;
    const y1 = g.y + g.height;
    const withinX = x >= g.x - tol && x <= x1 + tol;
    const withinY = y >= g.y - tol && y <= y1 + tol;
    // Edges: 0 top, 1 right, 2 bottom, 3 left.
    if (withinX && Math.abs(y - g.y) <= tol) return { part: 'edge', index: 0 };
    if (withinY && Math.abs(x - x1) <= tol) return { part: 'edge', index: 1 };
    if (withinX && Math.abs(y - y1) <= tol) return { part: 'edge', index: 2 };
    if (withinY && Math.abs(x - g.x) <= tol) return { part: 'edge', index: 3 };
    return x > g.x && x < x1 && y > g.y && y < y1 ? { part: 'inside' } : undefined;
  },
  handles: (g) => HANDLE_X.map((fx, i) => [g.x + fx * g.width, g.y + HANDLE_Y[i]! * g.height]),
  move: (g, dx, dy) => ({ x: px(g.x + dx), y: px(g.y + dy), width: g.width, height: g.height }),
  dragHandle(g, index, x, y) {
    let x0: number = g.x, y0: number = g.y, x1 = g.x + g.width, y1 = g.y + g.height;
    const fx = HANDLE_X[index] ?? 0.5;
    const fy = HANDLE_Y[index] ?? 0.5;
    if (fx === 0) x0 = x;
    else if (fx === 1) x1 = x;
    if (fy === 0) y0 = y;
    else if (fy === 1) y1 = y;
    // Dragging a handle past the opposite edge flips the box instead of giving it a negative size.
    return boxFromCorners(x0, y0, x1, y1);
  },
  fit: fitBox,
  trace(ctx, g, v) {
    ctx.rect(g.x * v.scale + v.offsetX, g.y * v.scale + v.offsetY, g.width * v.scale, g.height * v.scale);
  },
};

export function boxFromCorners(ax: number, ay: number, bx: number, by: number): Bbox2dGeometry {
  const x = Math.min(ax, bx);
  const y = Math.min(ay, by);
  return { x: px(x), y: px(y), width: px(Math.max(MIN_SIZE, Math.abs(bx - ax))), height: px(Math.max(MIN_SIZE, Math.abs(by - ay))) };
}

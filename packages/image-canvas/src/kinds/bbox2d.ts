import { boxCorners, px, type Bbox2dGeometry } from '@cadre/core';
import { fitBox } from './fit.ts';
import type { ShapeKind } from './types.ts';

// Handles run clockwise from the top-left corner: nw, n, ne, e, se, s, sw, w.
const HANDLE_X = [0, 0.5, 1, 1, 1, 0.5, 0, 0] as const;
const HANDLE_Y = [0, 0, 0, 0.5, 1, 1, 1, 0.5] as const;
// A box must keep a positive size to stay valid; one image pixel is the smallest a drag can leave.
const MIN_SIZE = 1;

// A turned box (YOLO OBB, CVAT and Label Studio rotation) is handled in its own frame: points are
// turned back about its centre, tested or dragged against the upright box, and turned again.
const radians = (g: Bbox2dGeometry) => ((g.rotation ?? 0) * Math.PI) / 180;
const centre = (g: Bbox2dGeometry): [number, number] => [g.x + g.width / 2, g.y + g.height / 2];

/** A point in the upright frame of the box (turned back about its centre). */
function upright(g: Bbox2dGeometry, x: number, y: number): [number, number] {
  if (!g.rotation) return [x, y];
  const [cx, cy] = centre(g);
  const r = -radians(g);
  const dx = x - cx, dy = y - cy;
  return [cx + dx * Math.cos(r) - dy * Math.sin(r), cy + dx * Math.sin(r) + dy * Math.cos(r)];
}

/** A point of the upright frame turned with the box about `about` (the box's centre). */
function turned(g: Bbox2dGeometry, x: number, y: number, about = centre(g)): [number, number] {
  if (!g.rotation) return [x, y];
  const [cx, cy] = about;
  const r = radians(g);
  const dx = x - cx, dy = y - cy;
  return [cx + dx * Math.cos(r) - dy * Math.sin(r), cy + dx * Math.sin(r) + dy * Math.cos(r)];
}

const withRotation = (g: Bbox2dGeometry, next: Bbox2dGeometry): Bbox2dGeometry => (g.rotation ? { ...next, rotation: g.rotation } : next);

export const bbox2d: ShapeKind<'bbox2d', Bbox2dGeometry> = {
  kind: 'bbox2d',
  closed: true,
  bounds(g) {
    if (!g.rotation) return { minX: g.x, minY: g.y, maxX: g.x + g.width, maxY: g.y + g.height };
    const c = boxCorners(g);
    return { minX: Math.min(...c.map((p) => p[0])), minY: Math.min(...c.map((p) => p[1])), maxX: Math.max(...c.map((p) => p[0])), maxY: Math.max(...c.map((p) => p[1])) };
  },
  hitTest(g, px0, py0, tol) {
    const [x, y] = upright(g, px0, py0);
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
  handles: (g) => HANDLE_X.map((fx, i) => turned(g, g.x + fx * g.width, g.y + HANDLE_Y[i]! * g.height)),
  move: (g, dx, dy) => withRotation(g, { x: px(g.x + dx), y: px(g.y + dy), width: g.width, height: g.height }),
  dragHandle(g, index, px0, py0) {
    const [x, y] = upright(g, px0, py0);
    let x0: number = g.x, y0: number = g.y, x1 = g.x + g.width, y1 = g.y + g.height;
    const fx = HANDLE_X[index] ?? 0.5;
    const fy = HANDLE_Y[index] ?? 0.5;
    if (fx === 0) x0 = x;
    else if (fx === 1) x1 = x;
    if (fy === 0) y0 = y;
    else if (fy === 1) y1 = y;
    // Dragging a handle past the opposite edge flips the box instead of giving it a negative size.
    const upright2 = boxFromCorners(x0, y0, x1, y1);
    if (!g.rotation) return upright2;
    // The resized box's centre moved in the box's own frame: turn that move, keep the size and the turn.
    const [cx, cy] = turned(g, upright2.x + upright2.width / 2, upright2.y + upright2.height / 2);
    return { x: px(cx - upright2.width / 2), y: px(cy - upright2.height / 2), width: upright2.width, height: upright2.height, rotation: g.rotation };
  },
  fit: (g, f) => (g.rotation ? fitTurned(g, f) : fitBox(g, f)),
  trace(ctx, g, v) {
    if (!g.rotation) {
      ctx.rect(g.x * v.scale + v.offsetX, g.y * v.scale + v.offsetY, g.width * v.scale, g.height * v.scale);
      return;
    }
    boxCorners(g).forEach(([x, y], i) => (i === 0 ? ctx.moveTo : ctx.lineTo).call(ctx, x * v.scale + v.offsetX, y * v.scale + v.offsetY));
    ctx.closePath();
  },
};

/** A turned box scaled into another image: kept whole while its centre is inside (it may reach past an edge, as CVAT allows). */
function fitTurned(g: Bbox2dGeometry, f: Parameters<typeof fitBox>[1]): Bbox2dGeometry | null {
  const cx = (g.x + g.width / 2) * f.sx, cy = (g.y + g.height / 2) * f.sy;
  if (cx < 0 || cy < 0 || cx > f.width || cy > f.height) return null;
  const width = g.width * f.sx, height = g.height * f.sy;
  return { x: px(cx - width / 2), y: px(cy - height / 2), width: px(width), height: px(height), rotation: g.rotation! };
}

export function boxFromCorners(ax: number, ay: number, bx: number, by: number): Bbox2dGeometry {
  const x = Math.min(ax, bx);
  const y = Math.min(ay, by);
  return { x: px(x), y: px(y), width: px(Math.max(MIN_SIZE, Math.abs(bx - ax))), height: px(Math.max(MIN_SIZE, Math.abs(by - ay))) };
}

// One YOLO label line: `class cx cy w h [score]` (detection), `class x1 y1 ... xn yn [score]`
// (segmentation, n ≥ 3), `class x1 y1 ... x4 y4` (Ultralytics OBB: a turned box when the corners
// form a rectangle and the class is not a polygon class). Coordinates are fractions of the image.
import { px, type GeometryKind, type LabeledObject } from '@cadre/core';

export type LineResult =
  | { ok: true; object: LabeledObject; unnamed: boolean; poseDropped: boolean }
  | { ok: false; field: string; message: string };

export interface LineContext {
  names: Map<number, string> | null;
  poseNumbers: number | null;
  size: { width: number; height: number };
  kindOf?: (label: string) => GeometryKind | undefined;
}

const bad = (field: string, message: string): LineResult => ({ ok: false, field, message });

export function parseLine(text: string, id: string, ctx: LineContext): LineResult {
  const cols = text.trim().split(/\s+/);
  if (!/^\d+$/.test(cols[0]!)) return bad('column 1', `class ${JSON.stringify(cols[0])} is not a class index (0, 1, ...)`);
  const cls = Number(cols[0]);
  const named = ctx.names?.get(cls);
  if (ctx.names && named === undefined) return bad('column 1', `class ${cls} is not among the ${ctx.names.size} named classes`);
  const label = named ?? String(cls);
  const nums: number[] = [];
  for (let i = 1; i < cols.length; i++) {
    const v = Number(cols[i]);
    if (!Number.isFinite(v) || cols[i] === '') return bad(`column ${i + 1}`, `${JSON.stringify(cols[i])} is not a number`);
    nums.push(v);
  }
  const { width: W, height: H } = ctx.size;
  const base = { id, label, attributes: {} };
  const done = (object: LabeledObject, poseDropped = false): LineResult => ({ ok: true, object, unnamed: named === undefined, poseDropped });
  const isPose = ctx.poseNumbers !== null && nums.length === ctx.poseNumbers;
  if (nums.length === 4 || nums.length === 5 || isPose) {
    const [cx, cy, w, h] = nums as [number, number, number, number];
    if (!(w > 0)) return bad('column 4', `box width ${w} is not above 0`);
    if (!(h > 0)) return bad('column 5', `box height ${h} is not above 0`);
    const score = nums.length === 5 ? nums[4]! : undefined;
    if (score !== undefined && !(score >= 0 && score <= 1)) return bad('column 6', `score ${score} is not from 0 to 1`);
    const geometry = { x: px((cx - w / 2) * W), y: px((cy - h / 2) * H), width: px(w * W), height: px(h * H) };
    return done({ ...base, kind: 'bbox2d', geometry, ...(score !== undefined ? { score } : {}) }, isPose && nums.length > 5);
  }
  if (nums.length < 6) return bad('row', `${cols.length} columns: expected "class cx cy w h" (5), or a class and 3 or more x y points`);
  let score: number | undefined;
  if (nums.length % 2 === 1) {
    score = nums.pop()!;
    if (!(score >= 0 && score <= 1)) return bad(`column ${cols.length}`, `an odd number of coordinates, and the last (${score}) is not a score from 0 to 1`);
  }
  const points: Array<[number, number]> = [];
  for (let i = 0; i < nums.length; i += 2) points.push([nums[i]! * W, nums[i + 1]! * H]);
  const withScore = score !== undefined ? { score } : {};
  if (points.length === 4 && ctx.kindOf?.(label) !== 'polygon') {
    const box = rectangle(points);
    if (box) return done({ ...base, kind: 'bbox2d', geometry: box, ...withScore });
  }
  return done({ ...base, kind: 'polygon', geometry: { points }, ...withScore });
}

/** The turned box whose corners these are (in either turning order), or null when they are not a rectangle. */
function rectangle(p: Array<[number, number]>): { x: ReturnType<typeof px>; y: ReturnType<typeof px>; width: ReturnType<typeof px>; height: ReturnType<typeof px>; rotation?: number } | null {
  const [a, b0, c, d0] = p as [[number, number], [number, number], [number, number], [number, number]];
  // Corners clockwise on screen (y down), as boxCorners gives them; the other order is turned around.
  const cross = (b0[0] - a[0]) * (c[1] - b0[1]) - (b0[1] - a[1]) * (c[0] - b0[0]);
  const [b, d] = cross >= 0 ? [b0, d0] : [d0, b0];
  const w = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const h = Math.hypot(c[0] - b[0], c[1] - b[1]);
  if (!(w > 0 && h > 0)) return null;
  const tol = 1e-3 * Math.max(w, h);
  // A rectangle: the far corners are the near ones moved by the same side, and the sides are square.
  const near = (u: number, v: number) => Math.abs(u - v) <= tol;
  if (!near(c[0] - b[0], d[0] - a[0]) || !near(c[1] - b[1], d[1] - a[1])) return null;
  if (Math.abs((b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1])) > tol * Math.max(w, h)) return null;
  const cx = (a[0] + b[0] + c[0] + d[0]) / 4;
  const cy = (a[1] + b[1] + c[1] + d[1]) / 4;
  const rotation = (Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI;
  return { x: px(cx - w / 2), y: px(cy - h / 2), width: px(w), height: px(h), ...(rotation !== 0 ? { rotation } : {}) };
}

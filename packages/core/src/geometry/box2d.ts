/** Axis-aligned box, top-left corner plus size, in any one unit. */
export interface Box2d {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function boxIntersectionArea(a: Box2d, b: Box2d): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function iou2d(a: Box2d, b: Box2d): number {
  const inter = boxIntersectionArea(a, b);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

// Mask outlines as polygons: each 4-connected region's outer boundary along the pixel edges, with
// corners on whole pixel coordinates (pixel (x, y) covers [x, x + 1] × [y, y + 1], as COCO draws
// polygons), points on straight runs left out. Holes cannot be held by a polygon: they are counted.
import type { Mask } from './rle.ts';

export interface Traced {
  polygons: Array<Array<[number, number]>>;
  holes: number;
}

// Directions: 0 right, 1 down, 2 left, 3 up (y grows downwards).
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

export function traceMask(mask: Mask): Traced {
  const { width: fullW, data } = mask;
  // Work inside the mask's bounds, so a small object on a large image costs little.
  let minX = Infinity, minY = Infinity, maxX = -1, maxY = -1;
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < fullW; x++) {
      if (data[y * fullW + x] !== 1) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (maxX < 0) return { polygons: [], holes: 0 };
  const w = maxX - minX + 1;
  const h = maxY - minY + 1;
  const on = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && data[(y + minY) * fullW + x + minX] === 1;
  // Each boundary edge, keyed by its start corner and direction, walked with the object on its right.
  const W = w + 1;
  const edge = new Uint8Array(W * (h + 1) * 4);
  const key = (x: number, y: number, d: number) => (y * W + x) * 4 + d;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!on(x, y)) continue;
      if (!on(x, y - 1)) edge[key(x, y, 0)] = 1;
      if (!on(x + 1, y)) edge[key(x + 1, y, 1)] = 1;
      if (!on(x, y + 1)) edge[key(x + 1, y + 1, 2)] = 1;
      if (!on(x - 1, y)) edge[key(x, y + 1, 3)] = 1;
    }
  }
  const polygons: Traced['polygons'] = [];
  let holes = 0;
  for (let start = 0; start < edge.length; start++) {
    if (!edge[start]) continue;
    const points: Array<[number, number]> = [];
    const d0 = start & 3;
    const corner = start >> 2;
    let x = corner % W;
    let y = (corner - x) / W;
    let d = d0;
    for (;;) {
      edge[key(x, y, d)] = 0;
      x += DX[d]!;
      y += DY[d]!;
      // Turning towards the object first keeps regions that touch only at a corner apart; the
      // first edge counts as there until the walk comes back to it.
      let next = -1;
      for (const turn of [1, 0, 3]) {
        const k = key(x, y, (d + turn) & 3);
        if (edge[k] || k === start) { next = k; break; }
      }
      if (next === -1) throw new Error('mask outline does not close');
      const nd = next & 3;
      if (nd !== d) points.push([x + minX, y + minY]);
      if (next === start) break;
      d = nd;
    }
    if (points.length < 3) continue;
    if (signedArea(points) > 0) polygons.push(points);
    else holes++;
  }
  return { polygons, holes };
}

/** Twice the signed area; positive for the clockwise (on screen) outer outlines traced here. */
function signedArea(p: ReadonlyArray<[number, number]>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const [x1, y1] = p[i]!;
    const [x2, y2] = p[(i + 1) % p.length]!;
    s += x1 * y2 - x2 * y1;
  }
  return s;
}

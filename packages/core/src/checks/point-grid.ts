// A bird's-eye grid over one frame's points, built once per frame and shared by every cuboid
// check, so a box looks only at the cells under it instead of the whole sweep.
import type { OrientedBox } from '../geometry/obb.ts';
import type { PointSet } from './types.ts';

const MAX_CELLS_PER_AXIS = 1024;

export interface PointGrid {
  /** x, y, z of every point, reordered so each cell's points are contiguous. */
  xyz: Float32Array;
  /** Cell c holds points cellStart[c] .. cellStart[c + 1] - 1. */
  cellStart: Int32Array;
  minX: number;
  minY: number;
  cell: number;
  nx: number;
  ny: number;
}

export function buildPointGrid(points: PointSet): PointGrid {
  const { positions: p, stride, count } = points;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0, k = 0; i < count; i++, k += stride) {
    const x = p[k]!, y = p[k + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (count === 0) { minX = minY = 0; maxX = maxY = 1; }
  const extent = Math.max(maxX - minX, maxY - minY, 1e-3);
  const cell = Math.max(1, extent / MAX_CELLS_PER_AXIS);
  const nx = Math.floor((maxX - minX) / cell) + 1;
  const ny = Math.floor((maxY - minY) / cell) + 1;
  const cellOf = new Int32Array(count);
  const cellStart = new Int32Array(nx * ny + 1);
  for (let i = 0, k = 0; i < count; i++, k += stride) {
    const c = Math.floor((p[k]! - minX) / cell) + nx * Math.floor((p[k + 1]! - minY) / cell);
    cellOf[i] = c;
    cellStart[c + 1]!++;
  }
  for (let c = 0; c < nx * ny; c++) cellStart[c + 1]! += cellStart[c]!;
  const fill = cellStart.slice(0, nx * ny);
  const xyz = new Float32Array(count * 3);
  for (let i = 0, k = 0; i < count; i++, k += stride) {
    const at = 3 * fill[cellOf[i]!]!++;
    xyz[at] = p[k]!;
    xyz[at + 1] = p[k + 1]!;
    xyz[at + 2] = p[k + 2]!;
  }
  return { xyz, cellStart, minX, minY, cell, nx, ny };
}

/**
 * The points within `margin` of the box's bounding cylinder (circle in plan, z range grown by the
 * margin), packed x, y, z into a reused buffer; returns how many.
 */
export function pointsNearBox(grid: PointGrid, box: OrientedBox, margin: number, out: { buffer: Float32Array }): number {
  const r = Math.hypot(box.dx, box.dy) / 2 + margin;
  const r2 = r * r;
  const zLo = box.z - box.dz / 2 - margin, zHi = box.z + box.dz / 2 + margin;
  const { xyz, cellStart, minX, minY, cell, nx, ny } = grid;
  const cx0 = Math.max(0, Math.floor((box.x - r - minX) / cell)), cx1 = Math.min(nx - 1, Math.floor((box.x + r - minX) / cell));
  const cy0 = Math.max(0, Math.floor((box.y - r - minY) / cell)), cy1 = Math.min(ny - 1, Math.floor((box.y + r - minY) / cell));
  let n = 0;
  for (let cy = cy0; cy <= cy1; cy++) {
    for (let cx = cx0; cx <= cx1; cx++) {
      const c = cx + nx * cy;
      for (let i = cellStart[c]!, end = cellStart[c + 1]!; i < end; i++) {
        const x = xyz[3 * i]!, y = xyz[3 * i + 1]!, z = xyz[3 * i + 2]!;
        const ddx = x - box.x, ddy = y - box.y;
        if (ddx * ddx + ddy * ddy > r2 || z < zLo || z > zHi) continue;
        if (3 * n + 3 > out.buffer.length) {
          const grown = new Float32Array(Math.max(out.buffer.length * 2, 3 * 1024));
          grown.set(out.buffer);
          out.buffer = grown;
        }
        out.buffer[3 * n] = x;
        out.buffer[3 * n + 1] = y;
        out.buffer[3 * n + 2] = z;
        n++;
      }
    }
  }
  return n;
}

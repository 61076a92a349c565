/**
 * The scan's returns bucketed by bird's-eye cell, so "the returns inside this rectangle" reads the
 * few cells under it instead of the whole sweep (a fit, and a whole-frame auto-label's hundred fits).
 */
export interface PlaneGrid {
  cell: number;
  minX: number;
  minY: number;
  cols: number;
  rows: number;
  /** start[c]..start[c+1] index into `order` for cell c (row-major). */
  start: Int32Array;
  order: Int32Array;
}

const CELL = 2;
const LIMIT = 250; // metres each way: returns farther out are not indexed (no fit reaches them)

export function indexPlane(positions: Float32Array): PlaneGrid {
  const count = Math.floor(positions.length / 3);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = positions[i * 3]!, y = positions[i * 3 + 1]!;
    if (!(Math.abs(x) <= LIMIT && Math.abs(y) <= LIMIT)) continue;
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  if (!(maxX >= minX)) return { cell: CELL, minX: 0, minY: 0, cols: 0, rows: 0, start: new Int32Array(1), order: new Int32Array(0) };
  const cols = Math.floor((maxX - minX) / CELL) + 1, rows = Math.floor((maxY - minY) / CELL) + 1;
  const cellOf = new Int32Array(count).fill(-1);
  const start = new Int32Array(cols * rows + 1);
  for (let i = 0; i < count; i++) {
    const x = positions[i * 3]!, y = positions[i * 3 + 1]!;
    if (!(Math.abs(x) <= LIMIT && Math.abs(y) <= LIMIT)) continue;
    const c = Math.floor((y - minY) / CELL) * cols + Math.floor((x - minX) / CELL);
    cellOf[i] = c;
    start[c + 1]!++;
  }
  for (let c = 0; c < cols * rows; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, cols * rows);
  const order = new Int32Array(start[cols * rows]!);
  for (let i = 0; i < count; i++) if (cellOf[i]! >= 0) order[fill[cellOf[i]!]!++] = i;
  return { cell: CELL, minX, minY, cols, rows, start, order };
}

/** Calls `fn` with every indexed return whose cell overlaps [x0, x1] × [y0, y1] (a superset: the caller tests the exact shape). */
export function forEachNear(g: PlaneGrid, x0: number, y0: number, x1: number, y1: number, fn: (i: number) => void): void {
  if (g.cols === 0) return;
  const c0 = Math.max(0, Math.floor((x0 - g.minX) / g.cell)), c1 = Math.min(g.cols - 1, Math.floor((x1 - g.minX) / g.cell));
  const r0 = Math.max(0, Math.floor((y0 - g.minY) / g.cell)), r1 = Math.min(g.rows - 1, Math.floor((y1 - g.minY) / g.cell));
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cell = r * g.cols + c;
      for (let k = g.start[cell]!; k < g.start[cell + 1]!; k++) fn(g.order[k]!);
    }
  }
}

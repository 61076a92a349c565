/**
 * Ground over the whole scan, not only under the rectangle (each cell fitted lazily, the first time a fit asks): a box on a slope, or a truck whose
 * footprint holds no ground return at all, takes its ground from the cells around it.
 *
 * Each CELL-metre cell keeps its lowest return; a cell's ground is a plane fitted to the lowest
 * returns of the cells around it, refitted without those standing above it (a bus floor, a truck
 * bed) or far below (multipath), so slopes and a tilted sensor are followed and objects are not.
 */
export interface GroundModel {
  cell: number;
  minX: number;
  minY: number;
  cols: number;
  rows: number;
  /** Lowest return per cell (Infinity where none fell). */
  lowest: Float32Array;
  /** Ground height per cell (NaN where no return fell near it), fitted when first asked for. */
  height: Float32Array;
  known: Uint8Array;
}

const CELL = 1;
const RADIUS = 5; // cells each side: an 11 m window reaches past a bus to the road beside it
const MIN_CELLS = 6;
/** Lowest returns this far above the fitted plane are objects (a bus floor, a car bumper), not road. */
const ABOVE = 0.15;
const BELOW = 0.6;
const MAX_RANGE = 150;

export function segmentGround(positions: Float32Array): GroundModel {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < positions.length; i += 3) {
    const x = positions[i]!, y = positions[i + 1]!;
    if (Math.abs(x) > MAX_RANGE || Math.abs(y) > MAX_RANGE) continue;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (!(maxX >= minX)) return { cell: CELL, minX: 0, minY: 0, cols: 0, rows: 0, lowest: new Float32Array(0), height: new Float32Array(0), known: new Uint8Array(0) };
  const cols = Math.floor((maxX - minX) / CELL) + 1;
  const rows = Math.floor((maxY - minY) / CELL) + 1;
  const lowest = new Float32Array(cols * rows).fill(Infinity);
  for (let i = 0; i < positions.length; i += 3) {
    const x = positions[i]!, y = positions[i + 1]!;
    if (Math.abs(x) > MAX_RANGE || Math.abs(y) > MAX_RANGE) continue;
    const k = Math.floor((y - minY) / CELL) * cols + Math.floor((x - minX) / CELL);
    const z = positions[i + 2]!;
    if (z < lowest[k]!) lowest[k] = z;
  }
  return { cell: CELL, minX, minY, cols, rows, lowest, height: new Float32Array(cols * rows), known: new Uint8Array(cols * rows) };
}

/** Fits one cell's ground from the lowest returns around it. */
function groundOfCell(model: GroundModel, c: number, r: number): number {
  const { cols, rows, lowest } = model;
  const wx: number[] = [], wy: number[] = [], wz: number[] = [];
  for (let rr = Math.max(0, r - RADIUS); rr <= Math.min(rows - 1, r + RADIUS); rr++) {
    for (let cc = Math.max(0, c - RADIUS); cc <= Math.min(cols - 1, c + RADIUS); cc++) {
      const z = lowest[rr * cols + cc]!;
      if (z === Infinity) continue;
      wx.push(cc - c); wy.push(rr - r); wz.push(z);
    }
  }
  return wz.length >= MIN_CELLS ? groundPlaneAtCentre(wx, wy, wz) : Number.NaN;
}

/** Ground height under (x, y), or NaN where the scan saw nothing near. */
export function groundAt(model: GroundModel, x: number, y: number): number {
  const c = Math.floor((x - model.minX) / model.cell);
  const r = Math.floor((y - model.minY) / model.cell);
  if (c < 0 || r < 0 || c >= model.cols || r >= model.rows) return Number.NaN;
  const k = r * model.cols + c;
  if (!model.known[k]) {
    model.height[k] = groundOfCell(model, c, r);
    model.known[k] = 1;
  }
  return model.height[k]!;
}

/** Robust least-squares plane z = a + b·x + c·y through the window, evaluated at its centre (0, 0). */
function groundPlaneAtCentre(xs: number[], ys: number[], zs: number[]): number {
  const n = zs.length;
  const use = new Uint8Array(n).fill(1);
  // Start from a low level: the 20th percentile, so a window mostly covered by a bus starts at the road.
  const sorted = zs.slice().sort((a, b) => a - b);
  let a = sorted[Math.floor((n - 1) * 0.2)]!, b = 0, c = 0;
  for (let iter = 0; iter < 4; iter++) {
    let count = 0;
    for (let i = 0; i < n; i++) {
      const d = zs[i]! - (a + b * xs[i]! + c * ys[i]!);
      use[i] = d < ABOVE * (iter === 0 ? 2 : 1) && d > -BELOW ? 1 : 0;
      count += use[i]!;
    }
    if (count < 3) break;
    const fit = solvePlane(xs, ys, zs, use);
    if (!fit) break;
    [a, b, c] = fit;
  }
  return a;
}

function solvePlane(xs: number[], ys: number[], zs: number[], use: Uint8Array): [number, number, number] | null {
  let n = 0, sx = 0, sy = 0, sz = 0, sxx = 0, syy = 0, sxy = 0, sxz = 0, syz = 0;
  for (let i = 0; i < zs.length; i++) {
    if (!use[i]) continue;
    const x = xs[i]!, y = ys[i]!, z = zs[i]!;
    n++; sx += x; sy += y; sz += z; sxx += x * x; syy += y * y; sxy += x * y; sxz += x * z; syz += y * z;
  }
  // Normal equations of the 3×3 system, by Cramer's rule.
  const m = [[n, sx, sy], [sx, sxx, sxy], [sy, sxy, syy]];
  const det = (q: number[][]) => q[0]![0]! * (q[1]![1]! * q[2]![2]! - q[1]![2]! * q[2]![1]!) - q[0]![1]! * (q[1]![0]! * q[2]![2]! - q[1]![2]! * q[2]![0]!) + q[0]![2]! * (q[1]![0]! * q[2]![1]! - q[1]![1]! * q[2]![0]!);
  const d = det(m);
  if (Math.abs(d) < 1e-9) return n > 0 ? [sz / n, 0, 0] : null;
  const rhs = [sz, sxz, syz];
  const col = (k: number) => m.map((row, i) => row.map((v, j) => (j === k ? rhs[i]! : v)));
  return [det(col(0)) / d, det(col(1)) / d, det(col(2)) / d];
}

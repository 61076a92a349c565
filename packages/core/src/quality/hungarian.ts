/**
 * Minimum-cost assignment (Kuhn–Munkres with potentials, O(n²m)). Rows and columns may differ in
 * number; returns, for each row, its column or -1 where there are more rows than columns.
 */
export function hungarian(cost: number[][]): number[] {
  const rows = cost.length;
  const cols = rows === 0 ? 0 : cost[0]!.length;
  if (rows === 0) return [];
  if (cols === 0) return new Array<number>(rows).fill(-1);
  for (const r of cost) {
    if (r.length !== cols) throw new RangeError(`cost matrix is ragged: rows of ${cols} and ${r.length}`);
    for (const v of r) if (!Number.isFinite(v)) throw new RangeError(`cost must be finite, got ${v}`);
  }
  if (rows > cols) {
    const byCol = solve(cols, rows, (i, j) => cost[j]![i]!);
    const out = new Array<number>(rows).fill(-1);
    byCol.forEach((row, col) => (out[row] = col));
    return out;
  }
  return solve(rows, cols, (i, j) => cost[i]![j]!);
}

/** n ≤ m; returns the column of each of the n rows. */
function solve(n: number, m: number, c: (i: number, j: number) => number): number[] {
  // 1-based arrays; p[j] is the row matched to column j, column 0 is the virtual start.
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(m + 1).fill(0);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = c(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else {
          minv[j] = minv[j]! - delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const out = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j]! > 0) out[p[j]! - 1] = j - 1;
  return out;
}

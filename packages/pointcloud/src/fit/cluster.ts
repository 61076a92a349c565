/**
 * Euclidean clustering in the bird's-eye plane. The join distance grows with range, and more so
 * along the ray than across it: a LiDAR's rings fan out, so one truck 30 m away shows its roof in
 * strips metres apart along the line of sight, while two cars side by side at 10 m are 0.5 m apart.
 */
export function joinDistance(range: number): { across: number; along: number } {
  const across = Math.min(1.2, 0.35 + 0.012 * range);
  return { across, along: Math.min(3, Math.max(across, 0.06 * range)) };
}

/** Clusters of the given points (indices into positions); each cluster a list of those indices. */
export function clusters(positions: Float32Array, members: readonly number[], cx: number, cy: number): number[][] {
  const n = members.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) { parent[i] = parent[parent[i]!]!; i = parent[i]!; }
    return i;
  };
  const range = Math.hypot(cx, cy);
  const { across, along } = joinDistance(range);
  // The ray's direction at the object: "along" runs from the sensor through (cx, cy).
  const ux = range > 0 ? cx / range : 1, uy = range > 0 ? cy / range : 0;
  const cell = along;
  const cells = new Map<number, number[]>();
  const key = (c: number, r: number) => (c * 73856093) ^ (r * 19349663);
  const xs = Float64Array.from(members, (m) => positions[m * 3]!);
  const ys = Float64Array.from(members, (m) => positions[m * 3 + 1]!);
  for (let i = 0; i < n; i++) {
    const k = key(Math.floor(xs[i]! / cell), Math.floor(ys[i]! / cell));
    const list = cells.get(k);
    if (list) list.push(i); else cells.set(k, [i]);
  }
  for (let i = 0; i < n; i++) {
    const c = Math.floor(xs[i]! / cell), r = Math.floor(ys[i]! / cell);
    for (let dc = -1; dc <= 1; dc++) {
      for (let dr = -1; dr <= 1; dr++) {
        const list = cells.get(key(c + dc, r + dr));
        if (!list) continue;
        for (const j of list) {
          if (j <= i) continue;
          const dx = xs[i]! - xs[j]!, dy = ys[i]! - ys[j]!;
          const a = (dx * ux + dy * uy) / along, b = (dy * ux - dx * uy) / across;
          if (a * a + b * b > 1) continue;
          const ri = find(i), rj = find(j);
          if (ri !== rj) parent[ri] = rj;
        }
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(members[i]!); else groups.set(root, [members[i]!]);
  }
  return [...groups.values()];
}

/** The cluster holding most of `seed` (point indices); without a seed, the largest. */
export function pickCluster(groups: number[][], seed?: ReadonlySet<number>): number[] {
  let best: number[] = [];
  let bestScore = -1;
  for (const g of groups) {
    let score = g.length;
    if (seed) {
      score = 0;
      for (const i of g) if (seed.has(i)) score++;
      score = score * 1e6 + g.length;
    }
    if (score > bestScore) { best = g; bestScore = score; }
  }
  return best;
}

/**
 * The chosen cluster and the others that, together with it, still fit one object of `size` (its
 * footprint along `angle`, with some slack): a car whose dark middle or glass returned nothing
 * shows as its two ends, and a person's rectangle around it says they are one. Larger clusters are
 * tried first.
 */
export function gatherClusters(positions: Float32Array, groups: number[][], chosen: number[], angle: number, size: { length: number; width: number }): number[] {
  const c = Math.cos(angle), s = Math.sin(angle);
  const extent = (members: readonly number[]) => {
    let a0 = Infinity, a1 = -Infinity, b0 = Infinity, b1 = -Infinity;
    for (const m of members) {
      const x = positions[m * 3]!, y = positions[m * 3 + 1]!;
      const a = x * c + y * s, b = -x * s + y * c;
      a0 = Math.min(a0, a); a1 = Math.max(a1, a); b0 = Math.min(b0, b); b1 = Math.max(b1, b);
    }
    return { a0, a1, b0, b1 };
  };
  let box = extent(chosen);
  const out = [...chosen];
  for (const g of [...groups].sort((x, y) => y.length - x.length)) {
    if (g === chosen) continue;
    const e = extent(g);
    const union = { a0: Math.min(box.a0, e.a0), a1: Math.max(box.a1, e.a1), b0: Math.min(box.b0, e.b0), b1: Math.max(box.b1, e.b1) };
    if (union.a1 - union.a0 > size.length * 1.15 || union.b1 - union.b0 > size.width * 1.1) continue;
    box = union;
    out.push(...g);
  }
  return out.sort((x, y) => x - y);
}

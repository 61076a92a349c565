// A segmentation head's mask for one object as an outline. Ultralytics forms the mask as
// sigmoid(coefficients · prototypes) on the prototype grid (a quarter of the input), crops it to the
// box, upsamples it bilinearly to the input and keeps pixels over 0.5. Here the same edge is traced
// directly on the prototype grid: marching squares at logit 0 (sigmoid 0.5) with linear interpolation
// between grid points, which is where the bilinear upsampling crosses 0.5, so the outline is
// sub-pixel without upsampling. The crop is a second field (signed distance inside the box) and the
// mask is their minimum. The largest loop is kept (as Ultralytics' masks2segments 'largest').

export interface ProtoGrid {
  /** [masks, height, width] values. */
  data: Float32Array;
  masks: number;
  width: number;
  height: number;
}

/** The object's outline in model-input pixels (x0, y0, x1, y1, …), or undefined when its mask is empty. */
export function maskOutline(protos: ProtoGrid, coefficients: Float32Array, box: { x: number; y: number; w: number; h: number }, inputWidth: number, inputHeight: number): number[] | undefined {
  const sx = inputWidth / protos.width;
  const sy = inputHeight / protos.height;
  // Grid points are prototype pixel centres: point (i, j) lies at ((i + 0.5) sx, (j + 0.5) sy).
  const gx0 = Math.max(0, Math.floor(box.x / sx - 1));
  const gy0 = Math.max(0, Math.floor(box.y / sy - 1));
  const gx1 = Math.min(protos.width - 1, Math.ceil((box.x + box.w) / sx));
  const gy1 = Math.min(protos.height - 1, Math.ceil((box.y + box.h) / sy));
  if (gx1 < gx0 || gy1 < gy0) return undefined;
  // The field with one border of "outside" around it, so every loop closes.
  const w = gx1 - gx0 + 3;
  const h = gy1 - gy0 + 3;
  const field = new Float32Array(w * h).fill(-1);
  const plane = protos.width * protos.height;
  for (let j = gy0; j <= gy1; j++) {
    for (let i = gx0; i <= gx1; i++) {
      let logit = 0;
      for (let m = 0; m < protos.masks; m++) logit += coefficients[m]! * protos.data[m * plane + j * protos.width + i]!;
      const px = (i + 0.5) * sx;
      const py = (j + 0.5) * sy;
      const inside = Math.min(px - box.x, box.x + box.w - px, py - box.y, box.y + box.h - py) / Math.min(sx, sy);
      field[(j - gy0 + 1) * w + (i - gx0 + 1)] = Math.min(logit, inside);
    }
  }
  const loop = largestLoop(field, w, h);
  if (!loop) return undefined;
  const out: number[] = [];
  for (let p = 0; p < loop.length; p += 2) out.push((loop[p]! + gx0 - 1 + 0.5) * sx, (loop[p + 1]! + gy0 - 1 + 0.5) * sy);
  return out;
}

// Cell corners: top-left 8, top-right 4, bottom-right 2, bottom-left 1 (inside = value > 0).
// Edges: T, R, B, L. Each case lists the segments (pairs of edges) the 0 level crosses.
type Edge = 'T' | 'R' | 'B' | 'L';
const SEGMENTS: Record<number, Edge[][]> = {
  1: [['L', 'B']], 2: [['B', 'R']], 3: [['L', 'R']], 4: [['T', 'R']], 6: [['T', 'B']], 7: [['L', 'T']],
  8: [['L', 'T']], 9: [['T', 'B']], 11: [['T', 'R']], 12: [['L', 'R']], 13: [['B', 'R']], 14: [['L', 'B']],
};

/** Marching squares at 0 over a w×h grid whose border is negative; the loop enclosing most area, as x, y grid points. */
function largestLoop(f: Float32Array, w: number, h: number): number[] | undefined {
  const links = new Map<number, number[]>();
  const points = new Map<number, [number, number]>();
  // Edge keys: horizontal edge from point (x, y) to (x + 1, y) is 2 (y w + x); vertical to (x, y + 1) is that + 1.
  const edgeKey = (x: number, y: number, e: Edge): number =>
    e === 'T' ? 2 * (y * w + x) : e === 'B' ? 2 * ((y + 1) * w + x) : e === 'L' ? 2 * (y * w + x) + 1 : 2 * (y * w + x + 1) + 1;
  const crossing = (key: number): [number, number] => {
    const p = key >> 1;
    const x = p % w;
    const y = (p - x) / w;
    const a = f[p]!;
    const b = key & 1 ? f[p + w]! : f[p + 1]!;
    const t = a / (a - b);
    return key & 1 ? [x, y + t] : [x + t, y];
  };
  const link = (k1: number, k2: number) => {
    for (const [a, b] of [[k1, k2], [k2, k1]] as const) {
      const list = links.get(a) ?? [];
      list.push(b);
      links.set(a, list);
      if (!points.has(a)) points.set(a, crossing(a));
    }
  };
  for (let y = 0; y < h - 1; y++) {
    for (let x = 0; x < w - 1; x++) {
      const [tl, tr, br, bl] = [f[y * w + x]!, f[y * w + x + 1]!, f[(y + 1) * w + x + 1]!, f[(y + 1) * w + x]!];
      const code = (tl > 0 ? 8 : 0) | (tr > 0 ? 4 : 0) | (br > 0 ? 2 : 0) | (bl > 0 ? 1 : 0);
      let segs = SEGMENTS[code];
      if (code === 5 || code === 10) {
        // Saddle: the centre's value says whether the inside corners join through the middle.
        const joined = (tl + tr + br + bl) / 4 > 0;
        segs = (code === 5) === joined ? [['L', 'T'], ['B', 'R']] : [['L', 'B'], ['T', 'R']];
      }
      for (const [e1, e2] of segs ?? []) link(edgeKey(x, y, e1!), edgeKey(x, y, e2!));
    }
  }
  const seen = new Set<number>();
  let best: number[] | undefined;
  let bestArea = 0;
  for (const start of links.keys()) {
    if (seen.has(start)) continue;
    const loop: number[] = [];
    let prev = -1;
    let at = start;
    while (!seen.has(at)) {
      seen.add(at);
      loop.push(...points.get(at)!);
      const next = links.get(at)!.find((k) => k !== prev && !seen.has(k)) ?? links.get(at)!.find((k) => k !== prev);
      if (next === undefined) break;
      prev = at;
      at = next;
    }
    const area = Math.abs(shoelace(loop));
    if (loop.length >= 6 && area > bestArea) { best = loop; bestArea = area; }
  }
  return best;
}

function shoelace(p: number[]): number {
  let s = 0;
  for (let i = 0, n = p.length; i < n; i += 2) {
    const j = (i + 2) % n;
    s += p[i]! * p[j + 1]! - p[j]! * p[i + 1]!;
  }
  return s / 2;
}

/** Douglas–Peucker on a closed outline: drops points closer than `tolerance` to the line of their neighbours. */
export function simplifyOutline(p: number[], tolerance: number): number[] {
  const n = p.length / 2;
  if (n <= 4) return p;
  // Split the ring at point 0 and the point farthest from it, simplify both halves.
  let far = 0;
  let farD = -1;
  for (let i = 1; i < n; i++) {
    const d = Math.hypot(p[2 * i]! - p[0]!, p[2 * i + 1]! - p[1]!);
    if (d > farD) { far = i; farD = d; }
  }
  const keep = new Uint8Array(n);
  keep[0] = keep[far] = 1;
  const walk = (from: number, to: number) => { // indices along the ring, `to` may wrap past n
    let worst = -1;
    let worstD = tolerance;
    const [ax, ay, bx, by] = [p[2 * (from % n)]!, p[2 * (from % n) + 1]!, p[2 * (to % n)]!, p[2 * (to % n) + 1]!];
    const len = Math.hypot(bx - ax, by - ay) || 1;
    for (let i = from + 1; i < to; i++) {
      const [x, y] = [p[2 * (i % n)]!, p[2 * (i % n) + 1]!];
      const d = Math.abs((bx - ax) * (ay - y) - (ax - x) * (by - ay)) / len;
      if (d > worstD) { worst = i; worstD = d; }
    }
    if (worst < 0) return;
    keep[worst % n] = 1;
    walk(from, worst);
    walk(worst, to);
  };
  walk(0, far);
  walk(far, n);
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(p[2 * i]!, p[2 * i + 1]!);
  return out;
}

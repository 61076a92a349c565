/**
 * Heading by L-shape search (Zhang et al., "Efficient L-Shape Fitting for Vehicle Detection Using
 * Laser Scanners", 2017, closeness criterion): a LiDAR sees a vehicle's one or two near sides, so the
 * right heading puts most points close to two perpendicular edges of their bounding rectangle.
 * The search stays within `span` of the rectangle the person drew, which fixes the 90° ambiguity.
 */
const COARSE = (2 * Math.PI) / 180;
const STEP = (0.25 * Math.PI) / 180;
/**
 * A return this close to an edge (metres) counts as on it. The paper's 0.01 m suits a planar laser
 * scanner; a vehicle's returns lie around its edges by more (rounded corners, mirrors, wheel arches,
 * range noise), and at 0.01 m the few returns that happened to fall on an edge made the criterion
 * spiky: headings 5–25° off. 0.15 m was chosen on SUSTechPOINTS, nuScenes, the KITTI tuning frames
 * and Argoverse 2 (0.12–0.2 did as well; 0.3 and more blur the edges).
 */
const D0 = 0.15;

export function lshapeHeading(xs: Float64Array, ys: Float64Array, around: number, span: number): number {
  if (xs.length < 3) return around;
  // Coarse to fine: 2° steps over the span, then 0.25° steps around the best.
  const coarse = search(xs, ys, around, span, COARSE);
  return search(xs, ys, coarse, COARSE, STEP);
}

function search(xs: Float64Array, ys: Float64Array, around: number, span: number, step: number): number {
  const n = xs.length;
  const c1 = new Float64Array(n);
  const c2 = new Float64Array(n);
  let best = around;
  let bestScore = -Infinity;
  // From the middle outward, so that among equal scores (every return within D0 of an edge at
  // several angles, as when a car shows only its flat rear face) the angle nearest `around` wins.
  const steps = Math.floor(span / step + 1e-9);
  for (let k = 0; k <= 2 * steps; k++) {
    const theta = around + (k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * step;
    const cos = Math.cos(theta), sin = Math.sin(theta);
    let min1 = Infinity, max1 = -Infinity, min2 = Infinity, max2 = -Infinity;
    for (let i = 0; i < n; i++) {
      const a = xs[i]! * cos + ys[i]! * sin;
      const b = -xs[i]! * sin + ys[i]! * cos;
      c1[i] = a; c2[i] = b;
      if (a < min1) min1 = a;
      if (a > max1) max1 = a;
      if (b < min2) min2 = b;
      if (b > max2) max2 = b;
    }
    let score = 0;
    for (let i = 0; i < n; i++) {
      const d1 = Math.min(max1 - c1[i]!, c1[i]! - min1);
      const d2 = Math.min(max2 - c2[i]!, c2[i]! - min2);
      score += 1 / Math.max(Math.min(d1, d2), D0);
    }
    if (score > bestScore) { bestScore = score; best = theta; }
  }
  return best;
}

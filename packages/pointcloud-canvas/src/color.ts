/**
 * Point colours: a ramp over height or intensity. The range ignores the extreme 1% at each end,
 * so a few stray returns (birds, multipath below the road) do not squash the ramp. Everything is
 * one or two passes over the points (no sort), so a frame switch stays cheap.
 */
import type { PointCloud } from '@cadre/pointcloud';
import type { ColorMode } from './api.ts';

const STOPS = [[0.15, 0.35, 1], [0, 0.9, 1], [0.2, 1, 0.2], [1, 0.95, 0], [1, 0.2, 0.1]] as const;

/** Blue → cyan → green → yellow → red, t in [0, 1]; writes r, g, b at `out[at]`. */
export function ramp(t: number, out: Float32Array, at: number): void {
  const v = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * 4;
  const k = Math.min(3, Math.floor(v));
  const f = v - k;
  const a = STOPS[k]!, b = STOPS[k + 1]!;
  out[at] = a[0] + (b[0] - a[0]) * f;
  out[at + 1] = a[1] + (b[1] - a[1]) * f;
  out[at + 2] = a[2] + (b[2] - a[2]) * f;
}

/**
 * The `clip` and `1 − clip` quantiles of every `stride`-th value from `offset`: a histogram, then a
 * second one inside the bins found, so a few far outliers do not blur it (no sort). NaN and
 * infinities are skipped.
 */
export function clippedRange(values: ArrayLike<number>, stride = 1, offset = 0, clip = 0.01): { min: number; max: number } {
  let min = Infinity, max = -Infinity, n = 0;
  for (let i = offset; i < values.length; i += stride) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    n++;
  }
  if (n === 0) return { min: 0, max: 1 };
  const skip = Math.floor(n * clip);
  let below = 0, above = 0;
  for (let pass = 0; pass < 2 && max > min; pass++) {
    const bins = new Uint32Array(1024);
    const scale = 1024 / (max - min);
    for (let i = offset; i < values.length; i += stride) {
      const v = values[i]!;
      if (v >= min && v <= max) bins[Math.min(1023, Math.floor((v - min) * scale))]!++;
    }
    let lo = 0, hi = 1023;
    while (lo < 1023 && below + bins[lo]! <= skip) below += bins[lo++]!;
    while (hi > lo && above + bins[hi]! <= skip) above += bins[hi--]!;
    [min, max] = [min + lo / scale, min + (hi + 1) / scale];
  }
  return max > min ? { min, max } : { min, max: min + 1 };
}

export function pointColors(cloud: PointCloud, mode: ColorMode, out: Float32Array = new Float32Array(cloud.count * 3)): Float32Array {
  const values = mode === 'intensity' && cloud.intensity ? cloud.intensity : null;
  const { min, max } = values ? clippedRange(values) : clippedRange(cloud.positions, 3, 2);
  const span = max - min || 1;
  for (let i = 0; i < cloud.count; i++) {
    const v = values ? values[i]! : cloud.positions[i * 3 + 2]!;
    ramp((v - min) / span, out, i * 3);
  }
  return out;
}

/**
 * Point colours: a ramp over height or intensity. The range ignores the extreme 1% at each end,
 * so a few stray returns (birds, multipath below the road) do not squash the ramp.
 */
import { heightRange } from '@cadre/pointcloud';
import type { PointCloud } from '@cadre/pointcloud';
import type { ColorMode } from './api.ts';

/** Blue → cyan → green → yellow → red, t in [0, 1]. */
export function ramp(t: number, out: Float32Array, at: number): void {
  const v = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * 4;
  const k = Math.min(3, Math.floor(v));
  const f = v - k;
  const stops = [[0.15, 0.35, 1], [0, 0.9, 1], [0.2, 1, 0.2], [1, 0.95, 0], [1, 0.2, 0.1]];
  const a = stops[k]!, b = stops[k + 1]!;
  out[at] = a[0]! + (b[0]! - a[0]!) * f;
  out[at + 1] = a[1]! + (b[1]! - a[1]!) * f;
  out[at + 2] = a[2]! + (b[2]! - a[2]!) * f;
}

export function pointColors(cloud: PointCloud, mode: ColorMode, out = new Float32Array(cloud.count * 3)): Float32Array {
  const values = mode === 'intensity' && cloud.intensity ? cloud.intensity : null;
  let lo: number, hi: number;
  if (values) {
    const sorted = Float32Array.from(values).sort();
    lo = sorted[Math.floor(sorted.length * 0.01)] ?? 0;
    hi = sorted[Math.floor(sorted.length * 0.99)] ?? 1;
  } else {
    const range = heightRange(cloud.positions, 0.01) ?? { min: 0, max: 1 };
    lo = range.min;
    hi = range.max;
  }
  const span = hi - lo || 1;
  for (let i = 0; i < cloud.count; i++) {
    const v = values ? values[i]! : cloud.positions[i * 3 + 2]!;
    ramp((v - lo) / span, out, i * 3);
  }
  return out;
}

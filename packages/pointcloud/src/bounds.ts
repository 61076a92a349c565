/** Axis-aligned extent of interleaved x, y, z positions (metres). */
export interface Bounds {
  min: [number, number, number];
  max: [number, number, number];
}

/** Null for an empty cloud: there is no extent to frame a camera on. */
export function bounds(positions: Float32Array): Bounds | null {
  if (positions.length < 3) return null;
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i + 2 < positions.length; i += 3) {
    for (let a = 0; a < 3; a++) {
      const v = positions[i + a]!;
      if (v < min[a]!) min[a] = v;
      if (v > max[a]!) max[a] = v;
    }
  }
  return { min, max };
}

/**
 * z range for colour-by-height. `clip` (0–0.5) ignores that fraction of points at each end, so a few
 * stray returns (birds, multipath below the road) do not squash the colour ramp.
 */
export function heightRange(positions: Float32Array, clip = 0): { min: number; max: number } | null {
  const count = Math.floor(positions.length / 3);
  if (count === 0) return null;
  const z = new Float32Array(count);
  for (let i = 0; i < count; i++) z[i] = positions[i * 3 + 2]!;
  z.sort();
  const skip = Math.min(Math.floor(count * Math.max(0, Math.min(clip, 0.5))), Math.floor((count - 1) / 2));
  return { min: z[skip]!, max: z[count - 1 - skip]! };
}

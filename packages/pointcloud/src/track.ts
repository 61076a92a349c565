/**
 * Tracks in a sequence: a person places a box on a few keyframes; the frames between get boxes
 * interpolated from the keyframes on either side (position and size linearly, yaw the short way
 * round, so 179° → −179° passes through 180°, not through 0°).
 */
import { normalizeAngle, shortestAngleDelta, type Cuboid3dGeometry, type Radians } from '@cadre/core';

export interface Keyframe { frame: number; geometry: Cuboid3dGeometry }

export function interpolateCuboid(a: Cuboid3dGeometry, b: Cuboid3dGeometry, t: number): Cuboid3dGeometry {
  const lerp = (p: number, q: number) => p + (q - p) * t;
  const out: Cuboid3dGeometry = {
    x: lerp(a.x, b.x) as never, y: lerp(a.y, b.y) as never, z: lerp(a.z, b.z) as never,
    dx: lerp(a.dx, b.dx) as never, dy: lerp(a.dy, b.dy) as never, dz: lerp(a.dz, b.dz) as never,
    yaw: normalizeAngle((a.yaw + shortestAngleDelta(a.yaw, b.yaw) * t) as Radians),
  };
  if (a.roll !== undefined || b.roll !== undefined) out.roll = lerp(a.roll ?? 0, b.roll ?? 0) as never;
  if (a.pitch !== undefined || b.pitch !== undefined) out.pitch = lerp(a.pitch ?? 0, b.pitch ?? 0) as never;
  return out;
}

/**
 * The boxes of one track on every frame from its first keyframe to its last: keyframes as given,
 * the frames between them interpolated. Frames before the first or after the last keyframe get none.
 * With `times` (one per frame, increasing; see frameTimes) the share between two keyframes follows
 * time, so unevenly spaced frames put a steadily moving object where it was.
 */
export function fillTrack(keyframes: readonly Keyframe[], frameCount: number, times?: readonly number[]): Array<Keyframe & { keyframe: boolean }> {
  const at = times && times.length === frameCount ? times : null;
  const share = (f: number, a: number, b: number) => (at ? (at[f]! - at[a]!) / (at[b]! - at[a]!) : (f - a) / (b - a));
  const keys = [...keyframes].filter((k) => k.frame >= 0 && k.frame < frameCount).sort((p, q) => p.frame - q.frame);
  const out: Array<Keyframe & { keyframe: boolean }> = [];
  keys.forEach((key, i) => {
    if (i > 0 && keys[i - 1]!.frame === key.frame) return; // one box per frame: the first keyframe wins
    out.push({ ...key, keyframe: true });
    const next = keys[i + 1];
    if (!next) return;
    for (let f = key.frame + 1; f < next.frame; f++) {
      out.push({ frame: f, geometry: interpolateCuboid(key.geometry, next.geometry, share(f, key.frame, next.frame)), keyframe: false });
    }
  });
  return out;
}

/**
 * When each frame was taken, from a sequence's metadata: `timestamps` (numbers, one per frame), else
 * `frameNames` when every name is a number (recordings name frames by their index, e.g. 000950,
 * 000965); null when neither gives a strictly increasing series, and frames are then evenly spaced.
 */
export function frameTimes(metadata: Record<string, unknown> | null | undefined, frameCount: number): number[] | null {
  for (const key of ['timestamps', 'frameNames']) {
    const list = metadata?.[key];
    if (!Array.isArray(list) || list.length !== frameCount) continue;
    const values = list.map((v) => (typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : Number.NaN));
    if (values.every((v, i) => Number.isFinite(v) && (i === 0 || v > values[i - 1]!))) return values;
  }
  return null;
}

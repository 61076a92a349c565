// A LiDAR sequence of a street, made by casting a spinning sensor's beams into a simple world: the
// road (with brighter lane markings), pavements, two building walls, moving and parked vehicles and
// a walking pedestrian, all boxes. Rays stop at the first thing they meet, so each object is seen
// from the sensor's side only and shadows what is behind it, as in a real scan.
import type { OrientedBox } from '@cadre/core';
import { seeded, type Random } from './random.ts';

export type LidarClass = 'Car' | 'Truck' | 'Pedestrian';
export interface Actor { trackId: string; label: LidarClass; box: OrientedBox; velocity: number }
export interface LidarFrame { points: Float32Array; count: number; objects: { trackId: string; label: LidarClass; box: OrientedBox }[] }

const SENSOR_HEIGHT = 1.8; // m above the road; the lidar frame's z = 0 is the sensor
const GROUND = -SENSOR_HEIGHT;
const MAX_RANGE = 60;
const BEAMS = Array.from({ length: 28 }, (_, i) => ((-22 + i) * Math.PI) / 180); // -22° … +5°
const AZIMUTH_STEPS = 480; // 0.75°
export const FRAME_SECONDS = 0.2;

const box = (x: number, y: number, dx: number, dy: number, dz: number, yaw = 0): OrientedBox => ({ x, y, z: GROUND + dz / 2, dx, dy, dz, yaw });
const ACTORS: Actor[] = [
  { trackId: '1', label: 'Car', box: box(-24, -1.75, 4.5, 1.9, 1.6), velocity: 10 },
  { trackId: '2', label: 'Car', box: box(30, 1.75, 4.3, 1.8, 1.5, Math.PI), velocity: 9 },
  { trackId: '3', label: 'Car', box: box(6, -1.75, 4.7, 1.9, 1.5), velocity: 7 },
  { trackId: '4', label: 'Car', box: box(13, -5.1, 4.4, 1.8, 1.45), velocity: 0 },
  { trackId: '5', label: 'Truck', box: box(-15, -5.3, 8.2, 2.5, 3.2), velocity: 0 },
  { trackId: '6', label: 'Pedestrian', box: box(-5, 7.2, 0.6, 0.6, 1.75), velocity: 1.4 },
];
const WALLS: OrientedBox[] = [box(0, 13.5, 120, 1, 9), box(0, -13.5, 120, 1, 12)];

/** Where every actor is at frame `f`: driving along its heading at its speed. */
export function actorsAt(f: number): { trackId: string; label: LidarClass; box: OrientedBox }[] {
  const t = f * FRAME_SECONDS;
  return ACTORS.map((a) => ({
    trackId: a.trackId, label: a.label,
    box: { ...a.box, x: a.box.x + Math.cos(a.box.yaw) * a.velocity * t, y: a.box.y + Math.sin(a.box.yaw) * a.velocity * t },
  }));
}

/** One sweep at frame `f`: x, y, z, intensity per point (metres, lidar frame). */
export function scanFrame(f: number, seed: number): LidarFrame {
  const r = seeded(seed + f);
  const objects = actorsAt(f);
  const solids = [...objects.map((o) => solid(o.box, o.label === 'Pedestrian' ? 0.3 : 0.5, 0.12)), ...WALLS.map((w) => solid(w, 0.25, 0))];
  const out = new Float32Array(BEAMS.length * AZIMUTH_STEPS * 4);
  let n = 0;
  for (let a = 0; a < AZIMUTH_STEPS; a++) {
    const azimuth = (a / AZIMUTH_STEPS) * 2 * Math.PI;
    const candidates = solids.filter((s) => facing(s, azimuth));
    for (const elevation of BEAMS) {
      const d0 = Math.cos(elevation) * Math.cos(azimuth), d1 = Math.cos(elevation) * Math.sin(azimuth), d2 = Math.sin(elevation);
      let range = d2 < 0 ? GROUND / d2 : Infinity;
      let intensity = -1;
      for (const s of candidates) {
        const t = hitBox(s, d0, d1, d2);
        if (t < range) { range = t; intensity = s.intensity; }
      }
      if (range > MAX_RANGE) continue;
      range += noise(r, 0.02);
      const x = d0 * range, y = d1 * range, z = d2 * range;
      if (intensity < 0) intensity = groundIntensity(x, y);
      out[n * 4] = x; out[n * 4 + 1] = y; out[n * 4 + 2] = z;
      out[n * 4 + 3] = Math.min(1, Math.max(0, intensity + noise(r, 0.03)));
      n++;
    }
  }
  return { points: out.subarray(0, n * 4), count: n, objects };
}

/** Lane markings return more light than asphalt; pavements a little more too. */
function groundIntensity(x: number, y: number): number {
  const onLine = (at: number) => Math.abs(y - at) < 0.08;
  if (onLine(-3.5) || onLine(3.5) || (onLine(0) && ((x % 9) + 9) % 9 < 3)) return 0.75;
  return Math.abs(y) > 3.8 ? 0.22 : 0.1;
}

const noise = (r: Random, scale: number) => (r.next() + r.next() + r.next() - 1.5) * scale;

interface Solid { box: OrientedBox; cos: number; sin: number; intensity: number; azimuth: number; halfAngle: number }

/**
 * The ray meets the object's body, a little inside its labelled box: label boxes enclose the
 * points with a few centimetres to spare, so a box a few centimetres off still holds them.
 */
function solid(b: OrientedBox, intensity: number, margin: number): Solid {
  const distance = Math.hypot(b.x, b.y), radius = Math.hypot(b.dx, b.dy) / 2;
  return {
    box: { ...b, dx: b.dx - margin, dy: b.dy - margin, dz: b.dz - margin }, cos: Math.cos(b.yaw), sin: Math.sin(b.yaw), intensity,
    // The bearings the box can cover, so each ray tests only the few boxes in its direction.
    azimuth: Math.atan2(b.y, b.x), halfAngle: distance <= radius ? Math.PI : Math.asin(radius / distance),
  };
}

function facing(s: Solid, azimuth: number): boolean {
  const off = Math.abs(((azimuth - s.azimuth + 3 * Math.PI) % (2 * Math.PI)) - Math.PI);
  return off <= s.halfAngle + 0.02;
}

/** The distance along the unit ray from the origin to the box, or Infinity (slabs in the box's frame). */
function hitBox(s: Solid, d0: number, d1: number, d2: number): number {
  const b = s.box, c = s.cos, sn = s.sin;
  let near = 0, far = Infinity;
  const origin = [-b.x * c - b.y * sn, b.x * sn - b.y * c, -b.z];
  const direction = [d0 * c + d1 * sn, -d0 * sn + d1 * c, d2];
  const half = [b.dx / 2, b.dy / 2, b.dz / 2];
  for (let k = 0; k < 3; k++) {
    const o = origin[k]!, v = direction[k]!, h = half[k]!;
    if (Math.abs(v) < 1e-12) {
      if (Math.abs(o) > h) return Infinity;
      continue;
    }
    const t0 = (-h - o) / v, t1 = (h - o) / v;
    near = Math.max(near, Math.min(t0, t1));
    far = Math.min(far, Math.max(t0, t1));
    if (near > far) return Infinity;
  }
  return near > 0 ? near : Infinity;
}

/**
 * Tracks from per-frame proposals: each track's next position is predicted at constant velocity (an
 * alpha–beta filter: a constant-velocity Kalman filter with fixed gains), proposals are assigned to
 * tracks by the Hungarian method on bird's-eye distance within a gate, a track missing for a frame
 * or two is kept and its gap filled by interpolation, and a rigid object keeps one size: the median
 * of its proposals'.
 */
import { hungarian as assign } from '@cadre/core';
import { frameTimes, interpolateCuboid } from '../track.ts';
import type { FrameProposal } from './frame.ts';

export interface TrackedBox extends FrameProposal { track: string; frame: number; interpolated: boolean }

export interface TrackOptions {
  /** Frame times (seconds, or any unit the speeds are per); default 0, 1, 2, …. */
  times?: readonly number[];
  /** The fastest an object may move, per unit of time, while its speed is unknown (default 20: m/s at 10 Hz frame numbers is 2 a frame). */
  maxSpeed?: number;
  /** Once its speed is known, how far (metres) a track may be from where it was predicted (default 2.5). */
  gate?: number;
  /** Frames a track may miss and still go on (default 2). */
  maxGap?: number;
}

/**
 * A sequence's frame times in seconds for linkTracks: `metadata.timestamps` as given, else numeric
 * frame names (000950, 000965, …) read as frame numbers at 10 Hz; null when neither is there.
 */
export function sequenceTimes(metadata: Record<string, unknown> | null | undefined, frameCount: number): number[] | null {
  const stamps = Array.isArray(metadata?.timestamps) ? frameTimes({ timestamps: metadata.timestamps }, frameCount) : null;
  if (stamps) return stamps;
  const numbers = frameTimes({ frameNames: metadata?.frameNames }, frameCount);
  return numbers ? numbers.map((n) => n / 10) : null;
}

interface Track { id: string; boxes: Map<number, FrameProposal>; last: number; vx: number; vy: number; known: boolean }

const ALPHA = 0.5;

export function linkTracks(frames: readonly (readonly FrameProposal[])[], o: TrackOptions = {}): TrackedBox[] {
  const times = o.times && o.times.length === frames.length ? o.times : frames.map((_, i) => i);
  const gate = o.gate ?? 2.5, maxSpeed = o.maxSpeed ?? 20, maxGap = o.maxGap ?? 2;
  const tracks: Track[] = [];
  let next = 1;
  frames.forEach((proposals, f) => {
    const live = tracks.filter((t) => f - t.last <= maxGap + 1);
    const cost = live.map((t) => {
      const last = t.boxes.get(t.last)!;
      const dt = times[f]! - times[t.last]!;
      const px = last.x + t.vx * dt, py = last.y + t.vy * dt;
      const reach = t.known ? gate + 0.2 * Math.hypot(t.vx, t.vy) * dt : gate + maxSpeed * dt;
      return proposals.map((p) => {
        const d = Math.hypot(p.x - px, p.y - py);
        return d <= reach ? d : Infinity;
      });
    });
    const assigned = hungarian(cost);
    const used = new Set<number>();
    assigned.forEach((j, i) => {
      if (j < 0) return;
      const t = live[i]!, p = proposals[j]!, last = t.boxes.get(t.last)!;
      const dt = times[f]! - times[t.last]!;
      if (dt > 0) {
        const vx = (p.x - last.x) / dt, vy = (p.y - last.y) / dt;
        t.vx = t.known ? t.vx + ALPHA * (vx - t.vx) : vx;
        t.vy = t.known ? t.vy + ALPHA * (vy - t.vy) : vy;
        t.known = true;
      }
      t.boxes.set(f, p);
      t.last = f;
      used.add(j);
    });
    proposals.forEach((p, j) => {
      if (!used.has(j)) tracks.push({ id: `t${next++}`, boxes: new Map([[f, p]]), last: f, vx: 0, vy: 0, known: false });
    });
  });
  return tracks.flatMap((t) => trackBoxes(t, times));
}

/** The track's boxes on every frame from its first to its last, gaps interpolated, one size for all. */
function trackBoxes(t: Track, times: readonly number[]): TrackedBox[] {
  const frames = [...t.boxes.keys()].sort((a, b) => a - b);
  const seen = frames.map((f) => t.boxes.get(f)!);
  const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]!; };
  const size = { dx: median(seen.map((b) => b.dx)), dy: median(seen.map((b) => b.dy)), dz: median(seen.map((b) => b.dz)) };
  const score = Math.max(...seen.map((b) => b.score));
  const out: TrackedBox[] = [];
  for (let k = 0; k < frames.length; k++) {
    const f = frames[k]!, b = t.boxes.get(f)!;
    out.push({ ...b, ...size, track: t.id, frame: f, interpolated: false });
    const g = frames[k + 1];
    if (g === undefined) continue;
    const nb = t.boxes.get(g)!;
    for (let m = f + 1; m < g; m++) {
      const share = (times[m]! - times[f]!) / (times[g]! - times[f]!);
      const at = interpolateCuboid(b as never, nb as never, share);
      out.push({ ...b, x: at.x, y: at.y, z: at.z, yaw: at.yaw, ...size, score, points: 0, track: t.id, frame: m, interpolated: true });
    }
  }
  return out;
}

/**
 * Minimum-cost assignment of rows to columns (@cadre/core's Hungarian method) where Infinity marks a
 * pair that may not be assigned. Returns the column of each row, or −1.
 */
export function hungarian(cost: readonly (readonly number[])[]): number[] {
  const cols = cost.length > 0 ? Math.max(...cost.map((r) => r.length)) : 0;
  // Forbidden pairs cost more than every allowed assignment together, so they are taken only when
  // nothing else is left, and then dropped.
  let allowed = 0;
  for (const r of cost) for (const v of r) if (Number.isFinite(v)) allowed += Math.abs(v);
  const forbidden = 1 + 2 * allowed;
  const square = cost.map((r) => Array.from({ length: cols }, (_, j) => { const v = r[j]; return v === undefined || !Number.isFinite(v) ? forbidden : v; }));
  return assign(square).map((j, i) => (j >= 0 && Number.isFinite(cost[i]![j] ?? Infinity) ? j : -1));
}

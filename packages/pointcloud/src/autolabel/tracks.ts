/**
 * Tracks from per-frame proposals: each track's next position is predicted at constant velocity (an
 * alpha–beta filter: a constant-velocity Kalman filter with fixed gains), frames linked from the pair
 * closest in time outward (see linkOrder), proposals are assigned to
 * tracks by the Hungarian method on bird's-eye distance within a gate, a track missing for a frame
 * or two is kept and its gap filled by interpolation, and a rigid object keeps one class and one
 * size: the median of its proposals'.
 */
import { DEFAULT_CHECK_SETTINGS, hungarian as assign } from '@cadre/core';
import { frameTimes, interpolateCuboid } from '../track.ts';
import type { FrameProposal } from './frame.ts';

export interface TrackedBox extends FrameProposal { track: string; frame: number; interpolated: boolean }

export interface TrackOptions {
  /**
   * Frame times in seconds; default 0.1 s apart, the usual LiDAR rate. (Counting frames as seconds
   * let a track whose speed was not yet known jump 20 m a frame onto another object.)
   */
  times?: readonly number[];
  /** The fastest an object may move (m/s) while its speed is unknown (default 20: 2 m a frame at 10 Hz). */
  maxSpeed?: number;
  /** Once its speed is known, how far (metres) a track may be from where it was predicted (default 2.5). */
  gate?: number;
  /** Frames a track may miss and still go on (default 2). */
  maxGap?: number;
  /**
   * The score a proposal needs to start a track (default 0: every one). Proposals under it only
   * continue tracks, after the confident ones are assigned: a car scored low on the frame where it
   * is farthest or most hidden keeps its track there; clutter scored low everywhere starts none.
   */
  startScore?: number;
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

interface Track { id: string; boxes: Map<number, FrameProposal>; first: number; last: number; vx: number; vy: number; known: boolean }

const ALPHA = 0.5;
/** Lengths further apart than this factor are two objects, not one seen twice. */
const SIZE_RATIO = 1.8;
const footprint = (b: { dx: number; dy: number }): [number, number] => [Math.max(b.dx, b.dy), Math.min(b.dx, b.dy)];
/** The most a box's long axis may turn between frames a second or less apart (radians; more for longer gaps). */
const MAX_TURN = (40 * Math.PI) / 180;
/** Angle between two boxes' long axes, 0..π/2 (a box's heading is an axis: front and back look alike to a fit). */
function axisAngle(a: number, b: number): number {
  const d = Math.abs(Math.atan2(Math.sin(a - b), Math.cos(a - b)));
  return Math.min(d, Math.PI - d);
}

/**
 * The order frames are linked in: from the pair closest in time, forward to the end, then backward
 * to the start. Speeds are first learned where the object moves least between frames, so a long
 * first gap (a sequence sampled unevenly) is crossed with a known speed, from the other side.
 */
export function linkOrder(times: readonly number[]): { frame: number; forward: boolean }[] {
  let start = 0;
  for (let i = 1; i + 1 < times.length; i++) if (times[i + 1]! - times[i]! < times[start + 1]! - times[start]!) start = i;
  return [
    ...Array.from({ length: times.length - start }, (_, k) => ({ frame: start + k, forward: true })),
    ...Array.from({ length: start }, (_, k) => ({ frame: start - 1 - k, forward: false })),
  ];
}

export function linkTracks(frames: readonly (readonly FrameProposal[])[], o: TrackOptions = {}): TrackedBox[] {
  const times = o.times && o.times.length === frames.length ? o.times : frames.map((_, i) => i / 10);
  const gate = o.gate ?? 2.5, maxSpeed = o.maxSpeed ?? 20, maxGap = o.maxGap ?? 2, startScore = o.startScore ?? 0;
  const tracks: Track[] = [];
  const used = new Set<FrameProposal>();
  let next = 1;
  // The end of each track that faces frame f: its last box going forward, its first going back.
  const end = (t: Track, forward: boolean) => (forward ? t.last : t.first);
  const reaches = (t: Track, f: number, forward: boolean) => (forward ? f > t.last : f < t.first) && Math.abs(f - end(t, forward)) <= maxGap + 1;
  const cost = (ts: Track[], ps: readonly FrameProposal[], f: number, forward: boolean) => ts.map((t) => {
    const anchor = t.boxes.get(end(t, forward))!;
    const dt = times[f]! - times[end(t, forward)]!;
    const px = anchor.x + t.vx * dt, py = anchor.y + t.vy * dt;
    const reach = t.known ? gate + 0.2 * Math.hypot(t.vx, t.vy) * Math.abs(dt) : gate + maxSpeed * Math.abs(dt);
    return ps.map((p) => {
      const d = Math.hypot(p.x - px, p.y - py);
      if (d > reach) return Infinity;
      // Each class is tracked on its own (as AB3DMOT and CenterPoint do): a car's track does not go
      // on as the truck beside it, and a track is one object of one class.
      if (p.class !== anchor.class) return Infinity;
      // A rigid object keeps its size: a car's track does not go on as a bus, and between two
      // proposals at the same distance the one of its size is the one.
      const [l0, w0] = footprint(anchor), [l1, w1] = footprint(p);
      if (Math.max(l0, l1) > SIZE_RATIO * Math.min(l0, l1)) return Infinity;
      // Nor does it turn across the road between two frames. (Its move need not run along its axis:
      // a sequence in the sensor's frame moves every object by the sensor's own motion.)
      if (axisAngle(anchor.yaw, p.yaw) > MAX_TURN * Math.max(1, Math.abs(dt))) return Infinity;
      return d + Math.abs(l1 - l0) + Math.abs(w1 - w0);
    });
  });
  const extend = (t: Track, p: FrameProposal, f: number, forward: boolean) => {
    const anchor = t.boxes.get(end(t, forward))!;
    const dt = times[f]! - times[end(t, forward)]!;
    if (dt !== 0) {
      const vx = (p.x - anchor.x) / dt, vy = (p.y - anchor.y) / dt;
      t.vx = t.known ? t.vx + ALPHA * (vx - t.vx) : vx;
      t.vy = t.known ? t.vy + ALPHA * (vy - t.vy) : vy;
      t.known = true;
    }
    t.boxes.set(f, p);
    used.add(p);
    if (forward) t.last = f; else t.first = f;
  };
  /** Tracks with a known speed (their gate is metres, not the distance the fastest car covers) take the unused doubtful proposals of frame f. */
  const continueOnDoubtful = (f: number, forward: boolean) => {
    const waiting = tracks.filter((t) => t.known && reaches(t, f, forward));
    const low = frames[f]!.filter((p) => p.score < startScore && !used.has(p));
    hungarian(cost(waiting, low, f, forward)).forEach((j, i) => { if (j >= 0) extend(waiting[i]!, low[j]!, f, forward); });
  };
  for (const { frame: f, forward } of linkOrder(times)) {
    // Confident proposals first; the tracks left over may then continue on a doubtful one (never
    // start from one): clutter cannot take a track from the object it follows.
    const live = tracks.filter((t) => reaches(t, f, forward));
    const high = frames[f]!.filter((p) => p.score >= startScore);
    hungarian(cost(live, high, f, forward)).forEach((j, i) => { if (j >= 0) extend(live[i]!, high[j]!, f, forward); });
    continueOnDoubtful(f, forward);
    for (const p of high) if (!used.has(p)) { tracks.push({ id: `t${next++}`, boxes: new Map([[f, p]]), first: f, last: f, vx: 0, vy: 0, known: false }); used.add(p); }
  }
  // A track begun after the first frame (its object scored low until then) looks back for it, and
  // one begun going back looks forward.
  if (startScore > 0) {
    for (let f = frames.length - 1; f >= 0; f--) continueOnDoubtful(f, false);
    for (let f = 0; f < frames.length; f++) continueOnDoubtful(f, true);
  }
  return tracks.flatMap((t) => trackBoxes(t, times, startScore));
}

/** The fewest returns a filled-in box must hold by default: the workspace's default points check on a cuboid. */
export const MIN_FILL_POINTS = DEFAULT_CHECK_SETTINGS.minCuboidPoints;

/**
 * Leaves out the boxes a track filled in across a gap (interpolated) that hold fewer than `min`
 * returns of their frame (`held`): the object was hidden there (a car behind a truck), which is why
 * no proposal was found, and datasets leave an object unlabelled on a frame where it cannot be seen.
 * A box on nothing is one a person would have to delete, and one the project's points check
 * refuses. The track keeps its id across the gap. `min` 0 keeps every box.
 */
export function withoutHiddenFills<T extends Pick<TrackedBox, 'interpolated'>>(boxes: readonly T[], held: (box: T) => number, min = MIN_FILL_POINTS): T[] {
  return min <= 0 ? [...boxes] : boxes.filter((b) => !b.interpolated || held(b) >= min);
}

/** The track's boxes on every frame from its first to its last, gaps interpolated, one size for all, the score of the track where its own is under the start score. */
function trackBoxes(t: Track, times: readonly number[], startScore: number): TrackedBox[] {
  const frames = [...t.boxes.keys()].sort((a, b) => a - b);
  const seen = frames.map((f) => t.boxes.get(f)!);
  const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]!; };
  const size = { dx: median(seen.map((b) => b.dx)), dy: median(seen.map((b) => b.dy)), dz: median(seen.map((b) => b.dz)) };
  const score = Math.max(...seen.map((b) => b.score));
  const out: TrackedBox[] = [];
  for (let k = 0; k < frames.length; k++) {
    const f = frames[k]!, b = t.boxes.get(f)!;
    // A box the track kept though it scored under the start score carries the track's score, as an
    // interpolated one does: the track vouches for it.
    out.push({ ...b, ...size, ...(b.score < startScore ? { score } : {}), track: t.id, frame: f, interpolated: false });
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

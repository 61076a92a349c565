/**
 * The scan sorted by azimuth, so "which rays passed behind this patch of road" reads a few bins
 * instead of the whole sweep. Azimuths are taken about the sensor (see sensor.ts), which sits at
 * the frame's origin only when the cloud is in the sensor's own frame.
 */
import type { Origin } from './sensor.ts';

export interface ScanIndex {
  bins: number;
  /** The sensor's position: every ray starts there. */
  origin: Origin;
  /** start[b]..start[b+1] index into `order` for azimuth bin b. */
  start: Int32Array;
  order: Int32Array;
}

const BINS = 1440; // 0.25°

export function azimuthBin(x: number, y: number, bins = BINS): number {
  const a = Math.atan2(y, x); // -π..π
  return Math.min(bins - 1, Math.floor(((a + Math.PI) / (2 * Math.PI)) * bins));
}

export function indexScan(positions: Float32Array, origin: Origin = [0, 0, 0]): ScanIndex {
  const count = Math.floor(positions.length / 3);
  const [ox, oy] = origin;
  const binOf = new Int32Array(count);
  const start = new Int32Array(BINS + 1);
  for (let i = 0; i < count; i++) {
    const b = azimuthBin(positions[i * 3]! - ox, positions[i * 3 + 1]! - oy);
    binOf[i] = b;
    start[b + 1]!++;
  }
  for (let b = 0; b < BINS; b++) start[b + 1]! += start[b]!;
  const fill = start.slice(0, BINS);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[fill[binOf[i]!]!++] = i;
  return { bins: BINS, origin, start, order };
}

/** Calls fn for every point whose azimuth lies within the span the given corners subtend. */
export function forEachInWedge(scan: ScanIndex, corners: ReadonlyArray<readonly [number, number]>, fn: (i: number) => void): void {
  const [ox, oy] = scan.origin;
  const angles = corners.map(([x, y]) => Math.atan2(y - oy, x - ox));
  // The narrowest arc holding all corners: rotate so the first corner is at 0, then take min/max.
  const ref = angles[0]!;
  let lo = 0, hi = 0;
  for (const a of angles) {
    let d = a - ref;
    while (d > Math.PI) d -= 2 * Math.PI;
    while (d < -Math.PI) d += 2 * Math.PI;
    lo = Math.min(lo, d);
    hi = Math.max(hi, d);
  }
  if (hi - lo > Math.PI) return; // the sensor is inside the patch: no ray passes "behind" it
  const width = (2 * Math.PI) / scan.bins;
  const first = Math.floor((ref + lo + Math.PI) / width) - 1;
  const last = Math.floor((ref + hi + Math.PI) / width) + 1;
  for (let k = first; k <= last; k++) {
    const b = ((k % scan.bins) + scan.bins) % scan.bins;
    for (let j = scan.start[b]!; j < scan.start[b + 1]!; j++) fn(scan.order[j]!);
  }
}

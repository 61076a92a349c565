import type { Point2 } from './polygon2d.ts';

export function pointToSegmentDistance(p: Point2, a: Point2, b: Point2): number {
  const abx = b[0] - a[0];
  const aby = b[1] - a[1];
  const len2 = abx * abx + aby * aby;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * abx + (p[1] - a[1]) * aby) / len2;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - (a[0] + t * abx), p[1] - (a[1] + t * aby));
}

export function pointToPolylineDistance(p: Point2, line: readonly Point2[]): number {
  if (line.length === 0) return Infinity;
  if (line.length === 1) return Math.hypot(p[0] - line[0]![0], p[1] - line[0]![1]);
  let best = Infinity;
  for (let i = 1; i < line.length; i++) best = Math.min(best, pointToSegmentDistance(p, line[i - 1]!, line[i]!));
  return best;
}

export interface PolylineDistanceOptions {
  /**
   * Adds samples so no two consecutive ones are farther apart than this. Without it only vertices
   * are measured, which can miss the farthest point in the middle of a long segment.
   */
  sampleStep?: number;
}

export function densify(line: readonly Point2[], step: number): Point2[] {
  if (!(step > 0) || line.length < 2) return line.slice();
  const out: Point2[] = [line[0]!];
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const n = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / step));
    for (let k = 1; k <= n; k++) out.push([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n]);
  }
  return out;
}

function directed(a: readonly Point2[], b: readonly Point2[], step: number | undefined): number[] {
  const samples = step === undefined ? a : densify(a, step);
  return samples.map((p) => pointToPolylineDistance(p, b));
}

/** Mean of the two directed mean closest-point distances. */
export function polylineChamfer(a: readonly Point2[], b: readonly Point2[], opts: PolylineDistanceOptions = {}): number {
  const mean = (d: number[]) => d.reduce((s, v) => s + v, 0) / d.length;
  return (mean(directed(a, b, opts.sampleStep)) + mean(directed(b, a, opts.sampleStep))) / 2;
}

export function polylineHausdorff(a: readonly Point2[], b: readonly Point2[], opts: PolylineDistanceOptions = {}): number {
  // A loop, not Math.max(...d): densified lane lines can exceed the engine's argument limit.
  let worst = 0;
  for (const d of directed(a, b, opts.sampleStep)) worst = Math.max(worst, d);
  for (const d of directed(b, a, opts.sampleStep)) worst = Math.max(worst, d);
  return worst;
}

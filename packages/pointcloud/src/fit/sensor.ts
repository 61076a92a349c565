/**
 * Where the sensor sits in the cloud's frame. A spinning LiDAR fires its beams at fixed elevations,
 * so seen from the true sensor position every return of one beam lies on one cone: the elevation
 * angles of the whole sweep pile up in sharp peaks, one a beam. Seen from anywhere else the peaks
 * smear. The origin that makes the elevation histogram sharpest is the sensor's.
 *
 * Clouds in the sensor's own frame (KITTI's velodyne, SUSTechPOINTS, nuScenes' LIDAR_TOP) give about
 * (0, 0, 0); clouds in a vehicle frame (Argoverse 2's ego frame, origin on the rear axle) give the
 * roof mount, metres up and forward. Rays start there, not at the frame's origin.
 */
export type Origin = readonly [number, number, number];

const BIN_DEG = 0.05;
const BINS = Math.round(180 / BIN_DEG);
/** Returns between these ranges (metres) vote: nearer ones are the car itself, farther ones few. */
const NEAR = 4, FAR = 60;
/** A sweep subsampled to about this many returns: the peaks stand out long before all of them vote. */
const SAMPLE = 8_000;
/**
 * Heights searched: from just above the road to 5 m over it (a sensor on the road would see the
 * whole road at elevation 0, the sharpest and falsest peak of all); forward and sideways ±2.5 m.
 */
const ABOVE_ROAD = 0.4, Z_SPAN = 5, XY_SPAN = 2.5;
/** A shift must sharpen the histogram by this factor to count: otherwise the frame's origin stands. */
const MIN_GAIN = 1.1, MIN_GAIN_XY = 1.03;
/**
 * Beams must show at all: seen from its sensor a real sweep scores 1.7 (Argoverse 2's two stacked
 * 32-beam sensors) to 9 (one 40-beam sensor); a regular grid seen from anywhere stays under 1.3.
 */
const MIN_SHARPNESS = 1.4;

/** Bins either side of the window a histogram is smoothed over (±0.5°): wider than a beam's peak, narrower than the road's spread. */
const SMOOTH = 10;

/**
 * How much sharper the elevation histogram seen from (ox, oy, oz) is than itself smoothed over a
 * degree: the sum of squared counts over that of the smoothed counts. Beams make it large; a road
 * seen at a grazing angle piles returns up too, but smoothly, and scores near 1.
 */
export function elevationSharpness(positions: Float32Array, ox: number, oy: number, oz: number, step = 1): number {
  const bins = new Float64Array(BINS);
  for (let k = 0; k < positions.length / 3; k += step) {
    const x = positions[k * 3]! - ox, y = positions[k * 3 + 1]! - oy, z = positions[k * 3 + 2]! - oz;
    const r = Math.hypot(x, y);
    if (!(r >= NEAR && r <= FAR) || !Number.isFinite(z)) continue;
    const b = Math.floor((Math.atan2(z, r) * 180) / Math.PI / BIN_DEG + BINS / 2);
    if (b >= 0 && b < BINS) bins[b]!++;
  }
  let sharp = 0, smooth = 0, window = 0;
  for (let b = -SMOOTH; b < BINS; b++) {
    if (b + SMOOTH < BINS) window += bins[b + SMOOTH]!;
    if (b - SMOOTH - 1 >= 0) window -= bins[b - SMOOTH - 1]!;
    if (b < 0) continue;
    const mean = window / (2 * SMOOTH + 1);
    sharp += bins[b]! * bins[b]!;
    smooth += mean * mean;
  }
  return smooth > 0 ? sharp / smooth : 0;
}

/** Best of `candidates` values of one coordinate, the others held. */
function search(score: (v: number) => number, from: number, to: number, step: number): { at: number; score: number } {
  let best = { at: from, score: -1 };
  for (let v = from; v <= to + 1e-9; v += step) {
    const s = score(v);
    if (s > best.score) best = { at: v, score: s };
  }
  return best;
}

/**
 * The sensor's position: coarse to fine, height first (it smears the peaks most), then forward and
 * sideways, then height again. Clouds too small or too flat to show beams keep the frame's origin.
 */
export function estimateSensorOrigin(positions: Float32Array): Origin {
  const count = Math.floor(positions.length / 3);
  if (count < 1000) return [0, 0, 0];
  const step = Math.max(1, Math.floor(count / SAMPLE));
  const at = (x: number, y: number, z: number) => elevationSharpness(positions, x, y, z, step);
  const road = roadLevel(positions, step);
  if (road === undefined) return [0, 0, 0];
  // The frame's origin, or the lowest a sensor could sit when the origin is on the road (a vehicle frame).
  const low = road + ABOVE_ROAD;
  const base = at(0, 0, Math.max(0, low));
  let z = search((v) => at(0, 0, v), low, road + Z_SPAN, 0.2).at;
  z = search((v) => at(0, 0, v), Math.max(low, z - 0.2), z + 0.2, 0.04).at;
  const still = at(0, 0, z);
  const sx = search((v) => at(v, 0, z), -XY_SPAN, XY_SPAN, 0.25);
  const x = sx.score > still * MIN_GAIN_XY ? sx.at : 0;
  const sy = search((v) => at(x, v, z), -XY_SPAN, XY_SPAN, 0.25);
  const y = sy.score > at(x, 0, z) * MIN_GAIN_XY ? sy.at : 0;
  const best = search((v) => at(x, y, v), Math.max(low, z - 0.06), z + 0.06, 0.02);
  if (!(best.score > base * MIN_GAIN && best.score >= MIN_SHARPNESS)) return [0, 0, 0];
  return [round(x), round(y), round(best.at)];
}

const round = (v: number) => Math.round(v * 100) / 100;

/** The road's height near the sensor: a low percentile of the returns 4–20 m out (most of them are road). */
function roadLevel(positions: Float32Array, step: number): number | undefined {
  const zs: number[] = [];
  for (let k = 0; k < positions.length / 3; k += step) {
    const r = Math.hypot(positions[k * 3]!, positions[k * 3 + 1]!);
    const z = positions[k * 3 + 2]!;
    if (r >= NEAR && r <= 20 && Number.isFinite(z)) zs.push(z);
  }
  if (zs.length < 100) return undefined;
  zs.sort((a, b) => a - b);
  return zs[Math.floor(zs.length * 0.2)];
}

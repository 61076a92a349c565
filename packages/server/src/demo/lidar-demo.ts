// The LiDAR demo: a ten-frame sweep sequence from lidar-scene.ts with a tracker's cuboids, most
// tight and a few wrong in the ways people correct in 3D: a box fitted to the visible side only,
// a heading off, a pedestrian lost for two frames and a track that changes its id halfway.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { countPointsInCuboid, type OrientedBox } from '@cadre/core';
import type { RowResult } from '../import/types.ts';
import type { CuboidResult } from '../predictions/cuboid.ts';
import { encodePcd } from './pcd.ts';
import { seeded } from './random.ts';
import { scanFrame } from './lidar-scene.ts';

export const LIDAR_DEMO = {
  name: 'Demo: LiDAR street',
  description: 'Fit cuboids to the vehicles and the pedestrian across ten frames and keep their tracks. A tracker has boxed them already, a few badly. Generated point clouds, free to share.',
  ontology: {
    classes: [
      { name: 'Car', kind: 'cuboid3d', color: '#ff9900', hotkey: '1', sizePrior: { length: 4.5, width: 1.9, height: 1.6 }, attributes: [{ name: 'parked', type: 'boolean', required: false }] },
      { name: 'Truck', kind: 'cuboid3d', color: '#e040fb', hotkey: '2', sizePrior: { length: 8, width: 2.5, height: 3.2 }, attributes: [] },
      { name: 'Pedestrian', kind: 'cuboid3d', color: '#00e676', hotkey: '3', sizePrior: { length: 0.6, width: 0.6, height: 1.75 }, attributes: [] },
    ],
  },
  // One person sees the whole line: submit, the machine checks, accepted (and in the export).
  settings: { stages: ['annotate', 'check'] },
};

export const LIDAR_MODEL = 'demo-lidar-tracker-v1';
export const LIDAR_FRAMES = 10;
const SEED = 7300;
/** The tracker reports what it saw: an object with fewer points than this is not detected. */
const MIN_POINTS = 8;

export interface LidarSequence { frames: string[]; results: CuboidResult[] }

export async function writeLidarSequence(dir: string): Promise<LidarSequence> {
  await mkdir(dir, { recursive: true });
  const frames: string[] = [];
  const results: CuboidResult[] = [];
  const r = seeded(SEED);
  for (let f = 0; f < LIDAR_FRAMES; f++) {
    const scan = scanFrame(f, SEED);
    const file = join(dir, `${String(f).padStart(6, '0')}.pcd`);
    await writeFile(file, encodePcd(scan.points, scan.count));
    frames.push(file);
    for (const o of scan.objects) {
      if (countPointsInCuboid(o.box, scan.points, 4) < MIN_POINTS) continue;
      const made = trackerBox(o.trackId, o.box, f, r.between(-1, 1));
      if (!made) continue;
      // The tracker's mistakes must still hold points of their object: a box on nothing is another lesson.
      const score = made.flawed ? 0.5 + 0.1 * Math.abs(r.next()) : 0.86 + 0.1 * r.next();
      results.push({
        id: `f${f}-${o.trackId}`, type: 'cuboid3d', score: Math.round(score * 100) / 100,
        value: { ...round(made.box), labels: [o.label], frame: f, trackId: made.trackId },
      });
    }
  }
  return { frames, results };
}

export async function* lidarDemoRows(sequence: LidarSequence): AsyncGenerator<RowResult> {
  const scores = sequence.results.map((c) => c.score ?? 0);
  const predictions = [{ modelVersion: LIDAR_MODEL, score: scores.reduce((a, b) => a + b, 0) / scores.length, result: sequence.results }];
  const frameNames = sequence.frames.map((_, f) => String(f).padStart(6, '0'));
  yield { ok: true, row: { line: 1, data: { frames: sequence.frames, frameNames }, predictions, priority: 0 } };
}

/** The tracker's box for one object in one frame: the truth within a few centimetres, or one of its mistakes. */
function trackerBox(trackId: string, truth: OrientedBox, frame: number, wobble: number): { box: OrientedBox; trackId: string; flawed: boolean } | null {
  const box = { ...truth, x: truth.x + 0.03 * wobble, y: truth.y - 0.02 * wobble, yaw: truth.yaw + 0.004 * wobble };
  if (trackId === '6' && (frame === 5 || frame === 6)) return null;
  if (trackId === '1' && (frame === 2 || frame === 3)) {
    // Fitted to the end the sensor sees only: too short, its centre pulled towards the sensor.
    return { box: { ...box, dx: truth.dx - 0.8, x: truth.x + 0.4 }, trackId, flawed: true };
  }
  if (trackId === '2' && frame === 4) return { box: { ...box, yaw: truth.yaw + 0.16 }, trackId, flawed: true };
  if (trackId === '3' && frame >= 5) return { box, trackId: '7', flawed: frame === 5 };
  return { box, trackId, flawed: false };
}

const round = (b: OrientedBox): OrientedBox => {
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return { x: r(b.x), y: r(b.y), z: r(b.z), dx: r(b.dx), dy: r(b.dy), dz: r(b.dz), yaw: Math.round(b.yaw * 1e4) / 1e4 };
};

import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseSustechLabels, type LabelBox } from '@cadre/pointcloud';
import { ImportFileError, type PredictionInput, type RowResult } from '../import/types.ts';
import { boxesToResults, meanBoxScore } from '../predictions/cuboid.ts';
import { LidarFileError, readSustechCamera, type CameraMeta } from './cameras.ts';
import { listFiles, stemOf } from './files.ts';

export const SUSTECH_MODEL = 'sustech-import';
const CLOUDS = ['.pcd', '.bin'];
const IMAGES = ['.jpg', '.jpeg', '.png'];

export interface SustechOptions {
  /** One single-cloud item per frame instead of one sequence item. */
  perFrame?: boolean;
}

/**
 * A SUSTechPOINTS scene folder (`lidar/*.pcd`, `label/*.json`, `calib/camera/<cam>.json`,
 * `camera/<cam>/<frame>.jpg`) as import rows: by default ONE sequence whose frames are the clouds
 * in name order, with its labels as one prediction (each box with its frame and track id); with
 * perFrame, one item per cloud. A broken label or calibration file makes the row invalid.
 */
export async function* sustechRows(dir: string, o: SustechOptions = {}): AsyncGenerator<RowResult> {
  const root = resolve(dir);
  const clouds = await listFiles(join(root, 'lidar'), CLOUDS);
  if (clouds.length === 0) throw new ImportFileError(join(root, 'lidar'), 0, 'unreadable', 'no .pcd or .bin clouds in this folder');
  const frameNames = clouds.map(stemOf);
  const fail = (e: unknown, file: string): RowResult => {
    if (!(e instanceof LidarFileError)) throw e;
    return { ok: false, error: { file: e.file || file, line: 0, field: e.field, message: e.detail } };
  };
  let cameras: CameraMeta[];
  try {
    cameras = await readCameras(root, frameNames);
  } catch (e) {
    yield fail(e, root);
    return;
  }
  const scene = basename(root);
  if (!o.perFrame) {
    try {
      const boxes: LabelBox[] = [];
      for (const [frame, name] of frameNames.entries()) boxes.push(...(await frameLabels(root, name)).map((b) => ({ ...b, frame })));
      yield row({ frames: clouds, kind: 'pointcloud', scene, frameNames, cameras }, boxes);
    } catch (e) {
      yield fail(e, root);
    }
    return;
  }
  for (const [i, cloud] of clouds.entries()) {
    try {
      const only = cameras.map((c) => ({ ...c, images: [c.images[i] ?? null] }));
      yield row({ pointcloud: cloud, scene, frameNames: [frameNames[i]!], cameras: only }, await frameLabels(root, frameNames[i]!));
    } catch (e) {
      yield fail(e, cloud);
    }
  }
}

function row(data: Record<string, unknown>, boxes: LabelBox[]): RowResult {
  const predictions: PredictionInput[] = boxes.length === 0 ? [] : [{ modelVersion: SUSTECH_MODEL, score: meanBoxScore(boxes), result: boxesToResults(boxes) }];
  return { ok: true, row: { line: 0, data, predictions, priority: 0 } };
}

/** The boxes of `label/<frame>.json`, none when the frame has no label file. */
async function frameLabels(root: string, frame: string): Promise<LabelBox[]> {
  const file = join(root, 'label', `${frame}.json`);
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw new LidarFileError(file, 'file', `cannot read: ${e.message}`);
  });
  if (text === null) return [];
  try {
    return parseSustechLabels(text);
  } catch (e) {
    throw new LidarFileError(file, 'labels', (e as Error).message);
  }
}

/** Every `calib/camera/<name>.json` with the frame's image from `camera/<name>/`, null where it has none. */
async function readCameras(root: string, frames: string[]): Promise<CameraMeta[]> {
  const calibs = await listFiles(join(root, 'calib', 'camera'), ['.json']);
  const out: CameraMeta[] = [];
  for (const calib of calibs) {
    const name = stemOf(calib);
    const { intrinsic, extrinsic } = await readSustechCamera(calib);
    const images = await listFiles(join(root, 'camera', name), IMAGES);
    const byFrame = new Map(images.map((p) => [stemOf(p), p]));
    out.push({ name, intrinsic, extrinsic, images: frames.map((f) => byFrame.get(f) ?? null) });
  }
  return out;
}

/** Whether a folder looks like a SUSTechPOINTS scene: a `lidar` folder beside `label` or `calib`. */
export async function isSustechFolder(dir: string): Promise<boolean> {
  const names = new Set(await readdir(dir).catch(() => [] as string[]));
  return names.has('lidar') && (names.has('label') || names.has('calib'));
}


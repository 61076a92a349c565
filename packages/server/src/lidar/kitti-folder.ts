import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseKittiCalib, parseKittiLabels, type KittiCalib, type LabelBox } from '@cadre/pointcloud';
import { ImportFileError, type PredictionInput, type RowResult } from '../import/types.ts';
import { boxesToResults, meanBoxScore } from '../predictions/cuboid.ts';
import { kittiCamera, LidarFileError, type CameraMeta } from './cameras.ts';
import { listFiles, stemOf } from './files.ts';

export const KITTI_MODEL = 'kitti-import';
export const KITTI_CAMERA = 'image_2';

/**
 * A KITTI object folder (`velodyne/*.bin`, `label_2/*.txt`, `calib/*.txt`, optional `image_2/*.png`)
 * as one single-cloud item per scan, its label_2 boxes (converted to the lidar frame through its
 * calib) as a prediction. The calib matrices are kept in the item's metadata (`kittiCalib`) so an
 * export can write label_2 back in the same camera frame. A scan with labels but no calib, or a
 * broken file, is an invalid row naming the file.
 */
export async function* kittiRows(dir: string): AsyncGenerator<RowResult> {
  const root = resolve(dir);
  const clouds = await listFiles(join(root, 'velodyne'), ['.bin', '.pcd']);
  if (clouds.length === 0) throw new ImportFileError(join(root, 'velodyne'), 0, 'unreadable', 'no .bin clouds in this folder');
  const images = new Map((await listFiles(join(root, KITTI_CAMERA), ['.png', '.jpg', '.jpeg'])).map((p) => [stemOf(p), p]));
  for (const cloud of clouds) {
    const frame = stemOf(cloud);
    try {
      yield await scanRow(root, cloud, frame, images.get(frame) ?? null);
    } catch (e) {
      if (!(e instanceof LidarFileError)) throw e;
      yield { ok: false, error: { file: e.file, line: 0, field: e.field, message: e.detail } };
    }
  }
}

async function scanRow(root: string, cloud: string, frame: string, image: string | null): Promise<RowResult> {
  const calibFile = join(root, 'calib', `${frame}.txt`);
  const labelFile = join(root, 'label_2', `${frame}.txt`);
  const calibText = await optional(calibFile);
  const labelText = await optional(labelFile);
  let calib: KittiCalib | null = null;
  if (calibText !== null) {
    try {
      calib = parseKittiCalib(calibText);
    } catch (e) {
      throw new LidarFileError(calibFile, 'calib', (e as Error).message);
    }
  }
  let boxes: LabelBox[] = [];
  if (labelText !== null) {
    if (!calib) throw new LidarFileError(labelFile, 'calib', `no calib/${frame}.txt to take its camera-frame boxes into the lidar frame`);
    try {
      boxes = parseKittiLabels(labelText, calib);
    } catch (e) {
      throw new LidarFileError(labelFile, 'labels', (e as Error).message);
    }
  }
  const cameras: CameraMeta[] = [];
  const camera = calib ? kittiCamera(calib) : null;
  if (camera && image) cameras.push({ name: KITTI_CAMERA, ...camera, images: [image] });
  const data: Record<string, unknown> = { pointcloud: cloud, scene: basename(root), frameNames: [frame], cameras };
  if (calib) data.kittiCalib = calib.matrices;
  const predictions: PredictionInput[] = boxes.length === 0 ? [] : [{ modelVersion: KITTI_MODEL, score: meanBoxScore(boxes), result: boxesToResults(boxes) }];
  return { ok: true, row: { line: 0, data, predictions, priority: 0 } };
}

async function optional(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw new LidarFileError(file, 'file', `cannot read: ${e.message}`);
  });
}

/** Whether a folder looks like a KITTI object split: a `velodyne` folder beside `label_2` or `calib`. */
export async function isKittiFolder(dir: string): Promise<boolean> {
  const names = new Set(await readdir(dir).catch(() => [] as string[]));
  return names.has('velodyne') && (names.has('label_2') || names.has('calib'));
}

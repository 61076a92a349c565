import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Cuboid3dGeometry } from '@cadre/core';
import { parseKittiCalib, readKittiLabels, sameBox, type KittiCalib, type KittiLabelBox, type KittiLabels, type KittiRegion, type KittiSource } from '@cadre/pointcloud';
import { readImageInfo } from '../media/image-info.ts';
import { ImportFileError, type PredictionInput, type RowResult } from '../import/types.ts';
import { boxesToResults, meanBoxScore } from '../predictions/cuboid.ts';
import { kittiCamera, LidarFileError, type CameraMeta } from './cameras.ts';
import { listFiles, stemOf } from './files.ts';

export const KITTI_MODEL = 'kitti-import';
export const KITTI_CAMERA = 'image_2';
/** The prediction result id of the i-th box of a label_2 file: `kitti-<i>`, its index in `metadata.kitti.objects`. */
export const KITTI_RESULT = 'kitti-';

/**
 * What a KITTI import keeps in the item's metadata (`metadata.kitti`) of its label_2 file besides
 * the boxes, so that an export writes the file back:
 * - `objects[i]`: the line of the box proposed as prediction result `kitti-<i>` (truncated, occluded,
 *   alpha, 2D box, its 3D fields as written), where it stood, and the box it gave in the lidar frame;
 * - `dontCare`: the DontCare lines (2D regions without a box), with where they stood;
 * - `imageSize`: image_2's size, to clip the 2D box projected from a box that moved.
 *
 * Why metadata and not object attributes: a folder import does not touch the project's ontology,
 * and validateAnnotation refuses attributes its classes do not declare, so `truncated` etc. on the
 * proposals would make accepting them fail in a project whose Car has no such attributes; item
 * metadata is not checked against the ontology. The accepted object names its proposal
 * (`predictionId` = `<prediction id>:kitti-<i>`), which is how the export finds its line again, even
 * after the box was moved or relabelled. A project that does declare `truncated` (number 0–1),
 * `occluded` (0–3) or `alpha` attributes on its classes can set them per object: they win on export.
 */
export interface KittiItemMeta {
  objects: KittiSource[];
  dontCare: KittiRegion[];
  imageSize?: { width: number; height: number };
}

/**
 * A KITTI object folder (`velodyne/*.bin`, `label_2/*.txt`, `calib/*.txt`, optional `image_2/*.png`)
 * as one single-cloud item per scan, its label_2 boxes (converted to the lidar frame through its
 * calib) as a prediction. The calib matrices are kept in the item's metadata (`kittiCalib`) so an
 * export can write label_2 back in the same camera frame, and its label_2 lines and DontCare regions
 * in `metadata.kitti` (KittiItemMeta) so the export gives the file back. A scan with labels but no calib, or a
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
  let labels: KittiLabels = { boxes: [], dontCare: [] };
  if (labelText !== null) {
    if (!calib) throw new LidarFileError(labelFile, 'calib', `no calib/${frame}.txt to take its camera-frame boxes into the lidar frame`);
    try {
      labels = readKittiLabels(labelText, calib);
    } catch (e) {
      throw new LidarFileError(labelFile, 'labels', (e as Error).message);
    }
  }
  const boxes = labels.boxes.map(({ source: _s, ...box }) => box);
  const cameras: CameraMeta[] = [];
  const camera = calib ? kittiCamera(calib) : null;
  if (camera && image) cameras.push({ name: KITTI_CAMERA, ...camera, images: [image] });
  const data: Record<string, unknown> = { pointcloud: cloud, scene: basename(root), frameNames: [frame], cameras };
  if (calib) data.kittiCalib = calib.matrices;
  const imageSize = image ? await readImageInfo(image).then((i) => ({ width: i.width, height: i.height }), () => null) : null;
  if (labelText !== null || imageSize) {
    const kitti: KittiItemMeta = { objects: labels.boxes.map((b) => b.source!), dontCare: labels.dontCare };
    if (imageSize) kitti.imageSize = imageSize;
    data.kitti = kitti;
  }
  const result = boxesToResults(boxes).map((r, i) => ({ ...r, id: `${KITTI_RESULT}${i}` }));
  const predictions: PredictionInput[] = boxes.length === 0 ? [] : [{ modelVersion: KITTI_MODEL, score: meanBoxScore(boxes), result }];
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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const GEOMETRY_KEYS = ['x', 'y', 'z', 'dx', 'dy', 'dz', 'yaw'] as const;

/** An item's `metadata.kitti`, its malformed parts left out (metadata is the item owner's to edit); null when it has none. */
export function kittiMetaOf(metadata: unknown): KittiItemMeta | null {
  const k = isRecord(metadata) ? metadata.kitti : undefined;
  if (!isRecord(k)) return null;
  const at = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const line = (v: unknown) => typeof v === 'string' && !/[\r\n]/.test(v);
  const objects = (Array.isArray(k.objects) ? k.objects : []).map((o): KittiSource | null => {
    if (!isRecord(o) || !line(o.line) || !at(o.at) || !isRecord(o.geometry)) return null;
    const g = o.geometry;
    return GEOMETRY_KEYS.every((key) => at(g[key])) ? { line: o.line as string, at: o.at as number, geometry: g as unknown as Cuboid3dGeometry } : null;
  });
  const dontCare = (Array.isArray(k.dontCare) ? k.dontCare : []).filter((r): r is KittiRegion => isRecord(r) && line(r.line) && at(r.at));
  const meta: KittiItemMeta = { objects: objects as KittiSource[], dontCare };
  const size = k.imageSize;
  if (isRecord(size) && at(size.width) && at(size.height) && (size.width as number) > 0 && (size.height as number) > 0) meta.imageSize = { width: size.width as number, height: size.height as number };
  return meta;
}

/**
 * The boxes of a KITTI-imported cloud with the lines they came from: an object accepted from
 * proposal `kitti-<i>` (its predictionId ends `:kitti-<i>`) gets line i; an object without that link
 * gets the first unclaimed line whose box it still is (copied rather than accepted). A line goes to
 * one object only; objects without one are written as new boxes.
 */
export function withKittiSources(entries: ReadonlyArray<{ object: Record<string, unknown>; box: KittiLabelBox }>, meta: KittiItemMeta): KittiLabelBox[] {
  const sources = meta.objects as Array<KittiSource | null>;
  const taken = new Set<number>();
  const linked = entries.map(({ object }) => {
    const m = typeof object.predictionId === 'string' ? /:kitti-(\d+)$/.exec(object.predictionId) : null;
    const i = m ? Number(m[1]) : -1;
    if (i < 0 || !sources[i] || taken.has(i)) return -1;
    taken.add(i);
    return i;
  });
  return entries.map(({ object, box }, k) => {
    let i = linked[k]!;
    if (i === -1) {
      i = sources.findIndex((s, j) => s !== null && !taken.has(j) && sameBox(box.geometry, s.geometry));
      if (i !== -1) taken.add(i);
    }
    const out: KittiLabelBox = { ...box };
    if (i !== -1) out.source = sources[i]!;
    if (isRecord(object.attributes)) out.attributes = object.attributes;
    return out;
  });
}

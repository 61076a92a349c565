import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Cuboid3dGeometry } from '@cadre/core';
import { IGNORED_LABEL, readNuscenesInfo, sameBox } from '@cadre/pointcloud';
import { ImportFileError, type PredictionInput, type RowResult } from '../import/types.ts';
import { boxesToResults, meanBoxScore } from '../predictions/cuboid.ts';
import type { CameraMeta } from './cameras.ts';
import type { CuboidEntry } from './item-boxes.ts';

export const NUSCENES_MODEL = 'nuscenes-import';
/** A box's result id: `nuscenes-<i>`, its index in the sample's `instances` (and in `metadata.nuscenes.instances`). */
export const NUSCENES_RESULT = 'nuscenes-';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What an item keeps of its mmdetection3d nuScenes sample (`metadata.nuscenes`), so an export gives
 * the info file back: the file's `metainfo`, the sample without its instances (token, timestamp,
 * ego2global, lidar_points, images, cam_instances…), and each instance as it came (bbox_3d with z at the
 * bottom, velocity, point counts…), in the order of the prediction results `nuscenes-<i>`.
 */
export interface NuscenesItemMeta { metainfo: Record<string, unknown>; sample: Record<string, unknown>; instances: Array<Record<string, unknown>> }

/** Whether a folder holds an mmdetection3d info file (`metainfo` and `data_list` in a top-level .json). */
export async function isNuscenesFolder(dir: string): Promise<boolean> {
  return (await infoFiles(dir)).length > 0;
}

async function infoFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.toLowerCase().endsWith('.json') && !n.startsWith('.')).sort();
  const found: string[] = [];
  for (const name of names) {
    const head = await headOf(join(dir, name));
    if (head.includes('"metainfo"') && head.includes('"data_list"')) found.push(join(dir, name));
  }
  return found;
}

/**
 * A folder with mmdetection3d nuScenes info files (`*.json`: metainfo + data_list) and the lidar
 * files they name: one single-cloud item per sample, its instances as one prediction (cuboids with
 * z at the centre, classes from metainfo.categories), its cameras whose images are in the folder,
 * and the sample kept in `metadata.nuscenes` for the export. A sample whose cloud is not in the
 * folder is an invalid row naming it; a malformed info file stops the import naming the field.
 */
export async function* nuscenesRows(dir: string): AsyncGenerator<RowResult> {
  const root = resolve(dir);
  const files = await infoFiles(root);
  if (files.length === 0) throw new ImportFileError(root, 0, 'unreadable', 'no mmdetection3d info file (.json with metainfo and data_list) in this folder');
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    let info;
    try {
      info = readNuscenesInfo(text);
    } catch (e) {
      throw new ImportFileError(file, 0, 'syntax', (e as Error).message);
    }
    const { doc, samples } = info;
    for (let s = 0; s < samples.length; s++) {
      const sample = doc.data_list[s]!;
      const lidarPath = samples[s]!.lidarPath;
      const cloud = lidarPath === null ? null : await firstFile([join(root, lidarPath), join(root, basename(lidarPath))]);
      if (cloud === null) {
        yield { ok: false, error: { file: basename(file), line: 0, field: `data_list[${s}].lidar_points.lidar_path`, message: lidarPath === null ? 'names no lidar file' : `${lidarPath} is not in the folder` } };
        continue;
      }
      const { instances, ...rest } = sample;
      const nuscenes: NuscenesItemMeta = { metainfo: doc.metainfo, sample: rest, instances: (instances as Array<Record<string, unknown>>) };
      const data: Record<string, unknown> = { pointcloud: cloud, scene: basename(root), frameNames: [basename(cloud).replace(/\.pcd\.bin$|\.bin$|\.pcd$/i, '')], cameras: await cameras(root, sample), nuscenes };
      const boxes = samples[s]!.boxes;
      const result = boxesToResults(boxes).map((r, i) => ({ ...r, id: `${NUSCENES_RESULT}${i}` }));
      const predictions: PredictionInput[] = boxes.length === 0 ? [] : [{ modelVersion: NUSCENES_MODEL, score: meanBoxScore(boxes), result }];
      yield { ok: true, row: { line: 0, data, predictions, priority: 0 } };
    }
  }
}

/** The first 4 KB of a file as text (an info file names metainfo and data_list at its start); '' when unreadable. */
async function headOf(file: string): Promise<string> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return '';
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch {
    return '';
  } finally {
    await handle.close();
  }
}

async function firstFile(paths: string[]): Promise<string | null> {
  for (const p of paths) if ((await stat(p).catch(() => null))?.isFile()) return p;
  return null;
}

/** The sample's cameras whose image is in the folder: intrinsic cam2img (3x3), extrinsic lidar2cam (4x4). */
async function cameras(root: string, sample: Record<string, unknown>): Promise<CameraMeta[]> {
  const out: CameraMeta[] = [];
  const images = isRecord(sample.images) ? sample.images : {};
  for (const [name, cam] of Object.entries(images)) {
    if (!isRecord(cam) || typeof cam.img_path !== 'string') continue;
    const intrinsic = matrix(cam.cam2img, 3);
    const extrinsic = matrix(cam.lidar2cam, 4);
    const image = await firstFile([join(root, cam.img_path), join(root, basename(cam.img_path))]);
    if (intrinsic && extrinsic && image) out.push({ name, intrinsic, extrinsic, images: [image] });
  }
  return out;
}

function matrix(v: unknown, n: number): number[] | null {
  if (!Array.isArray(v) || v.length < n) return null;
  const rows = v.slice(0, n).map((r) => (Array.isArray(r) ? r.slice(0, n) : []));
  const flat = rows.flat();
  return flat.length === n * n && flat.every((x) => typeof x === 'number' && Number.isFinite(x)) ? (flat as number[]) : null;
}

/** An item's `metadata.nuscenes` when it has one that an export can use. */
export function nuscenesMetaOf(metadata: unknown): NuscenesItemMeta | null {
  const n = isRecord(metadata) ? metadata.nuscenes : undefined;
  if (!isRecord(n) || !isRecord(n.metainfo) || !isRecord(n.sample) || !Array.isArray(n.instances)) return null;
  return { metainfo: n.metainfo, sample: n.sample, instances: n.instances.map((i) => (isRecord(i) ? i : {})) };
}

/** The categories of an info file: metainfo.categories, name → index. */
export function categoriesOf(metainfo: Record<string, unknown> | null): Map<string, number> {
  const c = metainfo && isRecord(metainfo.categories) ? metainfo.categories : {};
  return new Map(Object.entries(c).filter((e): e is [string, number] => typeof e[1] === 'number'));
}

/**
 * The sample's instances from an item's cuboids: an unchanged box (same geometry as the instance it
 * came from, found by its result id or its geometry) is written as it came; a moved or new box gets
 * bbox_3d from its geometry (z back at the bottom) and its class index, without the fields it no longer
 * matches (velocity, point counts).
 */
export function nuscenesInstances(entries: readonly CuboidEntry[], meta: NuscenesItemMeta | null, categories: Map<string, number>): Array<Record<string, unknown>> {
  const sources = meta?.instances ?? [];
  const taken = new Set<number>();
  const sourceBox = (i: number): Cuboid3dGeometry | null => {
    const b = sources[i]?.bbox_3d;
    if (!Array.isArray(b) || b.length < 7 || !b.every((v) => typeof v === 'number')) return null;
    const [x, y, zb, dx, dy, dz, yaw] = b as number[];
    return { x: x!, y: y!, z: zb! + dz! / 2, dx: dx!, dy: dy!, dz: dz!, yaw: yaw! } as Cuboid3dGeometry;
  };
  return entries.map(({ object, box }) => {
    const ref = [object.id, object.predictionId].map((v) => (typeof v === 'string' ? /(?:^|:)nuscenes-(\d+)$/.exec(v) : null)).find((m) => m);
    let i = ref ? Number(ref[1]) : -1;
    if (i >= 0 && (taken.has(i) || !sameAs(sourceBox(i), box.geometry))) i = -1;
    if (i === -1) i = sources.findIndex((_, j) => !taken.has(j) && sameAs(sourceBox(j), box.geometry));
    const label = box.label === IGNORED_LABEL ? -1 : categories.get(box.label) ?? -1;
    if (i !== -1) {
      taken.add(i);
      const same = sources[i]!;
      return same.bbox_label_3d === label ? same : { ...same, bbox_label: label, bbox_label_3d: label };
    }
    const g = box.geometry;
    return { bbox_label: label, bbox_3d: [g.x, g.y, g.z - g.dz / 2, g.dx, g.dy, g.dz, g.yaw], bbox_3d_isvalid: true, bbox_label_3d: label };
  });
}

const sameAs = (a: Cuboid3dGeometry | null, b: Cuboid3dGeometry) => a !== null && sameBox(a, b);

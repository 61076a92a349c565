import { invalid } from '../errors.ts';
import { itemBoxesEntry, itemLabelFiles, LABEL_EXPORT_FORMATS, LabelExportError, SceneNames, type LabelExportFormat, type LabelFile, type LabelJsonFormat } from '../lidar/label-files.ts';
import { cuboidsByFrame, frameNamesOf } from '../lidar/item-boxes.ts';
import { categoriesOf, nuscenesInstances, nuscenesMetaOf } from '../lidar/nuscenes-folder.ts';
import { basename } from 'node:path';
import { IGNORED_LABEL } from '@cadre/pointcloud';
import { exportPages } from './export.service.ts';
import type { Actor, ServiceDeps } from './context.ts';

export interface LabelExportOptions {
  /** `accepted` (default): the latest accepted annotation; `latest`: the latest of any state. */
  which?: 'accepted' | 'latest';
  /** KITTI calib text for items that have none of their own (not imported from a KITTI folder). */
  calib?: string;
}

const PAGE = 500;

/** Point-cloud items with an annotation in the wanted states, page by page. */
async function* annotatedClouds(deps: ServiceDeps, actor: Actor, projectId: string, o: LabelExportOptions) {
  for await (const page of exportPages(deps, actor, projectId, o.which, PAGE)) {
    for (const r of page) if (r.kind === 'pointcloud' && r.annotation_id) yield r;
  }
}

/**
 * The 3D labels of a project as a folder of files, `<scene>/label/<frame>.json` (SUSTechPOINTS) or
 * `<scene>/label_2/<frame>.txt` + `<scene>/calib/<frame>.txt` (KITTI), one folder per imported scene
 * (a sequence, or the single clouds of one folder), from each item's latest accepted annotation.
 */
export async function* exportLabelFiles(deps: ServiceDeps, actor: Actor, projectId: string, format: 'sustech' | 'kitti', o: LabelExportOptions = {}): AsyncGenerator<LabelFile> {
  const scenes = new Map<string, string>();
  const names = new SceneNames();
  const seen = new Set<string>();
  for await (const item of annotatedClouds(deps, actor, projectId, o)) {
    // Single clouds of one imported folder share its scene folder; a second sequence of the same name gets its own.
    const key = `${JSON.stringify((item.metadata as { scene?: unknown } | null)?.scene ?? item.id)}:${Array.isArray(item.frames) ? item.id : 'clouds'}`;
    const scene = scenes.get(key) ?? names.take(item);
    scenes.set(key, scene);
    let files: LabelFile[];
    try {
      files = itemLabelFiles(item, format, scene, o.calib ?? null);
    } catch (e) {
      throw e instanceof LabelExportError ? invalid(e.message) : e;
    }
    for (const f of files) {
      if (seen.has(f.path)) {
        if (f.path.includes('/calib/')) continue;
        throw invalid(`two items write ${f.path} (item ${item.id} repeats a frame name of its folder)`);
      }
      seen.add(f.path);
      yield f;
    }
  }
}

/** The 3D labels of a project as one JSON array, in pieces: `[{itemId, frames|pointcloud, frameNames, boxes}]`. */
export async function* exportBoxesJson(deps: ServiceDeps, actor: Actor, projectId: string, o: LabelExportOptions = {}): AsyncGenerator<string> {
  let first = true;
  for await (const item of annotatedClouds(deps, actor, projectId, o)) {
    yield (first ? '[\n' : ',\n') + JSON.stringify(itemBoxesEntry(item));
    first = false;
  }
  yield first ? '[]\n' : '\n]\n';
}

/**
 * The 3D labels of a project as one mmdetection3d nuScenes info file, in pieces: `{metainfo, data_list}`,
 * one sample a single cloud. An item imported from an info file gives its sample back (token, poses,
 * images…) with its instances as they came where a box is unchanged; classes keep their indices, and a
 * class the file did not have gets the next one. Two passes: the categories are written first.
 */
export async function* exportNuscenesInfo(deps: ServiceDeps, actor: Actor, projectId: string, o: LabelExportOptions = {}): AsyncGenerator<string> {
  let metainfo: Record<string, unknown> | null = null;
  const labels = new Set<string>();
  for await (const item of annotatedClouds(deps, actor, projectId, o)) {
    metainfo ??= nuscenesMetaOf(item.metadata)?.metainfo ?? null;
    for (const frame of cuboidsByFrame(item, frameNamesOf(item).length)) for (const c of frame) labels.add(c.box.label);
  }
  const categories = categoriesOf(metainfo);
  let next = Math.max(-1, ...categories.values()) + 1;
  for (const label of [...labels].sort()) if (label !== IGNORED_LABEL && !categories.has(label)) categories.set(label, next++);
  yield `{"metainfo": ${JSON.stringify({ ...(metainfo ?? { dataset: 'nuscenes' }), categories: Object.fromEntries(categories) })}, "data_list": [`;
  let index = 0;
  for await (const item of annotatedClouds(deps, actor, projectId, o)) {
    const meta = nuscenesMetaOf(item.metadata);
    const frames = cuboidsByFrame(item, frameNamesOf(item).length);
    for (let f = 0; f < frames.length; f++) {
      const frame = frames[f]!;
      const cloud = Array.isArray(item.frames) ? (item.frames[f] as string | null) : item.asset;
      const sample = meta ? { ...meta.sample } : {
        sample_idx: index, token: frames.length > 1 ? `${item.id}-${f}` : item.id, lidar_points: { lidar_path: cloud ? basename(cloud) : null },
      };
      yield `${index === 0 ? '\n' : ',\n'}${JSON.stringify({ ...sample, instances: nuscenesInstances(frame, frames.length === 1 ? meta : null, categories) })}`;
      index++;
    }
  }
  yield '\n]}\n';
}

/** A project's 3D labels as one JSON document, in pieces: Cadre's boxes JSON or a nuScenes info file. */
export function exportLabelJson(deps: ServiceDeps, actor: Actor, projectId: string, format: LabelJsonFormat, o: LabelExportOptions = {}): AsyncGenerator<string> {
  return format === 'boxes' ? exportBoxesJson(deps, actor, projectId, o) : exportNuscenesInfo(deps, actor, projectId, o);
}

export function isLabelExportFormat(f: string): f is LabelExportFormat {
  return (LABEL_EXPORT_FORMATS as readonly string[]).includes(f);
}

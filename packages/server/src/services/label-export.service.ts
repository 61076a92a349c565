import { invalid } from '../errors.ts';
import { itemBoxesEntry, itemLabelFiles, LabelExportError, SceneNames, type LabelExportFormat, type LabelFile } from '../lidar/label-files.ts';
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

export function isLabelExportFormat(f: string): f is LabelExportFormat {
  return f === 'sustech' || f === 'kitti' || f === 'boxes';
}

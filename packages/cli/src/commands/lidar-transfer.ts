// The LiDAR side of `cadre export`: 3D labels written as a folder (SUSTechPOINTS, KITTI) or one
// JSON (boxes, nuScenes info). A LiDAR folder's import is the server's one folder import (folder-import.service.ts).
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { labelExporter, type Actor, type Runtime } from '@cadre/server';

export interface LabelExportFlags { format: string; out?: string; which: 'accepted' | 'latest'; calib?: string }

/** Writes the project's 3D labels and says on stderr what was written where. */
export async function exportLabels(rt: Runtime, actor: Actor, projectId: string, f: LabelExportFlags): Promise<void> {
  const o = { which: f.which, ...(f.calib ? { calib: readFileSync(f.calib, 'utf8') } : {}) };
  if (f.calib && f.format !== 'kitti') throw new Error('--calib goes with --format kitti');
  if (f.format === 'boxes' || f.format === 'nuscenes') {
    const out = f.out ? createWriteStream(f.out) : process.stdout;
    let items = 0;
    const pieces = labelExporter.exportLabelJson(rt.deps, actor, projectId, f.format, o);
    for await (const piece of pieces) {
      if (piece.startsWith('[\n') || piece.startsWith(',\n') || (f.format === 'nuscenes' && piece.startsWith('\n{'))) items++;
      if (!out.write(piece)) await once(out, 'drain');
    }
    if (f.out) await new Promise<void>((res, rej) => (out as ReturnType<typeof createWriteStream>).end((e?: Error) => (e ? rej(e) : res())));
    console.error(f.format === 'boxes'
      ? `wrote one JSON array of ${items} items, each {itemId, frames|pointcloud, frameNames, boxes: [{box: [x, y, z, dx, dy, dz, yaw], label, trackId?, frame?}]} (lidar frame, z at the centre)${f.out ? ` to ${f.out}` : ''}`
      : `wrote one nuScenes info file (mmdetection3d: metainfo, data_list of ${items} samples, bbox_3d with z at the bottom)${f.out ? ` to ${f.out}` : ''}`);
    return;
  }
  if (f.format !== 'sustech' && f.format !== 'kitti') throw new Error(`--format must be jsonl, sustech, kitti, boxes or nuscenes, not ${f.format}`);
  if (!f.out) throw new Error(`--format ${f.format} writes a folder of files: give it with --out <folder>`);
  const root = resolve(f.out);
  const scenes = new Set<string>();
  let n = 0;
  for await (const file of labelExporter.exportLabelFiles(rt.deps, actor, projectId, f.format, o)) {
    const path = join(root, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    scenes.add(file.path.split('/')[0]!);
    n++;
  }
  const layout = f.format === 'sustech' ? '<scene>/label/<frame>.json (SUSTechPOINTS psr boxes, lidar frame)' : '<scene>/label_2/<frame>.txt with <scene>/calib/<frame>.txt (KITTI, rectified camera frame)';
  console.error(`wrote ${n} files in ${scenes.size} scene folders under ${root}: ${layout}`);
}

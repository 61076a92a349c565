import { readFile } from 'node:fs/promises';
import { basename, extname, join, relative, resolve } from 'node:path';
import { parseBoxesJson } from '@cadre/pointcloud';
import { folderRows } from '../import/folder.ts';
import type { PredictionInput, RowResult } from '../import/types.ts';
import { boxesToResults, meanBoxScore } from '../predictions/cuboid.ts';

export const BOXES_MODEL = 'boxes-import';

/**
 * A folder of clouds (and anything else a folder import takes), each cloud with the boxes of the
 * JSON file named like it in `boxesDir` (`a/b.pcd` ← `boxesDir/a/b.json`, or `boxesDir/b.json`)
 * attached as a prediction, the way YOLO labels attach to images. A cloud without a file gets none;
 * a broken file makes its row invalid, naming the file, the box and the field.
 */
export async function* cloudRowsWithBoxes(dir: string, boxesDir: string): AsyncGenerator<RowResult> {
  const root = resolve(dir);
  const labels = resolve(boxesDir);
  for await (const r of folderRows(root, { skip: (p) => p === labels })) {
    const cloud = r.ok ? r.row.data.pointcloud : undefined;
    if (!r.ok || typeof cloud !== 'string') { yield r; continue; }
    const rel = relative(root, cloud);
    const candidates = [join(labels, rel.slice(0, rel.length - extname(rel).length) + '.json'), join(labels, basename(cloud, extname(cloud)) + '.json')];
    let found: { file: string; text: string } | null = null;
    for (const file of candidates) {
      const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
      if (text !== null) { found = { file, text }; break; }
    }
    if (!found) { yield r; continue; }
    try {
      const boxes = parseBoxesJson(found.text).map(({ frame, ...b }, i) => {
        // One cloud is one frame: a box for another frame of a sequence has no place here.
        if (frame !== undefined && frame !== 0) throw new Error(`JSON boxes: box ${i}: frame: is ${frame}, but ${basename(cloud)} is a single cloud (frame 0)`);
        return b;
      });
      const predictions: PredictionInput[] = [{ modelVersion: BOXES_MODEL, score: meanBoxScore(boxes), result: boxesToResults(boxes) }];
      yield { ok: true, row: { ...r.row, data: { ...r.row.data, frameNames: [basename(cloud, extname(cloud))] }, predictions } };
    } catch (e) {
      yield { ok: false, error: { file: found.file, line: 0, field: 'predictions', message: (e as Error).message } };
    }
  }
}


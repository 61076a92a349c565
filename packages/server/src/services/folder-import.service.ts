// Importing a folder, composed once for every caller (`POST .../import/folder` and `cadre import
// <folder>`): which rows the folder gives (a LiDAR dataset by layout, clouds with JSON boxes, images
// with YOLO or COCO predictions, a plain folder of files, or the objects under an S3 prefix), then
// the one streaming import.
import { resolve } from 'node:path';
import { folderImportRows, type FolderImportOptions } from '../lidar/folder-rows.ts';
import { FOLDER_FORMAT, isObjectUrl, mediaConfig, type MediaConfig } from '../media/index.ts';
import { objectPrefixRows } from '../media/object-rows.ts';
import { folderRowsWithPredictions, type PredictionSource } from '../predictions/folder-import.ts';
import { invalid } from '../errors.ts';
import { requireProjectRole } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { importRows, type ImportAs, type ImportReport, type RowResult } from './import.service.ts';
import { resultsToObjects } from '../predictions/to-objects.ts';
import type { LabeledObject } from '@cadre/core';

export interface FolderImportInput extends FolderImportOptions {
  projectId: string;
  /** The folder; stored as its absolute path, which is what lets the server serve its files. Or `s3://bucket/prefix/`. */
  path: string;
  /** Which buckets an s3:// prefix may be in, and the store that reads them; the environment's by default. */
  media?: MediaConfig;
  /** Images: attach the predictions of a YOLO labels folder or a COCO JSON file. */
  predictions?: PredictionSource;
  skipInvalid?: boolean;
  /** What the folder's boxes become: accepted labels, drafts to review, or machine pre-labels (the default). */
  as?: ImportAs;
  /** Anything changed or left out, or a folder imported before, fails the import. */
  strict?: boolean;
  /** Told, before the first row, what the folder will be imported as. */
  onStart?: (what: string) => void;
  onProgress?: (rows: number) => void;
}

export interface FolderImportReport extends ImportReport {
  /** sustech, kitti, boxes (clouds with JSON boxes), predictions (images with YOLO/COCO), plain, or bucket (an S3 prefix). */
  layout: string;
  what: string;
}

export async function importFolder(deps: ServiceDeps, actor: Actor, input: FolderImportInput): Promise<FolderImportReport> {
  await requireProjectRole(deps, actor, input.projectId, ['manager']); // before the file system is asked anything
  const objects = isObjectUrl(input.path) ? await objectPrefixRows((input.media ?? mediaConfig()).objects, input.path, input) : null;
  const file = objects ? objects.url : resolve(input.path);
  const found = objects ? { rows: objects.rows, what: objects.what, source: 'bucket' } : await folderRows(file, input).catch((e: Error) => { throw invalid(e.message); });
  const as = input.as ?? 'prelabels';
  const what = as === 'prelabels' ? found.what : found.what.replace(/as pre-labels/, as === 'labels' ? 'as accepted labels' : 'as drafts to review');
  input.onStart?.(what);
  const report = await importRows(deps, actor, as === 'prelabels' ? found.rows : boxesAsLabels(found.rows), {
    projectId: input.projectId, file, format: FOLDER_FORMAT, skipInvalid: input.skipInvalid ?? false, as, strict: input.strict ?? false, ...(input.media ? { media: input.media } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  return { ...report, layout: found.source, what };
}

/**
 * A folder's boxes (its rows' predictions: KITTI label_2, SUSTechPOINTS label/, JSON boxes, YOLO or
 * COCO boxes of images) as label sets, for an import as accepted labels or drafts. Each object keeps the
 * id its box had in the folder (`kitti-3`), so a KITTI export finds the line it came from again.
 */
async function* boxesAsLabels(rows: AsyncIterable<RowResult>): AsyncGenerator<RowResult> {
  for await (const r of rows) {
    if (!r.ok || r.row.predictions.length === 0) { yield r; continue; }
    const labels = r.row.predictions.map((p) => ({
      payload: { schemaVersion: 1 as const, objects: resultsToObjects(p.result, FROM_FOLDER).map(({ predictionId: _, ...o }) => ({ ...o, id: o.id.slice(FROM_FOLDER.length + 1) }) as LabeledObject) },
    }));
    yield { ok: true, row: { ...r.row, predictions: [], labels } };
  }
}
const FROM_FOLDER = 'folder';

async function folderRows(dir: string, input: FolderImportInput) {
  const p = input.predictions;
  if (p === undefined) return folderImportRows(dir, input);
  if (input.layout !== undefined && input.layout !== 'plain') throw new Error(`${p.kind === 'yolo' ? 'YOLO labels' : 'COCO boxes'} go with a folder of images, not a ${input.layout} dataset`);
  if (input.boxes !== undefined || input.perFrame) throw new Error('predictions for images go with a plain folder of images, without boxes or per-frame');
  const what = p.kind === 'yolo' ? `images with the YOLO labels of ${p.labelsDir} as pre-labels` : `images with the boxes of ${p.file} as pre-labels`;
  return { rows: folderRowsWithPredictions(dir, p), what, source: 'predictions' as const };
}

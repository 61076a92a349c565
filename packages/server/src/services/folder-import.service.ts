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
import { importRows, type ImportReport } from './import.service.ts';

export interface FolderImportInput extends FolderImportOptions {
  projectId: string;
  /** The folder; stored as its absolute path, which is what lets the server serve its files. Or `s3://bucket/prefix/`. */
  path: string;
  /** Which buckets an s3:// prefix may be in, and the store that reads them; the environment's by default. */
  media?: MediaConfig;
  /** Images: attach the predictions of a YOLO labels folder or a COCO JSON file. */
  predictions?: PredictionSource;
  skipInvalid?: boolean;
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
  input.onStart?.(found.what);
  const report = await importRows(deps, actor, found.rows, {
    projectId: input.projectId, file, format: FOLDER_FORMAT, skipInvalid: input.skipInvalid ?? false, ...(input.media ? { media: input.media } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  return { ...report, layout: found.source, what: found.what };
}

async function folderRows(dir: string, input: FolderImportInput) {
  const p = input.predictions;
  if (p === undefined) return folderImportRows(dir, input);
  if (input.layout !== undefined && input.layout !== 'plain') throw new Error(`${p.kind === 'yolo' ? 'YOLO labels' : 'COCO boxes'} go with a folder of images, not a ${input.layout} dataset`);
  if (input.boxes !== undefined || input.perFrame) throw new Error('predictions for images go with a plain folder of images, without boxes or per-frame');
  const what = p.kind === 'yolo' ? `images with the YOLO labels of ${p.labelsDir} as pre-labels` : `images with the boxes of ${p.file} as pre-labels`;
  return { rows: folderRowsWithPredictions(dir, p), what, source: 'predictions' as const };
}

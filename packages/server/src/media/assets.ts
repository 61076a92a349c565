import { extname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { items, type ItemRow } from '@cadre/db';
import { AppError, forbidden, invalid, notFound } from '../errors.ts';
import { ALL_ROLES, requireProjectRole } from '../services/access.ts';
import type { Actor, ServiceDeps } from '../services/context.ts';
import { allowedFile } from './allowed-path.ts';
import type { MediaConfig } from './config.ts';
import { ImageInfoError } from './image-errors.ts';
import { importsRepo } from '@cadre/db';
import { importRoots, isFolderImport } from './folder-format.ts';
import type { Asset } from './asset.ts';
import { readAssetImageInfo } from './asset-read.ts';
import { fromStorage } from './object-errors.ts';
import { isObjectUrl, parseObjectUrl, refusedObject, type ObjectRef } from './object-url.ts';

export type { Asset } from './asset.ts';

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp', '.bmp': 'image/bmp',
  '.gif': 'image/gif', '.pcd': 'application/octet-stream', '.bin': 'application/octet-stream',
};
export { FOLDER_FORMAT, isFolderImport } from './folder-format.ts';

/** Where an item's asset (or one frame of a sequence) is, for a member of its project. */
export async function resolveAsset(deps: ServiceDeps, actor: Actor, itemId: string, media: MediaConfig, frame?: number, camera?: string): Promise<Asset> {
  const item = await items.findItem(deps.db, itemId);
  if (!item) throw notFound('item');
  await requireProjectRole(deps, actor, item.project_id, ALL_ROLES).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'not_found' ? notFound('item') : e; // no probing other projects' items
  });
  return locateItemAsset(deps, item, media, frame, camera);
}

/**
 * Where an item's asset (or one frame, or one camera's image) is, without an access check: for
 * the machine (the check stage) and for callers that checked access already.
 */
export async function locateItemAsset(deps: ServiceDeps, item: Pick<ItemRow, 'asset' | 'frames' | 'metadata' | 'import_id'>, media: MediaConfig, frame?: number, camera?: string): Promise<Asset> {
  const asset = camera !== undefined
    ? cameraImage(item.metadata, camera, frame ?? 0)
    : frame === undefined ? item.asset : (item.frames as string[] | null)?.[frame];
  if (!asset) throw new AppError('not_found', frame === undefined ? 'this item has no asset (a text or a sequence; ask for a frame)' : `this item has no frame ${frame}`);
  if (/^https?:\/\//i.test(asset)) return { kind: 'url', url: asset };
  if (isObjectUrl(asset)) return objectAsset(asset, media);
  const path = localPath(asset);
  const roots = [...media.roots, media.mediaDir];
  if (item.import_id) {
    const imported = await importsRepo.findImport(deps.db, item.import_id);
    if (imported && isFolderImport(imported.format) && imported.status === 'committed') roots.push(...importRoots(imported));
  }
  const file = await allowedFile(path, roots);
  const contentType = TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream';
  return { kind: 'file', path: file.path, size: file.size, contentType, etag: `"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"` };
}

/** An s3:// asset, refused like a path outside the allowed folders when its bucket is not in CADRE_S3_BUCKETS. */
function objectAsset(url: string, media: MediaConfig): Asset {
  const refused = refusedObject(url, media.objects?.buckets);
  if (refused !== null || !media.objects) throw forbidden(refused ?? `${url}: this server reads no S3 buckets`);
  const ref = parseObjectUrl(url) as ObjectRef;
  return { kind: 'object', url, ref, contentType: TYPES[extname(ref.key).toLowerCase()] ?? 'application/octet-stream', objects: media.objects };
}

/** The image of camera `name` for a frame, from the item's `metadata.cameras` (see lidar/cameras.ts). */
function cameraImage(metadata: unknown, name: string, frame: number): string {
  const cameras = (metadata as { cameras?: unknown } | null)?.cameras;
  const list = Array.isArray(cameras) ? (cameras as Array<{ name?: unknown; images?: unknown }>) : [];
  const cam = list.find((c) => c?.name === name);
  if (!cam) {
    const names = list.map((c) => JSON.stringify(c?.name)).join(', ');
    throw new AppError('not_found', `this item has no camera ${JSON.stringify(name)}${names ? ` (it has ${names})` : ' (it has no cameras)'}`);
  }
  const image = Array.isArray(cam.images) ? cam.images[frame] : undefined;
  if (typeof image !== 'string' || image === '') throw new AppError('not_found', `camera ${JSON.stringify(name)} has no image for frame ${frame}`);
  return image;
}

/** The displayed size and EXIF orientation of a local, uploaded or object-storage image (its header only). */
export async function imageInfoOf(deps: ServiceDeps, actor: Actor, itemId: string, media: MediaConfig, frame?: number) {
  const asset = await resolveAsset(deps, actor, itemId, media, frame);
  if (asset.kind === 'url') throw invalid('the asset is a URL; Cadre reads the size of local, uploaded and S3 images only');
  try {
    const { width, height, orientation } = await fromStorage(() => readAssetImageInfo(asset));
    return { width, height, orientation };
  } catch (e) {
    if (e instanceof ImageInfoError) throw invalid(`cannot read the image size: ${e.message}`);
    throw e;
  }
}

function localPath(asset: string): string {
  if (asset.split(/[\\/]/).includes('..')) return asset; // allowedFile refuses it by name
  if (/^file:\/\//i.test(asset)) {
    try {
      return fileURLToPath(asset);
    } catch {
      throw new AppError('not_found', `the asset ${asset} is not a file URL Cadre can read`);
    }
  }
  if (isAbsolute(asset)) return join(asset);
  throw new AppError('not_found', `the asset ${asset} is neither an http(s) URL nor an absolute path, so Cadre cannot serve it`);
}

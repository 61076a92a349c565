// Reading an item's local or object-storage asset, one way for every reader: the asset route's
// image info, the machine stage's checks, the pre-label detector and the LiDAR auto-labeller.
import { readFile } from 'node:fs/promises';
import type { Asset } from './asset.ts';
import { readImageInfo, readImageInfoFrom, type ImageInfo } from './image-info.ts';
import { objectSource } from './object-source.ts';

export type StoredAsset = Extract<Asset, { kind: 'file' | 'object' }>;

/** The whole asset. Storage failures are thrown as ObjectStoreError (callers choose: 404/503, or a retry). */
export async function readAssetBytes(asset: StoredAsset): Promise<Buffer> {
  return asset.kind === 'file' ? readFile(asset.path) : asset.objects.store.bytes(asset.ref);
}

/** The image's size and orientation from its header: a file's first bytes, an object's first ranged GETs. */
export function readAssetImageInfo(asset: StoredAsset): Promise<ImageInfo> {
  return asset.kind === 'file' ? readImageInfo(asset.path) : readImageInfoFrom(objectSource(asset.objects.store, asset.ref));
}

/** The name a parser is told (its extension tells a format). */
export const assetName = (asset: StoredAsset): string => (asset.kind === 'file' ? asset.path : asset.ref.key);

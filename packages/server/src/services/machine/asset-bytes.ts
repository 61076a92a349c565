// What a machine worker reads of an item's media, for the image models and the LiDAR auto-labeller alike.
import { ModelError } from '@cadre/models';
import { ObjectStoreError, readAssetBytes, type Asset } from '../../media/index.ts';

/**
 * The bytes of an item's asset: a local file or an object in S3-compatible storage read, a URL
 * fetched. Storage or a URL that cannot be reached is thrown as unreachable, so the job retries.
 */
export async function assetBytes(asset: Asset, name: string, signal?: AbortSignal): Promise<Uint8Array> {
  if (asset.kind !== 'url') {
    try {
      return new Uint8Array(await readAssetBytes(asset));
    } catch (e) {
      if (e instanceof ObjectStoreError) throw new ModelError(`${name}: ${e.message}`, e.code === 'unreachable' ? 'unreachable' : 'bad_image');
      throw e;
    }
  }
  const res = await fetch(asset.url, { signal: signal ?? null }).catch((e: unknown) => { throw new ModelError(`${name}: could not fetch: ${e instanceof Error ? e.message : String(e)}`, 'unreachable'); });
  if (!res.ok) throw new ModelError(`${name}: fetching it answered ${res.status}`, 'bad_image');
  return new Uint8Array(await res.arrayBuffer());
}

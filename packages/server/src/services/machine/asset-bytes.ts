// What a machine worker reads of an item's media, for the image models and the LiDAR auto-labeller alike.
import { readFile } from 'node:fs/promises';
import { ModelError } from '@cadre/models';
import type { Asset } from '../../media/index.ts';

/** The bytes of an item's asset: a local file read, a URL fetched (a failure to reach it is thrown as unreachable, so the job retries). */
export async function assetBytes(asset: Asset, name: string, signal?: AbortSignal): Promise<Uint8Array> {
  if (asset.kind === 'file') return new Uint8Array(await readFile(asset.path));
  const res = await fetch(asset.url, { signal: signal ?? null }).catch((e: unknown) => { throw new ModelError(`${name}: could not fetch: ${e instanceof Error ? e.message : String(e)}`, 'unreachable'); });
  if (!res.ok) throw new ModelError(`${name}: fetching it answered ${res.status}`, 'bad_image');
  return new Uint8Array(await res.arrayBuffer());
}

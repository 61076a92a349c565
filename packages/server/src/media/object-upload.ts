// Exports written back to a bucket: the export is written where it always is (a file, a folder or
// a zip), then uploaded object by object; each object is whole or absent (see ObjectStore.put).
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { forbidden } from '../errors.ts';
import type { MediaConfig } from './config.ts';
import { fromStorage } from './object-errors.ts';
import type { ObjectStorage } from './object-store.ts';
import { objectUrl, parseObjectUrl, refusedObject, type ObjectRef } from './object-url.ts';

export interface ExportTarget { objects: ObjectStorage; ref: ObjectRef }

const TYPES: Record<string, string> = {
  '.json': 'application/json', '.jsonl': 'application/x-ndjson', '.zip': 'application/zip', '.csv': 'text/csv', '.tsv': 'text/tab-separated-values',
  '.txt': 'text/plain', '.xml': 'application/xml', '.tar': 'application/x-tar', '.conll': 'text/plain', '.yaml': 'text/yaml',
};

/**
 * Where an export to `s3://bucket/key` goes, checked before the export is written: the bucket must
 * be one of CADRE_S3_BUCKETS and answer to Cadre's credentials.
 */
export async function exportTarget(media: MediaConfig, url: string): Promise<ExportTarget> {
  const refused = refusedObject(url, media.objects?.buckets, 'prefix');
  if (refused !== null || !media.objects) throw forbidden(`cannot export to ${refused ?? url}`);
  const ref = parseObjectUrl(url) as ObjectRef;
  await fromStorage(() => media.objects!.store.checkBucket(ref.bucket));
  return { objects: media.objects, ref };
}

/**
 * Uploads the export written at `local`: a file to the key (or below it when the key ends in "/"),
 * a folder's files below the key as a prefix. Returns the URLs written.
 */
export async function uploadExport(target: ExportTarget, local: string): Promise<{ urls: string[]; bytes: number }> {
  const { ref, objects } = target;
  const info = await stat(local);
  const prefix = ref.key === '' || ref.key.endsWith('/') ? ref.key : `${ref.key}/`;
  const files = info.isDirectory() ? await filesUnder(local) : [local];
  const urls: string[] = [];
  let bytes = 0;
  for (const file of files) {
    const key = info.isDirectory() ? prefix + relative(local, file).split(sep).join('/') : ref.key === prefix ? prefix + basename(file) : ref.key;
    const to = { bucket: ref.bucket, key };
    const type = TYPES[extname(file).toLowerCase()];
    bytes += (await fromStorage(() => objects.store.put(to, createReadStream(file, { highWaterMark: 1 << 20 }), type ? { contentType: type } : {}))).size;
    urls.push(objectUrl(to));
  }
  return { urls, bytes };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

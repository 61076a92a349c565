// `cadre export … --out s3://bucket/key`: the export is written to a temporary folder as it would be
// on disk, then uploaded (each object whole or not at all); the bucket is checked before the export.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { media } from '@cadre/server';

/** One-file formats named into a prefix (`--out s3://bucket/exports/`) get this file name. */
const ONE_FILE: Record<string, string> = { cadre: 'export.jsonl', conll: 'export.conll', csv: 'export.csv', tsv: 'export.tsv', boxes: 'boxes.json' };

export const isBucketPath = (path: string | undefined): path is string => path !== undefined && media.isObjectUrl(path);

/** Where `--out s3://bucket/key` goes: a bucket of CADRE_S3_BUCKETS that answers to Cadre's credentials. */
export const bucketTarget = (url: string): Promise<media.ExportTarget> => media.exportTarget(media.mediaConfig(), url);

/** Runs `write` with a local `--out`, then uploads what it wrote to the target. */
export async function exportToBucket(target: media.ExportTarget, format: string, write: (out: string) => Promise<void>): Promise<void> {
  const url = media.objectUrl(target.ref);
  const dir = await mkdtemp(join(tmpdir(), 'cadre-export-'));
  try {
    const asPrefix = target.ref.key === '' || target.ref.key.endsWith('/');
    const local = asPrefix ? join(dir, 'out') : join(dir, basename(target.ref.key));
    if (asPrefix) await mkdir(local);
    await write(asPrefix && ONE_FILE[format] ? join(local, ONE_FILE[format]) : local);
    const { urls, bytes } = await media.uploadExport(target, local);
    console.error(`uploaded ${urls.length === 1 ? urls[0] : `${urls.length} objects below ${url}`} (${bytes} bytes)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// A folder-style import of the objects under an S3 prefix: one item per image (or point cloud, or
// .txt text), by the same file-type rules as a local folder. LiDAR dataset layouts are read from
// local files (calibration, labels beside the clouds), so a prefix that holds one is refused.
import { isUtf8 } from 'node:buffer';
import { forbidden, invalid } from '../errors.ts';
import { kindFromExtension } from '../import/item-draft.ts';
import { DEFAULT_MAX_ROW_BYTES, type RowResult, type TaskRow } from '../import/types.ts';
import { fromStorage } from './object-errors.ts';
import type { ObjectStorage } from './object-store.ts';
import { objectUrl, parseObjectUrl, refusedObject, type ObjectRef } from './object-url.ts';

export interface PrefixOptions {
  layout?: 'sustech' | 'kitti' | 'nuscenes' | 'plain';
  perFrame?: boolean;
  boxes?: string;
  predictions?: unknown;
}

const LOCAL_ONLY = 'LiDAR folder layouts, boxes and YOLO/COCO pre-labels are read from files on the server: copy the folder into CADRE_MEDIA_ROOTS and import it from there, or import the images of the prefix as they are';

/** The rows of the objects under `url` (s3://bucket/prefix/), checked before the first row. */
export async function objectPrefixRows(objects: ObjectStorage | undefined, url: string, o: PrefixOptions = {}): Promise<{ rows: AsyncGenerator<RowResult>; url: string; what: string }> {
  const refused = refusedObject(url, objects?.buckets, 'prefix');
  if (refused !== null || !objects) throw forbidden(refused ?? `${url}: this server reads no S3 buckets`);
  const given = parseObjectUrl(url) as ObjectRef;
  const ref = { bucket: given.bucket, key: given.key === '' || given.key.endsWith('/') ? given.key : `${given.key}/` };
  const root = objectUrl(ref);
  if ((o.layout && o.layout !== 'plain') || o.perFrame || o.boxes !== undefined || o.predictions !== undefined) throw invalid(`${root}: ${LOCAL_ONLY}`);
  const children = await fromStorage(() => objects.store.children(ref.bucket, ref.key));
  if (children.length === 0) {
    const single = ref.key !== given.key && (await fromStorage(() => objects.store.head(given)).then(() => true, () => false));
    throw invalid(single
      ? `${url} is an object, not a prefix: a bucket import takes a prefix of media files (s3://${ref.bucket}/${ref.key})`
      : `no objects under ${root} (is the prefix right?)`);
  }
  const names = new Set(children);
  const layout = names.has('lidar/') && (names.has('label/') || names.has('calib/')) ? 'a SUSTechPOINTS scene (lidar/, label/, calib/)'
    : names.has('velodyne/') && (names.has('label_2/') || names.has('calib/')) ? 'a KITTI object folder (velodyne/, label_2/, calib/)' : null;
  if (layout && o.layout !== 'plain') throw invalid(`${root} holds ${layout}; ${LOCAL_ONLY} (or say layout plain to import its files one item each)`);
  return { rows: prefixRows(objects, ref), url: root, what: `the objects under ${root}, one item each` };
}

const row = (source: string, data: Record<string, unknown>): RowResult => ({ ok: true, row: { line: 0, data, predictions: [], priority: 0, source } satisfies TaskRow });
const rowError = (file: string, field: string, message: string): RowResult => ({ ok: false, error: { file, line: 0, field, message } });

async function* prefixRows(objects: ObjectStorage, prefix: ObjectRef): AsyncGenerator<RowResult> {
  const listed = objects.store.list(prefix.bucket, prefix.key);
  for (;;) {
    const next = await fromStorage(() => listed.next());
    if (next.done) return;
    const { key, size } = next.value;
    const below = key.slice(prefix.key.length);
    // Folder markers and hidden files (".DS_Store", ".git/…") are left out, as in a local folder.
    if (below === '' || key.endsWith('/') || below.split('/').some((p) => p.startsWith('.'))) continue;
    const url = objectUrl({ bucket: prefix.bucket, key });
    const kind = kindFromExtension(key);
    if (kind === 'image') yield row(url, { image: url });
    else if (kind === 'pointcloud') yield row(url, { pointcloud: url });
    else if (!/\.txt$/i.test(key)) yield rowError(url, 'file', `unsupported file type ${/\.[^./]*$/.exec(key)?.[0] ?? '(no extension)'}`);
    else if (size > DEFAULT_MAX_ROW_BYTES) yield rowError(url, 'data.text', `text file is ${size} bytes, more than the limit of ${DEFAULT_MAX_ROW_BYTES}`);
    else {
      const bytes = await fromStorage(() => objects.store.bytes({ bucket: prefix.bucket, key }));
      yield isUtf8(bytes) ? row(url, { text: bytes.toString('utf8').replace(/^\uFEFF/, '') }) : rowError(url, 'data.text', 'the file is not valid UTF-8 text');
    }
  }
}


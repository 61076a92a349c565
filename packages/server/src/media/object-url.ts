// `s3://bucket/key`: how an item, an import and an export name an object in S3-compatible storage.
// Keys are taken as written (the AWS CLI's convention), not percent-decoded.

export interface ObjectRef { bucket: string; key: string }

const SCHEME = /^s3:\/\//i;
/** S3's rule for bucket names (3–63 lower-case letters, digits, dots and hyphens). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export const isObjectUrl = (s: string): boolean => SCHEME.test(s);
export const isBucketName = (s: string): boolean => BUCKET.test(s) && !s.includes('..');
export const objectUrl = (ref: ObjectRef): string => `s3://${ref.bucket}/${ref.key}`;

/** The bucket and key of `s3://bucket/key` (the key may be empty: a whole bucket, or a prefix). */
export function parseObjectUrl(url: string): ObjectRef | { error: string } {
  if (!SCHEME.test(url)) return { error: `${url} is not an s3:// URL` };
  const rest = url.replace(SCHEME, '');
  const slash = rest.indexOf('/');
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  const key = slash === -1 ? '' : rest.slice(slash + 1);
  if (!isBucketName(bucket)) return { error: `${url}: "${bucket}" is not a bucket name (3 to 63 lower-case letters, digits, dots and hyphens)` };
  return { bucket, key };
}

/**
 * Why an item may not name `url` (null when it may): a malformed URL, or a bucket that is not in
 * CADRE_S3_BUCKETS. Checked at import, and again on every read.
 */
export function refusedObject(url: string, buckets: readonly string[] | undefined, what: 'object' | 'prefix' = 'object'): string | null {
  const ref = parseObjectUrl(url);
  if ('error' in ref) return ref.error;
  if (what === 'object' && (ref.key === '' || ref.key.endsWith('/'))) return `${url} names a folder, not an object`;
  if (!buckets || buckets.length === 0) return `${url}: this server reads no S3 buckets (CADRE_S3_BUCKETS is not set)`;
  if (!buckets.includes(ref.bucket)) return `${url}: bucket ${ref.bucket} is not one this server may read (CADRE_S3_BUCKETS: ${buckets.join(', ')})`;
  return null;
}

/**
 * The first s3:// name of an import row's item that it may not use (its field and why), or null.
 * With object storage off, s3:// names are kept as references and nothing is refused: labels
 * exported from Label Studio with their images in a bucket import as they are, and the asset route
 * refuses to read them until the bucket is allowed. With storage on, a bucket not in the list is a
 * row error at once.
 */
export function refusedItemObject(item: { asset: string | null; frames: string[] | null }, data: Record<string, unknown>, buckets: () => readonly string[] | undefined): { field: string; message: string } | null {
  const allowed = buckets();
  if (!allowed || allowed.length === 0) return null;
  const named: [string, string][] = item.frames
    ? item.frames.map((f, i) => [`data.frames[${i}]`, f])
    : item.asset ? [[`data.${Object.keys(data).find((k) => data[k] === item.asset) ?? 'image'}`, item.asset]] : [];
  for (const [field, name] of named) {
    if (!isObjectUrl(name)) continue;
    const why = refusedObject(name, allowed);
    if (why !== null) return { field, message: why };
  }
  return null;
}

// Object storage as Cadre uses it: what an item's object is (head), its header bytes (a range),
// its whole body (a stream, for the asset route and the machine), the objects under a prefix (an
// import), and a whole upload (an export). s3-store.ts speaks S3; tests run it against s3rver.
import type { Readable } from 'node:stream';
import type { ObjectRef } from './object-url.ts';

export interface ObjectHead {
  size: number;
  /** As the storage gives it, quoted ("…"). */
  etag: string;
  contentType: string | null;
}

export interface ListedObject { key: string; size: number }

export type ObjectBody = { notModified: true } | { notModified: false; head: ObjectHead; body: Readable };

export interface ObjectStore {
  /** Where the objects are, in words for messages ("http://127.0.0.1:9000", "AWS S3 in eu-west-1"). */
  readonly where: string;
  head(ref: ObjectRef): Promise<ObjectHead>;
  /** Up to `length` bytes at `offset` (fewer or none at the end), and the object's whole size. */
  readRange(ref: ObjectRef, offset: number, length: number): Promise<{ bytes: Buffer; size: number | null }>;
  /** The body as a stream; `notModified` when `ifNoneMatch` is the object's ETag. */
  get(ref: ObjectRef, o?: { ifNoneMatch?: string }): Promise<ObjectBody>;
  bytes(ref: ObjectRef): Promise<Buffer>;
  /** Every object below `prefix`, in key order, page after page. */
  list(bucket: string, prefix: string): AsyncGenerator<ListedObject>;
  /** The first names below `prefix` ("lidar/", "image.jpg"): folders end in "/". At most one page. */
  children(bucket: string, prefix: string): Promise<string[]>;
  /** Fails with a clear error when the bucket is missing or refuses these credentials. */
  checkBucket(bucket: string): Promise<void>;
  /**
   * Writes the whole body to `ref`, or nothing: a small body is one PUT, a large one a multipart
   * upload that is aborted when the body or a part fails, so no half object is ever the key.
   */
  put(ref: ObjectRef, body: AsyncIterable<Uint8Array>, o?: { contentType?: string }): Promise<{ size: number }>;
  /** A GET URL for the object that works without credentials for `seconds`. */
  presign(ref: ObjectRef, seconds: number): Promise<string>;
  close(): void;
}

/** What the configuration (CADRE_S3_*) makes of object storage. */
export interface ObjectStorage {
  store: ObjectStore;
  /** The buckets items may name (CADRE_S3_BUCKETS), as CADRE_MEDIA_ROOTS are the folders. */
  buckets: readonly string[];
  /** proxy: the server streams the object after the access check; presign: a 302 to a short-lived URL. */
  reads: 'proxy' | 'presign';
  /** How long a presigned URL works. */
  presignSeconds: number;
}

export type ObjectStoreErrorCode = 'no_bucket' | 'no_object' | 'denied' | 'unreachable' | 'failed';

/** A storage call that failed, classified; media/object-errors.ts turns it into the house errors. */
export class ObjectStoreError extends Error {
  override name = 'ObjectStoreError';
  constructor(readonly code: ObjectStoreErrorCode, readonly url: string, message: string) {
    super(message);
  }
}

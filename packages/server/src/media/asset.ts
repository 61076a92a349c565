import type { ObjectStorage } from './object-store.ts';
import type { ObjectRef } from './object-url.ts';

/** Where an item's media are: a URL the browser fetches itself, a file this server serves, or an object in S3-compatible storage. */
export type Asset =
  | { kind: 'url'; url: string }
  | { kind: 'file'; path: string; size: number; contentType: string; etag: string }
  /** An object in S3-compatible storage (`s3://bucket/key`), in a bucket of CADRE_S3_BUCKETS; not asked about yet. */
  | { kind: 'object'; url: string; ref: ObjectRef; contentType: string; objects: ObjectStorage };

// The object store over @aws-sdk/client-s3: AWS S3, or any S3-compatible server (MinIO, Ceph,
// s3rver) at CADRE_S3_ENDPOINT with path-style addressing.
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, GetObjectCommand, HeadBucketCommand,
  HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, UploadPartCommand, type CompletedPart,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ObjectStoreError, type ListedObject, type ObjectBody, type ObjectHead, type ObjectStore } from './object-store.ts';
import { objectUrl, type ObjectRef } from './object-url.ts';

export interface S3Options {
  region: string;
  /** An S3-compatible server; path-style addressing then (http://host:9000/bucket/key). */
  endpoint?: string;
  /** Static keys; without them the SDK's chain (AWS_ACCESS_KEY_ID, profiles, instance roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Bodies up to this size are one PUT; larger ones are uploaded in parts of this size (S3's least is 5 MiB). */
  partSize?: number;
}

const MiB = 1024 * 1024;
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'TimeoutError', 'RequestTimeout']);
const DENIED = new Set(['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken', 'Forbidden', 'AllAccessDisabled']);

type SdkError = Error & { code?: string; Code?: string; $metadata?: { httpStatusCode?: number }; cause?: { code?: string } };

export class S3Store implements ObjectStore {
  readonly where: string;
  readonly #client: S3Client;
  readonly #partSize: number;

  constructor(o: S3Options) {
    this.where = o.endpoint ?? `AWS S3 in ${o.region}`;
    this.#partSize = Math.max(o.partSize ?? 8 * MiB, 5 * MiB);
    this.#client = new S3Client({
      region: o.region,
      ...(o.endpoint ? { endpoint: o.endpoint, forcePathStyle: true } : {}),
      ...(o.credentials ? { credentials: o.credentials } : {}),
      // Checksums only where S3 requires them: many S3-compatible servers do not take the newer trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
    });
  }

  async head(ref: ObjectRef): Promise<ObjectHead> {
    const r = await this.#call(ref, () => this.#client.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key })));
    return { size: r.ContentLength ?? 0, etag: r.ETag ?? '', contentType: r.ContentType ?? null };
  }

  async readRange(ref: ObjectRef, offset: number, length: number): Promise<{ bytes: Buffer; size: number | null }> {
    if (length <= 0) return { bytes: Buffer.alloc(0), size: null };
    try {
      const r = await this.#client.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, Range: `bytes=${offset}-${offset + length - 1}` }));
      const bytes = Buffer.from(await r.Body!.transformToByteArray());
      const total = /\/(\d+)$/.exec(r.ContentRange ?? '')?.[1];
      return { bytes: bytes.subarray(0, length), size: total ? Number(total) : null };
    } catch (e) {
      if ((e as SdkError).name === 'InvalidRange' || (e as SdkError).$metadata?.httpStatusCode === 416) return { bytes: Buffer.alloc(0), size: null };
      throw await this.#failure(e, ref);
    }
  }

  async get(ref: ObjectRef, o: { ifNoneMatch?: string } = {}): Promise<ObjectBody> {
    try {
      const r = await this.#client.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, ...(o.ifNoneMatch ? { IfNoneMatch: o.ifNoneMatch } : {}) }));
      const head = { size: r.ContentLength ?? 0, etag: r.ETag ?? '', contentType: r.ContentType ?? null };
      return { notModified: false, head, body: r.Body as Readable };
    } catch (e) {
      if ((e as SdkError).$metadata?.httpStatusCode === 304) return { notModified: true };
      throw await this.#failure(e, ref);
    }
  }

  async bytes(ref: ObjectRef): Promise<Buffer> {
    return this.#call(ref, async () => {
      const r = await this.#client.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
      return Buffer.from(await r.Body!.transformToByteArray());
    });
  }

  async *list(bucket: string, prefix: string): AsyncGenerator<ListedObject> {
    let token: string | undefined;
    do {
      const page = await this.#call({ bucket, key: prefix }, () => this.#client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) })));
      for (const o of page.Contents ?? []) if (o.Key !== undefined) yield { key: o.Key, size: o.Size ?? 0 };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async children(bucket: string, prefix: string): Promise<string[]> {
    const page = await this.#call({ bucket, key: prefix }, () => this.#client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/' })));
    const folders = (page.CommonPrefixes ?? []).map((p) => (p.Prefix ?? '').slice(prefix.length));
    const files = (page.Contents ?? []).map((o) => (o.Key ?? '').slice(prefix.length)).filter((k) => k !== '');
    return [...folders, ...files];
  }

  async checkBucket(bucket: string): Promise<void> {
    await this.#call({ bucket, key: '' }, () => this.#client.send(new HeadBucketCommand({ Bucket: bucket })));
  }

  async put(ref: ObjectRef, body: AsyncIterable<Uint8Array>, o: { contentType?: string } = {}): Promise<{ size: number }> {
    const base = { Bucket: ref.bucket, Key: ref.key, ...(o.contentType ? { ContentType: o.contentType } : {}) };
    const parts: CompletedPart[] = [];
    let pending: Buffer[] = [];
    let pendingSize = 0;
    let size = 0;
    let uploadId: string | undefined;
    const sendPart = async () => {
      const data = Buffer.concat(pending, pendingSize);
      pending = [];
      pendingSize = 0;
      uploadId ??= (await this.#call(ref, () => this.#client.send(new CreateMultipartUploadCommand(base)))).UploadId!;
      const PartNumber = parts.length + 1;
      const r = await this.#call(ref, () => this.#client.send(new UploadPartCommand({ Bucket: ref.bucket, Key: ref.key, UploadId: uploadId, PartNumber, Body: data, ContentLength: data.length })));
      parts.push({ PartNumber, ETag: r.ETag! });
    };
    try {
      for await (const chunk of body) {
        const b = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        pending.push(b);
        pendingSize += b.length;
        size += b.length;
        if (pendingSize >= this.#partSize) await sendPart();
      }
      if (uploadId === undefined) {
        // Small enough for one PUT, which S3 applies whole or not at all.
        const data = Buffer.concat(pending, pendingSize);
        await this.#call(ref, () => this.#client.send(new PutObjectCommand({ ...base, Body: data, ContentLength: data.length })));
        return { size };
      }
      if (pendingSize > 0) await sendPart();
      await this.#call(ref, () => this.#client.send(new CompleteMultipartUploadCommand({ Bucket: ref.bucket, Key: ref.key, UploadId: uploadId, MultipartUpload: { Parts: parts } })));
      return { size };
    } catch (e) {
      if (uploadId !== undefined) {
        await this.#client.send(new AbortMultipartUploadCommand({ Bucket: ref.bucket, Key: ref.key, UploadId: uploadId })).catch(() => undefined);
      }
      throw e;
    }
  }

  presign(ref: ObjectRef, seconds: number): Promise<string> {
    return getSignedUrl(this.#client, new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }), { expiresIn: seconds });
  }

  close(): void {
    this.#client.destroy();
  }

  async #call<T>(ref: ObjectRef, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw await this.#failure(e, ref);
    }
  }

  /** The SDK's error, classified and told in words that name the bucket and key. */
  async #failure(e: unknown, ref: ObjectRef): Promise<ObjectStoreError> {
    if (e instanceof ObjectStoreError) return e;
    const err = e as SdkError;
    const url = objectUrl(ref);
    const status = err.$metadata?.httpStatusCode;
    const name = err.name === 'Error' ? err.Code ?? err.code ?? err.cause?.code ?? 'Error' : err.name;
    if (name === 'NoSuchBucket') return noBucket(ref, url);
    if (name === 'NoSuchKey' || (status === 404 && ref.key !== '')) {
      // A HEAD's 404 has no body to tell a missing key from a missing bucket: ask about the bucket.
      if (name !== 'NoSuchKey') {
        const bucket = await this.#client.send(new HeadBucketCommand({ Bucket: ref.bucket })).then(() => 'there', (b: SdkError) => (b.$metadata?.httpStatusCode === 404 ? 'missing' : 'unknown'));
        if (bucket === 'missing') return noBucket(ref, url);
      }
      return new ObjectStoreError('no_object', url, `${url} does not exist on ${this.where} (moved or deleted since the import?)`);
    }
    if (status === 404) return noBucket(ref, url);
    if (status === 403 || status === 401 || DENIED.has(name)) {
      return new ObjectStoreError('denied', url, `${this.where} refused Cadre's credentials for ${url} (${name === 'Error' || name === 'UnknownError' ? `HTTP ${status}` : name}): check CADRE_S3_ACCESS_KEY_ID / CADRE_S3_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) and the bucket's policy`);
    }
    if (name === 'CredentialsProviderError') {
      return new ObjectStoreError('denied', url, `no credentials for ${this.where} to read ${url}: set CADRE_S3_ACCESS_KEY_ID and CADRE_S3_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)`);
    }
    if (status === undefined || status >= 500 || NETWORK.has(name) || NETWORK.has(err.code ?? '')) {
      const why = status !== undefined ? `HTTP ${status} ${name}` : err.code ?? err.cause?.code ?? err.message ?? name;
      return new ObjectStoreError('unreachable', url, `cannot reach the object storage at ${this.where} for ${url}: ${why}`);
    }
    return new ObjectStoreError('failed', url, `${this.where} answered HTTP ${status} ${name} for ${url}: ${err.message}`);
  }
}

const noBucket = (ref: ObjectRef, url: string) => new ObjectStoreError('no_bucket', url, `bucket ${ref.bucket} does not exist (for ${url})`);

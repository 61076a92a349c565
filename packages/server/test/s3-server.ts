// A real S3-compatible server for tests: s3rver in a child process on a free port, its files in a
// temporary folder. It speaks the S3 protocol (ListObjectsV2 paging, ranged GETs, multipart uploads,
// presigned URLs) and knows one account, S3RVER/S3RVER: an unknown access key id is refused, but it
// does not verify SigV4 signatures themselves. Its continuation tokens are DES-encrypted, which
// OpenSSL 3 keeps in its legacy provider: hence a child process started with that provider.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { media } from '../src/index.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SERVER = `
const S3rver = require('s3rver');
const [directory, buckets] = process.argv.slice(1);
new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: buckets.split(',').map((name) => ({ name })) })
  .run().then((a) => console.log(JSON.stringify({ port: a.port })), (e) => { console.error(e); process.exit(1); });
`;

export interface LocalS3 {
  endpoint: string;
  /** The environment that points Cadre at this server, its buckets allowed. */
  env: Record<string, string>;
  /** A media configuration from `env` plus `extra` (its store is closed with the server). */
  media(extra?: Record<string, string | undefined>, dataDir?: string): media.MediaConfig;
  /** A plain S3 client for the test's own puts and gets (not Cadre's code). */
  client: S3Client;
  put(bucket: string, key: string, body: Buffer | string, contentType?: string): Promise<void>;
  get(bucket: string, key: string): Promise<Buffer | null>;
  exists(bucket: string, key: string): Promise<boolean>;
  close(): Promise<void>;
}

export async function startS3(buckets: string[] = ['cadre-test']): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), 'cadre-s3rver-'));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', SERVER, directory, buckets.join(',')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /\{"port":(\d+)\}/.exec(output);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`s3rver exited ${code}: ${output}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const env = { CADRE_S3_ENDPOINT: endpoint, CADRE_S3_BUCKETS: buckets.join(','), CADRE_S3_ACCESS_KEY_ID: 'S3RVER', CADRE_S3_SECRET_ACCESS_KEY: 'S3RVER' };
  const client = new S3Client({
    endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const stores: media.ObjectStore[] = [];
  return {
    endpoint, env, client,
    media(extra = {}, dataDir = directory) {
      const all: Record<string, string> = { CADRE_DATA_DIR: dataDir };
      for (const [k, v] of Object.entries({ ...env, ...extra })) if (v !== undefined) all[k] = v;
      const config = media.mediaConfig(all);
      if (config.objects) stores.push(config.objects.store);
      return config;
    },
    async put(bucket, key, body, contentType) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...(contentType ? { ContentType: contentType } : {}) }));
    },
    async get(bucket, key) {
      const r = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key })).catch(() => null);
      return r ? Buffer.from(await r.Body!.transformToByteArray()) : null;
    },
    async exists(bucket, key) {
      return client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(() => true, () => false);
    },
    async close() {
      for (const s of stores) s.close();
      client.destroy();
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

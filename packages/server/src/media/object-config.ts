import type { ObjectStorage } from './object-store.ts';
import { isBucketName } from './object-url.ts';
import { S3Store } from './s3-store.ts';

const READS = ['proxy', 'presign'] as const;

/**
 * Object storage from CADRE_S3_*: null when CADRE_S3_BUCKETS names no bucket (then items may not
 * name s3:// objects). Bad values are pushed onto `problems`, to be reported with the rest.
 */
export function objectStorageFromEnv(env: NodeJS.ProcessEnv, problems: string[]): ObjectStorage | null {
  const at = problems.length;
  const buckets = (env.CADRE_S3_BUCKETS ?? '').split(',').map((b) => b.trim()).filter((b) => b !== '');
  for (const b of buckets) if (!isBucketName(b)) problems.push(`CADRE_S3_BUCKETS: "${b}" is not a bucket name (3 to 63 lower-case letters, digits, dots and hyphens)`);
  const endpoint = env.CADRE_S3_ENDPOINT?.trim() || undefined;
  if (endpoint && !(URL.canParse(endpoint) && /^https?:$/.test(new URL(endpoint).protocol))) problems.push(`CADRE_S3_ENDPOINT: "${endpoint}" is not an http(s) URL like http://127.0.0.1:9000`);
  const region = env.CADRE_S3_REGION?.trim() || 'us-east-1';
  if (!/^[a-z0-9-]+$/.test(region)) problems.push(`CADRE_S3_REGION: "${region}" is not a region name like us-east-1`);
  const reads = env.CADRE_S3_READS?.trim() || 'proxy';
  if (!(READS as readonly string[]).includes(reads)) problems.push(`CADRE_S3_READS: must be proxy or presign, not "${reads}"`);
  const seconds = env.CADRE_S3_PRESIGN_SECONDS?.trim() ? Number(env.CADRE_S3_PRESIGN_SECONDS) : 300;
  if (!Number.isInteger(seconds) || seconds < 10 || seconds > 604_800) problems.push(`CADRE_S3_PRESIGN_SECONDS=${env.CADRE_S3_PRESIGN_SECONDS}: must be an integer from 10 to 604800 (seven days, S3's most)`);
  const id = env.CADRE_S3_ACCESS_KEY_ID?.trim();
  const secret = env.CADRE_S3_SECRET_ACCESS_KEY?.trim();
  if (Boolean(id) !== Boolean(secret)) problems.push('CADRE_S3_ACCESS_KEY_ID and CADRE_S3_SECRET_ACCESS_KEY go together: set both, or neither (then the AWS SDK\'s own chain: AWS_ACCESS_KEY_ID, profiles, roles)');
  const configured = Object.keys(env).some((k) => k.startsWith('CADRE_S3_') && k !== 'CADRE_S3_BUCKETS' && env[k]?.trim());
  if (buckets.length === 0) {
    if (configured) problems.push('CADRE_S3_BUCKETS: name the buckets items may come from (comma-separated); the other CADRE_S3_ settings do nothing without it');
    return null;
  }
  if (problems.length > at) return null;
  const store = new S3Store({ region, ...(endpoint ? { endpoint } : {}), ...(id && secret ? { credentials: { accessKeyId: id, secretAccessKey: secret } } : {}) });
  return Object.freeze({ store, buckets: Object.freeze(buckets), reads: reads as ObjectStorage['reads'], presignSeconds: seconds });
}

import { isAbsolute, join, resolve } from 'node:path';
import { objectStorageFromEnv } from './object-config.ts';
import type { ObjectStorage } from './object-store.ts';

export interface MediaConfig {
  /** Uploaded files live in `<dataDir>/media`, named by their SHA-256. */
  mediaDir: string;
  /** Folders whose files any item may name as its asset (`CADRE_MEDIA_ROOTS`, colon-separated). */
  roots: string[];
  /** S3-compatible object storage whose buckets items may name as `s3://bucket/key` (`CADRE_S3_*`); absent when not configured. */
  objects?: ObjectStorage;
}

let fromEnvironment: MediaConfig | null = null;

/** Read once, like the rest of the configuration, reporting every bad key together; tests pass their own `env`. */
export function mediaConfig(env: NodeJS.ProcessEnv = process.env): MediaConfig {
  if (env === process.env && fromEnvironment) return fromEnvironment;
  const problems: string[] = [];
  const raw = (env.CADRE_MEDIA_ROOTS ?? '').split(':').map((r) => r.trim()).filter((r) => r !== '');
  const relative = raw.filter((r) => !isAbsolute(r));
  if (relative.length > 0) problems.push(`CADRE_MEDIA_ROOTS: folders must be absolute paths, not ${relative.join(', ')}`);
  const objects = objectStorageFromEnv(env, problems);
  if (problems.length > 0) throw new Error(`bad configuration:\n  ${problems.join('\n  ')}`);
  const config: MediaConfig = Object.freeze({ mediaDir: join(resolve(env.CADRE_DATA_DIR || 'data'), 'media'), roots: raw.map((r) => resolve(r)), ...(objects ? { objects } : {}) });
  if (env === process.env) fromEnvironment = config;
  return config;
}

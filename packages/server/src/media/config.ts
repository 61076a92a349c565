import { isAbsolute, join, resolve } from 'node:path';

export interface MediaConfig {
  /** Uploaded files live in `<dataDir>/media`, named by their SHA-256. */
  mediaDir: string;
  /** Folders whose files any item may name as its asset (`CADRE_MEDIA_ROOTS`, colon-separated). */
  roots: string[];
}

let fromEnvironment: MediaConfig | null = null;

/** Read once, like the rest of the configuration; tests pass their own `env`. */
export function mediaConfig(env: NodeJS.ProcessEnv = process.env): MediaConfig {
  if (env === process.env && fromEnvironment) return fromEnvironment;
  const raw = (env.CADRE_MEDIA_ROOTS ?? '').split(':').map((r) => r.trim()).filter((r) => r !== '');
  const relative = raw.filter((r) => !isAbsolute(r));
  if (relative.length > 0) throw new Error(`bad configuration:\n  CADRE_MEDIA_ROOTS: folders must be absolute paths, not ${relative.join(', ')}`);
  const config = Object.freeze({ mediaDir: join(resolve(env.CADRE_DATA_DIR || 'data'), 'media'), roots: raw.map((r) => resolve(r)) });
  if (env === process.env) fromEnvironment = config;
  return config;
}

import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** An external PostgreSQL; when absent Cadre runs its embedded one under `<dataDir>/pg`. */
  databaseUrl: string | null;
  poolSize: number;
  secureCookies: boolean;
  logRequests: boolean;
  adminEmail: string;
  adminPassword: string | null;
  demo: boolean;
  /** Failed sign-ins allowed per account and per address in each window before both are refused until it ends. */
  loginThrottle: { windowSeconds: number; maxFailuresPerAccount: number; maxFailuresPerAddress: number };
  /** Origins besides the server's own (its Host) whose pages may send cookie-authenticated changes, e.g. behind a proxy that rewrites Host. */
  trustedOrigins: string[];
  /** Run machine jobs in the server process (CADRE_RUN_JOBS, default true; `cadre worker` processes run them too). */
  runJobs?: boolean;
  /** A running job whose worker's heartbeat stopped this many seconds ago is taken up by another worker (CADRE_JOB_STALE_SECONDS, default 30). */
  jobStaleSeconds?: number;
  /** Each stretch of this many seconds in which the server waits for a request body must bring 16 KiB of it, else the request ends with 408 (CADRE_BODY_TIMEOUT_SECONDS, default 30). */
  bodyTimeoutSeconds?: number;
  /** Lets callers not on this machine scrape `GET /metrics` with `Authorization: Bearer <token>` (CADRE_METRICS_TOKEN; loopback callers need none). */
  metricsToken?: string | null;
}

/** Reads the environment once at boot and reports every bad value together. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) problems.push(`${key}=${raw}: must be an integer from ${min} to ${max}`);
    return n;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    if (!['1', '0', 'true', 'false', 'yes', 'no'].includes(raw)) problems.push(`${key}=${raw}: must be true or false`);
    return ['1', 'true', 'yes'].includes(raw);
  };
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL: must start with postgres:// or postgresql://');
  const origins = (env.CADRE_TRUSTED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const o of origins) {
    if (!URL.canParse(o) || new URL(o).origin !== o) problems.push(`CADRE_TRUSTED_ORIGINS: "${o}" is not an origin like https://labels.example.com or http://localhost:5173`);
  }
  const metricsToken = env.CADRE_METRICS_TOKEN || null;
  if (metricsToken !== null && metricsToken.trim().length < 16) problems.push('CADRE_METRICS_TOKEN: must be at least 16 characters (e.g. openssl rand -hex 24)');
  const config: Config = {
    port: int('PORT', 8080, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.CADRE_DATA_DIR || 'data'),
    databaseUrl,
    poolSize: int('CADRE_DB_POOL', 30, 1, 500),
    secureCookies: bool('CADRE_SECURE_COOKIES', false),
    logRequests: bool('CADRE_LOG_REQUESTS', false),
    adminEmail: env.CADRE_ADMIN_EMAIL || 'admin@cadre.local',
    adminPassword: env.CADRE_ADMIN_PASSWORD || null,
    demo: bool('CADRE_DEMO', true),
    loginThrottle: {
      windowSeconds: int('CADRE_LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
      maxFailuresPerAccount: int('CADRE_LOGIN_MAX_FAILURES', 10, 1, 10_000),
      maxFailuresPerAddress: int('CADRE_LOGIN_MAX_FAILURES_PER_ADDRESS', 100, 1, 1_000_000),
    },
    trustedOrigins: origins,
    runJobs: bool('CADRE_RUN_JOBS', true),
    jobStaleSeconds: int('CADRE_JOB_STALE_SECONDS', 30, 1, 86_400),
    bodyTimeoutSeconds: int('CADRE_BODY_TIMEOUT_SECONDS', 30, 1, 3600),
    metricsToken: metricsToken?.trim() ?? null,
  };
  if (problems.length > 0) throw new Error(`bad configuration:\n  ${problems.join('\n  ')}`);
  return config;
}

import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, migrateToLatest, startEmbeddedPostgres, system, type RunningPostgres } from '@cadre/db';
import type { Config } from './config.ts';
import { buildApp } from './http/app.ts';
import { bootstrap, type FirstAdmin } from './bootstrap.ts';
import { emptyDatabaseBanner } from './database-banner.ts';
import { dispenser, type ServiceDeps } from './services/index.ts';
import { listenForChanges } from './services/changes.ts';
import { startJobRunner } from './services/machine/runtime.ts';
import { queueDueLearning } from './services/machine/jobs.service.ts';
import { mediaConfig } from './media/index.ts';
import { sampleBacklogs } from './services/charts/index.ts';

export interface Runtime {
  deps: ServiceDeps;
  app: FastifyInstance;
  url: string;
  databaseUrl: string;
  firstAdmin: FirstAdmin | null;
  stop(): Promise<void>;
}

const REAP_EVERY_MS = 15_000;
/** The backlog charts' samples are ten minutes apart; each process looks every minute whether this ten minutes' is written. */
const SAMPLE_EVERY_MS = 60_000;
const WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Opens the database (embedded unless DATABASE_URL is set), migrates, bootstraps, and serves. */
export async function startCadre(config: Config, listen = true): Promise<Runtime> {
  let embedded: RunningPostgres | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    // Kept alive: if its postgres dies (killed, out of memory), it is started again on the same port
    // and the pool reconnects; requests meanwhile get 503.
    embedded = await startEmbeddedPostgres({ dataDir: join(config.dataDir, 'pg'), keepAlive: true, onRestart: (m) => process.stderr.write(`${m}\n`) });
    databaseUrl = await system.ensureDatabase(embedded.url, 'cadre');
  }
  const { db, pool } = connect({ url: databaseUrl, max: config.poolSize });
  try {
    await migrateToLatest(db);
    await warmPool(pool, config.poolSize);
    const deps: ServiceDeps = { db, pool };
    const firstAdmin = await bootstrap(deps, config);
    if (firstAdmin) process.stderr.write(emptyDatabaseBanner(databaseUrl, embedded ? join(config.dataDir, 'pg') : null));
    const app = await buildApp(deps, {
      logger: config.logRequests, secureCookies: config.secureCookies, webRoot: WEB_ROOT,
      loginLimits: config.loginThrottle, trustedOrigins: config.trustedOrigins, bodyTimeoutSeconds: config.bodyTimeoutSeconds, metrics: { token: config.metricsToken ?? null },
    });
    const url = listen ? await app.listen({ port: config.port, host: config.host }) : '';
    const stopListening = await listenForChanges(databaseUrl);
    // Machine jobs run in the serving process unless CADRE_RUN_JOBS=false (then only in `cadre worker`s).
    const jobs = listen && config.runJobs !== false ? await startJobRunner(deps, { media: mediaConfig(), staleSeconds: config.jobStaleSeconds ?? 30, onBeat: () => queueDueLearning(deps) }) : null;
    const reaper = setInterval(() => void dispenser.reapExpiredLeases(deps).catch(() => undefined), REAP_EVERY_MS);
    reaper.unref();
    const sample = () => void sampleBacklogs(deps).catch(() => undefined);
    const sampler = listen ? setInterval(sample, SAMPLE_EVERY_MS) : null;
    sampler?.unref();
    if (listen) sample();
    return {
      deps, app, url, databaseUrl, firstAdmin,
      async stop() {
        clearInterval(reaper);
        if (sampler) clearInterval(sampler);
        await jobs?.stop();
        await app.close();
        await stopListening();
        await db.destroy();
        await embedded?.stop();
      },
    };
  } catch (e) {
    await db.destroy().catch(() => undefined);
    await embedded?.stop();
    throw e;
  }
}

/**
 * Opens the pool's connections before serving: a shift that signs in at once would otherwise wait
 * for connections to be made (a backend fork and SCRAM authentication each) on its first requests.
 */
async function warmPool(pool: pg.Pool, size: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: size }, () => pool.connect()));
  for (const c of clients) c.release();
}

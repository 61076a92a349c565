// `cadre backup` and `cadre restore`: the database Cadre is configured with (DATABASE_URL, else the
// embedded one under CADRE_DATA_DIR, shared with a server running on it), opened without migrating
// or making a first administrator, then @cadre/db's backup. A restore also puts the machine jobs
// that were queued or running back on the queue: graphile-worker's schema is not in a backup (its
// rows are the old deployment's locks and worker ids), Cadre's `machine_jobs` is.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { backup, connect, machineJobs, startEmbeddedPostgres, system, type RunningPostgres } from '@cadre/db';
import type { Config } from '../config.ts';
import type { ServiceDeps } from './context.ts';
import { enqueueMachineJob, jobQueue } from './machine/runtime.ts';

export interface BackupResult { file: string; migration: string; tables: number; rows: number; bytes: number; seconds: number }
export interface RestoreResult extends BackupResult { migratedOn: string[]; replacedRows: number; requeuedJobs: number }

type OnTable = (t: { table: string; rows: number }) => void;

export async function backupTo(config: Config, file: string, o: { cadreVersion: string; onTable?: OnTable }): Promise<BackupResult> {
  return withDatabase(config, 'backup', async (deps) => {
    const s = await backup.backupToFile(deps.pool, file, o);
    return { file, ...s };
  });
}

export async function restoreFrom(config: Config, file: string, o: { replace?: boolean; onTable?: OnTable }): Promise<RestoreResult> {
  const started = performance.now();
  return withDatabase(config, 'restore', async (deps) => {
    const s = await backup.restoreFromFile(deps.pool, file, o);
    const ids = await machineJobs.unfinishedJobIds(deps.db);
    if (ids.length > 0) {
      try {
        const queue = await jobQueue(deps);
        for (const id of ids) await enqueueMachineJob(deps, id);
        await queue.release();
      } catch (e) {
        throw new Error(`the restore is done (${s.rows} rows), but its ${ids.length} queued or running machine jobs could not be queued again: ${e instanceof Error ? e.message : String(e)} (start them again from their projects)`);
      }
    }
    return {
      file, migration: s.migration, migratedOn: s.migratedOn, tables: s.tables, rows: s.rows, bytes: s.bytes,
      replacedRows: s.replacedRows, requeuedJobs: ids.length, seconds: (performance.now() - started) / 1000,
    };
  });
}

/**
 * The configured database on one connection (a restore's check that nobody else is connected counts
 * any other). A backup of an embedded cluster that was never made is refused rather than made empty.
 */
async function withDatabase<T>(config: Config, purpose: 'backup' | 'restore', fn: (deps: ServiceDeps) => Promise<T>): Promise<T> {
  let embedded: RunningPostgres | null = null;
  let url = config.databaseUrl;
  if (!url) {
    const dataDir = join(config.dataDir, 'pg');
    if (purpose === 'backup' && !existsSync(join(dataDir, 'PG_VERSION'))) {
      throw new Error(`there is no Cadre database in ${dataDir} to back up (set CADRE_DATA_DIR to the folder Cadre runs with, or DATABASE_URL for an external PostgreSQL)`);
    }
    embedded = await startEmbeddedPostgres({ dataDir });
    url = await system.ensureDatabase(embedded.url, 'cadre');
  }
  const { db, pool } = connect({ url, max: 1 });
  try {
    return await fn({ db, pool });
  } finally {
    await db.destroy();
    if (!pool.ending) await pool.end(); // Kysely ends only a pool it has used itself
    await embedded?.stop();
  }
}

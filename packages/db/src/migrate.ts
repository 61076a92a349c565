import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connection.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_task_paging.ts';
import * as m0003 from './migrations/0003_workflow.ts';
import * as m0004 from './migrations/0004_pay.ts';
import * as m0005 from './migrations/0005_login_throttle.ts';
import * as m0006 from './migrations/0006_queues.ts';
import * as m0007 from './migrations/0007_removal.ts';
import * as m0008 from './migrations/0008_lease.ts';
import * as m0009 from './migrations/0009_interop.ts';
import * as m0010 from './migrations/0010_machine.ts';
import * as m0011 from './migrations/0011_machine_job_result.ts';
import * as m0012 from './migrations/0012_annotation_parent_index.ts';
import * as m0013 from './migrations/0013_text_learning.ts';
import * as m0014 from './migrations/0014_audit_log.ts';
import * as m0015 from './migrations/0015_tasks_view.ts';
import * as m0016 from './migrations/0016_alerts.ts';
import * as m0017 from './migrations/0017_backlog_samples.ts';
import * as m0018 from './migrations/0018_cheaper_view_indexes.ts';
import * as m0019 from './migrations/0019_import_media_roots.ts';
import * as m0020 from './migrations/0020_text_embeddings.ts';

// Migrations are listed here, in order; a new one is a new file and one line.
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_task_paging': m0002,
  '0003_workflow': m0003,
  '0004_pay': m0004,
  '0005_login_throttle': m0005,
  '0006_queues': m0006,
  '0007_removal': m0007,
  '0008_lease': m0008,
  '0009_interop': m0009,
  '0010_machine': m0010,
  '0011_machine_job_result': m0011,
  '0012_annotation_parent_index': m0012,
  '0013_text_learning': m0013,
  '0014_audit_log': m0014,
  '0015_tasks_view': m0015,
  '0016_alerts': m0016,
  '0017_backlog_samples': m0017,
  '0018_cheaper_view_indexes': m0018,
  '0019_import_media_roots': m0019,
  '0020_text_embeddings': m0020,
};

export interface MigrateOptions {
  /**
   * How long a migration waits for a table lock before it gives up and tries again (default 5 s).
   * Old processes keep serving while a new one migrates: a migration queued behind a long
   * transaction must not hold every other query of that table up behind its own lock request.
   */
  lockTimeoutMs?: number;
  /** Tries before a migration that keeps timing out on locks fails the start (default 12). */
  attempts?: number;
  /** Migrations besides Cadre's own (tests of migrating under load). */
  extra?: Record<string, Migration>;
}

const LOCK_NOT_AVAILABLE = '55P03';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Each migration runs with a lock timeout, set for its transaction only. */
function withLockTimeout(all: Record<string, Migration>, ms: number): Record<string, Migration> {
  return Object.fromEntries(Object.entries(all).map(([name, m]) => [name, {
    ...m,
    up: async (db) => {
      await sql`SELECT set_config('lock_timeout', ${`${ms}ms`}, true)`.execute(db);
      await m.up(db);
    },
  }]));
}

/**
 * Brings the schema up to date; safe to run from several processes at once (Kysely takes a lock),
 * and while processes of the previous release serve (expand-only migrations, see migration-rules.ts;
 * a lock that is not granted in time is given up and asked for again a little later).
 */
export async function migrateToLatest(db: Db, o: MigrateOptions = {}): Promise<string[]> {
  const all = withLockTimeout({ ...migrations, ...o.extra }, o.lockTimeoutMs ?? 5000);
  const provider: MigrationProvider = { getMigrations: async () => all };
  const attempts = o.attempts ?? 12;
  for (let attempt = 1; ; attempt++) {
    const migrator = new Migrator({ db, provider });
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    const failed = results?.find((r) => r.status === 'Error');
    const lockWait = (error as { code?: string }).code === LOCK_NOT_AVAILABLE;
    if (lockWait && attempt < attempts) { await sleep(Math.min(250 * 2 ** attempt, 5000)); continue; }
    const why = lockWait ? ` (a table lock was not granted within ${o.lockTimeoutMs ?? 5000} ms, ${attempt} times: a long transaction holds it)` : '';
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${error instanceof Error ? error.message : String(error)}${why}`);
  }
}

/** The migrations' source modules by name, for the rules test. */
export const migrationNames = (): string[] => Object.keys(migrations);

/**
 * A migrator over `db` as given that opens no transaction of its own: a restore migrates on its one
 * connection inside the transaction that loads the data, so a failure leaves nothing behind.
 */
export function migratorInTransaction(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, disableTransactions: true });
}

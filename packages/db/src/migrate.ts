import { Migrator, type Migration, type MigrationProvider } from 'kysely';
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
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; safe to run from several processes at once (Kysely takes a lock). */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

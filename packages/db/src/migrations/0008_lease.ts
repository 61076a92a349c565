import { sql, type Kysely } from 'kysely';

// Rework and gold leases look for open tasks reserved for one person. Without an index of their
// own they walk the project's whole open queue (or the table) to find the few reserved ones; this
// partial index holds only reserved open tasks, so it stays small and the lookup is a probe.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX tasks_reserved_idx ON tasks (reserved_for, project_id, stage, priority DESC, id) WHERE status = 'open' AND reserved_for IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX tasks_reserved_idx`.execute(db);
}

import { sql, type Kysely } from 'kysely';

// The backlog over time: every ten minutes, how many tasks each stage of each live project holds
// (open, held or waiting). One row per project, slot and stage; the slot is the start of its ten
// minutes, so several Cadre processes sampling the same slot write it once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE backlog_samples (
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      at timestamptz NOT NULL,
      stage text NOT NULL,
      queued integer NOT NULL,
      PRIMARY KEY (project_id, at, stage)
    );
    CREATE INDEX backlog_samples_at_idx ON backlog_samples (at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE backlog_samples`.execute(db);
}

import { sql, type Kysely } from 'kysely';

// Every claim first looks for an open task the claimer left a draft on (their lease ran out): that
// lookup starts from the person, which the drafts key (task_id, user_id) cannot serve.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX drafts_user_idx ON drafts (user_id, task_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX drafts_user_idx`.execute(db);
}

import { sql, type Kysely } from 'kysely';

// What a machine job found besides its counts: proposals of model classes the project's class map
// does not use, counted per class ({"unmapped": {"kite": 3}}), and the items the model failed on
// ({"failures": [{"itemId", "name", "error"}]}, the first 100). Written in the same transaction as
// each item's prediction, so a job that dies and resumes counts nothing twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE machine_jobs ADD COLUMN result jsonb NOT NULL DEFAULT '{}'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE machine_jobs DROP COLUMN result`.execute(db);
}

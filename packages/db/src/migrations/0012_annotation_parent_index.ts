import { sql, type Kysely } from 'kysely';

// annotations.parent_id (the version an annotation revises) had no index, so deleting an annotation,
// as removing an item does through its cascade, made PostgreSQL's foreign-key check scan the whole
// table for revisions of it: one full scan per deleted annotation. Partial: first versions, the
// most, have no parent and cost nothing here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX annotations_parent_idx ON annotations (parent_id) WHERE parent_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX annotations_parent_idx`.execute(db);
}

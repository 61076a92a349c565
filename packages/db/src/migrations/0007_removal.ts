import { sql, type Kysely } from 'kysely';

// Removal. A deleted project stays as a row marked deleted (its items, work and books are kept and
// unreachable), so the ledger's project, item and task ids keep pointing at rows. A removed item or
// task leaves the live tables (queues, counts and exports need no filter) and its rows, with the
// annotations and reviews that went with them, are kept here as they were; the ledger, which has no
// foreign keys, keeps its entries and finds the removed ids in this table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE projects ADD COLUMN deleted_at timestamptz, ADD COLUMN deleted_by uuid;
    CREATE TABLE removals (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL,
      entity text NOT NULL CHECK (entity IN ('item', 'task')),
      entity_id uuid NOT NULL,
      removed_by uuid,
      removed_at timestamptz NOT NULL DEFAULT now(),
      snapshot jsonb NOT NULL
    );
    CREATE INDEX removals_entity_idx ON removals (entity_id);
    CREATE INDEX removals_project_idx ON removals (project_id, removed_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS removals;
    ALTER TABLE projects DROP COLUMN IF EXISTS deleted_at, DROP COLUMN IF EXISTS deleted_by;
  `.execute(db);
}

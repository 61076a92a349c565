import { sql, type Kysely } from 'kysely';

// The project's task table pages by id within a status: with id in the index, page N of a
// million-task project is an index range scan, not a sort of every matching row. It replaces the
// (project_id, status) index, so imports keep the same number of indexes to maintain.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX tasks_project_status_id_idx ON tasks (project_id, status, id);
    DROP INDEX tasks_project_idx;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX tasks_project_idx ON tasks (project_id, status);
    DROP INDEX tasks_project_status_id_idx;
  `.execute(db);
}

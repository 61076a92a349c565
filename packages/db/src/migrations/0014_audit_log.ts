import { sql, type Kysely } from 'kysely';

// The audit log: privileged actions (people and roles, rate cards and pay, exports, deletions,
// models, imports), who did them, when, on what. Append-only; the project id is kept without a
// foreign key so a deleted project's trail stays.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid REFERENCES users ON DELETE SET NULL,
      actor_email text,
      action text NOT NULL,
      project_id uuid,
      method text NOT NULL,
      path text NOT NULL,
      status integer NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}'::jsonb,
      request_id text
    );
    CREATE INDEX audit_log_project_idx ON audit_log (project_id, id DESC);
    CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE audit_log`.execute(db);
}

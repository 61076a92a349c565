import { sql, type Kysely } from 'kysely';

// The alert log: a red line crossed (raised) and back under (cleared), one row per crossing; at most
// one open row per project, kind and subject (the partial unique index), so two processes evaluating
// at once raise one alert. alert_checks is each project's last evaluation, the debounce all
// processes share.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE alerts (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      kind text NOT NULL,
      subject_kind text NOT NULL,
      subject_id text NOT NULL,
      subject_name text NOT NULL DEFAULT '',
      level double precision,
      value double precision,
      message text NOT NULL,
      raised_at timestamptz NOT NULL DEFAULT now(),
      cleared_at timestamptz,
      cleared_value double precision,
      raised_delivery text,
      cleared_delivery text
    );
    CREATE UNIQUE INDEX alerts_open_idx ON alerts (project_id, kind, subject_id) WHERE cleared_at IS NULL;
    CREATE INDEX alerts_project_idx ON alerts (project_id, raised_at DESC);
    CREATE TABLE alert_checks (
      project_id uuid PRIMARY KEY REFERENCES projects ON DELETE CASCADE,
      checked_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE alert_checks; DROP TABLE alerts`.execute(db);
}

import { sql, type Kysely } from 'kysely';

// Failed sign-ins counted per key (`account:<email>` or `address:<ip>`) in fixed windows. It lives in
// the database, not in a process, so several Cadre processes on one database share the count.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE login_failures (
      key text PRIMARY KEY,
      failures integer NOT NULL,
      window_started_at timestamptz NOT NULL
    );
    CREATE INDEX login_failures_window_idx ON login_failures (window_started_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE login_failures`.execute(db);
}

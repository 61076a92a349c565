import { sql, type Kysely } from 'kysely';

// Text projects that learn from their accepted labels. learning_rounds: one row a training round
// (the labels it learned from, its accuracy on the random share held out, the auto-accept threshold
// it chose and what it did). learning_picks: the items the random share put first in the queue,
// with what the model of that round predicted (so, once people label them, the learning curve is
// measured on items no model trained on). learning_auto: items the model accepted on its own, and
// whether they went to QA.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE learning_rounds (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      job_id uuid REFERENCES machine_jobs ON DELETE SET NULL,
      round integer NOT NULL,
      labels integer NOT NULL,
      accepted integer NOT NULL,
      validation integer NOT NULL,
      validation_right integer NOT NULL,
      threshold double precision,
      floor double precision,
      auto_accepted integer NOT NULL,
      qa_sampled integer NOT NULL,
      proposals integer NOT NULL,
      train_ms integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (project_id, round)
    );
    CREATE TABLE learning_picks (
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      item_id uuid NOT NULL REFERENCES items ON DELETE CASCADE,
      round integer NOT NULL,
      labels integer NOT NULL,
      predicted text NOT NULL,
      score double precision NOT NULL,
      picked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (project_id, item_id)
    );
    CREATE TABLE learning_auto (
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      item_id uuid NOT NULL REFERENCES items ON DELETE CASCADE,
      round integer NOT NULL,
      label text NOT NULL,
      score double precision NOT NULL,
      qa boolean NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (project_id, item_id)
    );
    ALTER TABLE machine_jobs DROP CONSTRAINT machine_jobs_kind_check;
    ALTER TABLE machine_jobs ADD CONSTRAINT machine_jobs_kind_check CHECK (kind IN ('prelabel', 'evaluate', 'train', 'learn'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE learning_auto; DROP TABLE learning_picks; DROP TABLE learning_rounds;
    DELETE FROM machine_jobs WHERE kind = 'learn';
    ALTER TABLE machine_jobs DROP CONSTRAINT machine_jobs_kind_check;
    ALTER TABLE machine_jobs ADD CONSTRAINT machine_jobs_kind_check CHECK (kind IN ('prelabel', 'evaluate', 'train'));
  `.execute(db);
}

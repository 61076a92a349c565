import { sql, type Kysely } from 'kysely';

// The production workflow: a task carries its item through the project's stages (annotate, check,
// review, qa); reviews keep every verdict with its reasons; work_attempts keep every person's
// effort (pay reads them); QA batches group accepted work for sampling; gold items carry known
// answers; consensus keeps the agreement of items labelled by several people.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE tasks DROP CONSTRAINT tasks_status_check;
    ALTER TABLE tasks ADD CONSTRAINT tasks_status_check CHECK (status IN ('open', 'leased', 'done', 'waiting'));
    ALTER TABLE tasks
      ADD COLUMN reserved_for uuid,   -- rework: only this person may take the open task
      ADD COLUMN annotator_id uuid,   -- whose work the task carries through review and QA
      ADD COLUMN rejections integer NOT NULL DEFAULT 0,
      ADD COLUMN replica smallint NOT NULL DEFAULT 0,   -- consensus: which of the item's k copies
      ADD COLUMN batch_id uuid;
    CREATE INDEX tasks_batch_idx ON tasks (batch_id) WHERE batch_id IS NOT NULL;
    -- The machine stage's worker looks across projects; a small index keeps that look cheap.
    CREATE INDEX tasks_machine_idx ON tasks (priority DESC, id) WHERE status = 'open' AND stage = 'check';

    -- Projects made before the workflow keep their meaning: a submit is final.
    UPDATE projects SET settings = settings || '{"stages": ["annotate"]}' WHERE NOT settings ? 'stages';

    CREATE TABLE reviews (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      task_id uuid NOT NULL REFERENCES tasks ON DELETE CASCADE,
      item_id uuid NOT NULL,
      annotation_id uuid REFERENCES annotations,
      stage text NOT NULL,
      reviewer_id uuid REFERENCES users,
      reviewer_kind text NOT NULL CHECK (reviewer_kind IN ('human', 'machine')),
      verdict text NOT NULL CHECK (verdict IN ('accept', 'reject')),
      fixed_annotation_id uuid REFERENCES annotations,
      reasons jsonb NOT NULL DEFAULT '[]',
      decision_id uuid UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX reviews_task_idx ON reviews (task_id, created_at DESC);
    CREATE INDEX reviews_project_idx ON reviews (project_id, created_at);

    CREATE TABLE work_attempts (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      task_id uuid NOT NULL REFERENCES tasks ON DELETE CASCADE,
      item_id uuid NOT NULL,
      user_id uuid NOT NULL REFERENCES users,
      stage text NOT NULL,
      annotation_id uuid REFERENCES annotations,
      objects integer NOT NULL DEFAULT 0,
      outcome text NOT NULL CHECK (outcome IN ('pending', 'accepted', 'rejected', 'returned', 'reassigned', 'done')),
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz
    );
    CREATE INDEX work_attempts_task_idx ON work_attempts (task_id);
    CREATE INDEX work_attempts_user_idx ON work_attempts (project_id, user_id, created_at);

    CREATE TABLE qa_batches (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      annotator_id uuid NOT NULL REFERENCES users,
      key text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'sampling', 'accepted', 'rejected')),
      size integer NOT NULL DEFAULT 0,
      sampled integer NOT NULL DEFAULT 0,
      inspected integer NOT NULL DEFAULT 0,
      correct integer NOT NULL DEFAULT 0,
      accuracy double precision,
      created_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      decided_at timestamptz,
      UNIQUE (project_id, annotator_id, key)
    );
    CREATE INDEX qa_batches_project_idx ON qa_batches (project_id, status);

    CREATE TABLE gold_items (
      item_id uuid PRIMARY KEY REFERENCES items ON DELETE CASCADE,
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      payload jsonb NOT NULL,
      created_by uuid REFERENCES users,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX gold_items_project_idx ON gold_items (project_id);
    CREATE TABLE gold_results (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      item_id uuid NOT NULL REFERENCES items ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users,
      task_id uuid REFERENCES tasks ON DELETE SET NULL,
      submission_id uuid UNIQUE,
      payload jsonb NOT NULL,
      score double precision NOT NULL,
      details jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (item_id, user_id)
    );
    CREATE INDEX gold_results_user_idx ON gold_results (project_id, user_id, created_at);
    CREATE TABLE qualifications (
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users ON DELETE CASCADE,
      status text NOT NULL CHECK (status IN ('qualified', 'failed')),
      accuracy double precision NOT NULL,
      decided_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (project_id, user_id)
    );

    CREATE TABLE consensus (
      item_id uuid PRIMARY KEY REFERENCES items ON DELETE CASCADE,
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      method text NOT NULL,
      agreement double precision,
      merged_annotation_id uuid REFERENCES annotations,
      sources jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX consensus_project_idx ON consensus (project_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS consensus, qualifications, gold_results, gold_items, qa_batches, work_attempts, reviews;
    DROP INDEX IF EXISTS tasks_machine_idx, tasks_batch_idx;
    ALTER TABLE tasks DROP COLUMN reserved_for, DROP COLUMN annotator_id, DROP COLUMN rejections, DROP COLUMN replica, DROP COLUMN batch_id;
    ALTER TABLE tasks DROP CONSTRAINT tasks_status_check;
    ALTER TABLE tasks ADD CONSTRAINT tasks_status_check CHECK (status IN ('open', 'leased', 'done'));
  `.execute(db);
}

import { sql, type Kysely } from 'kysely';

// Machines as workers of the line. A model is a worker: it has a user row (`users.machine`: it
// cannot sign in) so it leases tasks of a project's `prelabel` stage through the same lease as
// people, and its predictions name the model version that made them (one set per item and model
// version: a retried job cannot store a second). A machine job is what an administrator starts
// (pre-label a project, evaluate a model) with its progress; the queue that runs it is
// graphile-worker's, in its own schema. Each proposal's fate (accepted untouched, edited, deleted,
// or an object the model missed and a person drew) is recorded when the item is accepted, per
// model version, for the model report.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE users ADD COLUMN machine boolean NOT NULL DEFAULT false;

    CREATE TABLE models (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      version text NOT NULL,
      spec jsonb NOT NULL,
      classes jsonb NOT NULL DEFAULT '[]',
      worker_id uuid NOT NULL REFERENCES users,
      -- What a machine hour costs, in the currency's minor units (the administrator's rate).
      hour_rate_minor integer NOT NULL DEFAULT 0 CHECK (hour_rate_minor >= 0),
      created_by uuid REFERENCES users,
      created_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      UNIQUE (name, version)
    );

    -- Which models a project uses, and how their classes map onto its ontology
    -- ({"car": "Car", "truck": null}: null means "not used", listed in reports, never silently dropped).
    CREATE TABLE project_models (
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      model_id uuid NOT NULL REFERENCES models ON DELETE CASCADE,
      class_map jsonb NOT NULL DEFAULT '{}',
      min_score double precision,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (project_id, model_id)
    );

    CREATE TABLE machine_jobs (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      model_id uuid REFERENCES models ON DELETE SET NULL,
      kind text NOT NULL CHECK (kind IN ('prelabel', 'evaluate', 'train')),
      state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
      options jsonb NOT NULL DEFAULT '{}',
      total integer NOT NULL DEFAULT 0,
      done integer NOT NULL DEFAULT 0,
      failed integer NOT NULL DEFAULT 0,
      error text,
      attempts integer NOT NULL DEFAULT 0,
      cancel_requested boolean NOT NULL DEFAULT false,
      created_by uuid REFERENCES users,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE INDEX machine_jobs_project_idx ON machine_jobs (project_id, created_at DESC);

    ALTER TABLE predictions
      ADD COLUMN model_id uuid REFERENCES models ON DELETE SET NULL,
      ADD COLUMN job_id uuid REFERENCES machine_jobs ON DELETE SET NULL,
      ADD COLUMN machine_ms integer,
      ADD COLUMN cost_minor integer;
    CREATE UNIQUE INDEX predictions_item_model_key ON predictions (item_id, model_id) WHERE model_id IS NOT NULL;

    CREATE TABLE proposal_outcomes (
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      item_id uuid NOT NULL REFERENCES items ON DELETE CASCADE,
      annotation_id uuid NOT NULL REFERENCES annotations ON DELETE CASCADE,
      model_id uuid REFERENCES models ON DELETE CASCADE,
      model_version text,
      prediction_id uuid,
      object_id text NOT NULL,
      class text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('accepted', 'edited', 'deleted', 'drawn')),
      score double precision,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (annotation_id, object_id)
    );
    CREATE INDEX proposal_outcomes_model_idx ON proposal_outcomes (model_id, project_id);
    CREATE INDEX proposal_outcomes_project_idx ON proposal_outcomes (project_id, model_version);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE proposal_outcomes;
    DROP INDEX predictions_item_model_key;
    ALTER TABLE predictions DROP COLUMN model_id, DROP COLUMN job_id, DROP COLUMN machine_ms, DROP COLUMN cost_minor;
    DROP TABLE machine_jobs;
    DROP TABLE project_models;
    DROP TABLE models;
    ALTER TABLE users DROP COLUMN machine;
  `.execute(db);
}

import { sql, type Kysely } from 'kysely';

// Schema of the foundation. Ids are UUIDv7 made by Cadre, so bulk imports can COPY rows with
// their ids known up front and ids sort by creation time.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY,
      email text NOT NULL,
      name text NOT NULL,
      password_hash text NOT NULL,
      is_admin boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      disabled_at timestamptz
    );
    CREATE UNIQUE INDEX users_email_key ON users (lower(email));

    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users ON DELETE CASCADE,
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    CREATE TABLE teams (
      id uuid PRIMARY KEY,
      name text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE team_members (
      team_id uuid NOT NULL REFERENCES teams ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users ON DELETE CASCADE,
      role text NOT NULL DEFAULT 'member' CHECK (role IN ('lead', 'member')),
      PRIMARY KEY (team_id, user_id)
    );

    CREATE TABLE projects (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      ontology jsonb NOT NULL,
      settings jsonb NOT NULL DEFAULT '{}',
      created_by uuid REFERENCES users,
      created_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz
    );
    CREATE TABLE project_members (
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('manager', 'reviewer', 'annotator', 'client')),
      PRIMARY KEY (project_id, user_id)
    );
    CREATE INDEX project_members_user_idx ON project_members (user_id);
    CREATE TABLE project_teams (
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      team_id uuid NOT NULL REFERENCES teams ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('manager', 'reviewer', 'annotator', 'client')),
      PRIMARY KEY (project_id, team_id)
    );

    CREATE TABLE imports (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      file text NOT NULL,
      format text NOT NULL,
      status text NOT NULL CHECK (status IN ('running', 'committed', 'failed')),
      rows_imported integer NOT NULL DEFAULT 0,
      rows_skipped integer NOT NULL DEFAULT 0,
      report jsonb NOT NULL DEFAULT '[]',
      created_by uuid REFERENCES users,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );

    CREATE TABLE items (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('image', 'pointcloud', 'text')),
      asset text,
      content text,
      frames jsonb,
      metadata jsonb NOT NULL DEFAULT '{}',
      import_id uuid, -- which import brought it (no foreign key: it is history, and checks cost imports)
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX items_project_idx ON items (project_id, id);

    -- tasks and predictions reach their project through their item (deleting a project cascades
    -- through items); a second foreign key to projects would only cost every bulk import a check per row.
    CREATE TABLE tasks (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL,
      item_id uuid NOT NULL REFERENCES items ON DELETE CASCADE,
      stage text NOT NULL DEFAULT 'annotate',
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'leased', 'done')),
      priority integer NOT NULL DEFAULT 0,
      assignee_id uuid REFERENCES users,
      lease_expires_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'leased') = (lease_expires_at IS NOT NULL))
    );
    -- The dispenser's queue: open tasks in priority order, then by age (ids are time-ordered).
    CREATE INDEX tasks_queue_idx ON tasks (project_id, stage, priority DESC, id) WHERE status = 'open';
    CREATE INDEX tasks_leases_idx ON tasks (assignee_id, project_id) WHERE status = 'leased';
    CREATE INDEX tasks_lease_expiry_idx ON tasks (lease_expires_at) WHERE status = 'leased';
    CREATE INDEX tasks_item_idx ON tasks (item_id);
    CREATE INDEX tasks_project_idx ON tasks (project_id, status);

    CREATE TABLE task_skips (
      task_id uuid NOT NULL REFERENCES tasks ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users ON DELETE CASCADE,
      reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (task_id, user_id)
    );

    CREATE TABLE annotations (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
      item_id uuid NOT NULL REFERENCES items ON DELETE CASCADE,
      task_id uuid REFERENCES tasks ON DELETE SET NULL,
      version integer NOT NULL,
      parent_id uuid REFERENCES annotations,
      author_id uuid REFERENCES users,
      author_kind text NOT NULL CHECK (author_kind IN ('human', 'machine')),
      submission_id uuid UNIQUE,
      state text NOT NULL CHECK (state IN ('submitted', 'accepted', 'rejected')),
      schema_version integer NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (item_id, version)
    );
    CREATE INDEX annotations_project_idx ON annotations (project_id, item_id, version DESC);

    CREATE TABLE drafts (
      task_id uuid NOT NULL REFERENCES tasks ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users ON DELETE CASCADE,
      schema_version integer NOT NULL,
      payload jsonb NOT NULL,
      saved_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (task_id, user_id)
    );

    CREATE TABLE predictions (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL,
      item_id uuid NOT NULL REFERENCES items ON DELETE CASCADE,
      model_version text,
      score double precision,
      schema_version integer NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX predictions_item_idx ON predictions (item_id);

    -- Append-only log of every state change.
    CREATE TABLE events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'system', 'machine')),
      project_id uuid,
      entity text NOT NULL,
      entity_id text NOT NULL,
      action text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX events_entity_idx ON events (entity, entity_id);
    CREATE INDEX events_project_idx ON events (project_id, id);
    CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'events are append-only'; END $$;
    CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_append_only();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS events, predictions, drafts, annotations, task_skips, tasks, items, imports,
      project_teams, project_members, projects, team_members, teams, api_tokens, sessions, users CASCADE;
    DROP FUNCTION IF EXISTS events_append_only();
  `.execute(db);
}

// What a text project's learning rounds read and write: its texts with the labels people accepted,
// the open queue the model orders, the random picks that measure it, the rounds, and the items the
// model accepted on its own with what QA made of them.
import { sql } from 'kysely';
import type { Db } from '../connection.ts';
import type { TaskRow } from '../schema.ts';

export interface LabelledText { item_id: string; content: string; payload: unknown | null; author_kind: 'human' | 'machine' | null }

/** Every text item of the project, with its latest accepted annotation when it has one. */
export async function texts(db: Db, projectId: string): Promise<LabelledText[]> {
  const { rows } = await sql<LabelledText>`
    SELECT i.id AS item_id, coalesce(i.content, '') AS content, a.payload, a.author_kind
    FROM items i
    LEFT JOIN LATERAL (
      SELECT payload, author_kind FROM annotations
      WHERE item_id = i.id AND state = 'accepted' ORDER BY version DESC LIMIT 1
    ) a ON true
    WHERE i.project_id = ${projectId} AND i.kind = 'text'
    ORDER BY i.id`.execute(db);
  return rows;
}

export interface OpenTask { task_id: string; item_id: string }

/**
 * Open tasks at annotate that nobody holds or has worked on (no annotation of the item yet), and that
 * are not urgent (rework keeps its priority of 1000 and more): the queue the model may order.
 */
export async function openQueue(db: Db, projectId: string): Promise<OpenTask[]> {
  const { rows } = await sql<OpenTask>`
    SELECT t.id AS task_id, t.item_id FROM tasks t
    WHERE t.project_id = ${projectId} AND t.stage = 'annotate' AND t.status = 'open' AND t.priority < 1000
      AND (t.lease_expires_at IS NULL OR t.lease_expires_at < now()) AND t.attempts = 0
      AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.item_id = t.item_id)
    ORDER BY t.id`.execute(db);
  return rows;
}

/** Sets the queue's order: priorities 0..999, highest first. */
export async function setPriorities(db: Db, order: ReadonlyArray<{ taskId: string; priority: number }>): Promise<void> {
  for (let i = 0; i < order.length; i += 5000) {
    const part = order.slice(i, i + 5000);
    await sql`
      UPDATE tasks t SET priority = v.priority, updated_at = now()
      FROM unnest(${part.map((o) => o.taskId)}::uuid[], ${part.map((o) => o.priority)}::int[]) AS v(id, priority)
      WHERE t.id = v.id AND t.priority < 1000`.execute(db);
  }
}

export interface Pick { item_id: string; round: number; labels: number; predicted: string; score: number }

export async function picks(db: Db, projectId: string): Promise<Pick[]> {
  const { rows } = await sql<Pick>`SELECT item_id, round, labels, predicted, score FROM learning_picks WHERE project_id = ${projectId}`.execute(db);
  return rows;
}

export async function addPicks(db: Db, projectId: string, list: ReadonlyArray<Omit<Pick, 'round'> & { round: number }>): Promise<void> {
  for (let i = 0; i < list.length; i += 5000) {
    const part = list.slice(i, i + 5000);
    await sql`
      INSERT INTO learning_picks (project_id, item_id, round, labels, predicted, score)
      SELECT ${projectId}, * FROM unnest(${part.map((p) => p.item_id)}::uuid[], ${part.map((p) => p.round)}::int[], ${part.map((p) => p.labels)}::int[], ${part.map((p) => p.predicted)}::text[], ${part.map((p) => p.score)}::float8[])
      ON CONFLICT DO NOTHING`.execute(db);
  }
}

export interface RoundRow {
  /** labels: what it trained on; accepted: every label people had accepted then (training and random share). */
  id: string; project_id: string; job_id: string | null; round: number; labels: number; accepted: number; validation: number; validation_right: number;
  threshold: number | null; floor: number | null; auto_accepted: number; qa_sampled: number; proposals: number; train_ms: number; created_at: Date;
}

export async function rounds(db: Db, projectId: string): Promise<RoundRow[]> {
  const { rows } = await sql<RoundRow>`SELECT * FROM learning_rounds WHERE project_id = ${projectId} ORDER BY round`.execute(db);
  return rows;
}

export async function insertRound(db: Db, r: Omit<RoundRow, 'created_at'>): Promise<void> {
  await sql`
    INSERT INTO learning_rounds (id, project_id, job_id, round, labels, accepted, validation, validation_right, threshold, floor, auto_accepted, qa_sampled, proposals, train_ms)
    VALUES (${r.id}, ${r.project_id}, ${r.job_id}, ${r.round}, ${r.labels}, ${r.accepted}, ${r.validation}, ${r.validation_right}, ${r.threshold}, ${r.floor}, ${r.auto_accepted}, ${r.qa_sampled}, ${r.proposals}, ${r.train_ms})
    ON CONFLICT (project_id, round) DO NOTHING`.execute(db);
}

export async function addAuto(db: Db, projectId: string, a: { itemId: string; round: number; label: string; score: number; qa: boolean }): Promise<void> {
  await sql`INSERT INTO learning_auto (project_id, item_id, round, label, score, qa) VALUES (${projectId}, ${a.itemId}, ${a.round}, ${a.label}, ${a.score}, ${a.qa}) ON CONFLICT DO NOTHING`.execute(db);
}

export interface AutoOutcome { item_id: string; label: string; qa: boolean; stage: string | null; accepted_payload: unknown | null; accepted_kind: 'human' | 'machine' | null }

/** The items the model accepted, with where their task is and the label finally accepted (QA may have changed it). */
export async function autoOutcomes(db: Db, projectId: string): Promise<AutoOutcome[]> {
  const { rows } = await sql<AutoOutcome>`
    SELECT la.item_id, la.label, la.qa, t.stage, a.payload AS accepted_payload, a.author_kind AS accepted_kind
    FROM learning_auto la
    LEFT JOIN LATERAL (SELECT stage FROM tasks WHERE item_id = la.item_id ORDER BY replica LIMIT 1) t ON true
    LEFT JOIN LATERAL (
      SELECT payload, author_kind FROM annotations WHERE item_id = la.item_id AND state = 'accepted' ORDER BY version DESC LIMIT 1
    ) a ON true
    WHERE la.project_id = ${projectId}`.execute(db);
  return rows;
}

/** Whether a learn job of the project is queued or running. */
export async function learnJobPending(db: Db, projectId: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM machine_jobs WHERE project_id = ${projectId} AND kind = 'learn' AND state IN ('queued', 'running')`.execute(db);
  return (rows[0]?.n ?? 0) > 0;
}

/** Labels people accepted in the project (latest accepted annotations by people). */
export async function humanAccepted(db: Db, projectId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(DISTINCT item_id)::int AS n FROM annotations WHERE project_id = ${projectId} AND state = 'accepted' AND author_kind = 'human'`.execute(db);
  return rows[0]?.n ?? 0;
}

/**
 * Projects with learning on and no learn job waiting: those with no round yet (the first one shuffles
 * the queue, so the first labels are a random sample), and those whose people accepted
 * `learningRetrainAfter` labels since the last round.
 */
export async function projectsDue(db: Db): Promise<Array<{ project_id: string }>> {
  const { rows } = await sql<{ project_id: string }>`
    SELECT p.id AS project_id FROM projects p
    WHERE p.archived_at IS NULL AND coalesce(p.settings->>'activeLearning', 'off') <> 'off'
      AND NOT EXISTS (SELECT 1 FROM machine_jobs j WHERE j.project_id = p.id AND j.kind = 'learn' AND j.state IN ('queued', 'running'))
      AND (
        NOT EXISTS (SELECT 1 FROM learning_rounds r WHERE r.project_id = p.id)
        OR (SELECT count(DISTINCT a.item_id) FROM annotations a WHERE a.project_id = p.id AND a.state = 'accepted' AND a.author_kind = 'human')
          >= (SELECT max(r.accepted) FROM learning_rounds r WHERE r.project_id = p.id) + coalesce((p.settings->>'learningRetrainAfter')::int, 50)
      )`.execute(db);
  return rows;
}

export interface LearnedPrediction { id: string; itemId: string; score: number | null; objects: unknown[] }

/**
 * The learner's proposal for each item, replacing its earlier round's (one prediction an item and
 * model); returns the prediction ids by item, the stored ones where a row was there already.
 */
export async function upsertPredictions(db: Db, o: { projectId: string; modelId: string; jobId: string; modelVersion: string; list: readonly LearnedPrediction[] }): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < o.list.length; i += 2000) {
    const part = o.list.slice(i, i + 2000);
    const payloads = part.map((p) => JSON.stringify({ schemaVersion: 1, format: 'cadre', objects: p.objects }));
    const { rows } = await sql<{ id: string; item_id: string }>`
      INSERT INTO predictions (id, project_id, item_id, model_version, score, schema_version, payload, created_at, model_id, job_id, machine_ms, cost_minor)
      SELECT v.id, ${o.projectId}, v.item_id, ${o.modelVersion}, v.score, 1, v.payload, now(), ${o.modelId}, ${o.jobId}, 0, 0
      FROM unnest(${part.map((p) => p.id)}::uuid[], ${part.map((p) => p.itemId)}::uuid[], ${part.map((p) => p.score)}::float8[], ${payloads}::jsonb[]) AS v(id, item_id, score, payload)
      ON CONFLICT (item_id, model_id) WHERE model_id IS NOT NULL
      DO UPDATE SET payload = excluded.payload, score = excluded.score, job_id = excluded.job_id, model_version = excluded.model_version, created_at = now()
      RETURNING id, item_id`.execute(db);
    for (const r of rows) ids.set(r.item_id, r.id);
  }
  return ids;
}

/** The task, locked, when it is still open and not held (SKIP LOCKED: one a person is taking now is left alone). */
export async function lockFreeTask(db: Db, taskId: string): Promise<TaskRow | undefined> {
  const { rows } = await sql<TaskRow>`
    SELECT * FROM tasks WHERE id = ${taskId} AND status = 'open' AND (lease_expires_at IS NULL OR lease_expires_at < now())
    FOR UPDATE SKIP LOCKED`.execute(db);
  return rows[0];
}

/** The project's stored sentence embeddings made by this encoder version, by item. */
export async function embeddings(db: Db, projectId: string, encoder: string): Promise<Map<string, Float32Array>> {
  const { rows } = await sql<{ item_id: string; vector: Buffer }>`
    SELECT e.item_id, e.vector FROM text_embeddings e JOIN items i ON i.id = e.item_id
    WHERE i.project_id = ${projectId} AND e.encoder = ${encoder}`.execute(db);
  // A copy: a bytea's bytes need not sit on a 4-byte boundary of their buffer.
  return new Map(rows.map((r) => [r.item_id, new Float32Array(r.vector.buffer.slice(r.vector.byteOffset, r.vector.byteOffset + r.vector.byteLength))]));
}

/** Stores the items' embeddings (float32, little-endian), replacing any of another encoder version. */
export async function saveEmbeddings(db: Db, encoder: string, list: ReadonlyArray<{ itemId: string; vector: Float32Array }>): Promise<void> {
  for (let at = 0; at < list.length; at += 1000) {
    const part = list.slice(at, at + 1000);
    await sql`
      INSERT INTO text_embeddings (item_id, encoder, vector)
      SELECT * FROM unnest(${part.map((p) => p.itemId)}::uuid[], ${part.map(() => encoder)}::text[], ${part.map((p) => Buffer.from(p.vector.buffer, p.vector.byteOffset, p.vector.byteLength))}::bytea[])
      ON CONFLICT (item_id) DO UPDATE SET encoder = excluded.encoder, vector = excluded.vector`.execute(db);
  }
}

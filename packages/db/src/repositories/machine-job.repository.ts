// Machine jobs (what an administrator or manager started, with its progress) and what a running job
// reads and writes per item: the tasks it works, its predictions (one set per item and model).
// The queue that runs jobs is graphile-worker's, in its own schema; the one query here that reads
// it finds which worker holds a job, for recovering a dead worker's jobs.
import { sql } from 'kysely';
import type { Db } from '../connection.ts';
import { latestOfItems } from './annotation.repository.ts';
import type { MachineJobKind, MachineJobResult, MachineJobRow, MachineJobState, TaskRow } from '../schema.ts';

export interface NewJob { id: string; projectId: string; modelId: string; kind: MachineJobKind; options: Record<string, unknown>; createdBy: string | null }

export async function insertJob(db: Db, j: NewJob): Promise<MachineJobRow> {
  return db.insertInto('machine_jobs').values({
    id: j.id, project_id: j.projectId, model_id: j.modelId, kind: j.kind, options: sql`${JSON.stringify(j.options)}::jsonb`, created_by: j.createdBy,
  }).returningAll().executeTakeFirstOrThrow();
}

export async function findJob(db: Db, id: string): Promise<MachineJobRow | undefined> {
  return db.selectFrom('machine_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listJobs(db: Db, projectId: string, limit = 100): Promise<MachineJobRow[]> {
  return db.selectFrom('machine_jobs').selectAll().where('project_id', '=', projectId).orderBy('created_at', 'desc').limit(limit).execute();
}

/** Every job still queued or running, oldest first (a restored database's queue is rebuilt from them). */
export async function unfinishedJobIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('machine_jobs').select('id').where('state', 'in', ['queued', 'running']).orderBy('created_at').execute()).map((r) => r.id);
}

/** A job of this kind, project and model that has not ended. */
/** A project-wide job of the model and kind still queued or running (one-item jobs run beside them). */
export async function unfinishedJob(db: Db, projectId: string, modelId: string, kind: MachineJobKind): Promise<MachineJobRow | undefined> {
  return db.selectFrom('machine_jobs').selectAll()
    .where('project_id', '=', projectId).where('model_id', '=', modelId).where('kind', '=', kind)
    .where('state', 'in', ['queued', 'running']).where(sql<boolean>`coalesce(options->>'scope', '') <> 'item'`).limit(1).executeTakeFirst();
}

/** The model's one-item job for this item still queued or running. */
export async function unfinishedItemJob(db: Db, itemId: string, modelId: string): Promise<MachineJobRow | undefined> {
  return db.selectFrom('machine_jobs').selectAll()
    .where('model_id', '=', modelId).where('state', 'in', ['queued', 'running'])
    .where(sql<boolean>`options->>'scope' = 'item' AND options->>'itemId' = ${itemId}`).limit(1).executeTakeFirst();
}

/** An attempt begins: running, its total known; `restart`: counted from none again (an evaluation starts over). */
export async function startAttempt(db: Db, id: string, total: number, restart = false): Promise<MachineJobRow> {
  return db.updateTable('machine_jobs').set({
    state: 'running', total, ...(restart ? { done: 0, failed: 0, result: sql`'{}'::jsonb` } : {}), attempts: sql`attempts + 1`, started_at: sql`coalesce(started_at, now())`, updated_at: sql`now()`,
  }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** The running jobs' heartbeat: a job whose `updated_at` stops moving has lost its worker. */
export async function touchJobs(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('machine_jobs').set({ updated_at: sql`now()` }).where('id', 'in', ids).where('state', '=', 'running').execute();
}

/**
 * One item finished: counted done or failed, its unmapped classes added to the job's counts and its
 * failure listed (the first 100). Runs in the transaction that stores the item's prediction.
 */
export async function recordItem(db: Db, id: string, r: { failed: boolean; unmapped: Record<string, number>; failure?: { itemId: string; name: string; error: string }; cursor?: string }): Promise<void> {
  const failure = r.failure ? JSON.stringify([r.failure]) : '[]';
  const cursor = JSON.stringify(r.cursor === undefined ? {} : { cursor: r.cursor });
  await sql`
    UPDATE machine_jobs SET
      done = done + ${r.failed ? 0 : 1}, failed = failed + ${r.failed ? 1 : 0}, updated_at = now(),
      result = coalesce(result, '{}'::jsonb) || ${cursor}::jsonb || jsonb_build_object(
        'unmapped', (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM (
          SELECT k, sum(n)::int AS n FROM (
            SELECT key AS k, value::int AS n FROM jsonb_each_text(coalesce(result->'unmapped', '{}'::jsonb))
            UNION ALL SELECT key, value::int FROM jsonb_each_text(${JSON.stringify(r.unmapped)}::jsonb)
          ) a GROUP BY k) b),
        'failures', CASE WHEN jsonb_array_length(coalesce(result->'failures', '[]'::jsonb)) >= 100 THEN coalesce(result->'failures', '[]'::jsonb)
                         ELSE coalesce(result->'failures', '[]'::jsonb) || ${failure}::jsonb END)
    WHERE id = ${id}`.execute(db);
}

export async function finishJob(db: Db, id: string, state: Extract<MachineJobState, 'done' | 'failed' | 'cancelled'>, error: string | null = null): Promise<MachineJobRow | undefined> {
  return db.updateTable('machine_jobs').set({ state, error, finished_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', id).returningAll().executeTakeFirst();
}

/** An attempt failed and the queue will try again later: back to queued, the error kept. */
export async function requeueJob(db: Db, id: string, error: string): Promise<void> {
  await db.updateTable('machine_jobs').set({ state: 'queued', error, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** Asks the job to stop; a job no worker has started yet ends at once. */
export async function requestCancel(db: Db, id: string): Promise<MachineJobRow | undefined> {
  return db.updateTable('machine_jobs').set({
    cancel_requested: true, updated_at: sql`now()`,
    state: sql`CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END`,
    finished_at: sql`CASE WHEN state = 'queued' THEN now() ELSE finished_at END`,
  }).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function cancelRequested(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('machine_jobs').select('cancel_requested').where('id', '=', id).executeTakeFirst();
  return row?.cancel_requested ?? true;
}

/**
 * The queue's workers holding running jobs whose heartbeat stopped `staleSeconds` ago (their process
 * died), leaving out `own` (this process's workers). `queueSchema` is graphile-worker's schema.
 */
export async function workersOfStaleJobs(db: Db, queueSchema: string, staleSeconds: number, own: string[]): Promise<string[]> {
  const { rows } = await sql<{ locked_by: string }>`
    SELECT DISTINCT j.locked_by FROM machine_jobs m
    JOIN ${sql.id(queueSchema, '_private_jobs')} j ON j.key = m.id::text
    WHERE m.state = 'running' AND m.updated_at < now() - make_interval(secs => ${staleSeconds}::float8)
      AND j.locked_by IS NOT NULL AND NOT (j.locked_by = ANY(${own}::text[]))`.execute(db);
  return rows.map((r) => r.locked_by);
}

// --- What a running job works on ---

/** Tasks of a stage not yet moved on (open or leased). */
export async function countAtStage(db: Db, projectId: string, stage: string): Promise<number> {
  const row = await db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId).where('stage', '=', stage).where('status', 'in', ['open', 'leased']).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Gives back the tasks of `stage` this worker holds in the project (leased by an attempt that died):
 * only one attempt of a job runs at a time, so the next one takes them again at once instead of
 * waiting for their leases to run out.
 */
export async function releaseLeases(db: Db, projectId: string, workerId: string, stage: string): Promise<number> {
  const r = await db.updateTable('tasks').set({ status: 'open', assignee_id: null, lease_expires_at: null, updated_at: sql`now()` })
    .where('project_id', '=', projectId).where('assignee_id', '=', workerId).where('stage', '=', stage).where('status', '=', 'leased')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The task, locked, if it is still leased by this lease (same worker, same attempt); else undefined. */
export async function lockOwnLease(db: Db, taskId: string, workerId: string, attempts: number): Promise<TaskRow | undefined> {
  return db.selectFrom('tasks').selectAll()
    .where('id', '=', taskId).where('status', '=', 'leased').where('assignee_id', '=', workerId).where('attempts', '=', attempts)
    .forUpdate().executeTakeFirst();
}

const openWithout = (db: Db, projectId: string, modelId: string, importId: string | null) => {
  let q = db.selectFrom('tasks as t')
    .where('t.project_id', '=', projectId).where('t.stage', '=', 'annotate').where('t.status', '=', 'open')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('predictions as p').select(sql`1`.as('one')).whereRef('p.item_id', '=', 't.item_id').where('p.model_id', '=', modelId))));
  if (importId) q = q.where(({ exists, selectFrom }) => exists(selectFrom('items as i').select(sql`1`.as('one')).whereRef('i.id', '=', 't.item_id').where('i.import_id', '=', importId)));
  return q;
};

/** Open tasks at annotate whose item has no prediction of this model (of one import when given). */
export async function countOpenWithout(db: Db, projectId: string, modelId: string, importId: string | null): Promise<number> {
  const row = await openWithout(db, projectId, modelId, importId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One such task, locked (SKIP LOCKED: workers and people pass each other), leaving out `skip` items. */
export async function lockOpenWithout(db: Db, projectId: string, modelId: string, importId: string | null, skip: string[]): Promise<TaskRow | undefined> {
  let q = openWithout(db, projectId, modelId, importId).selectAll('t');
  if (skip.length > 0) q = q.where('t.item_id', 'not in', skip);
  return q.orderBy('t.priority', 'desc').orderBy('t.id').limit(1).forUpdate().skipLocked().executeTakeFirst();
}

// --- What an evaluation reads and writes ---

/** Items whose latest annotation is accepted, with its objects: the truth a model is measured against. */
export interface AcceptedItem { item_id: string; annotation_id: string; author_id: string | null; payload: unknown }

/** How many items of the project have an accepted latest annotation (after `afterItemId`, in item order, when given). */
export async function countAccepted(db: Db, projectId: string, afterItemId: string | null = null): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${latestOfItems(projectId, afterItemId)} latest WHERE state = 'accepted'`.execute(db);
  return rows[0]?.n ?? 0;
}

/** The next page of such items after `afterItemId`, in item order. */
export async function acceptedPage(db: Db, projectId: string, afterItemId: string | null, limit: number): Promise<AcceptedItem[]> {
  const { rows } = await sql<AcceptedItem>`
    SELECT item_id, id AS annotation_id, author_id, payload FROM ${latestOfItems(projectId, afterItemId)} latest
    WHERE state = 'accepted' ORDER BY item_id LIMIT ${limit}`.execute(db);
  return rows;
}

/** Keeps a finished job's figures with it: an evaluation's, or what a backend answered to training. */
export async function storeResult(db: Db, id: string, key: 'evaluation' | 'training' | 'learning' | 'qualification', value: unknown): Promise<void> {
  await sql`UPDATE machine_jobs SET result = coalesce(result, '{}'::jsonb) || jsonb_build_object(${key}::text, ${JSON.stringify(value)}::jsonb), updated_at = now() WHERE id = ${id}`.execute(db);
}

export interface NewModelPrediction {
  id: string; projectId: string; itemId: string; modelId: string; jobId: string; modelVersion: string;
  score: number | null; schemaVersion: number; payload: unknown; machineMs: number; costMinor: number;
}

/** Stores the model's prediction for the item unless it has one already; true when stored. */
export async function insertModelPrediction(db: Db, p: NewModelPrediction): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO predictions (id, project_id, item_id, model_version, score, schema_version, payload, created_at, model_id, job_id, machine_ms, cost_minor)
    VALUES (${p.id}, ${p.projectId}, ${p.itemId}, ${p.modelVersion}, ${p.score}, ${p.schemaVersion}, ${JSON.stringify(p.payload)}::jsonb, now(), ${p.modelId}, ${p.jobId}, ${p.machineMs}, ${p.costMinor})
    ON CONFLICT (item_id, model_id) WHERE model_id IS NOT NULL DO NOTHING
    RETURNING id`.execute(db);
  return rows.length > 0;
}

/** Whether the item has a prediction of the model already. */
export async function hasModelPrediction(db: Db, itemId: string, modelId: string): Promise<boolean> {
  const row = await db.selectFrom('predictions').select('id').where('item_id', '=', itemId).where('model_id', '=', modelId).executeTakeFirst();
  return row !== undefined;
}

/** A one-item job's progress inside its item (frames done), before the item is stored. */
export async function setDone(db: Db, id: string, done: number): Promise<void> {
  await db.updateTable('machine_jobs').set({ done, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export type { MachineJobResult };

/** Whether the import is one of this project's. */
export async function importOfProject(db: Db, projectId: string, importId: string): Promise<boolean> {
  const row = await db.selectFrom('imports').select('id').where('id', '=', importId).where('project_id', '=', projectId).executeTakeFirst();
  return row !== undefined;
}

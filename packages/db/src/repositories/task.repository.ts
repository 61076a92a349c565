import { sql } from 'kysely';
import type { Db } from '../connection.ts';
import type { TaskRow } from '../schema.ts';
import type { Queryable } from '../connection.ts';
import { taskColumns } from './columns.ts';

// Tasks are leased in `lease.repository.ts` (every kind of claim, one statement each).

export async function heldLeases(db: Db, userId: string, projectId: string): Promise<TaskRow[]> {
  return db.selectFrom('tasks').selectAll()
    .where('assignee_id', '=', userId).where('project_id', '=', projectId).where('status', '=', 'leased')
    .orderBy('lease_expires_at').execute();
}

export async function renewLease(db: Db, taskId: string, userId: string, leaseSeconds: number): Promise<TaskRow | undefined> {
  return db.updateTable('tasks')
    .set({ lease_expires_at: sql`now() + make_interval(secs => ${leaseSeconds})`, updated_at: sql`now()` })
    .where('id', '=', taskId).where('assignee_id', '=', userId).where('status', '=', 'leased')
    .returningAll().executeTakeFirst();
}

export async function findTask(db: Db, taskId: string): Promise<TaskRow | undefined> {
  return db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
}

const LOCK_FOR_SUBMIT = {
  name: 'cadre_lock_for_submit_v5',
  text: `SELECT ${taskColumns('t')}, char_length(i.content) AS text_length, i.content AS item_text, jsonb_array_length(i.frames) AS frame_count,
           i.kind AS item_kind, i.asset AS item_asset, i.metadata AS item_metadata
         FROM tasks t JOIN items i ON i.id = t.item_id
         WHERE t.id = $1 FOR UPDATE OF t`,
};

type SubmitTaskRow = TaskRow & {
  text_length: number | null; frame_count: number | null;
  /** The text item's text (null for other kinds): spans are checked against its characters. */
  item_text: string | null;
  /** What the machine checks need to know of the item without reading its files. */
  item_kind: string; item_asset: string | null; item_metadata: Record<string, unknown> | null;
};

/** Locks the task (serialising a submit with its retries) and reads its text (and its length in code points) and its frame count. */
export async function lockForSubmit(client: Queryable, taskId: string): Promise<SubmitTaskRow | undefined> {
  return (await client.query<SubmitTaskRow>({ ...LOCK_FOR_SUBMIT, values: [taskId] })).rows[0];
}

export async function lockTask(db: Db, taskId: string): Promise<TaskRow | undefined> {
  return db.selectFrom('tasks').selectAll().where('id', '=', taskId).forUpdate().executeTakeFirst();
}

export async function completeTask(db: Db, taskId: string): Promise<void> {
  await db.updateTable('tasks')
    .set({ status: 'done', lease_expires_at: null, updated_at: sql`now()` })
    .where('id', '=', taskId).execute();
}

/** Gives a held task back to the queue; rework given back is no longer reserved for its author. */
export async function releaseTask(db: Db, taskId: string): Promise<void> {
  await db.updateTable('tasks')
    .set({ status: 'open', assignee_id: null, lease_expires_at: null, reserved_for: null, updated_at: sql`now()` })
    .where('id', '=', taskId).execute();
}

export async function recordSkip(db: Db, taskId: string, userId: string, reason: string | null): Promise<void> {
  await db.insertInto('task_skips').values({ task_id: taskId, user_id: userId, reason })
    .onConflict((oc) => oc.columns(['task_id', 'user_id']).doUpdateSet({ reason })).execute();
}

export interface ExpiredLease { id: string; project_id: string; assignee_id: string }

/** Returns every lease past its expiry to the pool, logging one event per task. */
export async function expireLeases(db: Db): Promise<ExpiredLease[]> {
  const result = await sql<ExpiredLease>`
    WITH old AS (
      SELECT id, assignee_id FROM tasks
      WHERE status = 'leased' AND lease_expires_at < now()
      FOR UPDATE SKIP LOCKED
    ), freed AS (
      UPDATE tasks t SET status = 'open', assignee_id = NULL, lease_expires_at = NULL, updated_at = now()
      FROM old WHERE t.id = old.id
      RETURNING t.id, t.project_id, old.assignee_id
    ), logged AS (
      INSERT INTO events (actor_kind, project_id, entity, entity_id, action, data)
      SELECT 'system', project_id, 'task', id::text, 'lease_expired', jsonb_build_object('assignee_id', assignee_id)
      FROM freed
    )
    SELECT * FROM freed`.execute(db);
  return result.rows;
}

export interface TaskListQuery {
  projectId: string;
  status?: string | undefined;
  assigneeId?: string | undefined;
  /** Keyset paging: the last id of the previous page. */
  after?: string | undefined;
  /** Oldest first (default) or newest first; both read the same index, forwards or backwards. */
  newestFirst?: boolean | undefined;
  limit: number;
}

export async function listTasks(db: Db, q: TaskListQuery): Promise<TaskRow[]> {
  let query = db.selectFrom('tasks').selectAll().where('project_id', '=', q.projectId);
  if (q.status) query = query.where('status', '=', q.status as TaskRow['status']);
  if (q.assigneeId) query = query.where('assignee_id', '=', q.assigneeId);
  if (q.after) query = query.where('id', q.newestFirst ? '<' : '>', q.after);
  return query.orderBy('id', q.newestFirst ? 'desc' : 'asc').limit(q.limit).execute();
}

/** Tasks per status for each of the given projects, in one query (the projects page shows them all). */
export async function countTasksByStatus(db: Db, projectIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>(projectIds.map((id) => [id, {}]));
  if (projectIds.length === 0) return out;
  const rows = await db.selectFrom('tasks').select(['project_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('project_id', 'in', projectIds).groupBy(['project_id', 'status']).execute();
  for (const r of rows) out.get(r.project_id)![r.status] = Number(r.n);
  return out;
}

/** Reviewed work waits in its QA batch. */
export async function moveForQa(db: Db, taskId: string, batchId: string, annotatorId: string): Promise<void> {
  await db.updateTable('tasks').set({
    stage: 'qa', status: 'waiting', batch_id: batchId, annotator_id: annotatorId, reserved_for: null,
    assignee_id: null, lease_expires_at: null, updated_at: sql`now()`,
  }).where('id', '=', taskId).execute();
}

/** Opens waiting tasks (a QA sample) for inspectors. */
export async function openTasks(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('tasks').set({ status: 'open', updated_at: sql`now()` }).where('id', 'in', ids).where('status', '=', 'waiting').execute();
}

/** An inspected task waits again for its batch's verdict. */
export async function parkInBatch(db: Db, taskId: string): Promise<void> {
  await db.updateTable('tasks').set({ status: 'waiting', assignee_id: null, lease_expires_at: null, updated_at: sql`now()` }).where('id', '=', taskId).execute();
}

export async function tasksByIds(db: Db, ids: readonly string[]): Promise<TaskRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('tasks').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

export async function latestAnnotationId(db: Db, itemId: string): Promise<string | null> {
  const row = await db.selectFrom('annotations').select('id').where('item_id', '=', itemId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? null;
}
